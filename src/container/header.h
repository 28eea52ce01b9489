// The object container file header (spec "Object Container Files"): magic
// "Obj\x01", a metadata map of string keys to bytes values, and the 16-byte
// sync marker that ends every block.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.h"
#include "container/codec.h"

namespace avro {

inline constexpr std::string_view kContainerMagic{"Obj\x01", 4};
inline constexpr size_t kSyncSize = 16;
using SyncMarker = std::array<uint8_t, kSyncSize>;

struct FileHeader {
  // Every metadata entry in file order, including avro.schema / avro.codec.
  std::vector<std::pair<std::string, std::string>> metadata;
  std::string schema_json;  // the avro.schema value
  Codec codec = Codec::kNull;
  SyncMarker sync{};
  size_t size = 0;  // encoded size in bytes: the first block starts here

  const std::string* find(std::string_view key) const;
};

// Parses a header from the start of `bytes`. kTruncated means more bytes are
// needed (the caller may retry with more); errors carry file offsets. The
// header may not exceed `max_size` bytes.
Result<FileHeader> parse_header(std::string_view bytes, uint64_t max_size);

// Encodes a header: magic, metadata (avro.schema and avro.codec first, then
// `extra` in order, skipping any avro.schema/avro.codec it holds) and sync.
void write_header_bytes(std::string_view schema_json, Codec codec,
                  const std::vector<std::pair<std::string, std::string>>& extra,
                        const SyncMarker& sync, std::string& out);

}  // namespace avro
