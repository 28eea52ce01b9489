#include "schema/names.h"

#include <array>

namespace avro {

namespace {
bool is_name_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

bool is_valid_segment(std::string_view part, bool allow_dollar) {
  if (part.empty() || !(is_name_start(part[0]) || (allow_dollar && part[0] == '$'))) return false;
  for (char c : part) {
    if (!is_name_char(c) && !(allow_dollar && c == '$')) return false;
  }
  return true;
}

bool is_valid_dotted(std::string_view text, bool allow_dollar) {
  size_t start = 0;
  while (true) {
    size_t dot = text.find('.', start);
    std::string_view part = text.substr(start, dot == std::string_view::npos ? text.npos : dot - start);
    if (!is_valid_segment(part, allow_dollar)) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}
}  // namespace

bool is_valid_name(std::string_view name) { return is_valid_segment(name, false); }

bool is_valid_namespace(std::string_view space) {
  return space.empty() || is_valid_dotted(space, true);
}

bool is_primitive_name(std::string_view name) {
  static constexpr std::array<std::string_view, 8> kPrimitives = {
      "null", "boolean", "int", "long", "float", "double", "bytes", "string"};
  for (auto primitive : kPrimitives) {
    if (name == primitive) return true;
  }
  return false;
}

std::string qualify(std::string_view name, std::string_view space) {
  if (name.find('.') != std::string_view::npos || space.empty()) return std::string(name);
  std::string full(space);
  full += '.';
  full += name;
  return full;
}

std::string_view namespace_of(std::string_view fullname) {
  size_t dot = fullname.rfind('.');
  return dot == std::string_view::npos ? std::string_view() : fullname.substr(0, dot);
}

}  // namespace avro
