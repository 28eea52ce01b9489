#include "json/json.h"

#include <fast_float/fast_float.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace avro::json {

namespace {

// ---------------------------------------------------------------------------
// UTF-8

// Length of the well-formed UTF-8 sequence starting at s[pos] (1-4), or 0 if
// it is malformed: Unicode Table 3-7, which rules out overlongs, surrogates
// and code points above U+10FFFF.
size_t utf8_sequence_length(std::string_view s, size_t pos) {
  auto byte = [&](size_t i) { return static_cast<uint8_t>(s[i]); };
  auto cont = [&](size_t i, uint8_t lo = 0x80, uint8_t hi = 0xBF) {
    return i < s.size() && byte(i) >= lo && byte(i) <= hi;
  };
  uint8_t b0 = byte(pos);
  if (b0 < 0x80) return 1;
  if (b0 >= 0xC2 && b0 <= 0xDF) return cont(pos + 1) ? 2 : 0;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    uint8_t lo = b0 == 0xE0 ? 0xA0 : 0x80;  // no overlongs
    uint8_t hi = b0 == 0xED ? 0x9F : 0xBF;  // no surrogates
    return cont(pos + 1, lo, hi) && cont(pos + 2) ? 3 : 0;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    uint8_t lo = b0 == 0xF0 ? 0x90 : 0x80;  // no overlongs
    uint8_t hi = b0 == 0xF4 ? 0x8F : 0xBF;  // nothing above U+10FFFF
    return cont(pos + 1, lo, hi) && cont(pos + 2) && cont(pos + 3) ? 4 : 0;
  }
  return 0;
}

void append_utf8(uint32_t cp, std::string& out) {
  char bytes[4];
  size_t length;
  if (cp < 0x80) {
    bytes[0] = static_cast<char>(cp);
    length = 1;
  } else if (cp < 0x800) {
    bytes[0] = static_cast<char>(0xC0 | (cp >> 6));
    bytes[1] = static_cast<char>(0x80 | (cp & 0x3F));
    length = 2;
  } else if (cp < 0x10000) {
    bytes[0] = static_cast<char>(0xE0 | (cp >> 12));
    bytes[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    bytes[2] = static_cast<char>(0x80 | (cp & 0x3F));
    length = 3;
  } else {
    bytes[0] = static_cast<char>(0xF0 | (cp >> 18));
    bytes[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    bytes[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    bytes[3] = static_cast<char>(0x80 | (cp & 0x3F));
    length = 4;
  }
  out.append(bytes, length);
}

// ---------------------------------------------------------------------------
// Output goes through a small stack buffer flushed with one append: per-char
// std::string appends are slow calls in the wasm build's libc++.

class Sink {
 public:
  explicit Sink(std::string& out) : out_(out) {}
  ~Sink() { flush(); }
  Sink(const Sink&) = delete;
  Sink& operator=(const Sink&) = delete;

  void put(char c) {
    if (size_ == sizeof(buffer_)) flush();
    buffer_[size_++] = c;
  }
  void put(std::string_view s) {
    if (s.size() > sizeof(buffer_) - size_) {
      flush();
      if (s.size() > sizeof(buffer_)) {
        out_.append(s.data(), s.size());
        return;
      }
    }
    std::memcpy(buffer_ + size_, s.data(), s.size());
    size_ += s.size();
  }
  void put_repeated(char c, size_t count) {
    for (size_t i = 0; i < count; ++i) put(c);
  }
  void flush() {
    out_.append(buffer_, size_);
    size_ = 0;
  }

 private:
  std::string& out_;
  size_t size_ = 0;
  char buffer_[512];
};

// ---------------------------------------------------------------------------
// Exact decimal view of a number's text, used for exact integer conversion
// and comparison without going through double.

// Saturation bound for exponents: far beyond any meaningful value, and small
// enough that adding a text length cannot overflow int64.
constexpr int64_t kMaxExponent = int64_t{1} << 48;

struct Decimal {
  bool negative = false;
  std::string_view int_digits;
  std::string_view frac_digits;
  // Normalized form: value = digits[first..last] * 10^exp10, where
  // digits(i) indexes int_digits followed by frac_digits. Only valid when
  // !zero.
  bool zero = true;
  size_t first = 0;
  size_t last = 0;
  int64_t exp10 = 0;

  char digit(size_t i) const {
    return i < int_digits.size() ? int_digits[i] : frac_digits[i - int_digits.size()];
  }
  size_t significant_count() const { return last - first + 1; }
  bool is_integer() const { return zero || exp10 >= 0; }
};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

size_t count_digits(std::string_view s, size_t pos) {
  size_t start = pos;
  while (pos < s.size() && is_digit(s[pos])) ++pos;
  return pos - start;
}

// Splits a number text matching the JSON grammar (leading zeros tolerated);
// returns false for anything else (e.g. the "NaN" text of Value::number(NAN)).
bool decompose(std::string_view text, Decimal* d) {
  size_t pos = 0;
  if (pos < text.size() && text[pos] == '-') {
    d->negative = true;
    ++pos;
  }
  size_t n = count_digits(text, pos);
  if (n == 0) return false;
  d->int_digits = text.substr(pos, n);
  pos += n;
  if (pos < text.size() && text[pos] == '.') {
    n = count_digits(text, ++pos);
    if (n == 0) return false;
    d->frac_digits = text.substr(pos, n);
    pos += n;
  }
  int64_t exponent = 0;
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    ++pos;
    bool negative_exp = false;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
      negative_exp = text[pos] == '-';
      ++pos;
    }
    n = count_digits(text, pos);
    if (n == 0) return false;
    for (char c : text.substr(pos, n)) {
      exponent = std::min(exponent * 10 + (c - '0'), kMaxExponent);
    }
    if (negative_exp) exponent = -exponent;
    pos += n;
  }
  if (pos != text.size()) return false;

  size_t total = d->int_digits.size() + d->frac_digits.size();
  size_t first = 0;
  while (first < total && d->digit(first) == '0') ++first;
  if (first == total) return true;  // zero
  size_t last = total - 1;
  while (d->digit(last) == '0') --last;
  d->zero = false;
  d->first = first;
  d->last = last;
  // Trailing zeros move into the exponent; fraction digits move out of it.
  d->exp10 = exponent - static_cast<int64_t>(d->frac_digits.size()) +
             static_cast<int64_t>(total - 1 - last);
  return true;
}

bool decimal_to_int64(const Decimal& d, int64_t* out) {
  if (d.zero) {
    *out = 0;
    return true;
  }
  if (d.exp10 < 0) return false;  // a nonzero fraction remains
  // 19 digits hold any int64; 10^19 and above cannot fit.
  if (static_cast<int64_t>(d.significant_count()) + d.exp10 > 19) return false;
  uint64_t magnitude = 0;
  for (size_t i = d.first; i <= d.last; ++i) magnitude = magnitude * 10 + (d.digit(i) - '0');
  for (int64_t i = 0; i < d.exp10; ++i) magnitude *= 10;
  const uint64_t limit = d.negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
  if (magnitude > limit) return false;
  // Negate in unsigned arithmetic so INT64_MIN needs no special case.
  *out = static_cast<int64_t>(d.negative ? 0 - magnitude : magnitude);
  return true;
}

bool same_decimal_value(const Decimal& a, const Decimal& b) {
  if (a.zero || b.zero) return a.zero && b.zero;  // -0 equals 0
  if (a.negative != b.negative || a.exp10 != b.exp10) return false;
  if (a.significant_count() != b.significant_count()) return false;
  for (size_t i = 0; i < a.significant_count(); ++i) {
    if (a.digit(a.first + i) != b.digit(b.first + i)) return false;
  }
  return true;
}

bool numbers_equal(const std::string& a, const std::string& b, double da, double db) {
  Decimal x, y;
  // Integers (including huge ones) compare exactly; anything with a fraction
  // compares as the doubles it denotes, so "0.1" equals "0.10000000000000001".
  if (decompose(a, &x) && decompose(b, &y) && x.is_integer() && y.is_integer()) {
    return same_decimal_value(x, y);
  }
  return da == db || a == b;  // the text fallback makes "NaN" equal itself
}

// ---------------------------------------------------------------------------
// Shortest round-trip formatting of doubles and floats.

// value = 0.d1d2...dk * 10^n: the "k digits with exponent n" of ECMAScript's
// Number::toString.
struct Digits {
  char d[24];
  int count = 0;
  int n = 0;
};

// Reads "%.*e" output ("d.ddde+XX"). Takes any non-digit before 'e' as the
// decimal point, so a non-C LC_NUMERIC locale cannot break it.
Digits read_scientific(const char* text) {
  Digits digits;
  const char* p = text;
  for (; *p != '\0' && *p != 'e'; ++p) {
    if (is_digit(*p) && digits.count < static_cast<int>(sizeof(digits.d))) {
      digits.d[digits.count++] = *p;
    }
  }
  int exponent = 0;
  if (*p == 'e') {
    const char* end = p + std::strlen(p);
    ++p;
    if (*p == '+') ++p;  // from_chars rejects a leading '+'
    std::from_chars(p, end, exponent);
  }
  digits.n = exponent + 1;
  return digits;
}

Digits print_scientific(double v, int precision) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.*e", precision - 1, v);
  return read_scientific(buffer);
}

// The first `count` digits of `full`, i.e. rounded toward zero.
Digits truncated(const Digits& full, int count) {
  Digits out;
  out.count = count;
  out.n = full.n;
  std::memcpy(out.d, full.d, static_cast<size_t>(count));
  return out;
}

// `digits` plus one unit in the last place (99 -> 100 moves the exponent).
Digits incremented(Digits digits) {
  int i = digits.count - 1;
  while (i >= 0 && digits.d[i] == '9') digits.d[i--] = '0';
  if (i >= 0) {
    ++digits.d[i];
  } else {
    digits.d[0] = '1';
    ++digits.n;
  }
  return digits;
}

// Whether `v` rounds up (away from zero) to `count` digits. `full` is itself
// rounded, which only misleads when its dropped tail is exactly a half
// ("500..."): that case asks printf, which rounds the exact value.
bool rounds_up(double v, const Digits& full, int count) {
  const char* tail = full.d + count;
  const char* tail_end = full.d + full.count;
  if (tail[0] != '5') return tail[0] > '5';
  if (std::any_of(tail + 1, tail_end, [](char c) { return c != '0'; })) return true;
  Digits exact = print_scientific(v, count);
  return exact.n != full.n || std::memcmp(exact.d, full.d, static_cast<size_t>(count)) != 0;
}

// Writes digits as "ddde<exp>" (an integer significand) for parsing back.
size_t to_parse_text(const Digits& digits, char* buffer, size_t size) {
  std::memcpy(buffer, digits.d, static_cast<size_t>(digits.count));
  char* p = buffer + digits.count;
  *p++ = 'e';
  p = std::to_chars(p, buffer + size, digits.n - digits.count).ptr;
  return static_cast<size_t>(p - buffer);
}

// Integral values with an ulp of at most 1 are their own shortest digits:
// any candidate with fewer digits is a different integer, at least 1 away.
Digits integer_digits(double v) {
  Digits digits;
  char* end = std::to_chars(digits.d, digits.d + sizeof(digits.d), static_cast<uint64_t>(v)).ptr;
  digits.count = static_cast<int>(end - digits.d);
  digits.n = digits.count;
  return digits;
}

// A cheap necessary condition that skips most parsing for long outputs: a
// round-tripping candidate lies within one ulp of `v`, and the nearest
// `count`-digit neighbour is min(tail, 10^dropped - tail) units of `full`'s
// last digit away (give or take `full`'s own rounding, half a unit).
bool within_reach(uint64_t significand, int dropped, double ulp_in_units) {
  static constexpr uint64_t kPow10[] = {1,
                                        10,
                                        100,
                                        1000,
                                        10000,
                                        100000,
                                        1000000,
                                        10000000,
                                        100000000,
                                        1000000000,
                                        10000000000,
                                        100000000000,
                                        1000000000000,
                                        10000000000000,
                                        100000000000000,
                                        1000000000000000,
                                        10000000000000000};
  uint64_t unit = kPow10[dropped];
  uint64_t tail = significand % unit;
  double nearest = static_cast<double>(std::min(tail, unit - tail));
  return nearest <= ulp_in_units * 1.01 + 1;  // generous margins
}

// Shortest digits of positive finite `v` (whose ulp is 2^ulp_exponent) for
// which round_trips(text) holds, the closest to `v` when two of that length
// do (ECMAScript's rule). One printf gives `max_digits` (<= 17) correctly
// rounded digits, enough to round trip; shorter candidates are derived from
// them and checked with fast_float. Only the two neighbours of `v` at each
// length can round trip; the farther one wins where the interval is lopsided
// (just above powers of two).
template <class RoundTrips>
Digits shortest_digits(double v, int max_digits, int ulp_exponent, RoundTrips round_trips) {
  if (ulp_exponent <= 0 && v == std::floor(v)) return integer_digits(v);
  Digits full = print_scientific(v, max_digits);
  uint64_t significand = 0;
  for (int i = 0; i < full.count; ++i) significand = significand * 10 + (full.d[i] - '0');
  // The ulp in units of full's last digit, 10^(n - count); log10(2) below.
  const double ulp_in_units =
      std::pow(10.0, ulp_exponent * 0.30102999566398120 - (full.n - full.count));
  auto accepts = [&](const Digits& candidate) {
    char text[48];
    size_t length = to_parse_text(candidate, text, sizeof(text));
    return round_trips(text, text + length);
  };
  Digits result = full;
  for (int count = 1; count < full.count; ++count) {
    if (!within_reach(significand, full.count - count, ulp_in_units)) continue;
    Digits down = truncated(full, count);
    Digits up = incremented(down);
    bool up_is_nearer = rounds_up(v, full, count);
    const Digits& nearer = up_is_nearer ? up : down;
    const Digits& farther = up_is_nearer ? down : up;
    if (accepts(nearer)) {
      result = nearer;
      break;
    }
    if (accepts(farther)) {
      result = farther;
      break;
    }
  }
  while (result.count > 1 && result.d[result.count - 1] == '0') --result.count;
  return result;
}

// ECMAScript Number::toString layout for k digits and exponent n.
void put_js_layout(const Digits& digits, Sink& out) {
  const int k = digits.count;
  const int n = digits.n;
  const std::string_view d(digits.d, static_cast<size_t>(k));
  if (k <= n && n <= 21) {  // integer: 123000
    out.put(d);
    out.put_repeated('0', static_cast<size_t>(n - k));
  } else if (0 < n && n <= 21) {  // 123.45
    out.put(d.substr(0, static_cast<size_t>(n)));
    out.put('.');
    out.put(d.substr(static_cast<size_t>(n)));
  } else if (-6 < n && n <= 0) {  // 0.00123
    out.put("0.");
    out.put_repeated('0', static_cast<size_t>(-n));
    out.put(d);
  } else {  // 1.23e+25, 1e-7
    out.put(d[0]);
    if (k > 1) {
      out.put('.');
      out.put(d.substr(1));
    }
    out.put(n - 1 >= 0 ? "e+" : "e-");
    char exponent[8];
    char* end = std::to_chars(exponent, exponent + sizeof(exponent), std::abs(n - 1)).ptr;
    out.put(std::string_view(exponent, static_cast<size_t>(end - exponent)));
  }
}

// Handles the non-finite, zero and sign cases; returns the magnitude to
// format, or a negative value when the text is complete.
double put_special(double d, Sink& out) {
  if (std::isnan(d)) {
    out.put("NaN");
    return -1;
  }
  if (std::signbit(d)) out.put('-');
  if (std::isinf(d)) {
    out.put("Infinity");
    return -1;
  }
  if (d == 0) {
    out.put('0');
    return -1;
  }
  return std::fabs(d);
}

// Runs of bytes that need no escape are copied in one put.
void put_string(std::string_view s, Sink& out) {
  static const char kHex[] = "0123456789abcdef";
  out.put('"');
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    uint8_t c = static_cast<uint8_t>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.put(s.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '"': out.put("\\\""); break;
      case '\\': out.put("\\\\"); break;
      case '\b': out.put("\\b"); break;
      case '\f': out.put("\\f"); break;
      case '\n': out.put("\\n"); break;
      case '\r': out.put("\\r"); break;
      case '\t': out.put("\\t"); break;
      default:
        out.put("\\u00");
        out.put(kHex[c >> 4]);
        out.put(kHex[c & 0xF]);
    }
  }
  out.put(s.substr(run));
  out.put('"');
}

void put_value(const Value& value, Sink& out) {
  switch (value.type()) {
    case Type::kNull: out.put("null"); break;
    case Type::kBool: out.put(value.as_bool() ? "true" : "false"); break;
    case Type::kNumber: out.put(value.text()); break;
    case Type::kString: put_string(value.text(), out); break;
    case Type::kArray: {
      out.put('[');
      bool first = true;
      for (const Value& item : value.items()) {
        if (!first) out.put(',');
        first = false;
        put_value(item, out);
      }
      out.put(']');
      break;
    }
    case Type::kObject: {
      out.put('{');
      bool first = true;
      for (const Member& member : value.members()) {
        if (!first) out.put(',');
        first = false;
        put_string(member.first, out);
        out.put(':');
        put_value(member.second, out);
      }
      out.put('}');
      break;
    }
  }
}

// ---------------------------------------------------------------------------
// Parser: recursive descent over the text with an explicit depth counter,
// checked before each descent so hostile nesting cannot exhaust the stack.
// Functions return false after recording the first error in error_.

class Parser {
 public:
  Parser(std::string_view text, const ParseOptions& options) : s_(text), options_(options) {}

  Result<Value> run() {
    Value root;
    skip_whitespace();
    if (!parse_value(root, 0)) return std::move(error_);
    skip_whitespace();
    if (pos_ < s_.size()) return syntax("unexpected data after JSON value", pos_);
    return root;
  }

 private:
  bool at_end() const { return pos_ >= s_.size(); }
  char peek() const { return s_[pos_]; }

  void skip_whitespace() {
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
      ++pos_;
    }
  }

  Error syntax(std::string message, size_t offset) {
    return make_error(ErrorCode::kJsonSyntax, std::move(message), static_cast<int64_t>(offset));
  }

  // Error paths stay out of line so the recursive frames stay small.
  [[gnu::noinline, gnu::cold]] bool fail(std::string message, size_t offset) {
    error_ = syntax(std::move(message), offset);
    return false;
  }
  [[gnu::noinline, gnu::cold]] bool fail_end() {
    return fail("unexpected end of input", s_.size());
  }
  [[gnu::noinline, gnu::cold]] bool fail_depth() {
    error_ = make_error(ErrorCode::kLimitExceeded,
                        "nesting deeper than max_depth " + std::to_string(options_.max_depth),
                        static_cast<int64_t>(pos_));
    return false;
  }

  [[gnu::noinline, gnu::cold]] bool fail_values() {
    error_ = make_error(ErrorCode::kLimitExceeded,
                        "more than max_values " + std::to_string(options_.max_values) +
                            " array items and object members",
                        static_cast<int64_t>(pos_));
    return false;
  }

  // Describes the byte at `offset` for "unexpected ..." messages.
  [[gnu::noinline, gnu::cold]] bool fail_unexpected(size_t offset) {
    uint8_t c = static_cast<uint8_t>(s_[offset]);
    if (c > 0x20 && c < 0x7F)
      return fail(std::string("unexpected character '") + s_[offset] + "'", offset);
    static const char kHex[] = "0123456789abcdef";
    return fail(std::string("unexpected byte 0x") + kHex[c >> 4] + kHex[c & 0xF], offset);
  }

  bool parse_value(Value& out, uint32_t depth) {
    if (at_end()) return fail_end();
    switch (peek()) {
      case '{':
      case '[':
        if (depth >= options_.max_depth) return fail_depth();
        return peek() == '[' ? parse_array(out, depth + 1) : parse_object(out, depth + 1);
      case '"': return parse_string_value(out);
      case 't':
        if (!parse_literal("true")) return false;
        out = Value::boolean(true);
        return true;
      case 'f':
        if (!parse_literal("false")) return false;
        out = Value::boolean(false);
        return true;
      case 'n': return parse_literal("null");  // `out` is already null
      default:
        if (peek() == '-' || is_digit(peek())) return parse_number(out);
        return fail_unexpected(pos_);
    }
  }

  bool parse_literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return fail("invalid literal", pos_);
    pos_ += word.size();
    return true;
  }

  // Kept out of parse_value so its std::string is not on every recursion frame.
  [[gnu::noinline]] bool parse_string_value(Value& out) {
    std::string text;
    if (!parse_string(text)) return false;
    out = Value::string(std::move(text));
    return true;
  }

  // After each element: ']' ends the array, ',' must precede another element.
  bool parse_array(Value& out, uint32_t depth) {
    out = Value::array();
    std::vector<Value>& items = out.items();
    ++pos_;  // '['
    skip_whitespace();
    if (!at_end() && peek() == ']') {
      ++pos_;
      return true;
    }
    while (true) {
      if (++values_ > options_.max_values) return fail_values();
      items.emplace_back();
      if (!parse_value(items.back(), depth)) return false;
      skip_whitespace();
      if (at_end()) return fail_end();
      if (peek() == ']') {
        ++pos_;
        return true;
      }
      if (peek() != ',') return fail("expected ',' or ']' in array", pos_);
      size_t comma = pos_++;
      skip_whitespace();
      if (!at_end() && peek() == ']') return fail("trailing comma", comma);
    }
  }

  bool parse_object(Value& out, uint32_t depth) {
    out = Value::object();  // same separator rules as arrays
    std::vector<Member>& members = out.members();
    ++pos_;  // '{'
    skip_whitespace();
    if (!at_end() && peek() == '}') {
      ++pos_;
      return true;
    }
    while (true) {
      if (at_end()) return fail_end();
      if (peek() != '"') return fail("expected string key", pos_);
      if (++values_ > options_.max_values) return fail_values();
      members.emplace_back(std::string(), Value());
      Member& member = members.back();
      if (!parse_string(member.first)) return false;
      skip_whitespace();
      if (at_end()) return fail_end();
      if (peek() != ':') return fail("expected ':' after object key", pos_);
      ++pos_;
      skip_whitespace();
      if (!parse_value(member.second, depth)) return false;
      skip_whitespace();
      if (at_end()) return fail_end();
      if (peek() == '}') {
        ++pos_;
        return true;
      }
      if (peek() != ',') return fail("expected ',' or '}' in object", pos_);
      size_t comma = pos_++;
      skip_whitespace();
      if (!at_end() && peek() == '}') return fail("trailing comma", comma);
    }
  }

  // Copies runs of plain bytes in one append; stops at quotes, escapes,
  // control characters and non-ASCII (which is validated in place).
  bool parse_string(std::string& out) {
    string_start_ = pos_++;
    size_t run = pos_;
    while (pos_ < s_.size()) {
      uint8_t c = static_cast<uint8_t>(s_[pos_]);
      if (c == '"') {
        out.append(s_.data() + run, pos_ - run);
        ++pos_;
        return true;
      }
      if (c == '\\') {
        out.append(s_.data() + run, pos_ - run);
        if (!parse_escape(out)) return false;
        run = pos_;
      } else if (c < 0x20) {
        return fail("unescaped control character in string", pos_);
      } else if (c >= 0x80) {
        size_t length = utf8_sequence_length(s_, pos_);
        if (length == 0) return fail("invalid UTF-8 in string", pos_);
        pos_ += length;
      } else {
        ++pos_;
      }
    }
    return fail_unterminated();
  }

  // Reported at the opening quote: that is where the unclosed string starts.
  bool fail_unterminated() { return fail("unterminated string", string_start_); }

  bool parse_escape(std::string& out) {
    const size_t backslash = pos_++;
    if (at_end()) return fail_unterminated();
    char c = s_[pos_++];
    switch (c) {
      case '"': out += '"'; return true;
      case '\\': out += '\\'; return true;
      case '/': out += '/'; return true;
      case 'b': out += '\b'; return true;
      case 'f': out += '\f'; return true;
      case 'n': out += '\n'; return true;
      case 'r': out += '\r'; return true;
      case 't': out += '\t'; return true;
      case 'u': return parse_unicode_escape(backslash, out);
      default:
        if (static_cast<uint8_t>(c) > 0x20 && static_cast<uint8_t>(c) < 0x7F) {
          return fail(std::string("invalid escape \\") + c, backslash);
        }
        return fail("invalid escape", backslash);
    }
  }

  // Reads the 4 hex digits after "\u" at pos_.
  bool read_hex4(size_t backslash, uint32_t* out) {
    uint32_t value = 0;
    for (int i = 0; i < 4; ++i, ++pos_) {
      if (at_end()) return fail_unterminated();
      char c = peek();
      uint32_t nibble;
      if (is_digit(c)) {
        nibble = static_cast<uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        nibble = static_cast<uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        nibble = static_cast<uint32_t>(c - 'A' + 10);
      } else {
        return fail("invalid \\u escape", backslash);
      }
      value = value << 4 | nibble;
    }
    *out = value;
    return true;
  }

  // A high surrogate must be followed by a "\u" low surrogate; they combine
  // into one code point. Any unpaired surrogate is an error: it has no UTF-8.
  bool parse_unicode_escape(size_t backslash, std::string& out) {
    uint32_t cp = 0;
    if (!read_hex4(backslash, &cp)) return false;
    if (cp >= 0xDC00 && cp <= 0xDFFF) return fail("lone surrogate in \\u escape", backslash);
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (s_.substr(pos_, 2) != "\\u") return fail("lone surrogate in \\u escape", backslash);
      size_t second = pos_;
      pos_ += 2;
      uint32_t low = 0;
      if (!read_hex4(second, &low)) return false;
      if (low < 0xDC00 || low > 0xDFFF) return fail("lone surrogate in \\u escape", backslash);
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    append_utf8(cp, out);
    return true;
  }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? ; the text is kept as is.
  bool parse_number(Value& out) {
    const size_t start = pos_;
    if (peek() == '-') ++pos_;
    size_t digits = count_digits(s_, pos_);
    if (digits == 0) return at_end() ? fail_end() : fail("expected digit after '-'", pos_);
    if (s_[pos_] == '0' && digits > 1) return fail("leading zeros are not allowed", pos_);
    pos_ += digits;
    if (!at_end() && peek() == '.') {
      digits = count_digits(s_, ++pos_);
      if (digits == 0) return fail("expected digit after '.'", pos_);
      pos_ += digits;
    }
    if (!at_end() && (peek() == 'e' || peek() == 'E')) {
      ++pos_;
      if (!at_end() && (peek() == '+' || peek() == '-')) ++pos_;
      digits = count_digits(s_, pos_);
      if (digits == 0) return fail("expected digit in exponent", pos_);
      pos_ += digits;
    }
    out = Value::number(std::string(s_.substr(start, pos_ - start)));
    return true;
  }

  std::string_view s_;
  const ParseOptions& options_;
  size_t pos_ = 0;
  uint64_t values_ = 0;      // array items and object members so far
  size_t string_start_ = 0;  // opening quote of the string being parsed
  Error error_;
};

// Object equality ignoring member order. Members are sorted by key (stably)
// and each run of equal keys must match as a multiset, so duplicate keys are
// compared too.
bool members_equal(const std::vector<Member>& a, const std::vector<Member>& b) {
  if (a.size() != b.size()) return false;
  // Fast path: same members in the same order.
  size_t same = 0;
  while (same < a.size() && a[same].first == b[same].first && a[same].second == b[same].second) {
    ++same;
  }
  if (same == a.size()) return true;

  auto sorted = [](const std::vector<Member>& members) {
    std::vector<const Member*> order(members.size());
    for (size_t i = 0; i < members.size(); ++i) order[i] = &members[i];
    std::stable_sort(order.begin(), order.end(),
                     [](const Member* x, const Member* y) { return x->first < y->first; });
    return order;
  };
  std::vector<const Member*> x = sorted(a);
  std::vector<const Member*> y = sorted(b);
  for (size_t begin = 0; begin < x.size();) {
    size_t end = begin + 1;
    while (end < x.size() && x[end]->first == x[begin]->first) ++end;
    for (size_t i = begin; i < end; ++i) {
      if (y[i]->first != x[begin]->first) return false;
    }
    // Match each value of the run to a distinct equal value (runs are tiny).
    std::vector<bool> used(end - begin, false);
    for (size_t i = begin; i < end; ++i) {
      size_t j = begin;
      while (j < end && (used[j - begin] || x[i]->second != y[j]->second)) ++j;
      if (j == end) return false;
      used[j - begin] = true;
    }
    begin = end;
  }
  return true;
}

}  // namespace

// ---------------------------------------------------------------------------
// Value

Value Value::boolean(bool b) {
  Value v;
  v.type_ = Type::kBool;
  v.bool_ = b;
  return v;
}

Value Value::number(std::string text) {
  Value v;
  v.type_ = Type::kNumber;
  v.text_ = std::move(text);
  return v;
}

Value Value::number(double d) {
  std::string text;
  write_double(d, text);
  return number(std::move(text));
}

Value Value::integer(int64_t i) {
  char buffer[24];
  char* end = std::to_chars(buffer, buffer + sizeof(buffer), i).ptr;
  return number(std::string(buffer, end));
}

Value Value::string(std::string s) {
  Value v;
  v.type_ = Type::kString;
  v.text_ = std::move(s);
  return v;
}

Value Value::array(std::vector<Value> items) {
  Value v;
  v.type_ = Type::kArray;
  v.items_ = std::move(items);
  return v;
}

Value Value::object(std::vector<Member> members) {
  Value v;
  v.type_ = Type::kObject;
  v.members_ = std::move(members);
  return v;
}

double Value::as_double() const {
  double d = std::nan("");
  fast_float::from_chars(text_.data(), text_.data() + text_.size(), d);
  return d;
}

bool Value::as_int64(int64_t* out) const {
  Decimal d;
  return type_ == Type::kNumber && decompose(text_, &d) && decimal_to_int64(d, out);
}

const Value* Value::find(std::string_view key) const {
  for (const Member& member : members_) {
    if (member.first == key) return &member.second;
  }
  return nullptr;
}

bool Value::operator==(const Value& other) const {
  if (type_ != other.type_) return false;
  switch (type_) {
    case Type::kNull: return true;
    case Type::kBool: return bool_ == other.bool_;
    case Type::kNumber: return numbers_equal(text_, other.text_, as_double(), other.as_double());
    case Type::kString: return text_ == other.text_;
    case Type::kArray: return items_ == other.items_;
    case Type::kObject: return members_equal(members_, other.members_);
  }
  return false;
}

// ---------------------------------------------------------------------------
// Parsing and writing

Result<Value> parse(std::string_view text, const ParseOptions& options) {
  return Parser(text, options).run();
}

std::string write(const Value& value) {
  std::string out;
  write_to(value, out);
  return out;
}

void write_to(const Value& value, std::string& out) {
  Sink sink(out);
  put_value(value, sink);
}

void write_string(std::string_view s, std::string& out) {
  Sink sink(out);
  put_string(s, sink);
}

void write_double(double d, std::string& out) {
  Sink sink(out);
  double v = put_special(d, sink);
  if (v < 0) return;
  int exponent;
  std::frexp(v, &exponent);  // v < 2^exponent
  auto round_trips = [v](const char* first, const char* last) {
    double parsed = -1;
    fast_float::from_chars(first, last, parsed);
    return parsed == v;
  };
  put_js_layout(shortest_digits(v, 17, std::max(exponent - 53, -1074), round_trips), sink);
}

void write_float(float f, std::string& out) {
  Sink sink(out);
  double v = put_special(f, sink);
  if (v < 0) return;
  const float target = static_cast<float>(v);
  int exponent;
  std::frexp(v, &exponent);  // v < 2^exponent
  // Readers may parse the text as a double and narrow it, or parse a float
  // directly; the chosen text must give `f` both ways.
  auto round_trips = [target](const char* first, const char* last) {
    double as_double = -1;
    float as_float = -1;
    fast_float::from_chars(first, last, as_double);
    fast_float::from_chars(first, last, as_float);
    return static_cast<float>(as_double) == target && as_float == target;
  };
  put_js_layout(shortest_digits(v, 9, std::max(exponent - 24, -149), round_trips), sink);
}

bool is_valid_utf8(std::string_view s) {
  size_t pos = 0;
  while (pos < s.size()) {
    // Fast path: skip 8 ASCII bytes at a time.
    if (pos + 8 <= s.size()) {
      uint64_t chunk;
      std::memcpy(&chunk, s.data() + pos, sizeof(chunk));
      if ((chunk & 0x8080808080808080ULL) == 0) {
        pos += 8;
        continue;
      }
    }
    size_t length = utf8_sequence_length(s, pos);
    if (length == 0) return false;
    pos += length;
  }
  return true;
}

}  // namespace avro::json
