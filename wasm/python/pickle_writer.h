// Pickle protocol 5 opcodes (CPython Lib/pickletools.py documents each one),
// written into a growable byte buffer. Python turns a whole block of
// records into objects with one pickle.loads call, which runs in C; this is
// how decoded data reaches Python without a bridge call per value
// (ARCHITECTURE principle 4). Only the opcodes below are ever emitted, and
// every string and bytes value is length-prefixed, so decoded data can
// never be read as opcodes.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

namespace avro::wasm::pickle {

enum Opcode : uint8_t {
  kProto = 0x80,
  kStop = '.',
  kNone = 'N',
  kNewTrue = 0x88,
  kNewFalse = 0x89,
  kBinInt = 'J',    // 4-byte signed little-endian
  kBinInt1 = 'K',   // 1-byte unsigned
  kBinInt2 = 'M',   // 2-byte unsigned little-endian
  kLong1 = 0x8a,    // 1-byte length, two's complement little-endian
  kBinFloat = 'G',  // 8-byte big-endian double
  kShortBinUnicode = 0x8c,
  kBinUnicode = 'X',
  kBinUnicode8 = 0x8d,
  kShortBinBytes = 'C',
  kBinBytes = 'B',
  kBinBytes8 = 0x8e,
  kEmptyList = ']',
  kAppends = 'e',
  kList = 'l',  // MARK items LIST: one list of exactly the items
  kEmptyDict = '}',
  kSetItems = 'u',
  kDict = 'd',  // MARK key value ... DICT: one dict of the pairs
  kMark = '(',
  kPopMark = '1',
  kTuple1 = 0x85,
  kTuple2 = 0x86,
  kTuple3 = 0x87,
  kReduce = 'R',
  kStackGlobal = 0x93,
  kMemoize = 0x94,
  kBinGet = 'h',
  kLongBinGet = 'j',
};

// Appends with a pointer bump after one capacity check per value: a pickle
// stream is mostly one- and two-byte opcodes, where std::string::push_back's
// per-byte checks cost more than the data. Multi-byte fields are stored with
// one fixed-size memcpy (a single load/store in wasm), and short strings are
// copied inline: a call to memcpy costs more than the copy for the field
// names and words most records hold.
class Writer {
 public:
  void clear() { size_ = 0; }
  size_t size() const { return size_; }
  const uint8_t* data() const { return data_.get(); }
  std::string_view view() const { return {reinterpret_cast<const char*>(data_.get()), size_}; }

  void op(Opcode code) {
    *room(1) = code;
    ++size_;
  }
  void op2(Opcode a, Opcode b) {
    uint8_t* p = room(2);
    p[0] = a;
    p[1] = b;
    size_ += 2;
  }

  void proto() { op2(kProto, static_cast<Opcode>(5)); }
  void none() { op(kNone); }
  void boolean(bool value) { op(value ? kNewTrue : kNewFalse); }

  void integer(int64_t value) {
    uint8_t* p = room(10);
    uint8_t* start = p;
    if (value >= 0 && value < 256) {
      *p++ = kBinInt1;
      *p++ = static_cast<uint8_t>(value);
    } else if (value >= 0 && value < 65536) {
      *p++ = kBinInt2;
      p = le(p, static_cast<uint64_t>(value), 2);
    } else if (value >= INT32_MIN && value <= INT32_MAX) {
      *p++ = kBinInt;
      p = le(p, static_cast<uint32_t>(static_cast<int32_t>(value)), 4);
    } else {
      // Eight bytes of two's complement hold any int64; LONG1 takes any length.
      *p++ = kLong1;
      *p++ = 8;
      p = le(p, static_cast<uint64_t>(value), 8);
    }
    size_ += static_cast<size_t>(p - start);
  }

  void floating(double value) {
    uint64_t bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    uint8_t* p = room(9);
    *p = kBinFloat;
    store(p + 1, big_endian(bits));
    size_ += 9;
  }

  // `utf8` must be valid UTF-8 (the core validated it while decoding).
  void unicode(std::string_view utf8) { sized(utf8, kShortBinUnicode, kBinUnicode, kBinUnicode8); }
  void bytes(std::string_view data) { sized(data, kShortBinBytes, kBinBytes, kBinBytes8); }

  // Pushes memo entry `index` (assigned by MEMOIZE in the stream's prologue).
  void get(uint32_t index) {
    uint8_t* p = room(5);
    if (index < 256) {
      p[0] = kBinGet;
      p[1] = static_cast<uint8_t>(index);
      size_ += 2;
    } else {
      p[0] = kLongBinGet;
      store(p + 1, little_endian(index));
      size_ += 5;
    }
  }

  // module.qualname (a dotted qualname resolves attribute by attribute).
  void global(std::string_view module, std::string_view qualname) {
    unicode(module);
    unicode(qualname);
    op(kStackGlobal);
  }

  // Raw little-endian bytes (packed columns).
  void raw_le(uint64_t value, int width) {
    le(room(8), value, width);
    size_ += static_cast<size_t>(width);
  }

  void append(std::string_view bytes) {
    if (bytes.empty()) return;
    std::memcpy(room(bytes.size()), bytes.data(), bytes.size());
    size_ += bytes.size();
  }

 private:
  static uint8_t* le(uint8_t* p, uint64_t value, int width) {
    switch (width) {
      case 2: store(p, little_endian(static_cast<uint16_t>(value))); break;
      case 4: store(p, little_endian(static_cast<uint32_t>(value))); break;
      case 8: store(p, little_endian(value)); break;
      default:
        for (int i = 0; i < width; ++i) p[i] = static_cast<uint8_t>(value >> (8 * i));
    }
    return p + width;
  }

  template <typename T>
  static void store(uint8_t* p, T value) {
    std::memcpy(p, &value, sizeof value);
  }
  template <typename T>
  static T load(const char* p) {
    T value;
    std::memcpy(&value, p, sizeof value);
    return value;
  }

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  template <typename T>
  static T little_endian(T value) {
    return value;
  }
  static uint64_t big_endian(uint64_t value) { return __builtin_bswap64(value); }
#else
  template <typename T>
  static T little_endian(T value) {
    uint8_t b[sizeof(T)];
    for (size_t i = 0; i < sizeof(T); ++i) b[i] = static_cast<uint8_t>(value >> (8 * i));
    std::memcpy(&value, b, sizeof value);
    return value;
  }
  static uint64_t big_endian(uint64_t value) { return value; }
#endif

  // Copies n bytes without a call for n <= 16 (two overlapping moves).
  static void copy(uint8_t* to, const char* from, size_t n) {
    if (n >= 8) {
      if (n > 16) {
        std::memcpy(to, from, n);
        return;
      }
      uint64_t head = load<uint64_t>(from), tail = load<uint64_t>(from + n - 8);
      store(to, head);
      store(to + n - 8, tail);
    } else if (n >= 4) {
      uint32_t head = load<uint32_t>(from), tail = load<uint32_t>(from + n - 4);
      store(to, head);
      store(to + n - 4, tail);
    } else if (n > 0) {
      to[0] = static_cast<uint8_t>(from[0]);
      to[n / 2] = static_cast<uint8_t>(from[n / 2]);
      to[n - 1] = static_cast<uint8_t>(from[n - 1]);
    }
  }

  void sized(std::string_view data, Opcode short_op, Opcode op4, Opcode op8) {
    uint8_t* p = room(9 + data.size());
    uint8_t* start = p;
    if (data.size() < 256) {
      *p++ = short_op;
      *p++ = static_cast<uint8_t>(data.size());
    } else if (data.size() <= UINT32_MAX) {
      *p++ = op4;
      p = le(p, data.size(), 4);
    } else {
      *p++ = op8;
      p = le(p, data.size(), 8);
    }
    copy(p, data.data(), data.size());
    size_ += static_cast<size_t>(p - start) + data.size();
  }

  // Space for `n` more bytes at the end; grows geometrically.
  uint8_t* room(size_t n) {
    if (capacity_ - size_ < n) grow(n);
    return data_.get() + size_;
  }

  void grow(size_t n) {
    size_t capacity = capacity_ * 2 > size_ + n ? capacity_ * 2 : size_ + n + 4096;
    std::unique_ptr<uint8_t[]> bigger(new uint8_t[capacity]);
    if (size_ > 0) std::memcpy(bigger.get(), data_.get(), size_);
    data_ = std::move(bigger);
    capacity_ = capacity;
  }

  std::unique_ptr<uint8_t[]> data_;
  size_t capacity_ = 0;
  size_t size_ = 0;
};

}  // namespace avro::wasm::pickle
