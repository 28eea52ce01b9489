// Avro's binary primitives (spec "Binary Encoding"): zig-zag varints,
// little-endian IEEE floats, length-prefixed bytes. Reading never goes past
// the end of the buffer; every failure leaves the position at the start of
// the bad value so the error can report its offset.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace avro {

enum class ReadStatus : uint8_t { kOk, kTruncated, kBadVarint };

class ByteReader {
 public:
  ByteReader(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  explicit ByteReader(std::string_view bytes)
      : ByteReader(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()) {}

  size_t position() const { return pos_; }
  size_t remaining() const { return size_ - pos_; }
  bool at_end() const { return pos_ == size_; }
  const uint8_t* cursor() const { return data_ + pos_; }

  // A zig-zag long of at most 10 bytes; the 10th byte may only carry one bit.
  ReadStatus read_long(int64_t* out) {
    if (size_ - pos_ >= 10) {  // all ten bytes are there: no bounds check per byte
      const uint8_t* p = data_ + pos_;
      uint64_t value = 0;
      for (int i = 0; i < 10; ++i) {
        uint64_t byte = p[i];
        value |= (byte & 0x7f) << (7 * i);
        if (!(byte & 0x80)) {
          if (i == 9 && byte > 1) break;
          pos_ += static_cast<size_t>(i) + 1;
          *out = static_cast<int64_t>((value >> 1) ^ (~(value & 1) + 1));
          return ReadStatus::kOk;
        }
      }
      return ReadStatus::kBadVarint;
    }
    uint64_t value = 0;
    size_t pos = pos_;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= size_) return ReadStatus::kTruncated;
      uint8_t byte = data_[pos++];
      if (shift == 63 && byte > 1) return ReadStatus::kBadVarint;
      value |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) {
        pos_ = pos;
        *out = static_cast<int64_t>((value >> 1) ^ (~(value & 1) + 1));
        return ReadStatus::kOk;
      }
    }
    return ReadStatus::kBadVarint;
  }

  // A zig-zag int: at most 5 bytes and within int32 range.
  ReadStatus read_int(int32_t* out) {
    uint32_t value = 0;
    size_t pos = pos_;
    for (int shift = 0; shift < 35; shift += 7) {
      if (pos >= size_) return ReadStatus::kTruncated;
      uint8_t byte = data_[pos++];
      if (shift == 28 && byte > 0x0f) return ReadStatus::kBadVarint;
      value |= static_cast<uint32_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) {
        pos_ = pos;
        *out = static_cast<int32_t>((value >> 1) ^ (~(value & 1) + 1));
        return ReadStatus::kOk;
      }
    }
    return ReadStatus::kBadVarint;
  }

  ReadStatus read_float(float* out) {
    if (remaining() < 4) return ReadStatus::kTruncated;
    uint32_t bits = load_le32(data_ + pos_);
    pos_ += 4;
    *out = __builtin_bit_cast(float, bits);
    return ReadStatus::kOk;
  }

  ReadStatus read_double(double* out) {
    if (remaining() < 8) return ReadStatus::kTruncated;
    uint64_t bits = static_cast<uint64_t>(load_le32(data_ + pos_)) |
                    static_cast<uint64_t>(load_le32(data_ + pos_ + 4)) << 32;
    pos_ += 8;
    *out = __builtin_bit_cast(double, bits);
    return ReadStatus::kOk;
  }

  // Exactly `size` raw bytes, checked against what remains.
  ReadStatus read_raw(size_t size, std::string_view* out) {
    if (remaining() < size) return ReadStatus::kTruncated;
    *out = std::string_view(reinterpret_cast<const char*>(data_ + pos_), size);
    pos_ += size;
    return ReadStatus::kOk;
  }

  void seek(size_t pos) { pos_ = pos; }

 private:
  static uint32_t load_le32(const uint8_t* p) {
    return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 |
           static_cast<uint32_t>(p[2]) << 16 | static_cast<uint32_t>(p[3]) << 24;
  }

  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

// Appends Avro binary to a std::string.
class ByteWriter {
 public:
  explicit ByteWriter(std::string& out) : out_(out) {}

  void write_long(int64_t value) {
    uint64_t n = (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
    char buffer[10];
    size_t length = 0;
    while (n >= 0x80) {
      buffer[length++] = static_cast<char>((n & 0x7f) | 0x80);
      n >>= 7;
    }
    buffer[length++] = static_cast<char>(n);
    out_.append(buffer, length);
  }
  void write_int(int32_t value) { write_long(value); }
  void write_float(float value) {
    uint32_t bits = __builtin_bit_cast(uint32_t, value);
    char buffer[4];
    for (int i = 0; i < 4; ++i) buffer[i] = static_cast<char>(bits >> (8 * i));
    out_.append(buffer, 4);
  }
  void write_double(double value) {
    uint64_t bits = __builtin_bit_cast(uint64_t, value);
    char buffer[8];
    for (int i = 0; i < 8; ++i) buffer[i] = static_cast<char>(bits >> (8 * i));
    out_.append(buffer, 8);
  }
  void write_bytes(std::string_view bytes) {
    write_long(static_cast<int64_t>(bytes.size()));
    out_.append(bytes);
  }
  void write_raw(std::string_view bytes) { out_.append(bytes); }
  void write_byte(uint8_t byte) { out_.push_back(static_cast<char>(byte)); }
  std::string& buffer() { return out_; }

 private:
  std::string& out_;
};

}  // namespace avro
