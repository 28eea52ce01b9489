// Blocks we did not compress: fixed vectors from other encoders (Python's
// zlib, bz2 and lzma modules, the zstd command-line tool, a hand-assembled
// snappy block) and the compressed container files in ../shared/testdata.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "codec_test_util.h"
#include "container/codec.h"
#include "testdata.h"

namespace avro {
namespace {

using testing::decompress;
using testing::from_hex;

// b"Avro block: " + b"the quick brown fox jumps over the lazy dog. " * 4
std::string sample_text() {
  std::string text = "Avro block: ";
  for (int i = 0; i < 4; ++i) text += "the quick brown fox jumps over the lazy dog. ";
  return text;
}

struct Vector {
  const char* what;
  Codec codec;
  const char* hex;
};

// Made with python3 (zlib/bz2/lzma) and zstd 1.5.4 from sample_text().
const Vector kVectors[] = {
    {"zlib.compressobj(6, DEFLATED, -15)", Codec::kDeflate,
     "732c2bca5748cac94fceb65228c94855282ccd4cce56482aca2fcf5348cbaf50c82acd2d2856c82f4b2d024be7"
     "2456552aa4e4a7eb0d16c500"},
    {"bz2.compress(level 9)", Codec::kBzip2,
     "425a6839314159265359a493a18e0000159d804001001020003ffffff02000705000000000aa89a80c6a6866a3"
     "d4d9247de85cd4b932a44a9da18fa3be542306c4f0361630246e2c48a4112922e6997d3a122a6e48d49e258e42"
     "e5cf25a238383f8bb9229c28485249d0c700"},
    {"lzma.compress(FORMAT_XZ, CHECK_CRC32)", Codec::kXz,
     "fd377a585a0000016922de360200210116000000742fe5a3e000bf003c5d00209d8a470e8f623e15263e61579e"
     "8bf2d5e15ea052aee5a455b406a2aa5831e9550aa65d0a171c13189201bf013285128891fd837a9f9185640820"
     "00006182a92a000154c0010000008211e3053e300d8b020000000001595a"},
    {"lzma.compress(FORMAT_XZ, CHECK_SHA256)", Codec::kXz,
     "fd377a585a00000ae1fb0ca10200210116000000742fe5a3e000bf003c5d00209d8a470e8f623e15263e61579e"
     "8bf2d5e15ea052aee5a455b406a2aa5831e9550aa65d0a171c13189201bf013285128891fd837a9f9185640820"
     "0000ef1a7a92a0839450fe0aaf4c3961482833c71967102dcbab1db2618bdc5c2ecc000170c001000000a256de"
     "99b6e9df1c02000000000a595a"},
    {"lzma.compress(FORMAT_XZ, filters=[x86 BCJ, LZMA2])", Codec::kXz,
     "fd377a585a000004e6d6b44602010400210116000d86351fe000bf003c5d00209d8a470e8f623e15263e61579e"
     "8bf2d5e15ea052aee5a455b406a2aa5831e9550aa65d0a171c13189201bf013285128891fd837a9f9185640820"
     "000038ff9b6a825dbf7a000158c001000000f9d12172b1c467fb020000000004595a"},
    {"zstd -3 < stdin (no content size, with checksum)", Codec::kZstandard,
     "28b52ffd0458f5010034034176726f20626c6f636b3a2074686520717569636b2062726f776e20666f78206a75"
     "6d7073206f7665726c617a7920646f672e020005a8e848b4aa0c022881ff"},
    {"zstd -19 --no-check (content size declared)", Codec::kZstandard,
     "28b52ffd20c0f5010034034176726f20626c6f636b3a2074686520717569636b2062726f776e20666f78206a75"
     "6d7073206f7665726c617a7920646f672e020005a8e848b4aa0c"},
};

TEST(CodecInterop, DecompressesOtherEncodersOutput) {
  for (const Vector& vector : kVectors) {
    SCOPED_TRACE(vector.what);
    std::string out;
    Status status = decompress(vector.codec, from_hex(vector.hex), &out);
    ASSERT_TRUE(status.is_ok()) << status.error().describe();
    EXPECT_EQ(out, sample_text());
  }
}

TEST(CodecInterop, ZstdChecksumIsVerified) {
  std::string frame = from_hex(kVectors[5].hex);
  frame[frame.size() - 2] = static_cast<char>(frame[frame.size() - 2] ^ 1);
  std::string out;
  Status status = decompress(Codec::kZstandard, frame, &out);
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidData) << status.error().describe();
}

// The decoder's dictionary is bounded by max_output (at least 8 MiB): xz -6
// (8 MiB dictionary) always decodes, xz -9 (64 MiB) only under a limit that
// large. Same text as sample_text(), python3 lzma.compress(preset=6 / 9).
TEST(CodecInterop, XzDictionaryIsBoundedByTheLimit) {
  const std::string body =
      "e000bf003c5d00209d8a470e8f623e15263e61579e8bf2d5e15ea052aee5a455b406a2aa5831e9550aa65d0a17"
      "1c13189201bf013285128891fd837a9f9185640820000038ff9b6a825dbf7a000158c001000000f9d12172b1c4"
      "67fb020000000004595a";
  const std::string preset6 = from_hex("fd377a585a000004e6d6b4460200210116000000742fe5a3" + body);
  const std::string preset9 = from_hex("fd377a585a000004e6d6b446020021011c00000010cf58cc" + body);
  std::string out;
  ASSERT_TRUE(decompress(Codec::kXz, preset6, &out, 1 << 20).is_ok());
  EXPECT_EQ(out, sample_text());
  Status status = decompress(Codec::kXz, preset9, &out, 1 << 20);
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.error().code, ErrorCode::kLimitExceeded);
  EXPECT_NE(status.error().message.find("decoder memory"), std::string::npos)
      << status.error().message;
  ASSERT_TRUE(decompress(Codec::kXz, preset9, &out, 64 << 20).is_ok());
  EXPECT_EQ(out, sample_text());
}

// A streamed zstd frame (no content size) whose header asks for a 128 MiB
// window (zstd --ultra -22 < stdin) decodes under a tiny limit: blocks are
// decoded in one shot, without a window.
TEST(CodecInterop, ZstdNeedsNoWindow) {
  const std::string frame = from_hex(
      "28b52ffd0488f5010034034176726f20626c6f636b3a2074686520717569636b2062726f776e20666f78206a75"
      "6d7073206f7665726c617a7920646f672e020005a8e848b4aa0c022881ff");
  std::string out;
  Status status = decompress(Codec::kZstandard, frame, &out, sample_text().size());
  ASSERT_TRUE(status.is_ok()) << status.error().describe();
  EXPECT_EQ(out, sample_text());
}

// Avro's deflate is raw: the zlib and gzip wrappers of the same data are
// rejected, with a hint about why.
TEST(CodecInterop, DeflateRejectsZlibAndGzipWrappers) {
  const char* zlib_wrapped =
      "789c732c2bca5748cac94fceb65228c94855282ccd4cce56482aca2fcf5348cbaf50c82acd2d2856c82f4b2d02"
      "4be72456552aa4e4a7eb0d16c5003387453a";
  const char* gzip_wrapped =
      "1f8b0800000000000003732c2bca5748cac94fceb65228c94855282ccd4cce56482aca2fcf5348cbaf50c82acd"
      "2d2856c82f4b2d024be72456552aa4e4a7eb0d16c5006182a92ac0000000";
  for (const char* hex : {zlib_wrapped, gzip_wrapped}) {
    std::string out;
    Status status = decompress(Codec::kDeflate, from_hex(hex), &out);
    ASSERT_FALSE(status.is_ok());
    EXPECT_EQ(status.error().code, ErrorCode::kInvalidData) << status.error().describe();
    EXPECT_NE(status.error().message.find("raw DEFLATE"), std::string::npos)
        << status.error().message;
  }
}

// Assembled by hand from the format description: length 12, literal "abc",
// a 1-byte-offset copy (offset 3, length 9), CRC-32 0x5a6e2a34.
TEST(CodecInterop, SnappyHandAssembledBlock) {
  const std::string block = from_hex(
      "0c086162631503"
      "5a6e2a34");
  std::string out;
  Status status = decompress(Codec::kSnappy, block, &out);
  ASSERT_TRUE(status.is_ok()) << status.error().describe();
  EXPECT_EQ(out, "abcabcabcabc");
}

// ---------------------------------------------------------------------------
// Container files: just enough of the format to reach the block bodies.

bool read_long(const std::string& bytes, size_t* pos, int64_t* value) {
  uint64_t raw = 0;
  for (int shift = 0; shift < 64 && *pos < bytes.size(); shift += 7) {
    auto byte = static_cast<uint8_t>(bytes[(*pos)++]);
    raw |= uint64_t{byte & 0x7fu} << shift;
    if (!(byte & 0x80)) {
      *value = static_cast<int64_t>(raw >> 1) ^ -static_cast<int64_t>(raw & 1);
      return true;
    }
  }
  return false;
}

struct Container {
  Codec codec = Codec::kNull;
  std::vector<std::string> blocks;  // as stored, still compressed
};

// Header: magic, a map of metadata, a 16-byte sync marker. Then blocks of
// (record count, byte size, bytes, sync marker).
bool parse_container(const std::string& file, Container* out) {
  if (file.compare(0, 4, std::string("Obj\x01", 4)) != 0) return false;
  size_t pos = 4;
  int64_t count = 0;
  while (read_long(file, &pos, &count) && count != 0) {
    int64_t ignored;
    if (count < 0 && !read_long(file, &pos, &ignored)) return false;
    for (int64_t i = 0; i < (count < 0 ? -count : count); ++i) {
      int64_t key_size, value_size;
      if (!read_long(file, &pos, &key_size)) return false;
      std::string key = file.substr(pos, static_cast<size_t>(key_size));
      pos += static_cast<size_t>(key_size);
      if (!read_long(file, &pos, &value_size)) return false;
      std::string value = file.substr(pos, static_cast<size_t>(value_size));
      pos += static_cast<size_t>(value_size);
      if (key == "avro.codec") {
        auto codec = codec_from_name(value);
        if (!codec) return false;
        out->codec = *codec;
      }
    }
  }
  pos += 16;
  while (pos < file.size()) {
    int64_t records, size;
    if (!read_long(file, &pos, &records) || !read_long(file, &pos, &size)) return false;
    if (pos + static_cast<size_t>(size) + 16 > file.size()) return false;
    out->blocks.push_back(file.substr(pos, static_cast<size_t>(size)));
    pos += static_cast<size_t>(size) + 16;
  }
  return true;
}

// The concatenated, decompressed block bodies: the files of one set hold the
// same records, though not necessarily in the same number of blocks.
std::string record_bytes(const Container& container) {
  BlockCodec codec(container.codec);
  std::string all, block;
  for (const std::string& stored : container.blocks) {
    Status status = codec.decompress(stored, 64 << 20, &block);
    EXPECT_TRUE(status.is_ok()) << status.error().describe();
    all += block;
  }
  return all;
}

void expect_same_records(const std::string& reference_path,
                         const std::vector<std::pair<std::string, Codec>>& files) {
  std::string bytes;
  AVRO_READ_TESTDATA_OR_SKIP(reference_path, &bytes);
  Container reference;
  ASSERT_TRUE(parse_container(bytes, &reference)) << reference_path;
  const std::string expected = record_bytes(reference);
  ASSERT_FALSE(expected.empty());
  for (const auto& [path, codec] : files) {
    SCOPED_TRACE(path);
    AVRO_READ_TESTDATA_OR_SKIP(path, &bytes);
    Container container;
    ASSERT_TRUE(parse_container(bytes, &container));
    ASSERT_EQ(container.codec, codec);
    EXPECT_TRUE(record_bytes(container) == expected);
  }
}

TEST(CodecTestdata, WeatherInEveryCodec) {
  expect_same_records("apache-avro/data/weather.avro",
                      {{"apache-avro/data/weather-deflate.avro", Codec::kDeflate},
                       {"apache-avro/data/weather-snappy.avro", Codec::kSnappy},
                       {"apache-avro/data/weather-zstd.avro", Codec::kZstandard}});
}

TEST(CodecTestdata, AlltypesPlainInEveryCodec) {
  expect_same_records("arrow-testing/data/alltypes_plain.avro",
                      {{"arrow-testing/data/alltypes_plain.snappy.avro", Codec::kSnappy},
                       {"arrow-testing/data/alltypes_plain.bzip2.avro", Codec::kBzip2},
                       {"arrow-testing/data/alltypes_plain.xz.avro", Codec::kXz},
                       {"arrow-testing/data/alltypes_plain.zstandard.avro", Codec::kZstandard}});
}

TEST(CodecTestdata, FastavroMultiBlockFiles) {
  expect_same_records("fastavro/data/test-null.avro",
                      {{"fastavro/data/test-deflate-0.avro", Codec::kDeflate},
                       {"fastavro/data/test-deflate-1.avro", Codec::kDeflate},
                       {"fastavro/data/test-deflate-9.avro", Codec::kDeflate},
                       {"fastavro/data/test-snappy.avro", Codec::kSnappy}});
}

TEST(CodecTestdata, TwelveDeflateBlocksMatchOneNullBlock) {
  expect_same_records("avro-rs/data/quickstop-null.avro",
                      {{"apache-avro/data/syncInMeta.avro", Codec::kDeflate}});
}

}  // namespace
}  // namespace avro
