// Avro "zstandard": one or more zstd frames (the format allows
// concatenation). Blocks are decoded in one shot straight into the output,
// which needs no decoder window: a streaming decoder would reserve whatever
// window the frame header asks for (128 MiB for zstd --ultra -22) however
// small the block. The output is sized from the frame's declared content
// size when it has one (checked against max_output first); streaming writers
// such as Java's ZstdOutputStream leave it out, and then the guess comes
// from the previous block's ratio and doubles until it fits or reaches
// max_output.
#include <zstd.h>
#include <zstd_errors.h>

#include "container/codec_engine.h"

namespace avro::codec_internal {

namespace {

constexpr std::string_view kCodec = "zstd";

// The most a zstd frame can expand: a 4-byte RLE block makes 128 KiB.
constexpr uint64_t kMaxExpansion = 32768;

// A zstd frame or a skippable frame starts here (ZSTD_isFrame is not part of
// the stable API that Debian's shared library promises).
bool starts_frame(std::string_view bytes) {
  if (bytes.size() < 4) return false;
  auto b = reinterpret_cast<const unsigned char*>(bytes.data());
  const uint32_t magic =
      uint32_t{b[0]} | uint32_t{b[1]} << 8 | uint32_t{b[2]} << 16 | uint32_t{b[3]} << 24;
  return magic == ZSTD_MAGICNUMBER ||
         (magic & ZSTD_MAGIC_SKIPPABLE_MASK) == ZSTD_MAGIC_SKIPPABLE_START;
}

// Called once zstd rejected a block as cut short or not zstd: walks its
// frames to tell a missing end from bytes after the last frame.
Error classify_frames(std::string_view input) {
  size_t pos = 0;
  while (pos < input.size()) {
    const std::string_view rest = input.substr(pos);
    if (!starts_frame(rest)) {
      if (pos > 0) return trailing_error(kCodec, pos, input.size());
      if (rest.size() < 4) return truncated_error(kCodec, input.size());
      return corrupt_error(kCodec, "not a zstd frame", 0);
    }
    const size_t frame_size = ZSTD_findFrameCompressedSize(rest.data(), rest.size());
    if (ZSTD_isError(frame_size)) {
      if (ZSTD_getErrorCode(frame_size) == ZSTD_error_srcSize_wrong) {
        return truncated_error(kCodec, input.size());
      }
      return corrupt_error(kCodec, ZSTD_getErrorName(frame_size), static_cast<int64_t>(pos));
    }
    pos += frame_size;
  }
  return truncated_error(kCodec, input.size());
}

class ZstdEngine final : public Engine {
 public:
  ~ZstdEngine() override {
    ZSTD_freeDCtx(decoder_);
    ZSTD_freeCCtx(encoder_);
  }

  Status decompress(std::string_view input, uint64_t max_output, std::string* out) override {
    // zstd data is one or more frames; the one-shot decoder would accept none.
    if (input.empty()) return truncated_error(kCodec, 0);
    if (!decoder_) decoder_ = ZSTD_createDCtx();
    if (!decoder_) return make_error(ErrorCode::kLimitExceeded, "out of memory for zstd");
    const uint64_t limit = std::min<uint64_t>(max_output, out->max_size());
    // Same guess as the deflate codec: 1/8 above the last ratio, at most 16x.
    const double ratio = std::min(ratio_, 16.0) * 1.125;
    uint64_t capacity =
        std::max<uint64_t>(static_cast<uint64_t>(static_cast<double>(input.size()) * ratio), 4096);
    const unsigned long long declared = ZSTD_getFrameContentSize(input.data(), input.size());
    if (declared != ZSTD_CONTENTSIZE_UNKNOWN && declared != ZSTD_CONTENTSIZE_ERROR) {
      if (declared > max_output) {
        return make_error(ErrorCode::kLimitExceeded,
                          "zstd frame declares " + byte_count(declared) +
                              ", more than the limit of " + byte_count(max_output),
                          0);
      }
      // Trusted for the allocation only when these bytes could expand to
      // it; otherwise the frame is cut short or lying, and decoding tells.
      if (declared <= input.size() * kMaxExpansion) capacity = declared;
    }
    capacity = std::min(capacity, limit);
    for (;;) {
      resize_exactly(out, static_cast<size_t>(capacity), 0);
      const size_t result =
          ZSTD_decompressDCtx(decoder_, out->data(), out->size(), input.data(), input.size());
      if (!ZSTD_isError(result)) {
        out->resize(result);
        if (!input.empty() && result > 0) {
          ratio_ = std::max(1.0, static_cast<double>(result) / static_cast<double>(input.size()));
        }
        return Status::ok();
      }
      switch (ZSTD_getErrorCode(result)) {
        case ZSTD_error_dstSize_tooSmall:
          if (capacity >= limit) {
            out->clear();
            return output_limit_error(kCodec, max_output);
          }
          capacity = std::min(limit, std::max<uint64_t>(capacity * 2, 4096));
          continue;
        case ZSTD_error_srcSize_wrong:
        case ZSTD_error_prefix_unknown: out->clear(); return classify_frames(input);
        case ZSTD_error_memory_allocation:
          out->clear();
          return make_error(ErrorCode::kLimitExceeded, "out of memory for zstd");
        default: out->clear(); return corrupt_error(kCodec, ZSTD_getErrorName(result));
      }
    }
  }

  Status compress(std::string_view input, int level, std::string* out) override {
    if (!encoder_) encoder_ = ZSTD_createCCtx();
    if (!encoder_) return make_error(ErrorCode::kLimitExceeded, "out of memory for zstd");
    out->resize(ZSTD_compressBound(input.size()));
    const size_t size =
        ZSTD_compressCCtx(encoder_, out->data(), out->size(), input.data(), input.size(), level);
    if (ZSTD_isError(size)) {
      return make_error(ErrorCode::kInternal,
                        std::string("zstd compression failed: ") + ZSTD_getErrorName(size));
    }
    out->resize(size);
    return Status::ok();
  }

 private:
  ZSTD_DCtx* decoder_ = nullptr;
  ZSTD_CCtx* encoder_ = nullptr;
  double ratio_ = 4;  // decompressed/compressed size of the last block
};

}  // namespace

std::unique_ptr<Engine> make_zstd_engine() {
  return std::make_unique<ZstdEngine>();
}

}  // namespace avro::codec_internal
