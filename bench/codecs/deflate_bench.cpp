// zlib vs libdeflate for Avro's deflate codec (raw DEFLATE), on block-sized
// buffers, plus the codec itself (BlockCodec: libdeflate with a size guess).
// Run natively and in wasm (node deflate_bench.cjs) to choose the library.
// Every result is checked against the original bytes before it is timed.
// Usage: deflate_bench [container file whose bytes are also measured]
#include <libdeflate.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "container/codec.h"
#include "event_block.h"
#include "measure.h"

namespace {

constexpr int kLevel = 6;  // the deflate codec's default

std::string zlib_compress(z_stream* stream, const std::string& input, int level) {
  deflateReset(stream);
  deflateParams(stream, level, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(stream, input.size()), '\0');
  stream->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  stream->avail_in = static_cast<uInt>(input.size());
  stream->next_out = reinterpret_cast<Bytef*>(out.data());
  stream->avail_out = static_cast<uInt>(out.size());
  if (deflate(stream, Z_FINISH) != Z_STREAM_END) return {};
  out.resize(stream->total_out);
  return out;
}

// Inflate into a buffer of the known size: zlib at its best.
bool zlib_inflate(z_stream* stream, const std::string& input, std::string* out) {
  inflateReset(stream);
  stream->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  stream->avail_in = static_cast<uInt>(input.size());
  stream->next_out = reinterpret_cast<Bytef*>(out->data());
  stream->avail_out = static_cast<uInt>(out->size());
  return inflate(stream, Z_FINISH) == Z_STREAM_END && stream->total_out == out->size();
}

std::string libdeflate_compress(libdeflate_compressor* compressor, const std::string& input) {
  std::string out(libdeflate_deflate_compress_bound(compressor, input.size()), '\0');
  out.resize(
      libdeflate_deflate_compress(compressor, input.data(), input.size(), out.data(), out.size()));
  return out;
}

bool libdeflate_exact(libdeflate_decompressor* decompressor, const std::string& input,
                      std::string* out) {
  return libdeflate_deflate_decompress(decompressor, input.data(), input.size(), out->data(),
                                       out->size(), nullptr) == LIBDEFLATE_SUCCESS;
}

// What a block codec must do: the uncompressed size is not stored, so start
// at 4x the input and double on LIBDEFLATE_INSUFFICIENT_SPACE.
bool libdeflate_growing(libdeflate_decompressor* decompressor, const std::string& input,
                        std::string* out) {
  size_t capacity = std::max<size_t>(input.size() * 4, 4096);
  for (;;) {
    out->resize(capacity);
    size_t produced = 0;
    auto result = libdeflate_deflate_decompress(decompressor, input.data(), input.size(),
                                                out->data(), out->size(), &produced);
    if (result == LIBDEFLATE_SUCCESS) {
      out->resize(produced);
      return true;
    }
    if (result != LIBDEFLATE_INSUFFICIENT_SPACE) return false;
    capacity *= 2;
  }
}


struct Dataset {
  std::string name;
  std::string bytes;
};

}  // namespace

int main(int argc, char** argv) {
  std::vector<Dataset> datasets = {{"events 64 KiB", avro::bench::make_event_block(64 << 10)},
                                   {"events 256 KiB", avro::bench::make_event_block(256 << 10)},
                                   {"events 1 MiB", avro::bench::make_event_block(1 << 20)}};
  if (argc > 1) {
    std::ifstream file(argv[1], std::ios::binary);
    std::ostringstream contents;
    contents << file.rdbuf();
    if (!file || contents.str().empty()) {
      std::fprintf(stderr, "cannot read %s\n", argv[1]);
      return 1;
    }
    std::string name = argv[1];
    datasets.push_back({name.substr(name.find_last_of('/') + 1), contents.str()});
  }

  z_stream deflater{};
  deflateInit2(&deflater, kLevel, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
  z_stream inflater{};
  inflateInit2(&inflater, -15);
  libdeflate_compressor* compressor = libdeflate_alloc_compressor(kLevel);
  libdeflate_decompressor* decompressor = libdeflate_alloc_decompressor();

  std::printf("%-22s %9s | %-36s | %-31s\n", "", "", "inflate MB/s (of output)",
              "deflate level 6: MB/s, ratio");
  std::printf("%-22s %9s | %8s %8s %9s %8s | %15s %15s\n", "data", "bytes", "zlib", "libdefl",
              "libdefl*", "codec", "zlib", "libdeflate");
  for (const Dataset& data : datasets) {
    const std::string compressed = zlib_compress(&deflater, data.bytes, kLevel);
    const std::string compressed_ld = libdeflate_compress(compressor, data.bytes);
    std::string out(data.bytes.size(), '\0');
    std::string grown, decoded;
    avro::BlockCodec codec(avro::Codec::kDeflate);
    bool ok = zlib_inflate(&inflater, compressed, &out) && out == data.bytes;
    std::fill(out.begin(), out.end(), '\0');
    ok = ok && libdeflate_exact(decompressor, compressed, &out) && out == data.bytes;
    ok = ok && libdeflate_growing(decompressor, compressed, &grown) && grown == data.bytes;
    ok = ok && zlib_inflate(&inflater, compressed_ld, &out) && out == data.bytes;
    ok = ok && codec.decompress(compressed, 1 << 30, &decoded).is_ok() && decoded == data.bytes;
    if (!ok) {
      std::fprintf(stderr, "%s: a library did not reproduce the input\n", data.name.c_str());
      return 1;
    }
    const size_t n = data.bytes.size();
    double zlib_inflate_speed = measure(n, [&] { zlib_inflate(&inflater, compressed, &out); });
    double ld_exact_speed = measure(n, [&] { libdeflate_exact(decompressor, compressed, &out); });
    double ld_grow_speed =
        measure(n, [&] { libdeflate_growing(decompressor, compressed, &grown); });
    double codec_speed = measure(n, [&] { (void)codec.decompress(compressed, 1 << 30, &decoded); });
    double zlib_deflate_speed = measure(n, [&] { zlib_compress(&deflater, data.bytes, kLevel); });
    double ld_deflate_speed = measure(n, [&] { libdeflate_compress(compressor, data.bytes); });
    std::printf("%-22s %9zu | %8.0f %8.0f %9.0f %8.0f | %7.0f %6.2fx %7.0f %6.2fx\n",
                data.name.c_str(), n, zlib_inflate_speed, ld_exact_speed, ld_grow_speed,
                codec_speed, zlib_deflate_speed,
                static_cast<double>(n) / static_cast<double>(compressed.size()), ld_deflate_speed,
                static_cast<double>(n) / static_cast<double>(compressed_ld.size()));
  }
  std::printf("libdefl* = output size unknown: start at 4x the input, double until it fits\n");
  std::printf(
      "codec    = avro::BlockCodec(kDeflate) reused across blocks: libdeflate sized\n"
      "           from the previous block's ratio\n");

  deflateEnd(&deflater);
  inflateEnd(&inflater);
  libdeflate_free_compressor(compressor);
  libdeflate_free_decompressor(decompressor);
  return 0;
}
