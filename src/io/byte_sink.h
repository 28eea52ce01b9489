// An appending binary writer for the encoder's hot loop. ByteWriter calls
// std::string::append once per value (an out-of-line call each); ByteSink
// grows the string geometrically and writes through a pointer. Until it is
// destroyed, `out` holds unwritten slack past size(), so nothing else may
// read or write `out` meanwhile; the destructor trims it.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace avro {

class ByteSink {
 public:
  explicit ByteSink(std::string& out) : out_(out), pos_(out.size()) { sync(); }
  ~ByteSink() { out_.resize(pos_); }
  ByteSink(const ByteSink&) = delete;
  ByteSink& operator=(const ByteSink&) = delete;

  /** Bytes in `out`, the ones before this sink included. */
  size_t size() const { return pos_; }

  void write_long(int64_t value) {
    uint64_t n = (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
    char* p = reserve(10);
    char* const start = p;
    while (n >= 0x80) {
      *p++ = static_cast<char>((n & 0x7f) | 0x80);
      n >>= 7;
    }
    *p++ = static_cast<char>(n);
    pos_ += static_cast<size_t>(p - start);
  }
  void write_int(int32_t value) { write_long(value); }
  void write_float(float value) {
    uint32_t bits = __builtin_bit_cast(uint32_t, value);
    char* p = reserve(4);
    for (int i = 0; i < 4; ++i) p[i] = static_cast<char>(bits >> (8 * i));
    pos_ += 4;
  }
  void write_double(double value) {
    uint64_t bits = __builtin_bit_cast(uint64_t, value);
    char* p = reserve(8);
    for (int i = 0; i < 8; ++i) p[i] = static_cast<char>(bits >> (8 * i));
    pos_ += 8;
  }
  void write_bytes(std::string_view bytes) {
    write_long(static_cast<int64_t>(bytes.size()));
    write_raw(bytes);
  }
  void write_raw(std::string_view bytes) {
    if (bytes.empty()) return;
    std::memcpy(reserve(bytes.size()), bytes.data(), bytes.size());
    pos_ += bytes.size();
  }
  void write_byte(uint8_t byte) {
    *reserve(1) = static_cast<char>(byte);
    pos_ += 1;
  }

 private:
  char* reserve(size_t n) {
    if (capacity_ - pos_ < n) grow(n);
    return data_ + pos_;
  }
  [[gnu::noinline]] void grow(size_t n) {
    out_.resize(std::max(pos_ + n, out_.size() * 2 + 64));
    sync();
  }
  void sync() {
    data_ = out_.data();
    capacity_ = out_.size();
  }

  std::string& out_;
  size_t pos_;
  char* data_ = nullptr;
  size_t capacity_ = 0;
};

}  // namespace avro
