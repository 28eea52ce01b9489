// UTF-8 validation fused with counting UTF-16 code units, so the decoder can
// hand JavaScript one string per block plus substring offsets.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace avro {

// Returns false for invalid UTF-8 (overlongs, surrogates, > U+10FFFF,
// truncated sequences). On success `*units` is the UTF-16 length.
inline bool utf16_length(std::string_view s, uint32_t* units) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const uint8_t* end = p + s.size();
  uint64_t count = 0;
  while (p < end) {
    // ASCII fast path, eight bytes at a time.
    if (end - p >= 8) {
      uint64_t chunk;
      std::memcpy(&chunk, p, 8);
      if ((chunk & 0x8080808080808080ull) == 0) {
        p += 8;
        count += 8;
        continue;
      }
    }
    uint8_t b = *p;
    if (b < 0x80) {
      ++p;
      ++count;
      continue;
    }
    size_t need;
    uint32_t cp;
    if ((b & 0xe0) == 0xc0) {
      need = 1;
      cp = b & 0x1f;
    } else if ((b & 0xf0) == 0xe0) {
      need = 2;
      cp = b & 0x0f;
    } else if ((b & 0xf8) == 0xf0) {
      need = 3;
      cp = b & 0x07;
    } else {
      return false;
    }
    if (static_cast<size_t>(end - p) <= need) return false;
    for (size_t i = 1; i <= need; ++i) {
      if ((p[i] & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3f);
    }
    static constexpr uint32_t kMinimum[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMinimum[need] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    count += cp >= 0x10000 ? 2 : 1;
    p += need + 1;
  }
  if (count > UINT32_MAX) return false;
  *units = static_cast<uint32_t>(count);
  return true;
}

}  // namespace avro
