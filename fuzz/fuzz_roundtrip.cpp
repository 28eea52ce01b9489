// Round trip through the tape with logical types on (decimal text, UUIDs,
// split timestamps): "<schema JSON>\n<bytes>". Whatever decodes must encode
// (unless a logical value breaks its own schema, e.g. a decimal with more
// digits than its precision), and the re-encoded bytes must decode to the
// same tape and re-encode to the same bytes.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "datum/program.h"

namespace {

// The decoder counts string ends in UTF-16 units (for JavaScript); the
// encoder takes UTF-8 byte offsets (what TextEncoder reports).
std::vector<uint32_t> utf8_ends(const avro::Tape& tape) {
  std::vector<uint32_t> ends;
  const auto* text = reinterpret_cast<const uint8_t*>(tape.text.data());
  size_t byte = 0;
  uint32_t units = 0;
  for (uint32_t end : tape.text_ends) {
    while (units < end && byte < tape.text.size()) {
      uint8_t lead = text[byte];
      size_t length = lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
      units += length == 4 ? 2 : 1;
      byte += length;
    }
    ends.push_back(static_cast<uint32_t>(byte));
  }
  return ends;
}

bool encode(const avro::Program& program, const avro::Tape& tape, std::string& out) {
  std::vector<uint32_t> ends = utf8_ends(tape);
  avro::TapeInput input;
  input.nums = tape.nums.data();
  input.nums_size = tape.nums.size();
  input.bigs = tape.bigs.data();
  input.bigs_size = tape.bigs.size();
  input.text = tape.text.data();
  input.text_size = tape.text.size();
  input.text_ends = ends.data();
  input.text_ends_size = ends.size();
  input.blobs = tape.blobs.data();
  input.blobs_size = tape.blobs.size();
  input.blob_ends = tape.blob_ends.data();
  input.blob_ends_size = tape.blob_ends.size();
  return program.encode(input, out).is_ok();
}

bool same_tape(const avro::Tape& a, const avro::Tape& b) {
  return a.nums.size() == b.nums.size() &&
         (a.nums.empty() ||
          std::memcmp(a.nums.data(), b.nums.data(), a.nums.size() * sizeof(double)) == 0) &&
         a.bigs == b.bigs && a.text == b.text && a.text_ends == b.text_ends && a.blobs == b.blobs &&
         a.blob_ends == b.blob_ends;
}

bool has_logical_types(const avro::Schema& schema) {
  for (size_t i = 0; i < schema.node_count(); ++i) {
    if (schema.node(static_cast<avro::NodeId>(i)).logical != avro::Logical::kNone) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t newline = input.find('\n');
  if (newline == std::string_view::npos) return 0;
  auto schema = avro::Schema::parse(input.substr(0, newline));
  if (!schema) return 0;
  auto program = avro::Program::compile(schema.value());
  avro::Limits limits;
  limits.max_decoded_size = 64u << 20;

  avro::Tape tape;
  avro::ByteReader reader(input.substr(newline + 1));
  if (!program->decode(reader, tape, limits).is_ok()) return 0;
  std::string encoded;
  if (!encode(*program, tape, encoded)) {
    if (has_logical_types(program->schema())) return 0;
    std::abort();
  }
  avro::Tape again;
  avro::ByteReader reread(encoded);
  if (!program->decode(reread, again, limits).is_ok() || !reread.at_end() ||
      !same_tape(tape, again)) {
    std::abort();
  }
  std::string encoded_again;
  if (!encode(*program, again, encoded_again) || encoded_again != encoded) std::abort();
  return 0;
}
