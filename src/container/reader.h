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

// Defaults sized for a 32-bit wasm heap (2 GiB, never given back once
// grown): a block is held whole, and a decompression bomb makes the codec
// fill max_decompressed_block_size before it is refused. Real writers use
// blocks of 16-64 KiB (Java, Python, Rust, fastavro defaults).
struct ContainerLimits {
  uint64_t max_header_size = 64ull << 20;             // metadata incl. the schema
  uint64_t max_block_size = 64ull << 20;              // compressed bytes of one block
  uint64_t max_decompressed_block_size = 64ull << 20; // decompression bombs
  uint64_t max_block_records = 1ull << 24;             // records declared by one block
  // Decompressed / compressed size of one block, enforced once a block
  // decompresses past kRatioAllowance (so small blocks of zeros, which
  // legitimately compress thousands of times, are never refused). Bounds the
  // work per input byte: a file of many small bombs cannot make the reader
  // inflate max_decompressed_block_size per block. 0 turns it off.
  uint64_t max_decompression_ratio = 1000;
  static constexpr uint64_t kRatioAllowance = 1ull << 20;

  // The most one block of `compressed` bytes may decompress to.
  uint64_t max_output_for(uint64_t compressed) const;
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
