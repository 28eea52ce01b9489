// Embind handles for object container files. Records themselves cross the
// boundary through an AvroType's tapes: the decoder fills the type's tape
// with a whole block of records, the encoder reads a batch from it, so the
// JS materializers are the same ones single datums use.
#pragma once

#include <array>
#include <optional>
#include <string>

#include "avro_type.h"
#include "container/reader.h"
#include "container/writer.h"
#include "resolver_handle.h"

namespace avro::wasm {

// Slots of ContainerDecoder::stats() (doubles: offsets may exceed 2^32).
enum DecoderStat : size_t {
  kBlockCount, kBlockOffset, kBlockDataOffset, kBlockSize, kBlockDataSize, kDecoded, kPosition,
  kBlocksRead, kStatCount,
};

class ContainerDecoder {
 public:
  // Options JSON: maxHeaderSize, maxBlockSize, maxDecompressedBlockSize,
  // maxDecompressionRatio, maxBlockRecords.
  static ContainerDecoder* create(const std::string& options_json);
  explicit ContainerDecoder(const ContainerLimits& limits) : reader_(limits) {}

  uint32_t stats() const { return address(stats_.data()); }
  uint32_t reserve(uint32_t size) { return address(reader_.reserve(size)); }
  void commit(uint32_t size) { reader_.commit(size); }
  void finish() { reader_.finish(); }
  // -1 on error (see takeError), else a ContainerReader::Event.
  int next();
  // {"schema":"...","codec":"deflate","sync":"hex","size":N,"metadata":[["key","hex"],...]}
  std::string header_json() const;
  // Decodes the current block's records into `type`'s tape (published in
  // its header). On error the records decoded so far stay on the tape and
  // stats()[kDecoded] counts them.
  int decode_block(AvroType& type) { return decode_block_with(type, nullptr); }
  // The same with writer data resolved to `type` (the reader).
  int decode_block_resolved(AvroType& type, ResolverHandle& resolver) {
    return decode_block_with(type, &resolver.resolver());
  }
  ErrorInfo take_error() { return errors_.take(); }
  // The reader, for decoders of the current block other than the tape's.
  const ContainerReader& reader() const { return reader_; }
  int fail(Error error) { return errors_.fail(std::move(error)); }

 private:
  int decode_block_with(AvroType& type, const Resolver* resolver);

  ContainerReader reader_;
  uint64_t zero_size_used_ = 0;  // per file: Limits::max_zero_size_items
  std::array<double, kStatCount> stats_{};
  ErrorSlot errors_;
};

class ContainerEncoder {
 public:
  // Options JSON: codec, level, blockSize, sync (32 hex digits), metadata
  // ([["key","hex"],...]) and append (true: continue an existing file, so
  // no header is written).
  static ContainerEncoder* create(const std::string& schema_json, const std::string& options_json);

  bool ok() const { return writer_.has_value(); }
  // [ptr, len] of the bytes the last call produced; valid until the next call.
  uint32_t output() const { return address(output_slots_.data()); }
  int write_header();
  // Encodes `count` datums from `type`'s prepared encode tape.
  int write_tape(AvroType& type, uint32_t count);
  int flush();
  double pending_records() const { return ok() ? static_cast<double>(writer_->pending_records()) : 0; }
  ErrorInfo take_error() { return errors_.take(); }

 private:
  int finish_call(Status status);

  std::optional<ContainerWriter> writer_;
  bool append_ = false;
  std::string out_;
  std::string datums_;
  std::vector<uint32_t> ends_;
  std::array<uint32_t, 2> output_slots_{};
  ErrorSlot errors_;
};

}  // namespace avro::wasm
