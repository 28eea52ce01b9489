// Stepping over runs of values without decoding them: projection
// (resolution to fewer fields, column selection) skips most of a record,
// and one tight loop over a precompiled run beats a program walk per field.
// A run holds primitives and arrays/maps of primitives (the latter only in
// runs given a block item limit).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "datum/program.h"
#include "io/bytes.h"

namespace avro {

// How a value is stepped over. kArray and kMap are followed in the run by
// their `size` element items (an array: the item; a map: kSized for the key,
// then the value), which are stepped over once per element.
enum class SkipCode : uint8_t { kFixed, kVarint, kSized, kArray, kMap };
struct SkipItem {
  SkipCode code = SkipCode::kFixed;
  uint32_t size = 0;  // kFixed: bytes; kArray, kMap: element items that follow
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

// Appends the skip items of the value at `node` if it is a primitive or an
// array or map of primitives whose elements take at least one byte (so a
// block's count is bounded by the bytes left); false appends nothing.
inline bool value_skip(const Program& program, NodeId node, std::vector<SkipItem>* items) {
  SkipItem item;
  if (primitive_skip(program.step(node), &item)) {
    items->push_back(item);
    return true;
  }
  const Step& step = program.step(node);
  if ((step.op != Op::kArray && step.op != Op::kMap) || !primitive_skip(program.step(program.child(step, 0)), &item)) {
    return false;
  }
  if (step.op == Op::kArray) {
    if (item.code == SkipCode::kFixed && item.size == 0) return false;
    items->push_back({SkipCode::kArray, 1});
  } else {
    items->push_back({SkipCode::kMap, 2});
    items->push_back({SkipCode::kSized, 0});
  }
  items->push_back(item);
  return true;
}

namespace skip_detail {

// Past one varint of at most 10 bytes (the 10th carrying one bit), or null.
inline const uint8_t* varint(const uint8_t* p, const uint8_t* end) {
  if (p != end && *p < 0x80) return p + 1;  // most are one byte
  const uint8_t* limit = end - p > 10 ? p + 10 : end;
  const uint8_t* first = p;
  while (p < limit && (*p & 0x80)) ++p;
  if (p == limit || (p - first == 9 && *p > 1)) return nullptr;
  return p + 1;
}

// Past one zig-zag long, stored in *value, or null (as ByteReader::read_long).
inline const uint8_t* zigzag(const uint8_t* p, const uint8_t* end, int64_t* value) {
  if (p != end && *p < 0x80) {  // counts and lengths mostly take one byte
    *value = (*p >> 1) ^ -(*p & 1);
    return p + 1;
  }
  uint64_t raw = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (p == end) return nullptr;
    uint8_t byte = *p++;
    if (shift == 63 && byte > 1) return nullptr;
    raw |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) {
      *value = static_cast<int64_t>((raw >> 1) ^ (~(raw & 1) + 1));
      return p;
    }
  }
  return nullptr;
}

// Past one primitive, or null.
inline const uint8_t* primitive(const uint8_t* p, const uint8_t* end, const SkipItem& item) {
  switch (item.code) {
    case SkipCode::kFixed: return static_cast<size_t>(end - p) < item.size ? nullptr : p + item.size;
    case SkipCode::kVarint: return varint(p, end);
    case SkipCode::kSized: {
      int64_t length = 0;
      p = zigzag(p, end, &length);
      if (!p || length < 0 || static_cast<uint64_t>(length) > static_cast<size_t>(end - p)) return nullptr;
      return p + length;
    }
    default: return nullptr;
  }
}

// Past one array or map whose `n` element items follow `item`, or null.
inline const uint8_t* collection(const uint8_t* p, const uint8_t* end, const SkipItem* element, uint32_t n,
                                 uint64_t max_block_items) {
  for (;;) {
    int64_t count = 0;
    p = zigzag(p, end, &count);
    if (!p) return nullptr;
    if (count == 0) return p;
    if (count < 0) {
      int64_t byte_size = 0;
      if (count == INT64_MIN || !(p = zigzag(p, end, &byte_size))) return nullptr;
      if (byte_size < 0 || static_cast<uint64_t>(byte_size) > static_cast<size_t>(end - p)) return nullptr;
      count = -count;
    }
    // Every element takes at least one byte (value_skip).
    auto items = static_cast<uint64_t>(count);
    if (items > max_block_items || items > static_cast<size_t>(end - p)) return nullptr;
    if (n == 1 && element->code == SkipCode::kFixed) {  // array<double> and the like: one step
      uint64_t bytes = items * element->size;
      if (bytes > static_cast<size_t>(end - p)) return nullptr;
      p += bytes;
      continue;
    }
    for (uint64_t i = 0; i < items; ++i) {
      for (uint32_t k = 0; k < n; ++k) {
        if (!(p = primitive(p, end, element[k]))) return nullptr;
      }
    }
  }
}

}  // namespace skip_detail

// Steps over the values of the `count` items at `item`. Arrays and maps
// fail on blocks of more than `max_block_items` items (Limits), as the
// program walk does. False leaves `reader` where it was: the caller then
// goes value by value to name the problem (truncation, a malformed varint,
// a bad length, a limit).
inline bool skip_run(ByteReader& reader, const SkipItem* item, uint32_t count, uint64_t max_block_items) {
  const uint8_t* const begin = reader.cursor();
  const uint8_t* const end = begin + reader.remaining();
  const uint8_t* p = begin;
  for (const SkipItem* last = item + count; item != last; ++item) {
    if (item->code == SkipCode::kArray || item->code == SkipCode::kMap) {
      p = skip_detail::collection(p, end, item + 1, item->size, max_block_items);
      item += item->size;
    } else {
      p = skip_detail::primitive(p, end, *item);
    }
    if (!p) return false;
  }
  std::string_view ignored;
  reader.read_raw(static_cast<size_t>(p - begin), &ignored);
  return true;
}

// A run of primitives only (an array or map in it always fails).
inline bool skip_run(ByteReader& reader, const SkipItem* item, uint32_t count) {
  return skip_run(reader, item, count, 0);
}

}  // namespace avro
