// Tape -> binary. The tape comes from another language's materializer, so
// it is checked as strictly as bytes from a file: every index, count and
// offset is validated before use.
#include <cmath>

#include "datum/logical.h"
#include "datum/program.h"
#include "datum/utf8.h"
#include "io/byte_sink.h"

namespace avro {

namespace {

constexpr double kTwoTo63 = 9223372036854775808.0;

class Encoder {
 public:
  Encoder(const Program& program, const TapeInput& in, std::string& out, const Limits& limits)
      : program_(program), in_(in), writer_(out), limits_(limits) {}

  // Encodes `count` datums back to back; `ends` (optional) receives the end
  // offset of each, relative to where this call started writing.
  Status run(size_t count, std::vector<uint32_t>* ends) {
    size_t start = writer_.size();
    for (size_t i = 0; i < count; ++i) {
      if (!walk(program_.root(), 0)) return std::move(error_);
      if (ends) ends->push_back(static_cast<uint32_t>(writer_.size() - start));
    }
    if (num_ != in_.nums_size || big_ != in_.bigs_size || text_ != in_.text_ends_size ||
        blob_ != in_.blob_ends_size) {
      return make_error(ErrorCode::kInternal, "tape has more values than the schema consumes");
    }
    return Status::ok();
  }

 private:
  bool fail(ErrorCode code, std::string message) {
    error_ = make_error(code, std::move(message));
    return false;
  }
  bool invalid(std::string message) { return fail(ErrorCode::kInvalidValue, std::move(message)); }
  bool short_tape() { return fail(ErrorCode::kInternal, "tape ended before the value was complete"); }

  bool next_num(double* value) {
    if (num_ >= in_.nums_size) return short_tape();
    *value = in_.nums[num_++];
    return true;
  }

  bool next_integer(double* value, double min, double max, const char* what) {
    if (!next_num(value)) return false;
    if (!(*value >= min && *value <= max) || std::trunc(*value) != *value) {
      std::string text;
      json::write_double(*value, text);
      return invalid(text + " is not a valid " + what);
    }
    return true;
  }

  bool next_long(int64_t* value) {
    double number = 0;
    if (!next_num(&number)) return false;
    if (std::isnan(number)) {
      if (big_ >= in_.bigs_size) return short_tape();
      *value = in_.bigs[big_++];
      return true;
    }
    if (!(number >= -kTwoTo63 && number < kTwoTo63) || std::trunc(number) != number) {
      std::string text;
      json::write_double(number, text);
      return invalid(text + " is not a valid long");
    }
    *value = static_cast<int64_t>(number);
    return true;
  }

  bool next_text(std::string_view* text) {
    if (text_ >= in_.text_ends_size) return short_tape();
    uint32_t end = in_.text_ends[text_++];
    if (end < text_offset_ || end > in_.text_size) return fail(ErrorCode::kInternal, "bad text offset in tape");
    *text = std::string_view(in_.text + text_offset_, end - text_offset_);
    text_offset_ = end;
    return true;
  }

  bool next_blob(std::string_view* blob) {
    if (blob_ >= in_.blob_ends_size) return short_tape();
    uint32_t end = in_.blob_ends[blob_++];
    if (end < blob_offset_ || end > in_.blobs_size) return fail(ErrorCode::kInternal, "bad blob offset in tape");
    *blob = std::string_view(in_.blobs + blob_offset_, end - blob_offset_);
    blob_offset_ = end;
    return true;
  }

  bool next_string(std::string_view* text) {
    if (!next_text(text)) return false;
    uint32_t units = 0;
    if (!utf16_length(*text, &units)) return fail(ErrorCode::kInvalidUtf8, "string is not valid UTF-8");
    return true;
  }

  bool walk(NodeId id, uint32_t depth) {
    const Step& step = program_.step(id);
    double number = 0;
    switch (step.op) {
      case Op::kNull: return true;
      case Op::kBoolean:
        if (!next_integer(&number, 0, 1, "boolean")) return false;
        writer_.write_byte(static_cast<uint8_t>(number));
        return true;
      case Op::kInt:
        if (!next_integer(&number, INT32_MIN, INT32_MAX, "int")) return false;
        writer_.write_int(static_cast<int32_t>(number));
        return true;
      case Op::kLong: {
        int64_t value = 0;
        if (!next_long(&value)) return false;
        writer_.write_long(value);
        return true;
      }
      case Op::kFloat:
        if (!next_num(&number)) return false;
        writer_.write_float(static_cast<float>(number));
        return true;
      case Op::kDouble:
        if (!next_num(&number)) return false;
        writer_.write_double(number);
        return true;
      case Op::kBytes: {
        std::string_view blob;
        if (!next_blob(&blob)) return false;
        writer_.write_bytes(blob);
        return true;
      }
      case Op::kString: {
        std::string_view text;
        if (!next_string(&text)) return false;
        writer_.write_bytes(text);
        return true;
      }
      case Op::kFixed: {
        std::string_view blob;
        if (!next_blob(&blob)) return false;
        if (blob.size() != step.size) {
          return invalid(std::to_string(blob.size()) + " bytes do not fit fixed(" + std::to_string(step.size) + ")");
        }
        writer_.write_raw(blob);
        return true;
      }
      case Op::kEnum:
        if (!next_integer(&number, 0, static_cast<double>(step.size) - 1, "enum index")) return false;
        writer_.write_int(static_cast<int32_t>(number));
        return true;
      case Op::kUnion:
        if (!next_integer(&number, 0, static_cast<double>(step.child_count) - 1, "union branch index")) return false;
        writer_.write_long(static_cast<int64_t>(number));
        return nested(program_.child(step, static_cast<uint32_t>(number)), depth);
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
      case Op::kDecimalFixed:
      case Op::kBigDecimal: {
        std::string_view text;
        if (!next_text(&text)) return false;
        std::string bytes;
        Status status = step.op == Op::kBigDecimal
                            ? string_to_big_decimal(text, bytes)
                            : string_to_decimal(text, step.scale, step.precision,
                                                step.op == Op::kDecimalFixed ? step.size : 0, bytes);
        if (!status) return fail(status.error().code, status.error().message);
        if (step.op == Op::kDecimalFixed) {
          writer_.write_raw(bytes);
        } else {
          writer_.write_bytes(bytes);
        }
        return true;
      }
      case Op::kUuidFixed: {
        std::string_view text;
        if (!next_text(&text)) return false;
        std::string bytes;
        Status status = string_to_uuid(text, bytes);
        if (!status) return fail(status.error().code, status.error().message);
        writer_.write_raw(bytes);
        return true;
      }
      case Op::kTimeMicrosSplit:
      case Op::kTimeNanosSplit: {
        double millis = 0;
        double nanos = 0;
        if (!next_integer(&millis, -kTwoTo63, kTwoTo63, "timestamp") ||
            !next_integer(&nanos, 0, 999999, "sub-millisecond nanoseconds")) {
          return false;
        }
        int64_t per_milli = step.op == Op::kTimeMicrosSplit ? 1000 : 1000000;
        int64_t scaled = 0;
        if (__builtin_mul_overflow(static_cast<int64_t>(millis), per_milli, &scaled) ||
            __builtin_add_overflow(scaled, static_cast<int64_t>(nanos) / (1000000 / per_milli), &scaled)) {
          return invalid("timestamp out of range");
        }
        writer_.write_long(scaled);
        return true;
      }
      case Op::kDuration:
        for (int part = 0; part < 3; ++part) {
          if (!next_integer(&number, 0, 4294967295.0, "duration component")) return false;
          auto value = static_cast<uint32_t>(number);
          for (int i = 0; i < 4; ++i) writer_.write_byte(static_cast<uint8_t>(value >> (8 * i)));
        }
        return true;
    }
    return fail(ErrorCode::kInternal, "unknown program step");
  }

  bool nested(NodeId id, uint32_t depth) {
    if (depth + 1 > limits_.max_depth) {
      return fail(ErrorCode::kLimitExceeded, "value nested deeper than " + std::to_string(limits_.max_depth));
    }
    return walk(id, depth + 1);
  }

  // Writes the whole collection as one block.
  bool walk_collection(const Step& step, uint32_t depth) {
    bool is_map = step.op == Op::kMap;
    double count = 0;
    // Each item consumes tape entries or the zero-size budget, so a count
    // beyond both cannot be honest.
    double bound = static_cast<double>(in_.nums_size + in_.text_ends_size + in_.blob_ends_size +
                                       limits_.max_zero_size_items);
    if (!next_integer(&count, 0, bound, "item count")) return false;
    auto n = static_cast<uint64_t>(count);
    if (n > 0) writer_.write_long(static_cast<int64_t>(n));
    NodeId item = program_.child(step, 0);
    for (uint64_t i = 0; i < n; ++i) {
      std::string_view key;
      if (is_map) {
        if (!next_string(&key)) return false;
        writer_.write_bytes(key);
      }
      if (!nested(item, depth)) {
        std::string segment = "[";
        if (is_map) {
          json::write_string(key, segment);
        } else {
          segment += std::to_string(i);
        }
        prepend_path(error_, segment + "]");
        return false;
      }
    }
    writer_.write_long(0);
    return true;
  }

  const Program& program_;
  const TapeInput& in_;
  ByteSink writer_;
  const Limits& limits_;
  size_t num_ = 0, big_ = 0, text_ = 0, blob_ = 0;
  uint32_t text_offset_ = 0, blob_offset_ = 0;
  Error error_;
};

}  // namespace

Status Program::encode(const TapeInput& input, std::string& out, const Limits& limits) const {
  size_t mark = out.size();
  Status status = Encoder(*this, input, out, limits).run(1, nullptr);
  if (!status) out.resize(mark);  // leave nothing half-written
  return status;
}

Status Program::encode_many(const TapeInput& input, size_t count, std::string& out,
                            std::vector<uint32_t>* ends, const Limits& limits) const {
  size_t mark = out.size();
  size_t ends_mark = ends ? ends->size() : 0;
  Status status = Encoder(*this, input, out, limits).run(count, ends);
  if (!status) {
    out.resize(mark);
    if (ends) ends->resize(ends_mark);
  }
  return status;
}

}  // namespace avro
