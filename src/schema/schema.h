// The parsed schema: an immutable graph of nodes addressed by index, so that
// recursive types are plain back-references and a Schema can be shared
// freely once built.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/error.h"
#include "json/json.h"

namespace avro {

enum class Kind : uint8_t {
  kNull, kBoolean, kInt, kLong, kFloat, kDouble, kBytes, kString,
  kRecord, kEnum, kArray, kMap, kUnion, kFixed,
};

enum class Logical : uint8_t {
  kNone,
  kDecimal,       // bytes or fixed: unscaled two's-complement big-endian
  kBigDecimal,    // bytes: unscaled bytes followed by scale (Avro 1.12)
  kUuid,          // string (36 chars) or fixed(16)
  kDate,          // int: days since 1970-01-01
  kTimeMillis,    // int
  kTimeMicros,    // long
  kTimestampMillis, kTimestampMicros, kTimestampNanos,                 // long, UTC
  kLocalTimestampMillis, kLocalTimestampMicros, kLocalTimestampNanos,  // long
  kDuration,      // fixed(12): months, days, millis as little-endian u32
};

enum class SortOrder : uint8_t { kAscending, kDescending, kIgnore };

using NodeId = uint32_t;

struct Field {
  std::string name;
  NodeId type = 0;
  std::vector<std::string> aliases;
  std::string doc;
  SortOrder order = SortOrder::kAscending;
  bool has_default = false;
  json::Value default_json;     // as written in the schema
  std::string default_binary;   // the default encoded with `type` (for resolution)
  std::vector<json::Member> custom;  // unknown attributes, in source order
};

struct Node {
  Kind kind = Kind::kNull;
  Logical logical = Logical::kNone;
  // The logicalType text as written, kept even when ignored as invalid, so
  // that the schema round-trips.
  std::string logical_name;
  int32_t precision = 0;  // decimal
  int32_t scale = 0;      // decimal

  // Named types (record, error, enum, fixed).
  std::string fullname;  // "ns.Name" or "Name"
  std::string name;      // last component
  std::string space;     // namespace ("" for the null namespace)
  std::vector<std::string> aliases;  // full names
  std::string doc;
  bool is_error = false;  // record declared as "error"

  std::vector<Field> fields;         // record
  std::vector<std::string> symbols;  // enum
  int32_t enum_default = -1;         // enum: index of the default symbol
  NodeId items = 0;                  // array items / map values
  std::vector<NodeId> branches;      // union
  uint32_t size = 0;                 // fixed

  std::vector<json::Member> custom;  // unknown attributes, in source order

  bool is_named() const {
    return kind == Kind::kRecord || kind == Kind::kEnum || kind == Kind::kFixed;
  }
};

struct SchemaLimits {
  uint32_t max_depth = 256;        // nesting of schema definitions
  uint32_t max_nodes = 1u << 20;   // total nodes in one schema
};

class Schema {
 public:
  // Parses schema JSON text (Avro 1.12). Errors: kJsonSyntax, kSchemaParse,
  // kLimitExceeded, with `path` naming where in the schema the problem is.
  static Result<std::shared_ptr<const Schema>> parse(std::string_view json_text,
                                                     const SchemaLimits& limits = {});
  static Result<std::shared_ptr<const Schema>> parse(const json::Value& json,
                                                     const SchemaLimits& limits = {});

  const Node& node(NodeId id) const { return nodes_[id]; }
  NodeId root() const { return root_; }
  size_t node_count() const { return nodes_.size(); }
  const Node& root_node() const { return nodes_[root_]; }
  // The named type with this full name, or nullptr.
  const Node* find_named(std::string_view fullname) const;

  // The schema as JSON: named types defined at first use, referenced by full
  // name afterwards; doc, aliases, defaults, order and custom attributes kept.
  std::string to_json() const;
  // Parsing Canonical Form (spec "Parsing Canonical Form for Schemas").
  std::string canonical_form() const;

  // A short label for a node in messages: "int", "record a.B", "array".
  std::string describe(NodeId id) const;

 private:
  friend class SchemaParser;
  std::vector<Node> nodes_;
  NodeId root_ = 0;
  std::unordered_map<std::string, NodeId> named_;
};

std::string_view kind_name(Kind kind);
std::string_view logical_name(Logical logical);

}  // namespace avro
