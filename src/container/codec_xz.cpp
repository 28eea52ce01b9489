// Avro "xz": one .xz stream (LZMA2, CRC-64 when we write it). The decoder's
// dictionary is bounded by liblzma's memory limit, set from window_limit().
// When compressing, the dictionary shrinks to the block size: xz -6 would
// otherwise reserve 8 MiB (and -9 64 MiB) for any block, in the encoder and
// in every reader's decoder.
#include <lzma.h>

#include "container/codec_engine.h"

namespace avro::codec_internal {

namespace {

constexpr std::string_view kCodec = "xz";

// liblzma's own structures on top of the dictionary.
constexpr uint64_t kDecoderOverhead = 1 << 20;

class XzEngine final : public Engine {
 public:
  ~XzEngine() override {
    lzma_end(&decoder_);
    lzma_end(&encoder_);
  }

  Status decompress(std::string_view input, uint64_t max_output, std::string* out) override {
    const uint64_t basis = window_basis > 0 ? window_basis : max_output;
    const uint64_t memory_limit = window_limit(basis) + kDecoderOverhead;
    // Re-initialising the same stream reuses liblzma's allocations.
    const lzma_ret init = lzma_stream_decoder(&decoder_, memory_limit, 0);
    if (init != LZMA_OK) return make_error(ErrorCode::kLimitExceeded, "out of memory for xz");
    decoder_.next_in = reinterpret_cast<const uint8_t*>(input.data());
    decoder_.avail_in = input.size();
    auto consumed = [&] { return input.size() - decoder_.avail_in; };
    return decode_stream(
        kCodec, max_output, input.size() * uint64_t{4}, out,
        [&](char* dst, size_t room, size_t* written) -> Result<bool> {
          decoder_.next_out = reinterpret_cast<uint8_t*>(dst);
          decoder_.avail_out = room;
          const lzma_ret status = lzma_code(&decoder_, LZMA_RUN);
          *written = room - decoder_.avail_out;
          const auto offset = static_cast<int64_t>(consumed());
          switch (status) {
            case LZMA_STREAM_END:
              if (decoder_.avail_in > 0) return trailing_error(kCodec, consumed(), input.size());
              return true;
            case LZMA_OK:
              if (decoder_.avail_in == 0 && decoder_.avail_out > 0) {
                return truncated_error(kCodec, input.size());
              }
              return false;
            case LZMA_BUF_ERROR: return truncated_error(kCodec, input.size());
            case LZMA_FORMAT_ERROR: return corrupt_error(kCodec, "not an xz stream", 0);
            case LZMA_DATA_ERROR:
              return corrupt_error(kCodec, "invalid stream or checksum mismatch", offset);
            case LZMA_OPTIONS_ERROR:
              return make_error(ErrorCode::kUnsupported,
                                "xz stream uses options liblzma does not support", offset);
            case LZMA_MEMLIMIT_ERROR:
              return make_error(ErrorCode::kLimitExceeded,
                                "xz stream needs " + byte_count(lzma_memusage(&decoder_)) +
                                    " of decoder memory; a decompressed size limit of " +
                                    byte_count(basis) + " allows " + byte_count(memory_limit),
                                offset);
            case LZMA_MEM_ERROR:
              return make_error(ErrorCode::kLimitExceeded, "out of memory for xz", offset);
            default:
              return make_error(ErrorCode::kInternal,
                                "xz decoder returned " + std::to_string(static_cast<int>(status)),
                                offset);
          }
        });
  }

  Status compress(std::string_view input, int level, std::string* out) override {
    lzma_options_lzma options;
    if (lzma_lzma_preset(&options, static_cast<uint32_t>(level))) {
      return make_error(ErrorCode::kInternal, "liblzma rejected preset " + std::to_string(level));
    }
    options.dict_size = static_cast<uint32_t>(
        std::clamp<uint64_t>(input.size(), LZMA_DICT_SIZE_MIN, options.dict_size));
    lzma_filter filters[] = {{LZMA_FILTER_LZMA2, &options}, {LZMA_VLI_UNKNOWN, nullptr}};
    const lzma_ret init = lzma_stream_encoder(&encoder_, filters, LZMA_CHECK_CRC64);
    if (init != LZMA_OK) return make_error(ErrorCode::kLimitExceeded, "out of memory for xz");
    out->resize(lzma_stream_buffer_bound(input.size()));
    encoder_.next_in = reinterpret_cast<const uint8_t*>(input.data());
    encoder_.avail_in = input.size();
    encoder_.next_out = reinterpret_cast<uint8_t*>(out->data());
    encoder_.avail_out = out->size();
    lzma_ret status;
    do {
      status = lzma_code(&encoder_, LZMA_FINISH);
    } while (status == LZMA_OK && encoder_.avail_out > 0);
    if (status != LZMA_STREAM_END) {
      return make_error(ErrorCode::kInternal,
                        "xz encoder returned " + std::to_string(static_cast<int>(status)));
    }
    out->resize(out->size() - encoder_.avail_out);
    return Status::ok();
  }

 private:
  lzma_stream decoder_ = LZMA_STREAM_INIT;
  lzma_stream encoder_ = LZMA_STREAM_INIT;
};

}  // namespace

std::unique_ptr<Engine> make_xz_engine() {
  return std::make_unique<XzEngine>();
}

}  // namespace avro::codec_internal
