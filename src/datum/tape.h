// The tape: how datums cross the language boundary as a handful of flat
// buffers instead of objects (ARCHITECTURE principle 4). The layout follows
// the schema in pre-order, so the materializer on the other side needs no
// type tags; it walks the same program.
//
//   null                 nothing
//   boolean, int, float, double, enum index, union branch   one num
//   long                 one num; if |v| > 2^53 the num is NaN and the exact
//                        value is the next entry of `bigs`
//   string               text (+ one text end)
//   bytes, fixed         blob (+ one blob end)
//   array                num item count, then the items
//   map                  num entry count, then (key string, value) pairs
//   record               its fields in schema order
// Logical types, when the program maps them (ProgramOptions::logical_types):
//   decimal, big-decimal, uuid on fixed   one string ("-12.34", RFC 4122 text)
//   date, time-*, timestamp-millis, local-timestamp-millis   one num as long
//   timestamp/local-timestamp micros and nanos   two nums: epoch milliseconds
//                        (floored) and the nanoseconds within that millisecond
//   duration             three nums: months, days, milliseconds
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace avro {

// Decoder output. `text_ends` are cumulative UTF-16 offsets into `text`
// (so one TextDecoder call and substring() yields every string);
// `blob_ends` are cumulative byte offsets into `blobs`.
struct Tape {
  std::vector<double> nums;
  std::vector<int64_t> bigs;
  std::string text;
  std::vector<uint32_t> text_ends;
  uint32_t text_units = 0;  // UTF-16 length of `text` so far
  std::string blobs;
  std::vector<uint32_t> blob_ends;
  // Values that occupy no input bytes (Limits::max_zero_size_items) drawn by
  // the decodes into this tape since it was cleared. The budget belongs to
  // the tape, i.e. to one call (a datum, a batch, a block), not to each
  // datum: a block of many tiny datums must not multiply it.
  uint64_t zero_size_items = 0;

  uint64_t zero_size_budget(uint64_t max) const {
    return zero_size_items < max ? max - zero_size_items : 0;
  }

  // Bytes held (what Limits::max_decoded_size bounds).
  size_t size_bytes() const {
    return (nums.size() + bigs.size()) * 8 + text.size() + blobs.size() +
           (text_ends.size() + blob_ends.size()) * 4;
  }

  void clear() {
    nums.clear();
    bigs.clear();
    text.clear();
    text_ends.clear();
    text_units = 0;
    blobs.clear();
    blob_ends.clear();
    zero_size_items = 0;
  }
};

// Encoder input, produced by a materializer. Same layout as Tape except that
// `text_ends` are cumulative UTF-8 byte offsets (what TextEncoder reports).
struct TapeInput {
  const double* nums = nullptr;
  size_t nums_size = 0;
  const int64_t* bigs = nullptr;
  size_t bigs_size = 0;
  const char* text = nullptr;
  size_t text_size = 0;
  const uint32_t* text_ends = nullptr;
  size_t text_ends_size = 0;
  const char* blobs = nullptr;
  size_t blobs_size = 0;
  const uint32_t* blob_ends = nullptr;
  size_t blob_ends_size = 0;
};

}  // namespace avro
