// The spec's "Schema Resolution" matching rules, shared by the resolver and
// the compatibility checker so both always agree.
#pragma once

#include <string>

#include "schema/schema.h"

namespace avro {

inline bool is_primitive(Kind kind) { return kind <= Kind::kString; }

// The promotions a reader may apply to a writer's value.
inline bool promotable(Kind writer, Kind reader) {
  switch (writer) {
    case Kind::kInt: return reader == Kind::kLong || reader == Kind::kFloat || reader == Kind::kDouble;
    case Kind::kLong: return reader == Kind::kFloat || reader == Kind::kDouble;
    case Kind::kFloat: return reader == Kind::kDouble;
    case Kind::kString: return reader == Kind::kBytes;
    case Kind::kBytes: return reader == Kind::kString;
    default: return false;
  }
}

// Named types match by unqualified name, or when a reader alias names the
// writer's full name (Java's schemaNameEquals).
inline bool names_match(const Node& writer, const Node& reader) {
  if (writer.name == reader.name) return true;
  for (const std::string& alias : reader.aliases) {
    if (alias == writer.fullname) return true;
  }
  return false;
}

}  // namespace avro
