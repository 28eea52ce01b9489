// Avro "bzip2": one bzip2 stream. libbzip2 has no reset call, so each block
// gets a fresh decoder; its memory is fixed by the stream's block size
// (at most ~3.6 MB for -9), whatever the input claims.
#include <bzlib.h>

#include <climits>

#include "container/codec_engine.h"

namespace avro::codec_internal {

namespace {

constexpr std::string_view kCodec = "bzip2";

// libbzip2 counts in unsigned int: larger buffers are fed in pieces.
constexpr size_t kMaxPiece = UINT_MAX;

class Bzip2Engine final : public Engine {
 public:
  Status decompress(std::string_view input, uint64_t max_output, std::string* out) override {
    bz_stream stream{};
    if (BZ2_bzDecompressInit(&stream, 0, 0) != BZ_OK) {
      return make_error(ErrorCode::kLimitExceeded, "out of memory for bzip2");
    }
    struct End {
      bz_stream* stream;
      ~End() { BZ2_bzDecompressEnd(stream); }
    } end{&stream};

    size_t fed = 0;  // input bytes handed to libbzip2 so far
    auto consumed = [&] { return fed - stream.avail_in; };
    return decode_stream(
        kCodec, max_output, input.size() * uint64_t{4}, out,
        [&](char* dst, size_t room, size_t* written) -> Result<bool> {
          if (stream.avail_in == 0 && fed < input.size()) {
            stream.next_in = const_cast<char*>(input.data() + fed);
            stream.avail_in = static_cast<unsigned>(std::min(input.size() - fed, kMaxPiece));
            fed += stream.avail_in;
          }
          stream.next_out = dst;
          stream.avail_out = static_cast<unsigned>(std::min(room, kMaxPiece));
          const unsigned offered = stream.avail_out;
          const int status = BZ2_bzDecompress(&stream);
          *written = offered - stream.avail_out;
          switch (status) {
            case BZ_STREAM_END:
              if (consumed() < input.size()) {
                return trailing_error(kCodec, consumed(), input.size());
              }
              return true;
            case BZ_OK:
              if (stream.avail_in == 0 && fed == input.size() && stream.avail_out > 0) {
                return truncated_error(kCodec, input.size());
              }
              return false;
            case BZ_DATA_ERROR_MAGIC: return corrupt_error(kCodec, "not a bzip2 stream", 0);
            case BZ_DATA_ERROR:
              return corrupt_error(kCodec, "invalid stream or checksum mismatch",
                                   static_cast<int64_t>(consumed()));
            case BZ_MEM_ERROR:
              return make_error(ErrorCode::kLimitExceeded, "out of memory for bzip2");
            default:
              return make_error(ErrorCode::kInternal,
                                "bzip2 decoder returned " + std::to_string(status));
          }
        });
  }

  Status compress(std::string_view input, int level, std::string* out) override {
    // libbzip2's documented bound: 1% larger than the input plus 600 bytes.
    const size_t bound = input.size() + input.size() / 100 + 600;
    if (bound > kMaxPiece) {
      return make_error(ErrorCode::kLimitExceeded, "bzip2 blocks are limited to 4 GiB");
    }
    out->resize(bound);
    auto size = static_cast<unsigned>(bound);
    const int status = BZ2_bzBuffToBuffCompress(out->data(), &size, const_cast<char*>(input.data()),
                                                static_cast<unsigned>(input.size()), level, 0, 0);
    if (status == BZ_MEM_ERROR)
      return make_error(ErrorCode::kLimitExceeded, "out of memory for bzip2");
    if (status != BZ_OK) {
      return make_error(ErrorCode::kInternal,
                        "bzip2 compression returned " + std::to_string(status));
    }
    out->resize(size);
    return Status::ok();
  }
};

}  // namespace

std::unique_ptr<Engine> make_bzip2_engine() {
  return std::make_unique<Bzip2Engine>();
}

}  // namespace avro::codec_internal
