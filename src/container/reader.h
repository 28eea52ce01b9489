// Incremental container reader: bytes go in as chunks of any size, whole
// decompressed blocks come out. It holds at most one block plus one chunk of
// input, never the whole file, and every declared size is checked against
// the limits before anything is allocated or decompressed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"
#include "container/codec.h"
#include "container/header.h"

namespace avro {

struct ContainerLimits {
  uint64_t max_header_size = 64ull << 20;              // metadata incl. the schema
  uint64_t max_block_size = 256ull << 20;              // compressed bytes of one block
  uint64_t max_decompressed_block_size = 512ull << 20; // decompression bombs
  uint64_t max_block_records = 1ull << 24;             // records declared by one block
};

struct ContainerBlock {
  int64_t count = 0;        // records in the block
  std::string_view data;    // decompressed; valid until next(), feed() or reserve()
  uint64_t offset = 0;      // file offset of the block's count
  uint64_t data_offset = 0; // file offset of its (compressed) data
  uint64_t size = 0;        // compressed size in bytes
};

class ContainerReader {
 public:
  enum class Event : uint8_t { kNeedInput, kHeader, kBlock, kEnd };

  explicit ContainerReader(ContainerLimits limits = {});

  // Input: either feed() a chunk, or reserve() space, write into it and
  // commit() how much was written (saves a copy across a language boundary).
  void feed(std::string_view bytes);
  uint8_t* reserve(size_t size);
  void commit(size_t size);
  // No more input will come: an incomplete block is now an error.
  void finish() { finished_ = true; }

  // Advances: kHeader once, then kBlock per block, then kEnd. kNeedInput
  // asks for more bytes. Errors are sticky: after one, every call returns it.
  Result<Event> next();

  const FileHeader& header() const { return header_; }
  const ContainerBlock& block() const { return block_; }
  uint64_t blocks_read() const { return blocks_read_; }
  // File offset of the first byte not yet consumed.
  uint64_t position() const { return base_offset_ + begin_; }
  // Bytes buffered but not yet consumed.
  size_t buffered() const { return buffer_.size() - begin_; }

 private:
  enum class State : uint8_t { kHeader, kBlocks, kEnd, kFailed };

  Result<Event> read_header();
  Result<Event> read_block();
  Result<Event> fail(Error error);
  void compact();

  ContainerLimits limits_;
  State state_ = State::kHeader;
  bool finished_ = false;
  std::string buffer_;
  size_t begin_ = 0;          // first unconsumed byte of buffer_
  size_t reserved_at_ = 0;    // where the last reserve() began
  uint64_t base_offset_ = 0;  // file offset of buffer_[0]
  size_t header_attempt_ = 0; // buffered size at the last incomplete header parse
  FileHeader header_;
  ContainerBlock block_;
  uint64_t blocks_read_ = 0;
  std::optional<BlockCodec> codec_;
  std::string decompressed_;
  Error error_;
};

}  // namespace avro
