// Container writer: encoded datums go in, a header and finished blocks come
// out. A block is flushed once its uncompressed size reaches block_size, so
// memory holds one block whatever the file size.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.h"
#include "container/codec.h"
#include "container/header.h"

namespace avro {

struct ContainerWriterOptions {
  Codec codec = Codec::kNull;
  int level = kDefaultLevel;
  size_t block_size = 64 * 1024;  // uncompressed bytes that trigger a flush
  SyncMarker sync{};
  std::vector<std::pair<std::string, std::string>> metadata;  // user entries
};

class ContainerWriter {
 public:
  // A new file; header() gives its first bytes. Rejects invalid levels and
  // user metadata that tries to set avro.schema or avro.codec.
  static Result<ContainerWriter> create(std::string schema_json, ContainerWriterOptions options);
  // Continues an existing file: same schema, codec and sync marker; no header.
  static ContainerWriter for_append(const FileHeader& header, int level, size_t block_size);

  void write_header(std::string& out) const;

  // Appends encoded datums (`data` holds them back to back, `ends` their end
  // offsets) and writes every block that fills up to `out`.
  Status add(std::string_view data, const std::vector<uint32_t>& ends, std::string& out);
  // Writes the pending block, if it holds any record.
  Status flush(std::string& out);

  int64_t pending_records() const { return pending_count_; }
  uint64_t blocks_written() const { return blocks_written_; }
  const SyncMarker& sync() const { return options_.sync; }

 private:
  ContainerWriter(std::string schema_json, ContainerWriterOptions options);

  std::string schema_json_;
  ContainerWriterOptions options_;
  std::unique_ptr<BlockCodec> codec_;  // not movable itself
  std::string pending_;
  int64_t pending_count_ = 0;
  std::string compressed_;
  uint64_t blocks_written_ = 0;
};

}  // namespace avro
