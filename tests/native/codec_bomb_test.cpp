// Decompression bombs: zeros compressed by each library's own streaming
// encoder (so the test never holds them), decompressed under a 1 MiB limit.
// The codec must stop at the limit: kLimitExceeded, quickly, with at most the
// limit allocated for the output. 1 GiB where the encoder is fast (zstd);
// the others take 2-7 s to compress a gigabyte of zeros, so they get 256 MiB
// (deflate) or 64 MiB (bzip2, xz): just as far beyond the limit for the decoder.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "bomb_util.h"
#include "codec_test_util.h"
#include "container/codec.h"

namespace avro {
namespace {

using testing::bzip2_bomb;
using testing::deflate_bomb;
using testing::xz_bomb;
using testing::zstd_bomb;

constexpr uint64_t kGiB = uint64_t{1} << 30;
constexpr uint64_t kMiB = uint64_t{1} << 20;
constexpr uint64_t kLimit = kMiB;

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
