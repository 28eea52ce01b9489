#include "describe.h"

#include "schema/fingerprint.h"

namespace avro::wasm {

namespace {

constexpr std::string_view kOpNames[] = {
    "null",  "boolean", "int",   "long",         "float",        "double",      "bytes",
    "string", "fixed",  "enum",  "array",        "map",          "union",       "record",
    "decimal", "decimal", "big-decimal", "uuid-fixed", "timestamp-micros", "timestamp-nanos",
    "duration"};

void member(std::string& out, std::string_view key, std::string_view value) {
  out += ',';
  json::write_string(key, out);
  out += ':';
  json::write_string(value, out);
}

void number_member(std::string& out, std::string_view key, int64_t value) {
  out += ',';
  json::write_string(key, out);
  out += ':';
  out += std::to_string(value);
}

// The name a union branch is known by in wrapped unions and the JSON encoding.
std::string branch_name(const Node& node) {
  return node.is_named() ? node.fullname : std::string(kind_name(node.kind));
}

}  // namespace

std::string describe_program(const Program& program) {
  const Schema& schema = program.schema();
  std::string out = "{\"root\":" + std::to_string(program.root()) + ",\"nodes\":[";
  for (NodeId id = 0; id < schema.node_count(); ++id) {
    const Node& node = schema.node(id);
    const Step& step = program.step(id);
    if (id > 0) out += ',';
    out += "{\"op\":";
    json::write_string(kOpNames[static_cast<size_t>(step.op)], out);
    member(out, "kind", kind_name(node.kind));
    member(out, "branchName", branch_name(node));
    if (node.logical != Logical::kNone) member(out, "logical", logical_name(node.logical));
    if (node.logical == Logical::kDecimal) {
      out += ",\"precision\":" + std::to_string(node.precision) + ",\"scale\":" + std::to_string(node.scale);
    }
    if (node.is_named()) member(out, "name", node.fullname);
    switch (node.kind) {
      case Kind::kRecord:
        out += ",\"fields\":[";
        for (size_t i = 0; i < node.fields.size(); ++i) {
          if (i > 0) out += ',';
          out += "{\"name\":";
          json::write_string(node.fields[i].name, out);
          out += ",\"type\":" + std::to_string(node.fields[i].type);
          if (node.fields[i].has_default) {
            const std::string& bytes = node.fields[i].default_binary;
            member(out, "default", to_hex(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
          }
          out += '}';
        }
        out += ']';
        break;
      case Kind::kEnum:
        out += ",\"symbols\":[";
        for (size_t i = 0; i < node.symbols.size(); ++i) {
          if (i > 0) out += ',';
          json::write_string(node.symbols[i], out);
        }
        out += ']';
        break;
      case Kind::kUnion:
        out += ",\"branches\":[";
        for (size_t i = 0; i < node.branches.size(); ++i) {
          if (i > 0) out += ',';
          out += std::to_string(node.branches[i]);
        }
        out += ']';
        break;
      case Kind::kArray:
      case Kind::kMap: number_member(out, "items", node.items); break;
      case Kind::kFixed: number_member(out, "size", node.size); break;
      default: break;
    }
    out += '}';
  }
  out += "]}";
  return out;
}

}  // namespace avro::wasm
