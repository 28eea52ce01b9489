// The data sets of the native benchmarks (core_bench: wasm vs native,
// avroc_bench: our core vs Apache avro-c): a users-like record, a numeric
// metrics record (the one bench/columns.mjs uses) and a 40-field wide
// record. Records are encoded with the core's ByteWriter and framed into
// container files with its ContainerWriter.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "container/writer.h"
#include "io/bytes.h"

namespace avro::bench {

struct Dataset {
  std::string name;
  std::vector<std::pair<std::string, std::string>> fields;  // name, type JSON
  std::vector<std::string> projection;  // reader fields of the projected decode
  std::vector<std::string> columns;     // fields of the columnar decode
  void (*write)(uint32_t& seed, int index, ByteWriter& out);

  // The record schema of all fields, or of `only` (a projection).
  std::string schema(const std::vector<std::string>& only = {}) const {
    std::string out = "{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\"bench\",\"fields\":[";
    bool first = true;
    for (const auto& [field, type] : fields) {
      bool wanted = only.empty();
      for (const std::string& o : only) wanted = wanted || o == field;
      if (!wanted) continue;
      if (!first) out += ",";
      first = false;
      out += "{\"name\":\"" + field + "\",\"type\":" + type + "}";
    }
    return out + "]}";
  }
};

inline double next_random(uint32_t& seed) {
  seed = (seed * 1103515245u + 12345u) & 0x7fffffffu;
  return seed / double{0x7fffffff};
}

inline std::string word(uint32_t& seed, int length) {
  std::string out;
  for (int i = 0; i < length; ++i) out.push_back(static_cast<char>('a' + static_cast<int>(next_random(seed) * 26)));
  return out;
}

// users.mjs's User plus a timestamp-millis.
inline void write_user(uint32_t& seed, int i, ByteWriter& out) {
  out.write_long(int64_t{i} * 7919);
  out.write_bytes(word(seed, 6) + " " + word(seed, 9));
  out.write_bytes(word(seed, 8) + "@" + word(seed, 5) + ".com");
  out.write_double(next_random(seed) * 1000);
  out.write_double(next_random(seed));
  out.write_byte(next_random(seed) > 0.5 ? 1 : 0);
  int tags = static_cast<int>(next_random(seed) * 4);
  if (tags > 0) {
    out.write_long(tags);
    for (int t = 0; t < tags; ++t) out.write_bytes(word(seed, 5));
  }
  out.write_long(0);
  if (next_random(seed) > 0.3) {
    out.write_long(1);
    out.write_bytes(std::to_string(static_cast<int>(next_random(seed) * 999)) + " " + word(seed, 7) + " St");
    out.write_bytes(word(seed, 8));
    out.write_int(static_cast<int32_t>(next_random(seed) * 99999));
  } else {
    out.write_long(0);
  }
  out.write_long(1700000000000 + int64_t{i} * 1000);
}

// columns.mjs's Metric.
inline void write_metric(uint32_t& seed, int i, ByteWriter& out) {
  out.write_long(1700000000000 + int64_t{i} * 1000);
  out.write_float(static_cast<float>(next_random(seed) * 100));
  out.write_double(next_random(seed) * 8);
  out.write_double(next_random(seed) * 64e9);
  out.write_int(i % 3);
  out.write_long(3);
  for (int s = 0; s < 3; ++s) out.write_double(next_random(seed));
  out.write_long(0);
  out.write_long(2);
  out.write_bytes("rx");
  out.write_long(int64_t{i} * 3);
  out.write_bytes("tx");
  out.write_long(int64_t{i} * 5);
  out.write_long(0);
}

// 40 fields cycling long, double, string, int, boolean.
inline void write_wide(uint32_t&, int r, ByteWriter& out) {
  for (int i = 0; i < 40; ++i) {
    switch (i % 5) {
      case 0: out.write_long(int64_t{r} * 40 + i); break;
      case 1: out.write_double(r * 0.5 + i); break;
      case 2: out.write_bytes("value-" + std::to_string(r) + "-" + std::to_string(i)); break;
      case 3: out.write_int(i * r); break;
      case 4: out.write_byte(static_cast<uint8_t>(r & 1)); break;
    }
  }
}

inline std::vector<Dataset> datasets() {
  const std::string ts = R"({"type":"long","logicalType":"timestamp-millis"})";
  Dataset users{"User",
                {{"id", "\"long\""},
                 {"name", "\"string\""},
                 {"email", "\"string\""},
                 {"score", "\"double\""},
                 {"ratio", "\"double\""},
                 {"active", "\"boolean\""},
                 {"tags", R"({"type":"array","items":"string"})"},
                 {"address", R"(["null",{"type":"record","name":"Address","fields":[)"
                             R"({"name":"street","type":"string"},{"name":"city","type":"string"},)"
                             R"({"name":"zip","type":"int"}]}])"},
                 {"created", ts}},
                {"id", "email", "created"},
                {"id", "score", "ratio", "created"},
                write_user};
  Dataset metrics{"Metric",
                  {{"ts", ts},
                   {"cpu", "\"float\""},
                   {"load", "\"double\""},
                   {"memory", "\"double\""},
                   {"level", R"({"type":"enum","name":"Level","symbols":["OK","WARN","CRIT"]})"},
                   {"samples", R"({"type":"array","items":"double"})"},
                   {"counters", R"({"type":"map","values":"long"})"}},
                  {"ts", "load"},
                  {"ts", "cpu", "load", "memory"},
                  write_metric};
  const char* const kinds[] = {"\"long\"", "\"double\"", "\"string\"", "\"int\"", "\"boolean\""};
  Dataset wide{"Wide", {}, {"f0", "f17", "f33"}, {"f0", "f17", "f33"}, write_wide};
  for (int i = 0; i < 40; ++i) wide.fields.emplace_back("f" + std::to_string(i), kinds[i % 5]);
  return {users, metrics, wide};
}

// `count` encoded records back to back and their end offsets.
inline void encode_records(const Dataset& dataset, int count, std::string* data, std::vector<uint32_t>* ends) {
  uint32_t seed = 42;
  ByteWriter out(*data);
  for (int i = 0; i < count; ++i) {
    dataset.write(seed, i, out);
    ends->push_back(static_cast<uint32_t>(data->size()));
  }
}

// A container file of the records (64 KiB blocks, like the JS benchmarks).
inline Result<std::string> container_file(const Dataset& dataset, const std::string& data,
                                          const std::vector<uint32_t>& ends, Codec codec) {
  ContainerWriterOptions options;
  options.codec = codec;
  auto writer = ContainerWriter::create(dataset.schema(), options);
  if (!writer) return std::move(writer).error();
  std::string file;
  writer.value().write_header(file);
  AVRO_TRY(writer.value().add(data, ends, file));
  AVRO_TRY(writer.value().flush(file));
  return file;
}

}  // namespace avro::bench
