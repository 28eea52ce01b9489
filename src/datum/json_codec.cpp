// Avro JSON encoding and field defaults <-> Avro binary (spec "JSON
// Encoding", "Binary Encoding" and the field-default table of "Complex
// Types"). Both directions walk the schema graph recursively with an explicit
// depth limit, so recursive schemas and hostile input cannot exhaust the
// stack; every error carries the datum path and, when reading binary, the
// byte offset of the bad value.
//
// Representation choices shared with the Java implementation:
//  * float/double: a JSON number, or one of the JSON strings "NaN",
//    "Infinity" and "-Infinity" for the non-finite values JSON cannot express.
//  * bytes/fixed: a JSON string whose code points are all 0..255
//    (ISO-8859-1), one code point per byte.
//  * logical types do not change the representation (nor union branch names).
#include "datum/json_codec.h"

#include <cfloat>
#include <charconv>
#include <cmath>
#include <limits>
#include <unordered_map>
#include <vector>

namespace avro {

namespace {

// Values that occupy no bytes in binary (null, fixed(0), records of those)
// can be repeated without consuming input; one datum may decode at most this
// many of them, which bounds the output a small input can produce.
constexpr uint64_t kZeroByteValueBudget = uint64_t{1} << 24;

// Keeps the recursive functions' frames small (depth x frame size is the
// stack a deep datum needs; wasm stacks are small).
#define NOINLINE [[gnu::noinline]]

// Records and enums with more names than this get a hash index per call.
constexpr size_t kLinearLookupLimit = 16;

std::string quoted(std::string_view s) {
  std::string out;
  json::write_string(s, out);
  return out;
}

void append_int(int64_t value, std::string& out) {
  char buffer[24];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

std::string int_text(int64_t value) {
  std::string out;
  append_int(value, out);
  return out;
}

std::string index_segment(uint64_t index) { return "[" + std::to_string(index) + "]"; }
std::string key_segment(std::string_view key) { return "[" + quoted(key) + "]"; }

Error with_segment(Error error, std::string_view segment) {
  prepend_path(error, segment);
  return error;
}

// The key that selects a union branch in the JSON encoding: the full name of
// a named type, otherwise the kind ("int", "array", "map", ...).
std::string_view branch_name(const Node& node) {
  return node.is_named() ? std::string_view(node.fullname) : kind_name(node.kind);
}

std::string union_label(const Schema& schema, const Node& node) {
  std::string text = "[";
  for (size_t i = 0; i < node.branches.size(); ++i) {
    if (i > 0) text += ", ";
    text += branch_name(schema.node(node.branches[i]));
  }
  text += "]";
  return text;
}

// A short excerpt of a JSON value for messages.
std::string describe_json(const json::Value& value) {
  constexpr size_t kMaxExcerpt = 40;
  auto clip = [](std::string text) {
    if (text.size() > kMaxExcerpt) {
      size_t cut = kMaxExcerpt;
      // Do not cut inside a UTF-8 sequence.
      while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) --cut;
      text.resize(cut);
      text += "...";
    }
    return text;
  };
  switch (value.type()) {
    case json::Type::kNull: return "null";
    case json::Type::kBool: return value.as_bool() ? "true" : "false";
    case json::Type::kNumber: return "number " + clip(value.text());
    case json::Type::kString: return "string " + clip(quoted(value.text()));
    case json::Type::kArray: return "array";
    case json::Type::kObject: return "object";
  }
  return "value";
}

// "NaN", "Infinity", "-Infinity" as JSON strings.
bool special_double(const json::Value& value, double* out) {
  if (!value.is_string()) return false;
  const std::string& text = value.text();
  if (text == "NaN") {
    *out = std::numeric_limits<double>::quiet_NaN();
  } else if (text == "Infinity") {
    *out = std::numeric_limits<double>::infinity();
  } else if (text == "-Infinity") {
    *out = -std::numeric_limits<double>::infinity();
  } else {
    return false;
  }
  return true;
}

void append_special(double d, std::string& out) {
  if (std::isnan(d)) {
    out += "\"NaN\"";
  } else {
    out += d > 0 ? "\"Infinity\"" : "\"-Infinity\"";
  }
}

// Decodes UTF-8 `text` (already known to be valid) into one byte per code
// point; false if a code point is above U+00FF.
bool latin1_bytes(std::string_view text, std::string* out, uint32_t* bad_code_point) {
  out->clear();
  out->reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      out->push_back(static_cast<char>(lead));
      ++i;
      continue;
    }
    // Valid UTF-8, so the sequence length follows from the lead byte.
    size_t length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    if (length != 2 || lead > 0xc3 || i + 1 >= text.size()) {
      uint32_t cp = lead & (length == 2 ? 0x1fu : length == 3 ? 0x0fu : 0x07u);
      for (size_t k = 1; k < length && i + k < text.size(); ++k) {
        cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3fu);
      }
      *bad_code_point = cp;
      return false;
    }
    auto cont = static_cast<unsigned char>(text[i + 1]);
    out->push_back(static_cast<char>(((lead & 0x1fu) << 6) | (cont & 0x3fu)));
    i += 2;
  }
  return true;
}

// Each byte becomes the code point of the same value, written as UTF-8.
std::string bytes_as_code_points(std::string_view bytes) {
  std::string text;
  text.reserve(bytes.size());
  for (char c : bytes) {
    auto b = static_cast<unsigned char>(c);
    if (b < 0x80) {
      text.push_back(static_cast<char>(b));
    } else {
      text.push_back(static_cast<char>(0xc0 | (b >> 6)));
      text.push_back(static_cast<char>(0x80 | (b & 0x3f)));
    }
  }
  return text;
}

std::string code_point_text(uint32_t cp) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string text = "U+";
  int digits = cp > 0xffff ? 6 : 4;
  for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) text += kHex[(cp >> shift) & 0xf];
  return text;
}

// Name -> index for records (field names) and enums (symbols); large ones are
// hashed once per call, small ones scanned starting at the expected position.
class NameLookup {
 public:
  int32_t find(NodeId id, const Node& node, std::string_view name, size_t hint) {
    const bool record = node.kind == Kind::kRecord;
    const size_t count = record ? node.fields.size() : node.symbols.size();
    auto name_at = [&](size_t i) -> std::string_view {
      return record ? std::string_view(node.fields[i].name) : std::string_view(node.symbols[i]);
    };
    if (count == 0) return -1;
    if (count <= kLinearLookupLimit) {
      if (hint >= count) hint = 0;
      for (size_t k = 0; k < count; ++k) {
        size_t i = hint + k < count ? hint + k : hint + k - count;
        if (name_at(i) == name) return static_cast<int32_t>(i);
      }
      return -1;
    }
    auto [it, inserted] = indexes_.try_emplace(id);
    if (inserted) {
      it->second.reserve(count);
      for (size_t i = 0; i < count; ++i) it->second.emplace(name_at(i), static_cast<int32_t>(i));
    }
    auto found = it->second.find(name);
    return found == it->second.end() ? -1 : found->second;
  }

 private:
  std::unordered_map<NodeId, std::unordered_map<std::string_view, int32_t>> indexes_;
};

// ---------------------------------------------------------------------------
// JSON -> binary

class Encoder {
 public:
  Encoder(const Schema& schema, std::string& out, const JsonLimits& limits)
      : schema_(schema), out_(out), writer_(out), limits_(limits) {}

  Status encode(NodeId id, const json::Value& value, JsonMode mode, uint32_t depth) {
    if (depth > limits_.max_depth) {
      return make_error(ErrorCode::kLimitExceeded,
                        "value nested deeper than " + std::to_string(limits_.max_depth) + " levels");
    }
    const Node& node = schema_.node(id);
    switch (node.kind) {
      case Kind::kRecord: return encode_record(id, node, value, mode, depth);
      case Kind::kArray: return encode_array(node, value, mode, depth);
      case Kind::kMap: return encode_map(node, value, mode, depth);
      case Kind::kUnion:
        return mode == JsonMode::kDefault ? encode_default_union(id, node, value, depth)
                                          : encode_union(node, value, depth);
      default: return encode_leaf(id, node, value);
    }
  }

 private:
  Error mismatch(NodeId id, const json::Value& value) const {
    return invalid("expected " + schema_.describe(id) + ", got " + describe_json(value));
  }
  static Error invalid(std::string message) {
    return make_error(ErrorCode::kInvalidValue, std::move(message));
  }

  NOINLINE Status encode_leaf(NodeId id, const Node& node, const json::Value& value) {
    switch (node.kind) {
      case Kind::kNull:
        if (!value.is_null()) return mismatch(id, value);
        return Status::ok();
      case Kind::kBoolean:
        if (!value.is_bool()) return mismatch(id, value);
        writer_.write_byte(value.as_bool() ? 1 : 0);
        return Status::ok();
      case Kind::kInt: {
        int64_t i = 0;
        if (!value.is_number() || !value.as_int64(&i) || i < INT32_MIN || i > INT32_MAX) {
          return mismatch(id, value);
        }
        writer_.write_int(static_cast<int32_t>(i));
        return Status::ok();
      }
      case Kind::kLong: {
        int64_t i = 0;
        if (!value.is_number() || !value.as_int64(&i)) return mismatch(id, value);
        writer_.write_long(i);
        return Status::ok();
      }
      case Kind::kFloat: {
        double d = 0;
        if (special_double(value, &d)) {
          writer_.write_float(static_cast<float>(d));  // NaN and infinities convert exactly
          return Status::ok();
        }
        if (!value.is_number()) return mismatch(id, value);
        d = value.as_double();
        if (!std::isfinite(d)) return invalid(describe_json(value) + " is out of range for float");
        float f = 0;
        if (std::fabs(d) > FLT_MAX) {
          // Converting an out-of-range double is undefined; values below the
          // rounding midpoint to 2^128 round to FLT_MAX, the rest overflow.
          if (std::fabs(d) >= 0x1.ffffffp127) {
            return invalid(describe_json(value) + " is out of range for float");
          }
          f = std::copysign(FLT_MAX, static_cast<float>(d > 0 ? 1 : -1));
        } else {
          f = static_cast<float>(d);
        }
        writer_.write_float(f);
        return Status::ok();
      }
      case Kind::kDouble: {
        double d = 0;
        if (!special_double(value, &d)) {
          if (!value.is_number()) return mismatch(id, value);
          d = value.as_double();
          if (!std::isfinite(d)) return invalid(describe_json(value) + " is out of range for double");
        }
        writer_.write_double(d);
        return Status::ok();
      }
      case Kind::kString:
        if (!value.is_string()) return mismatch(id, value);
        if (!json::is_valid_utf8(value.text())) return invalid("string is not valid UTF-8");
        writer_.write_bytes(value.text());
        return Status::ok();
      case Kind::kBytes:
      case Kind::kFixed: {
        if (!value.is_string()) return mismatch(id, value);
        if (!json::is_valid_utf8(value.text())) return invalid("string is not valid UTF-8");
        std::string bytes;
        uint32_t bad = 0;
        if (!latin1_bytes(value.text(), &bytes, &bad)) {
          return invalid("code point " + code_point_text(bad) + " is not a byte (" +
                         std::string(kind_name(node.kind)) +
                         " values are strings of code points U+0000..U+00FF)");
        }
        if (node.kind == Kind::kBytes) {
          writer_.write_bytes(bytes);
        } else {
          if (bytes.size() != node.size) {
            return invalid("expected " + std::to_string(node.size) + " bytes for " +
                           schema_.describe(id) + ", got " + std::to_string(bytes.size()));
          }
          writer_.write_raw(bytes);
        }
        return Status::ok();
      }
      case Kind::kEnum: {
        if (!value.is_string()) return mismatch(id, value);
        int32_t index = names_.find(id, node, value.text(), 0);
        if (index < 0) {
          return invalid("unknown enum symbol " + quoted(value.text()) + " for enum " + node.fullname);
        }
        writer_.write_int(index);
        return Status::ok();
      }
      default:
        return make_error(ErrorCode::kInternal, "unexpected schema node " + schema_.describe(id));
    }
  }

  NOINLINE Status encode_record(NodeId id, const Node& node, const json::Value& value, JsonMode mode,
                       uint32_t depth) {
    if (!value.is_object()) return mismatch(id, value);
    const auto& fields = node.fields;
    const auto& members = value.members();
    // member_of[f]: index of the JSON member holding field f, or -1.
    constexpr size_t kInline = 16;
    int64_t inline_slots[kInline];
    std::vector<int64_t> heap_slots;
    int64_t* member_of = inline_slots;
    if (fields.size() > kInline) {
      heap_slots.assign(fields.size(), -1);
      member_of = heap_slots.data();
    } else {
      for (size_t f = 0; f < fields.size(); ++f) member_of[f] = -1;
    }
    size_t hint = 0;
    for (size_t m = 0; m < members.size(); ++m) {
      int32_t f = names_.find(id, node, members[m].first, hint);
      if (f < 0) return invalid("unknown field " + quoted(members[m].first));
      if (member_of[f] >= 0) return invalid("duplicate field " + quoted(members[m].first));
      member_of[f] = static_cast<int64_t>(m);
      hint = static_cast<size_t>(f) + 1;
    }
    for (size_t f = 0; f < fields.size(); ++f) {
      const Field& field = fields[f];
      Status status;
      if (member_of[f] >= 0) {
        status = encode(field.type, members[static_cast<size_t>(member_of[f])].second, mode,
                        depth + 1);
      } else if (!field.has_default) {
        return invalid("missing field " + quoted(field.name));
      } else if (!field.default_binary.empty()) {
        // Encoded when the schema was parsed.
        writer_.write_raw(field.default_binary);
      } else {
        // Not encoded yet (the schema is being parsed) or encodes to nothing.
        status = encode(field.type, field.default_json, JsonMode::kDefault, depth + 1);
      }
      if (!status) return with_segment(std::move(status).error(), "." + field.name);
    }
    return Status::ok();
  }

  NOINLINE Status encode_array(const Node& node, const json::Value& value, JsonMode mode, uint32_t depth) {
    if (!value.is_array()) return invalid("expected array, got " + describe_json(value));
    const auto& items = value.items();
    if (!items.empty()) {
      writer_.write_long(static_cast<int64_t>(items.size()));
      for (size_t i = 0; i < items.size(); ++i) {
        Status status = encode(node.items, items[i], mode, depth + 1);
        if (!status) return with_segment(std::move(status).error(), index_segment(i));
      }
    }
    writer_.write_long(0);
    return Status::ok();
  }

  NOINLINE Status encode_map(const Node& node, const json::Value& value, JsonMode mode, uint32_t depth) {
    if (!value.is_object()) return invalid("expected map, got " + describe_json(value));
    const auto& members = value.members();
    if (!members.empty()) {
      writer_.write_long(static_cast<int64_t>(members.size()));
      for (const auto& [key, item] : members) {
        if (!json::is_valid_utf8(key)) return invalid("map key is not valid UTF-8");
        writer_.write_bytes(key);
        Status status = encode(node.items, item, mode, depth + 1);
        if (!status) return with_segment(std::move(status).error(), key_segment(key));
      }
    }
    writer_.write_long(0);
    return Status::ok();
  }

  int32_t find_branch(const Node& node, std::string_view key) const {
    int32_t short_match = -1;
    int short_matches = 0;
    for (size_t i = 0; i < node.branches.size(); ++i) {
      const Node& branch = schema_.node(node.branches[i]);
      if (branch_name(branch) == key) return static_cast<int32_t>(i);
      if (branch.is_named() && branch.name == key) {
        short_match = static_cast<int32_t>(i);
        ++short_matches;
      }
    }
    return short_matches == 1 ? short_match : -1;
  }

  // Avro JSON: null, or {"<branch name>": value}.
  NOINLINE Status encode_union(const Node& node, const json::Value& value, uint32_t depth) {
    int32_t branch = -1;
    const json::Value* inner = &value;
    if (value.is_null()) {
      branch = find_branch(node, "null");
      if (branch < 0) {
        return invalid("null is not a branch of union " + union_label(schema_, node));
      }
    } else if (value.is_object() && value.members().size() == 1) {
      const auto& [key, wrapped] = value.members()[0];
      branch = find_branch(node, key);
      if (branch < 0) {
        return invalid("unknown branch " + quoted(key) + " for union " + union_label(schema_, node));
      }
      inner = &wrapped;
    } else {
      return invalid("expected null or {\"<branch>\": value} for union " +
                     union_label(schema_, node) + ", got " + describe_json(value));
    }
    writer_.write_long(branch);
    return encode(node.branches[static_cast<size_t>(branch)], *inner, JsonMode::kAvroJson,
                  depth + 1);
  }

  // Defaults: unwrapped; the first branch that accepts the value. Outcomes are
  // memoized per (value, union) so that nested unions cannot make the trial
  // and error exponential.
  NOINLINE Status encode_default_union(NodeId id, const Node& node, const json::Value& value,
                              uint32_t depth) {
    const MemoKey key{&value, id};
    auto memo = union_choices_.find(key);
    if (memo != union_choices_.end()) {
      if (memo->second < 0) return no_branch(node, value);
      writer_.write_long(memo->second);
      return encode(node.branches[static_cast<size_t>(memo->second)], value, JsonMode::kDefault,
                    depth + 1);
    }
    const size_t mark = out_.size();
    for (size_t i = 0; i < node.branches.size(); ++i) {
      writer_.write_long(static_cast<int64_t>(i));
      Status status = encode(node.branches[i], value, JsonMode::kDefault, depth + 1);
      if (status) {
        union_choices_[key] = static_cast<int32_t>(i);
        return Status::ok();
      }
      out_.resize(mark);
      // Limits and internal errors are not "this branch does not match".
      if (status.error().code != ErrorCode::kInvalidValue) return status;
    }
    union_choices_[key] = -1;
    return no_branch(node, value);
  }

  Error no_branch(const Node& node, const json::Value& value) const {
    return invalid(describe_json(value) + " matches no branch of union " + union_label(schema_, node));
  }

  struct MemoKey {
    const json::Value* value;
    NodeId node;
    bool operator==(const MemoKey& other) const {
      return value == other.value && node == other.node;
    }
  };
  struct MemoHash {
    size_t operator()(const MemoKey& key) const {
      return std::hash<const void*>()(key.value) * 31 + key.node;
    }
  };

  const Schema& schema_;
  std::string& out_;
  ByteWriter writer_;
  const JsonLimits& limits_;
  NameLookup names_;
  std::unordered_map<MemoKey, int32_t, MemoHash> union_choices_;
};

// ---------------------------------------------------------------------------
// binary -> JSON

class Decoder {
 public:
  Decoder(const Schema& schema, ByteReader& reader, std::string& out, const JsonLimits& limits)
      : schema_(schema), reader_(reader), out_(out), limits_(limits) {}

  Status decode(NodeId id, uint32_t depth) {
    const size_t start = reader_.position();
    if (depth > limits_.max_depth) {
      return fail(ErrorCode::kLimitExceeded,
                  "value nested deeper than " + std::to_string(limits_.max_depth) + " levels",
                  start);
    }
    const Node& node = schema_.node(id);
    Status status;
    switch (node.kind) {
      case Kind::kRecord: status = decode_record(node, depth); break;
      case Kind::kArray: status = decode_array(node, depth); break;
      case Kind::kMap: status = decode_map(node, depth); break;
      case Kind::kUnion: status = decode_union(node, depth, start); break;
      default: status = decode_leaf(id, node, start); break;
    }
    if (status && reader_.position() == start) {
      if (zero_byte_budget_ == 0) return zero_byte_limit(start);
      --zero_byte_budget_;
    }
    return status;
  }

 private:
  static Error fail(ErrorCode code, std::string message, size_t offset) {
    return make_error(code, std::move(message), static_cast<int64_t>(offset));
  }
  static Error read_error(ReadStatus status, std::string_view what, size_t offset) {
    if (status == ReadStatus::kTruncated) {
      return fail(ErrorCode::kTruncated, "input ends inside " + std::string(what), offset);
    }
    return fail(ErrorCode::kInvalidData, "invalid varint for " + std::string(what), offset);
  }
  static Error zero_byte_limit(size_t offset) {
    return fail(ErrorCode::kLimitExceeded,
                "more than " + std::to_string(kZeroByteValueBudget) +
                    " values that occupy no bytes in one datum",
                offset);
  }

  // A length-prefixed byte sequence (bytes, string, map key).
  Status read_length_prefixed(std::string_view what, std::string_view* out) {
    const size_t start = reader_.position();
    int64_t length = 0;
    ReadStatus status = reader_.read_long(&length);
    if (status != ReadStatus::kOk) return read_error(status, what, start);
    if (length < 0) {
      return fail(ErrorCode::kInvalidData,
                  "negative length " + int_text(length) + " for " + std::string(what), start);
    }
    if (static_cast<uint64_t>(length) > reader_.remaining()) {
      return fail(ErrorCode::kTruncated,
                  std::string(what) + " length " + int_text(length) + " exceeds the " +
                      std::to_string(reader_.remaining()) + " remaining bytes",
                  start);
    }
    (void)reader_.read_raw(static_cast<size_t>(length), out);
    return Status::ok();
  }

  Status read_string(std::string_view what, std::string_view* out) {
    const size_t start = reader_.position();
    AVRO_TRY(read_length_prefixed(what, out));
    if (!json::is_valid_utf8(*out)) {
      return fail(ErrorCode::kInvalidUtf8, std::string(what) + " is not valid UTF-8", start);
    }
    return Status::ok();
  }

  NOINLINE Status decode_leaf(NodeId id, const Node& node, size_t start) {
    switch (node.kind) {
      case Kind::kNull:
        out_ += "null";
        return Status::ok();
      case Kind::kBoolean: {
        std::string_view byte;
        if (reader_.read_raw(1, &byte) != ReadStatus::kOk) {
          return read_error(ReadStatus::kTruncated, "a boolean", start);
        }
        auto b = static_cast<unsigned char>(byte[0]);
        if (b > 1) {
          return fail(ErrorCode::kInvalidData, "invalid boolean byte " + std::to_string(b), start);
        }
        out_ += b ? "true" : "false";
        return Status::ok();
      }
      case Kind::kInt: {
        int32_t i = 0;
        ReadStatus status = reader_.read_int(&i);
        if (status != ReadStatus::kOk) return read_error(status, "an int", start);
        append_int(i, out_);
        return Status::ok();
      }
      case Kind::kLong: {
        int64_t i = 0;
        ReadStatus status = reader_.read_long(&i);
        if (status != ReadStatus::kOk) return read_error(status, "a long", start);
        append_int(i, out_);
        return Status::ok();
      }
      case Kind::kFloat: {
        float f = 0;
        if (reader_.read_float(&f) != ReadStatus::kOk) {
          return read_error(ReadStatus::kTruncated, "a float", start);
        }
        if (std::isfinite(f)) {
          json::write_float(f, out_);
        } else {
          append_special(f, out_);
        }
        return Status::ok();
      }
      case Kind::kDouble: {
        double d = 0;
        if (reader_.read_double(&d) != ReadStatus::kOk) {
          return read_error(ReadStatus::kTruncated, "a double", start);
        }
        if (std::isfinite(d)) {
          json::write_double(d, out_);
        } else {
          append_special(d, out_);
        }
        return Status::ok();
      }
      case Kind::kBytes: {
        std::string_view bytes;
        AVRO_TRY(read_length_prefixed("bytes", &bytes));
        json::write_string(bytes_as_code_points(bytes), out_);
        return Status::ok();
      }
      case Kind::kFixed: {
        std::string_view bytes;
        if (reader_.read_raw(node.size, &bytes) != ReadStatus::kOk) {
          return fail(ErrorCode::kTruncated,
                      "input ends inside " + schema_.describe(id) + " of " +
                          std::to_string(node.size) + " bytes",
                      start);
        }
        json::write_string(bytes_as_code_points(bytes), out_);
        return Status::ok();
      }
      case Kind::kString: {
        std::string_view text;
        AVRO_TRY(read_string("string", &text));
        json::write_string(text, out_);
        return Status::ok();
      }
      case Kind::kEnum: {
        int32_t index = 0;
        ReadStatus status = reader_.read_int(&index);
        if (status != ReadStatus::kOk) return read_error(status, "an enum index", start);
        if (index < 0 || static_cast<size_t>(index) >= node.symbols.size()) {
          return fail(ErrorCode::kInvalidData,
                      "enum index " + std::to_string(index) + " out of range (" +
                          std::to_string(node.symbols.size()) + " symbols in " + node.fullname +
                          ")",
                      start);
        }
        json::write_string(node.symbols[static_cast<size_t>(index)], out_);
        return Status::ok();
      }
      default:
        return fail(ErrorCode::kInternal, "unexpected schema node " + schema_.describe(id), start);
    }
  }

  NOINLINE Status decode_record(const Node& node, uint32_t depth) {
    out_ += '{';
    for (size_t f = 0; f < node.fields.size(); ++f) {
      const Field& field = node.fields[f];
      if (f > 0) out_ += ',';
      json::write_string(field.name, out_);
      out_ += ':';
      Status status = decode(field.type, depth + 1);
      if (!status) return with_segment(std::move(status).error(), "." + field.name);
    }
    out_ += '}';
    return Status::ok();
  }

  NOINLINE Status decode_union(const Node& node, uint32_t depth, size_t start) {
    int64_t index = 0;
    ReadStatus status = reader_.read_long(&index);
    if (status != ReadStatus::kOk) return read_error(status, "a union branch index", start);
    if (index < 0 || static_cast<uint64_t>(index) >= node.branches.size()) {
      return fail(ErrorCode::kInvalidData,
                  "union branch index " + int_text(index) + " out of range (" +
                      std::to_string(node.branches.size()) + " branches)",
                  start);
    }
    const NodeId branch = node.branches[static_cast<size_t>(index)];
    const Node& branch_node = schema_.node(branch);
    if (branch_node.kind == Kind::kNull) {
      out_ += "null";
      return Status::ok();
    }
    out_ += '{';
    json::write_string(branch_name(branch_node), out_);
    out_ += ':';
    AVRO_TRY(decode(branch, depth + 1));
    out_ += '}';
    return Status::ok();
  }

  // Reads a block count (and, for a negative count, the block's byte size,
  // which is checked but not otherwise used). Returns the item count, 0 at the
  // end of the sequence. `min_item_bytes_zero` relaxes the plausibility check.
  Status read_block_count(bool items_may_be_empty, uint64_t* count) {
    const size_t start = reader_.position();
    int64_t n = 0;
    ReadStatus status = reader_.read_long(&n);
    if (status != ReadStatus::kOk) return read_error(status, "a block count", start);
    if (n < 0) {
      if (n == std::numeric_limits<int64_t>::min()) {
        return fail(ErrorCode::kInvalidData, "invalid block count " + int_text(n), start);
      }
      n = -n;
      const size_t size_start = reader_.position();
      int64_t size = 0;
      status = reader_.read_long(&size);
      if (status != ReadStatus::kOk) return read_error(status, "a block size", size_start);
      if (size < 0) {
        return fail(ErrorCode::kInvalidData, "negative block size " + int_text(size), size_start);
      }
      if (static_cast<uint64_t>(size) > reader_.remaining()) {
        return fail(ErrorCode::kTruncated,
                    "block size " + int_text(size) + " exceeds the " +
                        std::to_string(reader_.remaining()) + " remaining bytes",
                    size_start);
      }
    }
    const auto items = static_cast<uint64_t>(n);
    if (!items_may_be_empty && items > reader_.remaining()) {
      return fail(ErrorCode::kTruncated,
                  "block count " + int_text(n) + " exceeds the " +
                      std::to_string(reader_.remaining()) + " remaining bytes",
                  start);
    }
    if (items > limits_.max_block_items) {
      return fail(ErrorCode::kLimitExceeded,
                  "block of " + int_text(n) + " items exceeds the limit of " +
                      std::to_string(limits_.max_block_items),
                  start);
    }
    if (items_may_be_empty && items > zero_byte_budget_) return zero_byte_limit(start);
    *count = items;
    return Status::ok();
  }

  NOINLINE Status decode_array(const Node& node, uint32_t depth) {
    const bool may_be_empty = occupies_no_bytes(node.items);
    out_ += '[';
    uint64_t index = 0;
    while (true) {
      uint64_t count = 0;
      AVRO_TRY(read_block_count(may_be_empty, &count));
      if (count == 0) break;
      for (uint64_t i = 0; i < count; ++i, ++index) {
        if (index > 0) out_ += ',';
        Status status = decode(node.items, depth + 1);
        if (!status) return with_segment(std::move(status).error(), index_segment(index));
      }
    }
    out_ += ']';
    return Status::ok();
  }

  NOINLINE Status decode_map(const Node& node, uint32_t depth) {
    out_ += '{';
    bool first = true;
    while (true) {
      uint64_t count = 0;
      AVRO_TRY(read_block_count(false, &count));  // every entry has a key length
      if (count == 0) break;
      for (uint64_t i = 0; i < count; ++i) {
        if (!first) out_ += ',';
        first = false;
        std::string_view key;
        AVRO_TRY(read_string("map key", &key));
        json::write_string(key, out_);
        out_ += ':';
        Status status = decode(node.items, depth + 1);
        if (!status) return with_segment(std::move(status).error(), key_segment(key));
      }
    }
    out_ += '}';
    return Status::ok();
  }

  // Whether a value of this type can be encoded in zero bytes: null, fixed(0)
  // and records whose fields all are. Records are resolved with an explicit
  // stack (type graphs can be deep) and memoized. A record that reaches itself
  // through record fields alone has no finite values; treating such a cycle
  // as "not empty" is therefore harmless.
  bool occupies_no_bytes(NodeId id) {
    auto direct = [this](NodeId node_id, bool* known) {
      const Node& node = schema_.node(node_id);
      *known = true;
      switch (node.kind) {
        case Kind::kNull: return true;
        case Kind::kFixed: return node.size == 0;
        case Kind::kRecord: {
          auto it = empty_memo_.find(node_id);
          if (it == empty_memo_.end()) {
            *known = false;
            return false;
          }
          return it->second == kEmpty;
        }
        default: return false;
      }
    };
    bool known = false;
    bool result = direct(id, &known);
    if (known) return result;

    struct Frame {
      NodeId id;
      size_t field;
    };
    std::vector<Frame> stack;
    empty_memo_[id] = kInProgress;
    stack.push_back({id, 0});
    while (!stack.empty()) {
      Frame& top = stack.back();
      const Node& node = schema_.node(top.id);
      if (top.field == node.fields.size()) {
        empty_memo_[top.id] = kEmpty;
        stack.pop_back();
        continue;
      }
      NodeId child = node.fields[top.field].type;
      bool child_known = false;
      bool child_empty = direct(child, &child_known);
      if (!child_known) {
        empty_memo_[child] = kInProgress;
        stack.push_back({child, 0});  // `top` is dangling from here on
        continue;
      }
      if (child_empty) {
        ++top.field;
      } else {
        empty_memo_[top.id] = kNotEmpty;
        stack.pop_back();
      }
    }
    return empty_memo_[id] == kEmpty;
  }

  enum EmptyState : uint8_t { kInProgress, kEmpty, kNotEmpty };

  const Schema& schema_;
  ByteReader& reader_;
  std::string& out_;
  const JsonLimits& limits_;
  uint64_t zero_byte_budget_ = kZeroByteValueBudget;
  std::unordered_map<NodeId, EmptyState> empty_memo_;
};

}  // namespace

Status json_to_binary(const Schema& schema, NodeId node, const json::Value& value, JsonMode mode,
                      std::string& out, const JsonLimits& limits) {
  if (node >= schema.node_count()) {
    return make_error(ErrorCode::kInternal, "schema node " + std::to_string(node) + " does not exist");
  }
  const size_t mark = out.size();
  Encoder encoder(schema, out, limits);
  Status status = encoder.encode(node, value, mode, 0);
  if (!status) out.resize(mark);
  return status;
}

Status binary_to_json(const Schema& schema, NodeId node, ByteReader& reader, std::string& out,
                      const JsonLimits& limits) {
  const size_t start = reader.position();
  if (node >= schema.node_count()) {
    return make_error(ErrorCode::kInternal, "schema node " + std::to_string(node) + " does not exist",
                      static_cast<int64_t>(start));
  }
  const size_t mark = out.size();
  Decoder decoder(schema, reader, out, limits);
  Status status = decoder.decode(node, 0);
  if (!status) {
    // Leave the reader at the bad value, as ByteReader does for primitives.
    out.resize(mark);
    int64_t offset = status.error().offset;
    reader.seek(offset >= 0 ? static_cast<size_t>(offset) : start);
  }
  return status;
}

}  // namespace avro
