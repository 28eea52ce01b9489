#include "common/error.h"

#include <array>

namespace avro {

namespace {
constexpr std::array<std::string_view, static_cast<size_t>(ErrorCode::kCount_)> kNames = {
    "OK",           "JSON_SYNTAX",    "SCHEMA_PARSE", "TRUNCATED",
    "INVALID_DATA", "INVALID_UTF8",   "TRAILING_DATA", "LIMIT_EXCEEDED",
    "INVALID_VALUE", "INCOMPATIBLE",  "UNSUPPORTED",  "INTERNAL",
};
}  // namespace

std::string_view error_code_name(ErrorCode code) {
  auto index = static_cast<size_t>(code);
  return index < kNames.size() ? kNames[index] : std::string_view("UNKNOWN");
}

std::string Error::describe() const {
  std::string text = message;
  if (!path.empty()) text += " at " + path;
  if (offset >= 0) text += " (byte " + std::to_string(offset) + ")";
  return text;
}

void prepend_path(Error& error, std::string_view segment) {
  std::string path(segment);
  path += error.path;
  error.path = std::move(path);
}

}  // namespace avro
