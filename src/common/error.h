// Errors are values: every fallible core function returns Status or
// Result<T>. The core never throws, prints, aborts or exits (an abort inside
// wasm kills the module for every caller).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace avro {

// Stable numbering: bindings expose these by name (error_code_name), so the
// order here is the contract. Append new codes at the end.
enum class ErrorCode : uint8_t {
  kOk = 0,
  kJsonSyntax,     // text is not well-formed JSON
  kSchemaParse,    // JSON is well-formed but not a valid Avro schema
  kTruncated,      // input ended before the datum was complete
  kInvalidData,    // bytes are not a valid encoding (bad varint, index, length)
  kInvalidUtf8,    // a string is not valid UTF-8
  kTrailingData,   // bytes remain after a complete datum
  kLimitExceeded,  // a configured limit (depth, length, count) was hit
  kInvalidValue,   // a value to encode does not match the schema
  kIncompatible,   // reader and writer schemas cannot be resolved
  kUnsupported,    // valid Avro that this build cannot handle
  kInternal,       // a bug: please report
  kCount_,
};

std::string_view error_code_name(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kOk;
  std::string message;
  std::string path;     // datum or schema path, e.g. ".address.zip" or "[3]"
  int64_t offset = -1;  // byte offset in the input, -1 when not applicable

  // Full human-readable text: "message at .path (byte 12)".
  std::string describe() const;
};

// A must-check success/failure without a value.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design
  static Status ok() { return {}; }

  bool is_ok() const { return error_.code == ErrorCode::kOk; }
  explicit operator bool() const { return is_ok(); }
  const Error& error() const& { return error_; }
  Error&& error() && { return std::move(error_); }

 private:
  Error error_;
};

// A value or an Error. Check is_ok() before value().
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : data_(std::move(error)) {}  // NOLINT
  Result(Status status) : data_(std::move(status).error()) {}  // NOLINT: must be an error

  bool is_ok() const { return data_.index() == 0; }
  explicit operator bool() const { return is_ok(); }
  T& value() & { return std::get<0>(data_); }
  const T& value() const& { return std::get<0>(data_); }
  T&& value() && { return std::get<0>(std::move(data_)); }
  const Error& error() const& { return std::get<1>(data_); }
  Error&& error() && { return std::get<1>(std::move(data_)); }
  Status status() && { return is_ok() ? Status() : Status(std::move(*this).error()); }

 private:
  std::variant<T, Error> data_;
};

inline Error make_error(ErrorCode code, std::string message, int64_t offset = -1) {
  return Error{code, std::move(message), {}, offset};
}

// Prefix a path segment while an error unwinds (".field", "[3]", "[\"key\"]").
// Costs nothing on success because it only runs on the error path.
void prepend_path(Error& error, std::string_view segment);

}  // namespace avro

// Early return on failure. Works for Status and Result<T> expressions.
#define AVRO_TRY(expr)                                           \
  do {                                                           \
    auto avro_try_result_ = (expr);                              \
    if (!avro_try_result_.is_ok()) return std::move(avro_try_result_).error(); \
  } while (0)
