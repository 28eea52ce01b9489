// A small JSON DOM for schemas, defaults and the Avro JSON encoding.
// Written for untrusted input: depth-limited, every error is a value with a
// byte offset, object member order is preserved (schemas keep custom
// attributes in order) and numbers keep their source text so 64-bit integers
// and decimals survive exactly.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.h"

namespace avro::json {

enum class Type : uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };

class Value;
using Member = std::pair<std::string, Value>;

class Value {
 public:
  Value() = default;  // null
  static Value boolean(bool b);
  static Value number(std::string text);  // text must be a valid JSON number
  static Value number(double d);          // shortest round-trip text
  static Value integer(int64_t i);
  static Value string(std::string s);
  static Value array(std::vector<Value> items = {});
  static Value object(std::vector<Member> members = {});

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::kNull; }
  bool is_bool() const { return type_ == Type::kBool; }
  bool is_number() const { return type_ == Type::kNumber; }
  bool is_string() const { return type_ == Type::kString; }
  bool is_array() const { return type_ == Type::kArray; }
  bool is_object() const { return type_ == Type::kObject; }

  bool as_bool() const { return bool_; }
  // String contents (kString) or the number's source text (kNumber).
  const std::string& text() const { return text_; }
  double as_double() const;  // kNumber: nearest double of the text
  // kNumber whose text is an integer (no fraction/exponent, or an exponent
  // that still yields an exact integer) within int64 range.
  bool as_int64(int64_t* out) const;

  const std::vector<Value>& items() const { return items_; }
  std::vector<Value>& items() { return items_; }
  const std::vector<Member>& members() const { return members_; }
  std::vector<Member>& members() { return members_; }
  // First member with this key, or nullptr.
  const Value* find(std::string_view key) const;

  // Structural equality (numbers compared by value when both parse as
  // doubles and by text otherwise; object member order ignored).
  bool operator==(const Value& other) const;
  bool operator!=(const Value& other) const { return !(*this == other); }

 private:
  Type type_ = Type::kNull;
  bool bool_ = false;
  std::string text_;
  std::vector<Value> items_;
  std::vector<Member> members_;
};

struct ParseOptions {
  uint32_t max_depth = 512;  // arrays/objects nested deeper fail with kLimitExceeded
  // Array items plus object members in the whole document. A DOM value costs
  // 40 (wasm) to 88 (64-bit) bytes, twice that while a vector grows, for as
  // little as two bytes of text ("0,"): this keeps a hostile document (e.g.
  // a 64 MiB schema in a file header) from becoming gigabytes of DOM; at
  // this limit the DOM peaks near 100 MB in wasm. kLimitExceeded beyond it.
  uint64_t max_values = 1ull << 20;
};

// Parses exactly one JSON value surrounded by optional whitespace. Errors:
// kJsonSyntax (with the byte offset of the problem) or kLimitExceeded.
// Duplicate object keys are kept (callers that care reject them).
Result<Value> parse(std::string_view text, const ParseOptions& options = {});

// Compact serialization (no spaces), members in stored order.
std::string write(const Value& value);
void write_to(const Value& value, std::string& out);
// Appends `s` as a JSON string literal with quotes. Escapes ", \, control
// characters (\b \f \n \r \t or \u00XX); everything else as UTF-8 verbatim.
void write_string(std::string_view s, std::string& out);
// Appends the shortest decimal text that parses back to exactly `d`
// (e.g. 0.1 -> "0.1", 1e21 -> "1e+21", 5.0 -> "5"). NaN/Infinity are not
// JSON: callers decide; this writes "NaN", "Infinity", "-Infinity".
void write_double(double d, std::string& out);
// Same for a float: shortest text that parses back to the same float.
void write_float(float f, std::string& out);

// Whether `s` is valid UTF-8 (no overlongs, surrogates or > U+10FFFF).
bool is_valid_utf8(std::string_view s);

}  // namespace avro::json
