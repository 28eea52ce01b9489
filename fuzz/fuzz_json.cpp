// Avro JSON decoding (what Type#fromString runs): "<schema JSON>\n<Avro JSON
// text>". Text the codec accepts must become binary that the decoder reads
// back whole, and going round once more (binary -> Avro JSON -> binary) must
// give the same bytes: the JSON encoding of a value is one value.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "datum/json_codec.h"
#include "datum/program.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t newline = input.find('\n');
  if (newline == std::string_view::npos) return 0;
  auto schema = avro::Schema::parse(input.substr(0, newline));
  if (!schema) return 0;
  auto value = avro::json::parse(input.substr(newline + 1));
  if (!value) return 0;
  const avro::Schema& s = *schema.value();
  std::string binary;
  if (!avro::json_to_binary(s, s.root(), value.value(), avro::JsonMode::kAvroJson, binary)) {
    return 0;
  }

  avro::ProgramOptions options;
  options.logical_types = false;  // the JSON encoding ignores logical types too
  auto program = avro::Program::compile(schema.value(), options);
  avro::Tape tape;
  avro::ByteReader reader(binary);
  if (!program->decode(reader, tape).is_ok() || !reader.at_end()) std::abort();

  std::string json;
  avro::ByteReader json_reader(binary);
  if (!avro::binary_to_json(s, s.root(), json_reader, json).is_ok()) std::abort();
  // Written by the codec for a value the decoder accepted: may nest deeper
  // and hold more values than a default document allows.
  avro::json::ParseOptions unlimited;
  unlimited.max_depth = 4096;
  unlimited.max_values = UINT64_MAX;
  auto again = avro::json::parse(json, unlimited);
  if (!again) std::abort();
  std::string binary_again;
  if (!avro::json_to_binary(s, s.root(), again.value(), avro::JsonMode::kAvroJson, binary_again) ||
      binary_again != binary) {
    std::abort();
  }
  return 0;
}
