// Core decode speed without any JS, on the data sets of datasets.h read
// from in-memory container files: full decode to the tape, skip, a
// projection through a Resolver, and columns. Built natively and with
// emcmake (node core_bench.cjs), so the two can be compared (wasm vs
// native). Usage: core_bench [runs=7] [records=100000] [dataset] [mode]
// (the last two select one data set / mode, e.g. for callgrind); prints one
// JSON object per line: {dataset, codec, mode, records, bytes, ms} (ms:
// median).
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "bench_util.h"
#include "datasets.h"
#include "container/block_decode.h"
#include "datum/columns.h"
#include "datum/program.h"
#include "resolve/resolver.h"
#include "schema/schema.h"

namespace {

using avro::bench::MemorySource;

// A failure here is a bug in the benchmark or the core: report and stop.
template <typename T>
T must(avro::Result<T> result, const char* what) {
  if (!result) {
    std::fprintf(stderr, "core_bench: %s: %s\n", what, result.error().message.c_str());
    std::exit(1);
  }
  return std::move(result).value();
}

void must(const avro::Status& status, const char* what) {
  if (!status) {
    std::fprintf(stderr, "core_bench: %s: %s\n", what, status.error().message.c_str());
    std::exit(1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  int runs = argc > 1 ? std::atoi(argv[1]) : 7;
  int records = argc > 2 ? std::atoi(argv[2]) : 100000;
  std::string only_dataset = argc > 3 ? argv[3] : "";
  std::string only_mode = argc > 4 ? argv[4] : "";
  auto wanted = [&](const char* mode) { return only_mode.empty() || only_mode == mode; };
  for (const avro::bench::Dataset& dataset : avro::bench::datasets()) {
    if (!only_dataset.empty() && only_dataset != dataset.name) continue;
    std::string data;
    std::vector<uint32_t> ends;
    avro::bench::encode_records(dataset, records, &data, &ends);
    auto writer_schema = must(avro::Schema::parse(dataset.schema()), "schema");
    auto reader_schema = must(avro::Schema::parse(dataset.schema(dataset.projection)), "reader schema");
    auto program = avro::Program::compile(writer_schema);
    auto resolver = must(avro::Resolver::compile(avro::Program::compile(reader_schema), writer_schema), "resolver");
    auto plan = must(avro::ColumnPlan::compile(program, dataset.columns), "columns");
    avro::Limits limits;

    for (avro::Codec codec : {avro::Codec::kNull, avro::Codec::kDeflate}) {
      std::string file = must(avro::bench::container_file(dataset, data, ends, codec), "write");
      auto report = [&](const char* mode, double ms) {
        std::printf("{\"dataset\":\"%s\",\"codec\":\"%s\",\"mode\":\"%s\",\"records\":%d,\"bytes\":%zu,\"ms\":%.3f}\n",
                    dataset.name.c_str(), std::string(avro::codec_name(codec)).c_str(), mode, records,
                    file.size(), ms);
        std::fflush(stdout);
      };
      int64_t seen = 0;
      avro::Tape tape;
      auto full = [&] {
        seen = 0;
        must(avro::bench::each_block(MemorySource{file}, [&](const avro::ContainerBlock& block, bool compressed) {
               tape.clear();
               int64_t decoded = 0;
               avro::Status status = avro::decode_block(*program, block, compressed, tape, limits, &decoded);
               seen += decoded;
               return status;
             }), "full decode");
      };
      if (wanted("full")) report("full", avro::bench::median_ms(runs, full));
      if (wanted("full") && seen != records) {
        std::fprintf(stderr, "core_bench: decoded %lld of %d records\n", static_cast<long long>(seen), records);
        return 1;
      }
      if (codec != avro::Codec::kNull) continue;  // the other modes measure the core, not the codec
      auto skip = [&] {
        must(avro::bench::each_block(MemorySource{file}, [&](const avro::ContainerBlock& block, bool) -> avro::Status {
               avro::ByteReader bytes(block.data);
               for (int64_t i = 0; i < block.count; ++i) AVRO_TRY(program->skip(bytes, limits));
               return avro::Status::ok();
             }), "skip");
      };
      if (wanted("skip")) report("skip", avro::bench::median_ms(runs, skip));
      auto projected = [&] {
        must(avro::bench::each_block(MemorySource{file}, [&](const avro::ContainerBlock& block, bool compressed) {
               tape.clear();
               int64_t decoded = 0;
               return avro::decode_block(*resolver, block, compressed, tape, limits, &decoded);
             }), "projected decode");
      };
      if (wanted("projected")) report("projected", avro::bench::median_ms(runs, projected));
      auto columns = [&] {
        std::vector<avro::Column> out = plan->layout();
        must(avro::bench::each_block(MemorySource{file}, [&](const avro::ContainerBlock& block, bool compressed) {
               int64_t decoded = 0;
               return avro::decode_block(*plan, block, compressed, out, limits, &decoded);
             }), "columns");
      };
      if (wanted("columns")) report("columns", avro::bench::median_ms(runs, columns));
    }
  }
  return 0;
}
