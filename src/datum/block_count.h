// Array and map blocks (spec "Binary Encoding: Complex Types"): a count, a
// negative count followed by the block's byte size, and a final 0. Counts
// are checked against the bytes that remain before any item is read, so a
// hostile count cannot make the decoder allocate or loop.
#pragma once

#include "common/error.h"
#include "io/bytes.h"

namespace avro {

// The checks of read_block_count, naming what is wrong.
inline Status read_block_count_checked(ByteReader& reader, uint32_t min_item_size,
                                       uint64_t* zero_size_budget, uint64_t max_items, int64_t* count) {
  size_t start = reader.position();
  ReadStatus status = reader.read_long(count);
  if (status != ReadStatus::kOk) {
    return make_error(status == ReadStatus::kTruncated ? ErrorCode::kTruncated : ErrorCode::kInvalidData,
                      status == ReadStatus::kTruncated ? "input ended inside a block count"
                                                       : "malformed varint in block count",
                      static_cast<int64_t>(start));
  }
  if (*count < 0) {
    if (*count == INT64_MIN) {
      return make_error(ErrorCode::kInvalidData, "block count out of range", static_cast<int64_t>(start));
    }
    *count = -*count;
    int64_t byte_size = 0;
    status = reader.read_long(&byte_size);
    if (status != ReadStatus::kOk || byte_size < 0) {
      return make_error(status == ReadStatus::kTruncated ? ErrorCode::kTruncated : ErrorCode::kInvalidData,
                        "invalid block byte size", static_cast<int64_t>(start));
    }
    // The size is only a hint for skipping, but one past the end proves truncation.
    if (static_cast<uint64_t>(byte_size) > reader.remaining()) {
      return make_error(ErrorCode::kTruncated,
                        "block of " + std::to_string(byte_size) + " bytes is longer than the remaining " +
                            std::to_string(reader.remaining()) + " bytes",
                        static_cast<int64_t>(start));
    }
  }
  uint64_t n = static_cast<uint64_t>(*count);
  if (min_item_size > 0) {
    if (n > reader.remaining() / min_item_size) {
      return make_error(ErrorCode::kTruncated,
                        "block of " + std::to_string(n) + " items is longer than the remaining " +
                            std::to_string(reader.remaining()) + " bytes",
                        static_cast<int64_t>(start));
    }
  }
  // After the truncation check, which says more about an impossible count.
  if (n > max_items) {
    return make_error(ErrorCode::kLimitExceeded,
                      "block of " + std::to_string(n) + " items exceeds the limit of " +
                          std::to_string(max_items),
                      static_cast<int64_t>(start));
  }
  if (min_item_size == 0) {
    if (n > *zero_size_budget) {
      return make_error(ErrorCode::kLimitExceeded,
                        "too many items of a zero-size type (" + std::to_string(n) + ")",
                        static_cast<int64_t>(start));
    }
    *zero_size_budget -= n;
  }
  return Status::ok();
}

// Reads the next block header into *count (0 ends the collection).
// `min_item_size` is the item's minimum encoded size; items that may take
// zero bytes draw from *zero_size_budget instead. `max_items` caps one
// block's count whatever the item size (Limits::max_block_items).
inline Status read_block_count(ByteReader& reader, uint32_t min_item_size,
                               uint64_t* zero_size_budget, uint64_t max_items, int64_t* count) {
  // The usual case first: a plain count of items that take bytes, which fit.
  size_t start = reader.position();
  uint64_t bytes = 0;
  if (min_item_size > 0 && reader.read_long(count) == ReadStatus::kOk && *count >= 0 &&
      static_cast<uint64_t>(*count) <= max_items &&
      !__builtin_mul_overflow(static_cast<uint64_t>(*count), min_item_size, &bytes) && bytes <= reader.remaining()) {
    return Status::ok();
  }
  reader.seek(start);
  return read_block_count_checked(reader, min_item_size, zero_size_budget, max_items, count);
}

}  // namespace avro
