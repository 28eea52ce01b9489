// Columnar decoding: Arrow-layout buffers per leaf path, checked value by
// value against records written from Avro JSON.
#include <gtest/gtest.h>

#include <cstring>

#include "container/block_decode.h"
#include "datum/columns.h"
#include "datum/json_codec.h"
#include "json/json.h"

namespace avro {
namespace {

constexpr const char* kSchema = R"({"type":"record","name":"R","fields":[
  {"name":"id","type":"long"},
  {"name":"name","type":"string"},
  {"name":"score","type":["null","double"]},
  {"name":"ok","type":"boolean"},
  {"name":"kind","type":{"type":"enum","name":"K","symbols":["A","B","C"]}},
  {"name":"address","type":["null",{"type":"record","name":"Addr","fields":[
    {"name":"city","type":"string"},{"name":"zip","type":"int"}]}]},
  {"name":"tags","type":{"type":"array","items":"string"}},
  {"name":"attrs","type":{"type":"map","values":"int"}},
  {"name":"f","type":{"type":"fixed","name":"F","size":2}}]})";

constexpr const char* kRecords[] = {
    R"({"id":1,"name":"ann","score":{"double":1.5},"ok":true,"kind":"B",
        "address":{"Addr":{"city":"Oslo","zip":123}},"tags":["x","y"],"attrs":{"a":1},"f":"\u0001\u0002"})",
    R"({"id":-2,"name":"","score":null,"ok":false,"kind":"C","address":null,"tags":[],"attrs":{},
        "f":"\u0003\u0004"})",
    R"({"id":9007199254740993,"name":"zoë","score":{"double":-0.25},"ok":true,"kind":"A",
        "address":{"Addr":{"city":"Åre","zip":-7}},"tags":["z"],"attrs":{"b":2,"c":3},"f":"\u0005\u0006"})",
};

struct Fixture {
  std::shared_ptr<const Program> program;
  std::string data;
};

Fixture records() {
  Fixture f;
  auto schema = Schema::parse(kSchema);
  EXPECT_TRUE(schema.is_ok());
  f.program = Program::compile(schema.value());
  for (const char* text : kRecords) {
    auto value = json::parse(text);
    EXPECT_TRUE(value.is_ok()) << text;
    Status status = json_to_binary(f.program->schema(), f.program->root(), value.value(), JsonMode::kAvroJson, f.data);
    EXPECT_TRUE(status.is_ok()) << status.error().describe();
  }
  return f;
}

template <typename T>
std::vector<T> values_of(const Column& column) {
  std::vector<T> out(column.values.size() / sizeof(T));
  std::memcpy(out.data(), column.values.data(), out.size() * sizeof(T));
  return out;
}

std::vector<std::string> strings_of(const Column& column) {
  std::vector<std::string> out;
  for (size_t i = 0; i + 1 < column.offsets.size(); ++i) {
    out.push_back(column.values.substr(static_cast<size_t>(column.offsets[i]),
                                       static_cast<size_t>(column.offsets[i + 1] - column.offsets[i])));
  }
  return out;
}

const Column& named(const std::vector<Column>& columns, const std::string& path) {
  for (const Column& column : columns) {
    if (column.path == path) return column;
  }
  ADD_FAILURE() << "no column " << path;
  return columns.front();
}

TEST(Columns, EveryLeafInArrowLayout) {
  Fixture f = records();
  auto plan = ColumnPlan::compile(f.program, {});
  ASSERT_TRUE(plan.is_ok()) << plan.error().describe();
  EXPECT_EQ(plan.value()->skipped(), std::vector<std::string>{"attrs"});
  std::vector<Column> columns = plan.value()->layout();
  ByteReader reader(f.data);
  int64_t decoded = 0;
  ASSERT_TRUE(plan.value()->decode(reader, 3, columns, {}, &decoded).is_ok());
  EXPECT_TRUE(reader.at_end());
  EXPECT_EQ(decoded, 3);

  std::vector<std::string> paths;
  for (const Column& c : columns) paths.push_back(c.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"id", "name", "score", "ok", "kind", "address.city", "address.zip",
                                             "tags", "f"}));
  EXPECT_EQ(values_of<int64_t>(named(columns, "id")), (std::vector<int64_t>{1, -2, 9007199254740993}));
  EXPECT_EQ(strings_of(named(columns, "name")), (std::vector<std::string>{"ann", "", "zo\xc3\xab"}));
  const Column& score = named(columns, "score");
  EXPECT_TRUE(score.nullable);
  EXPECT_EQ(score.null_count, 1u);
  EXPECT_EQ(values_of<double>(score), (std::vector<double>{1.5, 0, -0.25}));
  EXPECT_EQ(score.validity, std::string(1, '\x05'));  // rows 0 and 2 present
  const Column& ok = named(columns, "ok");
  EXPECT_FALSE(ok.nullable);
  EXPECT_EQ(ok.values, std::string(1, '\x05'));  // true, false, true as bits
  EXPECT_EQ(values_of<int32_t>(named(columns, "kind")), (std::vector<int32_t>{1, 2, 0}));
  const Column& city = named(columns, "address.city");
  EXPECT_TRUE(city.nullable);  // the record around it is nullable
  EXPECT_EQ(strings_of(city), (std::vector<std::string>{"Oslo", "", "\xc3\x85re"}));
  EXPECT_EQ(values_of<int32_t>(named(columns, "address.zip")), (std::vector<int32_t>{123, 0, -7}));
  EXPECT_EQ(named(columns, "address.zip").validity, std::string(1, '\x05'));
  const Column& tags = named(columns, "tags");
  EXPECT_TRUE(tags.list);
  EXPECT_EQ(tags.list_offsets, (std::vector<int32_t>{0, 2, 2, 3}));
  EXPECT_EQ(strings_of(tags), (std::vector<std::string>{"x", "y", "z"}));
  EXPECT_EQ(named(columns, "f").values, std::string("\x01\x02\x03\x04\x05\x06"));
  for (const Column& c : columns) EXPECT_EQ(c.rows, 3u) << c.path;
}

TEST(Columns, SelectedPathsOnlyAndClearErrors) {
  Fixture f = records();
  auto plan = ColumnPlan::compile(f.program, {"address.zip", "id"});
  ASSERT_TRUE(plan.is_ok());
  std::vector<Column> columns = plan.value()->layout();
  ASSERT_EQ(columns.size(), 2u);
  EXPECT_EQ(columns[0].path, "id");  // schema order, not request order
  ByteReader reader(f.data);
  int64_t decoded = 0;
  ASSERT_TRUE(plan.value()->decode(reader, 3, columns, {}, &decoded).is_ok());
  EXPECT_TRUE(reader.at_end()) << "unselected fields are skipped, not left unread";
  EXPECT_EQ(values_of<int32_t>(columns[1]), (std::vector<int32_t>{123, 0, -7}));

  EXPECT_EQ(ColumnPlan::compile(f.program, {"nope"}).error().code, ErrorCode::kInvalidValue);
  Error unsupported = ColumnPlan::compile(f.program, {"attrs"}).error();
  EXPECT_EQ(unsupported.code, ErrorCode::kInvalidValue);
  EXPECT_NE(unsupported.message.find("attrs"), std::string::npos);
  EXPECT_EQ(ColumnPlan::compile(f.program, {"name.x"}).error().code, ErrorCode::kInvalidValue);
}

TEST(Columns, AFailedRecordIsRolledBackAndNamed) {
  Fixture f = records();
  auto plan = ColumnPlan::compile(f.program, {}).value();
  std::vector<Column> columns = plan->layout();
  // Cut inside the third record: two records stay, with consistent buffers.
  std::string cut = f.data.substr(0, f.data.size() - 3);
  ByteReader reader(cut);
  int64_t decoded = 0;
  Status status = plan->decode(reader, 3, columns, {}, &decoded);
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.error().code, ErrorCode::kTruncated);
  EXPECT_EQ(decoded, 2);
  for (const Column& c : columns) {
    EXPECT_EQ(c.rows, 2u) << c.path;
    if (!c.offsets.empty()) EXPECT_EQ(c.offsets.size(), c.value_count + 1) << c.path;
    if (c.list) EXPECT_EQ(c.list_offsets.size(), 3u);
  }
  EXPECT_EQ(named(columns, "score").null_count, 1u);
  EXPECT_EQ(strings_of(named(columns, "tags")), (std::vector<std::string>{"x", "y"}));

  // A record cut short names the field it stopped in.
  auto enum_only = ColumnPlan::compile(f.program, {"kind"}).value();
  std::string bad = f.data;
  std::vector<Column> kind = enum_only->layout();
  ByteReader first(std::string_view(bad).substr(0, 5));
  Status truncated = enum_only->decode(first, 1, kind, {}, &decoded);
  ASSERT_FALSE(truncated.is_ok());
  EXPECT_FALSE(truncated.error().path.empty());
}

TEST(Columns, NonRecordRootIsRejected) {
  auto program = Program::compile(Schema::parse("\"int\"").value());
  EXPECT_EQ(ColumnPlan::compile(program, {}).error().code, ErrorCode::kInvalidValue);
}

}  // namespace
}  // namespace avro
