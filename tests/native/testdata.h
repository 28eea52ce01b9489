// Access to ../shared/testdata. Under CI=true a missing file is a failure,
// never a skip.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace avro::testing {

inline std::string testdata_path(const std::string& relative) {
  return std::string(AVRO_TESTDATA_DIR) + "/" + relative;
}

inline bool running_in_ci() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}

// Reads a file; returns false (after recording a failure in CI) when missing.
inline bool read_testdata(const std::string& relative, std::string* out) {
  std::ifstream in(testdata_path(relative), std::ios::binary);
  if (!in) {
    if (running_in_ci()) ADD_FAILURE() << "missing test data: " << relative;
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *out = buffer.str();
  return true;
}

}  // namespace avro::testing

// Skips the test when the file is missing outside CI; fails it in CI.
#define AVRO_READ_TESTDATA_OR_SKIP(relative, out)                              \
  do {                                                                         \
    if (!::avro::testing::read_testdata(relative, out)) {                      \
      if (::avro::testing::running_in_ci()) return;                            \
      GTEST_SKIP() << "test data not found: " << relative;                     \
    }                                                                          \
  } while (0)
