// Internal to the codecs: the interface each library adapter implements
// (codec_deflate.cpp, codec_snappy.cpp, ...), and what they share: the error
// wording and a bounded output buffer for streaming decoders.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/error.h"

namespace avro::codec_internal {

// One library behind BlockCodec. It owns that library's reusable contexts.
class Engine {
 public:
  virtual ~Engine() = default;
  // Contract of BlockCodec::decompress.
  virtual Status decompress(std::string_view input, uint64_t max_output, std::string* out) = 0;
  // `level` is already checked and resolved (never kDefaultLevel).
  virtual Status compress(std::string_view input, int level, std::string* out) = 0;

  // BlockCodec::set_window_basis; engines with a window read it.
  uint64_t window_basis = 0;
};

std::unique_ptr<Engine> make_deflate_engine();
std::unique_ptr<Engine> make_snappy_engine();
std::unique_ptr<Engine> make_zstd_engine();
std::unique_ptr<Engine> make_bzip2_engine();
std::unique_ptr<Engine> make_xz_engine();

// The xz decoder's dictionary is bounded like the output: a dictionary
// larger than everything the block may decompress to buys nothing. The floor
// keeps the default preset readable under a small max_output (xz -6 uses
// 8 MiB); the ceiling fits xz -9 (64 MiB) with room to spare. (zstd is
// decoded without a window, bzip2's memory is fixed by its format.)
inline uint64_t window_limit(uint64_t max_output) {
  return std::clamp<uint64_t>(max_output, uint64_t{8} << 20, uint64_t{128} << 20);
}

inline std::string byte_count(uint64_t n) {
  return std::to_string(n) + (n == 1 ? " byte" : " bytes");
}

inline Error output_limit_error(std::string_view codec, uint64_t max_output) {
  return make_error(ErrorCode::kLimitExceeded, std::string(codec) +
                                                   " data decompresses to more than the limit of " +
                                                   byte_count(max_output));
}

inline Error corrupt_error(std::string_view codec, std::string_view detail, int64_t offset = -1) {
  return make_error(ErrorCode::kInvalidData,
                    "corrupt " + std::string(codec) + " data: " + std::string(detail), offset);
}

inline Error truncated_error(std::string_view codec, size_t input_size) {
  return make_error(ErrorCode::kTruncated,
                    std::string(codec) + " data ends before the end of its stream",
                    static_cast<int64_t>(input_size));
}

inline Error trailing_error(std::string_view codec, size_t consumed, size_t input_size) {
  return make_error(ErrorCode::kInvalidData,
                    byte_count(input_size - consumed) + " follow the end of the " +
                        std::string(codec) + " stream",
                    static_cast<int64_t>(consumed));
}

// Resizes *out to `size`, keeping its first `keep` bytes. Unlike a plain
// resize it never reserves more than asked (libstdc++ would double the
// capacity), so the output limit bounds the allocation too.
inline void resize_exactly(std::string* out, size_t size, size_t keep) {
  if (size <= out->capacity()) {
    out->resize(size);
    return;
  }
  std::string fresh;
  fresh.reserve(size);
  fresh.assign(out->data(), std::min(keep, out->size()));
  fresh.resize(size);
  out->swap(fresh);
}

// Where a streaming decoder writes: *out grows geometrically, never past
// max_output, so a bomb costs at most max_output bytes.
class GrowingOutput {
 public:
  // `expected` is a guess of the decompressed size; growth starts there.
  GrowingOutput(std::string* out, uint64_t max_output, uint64_t expected)
      : out_(out), limit_(static_cast<size_t>(std::min<uint64_t>(max_output, out->max_size()))) {
    const uint64_t first = std::min<uint64_t>(std::max<uint64_t>(expected, kMinChunk), limit_);
    resize_exactly(out_, static_cast<size_t>(first), 0);
  }

  char* next() { return out_->data() + size_; }
  size_t room() const { return out_->size() - size_; }
  void advance(size_t written) { size_ += written; }
  bool at_limit() const { return out_->size() >= limit_; }
  void grow() {
    resize_exactly(out_, std::min(limit_, std::max(out_->size() * 2, kMinChunk)), size_);
  }
  void finish() { out_->resize(size_); }

 private:
  static constexpr size_t kMinChunk = 16 << 10;
  std::string* out_;
  size_t limit_;
  size_t size_ = 0;
};

// Drives a streaming decoder over a whole block. `step(dst, room, &written)`
// runs the decoder once and returns whether the stream ended; it fails
// (truncated or corrupt) rather than return without progress. At the output
// limit a 1-byte probe tells "ends exactly here" from "has more".
template <class Step>
Status decode_stream(std::string_view codec, uint64_t max_output, uint64_t expected,
                     std::string* out, Step&& step) {
  GrowingOutput output(out, max_output, expected);
  for (;;) {
    if (output.room() == 0) {
      if (output.at_limit()) {
        char probe;
        size_t written = 0;
        Result<bool> ended = step(&probe, 1, &written);
        if (!ended) return std::move(ended).status();
        if (written > 0) return output_limit_error(codec, max_output);
        if (ended.value()) break;
        continue;
      }
      output.grow();
    }
    size_t written = 0;
    Result<bool> ended = step(output.next(), output.room(), &written);
    if (!ended) return std::move(ended).status();
    output.advance(written);
    if (ended.value()) break;
  }
  output.finish();
  return Status::ok();
}

}  // namespace avro::codec_internal
