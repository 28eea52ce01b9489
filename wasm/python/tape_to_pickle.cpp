#include "tape_to_pickle.h"

#include <cmath>
#include <cstring>

#include "pickle_writer.h"

namespace avro::wasm {

namespace {

namespace pk = pickle;

constexpr int64_t kMillisPerDay = 86400000;
// Python's date and datetime cover 0001-01-01 .. 9999-12-31.
constexpr int64_t kMinDay = -719162;
constexpr int64_t kMaxDay = 2932896;
// timedelta allows |days| <= 999999999; fastavro counts a month as 30 days.
constexpr int64_t kMaxTimedeltaDays = 999999999;
constexpr int64_t kDaysPerMonth = 30;

constexpr const char* kGlobalNames[][2] = {
    {"datetime", "datetime"},  {"datetime", "date"},         {"datetime", "time"},
    {"datetime", "timedelta"}, {"datetime", "timezone.utc"}, {"decimal", "Decimal"},
    {"uuid", "UUID"},
};

int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// Days since 1970-01-01 -> proleptic Gregorian date (H. Hinnant's
// civil_from_days). `z` must be within kMinDay..kMaxDay (callers check), so
// every step fits 32-bit unsigned arithmetic: 64-bit division by a constant
// has no multiply-high instruction to use in wasm.
void civil_from_days(int64_t z, int* year, unsigned* month, unsigned* day) {
  const auto days = static_cast<uint32_t>(z + 719468);  // >= 306 for z >= kMinDay
  const uint32_t era = days / 146097;
  const uint32_t doe = days - era * 146097;
  const uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const uint32_t mp = (5 * doy + 2) / 153;
  *day = doy - (153 * mp + 2) / 5 + 1;
  *month = mp < 10 ? mp + 3 : mp - 9;
  *year = static_cast<int>(yoe + era * 400 + (*month <= 2 ? 1 : 0));
}

bool is_utc(Logical logical) {
  return logical == Logical::kTimestampMillis || logical == Logical::kTimestampMicros ||
         logical == Logical::kTimestampNanos;
}

}  // namespace

// One conversion: a cursor over the tape plus the memo of the stream.
class TapeToPickle::Run {
 public:
  Run(const TapeToPickle& plan, const Tape& tape)
      : plan_(plan),
        program_(*plan.program_),
        schema_(program_.schema()),
        tape_(tape),
        ascii_(tape.text_units == tape.text.size()),
        nums_(tape.nums.data()),
        nums_size_(tape.nums.size()),
        text_ends_(tape.text_ends.data()),
        text_ends_size_(tape.text_ends.size()),
        text_(tape.text),
        memo_(plan.strings_.size() + kGlobalCount, -1) {}

  const Error& error() const { return error_; }
  Error take_error() { return std::move(error_); }

  bool emit(NodeId id, pickle::Writer& out) {
    const NodeInfo& info = plan_.nodes_[id];
    switch (info.code) {
      case Code::kNull: out.none(); return true;
      case Code::kBoolean: {
        double v = 0;
        if (!num(&v)) return false;
        out.boolean(v != 0);
        return true;
      }
      case Code::kInt:
      case Code::kDate:
      case Code::kTimeMillis: {
        double v = 0;
        if (!num(&v)) return false;
        auto value = static_cast<int64_t>(v);
        if (info.code == Code::kDate) return date(value, out);
        if (info.code == Code::kTimeMillis) return time_of_day(value, 1000, out);
        out.integer(value);
        return true;
      }
      case Code::kLong:
      case Code::kTimestampMillis:
      case Code::kLocalTimestampMillis:
      case Code::kTimeMicros: {
        int64_t value = 0;
        if (!long_value(&value)) return false;
        if (info.code == Code::kLong) {
          out.integer(value);
          return true;
        }
        if (info.code == Code::kTimeMicros) return time_of_day(value, 1000000, out);
        int64_t day = floor_div(value, kMillisPerDay);
        return datetime(day, (value - day * kMillisPerDay) * 1000, info.code == Code::kTimestampMillis, out);
      }
      case Code::kFloat: {
        double v = 0;
        if (!num(&v)) return false;
        out.floating(v);
        return true;
      }
      case Code::kBytes: {
        std::string_view bytes;
        if (!blob(&bytes)) return false;
        out.bytes(bytes);
        return true;
      }
      case Code::kString:
      case Code::kUuidString:
      case Code::kDecimal:
      case Code::kUuidFixed: {
        std::string_view text;
        if (!string(&text)) return false;
        if (info.code == Code::kString) {
          out.unicode(text);
          return true;
        }
        return call1(info.code == Code::kDecimal ? kDecimal : kUuid, text, out);
      }
      case Code::kEnum: {
        double v = 0;
        if (!num(&v)) return false;
        if (!(v >= 0 && v < info.size)) return internal("enum index out of range");
        out.get(memo(info.symbols + static_cast<uint32_t>(v)));
        return true;
      }
      case Code::kArray: {
        uint32_t n = 0;
        if (!count(&n)) return false;
        if (n == 0) {
          out.op(pk::kEmptyList);
          return true;
        }
        out.op(pk::kMark);
        NodeId item = child(info, 0);
        for (uint32_t i = 0; i < n; ++i) {
          if (!value(item, out)) return unwind_index(i);
        }
        out.op(pk::kList);
        return true;
      }
      case Code::kMap: {
        uint32_t n = 0;
        if (!count(&n)) return false;
        if (n == 0) {
          out.op(pk::kEmptyDict);
          return true;
        }
        out.op(pk::kMark);
        NodeId item = child(info, 0);
        for (uint32_t i = 0; i < n; ++i) {
          std::string_view key;
          if (!string(&key)) return false;
          out.unicode(key);
          if (!value(item, out)) return unwind_key(key);
        }
        out.op(pk::kDict);
        return true;
      }
      case Code::kUnion: {
        double v = 0;
        if (!num(&v)) return false;
        if (!(v >= 0 && v < info.child_count)) return internal("union branch out of range");
        auto index = static_cast<uint32_t>(v);
        NodeId branch = child(info, index);
        if (!info.wrap[index]) return emit(branch, out);
        out.get(memo(plan_.nodes_[branch].name));
        if (!emit(branch, out)) return false;
        out.op(pk::kTuple2);
        return true;
      }
      case Code::kRecord: {
        if (info.child_count == 0) {
          out.op(pk::kEmptyDict);
          return true;
        }
        out.op(pk::kMark);
        uint32_t first = info.symbols;
        for (uint32_t i = 0; i < info.child_count; ++i) {
          out.get(memo(first + i));
          if (!value(child(info, i), out)) return unwind_field(id, i);
        }
        out.op(pk::kDict);
        return true;
      }
      case Code::kTimestampSplit:
      case Code::kLocalTimestampSplit: {
        double ms = 0, ns = 0;
        if (!num(&ms) || !num(&ns)) return false;
        auto millis = static_cast<int64_t>(ms);
        int64_t day = floor_div(millis, kMillisPerDay);
        int64_t micros = (millis - day * kMillisPerDay) * 1000 + static_cast<int64_t>(ns) / 1000;
        return datetime(day, micros, info.code == Code::kTimestampSplit, out);
      }
      case Code::kNanosSplit: {
        // Python's datetime stops at microseconds: nanosecond timestamps stay
        // exact integers, as fastavro returns them.
        double ms = 0, ns = 0;
        if (!num(&ms) || !num(&ns)) return false;
        out.integer(static_cast<int64_t>(ms) * 1000000 + static_cast<int64_t>(ns));
        return true;
      }
      case Code::kDuration: {
        double months = 0, days = 0, millis = 0;
        if (!num(&months) || !num(&days) || !num(&millis)) return false;
        auto total_days = static_cast<int64_t>(months) * kDaysPerMonth + static_cast<int64_t>(days);
        if (total_days > kMaxTimedeltaDays)
          return unsupported("duration is too long for timedelta");
        auto ms = static_cast<int64_t>(millis);
        out.get(memo(plan_.strings_.size() + kTimedelta));
        out.integer(total_days);
        out.integer(ms / 1000);
        out.integer((ms % 1000) * 1000);
        out.op(pk::kTuple3);
        out.op(pk::kReduce);
        return true;
      }
    }
    return internal("unknown program step");
  }

  // emit() with the commonest plain values handled in line: records and
  // arrays call this once per field or item, and a call plus emit()'s one
  // dispatch point for every value cost more than writing most values.
  [[gnu::always_inline]] bool value(NodeId id, pickle::Writer& out) {
    switch (plan_.nodes_[id].code) {
      case Code::kString: {
        std::string_view text;
        if (!string(&text)) return false;
        out.unicode(text);
        return true;
      }
      case Code::kLong: {
        int64_t value = 0;
        if (!long_value(&value)) return false;
        out.integer(value);
        return true;
      }
      case Code::kInt: {
        double v = 0;
        if (!num(&v)) return false;
        out.integer(static_cast<int64_t>(v));
        return true;
      }
      case Code::kFloat: {
        double v = 0;
        if (!num(&v)) return false;
        out.floating(v);
        return true;
      }
      case Code::kBoolean: {
        double v = 0;
        if (!num(&v)) return false;
        out.boolean(v != 0);
        return true;
      }
      default: return emit(id, out);
    }
  }

  // Steps over one datum of `id` without writing anything.
  bool skip(NodeId id) {
    const Step& step = program_.step(id);
    double v = 0;
    std::string_view ignored;
    switch (step.op) {
      case Op::kNull: return true;
      case Op::kBoolean:
      case Op::kInt:
      case Op::kFloat:
      case Op::kDouble:
      case Op::kEnum: return num(&v);
      case Op::kLong: {
        int64_t value = 0;
        return long_value(&value);
      }
      case Op::kBytes:
      case Op::kFixed: return blob(&ignored);
      case Op::kString:
      case Op::kDecimalBytes:
      case Op::kDecimalFixed:
      case Op::kBigDecimal:
      case Op::kUuidFixed: return string(&ignored);
      case Op::kTimeMicrosSplit:
      case Op::kTimeNanosSplit: return num(&v) && num(&v);
      case Op::kDuration: return num(&v) && num(&v) && num(&v);
      case Op::kArray:
      case Op::kMap: {
        uint32_t n = 0;
        if (!count(&n)) return false;
        NodeId item = program_.child(step, 0);
        for (uint32_t i = 0; i < n; ++i) {
          if (step.op == Op::kMap && !string(&ignored)) return false;
          if (!skip(item)) return false;
        }
        return true;
      }
      case Op::kUnion:
        if (!num(&v)) return false;
        if (!(v >= 0 && v < step.child_count)) return internal("union branch out of range");
        return skip(program_.child(step, static_cast<uint32_t>(v)));
      case Op::kRecord:
        for (uint32_t i = 0; i < step.child_count; ++i) {
          if (!skip(program_.child(step, i))) return false;
        }
        return true;
    }
    return internal("unknown program step");
  }

  // Reads a plain number column value (int, long, float, double) and packs it.
  bool pack(Op op, pickle::Writer& out) {
    if (op == Op::kLong) {
      int64_t value = 0;
      if (!long_value(&value)) return false;
      out.raw_le(static_cast<uint64_t>(value), 8);
      return true;
    }
    double v = 0;
    if (!num(&v)) return false;
    if (op == Op::kInt) {
      out.raw_le(static_cast<uint32_t>(static_cast<int32_t>(v)), 4);
    } else if (op == Op::kFloat) {
      auto f = static_cast<float>(v);
      uint32_t bits = 0;
      std::memcpy(&bits, &f, sizeof bits);
      out.raw_le(bits, 4);
    } else {
      uint64_t bits = 0;
      std::memcpy(&bits, &v, sizeof bits);
      out.raw_le(bits, 8);
    }
    return true;
  }

  // The stream's prologue: every memoized object, in memo order, built
  // once and dropped from the stack again (MARK ... POP_MARK).
  void prologue(pickle::Writer& out) const {
    if (order_.empty()) return;
    out.op(pk::kMark);
    size_t globals = plan_.strings_.size();
    for (uint32_t symbol : order_) {
      if (symbol < globals) {
        out.unicode(plan_.strings_[symbol]);
      } else {
        const auto* name = kGlobalNames[symbol - globals];
        out.global(name[0], name[1]);
      }
      out.op(pk::kMemoize);
    }
    out.op(pk::kPopMark);
  }

  // Error paths, out of emit()'s way: the path segment of the failed value.
  [[gnu::cold, gnu::noinline]] bool unwind_index(size_t i) { return unwind("[" + std::to_string(i) + "]"); }
  [[gnu::cold, gnu::noinline]] bool unwind_field(NodeId record, uint32_t field) {
    return unwind("." + schema_.node(record).fields[field].name);
  }
  [[gnu::cold, gnu::noinline]] bool unwind_key(std::string_view key) {
    std::string segment = "[";
    json::write_string(key, segment);
    return unwind(segment + "]");
  }

  [[gnu::cold, gnu::noinline]] bool unwind(const std::string& segment) {
    prepend_path(error_, segment);
    return false;
  }

 private:
  NodeId child(const NodeInfo& info, uint32_t i) const {
    return plan_.children_[info.child_begin + i];
  }

  // The memo index of `symbol`, assigned on first use (in prologue order).
  uint32_t memo(size_t symbol) {
    int32_t slot = memo_[symbol];
    return slot >= 0 ? static_cast<uint32_t>(slot) : assign_memo(symbol);
  }

  [[gnu::noinline]] uint32_t assign_memo(size_t symbol) {
    auto slot = static_cast<int32_t>(order_.size());
    memo_[symbol] = slot;
    order_.push_back(static_cast<uint32_t>(symbol));
    return static_cast<uint32_t>(slot);
  }

  [[gnu::cold, gnu::noinline]] bool internal(const char* message) {
    error_ = make_error(ErrorCode::kInternal, message);
    return false;
  }

  [[gnu::cold, gnu::noinline]] bool unsupported(std::string message) {
    error_ = make_error(ErrorCode::kUnsupported, std::move(message));
    return false;
  }

  bool num(double* v) {
    if (ni_ >= nums_size_) return internal("tape ended early");
    *v = nums_[ni_++];
    return true;
  }

  bool long_value(int64_t* value) {
    double v = 0;
    if (!num(&v)) return false;
    if (v == v) {
      *value = static_cast<int64_t>(v);
      return true;
    }
    if (bi_ >= tape_.bigs.size()) return internal("tape ended early");
    *value = tape_.bigs[bi_++];
    return true;
  }

  bool count(uint32_t* n) {
    double v = 0;
    if (!num(&v)) return false;
    if (!(v >= 0 && v <= UINT32_MAX)) return internal("bad count on tape");
    *n = static_cast<uint32_t>(v);
    return true;
  }

  // The tape's text ends count UTF-16 units (for JavaScript); walk the
  // UTF-8 bytes to the same place unless the whole text is ASCII.
  bool string(std::string_view* text) {
    if (ti_ >= text_ends_size_) return internal("tape ended early");
    uint32_t end_units = text_ends_[ti_++];
    if (end_units < units_) return internal("bad text offset on tape");
    size_t start = text_pos_;
    if (ascii_) {
      text_pos_ = end_units;
    } else if (!walk_utf16(end_units)) {
      return false;
    }
    if (text_pos_ > text_.size()) return internal("bad text offset on tape");
    units_ = end_units;
    *text = std::string_view(text_.data() + start, text_pos_ - start);
    return true;
  }

  // Moves text_pos_ over the UTF-8 bytes that make `end_units` UTF-16 units.
  [[gnu::noinline]] bool walk_utf16(uint32_t end_units) {
    const auto* p = reinterpret_cast<const uint8_t*>(text_.data());
    size_t size = text_.size();
    uint32_t units = units_;
    while (units < end_units && text_pos_ < size) {
      uint8_t b = p[text_pos_];
      size_t length = b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
      units += length == 4 ? 2 : 1;
      text_pos_ += length;
    }
    if (units != end_units) return internal("bad text offset on tape");
    return true;
  }

  bool blob(std::string_view* bytes) {
    if (bli_ >= tape_.blob_ends.size()) return internal("tape ended early");
    uint32_t end = tape_.blob_ends[bli_++];
    if (end < blob_pos_ || end > tape_.blobs.size()) return internal("bad blob offset on tape");
    *bytes = std::string_view(tape_.blobs).substr(blob_pos_, end - blob_pos_);
    blob_pos_ = end;
    return true;
  }

  // constructor(text), e.g. Decimal("-1.50"), UUID("...").
  bool call1(Global global, std::string_view text, pickle::Writer& out) {
    out.get(memo(plan_.strings_.size() + global));
    out.unicode(text);
    out.op(pk::kTuple1);
    out.op(pk::kReduce);
    return true;
  }

  [[gnu::cold, gnu::noinline]] bool out_of_range(int64_t day) {
    return unsupported(
        "date/time value on day " + std::to_string(day) +
        " after 1970-01-01 is outside the range of Python's datetime (years 1-9999)");
  }

  // date(state) with the 4-byte state datetime's own pickles use.
  bool date(int64_t day, pickle::Writer& out) {
    if (day < kMinDay || day > kMaxDay) return out_of_range(day);
    int year = 0;
    unsigned month = 0, mday = 0;
    civil_from_days(day, &year, &month, &mday);
    char state[4] = {static_cast<char>(year >> 8), static_cast<char>(year & 0xff),
                     static_cast<char>(month), static_cast<char>(mday)};
    out.get(memo(plan_.strings_.size() + kDate));
    out.bytes(std::string_view(state, 4));
    out.op(pk::kTuple1);
    out.op(pk::kReduce);
    return true;
  }

  // time(state): `value` units since midnight, `per_second` units per second.
  bool time_of_day(int64_t value, int64_t per_second, pickle::Writer& out) {
    if (value < 0 || value >= 86400 * per_second) {
      return unsupported("time of day " + std::to_string(value) + " is outside 00:00-24:00");
    }
    int64_t micros = value * (1000000 / per_second);
    char state[6];
    clock(micros, state);
    out.get(memo(plan_.strings_.size() + kTime));
    out.bytes(std::string_view(state, 6));
    out.op(pk::kTuple1);
    out.op(pk::kReduce);
    return true;
  }

  // datetime(state[, timezone.utc]): `day` since the epoch, `micros` into it.
  bool datetime(int64_t day, int64_t micros, bool utc, pickle::Writer& out) {
    if (day < kMinDay || day > kMaxDay) return out_of_range(day);
    int year = 0;
    unsigned month = 0, mday = 0;
    civil_from_days(day, &year, &month, &mday);
    char state[10] = {static_cast<char>(year >> 8), static_cast<char>(year & 0xff),
                      static_cast<char>(month), static_cast<char>(mday)};
    clock(micros, state + 4);
    out.get(memo(plan_.strings_.size() + kDatetime));
    out.bytes(std::string_view(state, 10));
    if (utc) {
      out.get(memo(plan_.strings_.size() + kUtc));
      out.op(pk::kTuple2);
    } else {
      out.op(pk::kTuple1);
    }
    out.op(pk::kReduce);
    return true;
  }

  // hour, minute, second, 3-byte big-endian microsecond.
  static void clock(int64_t micros, char* state) {
    // 0 <= micros < 86400e6: one 64-bit division, the rest in 32 bits.
    auto seconds = static_cast<uint32_t>(micros / 1000000);
    auto us = static_cast<uint32_t>(micros - int64_t{seconds} * 1000000);
    uint32_t minutes = seconds / 60;
    state[0] = static_cast<char>(minutes / 60);
    state[1] = static_cast<char>(minutes % 60);
    state[2] = static_cast<char>(seconds - minutes * 60);
    state[3] = static_cast<char>(us >> 16);
    state[4] = static_cast<char>((us >> 8) & 0xff);
    state[5] = static_cast<char>(us & 0xff);
  }

  const TapeToPickle& plan_;
  const Program& program_;
  const Schema& schema_;
  const Tape& tape_;
  bool ascii_;
  const double* nums_;
  size_t nums_size_;
  const uint32_t* text_ends_;
  size_t text_ends_size_;
  std::string_view text_;
  std::vector<int32_t> memo_;    // symbol -> memo index, -1 when not yet used
  std::vector<uint32_t> order_;  // memo index -> symbol
  size_t ni_ = 0, bi_ = 0, ti_ = 0, bli_ = 0;
  size_t text_pos_ = 0, blob_pos_ = 0;
  uint32_t units_ = 0;
  Error error_;
};

// Plain ints, longs and strings carry a logical value only when the program
// maps logical types; the logical ops exist only then.
TapeToPickle::Code TapeToPickle::code_of(Op op, Logical node_logical, bool logical_types) {
  Logical logical = logical_types ? node_logical : Logical::kNone;
  switch (op) {
    case Op::kNull: return Code::kNull;
    case Op::kBoolean: return Code::kBoolean;
    case Op::kInt:
      return logical == Logical::kDate         ? Code::kDate
             : logical == Logical::kTimeMillis ? Code::kTimeMillis
                                               : Code::kInt;
    case Op::kLong:
      switch (logical) {
        case Logical::kTimestampMillis: return Code::kTimestampMillis;
        case Logical::kLocalTimestampMillis: return Code::kLocalTimestampMillis;
        case Logical::kTimeMicros: return Code::kTimeMicros;
        default: return Code::kLong;
      }
    case Op::kFloat:
    case Op::kDouble: return Code::kFloat;
    case Op::kBytes:
    case Op::kFixed: return Code::kBytes;
    case Op::kString: return logical == Logical::kUuid ? Code::kUuidString : Code::kString;
    case Op::kDecimalBytes:
    case Op::kDecimalFixed:
    case Op::kBigDecimal: return Code::kDecimal;
    case Op::kUuidFixed: return Code::kUuidFixed;
    case Op::kEnum: return Code::kEnum;
    case Op::kArray: return Code::kArray;
    case Op::kMap: return Code::kMap;
    case Op::kUnion: return Code::kUnion;
    case Op::kRecord: return Code::kRecord;
    case Op::kTimeMicrosSplit:
      return is_utc(node_logical) ? Code::kTimestampSplit : Code::kLocalTimestampSplit;
    case Op::kTimeNanosSplit: return Code::kNanosSplit;
    case Op::kDuration: return Code::kDuration;
  }
  return Code::kNull;
}

TapeToPickle::TapeToPickle(std::shared_ptr<const Program> program, const PickleOptions& options)
    : program_(std::move(program)) {
  const Schema& schema = program_->schema();
  nodes_.resize(schema.node_count());
  for (NodeId id = 0; id < schema.node_count(); ++id) {
    const Node& node = schema.node(id);
    NodeInfo& info = nodes_[id];
    info.symbols = static_cast<uint32_t>(strings_.size());
    if (node.kind == Kind::kRecord) {
      for (const Field& field : node.fields) strings_.push_back(field.name);
    } else if (node.kind == Kind::kEnum) {
      for (const std::string& symbol : node.symbols) strings_.push_back(symbol);
    }
    if (node.is_named()) {
      info.name = static_cast<uint32_t>(strings_.size());
      strings_.push_back(node.fullname);
    }
    const Step& step = program_->step(id);
    info.code = code_of(step.op, node.logical, program_->options().logical_types);
    info.size = step.size;
    info.child_begin = static_cast<uint32_t>(children_.size());
    info.child_count = step.child_count;
    for (uint32_t i = 0; i < step.child_count; ++i) children_.push_back(program_->child(step, i));
  }
  for (NodeId id = 0; id < schema.node_count(); ++id) {
    const Node& node = schema.node(id);
    if (node.kind != Kind::kUnion) continue;
    size_t records = 0, named = 0;
    for (NodeId branch : node.branches) {
      records += schema.node(branch).kind == Kind::kRecord;
      named += schema.node(branch).is_named();
    }
    auto& wrap = nodes_[id].wrap;
    for (NodeId branch : node.branches) {
      const Node& b = schema.node(branch);
      bool as_named =
          options.named_type && b.is_named() && !(options.named_type_override && named < 2);
      bool as_record = options.record_name && b.kind == Kind::kRecord &&
                       !(options.record_name_override && records < 2);
      wrap.push_back(as_named || as_record);
    }
  }
}

Status TapeToPickle::rows(const Tape& tape, size_t count, pickle::Writer& out) {
  Run run(*this, tape);
  body_.clear();
  body_.op(pk::kMark);
  for (size_t i = 0; i < count; ++i) {
    if (!run.emit(program_->root(), body_)) {
      run.unwind("[" + std::to_string(i) + "]");
      return run.take_error();
    }
  }
  body_.op(pk::kList);
  out.clear();
  out.proto();
  run.prologue(out);
  out.append(body_.view());
  out.op(pk::kStop);
  return Status::ok();
}

Status TapeToPickle::value(const Tape& tape, NodeId node, pickle::Writer& out) {
  if (node >= nodes_.size()) return make_error(ErrorCode::kInternal, "no such schema node");
  Run run(*this, tape);
  body_.clear();
  if (!run.emit(node, body_)) return run.take_error();
  out.clear();
  out.proto();
  run.prologue(out);
  out.append(body_.view());
  out.op(pk::kStop);
  return Status::ok();
}

Status TapeToPickle::columns(const Tape& tape, size_t count, const std::vector<uint8_t>& selected,
                             pickle::Writer& out) {
  const Program& program = *program_;
  const Step& root = program.step(program.root());
  if (root.op != Op::kRecord)
    return make_error(ErrorCode::kInvalidValue, "columns need a record schema");
  const Node& record = program.schema().root_node();
  size_t fields = root.child_count;
  // A column is packed when its values are plain numbers (no logical type).
  std::vector<char> typecode(fields, 0);
  for (size_t f = 0; f < fields; ++f) {
    NodeId type = program.child(root, static_cast<uint32_t>(f));
    const Node& node = program.schema().node(type);
    bool plain = node.logical == Logical::kNone || !program.options().logical_types;
    switch (program.step(type).op) {
      case Op::kInt: typecode[f] = plain ? 'i' : 0; break;
      case Op::kLong: typecode[f] = plain ? 'q' : 0; break;
      case Op::kFloat: typecode[f] = 'f'; break;
      case Op::kDouble: typecode[f] = 'd'; break;
      default: break;
    }
  }
  std::vector<pickle::Writer> bodies(fields);
  Run run(*this, tape);
  for (size_t i = 0; i < count; ++i) {
    for (size_t f = 0; f < fields; ++f) {
      NodeId type = program.child(root, static_cast<uint32_t>(f));
      bool keep = f < selected.size() && selected[f];
      bool ok = !keep         ? run.skip(type)
                : typecode[f] ? run.pack(program.step(type).op, bodies[f])
                              : run.emit(type, bodies[f]);
      if (!ok) {
        run.unwind("." + record.fields[f].name);
        run.unwind("[" + std::to_string(i) + "]");
        return run.take_error();
      }
    }
  }
  body_.clear();
  body_.op(pk::kMark);
  for (size_t f = 0; f < fields; ++f) {
    if (f >= selected.size() || !selected[f]) continue;
    body_.unicode(record.fields[f].name);
    if (typecode[f]) {
      body_.unicode(std::string_view(&typecode[f], 1));
      body_.bytes(bodies[f].view());
      body_.op(pk::kTuple2);
    } else {
      body_.op(pk::kMark);
      body_.append(bodies[f].view());
      body_.op(pk::kList);
    }
  }
  body_.op(pk::kDict);
  out.clear();
  out.proto();
  run.prologue(out);
  out.append(body_.view());
  out.op(pk::kStop);
  return Status::ok();
}

}  // namespace avro::wasm
