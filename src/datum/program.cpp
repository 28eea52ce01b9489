#include "datum/program.h"

#include <algorithm>

namespace avro {

namespace {

Op op_for(const Node& node, bool logical_types) {
  if (logical_types) {
    switch (node.logical) {
      case Logical::kDecimal:
        return node.kind == Kind::kFixed ? Op::kDecimalFixed : Op::kDecimalBytes;
      case Logical::kBigDecimal: return Op::kBigDecimal;
      case Logical::kUuid:
        if (node.kind == Kind::kFixed) return Op::kUuidFixed;
        break;
      case Logical::kTimestampMicros:
      case Logical::kLocalTimestampMicros: return Op::kTimeMicrosSplit;
      case Logical::kTimestampNanos:
      case Logical::kLocalTimestampNanos: return Op::kTimeNanosSplit;
      case Logical::kDuration: return Op::kDuration;
      default: break;
    }
  }
  switch (node.kind) {
    case Kind::kNull: return Op::kNull;
    case Kind::kBoolean: return Op::kBoolean;
    case Kind::kInt: return Op::kInt;
    case Kind::kLong: return Op::kLong;
    case Kind::kFloat: return Op::kFloat;
    case Kind::kDouble: return Op::kDouble;
    case Kind::kBytes: return Op::kBytes;
    case Kind::kString: return Op::kString;
    case Kind::kFixed: return Op::kFixed;
    case Kind::kEnum: return Op::kEnum;
    case Kind::kArray: return Op::kArray;
    case Kind::kMap: return Op::kMap;
    case Kind::kUnion: return Op::kUnion;
    case Kind::kRecord: return Op::kRecord;
  }
  return Op::kNull;
}

// Lower bound of a datum's encoded size. A node already on the stack counts
// as 0, which keeps the bound valid for recursive types.
uint32_t min_size(const Schema& schema, NodeId id, std::vector<uint8_t>& visiting) {
  const Node& node = schema.node(id);
  switch (node.kind) {
    case Kind::kNull: return 0;
    case Kind::kFloat: return 4;
    case Kind::kDouble: return 8;
    case Kind::kFixed: return node.size;
    case Kind::kRecord: {
      if (visiting[id]) return 0;
      visiting[id] = 1;
      uint64_t total = 0;
      for (const auto& field : node.fields) total += min_size(schema, field.type, visiting);
      visiting[id] = 0;
      return static_cast<uint32_t>(std::min<uint64_t>(total, UINT32_MAX));
    }
    default: return 1;  // every other encoding starts with at least one byte
  }
}

}  // namespace

std::shared_ptr<const Program> Program::compile(std::shared_ptr<const Schema> schema,
                                                const ProgramOptions& options) {
  auto program = std::make_shared<Program>();
  program->options_ = options;
  const Schema& s = *schema;
  program->steps_.resize(s.node_count());
  std::vector<uint8_t> visiting(s.node_count(), 0);
  for (NodeId id = 0; id < s.node_count(); ++id) {
    const Node& node = s.node(id);
    Step& step = program->steps_[id];
    step.op = op_for(node, options.logical_types);
    step.min_size = min_size(s, id, visiting);
    step.child_begin = static_cast<uint32_t>(program->children_.size());
    switch (node.kind) {
      case Kind::kRecord:
        for (const auto& field : node.fields) program->children_.push_back(field.type);
        break;
      case Kind::kUnion:
        for (NodeId branch : node.branches) program->children_.push_back(branch);
        break;
      case Kind::kArray:
      case Kind::kMap: program->children_.push_back(node.items); break;
      case Kind::kEnum: step.size = static_cast<uint32_t>(node.symbols.size()); break;
      case Kind::kFixed: step.size = node.size; break;
      default: break;
    }
    step.child_count = static_cast<uint32_t>(program->children_.size()) - step.child_begin;
    if (node.logical == Logical::kDecimal) {
      step.precision = node.precision;
      step.scale = node.scale;
    }
  }
  program->schema_ = std::move(schema);
  return program;
}

}  // namespace avro
