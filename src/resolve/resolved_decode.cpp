// Decoding writer bytes through a Resolver into the reader's tape layout.
#include <algorithm>
#include <climits>
#include <cmath>

#include "datum/block_count.h"
#include "datum/logical.h"
#include "datum/utf8.h"
#include "resolve/resolver.h"

namespace avro {

namespace {

constexpr double kMaxSafeInteger = 9007199254740991.0;

// Where each tape array stood at one moment: the ends of a field's values.
struct TapeMark {
  size_t nums, bigs, text, text_ends, blobs, blob_ends;
  uint32_t text_units;
};

TapeMark mark(const Tape& tape) {
  return {tape.nums.size(), tape.bigs.size(), tape.text.size(), tape.text_ends.size(),
          tape.blobs.size(), tape.blob_ends.size(), tape.text_units};
}

class ResolvedWalker {
 public:
  ResolvedWalker(const Resolver& resolver, ByteReader& reader, Tape& tape, const Limits& limits)
      : resolver_(resolver), reader_(reader), tape_(tape), limits_(limits),
        zero_size_budget_(tape.zero_size_budget(limits.max_zero_size_items)) {}

  // `tail`: the datum's end need not be reached (see Resolver::decode).
  Status run(uint32_t step, bool tail) {
    // The budget is the tape's (per call, see Tape::zero_size_items).
    uint64_t initial = zero_size_budget_;
    bool ok = walk(step, 0, tail);
    tape_.zero_size_items += initial - zero_size_budget_;
    if (!ok) return std::move(error_);
    return Status::ok();
  }

 private:
  bool fail(ErrorCode code, std::string message, size_t offset) {
    error_ = make_error(code, std::move(message), static_cast<int64_t>(offset));
    return false;
  }

  bool take(Status status) {
    if (status) return true;
    error_ = std::move(status).error();
    return false;
  }

  // The remaining depth, so nested decodes by the plain programs respect it.
  Limits nested_limits(uint32_t depth) const {
    Limits limits = limits_;
    limits.max_depth = limits_.max_depth > depth ? limits_.max_depth - depth : 1;
    return limits;
  }

  bool read_index(int64_t* value, const char* what) {
    size_t start = reader_.position();
    ReadStatus status = reader_.read_long(value);
    if (status == ReadStatus::kOk) return true;
    return fail(status == ReadStatus::kTruncated ? ErrorCode::kTruncated : ErrorCode::kInvalidData,
                std::string(status == ReadStatus::kTruncated ? "input ended inside " : "malformed varint in ") + what,
                start);
  }

  // `tail`: nothing after this value is needed, so a record may stop after
  // the last field the reader uses.
  bool walk(uint32_t id, uint32_t depth, bool tail = false) {
    if (depth > limits_.max_depth) {
      return fail(ErrorCode::kLimitExceeded, "value nested deeper than " + std::to_string(limits_.max_depth),
                  reader_.position());
    }
    const RStep& step = resolver_.step(id);
    size_t start = reader_.position();
    switch (step.op) {
      case ROp::kDirect:
        if (direct_primitive(step.reader, start)) return true;
        if (error_.code != ErrorCode::kOk) return false;
        return take(resolver_.reader_program().decode_node(step.reader, reader_, tape_, nested_limits(depth)));
      case ROp::kSkip: return skip(step.writer, depth);
      case ROp::kPromote: return promote(step, start);
      case ROp::kRecord: return step.ordered ? record_in_order(step, depth, tail) : record_reordered(step, depth, tail);
      case ROp::kEnum: {
        int64_t index = 0;
        if (!read_index(&index, "enum")) return false;
        if (index < 0 || static_cast<uint64_t>(index) >= step.count) {
          return fail(ErrorCode::kInvalidData, "enum index " + std::to_string(index) + " out of range", start);
        }
        int32_t target = resolver_.index(step, static_cast<uint32_t>(index));
        if (target < 0) {
          const Node& node = resolver_.writer_program().schema().node(step.writer);
          return fail(ErrorCode::kIncompatible,
                      "writer symbol \"" + node.symbols[static_cast<size_t>(index)] +
                          "\" is not in the reader enum, which has no default",
                      start);
        }
        tape_.nums.push_back(target);
        return true;
      }
      case ROp::kUnion: {
        int64_t index = 0;
        if (!read_index(&index, "union branch index")) return false;
        if (index < 0 || static_cast<uint64_t>(index) >= step.count) {
          return fail(ErrorCode::kInvalidData, "union branch index " + std::to_string(index) + " out of range", start);
        }
        auto branch = static_cast<uint32_t>(index);
        int32_t target = resolver_.index(step, branch);
        if (target >= 0) tape_.nums.push_back(target);
        return walk(resolver_.child(step, branch), depth + 1);
      }
      case ROp::kToUnion:
        tape_.nums.push_back(step.branch);
        return walk(resolver_.child(step, 0), depth + 1);
      case ROp::kArray:
      case ROp::kMap: return collection(step, depth);
      case ROp::kFail: return fail(ErrorCode::kIncompatible, resolver_.message(step), start);
    }
    return fail(ErrorCode::kInternal, "unknown resolution step", start);
  }

  // The common plain primitives decoded inline (a nested program walk per
  // field costs more than the value). False with no error: not handled here.
  bool direct_primitive(NodeId reader, size_t start) {
    const Step& step = resolver_.reader_program().step(reader);
    int64_t value = 0;
    std::string_view bytes;
    switch (step.op) {
      case Op::kInt:
      case Op::kLong: {
        ReadStatus status = reader_.read_long(&value);
        if (status != ReadStatus::kOk) return rewind(start);
        if (step.op == Op::kInt && (value < INT32_MIN || value > INT32_MAX)) return rewind(start);
        return emit_long(value);
      }
      case Op::kDouble: {
        double number = 0;
        if (reader_.read_double(&number) != ReadStatus::kOk) return rewind(start);
        tape_.nums.push_back(number);
        return true;
      }
      case Op::kString:
      case Op::kBytes: {
        ReadStatus status = reader_.read_long(&value);
        if (status != ReadStatus::kOk) return rewind(start);
        if (value < 0 || static_cast<uint64_t>(value) > limits_.max_length ||
            reader_.read_raw(static_cast<size_t>(value), &bytes) != ReadStatus::kOk) {
          return rewind(start);
        }
        return step.op == Op::kString ? emit_string(bytes, start) : emit_blob(bytes);
      }
      default: return false;
    }
  }

  // Gives a value back to the program, which re-reads it and names the problem.
  bool rewind(size_t start) {
    reader_.seek(start);
    return false;
  }

  // Projection skips most fields: primitives are stepped over inline, only
  // complex values go through the writer program's skipper.
  bool skip(NodeId writer, uint32_t depth) {
    const Step& step = resolver_.writer_program().step(writer);
    size_t start = reader_.position();
    int64_t value = 0;
    std::string_view ignored;
    switch (step.op) {
      case Op::kNull: return true;
      case Op::kInt:
      case Op::kLong:
      case Op::kEnum: return read_index(&value, "number");
      case Op::kBoolean:
      case Op::kFloat:
      case Op::kDouble:
      case Op::kFixed: {
        size_t size = step.op == Op::kBoolean ? 1 : step.op == Op::kFloat ? 4 : step.op == Op::kDouble ? 8 : step.size;
        if (reader_.read_raw(size, &ignored) == ReadStatus::kOk) return true;
        return fail(ErrorCode::kTruncated, "input ended inside a skipped value", start);
      }
      case Op::kString:
      case Op::kBytes:
        if (!read_index(&value, "length")) return false;
        if (value < 0 || static_cast<uint64_t>(value) > reader_.remaining()) {
          return fail(value < 0 ? ErrorCode::kInvalidData : ErrorCode::kTruncated, "bad length of a skipped value",
                      start);
        }
        reader_.read_raw(static_cast<size_t>(value), &ignored);
        return true;
      default:
        return take(resolver_.writer_program().skip_node(writer, reader_, nested_limits(depth)));
    }
  }

  // Reads the writer's primitive raw, then stores it as the reader's op
  // expects (logical conversions included).
  bool promote(const RStep& step, size_t start) {
    scratch_.clear();
    if (!take(resolver_.writer_program().decode_node(step.writer, reader_, scratch_, limits_))) return false;
    Kind from = resolver_.writer_program().schema().node(step.writer).kind;
    const Step& to = resolver_.reader_program().step(step.reader);
    if (from == Kind::kString || from == Kind::kBytes) {
      std::string_view bytes = from == Kind::kString ? std::string_view(scratch_.text) : std::string_view(scratch_.blobs);
      switch (to.op) {
        case Op::kBytes: return emit_blob(bytes);
        case Op::kString: return emit_string(bytes, start);
        case Op::kDecimalBytes: return emit_text(decimal_to_string(bytes, to.scale), start);
        case Op::kBigDecimal: return emit_text(big_decimal_to_string(bytes), start);
        default: break;
      }
      return fail(ErrorCode::kInternal, "unexpected promotion target", start);
    }
    // Numbers: the exact writer value, then the reader's precision.
    double number = scratch_.nums[0];
    // Only int and long values are integral: a float such as 2^64 does not
    // fit an int64, and converting it would trap in wasm.
    bool integral = from == Kind::kInt || from == Kind::kLong;
    int64_t exact = !integral ? 0 : std::isnan(number) ? scratch_.bigs[0] : static_cast<int64_t>(number);
    switch (to.op) {
      case Op::kLong: return emit_long(exact);
      case Op::kFloat:
        tape_.nums.push_back(static_cast<float>(from == Kind::kFloat ? number : static_cast<double>(exact)));
        return true;
      case Op::kDouble:
        tape_.nums.push_back(from == Kind::kFloat ? number : static_cast<double>(exact));
        return true;
      case Op::kTimeMicrosSplit:
      case Op::kTimeNanosSplit: {
        int64_t per_milli = to.op == Op::kTimeMicrosSplit ? 1000 : 1000000;
        int64_t millis = exact / per_milli, rest = exact % per_milli;
        if (rest < 0) millis -= 1, rest += per_milli;
        tape_.nums.push_back(static_cast<double>(millis));
        tape_.nums.push_back(static_cast<double>(rest * (1000000 / per_milli)));
        return true;
      }
      default: return fail(ErrorCode::kInternal, "unexpected promotion target", start);
    }
  }

  bool emit_long(int64_t value) {
    auto as_double = static_cast<double>(value);
    if (std::fabs(as_double) <= kMaxSafeInteger) {
      tape_.nums.push_back(as_double);
    } else {
      tape_.nums.push_back(std::nan(""));
      tape_.bigs.push_back(value);
    }
    return true;
  }

  bool emit_blob(std::string_view bytes) {
    tape_.blobs.append(bytes);
    tape_.blob_ends.push_back(static_cast<uint32_t>(tape_.blobs.size()));
    return true;
  }

  bool emit_string(std::string_view text, size_t start) {
    uint32_t units = 0;
    if (!utf16_length(text, &units)) return fail(ErrorCode::kInvalidUtf8, "string is not valid UTF-8", start);
    if (units > UINT32_MAX - tape_.text_units) return fail(ErrorCode::kLimitExceeded, "too much text", start);
    tape_.text.append(text);
    tape_.text_units += units;
    tape_.text_ends.push_back(tape_.text_units);
    return true;
  }

  bool emit_text(Result<std::string> text, size_t start) {
    if (!text) return fail(text.error().code, text.error().message, start);
    return emit_string(text.value(), start);
  }

  bool emit_default(const RStep& step, int32_t reader_field) {
    const Field& field = resolver_.reader_program().schema().node(step.reader).fields[static_cast<size_t>(reader_field)];
    ByteReader bytes(field.default_binary);
    return take(resolver_.reader_program().decode_node(field.type, bytes, tape_, limits_));
  }

  bool field(const RStep& step, uint32_t i, uint32_t depth, bool tail) {
    if (walk(resolver_.child(step, i), depth + 1, tail)) return true;
    const Node& node = resolver_.writer_program().schema().node(step.writer);
    prepend_path(error_, "." + node.fields[i].name);
    return false;
  }

  // How many writer fields to read, and whether a run starting at field i
  // was stepped over (advancing i past it).
  static uint32_t fields_to_read(const RStep& step, bool tail) { return tail ? step.needed : step.count; }

  bool skipped_run(const RStep& step, uint32_t* i, uint32_t limit) {
    const SkipRun& run = resolver_.skip_run(step, *i);
    uint32_t fields = std::min(run.fields, limit - *i);
    if (fields == 0 || !skip_run(reader_, resolver_.skip_items(run), fields)) return false;
    *i += fields;
    return true;
  }

  // Writer fields arrive in reader order: defaults are slotted in between.
  bool record_in_order(const RStep& step, uint32_t depth, bool tail) {
    uint32_t next_default = 0;
    uint32_t limit = fields_to_read(step, tail);
    for (uint32_t i = 0; i < limit; ++i) {
      while (i < limit && skipped_run(step, &i, limit)) {
      }
      if (i == limit) break;
      int32_t target = resolver_.index(step, i);
      while (target >= 0 && next_default < step.defaults_count &&
             resolver_.default_field(step, next_default) < target) {
        if (!emit_default(step, resolver_.default_field(step, next_default++))) return false;
      }
      if (!field(step, i, depth, tail && i + 1 == limit)) return false;
    }
    while (next_default < step.defaults_count) {
      if (!emit_default(step, resolver_.default_field(step, next_default++))) return false;
    }
    return true;
  }

  // Writer order differs: decode everything, then move each reader field's
  // tape segment into reader order.
  bool record_reordered(const RStep& step, uint32_t depth, bool tail) {
    size_t fields = resolver_.reader_program().schema().node(step.reader).fields.size();
    std::vector<std::pair<TapeMark, TapeMark>> segments(fields);
    TapeMark begin = mark(tape_);
    uint32_t limit = fields_to_read(step, tail);
    for (uint32_t i = 0; i < limit; ++i) {
      while (i < limit && skipped_run(step, &i, limit)) {
      }
      if (i == limit) break;
      TapeMark before = mark(tape_);
      if (!field(step, i, depth, tail && i + 1 == limit)) return false;
      int32_t target = resolver_.index(step, i);
      if (target >= 0) segments[static_cast<size_t>(target)] = {before, mark(tape_)};
    }
    for (uint32_t d = 0; d < step.defaults_count; ++d) {
      TapeMark before = mark(tape_);
      int32_t target = resolver_.default_field(step, d);
      if (!emit_default(step, target)) return false;
      segments[static_cast<size_t>(target)] = {before, mark(tape_)};
    }
    reorder(begin, segments);
    return true;
  }

  void reorder(const TapeMark& begin, const std::vector<std::pair<TapeMark, TapeMark>>& segments) {
    Tape region;  // the record's values as decoded, moved out of the tape
    region.nums.assign(tape_.nums.begin() + static_cast<ptrdiff_t>(begin.nums), tape_.nums.end());
    region.bigs.assign(tape_.bigs.begin() + static_cast<ptrdiff_t>(begin.bigs), tape_.bigs.end());
    region.text = tape_.text.substr(begin.text);
    region.text_ends.assign(tape_.text_ends.begin() + static_cast<ptrdiff_t>(begin.text_ends), tape_.text_ends.end());
    region.blobs = tape_.blobs.substr(begin.blobs);
    region.blob_ends.assign(tape_.blob_ends.begin() + static_cast<ptrdiff_t>(begin.blob_ends), tape_.blob_ends.end());
    tape_.nums.resize(begin.nums);
    tape_.bigs.resize(begin.bigs);
    tape_.text.resize(begin.text);
    tape_.text_ends.resize(begin.text_ends);
    tape_.text_units = begin.text_units;
    tape_.blobs.resize(begin.blobs);
    tape_.blob_ends.resize(begin.blob_ends);
    for (const auto& [from, to] : segments) {
      auto slice = [](const auto& source, size_t a, size_t b, size_t base) {
        return std::make_pair(source.begin() + static_cast<ptrdiff_t>(a - base),
                              source.begin() + static_cast<ptrdiff_t>(b - base));
      };
      auto [n0, n1] = slice(region.nums, from.nums, to.nums, begin.nums);
      tape_.nums.insert(tape_.nums.end(), n0, n1);
      auto [b0, b1] = slice(region.bigs, from.bigs, to.bigs, begin.bigs);
      tape_.bigs.insert(tape_.bigs.end(), b0, b1);
      tape_.text.append(region.text, from.text - begin.text, to.text - from.text);
      for (size_t e = from.text_ends; e < to.text_ends; ++e) {
        tape_.text_ends.push_back(region.text_ends[e - begin.text_ends] - from.text_units + tape_.text_units);
      }
      tape_.text_units += to.text_units - from.text_units;
      size_t blob_base = tape_.blobs.size();
      tape_.blobs.append(region.blobs, from.blobs - begin.blobs, to.blobs - from.blobs);
      for (size_t e = from.blob_ends; e < to.blob_ends; ++e) {
        tape_.blob_ends.push_back(static_cast<uint32_t>(region.blob_ends[e - begin.blob_ends] - from.blobs + blob_base));
      }
    }
  }

  bool collection(const RStep& step, uint32_t depth) {
    bool is_map = step.op == ROp::kMap;
    NodeId writer_item = resolver_.writer_program().schema().node(step.writer).items;
    uint32_t item_size = resolver_.writer_program().step(writer_item).min_size + (is_map ? 1 : 0);
    size_t count_slot = tape_.nums.size();
    tape_.nums.push_back(0);
    uint64_t total = 0;
    for (;;) {
      int64_t count = 0;
      if (!take(read_block_count(reader_, item_size, &zero_size_budget_, limits_.max_block_items, &count))) {
        return false;
      }
      if (count == 0) break;
      for (int64_t i = 0; i < count; ++i, ++total) {
        // Reader defaults and nested collections can outgrow the input.
        if ((total & 1023) == 0 && tape_.size_bytes() > limits_.max_decoded_size) {
          return fail(ErrorCode::kLimitExceeded,
                      "decoded output exceeds the limit of " + std::to_string(limits_.max_decoded_size) + " bytes",
                      reader_.position());
        }
        if (is_map) {
          size_t key_start = reader_.position();
          int64_t length = 0;
          std::string_view key;
          if (!read_index(&length, "map key")) return false;
          if (length < 0 || static_cast<uint64_t>(length) > reader_.remaining() ||
              static_cast<uint64_t>(length) > limits_.max_length ||
              reader_.read_raw(static_cast<size_t>(length), &key) != ReadStatus::kOk) {
            return fail(ErrorCode::kTruncated, "map key runs past the end", key_start);
          }
          if (!emit_string(key, key_start)) return false;
        }
        if (!walk(resolver_.child(step, 0), depth + 1)) {
          prepend_path(error_, "[" + std::to_string(total) + "]");
          return false;
        }
      }
    }
    tape_.nums[count_slot] = static_cast<double>(total);
    return true;
  }

  const Resolver& resolver_;
  ByteReader& reader_;
  Tape& tape_;
  const Limits& limits_;
  uint64_t zero_size_budget_;
  Tape scratch_;
  Error error_;
};

}  // namespace

Status Resolver::decode(ByteReader& reader, Tape& tape, const Limits& limits, bool to_end) const {
  return ResolvedWalker(*this, reader, tape, limits).run(root_, !to_end);
}

}  // namespace avro
