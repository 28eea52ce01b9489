// A schema compiled once into an immutable program: one compact step per
// schema node (same index), with option-dependent choices (logical types on
// or off) and bounds (minimum encoded size) decided up front. Decoding,
// encoding and skipping are interpreters over these steps.
#pragma once

#include <memory>
#include <vector>

#include "common/error.h"
#include "datum/tape.h"
#include "io/bytes.h"
#include "schema/schema.h"

namespace avro {

enum class Op : uint8_t {
  kNull, kBoolean, kInt, kLong, kFloat, kDouble, kBytes, kString, kFixed,
  kEnum, kArray, kMap, kUnion, kRecord,
  // Logical types mapped to natural values (see tape.h).
  kDecimalBytes, kDecimalFixed, kBigDecimal, kUuidFixed,
  kTimeMicrosSplit,  // timestamp/local-timestamp micros: ms + ns
  kTimeNanosSplit,   // timestamp/local-timestamp nanos: ms + ns
  kDuration,
};

struct Step {
  Op op = Op::kNull;
  uint32_t size = 0;         // fixed size, enum symbol count
  int32_t precision = 0;     // decimal precision
  int32_t scale = 0;         // decimal scale
  uint32_t child_begin = 0;  // into Program::children
  uint32_t child_count = 0;  // record fields, union branches, 1 for array/map
  uint32_t min_size = 0;     // lower bound of the encoded size in bytes
};

struct ProgramOptions {
  bool logical_types = true;
};

// What one decode call (a datum, a batch, or a container block) may cost.
// Input lengths and counts are also checked against the bytes that remain,
// so these bound what a short hostile input can make the decoder produce.
struct Limits {
  uint32_t max_depth = 1000;                  // value nesting (recursive types)
  uint64_t max_length = 1ull << 30;           // one string or bytes value
  // Values that take no input bytes (items of null or empty-record type,
  // empty records in a block) per call: they cost nothing to declare.
  uint64_t max_zero_size_items = 1ull << 20;
  uint64_t max_block_items = 1ull << 24;  // items one array/map block may declare
  // Decoded output (tape bytes) per call: a byte of input can become up to
  // 8 bytes of numbers or a few dozen characters of decimal text, so this,
  // not the input size, is what keeps a block within a wasm heap.
  uint64_t max_decoded_size = 256ull << 20;
};

class Program {
 public:
  static std::shared_ptr<const Program> compile(std::shared_ptr<const Schema> schema,
                                                const ProgramOptions& options = {});

  const Schema& schema() const { return *schema_; }
  const std::shared_ptr<const Schema>& schema_ptr() const { return schema_; }
  const ProgramOptions& options() const { return options_; }
  const Step& step(NodeId id) const { return steps_[id]; }
  NodeId child(const Step& step, uint32_t i) const { return children_[step.child_begin + i]; }
  NodeId root() const { return schema_->root(); }

  // Binary -> tape (appends). Decodes exactly one datum starting at the
  // reader's position.
  Status decode(ByteReader& reader, Tape& tape, const Limits& limits = {}) const;
  // The same for a datum of any node's type (e.g. a field default).
  Status decode_node(NodeId node, ByteReader& reader, Tape& tape, const Limits& limits = {}) const;
  // Tape -> binary (appends). Checks the tape against the schema.
  Status encode(const TapeInput& input, std::string& out, const Limits& limits = {}) const;
  // `count` datums laid out one after another on the tape (a batch); `ends`
  // (optional) receives each datum's end offset relative to the start.
  Status encode_many(const TapeInput& input, size_t count, std::string& out,
                     std::vector<uint32_t>* ends, const Limits& limits = {}) const;
  // Validates and steps over one datum without producing anything.
  Status skip(ByteReader& reader, const Limits& limits = {}) const;
  Status skip_node(NodeId node, ByteReader& reader, const Limits& limits = {}) const;

 private:
  std::shared_ptr<const Schema> schema_;
  ProgramOptions options_;
  std::vector<Step> steps_;
  std::vector<NodeId> children_;
};

}  // namespace avro
