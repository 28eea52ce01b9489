// Datum bytes for a schema taken from the input: "<schema JSON>\n<bytes>".
// Decoding, skipping and JSON conversion must agree on what is valid and on
// how many bytes a datum takes; a decoded datum must re-encode identically.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "datum/json_codec.h"
#include "datum/program.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t newline = input.find('\n');
  if (newline == std::string_view::npos) return 0;
  auto schema = avro::Schema::parse(input.substr(0, newline));
  if (!schema) return 0;
  avro::ProgramOptions options;
  options.logical_types = false;  // logical conversions may normalise (e.g. decimal text)
  auto program = avro::Program::compile(schema.value(), options);
  std::string_view bytes = input.substr(newline + 1);

  avro::Tape tape;
  avro::ByteReader decode_reader(bytes);
  bool decoded = program->decode(decode_reader, tape).is_ok();
  avro::ByteReader skip_reader(bytes);
  bool skipped = program->skip(skip_reader).is_ok();
  std::string json;
  avro::ByteReader json_reader(bytes);
  bool converted = avro::binary_to_json(program->schema(), program->root(), json_reader, json).is_ok();
  if (decoded != converted) std::abort();
  if (decoded && (!skipped || skip_reader.position() != decode_reader.position())) std::abort();
  if (!decoded) return 0;

  // JSON back to binary must reproduce the consumed bytes (arrays/maps aside,
  // whose block structure may legitimately differ).
  // The text nests up to twice per value level (union wrappers) and may
  // hold more values than a default document: parse it without limits.
  avro::json::ParseOptions unlimited;
  unlimited.max_depth = 4096;
  unlimited.max_values = UINT64_MAX;
  auto value = avro::json::parse(json, unlimited);
  if (!value) std::abort();
  std::string encoded;
  if (!avro::json_to_binary(program->schema(), program->root(), value.value(), avro::JsonMode::kAvroJson, encoded)) {
    std::abort();
  }
  avro::Tape again;
  avro::ByteReader reread(encoded);
  if (!program->decode(reread, again).is_ok() || again.nums.size() != tape.nums.size() ||
      again.text != tape.text || again.blobs != tape.blobs) {
    std::abort();
  }
  return 0;
}
