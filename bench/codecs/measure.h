// Timing for the codec measurements: best of five batches, each batch long
// enough for the clock.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <functional>

// MB/s of `bytes` processed by one call of `run`.
inline double measure(size_t bytes, const std::function<void()>& run) {
  using Clock = std::chrono::steady_clock;
  int repeats = 1;
  for (;;) {
    auto start = Clock::now();
    for (int i = 0; i < repeats; ++i) run();
    if (Clock::now() - start > std::chrono::milliseconds(50)) break;
    repeats *= 2;
  }
  double best = 1e30;
  for (int batch = 0; batch < 5; ++batch) {
    auto start = Clock::now();
    for (int i = 0; i < repeats; ++i) run();
    std::chrono::duration<double> elapsed = Clock::now() - start;
    best = std::min(best, elapsed.count() / repeats);
  }
  return static_cast<double>(bytes) / best / 1e6;
}
