// Every block codec through avro::BlockCodec at its default level: ratio,
// decompress and compress speed on a realistic block. Each round trip is
// checked before it is timed, so running it in wasm (node codec_bench.cjs)
// also checks the codecs compiled from source.
// Usage: codec_bench [container file whose bytes are also measured]
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


int main(int argc, char** argv) {
  std::vector<std::pair<std::string, std::string>> datasets = {
      {"events 1 MiB", avro::bench::make_event_block(1 << 20)}};
  if (argc > 1) {
    std::ifstream file(argv[1], std::ios::binary);
    std::ostringstream contents;
    contents << file.rdbuf();
    std::string name = argv[1];
    datasets.emplace_back(name.substr(name.find_last_of('/') + 1), contents.str());
  }
  std::printf("%-22s %-10s %7s %16s %16s\n", "data", "codec", "ratio", "decompress MB/s",
              "compress MB/s");
  for (const auto& dataset : datasets) {
    const std::string& name = dataset.first;
    const std::string& data = dataset.second;  // lambdas cannot capture bindings in clang 14
    for (avro::Codec codec : {avro::Codec::kDeflate, avro::Codec::kSnappy, avro::Codec::kZstandard,
                              avro::Codec::kBzip2, avro::Codec::kXz}) {
      avro::BlockCodec block_codec(codec);
      std::string compressed, restored;
      if (!block_codec.compress(data, avro::kDefaultLevel, &compressed).is_ok() ||
          !block_codec.decompress(compressed, data.size(), &restored).is_ok() || restored != data) {
        std::fprintf(stderr, "%s: round trip failed\n",
                     std::string(avro::codec_name(codec)).c_str());
        return 1;
      }
      double decompress_speed = measure(
          data.size(), [&] { (void)block_codec.decompress(compressed, data.size(), &restored); });
      double compress_speed = measure(
          data.size(), [&] { (void)block_codec.compress(data, avro::kDefaultLevel, &compressed); });
      std::printf("%-22s %-10s %6.2fx %16.0f %16.1f\n", name.c_str(),
                  std::string(avro::codec_name(codec)).c_str(),
                  static_cast<double>(data.size()) / static_cast<double>(compressed.size()),
                  decompress_speed, compress_speed);
    }
  }
  return 0;
}
