// Decompression bombs made by each library's own streaming encoder from
// zeros fed 1 MiB at a time (so a test never holds the expanded data).
// Shared by codec_bomb_test.cpp (the codecs alone) and adversarial_test.cpp
// (bombs inside container files).
#pragma once

#include <bzlib.h>
#include <gtest/gtest.h>
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include <cstdint>
#include <functional>
#include <string>

namespace avro::testing {

inline constexpr uint64_t kBombMiB = uint64_t{1} << 20;

// Feeds `size` zeros to `encode(chunk, last)` one 1 MiB chunk at a time.
inline void feed_zeros(uint64_t size, const std::function<void(const std::string&, bool)>& encode) {
  const std::string zeros(kBombMiB, '\0');
  for (uint64_t fed = 0; fed < size; fed += zeros.size()) {
    encode(zeros, fed + zeros.size() >= size);
  }
}

inline std::string deflate_bomb(uint64_t size) {
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

inline std::string zstd_bomb(uint64_t size, bool declare_size) {
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

inline std::string bzip2_bomb(uint64_t size) {
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

inline std::string xz_bomb(uint64_t size) {
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

}  // namespace avro::testing
