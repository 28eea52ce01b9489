// The Embind handle of one compiled schema: it owns its input buffer, the
// tape decoders fill and the tape encoders read. JS reads one header of
// pointers and lengths after each call, so a whole datum (or batch) crosses
// the boundary at once and no pointer from JS is dereferenced unchecked.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "datum/json_codec.h"
#include "datum/program.h"
#include "handle_common.h"
#include "resolve/resolver.h"

namespace avro::wasm {

// Slots of the header JS reads after each call (uint32 each).
enum HeaderSlot : size_t {
  kNumsPtr, kNumsLen, kBigsPtr, kBigsLen, kTextPtr, kTextLen, kTextEndsPtr, kTextEndsLen,
  kBlobsPtr, kBlobsLen, kBlobEndsPtr, kBlobEndsLen, kOutPtr, kOutLen, kConsumed, kHeaderSize,
};

class AvroType {
 public:
  // Never fails: a schema error is kept and reported through ok()/takeError().
  static AvroType* create(const std::string& schema_json, const std::string& options_json);

  bool ok() const { return program_ != nullptr; }
  uint32_t header() const { return address(header_.data()); }
  uint32_t input(uint32_t size);

  // How much of the input a datum decode must account for.
  enum DecodeMode : int {
    kPrefix = 0,  // a datum at the start of the input; the rest is reported (kConsumed)
    kExact = 1,   // the whole input is one datum: trailing bytes are an error
    kNeeded = 2,  // stop after the last value the reader needs (resolution); no trailing check
  };
  int decode(uint32_t size, int mode) { return decode_with(nullptr, size, mode); }
  // The same through a resolver (writer bytes, this type's tape layout).
  int decode_with(const Resolver* resolver, uint32_t size, int mode);
  // A batch: `count` datums back to back in the input, datum i ending at
  // ends_input()[i]; all of them on one tape. An error names the datum ([i]).
  uint32_t ends_input(uint32_t count);
  int decode_many(const Resolver* resolver, uint32_t count, int mode);
  int decode_node(uint32_t node, uint32_t size);
  void prepare_encode(uint32_t nums, uint32_t bigs, uint32_t text, uint32_t text_ends, uint32_t blobs,
                      uint32_t blob_ends);
  int encode();
  int encode_many(uint32_t count);
  uint32_t ends() const { return address(ends_.data()); }
  int to_json(uint32_t size);
  int from_json(const std::string& text);

  std::string schema_json() const { return program_->schema().to_json(); }
  std::string canonical_form() const { return program_->schema().canonical_form(); }
  std::string describe() const;
  std::string fingerprint(const std::string& algorithm) const;
  ErrorInfo take_error() { return errors_.take(); }

  // For the container handles, which decode into and encode from this
  // type's tapes so the JS materializers see one layout.
  const Program& program() const { return *program_; }
  const std::shared_ptr<const Program>& program_ptr() const { return program_; }
  const Limits& limits() const { return limits_; }
  Tape& tape() { return tape_; }
  TapeInput encode_input() const;
  void publish_tape();

 private:
  void init(const std::string& schema_json, const std::string& options_json);
  Status decode_one(const Resolver* resolver, ByteReader& reader, int mode);
  void read_options(const json::Value& json, ProgramOptions& options);
  int fail(Error error) { return errors_.fail(std::move(error)); }
  void publish_out();

  std::shared_ptr<const Program> program_;
  Limits limits_;
  JsonLimits json_limits_;
  ErrorSlot errors_;
  std::array<uint32_t, kHeaderSize> header_{};
  std::vector<uint8_t> input_;
  std::vector<uint32_t> ends_;  // decode_many: where each datum of the input ends
  Tape tape_;
  std::string out_;
  std::vector<double> enc_nums_;
  std::vector<int64_t> enc_bigs_;
  std::vector<char> enc_text_;
  std::vector<uint32_t> enc_text_ends_;
  std::vector<char> enc_blobs_;
  std::vector<uint32_t> enc_blob_ends_;
};

}  // namespace avro::wasm
