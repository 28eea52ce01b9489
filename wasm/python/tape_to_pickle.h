// Decoded tape -> pickle stream: the Python materializer, the counterpart of
// wasm/src/readers.js. It walks the same program over the same tape
// (src/datum/tape.h) and writes the Python values fastavro returns, so
// Python builds a whole block with one pickle.loads. No Avro decoding
// happens here: the core already decoded, validated and resolved the data.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/error.h"
#include "datum/program.h"
#include "datum/tape.h"
#include "pickle_writer.h"

namespace avro::wasm {

// fastavro's reader options for unions of named types.
struct PickleOptions {
  bool record_name = false;           // (name, record) for record branches
  bool record_name_override = false;  // ... only in unions with several records
  bool named_type = false;            // (name, value) for record, enum and fixed branches
  bool named_type_override = false;   // ... only in unions with several named types
};

class TapeToPickle {
 public:
  TapeToPickle(std::shared_ptr<const Program> program, const PickleOptions& options);

  const Program& program() const { return *program_; }

  // `count` datums of the root type, one after another on `tape` -> a list.
  Status rows(const Tape& tape, size_t count, pickle::Writer& out);
  // One datum of `node`'s type -> that value.
  Status value(const Tape& tape, NodeId node, pickle::Writer& out);
  // `count` root records -> {field name: column}, for the fields whose
  // `selected` flag is set. A column of plain int, long, float or double
  // values is (typecode, packed little-endian bytes) with an array module
  // typecode ('i', 'q', 'f', 'd'); any other column is a list.
  Status columns(const Tape& tape, size_t count, const std::vector<uint8_t>& selected,
                 pickle::Writer& out);

  // Objects the stream refers to many times are built once in a prologue
  // and memoized: field names, enum symbols, type names and the
  // constructors of logical values.
  enum Global : uint8_t {
    kDatetime,
    kDate,
    kTime,
    kTimedelta,
    kUtc,
    kDecimal,
    kUuid,
    kGlobalCount
  };

 private:
  class Run;

  // What emit() does for a node: the program's step combined with the
  // node's logical type (when logical values are on), so the hot loop reads
  // one small entry per value instead of the step and the schema node.
  enum class Code : uint8_t {
    kNull, kBoolean, kInt, kDate, kTimeMillis, kLong, kTimestampMillis, kLocalTimestampMillis,
    kTimeMicros, kFloat, kBytes, kString, kUuidString, kDecimal, kUuidFixed, kEnum, kArray,
    kMap, kUnion, kRecord, kTimestampSplit, kLocalTimestampSplit, kNanosSplit, kDuration,
  };

  struct NodeInfo {
    Code code = Code::kNull;
    uint32_t child_begin = 0;   // into children_
    uint32_t child_count = 0;   // record fields, union branches, 1 for array/map
    uint32_t size = 0;          // enum symbol count
    uint32_t symbols = 0;       // first symbol: record field names, enum symbols
    uint32_t name = 0;          // symbol of the full name (named types)
    std::vector<uint8_t> wrap;  // union: branch i comes back as (name, value)
  };

  static Code code_of(Op op, Logical node_logical, bool logical_types);

  std::shared_ptr<const Program> program_;
  std::vector<std::string> strings_;  // symbol id -> text; globals follow
  std::vector<NodeInfo> nodes_;
  std::vector<NodeId> children_;  // each node's step children, node after node
  pickle::Writer body_;  // reused between calls
};

}  // namespace avro::wasm
