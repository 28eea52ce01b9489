// Block codecs through their public API: names, levels, round trips, the
// output limit, and every way a compressed block can be wrong.
#include "container/codec.h"

#include <gtest/gtest.h>

#include "codec_test_util.h"

namespace avro {
namespace {

using testing::compress;
using testing::compressing_codecs;
using testing::decompress;
using testing::random_bytes;
using testing::repetitive_text;

TEST(CodecNames, RoundTripTheSpecNames) {
  for (std::string_view name : {"null", "deflate", "snappy", "zstandard", "bzip2", "xz"}) {
    auto codec = codec_from_name(name);
    ASSERT_TRUE(codec.has_value()) << name;
    EXPECT_EQ(codec_name(*codec), name);
  }
}

TEST(CodecNames, RejectsOtherNames) {
  for (std::string_view name : {"", "zstd", "gzip", "lz4", "Deflate", "deflate ", "brotli"}) {
    EXPECT_FALSE(codec_from_name(name).has_value()) << name;
  }
}

TEST(CodecLevels, AcceptsTheDocumentedRanges) {
  struct Case {
    Codec codec;
    int min, max;
  };
  for (Case c : {Case{Codec::kDeflate, 0, 9}, Case{Codec::kZstandard, 1, 22},
                 Case{Codec::kBzip2, 1, 9}, Case{Codec::kXz, 0, 9}}) {
    SCOPED_TRACE(codec_name(c.codec));
    EXPECT_TRUE(check_level(c.codec, kDefaultLevel).is_ok());
    EXPECT_TRUE(check_level(c.codec, c.min).is_ok());
    EXPECT_TRUE(check_level(c.codec, c.max).is_ok());
    if (c.min - 1 != kDefaultLevel) {
      EXPECT_EQ(check_level(c.codec, c.min - 1).error().code, ErrorCode::kInvalidValue);
    }
    EXPECT_EQ(check_level(c.codec, c.max + 1).error().code, ErrorCode::kInvalidValue);
    EXPECT_EQ(check_level(c.codec, -100).error().code, ErrorCode::kInvalidValue);
  }
  // Null and snappy have no levels and ignore whatever is passed.
  EXPECT_TRUE(check_level(Codec::kNull, 42).is_ok());
  EXPECT_TRUE(check_level(Codec::kSnappy, -7).is_ok());
}

TEST(CodecLevels, CompressRejectsAnInvalidLevel) {
  BlockCodec codec(Codec::kZstandard);
  std::string out = "unchanged";
  Status status = codec.compress("data", 23, &out);
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidValue);
  EXPECT_NE(status.error().message.find("zstandard"), std::string::npos);
}

TEST(NullCodec, CopiesAndHonoursTheLimit) {
  std::string out;
  ASSERT_TRUE(decompress(Codec::kNull, "abc", &out).is_ok());
  EXPECT_EQ(out, "abc");
  EXPECT_EQ(decompress(Codec::kNull, "abcd", &out, 3).error().code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(compress(Codec::kNull, "xyz"), "xyz");
}

class EachCodec : public ::testing::TestWithParam<Codec> {};
INSTANTIATE_TEST_SUITE_P(Codecs, EachCodec, ::testing::ValuesIn(compressing_codecs()),
                         testing::codec_test_name);

std::vector<int> levels_for(Codec codec, size_t size) {
  const bool small = size <= (64 << 10);  // the slowest levels only on small data
  switch (codec) {
    case Codec::kDeflate: return {kDefaultLevel, 0, 1, 9};
    case Codec::kZstandard:
      return small ? std::vector<int>{kDefaultLevel, 1, 19, 22}
                   : std::vector<int>{kDefaultLevel, 1};
    case Codec::kBzip2: return {kDefaultLevel, 1};
    case Codec::kXz:
      return small ? std::vector<int>{kDefaultLevel, 0, 9} : std::vector<int>{kDefaultLevel, 0};
    default: return {kDefaultLevel};
  }
}

TEST_P(EachCodec, RoundTripsAtSeveralLevelsAndSizes) {
  const std::vector<std::pair<std::string, std::string>> inputs = {
      {"empty", ""},
      {"one byte", "x"},
      {"64 KiB text", repetitive_text(64 << 10)},
      {"1 MiB random", random_bytes(1 << 20)},
      {"1 MiB zeros", std::string(1 << 20, '\0')},
  };
  BlockCodec codec(GetParam());  // one instance throughout: contexts are reused
  for (const auto& [name, input] : inputs) {
    for (int level : levels_for(GetParam(), input.size())) {
      SCOPED_TRACE(name + ", level " + std::to_string(level));
      std::string compressed, restored;
      ASSERT_TRUE(codec.compress(input, level, &compressed).is_ok());
      Status status = codec.decompress(compressed, input.size(), &restored);
      ASSERT_TRUE(status.is_ok()) << status.error().describe();
      EXPECT_TRUE(restored == input);
      const bool stores = GetParam() == Codec::kDeflate && level == 0;
      if (name == "1 MiB zeros" && !stores) EXPECT_LT(compressed.size(), input.size() / 20);
    }
  }
}

// Exactly max_output bytes is fine, one more is not: at the limit the decoder
// must look one byte further without writing it.
TEST_P(EachCodec, LimitIsExact) {
  for (const std::string& input : {repetitive_text(100000), random_bytes(70000)}) {
    const std::string compressed = compress(GetParam(), input);
    std::string out;
    Status at_limit = decompress(GetParam(), compressed, &out, input.size());
    ASSERT_TRUE(at_limit.is_ok()) << at_limit.error().describe();
    EXPECT_TRUE(out == input);
    Status over = decompress(GetParam(), compressed, &out, input.size() - 1);
    ASSERT_FALSE(over.is_ok());
    EXPECT_EQ(over.error().code, ErrorCode::kLimitExceeded);
    EXPECT_NE(over.error().message.find(std::to_string(input.size() - 1)), std::string::npos)
        << over.error().message;
    EXPECT_LE(out.capacity(), input.size() + 64);
  }
  std::string out;
  ASSERT_TRUE(decompress(GetParam(), compress(GetParam(), ""), &out, 0).is_ok());
  EXPECT_EQ(decompress(GetParam(), compress(GetParam(), "a"), &out, 0).error().code,
            ErrorCode::kLimitExceeded);
}

TEST_P(EachCodec, EmptyInputIsTruncated) {
  std::string out;
  Status status = decompress(GetParam(), "", &out);
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.error().code, ErrorCode::kTruncated) << status.error().describe();
}

TEST_P(EachCodec, CutShortIsTruncated) {
  const std::string compressed = compress(GetParam(), repetitive_text(200000) + random_bytes(5000));
  for (size_t keep : {size_t{1}, size_t{10}, compressed.size() / 3, compressed.size() / 2,
                      compressed.size() - 5, compressed.size() - 1}) {
    SCOPED_TRACE("keeping " + std::to_string(keep) + " of " + std::to_string(compressed.size()));
    std::string out;
    Status status = decompress(GetParam(), compressed.substr(0, keep), &out);
    ASSERT_FALSE(status.is_ok());
    EXPECT_EQ(status.error().code, ErrorCode::kTruncated) << status.error().describe();
  }
}

TEST_P(EachCodec, TrailingBytesAreInvalid) {
  if (GetParam() == Codec::kDeflate) GTEST_SKIP() << "deflate ignores them (DeflateIgnoresBytesAfterTheStream)";
  const std::string compressed = compress(GetParam(), repetitive_text(5000));
  // Snappy's stream ends before its 4-byte CRC; the tail displaces the CRC.
  const size_t stream_end = compressed.size() - (GetParam() == Codec::kSnappy ? 4 : 0);
  for (const std::string& tail : {std::string("X"), std::string(8, '\0'), compressed}) {
    if (GetParam() == Codec::kZstandard && tail == compressed) continue;  // frames concatenate
    std::string out;
    Status status = decompress(GetParam(), compressed + tail, &out);
    ASSERT_FALSE(status.is_ok()) << "tail of " << tail.size();
    EXPECT_EQ(status.error().code, ErrorCode::kInvalidData) << status.error().describe();
    EXPECT_EQ(status.error().offset, static_cast<int64_t>(stream_end)) << status.error().describe();
  }
}

// Java's Inflater, zlib-based readers and avsc stop at the final deflate
// block; Java-written files rely on it (fastavro/data/double_float.avro).
TEST(Deflate, IgnoresBytesAfterTheStream) {
  const std::string text = repetitive_text(5000);
  const std::string compressed = compress(Codec::kDeflate, text);
  for (const std::string& tail : {std::string("X"), std::string("\x02\x8b\x01"), compressed}) {
    std::string out;
    Status status = decompress(Codec::kDeflate, compressed + tail, &out);
    ASSERT_TRUE(status.is_ok()) << status.error().describe();
    EXPECT_EQ(out, text);
  }
}

TEST_P(EachCodec, GarbageIsInvalid) {
  for (const std::string& garbage : {std::string("this is not compressed data at all"),
                                     std::string(64, '\xff'), random_bytes(4096, 7)}) {
    std::string out;
    Status status = decompress(GetParam(), garbage, &out);
    ASSERT_FALSE(status.is_ok());
    EXPECT_TRUE(status.error().code == ErrorCode::kInvalidData ||
                status.error().code == ErrorCode::kTruncated)
        << status.error().describe();
  }
}

// Every single-byte corruption of a small block either decodes (formats
// without a checksum may not notice) or fails cleanly; under ASan this also
// shows nothing is read or written out of bounds.
TEST_P(EachCodec, SurvivesEveryByteFlip) {
  const std::string original = repetitive_text(3000) + random_bytes(300);
  const std::string compressed = compress(GetParam(), original);
  BlockCodec codec(GetParam());
  std::string out;
  for (size_t i = 0; i < compressed.size(); ++i) {
    for (unsigned char mask : {0x01, 0x80, 0xff}) {
      std::string damaged = compressed;
      damaged[i] = static_cast<char>(damaged[i] ^ static_cast<char>(mask));
      Status status = codec.decompress(damaged, 1 << 20, &out);
      if (!status.is_ok()) {
        EXPECT_NE(status.error().code, ErrorCode::kInternal) << status.error().describe();
      }
    }
  }
  // The instance still works after all those failures.
  ASSERT_TRUE(codec.decompress(compressed, 1 << 20, &out).is_ok());
  EXPECT_TRUE(out == original);
}

TEST(DeflateCodec, InvalidBlockTypeIsInvalidData) {
  std::string out;
  Status status = decompress(Codec::kDeflate, std::string("\x07\x00\x00", 3), &out);
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidData);
  EXPECT_NE(status.error().message.find("block type"), std::string::npos) << status.error().message;
}

TEST(SnappyCrc, MismatchIsDetected) {
  const std::string input = repetitive_text(10000);
  std::string compressed = compress(Codec::kSnappy, input);
  compressed.back() = static_cast<char>(compressed.back() ^ 1);
  std::string out;
  Status status = decompress(Codec::kSnappy, compressed, &out);
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidData);
  EXPECT_EQ(status.error().message, "snappy block checksum mismatch");
}

TEST(SnappyCrc, IsBigEndianCrc32OfTheUncompressedBytes) {
  const std::string compressed = compress(Codec::kSnappy, "abcabcabcabc");
  // zlib.crc32(b"abcabcabcabc") == 0x5a6e2a34
  EXPECT_EQ(compressed.substr(compressed.size() - 4), std::string("\x5a\x6e\x2a\x34", 4));
}

TEST(SnappyLimits, DeclaredLengthIsCheckedBeforeAllocating) {
  // Length varint 2^30, one literal byte, a CRC: declares 1 GiB.
  const std::string block = std::string("\x80\x80\x80\x80\x04\x00x", 7) + std::string(4, '\0');
  std::string out;
  Status status = decompress(Codec::kSnappy, block, &out, 1 << 20);
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.error().code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(out.capacity() < (1 << 20), true);
  // Under a generous limit, 1 GiB still cannot come from 7 bytes of snappy:
  // the block ends long before its declared length.
  status = decompress(Codec::kSnappy, block, &out, uint64_t{4} << 30);
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.error().code, ErrorCode::kTruncated);
  EXPECT_LT(out.capacity(), size_t{1} << 20);
  // A copy reaching before the start of the block is corrupt.
  const std::string bad_copy =
      std::string("\x80\x80\x80\x80\x04\x15\x03", 7) + std::string(4, '\0');
  status = decompress(Codec::kSnappy, bad_copy, &out, uint64_t{4} << 30);
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidData);
}

TEST(ZstdFrames, ConcatenatedFramesDecodeToTheirConcatenation) {
  const std::string a = compress(Codec::kZstandard, "first frame ");
  const std::string b = compress(Codec::kZstandard, "second frame");
  std::string out;
  ASSERT_TRUE(decompress(Codec::kZstandard, a + b, &out).is_ok());
  EXPECT_EQ(out, "first frame second frame");
}

}  // namespace
}  // namespace avro
