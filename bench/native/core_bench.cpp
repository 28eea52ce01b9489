// Core decode speed without any JS: the wide 40-field record decoded in
// full, skipped, and projected to 3 fields through a Resolver. Built
// natively and with emcmake, so the two can be compared (wasm vs native).
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "datum/columns.h"
#include "datum/program.h"
#include "io/bytes.h"
#include "resolve/resolver.h"
#include "schema/schema.h"

namespace {

const char* const kKinds[] = {"long", "double", "string", "int", "boolean"};

std::string wide_schema(bool projected) {
  std::string fields;
  for (int i = 0; i < 40; ++i) {
    if (projected && i != 0 && i != 17 && i != 33) continue;
    if (!fields.empty()) fields += ",";
    fields += "{\"name\":\"f" + std::to_string(i) + "\",\"type\":\"" + kKinds[i % 5] + "\"}";
  }
  return "{\"type\":\"record\",\"name\":\"Wide\",\"fields\":[" + fields + "]}";
}

void put_long(std::string& out, int64_t value) {
  auto v = (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
  while (v > 0x7f) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

// `count` records back to back, as in a container block.
std::string wide_records(int count) {
  std::string out;
  for (int r = 0; r < count; ++r) {
    for (int i = 0; i < 40; ++i) {
      switch (i % 5) {
        case 0: put_long(out, int64_t{r} * 40 + i); break;
        case 1: {
          double d = r * 0.5 + i;
          out.append(reinterpret_cast<const char*>(&d), 8);
          break;
        }
        case 2: {
          std::string s = "value-" + std::to_string(r) + "-" + std::to_string(i);
          put_long(out, static_cast<int64_t>(s.size()));
          out += s;
          break;
        }
        case 3: put_long(out, int64_t{i} * r); break;
        case 4: out.push_back(static_cast<char>(r & 1)); break;
      }
    }
  }
  return out;
}

// Best of five batches; returns million records per second.
template <typename F>
double mrecords_per_s(int records, F&& run) {
  using Clock = std::chrono::steady_clock;
  double best = 1e30;
  for (int batch = 0; batch < 5; ++batch) {
    auto start = Clock::now();
    run();
    std::chrono::duration<double> elapsed = Clock::now() - start;
    best = std::min(best, elapsed.count());
  }
  return records / best / 1e6;
}

}  // namespace

int main() {
  constexpr int kRecords = 100000;
  auto writer_schema = avro::Schema::parse(wide_schema(false)).value();
  auto reader_schema = avro::Schema::parse(wide_schema(true)).value();
  auto writer = avro::Program::compile(writer_schema);
  auto reader = avro::Program::compile(reader_schema);
  auto resolver = avro::Resolver::compile(reader, writer_schema).value();
  std::string data = wide_records(kRecords);
  avro::Tape tape;
  bool ok = true;

  auto each = [&](auto&& one) {
    return [&, one] {
      avro::ByteReader bytes(data);
      tape.clear();
      for (int i = 0; i < kRecords; ++i) ok = one(bytes) && ok;
    };
  };
  double full = mrecords_per_s(kRecords, each([&](avro::ByteReader& b) { return bool(writer->decode(b, tape)); }));
  double skip = mrecords_per_s(kRecords, each([&](avro::ByteReader& b) { return bool(writer->skip(b)); }));
  double projected =
      mrecords_per_s(kRecords, each([&](avro::ByteReader& b) { return bool(resolver->decode(b, tape)); }));
  // Columns: 3 of the 40 fields (the rest skipped), and all 40.
  auto three = avro::ColumnPlan::compile(writer, {"f0", "f17", "f33"}).value();
  auto all = avro::ColumnPlan::compile(writer, {}).value();
  auto columns_of = [&](const avro::ColumnPlan& plan) {
    return [&] {
      avro::ByteReader bytes(data);
      std::vector<avro::Column> columns = plan.layout();
      int64_t decoded = 0;
      ok = plan.decode(bytes, kRecords, columns, {}, &decoded).is_ok() && ok;
    };
  };
  double columns3 = mrecords_per_s(kRecords, columns_of(*three));
  double columns40 = mrecords_per_s(kRecords, columns_of(*all));
  if (!ok) {
    std::fprintf(stderr, "core_bench: a decode failed\n");
    return 1;
  }
  std::printf(
      "{\"records\":%d,\"bytes\":%zu,\"full\":%.3f,\"skip\":%.3f,\"projected\":%.3f,\"columns3\":%.3f,"
      "\"columns40\":%.3f}\n",
      kRecords, data.size(), full, skip, projected, columns3, columns40);
  return 0;
}
