// Decompression bombs: zeros compressed by each library's own streaming
// encoder (so the test never holds them), decompressed under a 1 MiB limit.
// The codec must stop at the limit: kLimitExceeded, quickly, with at most the
// limit allocated for the output. 1 GiB where the encoder is fast (zstd);
// the others take 2-7 s to compress a gigabyte of zeros, so they get 256 MiB
// (deflate) or 64 MiB (bzip2, xz): just as far beyond the limit for the decoder.
#include <bzlib.h>
#include <gtest/gtest.h>
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include <chrono>
#include <functional>
#include <string>

#include "codec_test_util.h"
#include "container/codec.h"

namespace avro {
namespace {

constexpr uint64_t kGiB = uint64_t{1} << 30;
constexpr uint64_t kMiB = uint64_t{1} << 20;
constexpr uint64_t kLimit = kMiB;

// Feeds `size` zeros to `encode(chunk, last)` one 1 MiB chunk at a time.
void feed_zeros(uint64_t size, const std::function<void(const std::string&, bool)>& encode) {
  const std::string zeros(kMiB, '\0');
  for (uint64_t fed = 0; fed < size; fed += zeros.size()) {
    encode(zeros, fed + zeros.size() >= size);
  }
}

std::string deflate_bomb(uint64_t size) {
  z_stream stream{};
  deflateInit2(&stream, 1, Z_DEFLATED, -15, 9, Z_RLE);  // RLE: fast on zeros
  std::string out;
  char buffer[1 << 16];
  feed_zeros(size, [&](const std::string& chunk, bool last) {
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(chunk.data()));
    stream.avail_in = static_cast<uInt>(chunk.size());
    do {
      stream.next_out = reinterpret_cast<Bytef*>(buffer);
      stream.avail_out = sizeof buffer;
      deflate(&stream, last ? Z_FINISH : Z_NO_FLUSH);
      out.append(buffer, sizeof buffer - stream.avail_out);
    } while (stream.avail_out == 0);
  });
  deflateEnd(&stream);
  return out;
}

std::string zstd_bomb(uint64_t size, bool declare_size) {
  ZSTD_CCtx* context = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, 1);
  if (declare_size) ZSTD_CCtx_setPledgedSrcSize(context, size);
  std::string out;
  char buffer[1 << 16];
  feed_zeros(size, [&](const std::string& chunk, bool last) {
    ZSTD_inBuffer in{chunk.data(), chunk.size(), 0};
    size_t remaining;
    do {
      ZSTD_outBuffer buffer_out{buffer, sizeof buffer, 0};
      remaining =
          ZSTD_compressStream2(context, &buffer_out, &in, last ? ZSTD_e_end : ZSTD_e_continue);
      out.append(buffer, buffer_out.pos);
    } while (last ? remaining != 0 : in.pos < in.size);
  });
  ZSTD_freeCCtx(context);
  return out;
}

std::string bzip2_bomb(uint64_t size) {
  bz_stream stream{};
  BZ2_bzCompressInit(&stream, 9, 0, 0);
  std::string out;
  char buffer[1 << 16];
  feed_zeros(size, [&](const std::string& chunk, bool last) {
    stream.next_in = const_cast<char*>(chunk.data());
    stream.avail_in = static_cast<unsigned>(chunk.size());
    int status;
    do {
      stream.next_out = buffer;
      stream.avail_out = sizeof buffer;
      status = BZ2_bzCompress(&stream, last ? BZ_FINISH : BZ_RUN);
      out.append(buffer, sizeof buffer - stream.avail_out);
    } while (last ? status != BZ_STREAM_END : stream.avail_in > 0);
  });
  BZ2_bzCompressEnd(&stream);
  return out;
}

std::string xz_bomb(uint64_t size) {
  lzma_stream stream = LZMA_STREAM_INIT;
  EXPECT_EQ(lzma_easy_encoder(&stream, 0, LZMA_CHECK_CRC64), LZMA_OK);
  std::string out;
  uint8_t buffer[1 << 16];
  feed_zeros(size, [&](const std::string& chunk, bool last) {
    stream.next_in = reinterpret_cast<const uint8_t*>(chunk.data());
    stream.avail_in = chunk.size();
    lzma_ret status;
    do {
      stream.next_out = buffer;
      stream.avail_out = sizeof buffer;
      status = lzma_code(&stream, last ? LZMA_FINISH : LZMA_RUN);
      out.append(reinterpret_cast<char*>(buffer), sizeof buffer - stream.avail_out);
    } while (last ? status != LZMA_STREAM_END : stream.avail_in > 0);
  });
  lzma_end(&stream);
  return out;
}

void expect_defused(Codec codec, const std::string& bomb) {
  SCOPED_TRACE(std::string(codec_name(codec)) + " bomb of " + std::to_string(bomb.size()) +
               " bytes");
  ASSERT_LT(bomb.size(), 2 * kMiB);
  BlockCodec block_codec(codec);
  std::string out;
  auto start = std::chrono::steady_clock::now();
  Status status = block_codec.decompress(bomb, kLimit, &out);
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.error().code, ErrorCode::kLimitExceeded) << status.error().describe();
  EXPECT_NE(status.error().message.find(std::to_string(kLimit)), std::string::npos);
  EXPECT_LE(out.capacity(), kLimit + 64);  // libc++ rounds allocations up to 16 bytes
  // Decoding 1 MiB takes milliseconds; decoding the whole bomb, seconds.
  EXPECT_LT(std::chrono::duration<double>(elapsed).count(), 0.5);
}

TEST(CodecBombs, DeflateStopsAtTheLimit) {
  expect_defused(Codec::kDeflate, deflate_bomb(256 * kMiB));
}

TEST(CodecBombs, ZstdStreamedFrameStopsAtTheLimit) {
  expect_defused(Codec::kZstandard, zstd_bomb(kGiB, false));
}

TEST(CodecBombs, ZstdDeclaredSizeIsRejectedUpFront) {
  expect_defused(Codec::kZstandard, zstd_bomb(kGiB, true));
}

TEST(CodecBombs, Bzip2StopsAtTheLimit) {
  expect_defused(Codec::kBzip2, bzip2_bomb(64 * kMiB));
}

TEST(CodecBombs, XzStopsAtTheLimit) {
  expect_defused(Codec::kXz, xz_bomb(64 * kMiB));
}

}  // namespace
}  // namespace avro
