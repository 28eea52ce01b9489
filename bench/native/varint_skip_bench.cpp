// Is SIMD worth it for skipping varints? Steps over `count` zig-zag
// varints with the scalar loop the core uses (skip_detail::varint in
// src/datum/skip_run.h, copied here) and with a 16-bytes-at-a-time version
// (SSE2 natively, wasm simd128 under emcc -msimd128). Both validate the same
// way: a varint takes at most 10 bytes, the 10th carrying one bit, and
// running out of bytes fails. The SIMD loop only pays on runs of many
// consecutive varints (a skipped array<long>), which real records rarely
// hold, so the core stays scalar; this keeps the measurement.
// Usage: varint_skip_bench [runs=7] [varints=4194304]; prints one JSON
// object per line: {distribution, varints, bytes, scalar_ms, simd_ms}
// (ms: median).
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "bench_util.h"
#include "datum/skip_run.h"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace {

// Past `count` varints, or null.
const uint8_t* scalar_skip(const uint8_t* p, const uint8_t* end, size_t count) {
  for (; count > 0; --count) {
    if (!(p = avro::skip_detail::varint(p, end))) return nullptr;
  }
  return p;
}

#if defined(__wasm_simd128__) || defined(__SSE2__)
constexpr bool kSimd = true;

// Bit k of `more`: byte k of p[0..16) has its high bit set (a continuation
// byte); of `small`: byte k is 0 or 1 (all a 10th varint byte may be).
struct Masks {
  uint32_t more, small;
};
Masks masks(const uint8_t* p) {
#if defined(__wasm_simd128__)
  v128_t v = wasm_v128_load(p);
  return {wasm_i8x16_bitmask(v), wasm_i8x16_bitmask(wasm_u8x16_le(v, wasm_u8x16_splat(1)))};
#else
  __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  __m128i small = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(1)), v);
  return {static_cast<uint32_t>(_mm_movemask_epi8(v)),
          static_cast<uint32_t>(_mm_movemask_epi8(small))};
#endif
}

// scalar_skip, 16 bytes at a time: a byte with the high bit clear ends a
// varint, so a chunk holds popcount(~more) varint ends. A varint is
// malformed exactly when the byte after 9 continuation bytes is not 0 or 1
// (another continuation byte, or a 10th byte with more than one bit); 9
// bytes back always lie in this chunk or the one before, so the two chunks'
// masks find it. The last < 16 bytes go to the scalar loop.
const uint8_t* simd_skip(const uint8_t* p, const uint8_t* end, size_t count) {
  const uint8_t* start = p;  // where the varint being read starts
  uint32_t prev_more = 0;    // `more` of the previous chunk
  while (count > 0 && end - p >= 16) {
    Masks m = masks(p);
    uint32_t ends = ~m.more & 0xffff;
    uint32_t x = m.more << 16 | prev_more;        // bit 16 + k: byte k (k = -16..15)
    uint32_t nine = x & x << 1;                   // bit i: bytes i-1..i continue
    nine &= nine << 2;                            // i-3..i
    nine &= nine << 4;                            // i-7..i
    nine &= x << 8;                               // i-8..i
    uint32_t bad = (nine << 1 >> 16) & ~m.small;  // bit k: byte k follows nine, is > 1
    auto n = static_cast<uint32_t>(__builtin_popcount(ends));
    if (n >= count) {  // the last varint ends in this chunk
      for (; count > 1; --count) ends &= ends - 1;
      int last = __builtin_ctz(ends);
      if (bad & ((2u << last) - 1)) return nullptr;
      return p + last + 1;
    }
    if (bad) return nullptr;
    if (ends) start = p + 32 - __builtin_clz(ends);
    count -= n;
    prev_more = m.more;
    p += 16;
  }
  return scalar_skip(start, end, count);
}
#else
constexpr bool kSimd = false;
const uint8_t* simd_skip(const uint8_t* p, const uint8_t* end, size_t count) {
  return scalar_skip(p, end, count);
}
#endif

// One zig-zag varint of `length` bytes (1..10) with random payload bits.
void append_varint(std::string& out, int length, std::mt19937_64& rng) {
  uint64_t n = rng();
  if (length < 10) n &= (uint64_t{1} << (7 * length)) - 1;
  if (length > 1) n |= uint64_t{1} << (7 * (length - 1));  // exactly `length` bytes
  for (; n >= 0x80; n >>= 7) out.push_back(static_cast<char>((n & 0x7f) | 0x80));
  out.push_back(static_cast<char>(n));
}

// `count` varints of uniformly random length in [shortest, longest] (not
// std::uniform_int_distribution: libc++ and libstdc++ would give the wasm
// and native builds different data).
std::string varints(size_t count, int shortest, int longest, uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto span = static_cast<uint64_t>(longest - shortest + 1);
  std::string out;
  for (size_t i = 0; i < count; ++i) {
    append_varint(out, shortest + static_cast<int>(rng() % span), rng);
  }
  return out;
}

// Offset of the end both skips reach (-1: both fail); exits if they differ.
long check(const std::string& buffer, size_t count) {
  auto data = reinterpret_cast<const uint8_t*>(buffer.data());
  const uint8_t* end = data + buffer.size();
  const uint8_t* scalar = scalar_skip(data, end, count);
  const uint8_t* simd = simd_skip(data, end, count);
  if (scalar != simd) {
    std::fprintf(stderr, "varint_skip_bench: skipping %zu of %zu bytes: scalar %ld, SIMD %ld\n",
                 count, buffer.size(), scalar ? static_cast<long>(scalar - data) : -1L,
                 simd ? static_cast<long>(simd - data) : -1L);
    std::exit(1);
  }
  return scalar ? static_cast<long>(scalar - data) : -1;
}

// Both skips agree on valid buffers and fail alike on damaged ones, at
// every offset (the first chunks, the middle, the scalar tail).
void check_all() {
  const std::string clean = varints(100, 1, 10, 7);
  for (size_t count = 0; count <= 100; ++count) check(clean, count);
  if (check(clean, 101) != -1) std::exit(1);                              // past the end
  if (check(clean.substr(0, clean.size() - 1), 100) != -1) std::exit(1);  // truncated
  const std::string damage[] = {
      std::string(10, '\x80') + '\x01',  // 11 bytes
      std::string(9, '\xff') + '\x02',   // a 10th byte with two bits
      std::string(9, '\xff'),            // the next varint's first byte decides
  };
  for (size_t at = 0; at <= 100; ++at) {
    std::string head = varints(at, 1, 10, 7);
    for (const std::string& bad : damage) {
      std::string buffer = head + bad + varints(20, 1, 3, 9);
      if (check(buffer, at) != static_cast<long>(head.size())) std::exit(1);  // stops before it
      check(buffer, at + 1);
      check(buffer, at + 21);
      check(head + bad, at + 1);
    }
    std::string ok = head + std::string(9, '\xff') + '\x01';  // the longest valid varint
    if (check(ok, at + 1) != static_cast<long>(ok.size())) std::exit(1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  int runs = argc > 1 ? std::atoi(argv[1]) : 7;
  size_t count =
      argc > 2 ? static_cast<size_t>(std::strtoull(argv[2], nullptr, 10)) : size_t{1} << 22;
  if (!kSimd) {
    std::fprintf(stderr,
                 "varint_skip_bench: built without SSE2 or wasm simd128, nothing to compare\n");
    return 0;
  }
  check_all();
  struct Distribution {
    const char* name;
    int shortest, longest;
  };
  for (Distribution d : {Distribution{"1-byte", 1, 1}, Distribution{"1-3 byte ids", 1, 3},
                         Distribution{"1-10 byte mixed", 1, 10}}) {
    std::string buffer = varints(count, d.shortest, d.longest, 42);
    if (check(buffer, count) != static_cast<long>(buffer.size())) {
      std::fprintf(stderr, "varint_skip_bench: %s: skip did not reach the end\n", d.name);
      return 1;
    }
    auto data = reinterpret_cast<const uint8_t*>(buffer.data());
    const uint8_t* end = data + buffer.size();
    const uint8_t* volatile sink = nullptr;  // keeps the skips from being optimized away
    double scalar_ms = avro::bench::median_ms(runs, [&] { sink = scalar_skip(data, end, count); });
    double simd_ms = avro::bench::median_ms(runs, [&] { sink = simd_skip(data, end, count); });
    std::printf(
        "{\"distribution\":\"%s\",\"varints\":%zu,\"bytes\":%zu,\"scalar_ms\":%.3f,\"simd_ms\":%."
        "3f}\n",
        d.name, count, buffer.size(), scalar_ms, simd_ms);
    std::fflush(stdout);
  }
  return 0;
}
