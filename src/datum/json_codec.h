// The Avro JSON encoding (spec "JSON Encoding") and field-default values,
// converted to and from Avro binary by walking the schema. Binary is the
// pivot: JSON text is never turned into language objects here.
#pragma once

#include <string>
#include <string_view>

#include "common/error.h"
#include "io/bytes.h"
#include "json/json.h"
#include "schema/schema.h"

namespace avro {

enum class JsonMode : uint8_t {
  // Avro JSON encoding: a non-null union value is {"<branch name>": value}.
  kAvroJson,
  // Field default values: unions are not wrapped; the value belongs to the
  // first branch that accepts it (Avro 1.12, AVRO-3649).
  kDefault,
};

struct JsonLimits {
  uint32_t max_depth = 1000;              // value nesting
  uint64_t max_block_items = 1ull << 24;  // items one binary array/map block may declare
};

// Appends the binary encoding of `value` (of type `node`) to `out`.
// Errors: kInvalidValue with the datum path (".a.b[2]") of the bad value.
Status json_to_binary(const Schema& schema, NodeId node, const json::Value& value, JsonMode mode,
                      std::string& out, const JsonLimits& limits = {});

// Reads one datum of type `node` from `reader` and appends its Avro JSON
// encoding to `out`. Errors: kTruncated, kInvalidData, kInvalidUtf8,
// kLimitExceeded, with the datum path and byte offset.
Status binary_to_json(const Schema& schema, NodeId node, ByteReader& reader, std::string& out,
                      const JsonLimits& limits = {});

}  // namespace avro
