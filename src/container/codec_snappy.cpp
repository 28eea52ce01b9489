// Avro "snappy": a raw snappy block followed by the big-endian CRC-32
// (zlib's polynomial, computed here by libdeflate) of the uncompressed bytes.
// A snappy block starts with its decompressed length, so the output is
// checked against max_output (and against what the input can possibly
// expand to) before anything is allocated.
#include <libdeflate.h>
#include <snappy.h>

#include "container/codec_engine.h"

namespace avro::codec_internal {

namespace {

constexpr std::string_view kCodec = "snappy";
constexpr size_t kCrcSize = 4;

// The most a snappy element can expand: a 3-byte copy of 64 bytes (21.3x).
constexpr uint64_t kMaxExpansion = 22;

uint32_t read_big_endian32(const char* bytes) {
  auto b = reinterpret_cast<const unsigned char*>(bytes);
  return uint32_t{b[0]} << 24 | uint32_t{b[1]} << 16 | uint32_t{b[2]} << 8 | uint32_t{b[3]};
}

// Called once snappy rejected a block: walks its elements to tell a stream
// cut short (every element valid, but the bytes end before the declared
// length is reached) from one with bytes after its end, or a corrupt one.
Error classify_failure(std::string_view payload, uint64_t declared) {
  auto data = reinterpret_cast<const unsigned char*>(payload.data());
  size_t pos = 0;
  while (pos < payload.size() && (data[pos] & 0x80)) ++pos;  // the length varint
  ++pos;
  uint64_t produced = 0;
  while (pos < payload.size()) {
    const unsigned char tag = data[pos++];
    uint64_t length;
    uint64_t offset = 0;
    size_t extra;  // bytes after the tag byte
    switch (tag & 3) {
      case 0:  // literal: length in the tag or in 1-4 following bytes
        extra = (tag >> 2) < 60 ? 0 : (tag >> 2) - 59;
        length = (tag >> 2) + 1;
        if (extra > 0) {
          if (payload.size() - pos < extra) return truncated_error(kCodec, payload.size());
          length = 0;
          for (size_t i = 0; i < extra; ++i) length |= uint64_t{data[pos + i]} << (8 * i);
          ++length;
        }
        if (payload.size() - pos - extra < length) return truncated_error(kCodec, payload.size());
        pos += extra + length;
        produced += length;
        break;
      default: {  // copies with a 1-, 2- or 4-byte offset
        extra = (tag & 3) == 1 ? 1 : (tag & 3) == 2 ? 2 : 4;
        if (payload.size() - pos < extra) return truncated_error(kCodec, payload.size());
        if ((tag & 3) == 1) {
          length = ((tag >> 2) & 7) + 4;
          offset = uint64_t{static_cast<unsigned>(tag >> 5)} << 8 | data[pos];
        } else {
          length = (tag >> 2) + 1;
          for (size_t i = 0; i < extra; ++i) offset |= uint64_t{data[pos + i]} << (8 * i);
        }
        if (offset == 0 || offset > produced) {
          return corrupt_error(kCodec, "a copy reaches before the start of the block",
                               static_cast<int64_t>(pos - 1));
        }
        pos += extra;
        produced += length;
      }
    }
    if (produced > declared) {
      return corrupt_error(kCodec, "the block is longer than its declared length",
                           static_cast<int64_t>(pos));
    }
    if (produced == declared && pos < payload.size()) {
      return trailing_error(kCodec, pos, payload.size());
    }
  }
  if (produced < declared) return truncated_error(kCodec, payload.size());
  return corrupt_error(kCodec, "invalid block");
}

class SnappyEngine final : public Engine {
 public:
  Status decompress(std::string_view input, uint64_t max_output, std::string* out) override {
    if (input.size() < kCrcSize) return truncated_error(kCodec, input.size());
    const std::string_view payload = input.substr(0, input.size() - kCrcSize);
    size_t declared = 0;
    if (!snappy::GetUncompressedLength(payload.data(), payload.size(), &declared)) {
      // Only the length varint is read here: it is cut short or too long.
      bool cut_short =
          payload.size() < 5 && (payload.empty() || (static_cast<uint8_t>(payload.back()) & 0x80));
      if (cut_short) return truncated_error(kCodec, input.size());
      return corrupt_error(kCodec, "invalid length header", 0);
    }
    if (declared > max_output) {
      return make_error(ErrorCode::kLimitExceeded,
                        "snappy block declares " + byte_count(declared) +
                            ", more than the limit of " + byte_count(max_output),
                        0);
    }
    // A length these bytes cannot expand to: cut short or corrupt, and not
    // worth allocating for.
    if (declared > payload.size() * kMaxExpansion) return classify_failure(payload, declared);
    resize_exactly(out, declared, 0);
    if (!snappy::RawUncompress(payload.data(), payload.size(), out->data())) {
      out->clear();
      return classify_failure(payload, declared);
    }
    const uint32_t stored = read_big_endian32(input.data() + payload.size());
    const uint32_t actual = libdeflate_crc32(0, out->data(), out->size());
    if (stored != actual) {
      out->clear();
      return make_error(ErrorCode::kInvalidData, "snappy block checksum mismatch",
                        static_cast<int64_t>(payload.size()));
    }
    return Status::ok();
  }

  Status compress(std::string_view input, int, std::string* out) override {
    out->resize(snappy::MaxCompressedLength(input.size()) + kCrcSize);
    size_t size = 0;
    snappy::RawCompress(input.data(), input.size(), out->data(), &size);
    const uint32_t crc = libdeflate_crc32(0, input.data(), input.size());
    for (int shift = 24; shift >= 0; shift -= 8) {
      (*out)[size++] = static_cast<char>((crc >> shift) & 0xff);
    }
    out->resize(size);
    return Status::ok();
  }
};

}  // namespace

std::unique_ptr<Engine> make_snappy_engine() {
  return std::make_unique<SnappyEngine>();
}

}  // namespace avro::codec_internal
