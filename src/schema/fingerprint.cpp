#include "schema/fingerprint.h"

#include <cstring>

namespace avro {
namespace {

// ---------------------------------------------------------------------------
// CRC-64-AVRO

constexpr uint64_t kCrc64Empty = 0xc15d213aa4d7a795ULL;

// The spec's FP_TABLE: fp = i; 8 times fp = (fp >> 1) ^ (EMPTY & -(fp & 1)).
constexpr std::array<uint64_t, 256> make_crc64_table() {
  std::array<uint64_t, 256> table{};
  for (size_t i = 0; i < table.size(); ++i) {
    uint64_t fp = i;
    for (int round = 0; round < 8; ++round) {
      // Unsigned negation: all ones when the low bit is set, else zero.
      fp = (fp >> 1) ^ (kCrc64Empty & (uint64_t{0} - (fp & 1)));
    }
    table[i] = fp;
  }
  return table;
}

constexpr std::array<uint64_t, 256> kCrc64Table = make_crc64_table();
static_assert(kCrc64Table[0] == 0 && kCrc64Table[128] == kCrc64Empty);

// ---------------------------------------------------------------------------
// Shared Merkle-Damgard helpers (MD5 and SHA-256 both use 64-byte blocks).
// Bytes are widened to uint32_t before shifting: uint8_t promotes to int,
// and shifting a byte >= 0x80 left by 24 would overflow it.

inline uint32_t rotl32(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }  // 0 < n < 32
inline uint32_t rotr32(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }  // 0 < n < 32

inline uint32_t load_le32(const uint8_t* p) {
  return uint32_t{p[0]} | (uint32_t{p[1]} << 8) | (uint32_t{p[2]} << 16) |
         (uint32_t{p[3]} << 24);
}

inline uint32_t load_be32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) |
         uint32_t{p[3]};
}

inline void store_le32(uint32_t v, uint8_t* p) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}

inline void store_be32(uint32_t v, uint8_t* p) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<uint8_t>(v >> (24 - 8 * i));
}

// Feeds every 64-byte block of the padded message to compress(block): the
// data, then 0x80, zeros, and the length in bits mod 2^64 as 8 bytes
// (little-endian for MD5, big-endian for SHA-256) ending the last block.
template <class Compress>
void for_each_padded_block(std::string_view data, bool big_endian_length,
                           Compress&& compress) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(data.data());
  const size_t size = data.size();
  const size_t full = size - size % 64;
  for (size_t i = 0; i < full; i += 64) compress(bytes + i);

  // The remaining < 64 bytes plus padding fill one or two blocks.
  uint8_t tail[128] = {};
  const size_t rest = size - full;
  if (rest != 0) std::memcpy(tail, bytes + full, rest);
  tail[rest] = 0x80;
  const size_t tail_size = rest < 56 ? 64 : 128;

  // Computed in 64 bits so it stays exact where size_t is 32-bit (wasm32).
  const uint64_t bit_length = static_cast<uint64_t>(size) << 3;
  for (size_t i = 0; i < 8; ++i) {
    const auto b = static_cast<uint8_t>(bit_length >> (8 * i));
    tail[big_endian_length ? tail_size - 1 - i : tail_size - 8 + i] = b;
  }
  compress(tail);
  if (tail_size == 128) compress(tail + 64);
}

// ---------------------------------------------------------------------------
// MD5 (RFC 1321)

// K[i] = floor(2^32 * |sin(i + 1)|).
constexpr uint32_t kMd5K[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613,
    0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193,
    0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d,
    0x02441453, 0xd8a1e681, 0xe7d3fbc8, 0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed,
    0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122,
    0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa,
    0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665, 0xf4292244,
    0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb,
    0xeb86d391,
};

// Per-round left-rotation amounts, four per round group.
constexpr int kMd5Shift[4][4] = {{7, 12, 17, 22}, {5, 9, 14, 20}, {4, 11, 16, 23}, {6, 10, 15, 21}};

void md5_compress(uint32_t state[4], const uint8_t* block) {
  uint32_t m[16];
  for (int i = 0; i < 16; ++i) m[i] = load_le32(block + 4 * i);

  uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
  for (int i = 0; i < 64; ++i) {
    uint32_t f;
    int g;
    switch (i / 16) {
      case 0: f = (b & c) | (~b & d); g = i; break;
      case 1: f = (d & b) | (~d & c); g = (5 * i + 1) % 16; break;
      case 2: f = b ^ c ^ d; g = (3 * i + 5) % 16; break;
      default: f = c ^ (b | ~d); g = (7 * i) % 16; break;
    }
    f += a + kMd5K[i] + m[g];
    a = d;
    d = c;
    c = b;
    b += rotl32(f, kMd5Shift[i / 16][i % 4]);
  }
  state[0] += a;
  state[1] += b;
  state[2] += c;
  state[3] += d;
}

// ---------------------------------------------------------------------------
// SHA-256 (FIPS 180-4)

// First 32 bits of the fractional parts of the cube roots of the first 64 primes.
constexpr uint32_t kSha256K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
    0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
    0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
    0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
    0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
    0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2,
};

void sha256_compress(uint32_t state[8], const uint8_t* block) {
  uint32_t w[64];
  for (int i = 0; i < 16; ++i) w[i] = load_be32(block + 4 * i);
  for (int i = 16; i < 64; ++i) {
    const uint32_t s0 = rotr32(w[i - 15], 7) ^ rotr32(w[i - 15], 18) ^ (w[i - 15] >> 3);
    const uint32_t s1 = rotr32(w[i - 2], 17) ^ rotr32(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }

  uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
  uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
  for (int i = 0; i < 64; ++i) {
    const uint32_t sum1 = rotr32(e, 6) ^ rotr32(e, 11) ^ rotr32(e, 25);
    const uint32_t choose = (e & f) ^ (~e & g);
    const uint32_t t1 = h + sum1 + choose + kSha256K[i] + w[i];
    const uint32_t sum0 = rotr32(a, 2) ^ rotr32(a, 13) ^ rotr32(a, 22);
    const uint32_t majority = (a & b) ^ (a & c) ^ (b & c);
    const uint32_t t2 = sum0 + majority;
    h = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  state[0] += a;
  state[1] += b;
  state[2] += c;
  state[3] += d;
  state[4] += e;
  state[5] += f;
  state[6] += g;
  state[7] += h;
}

}  // namespace

uint64_t crc64_avro(std::string_view data) {
  uint64_t fp = kCrc64Empty;
  for (const char ch : data) {
    const auto byte = static_cast<uint8_t>(ch);
    fp = (fp >> 8) ^ kCrc64Table[static_cast<size_t>((fp ^ byte) & 0xff)];
  }
  return fp;
}

std::array<uint8_t, 16> md5(std::string_view data) {
  uint32_t state[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
  for_each_padded_block(data, /*big_endian_length=*/false,
                        [&](const uint8_t* block) { md5_compress(state, block); });
  std::array<uint8_t, 16> digest{};
  for (int i = 0; i < 4; ++i) store_le32(state[i], digest.data() + 4 * i);
  return digest;
}

std::array<uint8_t, 32> sha256(std::string_view data) {
  // First 32 bits of the fractional parts of the square roots of the first 8 primes.
  uint32_t state[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                       0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  for_each_padded_block(data, /*big_endian_length=*/true,
                        [&](const uint8_t* block) { sha256_compress(state, block); });
  std::array<uint8_t, 32> digest{};
  for (int i = 0; i < 8; ++i) store_be32(state[i], digest.data() + 4 * i);
  return digest;
}

std::array<uint8_t, 8> crc64_avro_bytes_le(uint64_t fp) {
  std::array<uint8_t, 8> out{};
  for (size_t i = 0; i < 8; ++i) out[i] = static_cast<uint8_t>(fp >> (8 * i));
  return out;
}

std::string to_hex(const uint8_t* data, size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (size_t i = 0; i < size; ++i) {
    out.push_back(kDigits[data[i] >> 4]);
    out.push_back(kDigits[data[i] & 0x0f]);
  }
  return out;
}

}  // namespace avro
