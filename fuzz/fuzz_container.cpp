// Container files of any codec from arbitrary bytes. The first input byte
// picks a chunk size; reading the rest whole and in chunks must give the
// same blocks, records and error. Records are decoded with the header's
// schema, so schemas, codecs and datums are all exercised.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "container/block_decode.h"
#include "container/reader.h"
#include "datum/program.h"

namespace {

struct Outcome {
  std::vector<std::string> blocks;  // decompressed data
  int64_t records = 0;
  avro::ErrorCode error = avro::ErrorCode::kOk;
};

Outcome read(std::string_view file, size_t chunk) {
  avro::ContainerLimits limits;
  limits.max_decompressed_block_size = 8u << 20;
  limits.max_block_records = 1u << 16;
  avro::ContainerReader reader(limits);
  std::shared_ptr<const avro::Program> program;
  Outcome outcome;
  size_t fed = 0;
  for (;;) {
    auto event = reader.next();
    if (!event) {
      outcome.error = event.error().code;
      return outcome;
    }
    switch (event.value()) {
      case avro::ContainerReader::Event::kNeedInput: {
        size_t n = std::min(chunk, file.size() - fed);
        reader.feed(file.substr(fed, n));
        fed += n;
        if (fed == file.size()) reader.finish();
        break;
      }
      case avro::ContainerReader::Event::kHeader: {
        auto schema = avro::Schema::parse(reader.header().schema_json);
        if (!schema) return outcome;
        program = avro::Program::compile(std::move(schema).value());
        break;
      }
      case avro::ContainerReader::Event::kBlock: {
        outcome.blocks.emplace_back(reader.block().data);
        avro::Tape tape;
        int64_t decoded = 0;
        avro::Limits datum_limits;
        datum_limits.max_zero_size_items = 1u << 16;
        avro::Status status = avro::decode_block(*program, reader.block(), true, tape, datum_limits, &decoded);
        outcome.records += decoded;
        if (!status) {
          outcome.error = status.error().code;
          return outcome;
        }
        break;
      }
      case avro::ContainerReader::Event::kEnd:
        return outcome;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  size_t chunk = 1 + data[0] % 64;
  std::string_view file(reinterpret_cast<const char*>(data + 1), size - 1);
  Outcome whole = read(file, file.size() + 1);
  Outcome chunked = read(file, chunk);
  if (whole.blocks != chunked.blocks || whole.records != chunked.records || whole.error != chunked.error) {
    std::abort();
  }
  return 0;
}
