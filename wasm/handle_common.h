// Shared plumbing of the Embind handles: the error slot every handle owns
// and pointer publishing. Handles never throw into JS; a failing call
// returns its error code and JS collects the details with takeError().
#pragma once

#include <cstdint>
#include <string>

#include "common/error.h"

namespace avro::wasm {

struct ErrorInfo {
  int code = 0;
  std::string message;
  std::string path;
  double offset = -1;
};

template <class T>
uint32_t address(const T* pointer) {
  return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(pointer));
}

class ErrorSlot {
 public:
  int fail(Error error) {
    error_ = std::move(error);
    if (error_.code == ErrorCode::kOk) error_.code = ErrorCode::kInternal;
    return static_cast<int>(error_.code);
  }

  ErrorInfo take() {
    ErrorInfo info{static_cast<int>(error_.code), std::move(error_.message), std::move(error_.path),
                   static_cast<double>(error_.offset)};
    error_ = Error{};
    return info;
  }

 private:
  Error error_;
};

}  // namespace avro::wasm
