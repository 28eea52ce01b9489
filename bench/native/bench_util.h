// Timing and container reading shared by the native benchmarks.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstring>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "container/reader.h"

namespace avro::bench {

// Median wall time in ms of `runs` runs after one warm-up run.
template <typename F>
double median_ms(int runs, F&& run) {
  using Clock = std::chrono::steady_clock;
  run();
  std::vector<double> samples;
  for (int i = 0; i < runs; ++i) {
    auto start = Clock::now();
    run();
    samples.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(samples.begin(), samples.end());
  return samples[samples.size() / 2];
}

// Reads a container file through ContainerReader the way the JS package
// does (1 MiB slices written into reserve()d space), calling
// on_block(block, compressed) for every block. `source(buffer, size)`
// fills up to `size` bytes and returns how many (0 at the end).
template <typename Source, typename OnBlock>
Status each_block(Source&& source, OnBlock&& on_block) {
  constexpr size_t kSlice = 1 << 20;
  ContainerReader reader;
  for (;;) {
    auto event = reader.next();
    if (!event) return std::move(event).error();
    switch (event.value()) {
      case ContainerReader::Event::kNeedInput: {
        size_t got = source(reader.reserve(kSlice), kSlice);
        reader.commit(got);
        if (got == 0) reader.finish();
        break;
      }
      case ContainerReader::Event::kHeader: break;
      case ContainerReader::Event::kBlock: {
        Status status = on_block(reader.block(), reader.header().codec != Codec::kNull);
        if (!status) return status;
        break;
      }
      case ContainerReader::Event::kEnd: return Status::ok();
    }
  }
}

// A source over bytes in memory.
struct MemorySource {
  std::string_view bytes;
  size_t at = 0;
  size_t operator()(uint8_t* out, size_t size) {
    size_t n = std::min(size, bytes.size() - at);
    std::memcpy(out, bytes.data() + at, n);
    at += n;
    return n;
  }
};

}  // namespace avro::bench
