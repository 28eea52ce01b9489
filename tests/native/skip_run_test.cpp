// The fast paths of the per-value loops: skip_run over primitives and
// arrays/maps of primitives, ByteReader::read_long with all ten bytes in
// reach, read_block_count's plain case and the columnar decoder's fused
// skips and pre-sized value buffers. Each must accept exactly what the
// checked path accepts, with the same values and the same errors.
#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "datum/block_count.h"
#include "datum/columns.h"
#include "datum/skip_run.h"

namespace avro {
namespace {

std::shared_ptr<const Program> compile(const std::string& schema) {
  auto parsed = Schema::parse(schema);
  EXPECT_TRUE(parsed.is_ok()) << schema;
  return Program::compile(parsed.value());
}

std::vector<SkipItem> items_of(const Program& program, NodeId node) {
  std::vector<SkipItem> items;
  EXPECT_TRUE(value_skip(program, node, &items));
  return items;
}

// Skips one value of `schema` in `bytes` with skip_run; returns the bytes
// stepped over, or -1 (then the reader must not have moved).
int64_t skipped(const std::string& schema, const std::string& bytes, uint64_t max_items = 1u << 24) {
  auto program = compile(schema);
  std::vector<SkipItem> items = items_of(*program, program->root());
  ByteReader reader(bytes);
  if (!skip_run(reader, items.data(), static_cast<uint32_t>(items.size()), max_items)) {
    EXPECT_EQ(reader.position(), 0u);
    return -1;
  }
  return static_cast<int64_t>(reader.position());
}

std::string encode(const std::vector<int64_t>& longs) {
  std::string out;
  ByteWriter writer(out);
  for (int64_t v : longs) writer.write_long(v);
  return out;
}

TEST(SkipRun, ArrayOfFixedSizeItemsInOneStep) {
  const std::string doubles = R"({"type":"array","items":"double"})";
  std::string data = encode({3}) + std::string(24, 'x') + encode({0});
  EXPECT_EQ(skipped(doubles, data + "tail"), static_cast<int64_t>(data.size()));
  // A negative count carries the block's byte size.
  std::string sized = encode({-2, 16}) + std::string(16, 'y') + encode({1}) + std::string(8, 'z') + encode({0});
  EXPECT_EQ(skipped(doubles, sized), static_cast<int64_t>(sized.size()));
  EXPECT_EQ(skipped(doubles, encode({3}) + std::string(23, 'x')), -1);      // truncated items
  EXPECT_EQ(skipped(doubles, encode({-1, 100}) + std::string(8, 'x')), -1);  // byte size past the end
  EXPECT_EQ(skipped(doubles, encode({3}) + std::string(24, 'x')), -1);      // no end of the array
  EXPECT_EQ(skipped(doubles, data, 2), -1);                                 // over max_block_items
}

TEST(SkipRun, ArraysAndMapsOfVaryingItems) {
  std::string longs = encode({4, 1, -300, 1ll << 40, INT64_MIN, 0});
  EXPECT_EQ(skipped(R"({"type":"array","items":"long"})", longs), static_cast<int64_t>(longs.size()));
  std::string map = encode({2, 2}) + "rx" + encode({7, 1}) + "t" + encode({-9, 0});
  EXPECT_EQ(skipped(R"({"type":"map","values":"long"})", map), static_cast<int64_t>(map.size()));
  EXPECT_EQ(skipped(R"({"type":"map","values":"long"})", map.substr(0, map.size() - 1)), -1);
  std::string strings = encode({2, 3}) + "abc" + encode({0}) + encode({0});
  EXPECT_EQ(skipped(R"({"type":"array","items":"string"})", strings), static_cast<int64_t>(strings.size()));
  EXPECT_EQ(skipped(R"({"type":"array","items":"string"})", encode({1, -1, 0})), -1);  // negative length
  // A tenth varint byte may carry one bit only.
  std::string bad = encode({1}) + std::string(9, '\x80') + '\x02' + encode({0});
  EXPECT_EQ(skipped(R"({"type":"array","items":"long"})", bad), -1);
  std::string max = encode({1}) + std::string(9, '\xff') + '\x01' + encode({0});
  EXPECT_EQ(skipped(R"({"type":"array","items":"long"})", max), static_cast<int64_t>(max.size()));
}

TEST(SkipRun, WhatIsFusedAndWhatIsNot) {
  std::vector<SkipItem> items;
  auto nulls = compile(R"({"type":"array","items":"null"})");
  EXPECT_FALSE(value_skip(*nulls, nulls->root(), &items)) << "items of no bytes need the zero-size budget";
  auto records = compile(R"({"type":"array","items":{"type":"record","name":"R","fields":[]}})");
  EXPECT_FALSE(value_skip(*records, records->root(), &items));
  EXPECT_TRUE(items.empty());
  auto null_map = compile(R"({"type":"map","values":"null"})");
  EXPECT_TRUE(value_skip(*null_map, null_map->root(), &items)) << "each entry has a key";
  // The primitives-only run refuses any non-empty collection.
  auto longs = compile(R"({"type":"array","items":"long"})");
  std::vector<SkipItem> run = items_of(*longs, longs->root());
  std::string one = encode({1, 5, 0});
  ByteReader reader(one);
  EXPECT_FALSE(skip_run(reader, run.data(), static_cast<uint32_t>(run.size())));
  std::string empty = encode({0});
  ByteReader empty_reader(empty);
  EXPECT_TRUE(skip_run(empty_reader, run.data(), static_cast<uint32_t>(run.size())));
}

// read_long with ten bytes in reach (the unchecked loop) and without.
TEST(ByteReaderFastPath, SameAsTheCheckedLoop) {
  std::mt19937_64 random(7);
  std::vector<std::string> cases = {std::string(10, '\x80'), std::string(9, '\xff') + '\x01',
                                    std::string(9, '\xff') + '\x02', std::string(11, '\x80') + '\x00',
                                    std::string("\x80\x80\x00", 3)};
  for (int i = 0; i < 2000; ++i) {
    int64_t v = static_cast<int64_t>(random() >> (random() % 64));
    cases.push_back(encode({i % 2 ? v : -v}));
  }
  for (const std::string& bytes : cases) {
    for (size_t cut = 1; cut <= bytes.size(); ++cut) {
      std::string exact = bytes.substr(0, cut);
      std::string padded = exact + std::string(12, '\0');
      ByteReader short_reader(exact);
      ByteReader long_reader(padded);
      int64_t a = 0;
      int64_t b = 0;
      ReadStatus sa = short_reader.read_long(&a);
      ReadStatus sb = long_reader.read_long(&b);
      // Truncation in the short buffer is a complete varint (or a bad one) in the padded one.
      if (sa == ReadStatus::kTruncated) continue;
      ASSERT_EQ(sa, sb);
      if (sa == ReadStatus::kOk) {
        EXPECT_EQ(a, b);
        EXPECT_EQ(short_reader.position(), long_reader.position());
      } else {
        EXPECT_EQ(long_reader.position(), 0u);
      }
    }
  }
}

TEST(BlockCount, PlainCountsAndTheirLimits) {
  uint64_t budget = 10;
  int64_t count = 0;
  std::string three = encode({3}) + "abc";
  ByteReader ok(three);
  ASSERT_TRUE(read_block_count(ok, 1, &budget, 100, &count).is_ok());
  EXPECT_EQ(count, 3);
  ByteReader too_big(three);
  EXPECT_EQ(read_block_count(too_big, 2, &budget, 100, &count).error().code, ErrorCode::kTruncated);
  ByteReader over_limit(three);
  EXPECT_EQ(read_block_count(over_limit, 1, &budget, 2, &count).error().code, ErrorCode::kLimitExceeded);
  std::string zero_size = encode({11});
  ByteReader no_budget(zero_size);
  EXPECT_EQ(read_block_count(no_budget, 0, &budget, 100, &count).error().code, ErrorCode::kLimitExceeded);
  std::string sized = encode({-2, 2}) + "ab";
  ByteReader negative(sized);
  ASSERT_TRUE(read_block_count(negative, 1, &budget, 100, &count).is_ok());
  EXPECT_EQ(count, 2);
}

constexpr const char* kMetric = R"({"type":"record","name":"M","fields":[
  {"name":"ts","type":"long"},
  {"name":"level","type":"int"},
  {"name":"samples","type":{"type":"array","items":"double"}},
  {"name":"counters","type":{"type":"map","values":"long"}},
  {"name":"tags","type":{"type":"array","items":"string"}},
  {"name":"load","type":"double"},
  {"name":"cpu","type":"float"}]})";

struct Metric {
  int64_t ts;
  double load;
  float cpu;
};

std::string metric_records(const std::vector<Metric>& metrics, std::mt19937& random) {
  std::string out;
  ByteWriter writer(out);
  for (const Metric& m : metrics) {
    writer.write_long(m.ts);
    writer.write_int(static_cast<int32_t>(random()));
    int samples = static_cast<int>(random() % 4);
    if (samples > 0) {
      if (random() % 2) {
        writer.write_long(-samples);
        writer.write_long(samples * 8);
      } else {
        writer.write_long(samples);
      }
      for (int i = 0; i < samples; ++i) writer.write_double(i * 0.5);
    }
    writer.write_long(0);
    int counters = static_cast<int>(random() % 3);
    if (counters > 0) {
      writer.write_long(counters);
      for (int i = 0; i < counters; ++i) {
        writer.write_bytes(std::string(static_cast<size_t>(i + 1), 'k'));
        writer.write_long(static_cast<int64_t>(random()) << (random() % 30));
      }
    }
    writer.write_long(0);
    writer.write_long(1);
    writer.write_bytes("tag");
    writer.write_long(0);
    writer.write_double(m.load);
    writer.write_float(m.cpu);
  }
  return out;
}

TEST(ColumnsFastPaths, SkippedCollectionsAndExactBuffers) {
  auto program = compile(kMetric);
  auto plan = ColumnPlan::compile(program, {"ts", "load", "cpu"}).value();
  std::mt19937 random(3);
  std::vector<Metric> metrics;
  for (int i = 0; i < 500; ++i) {
    metrics.push_back({int64_t{1700000000000} + i * (i % 2 ? 1 : -1), i / 7.0, static_cast<float>(i) / 3});
  }
  std::string data = metric_records(metrics, random);
  std::vector<Column> columns = plan->layout();
  ByteReader reader(data);  // two calls, as for two container blocks
  int64_t decoded = 0;
  ASSERT_TRUE(plan->decode(reader, 200, columns, {}, &decoded).is_ok());
  ASSERT_TRUE(plan->decode(reader, 300, columns, {}, &decoded).is_ok());
  EXPECT_TRUE(reader.at_end());
  ASSERT_EQ(columns.size(), 3u);
  EXPECT_EQ(columns[0].values.size(), 500u * 8);  // pre-sized buffers are trimmed
  EXPECT_EQ(columns[1].values.size(), 500u * 8);
  EXPECT_EQ(columns[2].values.size(), 500u * 4);
  for (size_t i = 0; i < metrics.size(); ++i) {
    int64_t ts = 0;
    double load = 0;
    float cpu = 0;
    std::memcpy(&ts, columns[0].values.data() + i * 8, 8);
    std::memcpy(&load, columns[1].values.data() + i * 8, 8);
    std::memcpy(&cpu, columns[2].values.data() + i * 4, 4);
    ASSERT_EQ(ts, metrics[i].ts) << i;
    ASSERT_EQ(load, metrics[i].load) << i;
    ASSERT_EQ(cpu, metrics[i].cpu) << i;
  }
}

// Every cut of the input fails as the program's own walk fails: same
// number of complete records, same error code, buffers of exact size.
TEST(ColumnsFastPaths, TruncationsFailLikeTheProgram) {
  auto program = compile(kMetric);
  auto plan = ColumnPlan::compile(program, {"ts", "cpu"}).value();
  std::mt19937 random(5);
  std::string data = metric_records({{1, 1.5, 2.5f}, {-2, 3.5, 4.5f}, {1ll << 50, 0, 0}}, random);
  for (size_t cut = 0; cut < data.size(); ++cut) {
    std::string part = data.substr(0, cut);
    ByteReader walk(part);
    int64_t complete = 0;
    Status expected = Status::ok();
    for (; complete < 3; ++complete) {
      expected = program->skip(walk);
      if (!expected.is_ok()) break;
    }
    std::vector<Column> columns = plan->layout();
    ByteReader reader(part);
    int64_t decoded = 0;
    Status status = plan->decode(reader, 3, columns, {}, &decoded);
    ASSERT_EQ(status.is_ok(), expected.is_ok()) << cut;
    if (!status.is_ok()) {
      EXPECT_EQ(status.error().code, expected.error().code) << cut;
      EXPECT_FALSE(status.error().path.empty()) << cut;
    }
    EXPECT_EQ(decoded, complete) << cut;
    EXPECT_EQ(columns[0].values.size(), static_cast<size_t>(decoded) * 8) << cut;
    EXPECT_EQ(columns[1].values.size(), static_cast<size_t>(decoded) * 4) << cut;
  }
}

TEST(ColumnsFastPaths, BlockItemLimitInASkippedArray) {
  auto program = compile(kMetric);
  auto plan = ColumnPlan::compile(program, {"ts"}).value();
  std::mt19937 random(9);
  std::string data = metric_records({{1, 1, 1}}, random);
  Limits limits;
  limits.max_block_items = 0;  // any non-empty block is over it
  std::vector<Column> columns = plan->layout();
  ByteReader reader(data);
  int64_t decoded = 0;
  Status status = plan->decode(reader, 1, columns, limits, &decoded);
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.error().code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(decoded, 0);
}

}  // namespace
}  // namespace avro
