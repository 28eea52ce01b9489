// Shared by the codec tests: sample data and one-call wrappers.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "container/codec.h"

namespace avro::testing {

inline const std::vector<Codec>& compressing_codecs() {
  static const std::vector<Codec> codecs = {Codec::kDeflate, Codec::kSnappy, Codec::kZstandard,
                                            Codec::kBzip2, Codec::kXz};
  return codecs;
}

inline std::string codec_test_name(const ::testing::TestParamInfo<Codec>& info) {
  return std::string(codec_name(info.param));
}

inline std::string random_bytes(size_t size, uint32_t seed = 1) {
  std::mt19937 rng(seed);
  std::string bytes(size, '\0');
  for (char& byte : bytes) byte = static_cast<char>(rng() & 0xff);
  return bytes;
}

// Text with lots of repetition, like the strings of a typical Avro block.
inline std::string repetitive_text(size_t size) {
  static const std::string_view words[] = {"avro ", "block ", "record ", "schema ", "union ",
                                           "null ", "long ",  "string ", "\n"};
  std::string text;
  for (size_t i = 0; text.size() < size; ++i) text += words[(i * 7 + i / 5) % 9];
  text.resize(size);
  return text;
}

inline std::string from_hex(std::string_view hex) {
  std::string bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return bytes;
}

inline std::string compress(Codec codec, std::string_view input, int level = kDefaultLevel) {
  BlockCodec block_codec(codec);
  std::string out;
  Status status = block_codec.compress(input, level, &out);
  EXPECT_TRUE(status.is_ok()) << status.error().describe();
  return out;
}

inline Status decompress(Codec codec, std::string_view input, std::string* out,
                         uint64_t max_output = uint64_t{1} << 30) {
  BlockCodec block_codec(codec);
  return block_codec.decompress(input, max_output, out);
}

}  // namespace avro::testing
