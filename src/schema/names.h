// Avro name rules (spec "Names").
#pragma once

#include <string>
#include <string_view>

namespace avro {

// [A-Za-z_][A-Za-z0-9_]*
bool is_valid_name(std::string_view name);
// Dot-separated valid names, or empty (the null namespace). Java's reflect
// writer puts '$' in namespaces (inner classes); Java and fastavro accept
// those files, so we do too, in namespaces only.
bool is_valid_namespace(std::string_view space);
bool is_primitive_name(std::string_view name);

// Full name of `name` declared or referenced inside namespace `space`.
std::string qualify(std::string_view name, std::string_view space);
// Namespace part of a full name ("" when there is no dot).
std::string_view namespace_of(std::string_view fullname);

}  // namespace avro
