// Schema parsing: the spec's rules, the C suite's pass/fail schemas in
// ../shared/testdata, and Parsing Canonical Form against schema-tests.txt.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include "schema/schema.h"
#include "testdata.h"

namespace avro {
namespace {

std::shared_ptr<const Schema> parse_ok(std::string_view text) {
  auto result = Schema::parse(text);
  EXPECT_TRUE(result.is_ok()) << text << "\n" << (result ? "" : result.error().describe());
  return result ? result.value() : nullptr;
}

Error parse_error(std::string_view text) {
  auto result = Schema::parse(text);
  EXPECT_FALSE(result.is_ok()) << "expected a rejection: " << text;
  return result ? Error{} : result.error();
}

TEST(SchemaParse, PrimitivesInBothForms) {
  for (const char* name : {"null", "boolean", "int", "long", "float", "double", "bytes", "string"}) {
    auto bare = parse_ok("\"" + std::string(name) + "\"");
    auto full = parse_ok("{\"type\":\"" + std::string(name) + "\"}");
    ASSERT_TRUE(bare && full);
    EXPECT_EQ(kind_name(bare->root_node().kind), name);
    EXPECT_EQ(full->canonical_form(), "\"" + std::string(name) + "\"");
  }
}

TEST(SchemaParse, NamesNamespacesAndReferences) {
  auto schema = parse_ok(R"({"type":"record","name":"R","namespace":"a.b","fields":[
      {"name":"e","type":{"type":"enum","name":"E","symbols":["X","Y"]}},
      {"name":"f","type":{"type":"fixed","name":"c.F","size":4}},
      {"name":"g","type":"E"},
      {"name":"h","type":"c.F"},
      {"name":"i","type":{"type":"record","name":"Inner","namespace":"","fields":[]}},
      {"name":"j","type":"Inner"}]})");
  ASSERT_TRUE(schema);
  EXPECT_NE(schema->find_named("a.b.R"), nullptr);
  EXPECT_NE(schema->find_named("a.b.E"), nullptr);
  EXPECT_NE(schema->find_named("c.F"), nullptr);
  EXPECT_NE(schema->find_named("Inner"), nullptr);
  const Node& root = schema->root_node();
  EXPECT_EQ(root.fields[2].type, root.fields[0].type);  // same node, not a copy
  EXPECT_EQ(root.fields[3].type, root.fields[1].type);
}

TEST(SchemaParse, RecursiveTypes) {
  auto schema = parse_ok(R"({"type":"record","name":"LongList","aliases":["LinkedLongs"],
      "fields":[{"name":"value","type":"long"},{"name":"next","type":["null","LongList"]}]})");
  ASSERT_TRUE(schema);
  EXPECT_EQ(schema->canonical_form(),
            R"({"name":"LongList","type":"record","fields":[{"name":"value","type":"long"},)"
            R"({"name":"next","type":["null","LongList"]}]})");
}

TEST(SchemaParse, DefaultsValidatedAgainstTheirType) {
  EXPECT_TRUE(parse_ok(R"({"type":"record","name":"R","fields":[
      {"name":"a","type":"int","default":1},
      {"name":"b","type":["null","string"],"default":null},
      {"name":"c","type":["null","string"],"default":"x"},
      {"name":"d","type":"bytes","default":"\u00ff"},
      {"name":"e","type":{"type":"array","items":"long"},"default":[1,2]},
      {"name":"f","type":{"type":"map","values":"double"},"default":{"k":1.5}},
      {"name":"g","type":"float","default":"NaN"}]})"));
  for (const char* bad : {
           R"({"type":"record","name":"R","fields":[{"name":"a","type":"int","default":"x"}]})",
           R"({"type":"record","name":"R","fields":[{"name":"a","type":"int","default":1.5}]})",
           R"({"type":"record","name":"R","fields":[{"name":"a","type":"int","default":3000000000}]})",
           R"({"type":"record","name":"R","fields":[{"name":"a","type":["null","int"],"default":"x"}]})",
           R"({"type":"record","name":"R","fields":[{"name":"a","type":"bytes","default":"\u0100"}]})",
           R"({"type":"record","name":"R","fields":[{"name":"a","type":{"type":"enum","name":"E","symbols":["A"]},"default":"B"}]})",
       }) {
    Error error = parse_error(bad);
    EXPECT_EQ(error.code, ErrorCode::kSchemaParse) << bad;
    EXPECT_NE(error.message.find("invalid default"), std::string::npos) << error.message;
  }
}

TEST(SchemaParse, RejectionsAreSpecific) {
  struct Case {
    const char* schema;
    const char* message_part;
    const char* path;
  };
  const Case cases[] = {
      {R"("nope")", "unknown type \"nope\"", ""},
      {R"({"type":"record","name":"R","fields":[{"name":"a","type":"Missing"}]})", "unknown type", ".fields[0].type"},
      {R"({"type":"record","name":"1R","fields":[]})", "invalid name", ".name"},
      {R"({"type":"record","name":"R","fields":[{"name":"a-b","type":"int"}]})", "invalid field name", ".fields[0].name"},
      {R"({"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"a","type":"int"}]})", "duplicate field name", ".fields[1]"},
      {R"(["int",["null","int"]])", "unions may not immediately contain other unions", "[1]"},
      {R"(["int","int"])", "duplicate type", "[1]"},
      {R"([{"type":"array","items":"int"},{"type":"array","items":"long"}])", "duplicate type", "[1]"},
      {R"({"type":"record","name":"R","fields":[{"name":"a","type":{"type":"record","name":"R","fields":[]}}]})", "already defined", ".fields[0].type.name"},
      {R"({"type":"enum","name":"E","symbols":["A","A"]})", "duplicate enum symbol", ".symbols[1]"},
      {R"({"type":"enum","name":"E","symbols":["A","1B"]})", "invalid enum symbol", ".symbols[1]"},
      {R"({"type":"enum","name":"E","symbols":["A"],"default":"Z"})", "enum default", ".default"},
      {R"({"type":"fixed","name":"F"})", "missing \"size\"", ""},
      {R"({"type":"fixed","name":"F","size":-1})", "non-negative integer", ".size"},
      {R"({"type":"array"})", "missing \"items\"", ""},
      {R"({"type":"map"})", "missing \"values\"", ""},
      {R"({"type":"record","name":"R"})", "missing \"fields\"", ""},
      {R"({"type":"record","fields":[]})", "missing \"name\"", ""},
      {R"({"type":"record","name":"int","fields":[]})", "may not be called", ".name"},
      {R"({"type":"record","name":"R","fields":[{"name":"a","type":"int","order":"up"}]})", "invalid order", ".fields[0].order"},
      {R"({"name":"x"})", "missing \"type\"", ""},
      {R"(42)", "a schema must be", ""},
  };
  for (const auto& c : cases) {
    Error error = parse_error(c.schema);
    EXPECT_EQ(error.code, ErrorCode::kSchemaParse) << c.schema;
    EXPECT_NE(error.message.find(c.message_part), std::string::npos) << c.schema << " -> " << error.message;
    EXPECT_EQ(error.path, c.path) << c.schema;
  }
}

TEST(SchemaParse, JsonSyntaxErrorsCarryOffsets) {
  Error error = parse_error(R"({"type": "int",})");
  EXPECT_EQ(error.code, ErrorCode::kJsonSyntax);
  EXPECT_GE(error.offset, 14);
}

TEST(SchemaParse, LogicalTypes) {
  struct Case {
    const char* schema;
    Logical expected;
  };
  const Case cases[] = {
      {R"({"type":"bytes","logicalType":"decimal","precision":4,"scale":2})", Logical::kDecimal},
      {R"({"type":"fixed","name":"D","size":4,"logicalType":"decimal","precision":9})", Logical::kDecimal},
      {R"({"type":"bytes","logicalType":"big-decimal"})", Logical::kBigDecimal},
      {R"({"type":"string","logicalType":"uuid"})", Logical::kUuid},
      {R"({"type":"fixed","name":"U","size":16,"logicalType":"uuid"})", Logical::kUuid},
      {R"({"type":"int","logicalType":"date"})", Logical::kDate},
      {R"({"type":"int","logicalType":"time-millis"})", Logical::kTimeMillis},
      {R"({"type":"long","logicalType":"time-micros"})", Logical::kTimeMicros},
      {R"({"type":"long","logicalType":"timestamp-millis"})", Logical::kTimestampMillis},
      {R"({"type":"long","logicalType":"timestamp-micros"})", Logical::kTimestampMicros},
      {R"({"type":"long","logicalType":"timestamp-nanos"})", Logical::kTimestampNanos},
      {R"({"type":"long","logicalType":"local-timestamp-millis"})", Logical::kLocalTimestampMillis},
      {R"({"type":"long","logicalType":"local-timestamp-micros"})", Logical::kLocalTimestampMicros},
      {R"({"type":"long","logicalType":"local-timestamp-nanos"})", Logical::kLocalTimestampNanos},
      {R"({"type":"fixed","name":"Du","size":12,"logicalType":"duration"})", Logical::kDuration},
      // Invalid ones fall back to the underlying type (spec "Logical Types").
      {R"({"type":"bytes","logicalType":"decimal","precision":2,"scale":3})", Logical::kNone},
      {R"({"type":"bytes","logicalType":"decimal","precision":0})", Logical::kNone},
      {R"({"type":"bytes","logicalType":"decimal"})", Logical::kNone},
      {R"({"type":"fixed","name":"D","size":2,"logicalType":"decimal","precision":5})", Logical::kNone},
      {R"({"type":"fixed","name":"U","size":15,"logicalType":"uuid"})", Logical::kNone},
      {R"({"type":"string","logicalType":"date"})", Logical::kNone},
      {R"({"type":"long","logicalType":"something-new"})", Logical::kNone},
  };
  for (const auto& c : cases) {
    auto schema = parse_ok(c.schema);
    ASSERT_TRUE(schema);
    EXPECT_EQ(schema->root_node().logical, c.expected) << c.schema;
  }
  // fixed(4) holds at most 9 decimal digits: floor(log10(2^31 - 1)).
  auto too_wide = parse_ok(R"({"type":"fixed","name":"D","size":4,"logicalType":"decimal","precision":10})");
  EXPECT_EQ(too_wide->root_node().logical, Logical::kNone);
}

TEST(SchemaParse, FullFormRoundTripsAttributes) {
  const char* text =
      R"({"type":"record","name":"R","namespace":"ns","doc":"d","aliases":["Old"],"fields":[)"
      R"({"name":"a","type":{"type":"bytes","logicalType":"decimal","precision":4,"scale":2},"doc":"x","default":"\u0001","order":"descending","aliases":["b"],"extra":[1]},)"
      R"({"name":"n","type":{"type":"record","name":"N","namespace":"","fields":[]}},)"
      R"({"name":"t","type":{"type":"long","logicalType":"weird","custom":true}}],"meta":{"k":"v"}})";
  auto schema = parse_ok(text);
  ASSERT_TRUE(schema);
  std::string written = schema->to_json();
  auto again = parse_ok(written);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->to_json(), written);
  EXPECT_NE(written.find("\"aliases\":[\"ns.Old\"]"), std::string::npos) << written;
  EXPECT_NE(written.find("\"namespace\":\"\""), std::string::npos) << written;
  EXPECT_NE(written.find("\"meta\":{\"k\":\"v\"}"), std::string::npos) << written;
  EXPECT_NE(written.find("\"logicalType\":\"weird\",\"custom\":true"), std::string::npos) << written;
  EXPECT_NE(written.find("\"order\":\"descending\""), std::string::npos) << written;
  EXPECT_TRUE(again->find_named("N") != nullptr);
}

TEST(SchemaParse, NestingLimit) {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "{\"type\":\"array\",\"items\":";
  deep += "\"int\"";
  for (int i = 0; i < 100000; ++i) deep += "}";
  auto result = Schema::parse(deep);
  ASSERT_FALSE(result.is_ok());
  EXPECT_EQ(result.error().code, ErrorCode::kLimitExceeded);
}

// ---- ../shared/testdata -------------------------------------------------

std::vector<std::string> files_in(const std::string& relative_dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(testing::testdata_path(relative_dir), ec)) {
    names.push_back(relative_dir + "/" + entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST(SchemaTestdata, CSuitePassSchemasParse) {
  auto files = files_in("apache-avro/schemas/lang-c-schema_tests/pass");
  if (files.empty() && testing::running_in_ci()) FAIL() << "C schema suite missing";
  for (const auto& file : files) {
    std::string text;
    ASSERT_TRUE(testing::read_testdata(file, &text));
    auto result = Schema::parse(text);
    EXPECT_TRUE(result.is_ok()) << file << ": " << (result ? "" : result.error().describe());
  }
}

TEST(SchemaTestdata, CSuiteFailSchemasAreRejected) {
  auto files = files_in("apache-avro/schemas/lang-c-schema_tests/fail");
  if (files.empty() && testing::running_in_ci()) FAIL() << "C schema suite missing";
  EXPECT_GE(files.size(), 12u);
  for (const auto& file : files) {
    std::string text;
    ASSERT_TRUE(testing::read_testdata(file, &text));
    EXPECT_FALSE(Schema::parse(text).is_ok()) << file;
  }
}

TEST(SchemaTestdata, EveryAvscParsesAndRoundTrips) {
  // Multi-file sets that refer to sibling files cannot parse alone.
  const std::set<std::string> needs_siblings = {"multipleFile-ApplicationEvent.avsc", "Parent.avsc",
                                                "ParentMissingChild.avsc"};
  size_t parsed = 0;
  std::error_code ec;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(testing::testdata_path(""), ec)) {
    if (entry.path().extension() != ".avsc") continue;
    if (needs_siblings.count(entry.path().filename().string())) continue;
    std::string relative = std::filesystem::relative(entry.path(), testing::testdata_path("")).string();
    std::string text;
    ASSERT_TRUE(testing::read_testdata(relative, &text));
    auto result = Schema::parse(text);
    if (!result) {
      ADD_FAILURE() << relative << ": " << result.error().describe();
      continue;
    }
    ++parsed;
    auto again = Schema::parse(result.value()->to_json());
    ASSERT_TRUE(again.is_ok()) << relative << ": " << again.error().describe();
    EXPECT_EQ(again.value()->canonical_form(), result.value()->canonical_form()) << relative;
  }
  if (testing::running_in_ci()) EXPECT_GE(parsed, 40u);
}

// schema-tests.txt: <<INPUT schema, <<canonical form, <<fingerprint.
struct Vector {
  std::string input, canonical;
};

std::vector<Vector> read_vectors(const std::string& text) {
  std::vector<Vector> vectors;
  std::istringstream in(text);
  std::string line;
  std::string* target = nullptr;
  std::string multi_key;
  while (std::getline(in, line)) {
    if (!multi_key.empty()) {
      if (line == multi_key) {
        multi_key.clear();
      } else if (target) {
        *target += (target->empty() ? "" : "\n") + line;
      }
      continue;
    }
    if (line.rfind("//", 0) == 0 || line.rfind("<<", 0) != 0) continue;
    size_t space = line.find(' ');
    std::string key = line.substr(2, space == std::string::npos ? std::string::npos : space - 2);
    if (key == "INPUT") vectors.emplace_back();
    if (vectors.empty()) continue;
    target = key == "INPUT" ? &vectors.back().input : key == "canonical" ? &vectors.back().canonical : nullptr;
    if (space == std::string::npos) {
      multi_key = key;
    } else if (target) {
      *target = line.substr(space + 1);
    }
  }
  return vectors;
}

TEST(SchemaTestdata, ParsingCanonicalFormVectors) {
  std::string text;
  AVRO_READ_TESTDATA_OR_SKIP("apache-avro/data/schema-tests.txt", &text);
  auto vectors = read_vectors(text);
  ASSERT_GE(vectors.size(), 30u);
  size_t checked = 0;
  for (const auto& v : vectors) {
    auto result = Schema::parse(v.input);
    if (v.canonical.empty()) continue;
    ASSERT_TRUE(result.is_ok()) << v.input << ": " << result.error().describe();
    EXPECT_EQ(result.value()->canonical_form(), v.canonical) << v.input;
    ++checked;
  }
  EXPECT_GE(checked, 26u);
}

}  // namespace
}  // namespace avro
