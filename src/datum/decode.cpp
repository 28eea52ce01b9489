// Binary -> tape, and skipping: one interpreter over the program's steps,
// instantiated with and without output.
#include <cmath>

#include "datum/block_count.h"
#include "datum/logical.h"
#include "datum/program.h"
#include "datum/utf8.h"

namespace avro {

namespace {

constexpr double kMaxSafeInteger = 9007199254740991.0;  // 2^53 - 1

template <bool kEmit>
class Walker {
 public:
  Walker(const Program& program, ByteReader& reader, Tape* tape, const Limits& limits)
      : program_(program),
        reader_(reader),
        tape_(tape),
        limits_(limits),
        zero_size_budget_(tape ? tape->zero_size_budget(limits.max_zero_size_items)
                               : limits.max_zero_size_items),
        initial_budget_(zero_size_budget_) {}

  Status run(NodeId node) {
    bool ok = walk(node, 0);
    if constexpr (kEmit) tape_->zero_size_items += initial_budget_ - zero_size_budget_;
    if (!ok) return std::move(error_);
    return Status::ok();
  }

 private:
  bool fail(ErrorCode code, std::string message, size_t offset) {
    error_ = make_error(code, std::move(message), static_cast<int64_t>(offset));
    return false;
  }

  bool read_failed(ReadStatus status, size_t start, const char* what) {
    if (status == ReadStatus::kTruncated) {
      return fail(ErrorCode::kTruncated, std::string("input ended inside ") + what, start);
    }
    return fail(ErrorCode::kInvalidData, std::string("malformed varint in ") + what, start);
  }

  // A length-prefixed byte sequence (bytes, string).
  bool read_sized(std::string_view* out, const char* what) {
    size_t start = reader_.position();
    int64_t length = 0;
    ReadStatus status = reader_.read_long(&length);
    if (status != ReadStatus::kOk) return read_failed(status, start, what);
    if (length < 0) return fail(ErrorCode::kInvalidData, std::string("negative ") + what + " length", start);
    if (static_cast<uint64_t>(length) > limits_.max_length) {
      return fail(ErrorCode::kLimitExceeded,
                  std::string(what) + " of " + std::to_string(length) + " bytes exceeds the limit", start);
    }
    if (reader_.read_raw(static_cast<size_t>(length), out) != ReadStatus::kOk) {
      return fail(ErrorCode::kTruncated,
                  std::string(what) + " of " + std::to_string(length) + " bytes runs past the end", start);
    }
    return true;
  }

  void emit_num(double value) {
    if constexpr (kEmit) tape_->nums.push_back(value);
  }

  void emit_long(int64_t value) {
    if constexpr (kEmit) {
      auto as_double = static_cast<double>(value);
      if (std::fabs(as_double) <= kMaxSafeInteger) {
        tape_->nums.push_back(as_double);
      } else {
        tape_->nums.push_back(std::nan(""));
        tape_->bigs.push_back(value);
      }
    }
  }

  void emit_ascii(std::string_view text) {
    if constexpr (kEmit) {
      tape_->text.append(text);
      tape_->text_units += static_cast<uint32_t>(text.size());
      tape_->text_ends.push_back(tape_->text_units);
    }
  }

  bool emit_string(std::string_view text, size_t start) {
    if constexpr (kEmit) {
      uint32_t units = 0;
      if (!utf16_length(text, &units)) return fail(ErrorCode::kInvalidUtf8, "string is not valid UTF-8", start);
      if (units > UINT32_MAX - tape_->text_units) return fail(ErrorCode::kLimitExceeded, "too much text", start);
      tape_->text.append(text);
      tape_->text_units += units;
      tape_->text_ends.push_back(tape_->text_units);
    }
    return true;
  }

  void emit_blob(std::string_view bytes) {
    if constexpr (kEmit) {
      tape_->blobs.append(bytes);
      tape_->blob_ends.push_back(static_cast<uint32_t>(tape_->blobs.size()));
    }
  }

  bool read_long(int64_t* value, const char* what) {
    size_t start = reader_.position();
    ReadStatus status = reader_.read_long(value);
    return status == ReadStatus::kOk || read_failed(status, start, what);
  }

  bool walk(NodeId id, uint32_t depth) {
    const Step& step = program_.step(id);
    size_t start = reader_.position();
    switch (step.op) {
      case Op::kNull: return true;
      case Op::kBoolean: {
        std::string_view byte;
        if (reader_.read_raw(1, &byte) != ReadStatus::kOk) return read_failed(ReadStatus::kTruncated, start, "boolean");
        auto b = static_cast<uint8_t>(byte[0]);
        if (b > 1) return fail(ErrorCode::kInvalidData, "boolean byte must be 0 or 1, not " + std::to_string(b), start);
        emit_num(b);
        return true;
      }
      case Op::kInt: {
        int32_t value = 0;
        ReadStatus status = reader_.read_int(&value);
        if (status != ReadStatus::kOk) return read_failed(status, start, "int");
        emit_num(value);
        return true;
      }
      case Op::kLong: {
        int64_t value = 0;
        if (!read_long(&value, "long")) return false;
        emit_long(value);
        return true;
      }
      case Op::kFloat: {
        float value = 0;
        if (reader_.read_float(&value) != ReadStatus::kOk) return read_failed(ReadStatus::kTruncated, start, "float");
        emit_num(value);
        return true;
      }
      case Op::kDouble: {
        double value = 0;
        if (reader_.read_double(&value) != ReadStatus::kOk) return read_failed(ReadStatus::kTruncated, start, "double");
        emit_num(value);
        return true;
      }
      case Op::kBytes: {
        std::string_view bytes;
        if (!read_sized(&bytes, "bytes")) return false;
        emit_blob(bytes);
        return true;
      }
      case Op::kString: {
        std::string_view text;
        if (!read_sized(&text, "string")) return false;
        return emit_string(text, start);
      }
      case Op::kFixed: {
        std::string_view bytes;
        if (reader_.read_raw(step.size, &bytes) != ReadStatus::kOk) return read_failed(ReadStatus::kTruncated, start, "fixed");
        emit_blob(bytes);
        return true;
      }
      case Op::kEnum: {
        int32_t index = 0;
        ReadStatus status = reader_.read_int(&index);
        if (status != ReadStatus::kOk) return read_failed(status, start, "enum");
        if (index < 0 || static_cast<uint32_t>(index) >= step.size) {
          return fail(ErrorCode::kInvalidData, "enum index " + std::to_string(index) + " out of range (" +
                                                   std::to_string(step.size) + " symbols)", start);
        }
        emit_num(index);
        return true;
      }
      case Op::kUnion: {
        int64_t index = 0;
        if (!read_long(&index, "union branch index")) return false;
        if (index < 0 || static_cast<uint64_t>(index) >= step.child_count) {
          return fail(ErrorCode::kInvalidData, "union branch index " + std::to_string(index) + " out of range (" +
                                                   std::to_string(step.child_count) + " branches)", start);
        }
        emit_num(static_cast<double>(index));
        return nested(program_.child(step, static_cast<uint32_t>(index)), depth);
      }
      case Op::kRecord:
        for (uint32_t i = 0; i < step.child_count; ++i) {
          if (!nested(program_.child(step, i), depth)) {
            prepend_path(error_, "." + program_.schema().node(id).fields[i].name);
            return false;
          }
        }
        return true;
      case Op::kArray:
      case Op::kMap: return walk_collection(step, depth);
      case Op::kDecimalBytes:
      case Op::kDecimalFixed: {
        std::string_view bytes;
        if (step.op == Op::kDecimalFixed) {
          if (reader_.read_raw(step.size, &bytes) != ReadStatus::kOk) return read_failed(ReadStatus::kTruncated, start, "fixed");
        } else if (!read_sized(&bytes, "bytes")) {
          return false;
        }
        if constexpr (kEmit) {
          auto text = decimal_to_string(bytes, step.scale);
          if (!text) return fail(text.error().code, text.error().message, start);
          emit_ascii(text.value());
        }
        return true;
      }
      case Op::kBigDecimal: {
        std::string_view bytes;
        if (!read_sized(&bytes, "bytes")) return false;
        if constexpr (kEmit) {
          auto text = big_decimal_to_string(bytes);
          if (!text) return fail(text.error().code, text.error().message, start);
          emit_ascii(text.value());
        }
        return true;
      }
      case Op::kUuidFixed: {
        std::string_view bytes;
        if (reader_.read_raw(16, &bytes) != ReadStatus::kOk) return read_failed(ReadStatus::kTruncated, start, "uuid");
        if constexpr (kEmit) emit_ascii(uuid_to_string(bytes));
        return true;
      }
      case Op::kTimeMicrosSplit:
      case Op::kTimeNanosSplit: {
        int64_t value = 0;
        if (!read_long(&value, "timestamp")) return false;
        int64_t per_milli = step.op == Op::kTimeMicrosSplit ? 1000 : 1000000;
        int64_t millis = value / per_milli;
        int64_t rest = value % per_milli;
        if (rest < 0) {  // floor division
          millis -= 1;
          rest += per_milli;
        }
        emit_num(static_cast<double>(millis));
        emit_num(static_cast<double>(rest * (1000000 / per_milli)));
        return true;
      }
      case Op::kDuration: {
        std::string_view bytes;
        if (reader_.read_raw(12, &bytes) != ReadStatus::kOk) return read_failed(ReadStatus::kTruncated, start, "duration");
        for (int part = 0; part < 3; ++part) {
          uint32_t value = 0;
          for (int i = 0; i < 4; ++i) value |= static_cast<uint32_t>(static_cast<uint8_t>(bytes[part * 4 + i])) << (8 * i);
          emit_num(value);
        }
        return true;
      }
    }
    return fail(ErrorCode::kInternal, "unknown program step", start);
  }

  bool output_within_limit() {
    if constexpr (kEmit) {
      if (tape_->size_bytes() > limits_.max_decoded_size) {
        return fail(ErrorCode::kLimitExceeded,
                    "decoded output exceeds the limit of " +
                        std::to_string(limits_.max_decoded_size) + " bytes",
                    reader_.position());
      }
    }
    return true;
  }

  bool nested(NodeId id, uint32_t depth) {
    if (depth + 1 > limits_.max_depth) {
      return fail(ErrorCode::kLimitExceeded,
                  "value nested deeper than " + std::to_string(limits_.max_depth), reader_.position());
    }
    return walk(id, depth + 1);
  }

  bool walk_collection(const Step& step, uint32_t depth) {
    bool is_map = step.op == Op::kMap;
    NodeId item = program_.child(step, 0);
    uint32_t item_size = program_.step(item).min_size + (is_map ? 1 : 0);
    size_t count_slot = 0;
    if constexpr (kEmit) {
      count_slot = tape_->nums.size();
      tape_->nums.push_back(0);
    }
    uint64_t total = 0;
    while (true) {
      int64_t count = 0;
      Status status =
          read_block_count(reader_, item_size, &zero_size_budget_, limits_.max_block_items, &count);
      if (!status) {
        error_ = std::move(status).error();
        return false;
      }
      if (count == 0) break;
      if constexpr (!kEmit) {
        // Items that always take zero bytes (min_size 0: null, fixed(0),
        // records of those) are stepped over at once: checking one is
        // checking all (an item type with no finite value fails there).
        if (!is_map && program_.step(item).min_size == 0) {
          if (!nested(item, depth)) return false;
          total += static_cast<uint64_t>(count);
          continue;
        }
      }
      for (int64_t i = 0; i < count; ++i, ++total) {
        // Collections are where output can outgrow the input (nested
        // arrays of zero-size items, reader defaults): check every so often.
        if ((total & 1023) == 0 && !output_within_limit()) return false;
        std::string_view key;
        if (is_map) {
          size_t key_start = reader_.position();
          if (!read_sized(&key, "map key") || !emit_string(key, key_start)) {
            prepend_path(error_, "[" + std::to_string(total) + "]");
            return false;
          }
        }
        if (!nested(item, depth)) {
          if (is_map) {
            std::string segment = "[";
            json::write_string(key, segment);
            prepend_path(error_, segment + "]");
          } else {
            prepend_path(error_, "[" + std::to_string(total) + "]");
          }
          return false;
        }
      }
    }
    if constexpr (kEmit) tape_->nums[count_slot] = static_cast<double>(total);
    return true;
  }

  const Program& program_;
  ByteReader& reader_;
  Tape* tape_;
  const Limits& limits_;
  uint64_t zero_size_budget_;
  uint64_t initial_budget_;
  Error error_;
};

}  // namespace

Status Program::decode(ByteReader& reader, Tape& tape, const Limits& limits) const {
  return Walker<true>(*this, reader, &tape, limits).run(root());
}

Status Program::decode_node(NodeId node, ByteReader& reader, Tape& tape, const Limits& limits) const {
  if (node >= steps_.size()) return make_error(ErrorCode::kInternal, "no such schema node");
  return Walker<true>(*this, reader, &tape, limits).run(node);
}

Status Program::skip_node(NodeId node, ByteReader& reader, const Limits& limits) const {
  if (node >= steps_.size()) return make_error(ErrorCode::kInternal, "no such schema node");
  return Walker<false>(*this, reader, nullptr, limits).run(node);
}

Status Program::skip(ByteReader& reader, const Limits& limits) const {
  return Walker<false>(*this, reader, nullptr, limits).run(root());
}

}  // namespace avro
