// Block codecs of object container files (spec "Object Container Files:
// Required/Optional Codecs"). Each codec is a real library: libdeflate (zlib
// only explains a bad deflate block), snappy, zstd, bzip2 and liblzma, linked
// from Debian's -dev packages in the native build and compiled from the
// sources pinned in cmake/codecs.lock in the wasm build. One adapter per
// library: codec_deflate.cpp, codec_snappy.cpp, codec_zstd.cpp, ...
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"

namespace avro {

enum class Codec : uint8_t { kNull, kDeflate, kSnappy, kZstandard, kBzip2, kXz };

// "null", "deflate", "snappy", "zstandard", "bzip2", "xz"; nullopt otherwise.
std::optional<Codec> codec_from_name(std::string_view name);
std::string_view codec_name(Codec codec);

// Compression level: kDefaultLevel picks each library's usual default
// (deflate 6, zstd 3, bzip2 9, xz 6); snappy and null ignore it. Valid
// ranges: deflate 0-9, zstandard 1-22, bzip2 1-9, xz 0-9.
constexpr int kDefaultLevel = -1;
Status check_level(Codec codec, int level);

// Owns the libraries' reusable contexts, so one instance per reader/writer
// avoids re-allocating them for every block. Not thread-safe.
class BlockCodec {
 public:
  explicit BlockCodec(Codec codec);
  ~BlockCodec();
  BlockCodec(const BlockCodec&) = delete;
  BlockCodec& operator=(const BlockCodec&) = delete;

  Codec codec() const { return codec_; }

  // Replaces *out with the decompressed block. Output beyond `max_output`
  // bytes is never produced or allocated: the call fails with
  // kLimitExceeded instead (decompression bombs). Corrupt input (including a
  // snappy CRC-32 mismatch) is kInvalidData; a stream that ends early is
  // kTruncated; bytes after the end of the stream are kInvalidData (zstd
  // frames may be concatenated, as that format allows). The xz dictionary
  // is limited too: to max_output, but at least 8 MiB and at most 128 MiB.
  // Error offsets are relative to `input`.
  Status decompress(std::string_view input, uint64_t max_output, std::string* out);

  // Derive the xz dictionary allowance from this output limit instead of
  // each call's max_output (0: from max_output). A reader that caps a
  // small block's output by a compression ratio must still accept a file
  // written with xz -9's 64 MiB dictionary.
  void set_window_basis(uint64_t max_output);

  // Replaces *out with the compressed block.
  Status compress(std::string_view input, int level, std::string* out);

 private:
  struct Contexts;
  Codec codec_;
  std::unique_ptr<Contexts> contexts_;
};

}  // namespace avro
