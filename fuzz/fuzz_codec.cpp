// Compressed blocks: "<codec byte><block>". Any input must decompress or
// fail cleanly within the output limit, and whatever decompresses must
// survive a compress/decompress round trip unchanged.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "container/codec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  constexpr uint64_t kLimit = 1 << 20;
  const auto codec = static_cast<avro::Codec>(data[0] % 6);
  std::string_view block(reinterpret_cast<const char*>(data + 1), size - 1);
  avro::BlockCodec block_codec(codec);
  std::string decoded;
  if (!block_codec.decompress(block, kLimit, &decoded).is_ok()) return 0;
  if (decoded.size() > kLimit) std::abort();
  std::string encoded, again;
  if (!block_codec.compress(decoded, 1, &encoded).is_ok()) std::abort();
  if (!block_codec.decompress(encoded, kLimit, &again).is_ok() || again != decoded) std::abort();
  return 0;
}
