// Stepping over runs of primitive values without decoding them: projection
// (resolution to fewer fields, column selection) skips most of a record,
// and one tight loop over a precompiled run beats a program walk per field.
#pragma once

#include <cstdint>
#include <string_view>

#include "datum/program.h"
#include "io/bytes.h"

namespace avro {

// How a primitive is stepped over.
enum class SkipCode : uint8_t { kFixed, kVarint, kSized };
struct SkipItem {
  SkipCode code = SkipCode::kFixed;
  uint32_t size = 0;  // kFixed: bytes
};

// The skip item of a step of a raw (logical types off) or plain primitive,
// if it is one.
inline bool primitive_skip(const Step& step, SkipItem* item) {
  switch (step.op) {
    case Op::kNull: *item = {SkipCode::kFixed, 0}; return true;
    case Op::kBoolean: *item = {SkipCode::kFixed, 1}; return true;
    case Op::kFloat: *item = {SkipCode::kFixed, 4}; return true;
    case Op::kDouble: *item = {SkipCode::kFixed, 8}; return true;
    case Op::kFixed: *item = {SkipCode::kFixed, step.size}; return true;
    case Op::kInt:
    case Op::kLong:
    case Op::kEnum: *item = {SkipCode::kVarint, 0}; return true;
    case Op::kString:
    case Op::kBytes: *item = {SkipCode::kSized, 0}; return true;
    default: return false;
  }
}

// Steps over `count` values. False leaves `reader` where it was: the caller
// then goes value by value to name the problem (truncation, a malformed
// varint, a bad length).
inline bool skip_run(ByteReader& reader, const SkipItem* item, uint32_t count) {
  const uint8_t* const begin = reader.cursor();
  const uint8_t* const end = begin + reader.remaining();
  const uint8_t* p = begin;
  for (const SkipItem* last = item + count; item != last; ++item) {
    switch (item->code) {
      case SkipCode::kFixed:
        if (static_cast<size_t>(end - p) < item->size) return false;
        p += item->size;
        break;
      case SkipCode::kVarint: {
        const uint8_t* limit = end - p > 10 ? p + 10 : end;
        const uint8_t* first = p;
        while (p < limit && (*p & 0x80)) ++p;
        if (p == limit || (p - first == 9 && *p > 1)) return false;
        ++p;
        break;
      }
      case SkipCode::kSized: {
        uint64_t raw = 0;
        for (int shift = 0;; shift += 7) {
          if (p == end || shift > 63) return false;
          uint8_t byte = *p++;
          raw |= static_cast<uint64_t>(byte & 0x7f) << shift;
          if (!(byte & 0x80)) break;
        }
        auto length = static_cast<int64_t>((raw >> 1) ^ (~(raw & 1) + 1));
        if (length < 0 || static_cast<uint64_t>(length) > static_cast<size_t>(end - p)) return false;
        p += length;
        break;
      }
    }
  }
  std::string_view ignored;
  reader.read_raw(static_cast<size_t>(p - begin), &ignored);
  return true;
}

}  // namespace avro
