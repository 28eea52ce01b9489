// Schema compatibility. Expected verdicts are facts, not our output: the
// reader/writer pairs and incompatibilities of Java's test suite
// (TestSchemas, TestSchemaCompatibility*, TestSchemaValidation), the spec's
// "Schema Resolution" rules, and Confluent Schema Registry's
// AvroCompatibilityTest for the modes. Java's messages are not ours; where
// Java's detail names types, fields or symbols, our message must name them.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "resolve/compatibility.h"

namespace avro {
namespace {

using K = IncompatibilityKind;

// Java's TestSchemas as JSON. Java's "DTYPE" means a field with a default.
constexpr std::string_view kNull = R"("null")";
constexpr std::string_view kBoolean = R"("boolean")";
constexpr std::string_view kInt = R"("int")";
constexpr std::string_view kLong = R"("long")";
constexpr std::string_view kFloat = R"("float")";
constexpr std::string_view kDouble = R"("double")";
constexpr std::string_view kString = R"("string")";
constexpr std::string_view kBytes = R"("bytes")";
constexpr std::string_view kIntArray = R"({"type":"array","items":"int"})";
constexpr std::string_view kLongArray = R"({"type":"array","items":"long"})";
constexpr std::string_view kStringArray = R"({"type":"array","items":"string"})";
constexpr std::string_view kIntMap = R"({"type":"map","values":"int"})";
constexpr std::string_view kLongMap = R"({"type":"map","values":"long"})";
constexpr std::string_view kStringMap = R"({"type":"map","values":"string"})";
constexpr std::string_view kEnum1AB = R"({"type":"enum","name":"Enum1","symbols":["A","B"]})";
constexpr std::string_view kEnum1ABC = R"({"type":"enum","name":"Enum1","symbols":["A","B","C"]})";
constexpr std::string_view kEnum1BC = R"({"type":"enum","name":"Enum1","symbols":["B","C"]})";
constexpr std::string_view kEnum2AB = R"({"type":"enum","name":"Enum2","symbols":["A","B"]})";
constexpr std::string_view kEnumABCDefaultA =
    R"({"type":"enum","name":"Enum","symbols":["A","B","C"],"default":"A"})";
constexpr std::string_view kEnumABDefaultA =
    R"({"type":"enum","name":"Enum","symbols":["A","B"],"default":"A"})";
constexpr std::string_view kEnumABCEnumDefaultARecord =
    R"({"type":"record","name":"Record","fields":[
    {"name":"Field","type":{"type":"enum","name":"Schema","symbols":["A","B","C"],"default":"A"}}]})";
constexpr std::string_view kEnumABEnumDefaultARecord =
    R"({"type":"record","name":"Record","fields":[
    {"name":"Field","type":{"type":"enum","name":"Schema","symbols":["A","B"],"default":"A"}}]})";
constexpr std::string_view kEnumABCFieldDefaultBEnumDefaultARecord =
    R"({"type":"record","name":"Record","fields":[{"name":"Field","default":"B",
    "type":{"type":"enum","name":"Schema","symbols":["A","B","C"],"default":"A"}}]})";
constexpr std::string_view kEnumABFieldDefaultAEnumDefaultBRecord =
    R"({"type":"record","name":"Record","fields":[{"name":"Field","default":"A",
    "type":{"type":"enum","name":"Schema","symbols":["A","B"],"default":"B"}}]})";
constexpr std::string_view kEmptyUnion = R"([])";
constexpr std::string_view kIntUnion = R"(["int"])";
constexpr std::string_view kLongUnion = R"(["long"])";
constexpr std::string_view kFloatUnion = R"(["float"])";
constexpr std::string_view kDoubleUnion = R"(["double"])";
constexpr std::string_view kStringUnion = R"(["string"])";
constexpr std::string_view kBytesUnion = R"(["bytes"])";
constexpr std::string_view kIntStringUnion = R"(["int","string"])";
constexpr std::string_view kStringIntUnion = R"(["string","int"])";
constexpr std::string_view kIntFloatUnion = R"(["int","float"])";
constexpr std::string_view kIntLongUnion = R"(["int","long"])";
constexpr std::string_view kIntLongFloatDoubleUnion = R"(["int","long","float","double"])";
constexpr std::string_view kEmptyRecord1 = R"({"type":"record","name":"Record1","fields":[]})";
constexpr std::string_view kEmptyRecord2 = R"({"type":"record","name":"Record2","fields":[]})";
constexpr std::string_view kAIntRecord1 =
    R"({"type":"record","name":"Record1","fields":[{"name":"a","type":"int"}]})";
constexpr std::string_view kALongRecord1 =
    R"({"type":"record","name":"Record1","fields":[{"name":"a","type":"long"}]})";
constexpr std::string_view kAIntBIntRecord1 = R"({"type":"record","name":"Record1","fields":[
    {"name":"a","type":"int"},{"name":"b","type":"int"}]})";
constexpr std::string_view kADintRecord1 =
    R"({"type":"record","name":"Record1","fields":[{"name":"a","type":"int","default":0}]})";
constexpr std::string_view kAIntBDintRecord1 = R"({"type":"record","name":"Record1","fields":[
    {"name":"a","type":"int"},{"name":"b","type":"int","default":0}]})";
constexpr std::string_view kADintBDintRecord1 = R"({"type":"record","name":"Record1","fields":[
    {"name":"a","type":"int","default":0},{"name":"b","type":"int","default":0}]})";
constexpr std::string_view kADintBFixed4Record1 = R"({"type":"record","name":"Record1","fields":[
    {"name":"a","type":"int","default":0},{"name":"b","type":{"type":"fixed","name":"Fixed","size":4}}]})";
constexpr std::string_view kADintBFixed8Record1 = R"({"type":"record","name":"Record1","fields":[
    {"name":"a","type":"int","default":0},{"name":"b","type":{"type":"fixed","name":"Fixed","size":8}}]})";
constexpr std::string_view kADintBDintStringUnionRecord1 =
    R"({"type":"record","name":"Record1","fields":[
    {"name":"a","type":"int","default":0},{"name":"b","type":["int","string"],"default":0}]})";
constexpr std::string_view kADintBDintUnionRecord1 = R"({"type":"record","name":"Record1","fields":[
    {"name":"a","type":"int","default":0},{"name":"b","type":["int"],"default":0}]})";
constexpr std::string_view kADintBEnum1Record1 = R"({"type":"record","name":"Record1","fields":[
    {"name":"a","type":"int","default":0},
    {"name":"b","type":{"type":"enum","name":"Enum1","symbols":["A","B"]}}]})";
constexpr std::string_view kADintBEnum2Record1 = R"({"type":"record","name":"Record1","fields":[
    {"name":"a","type":"int","default":0},
    {"name":"b","type":{"type":"enum","name":"Enum2","symbols":["A","B"]}}]})";
constexpr std::string_view kFixed4 = R"({"type":"fixed","name":"Fixed","size":4})";
constexpr std::string_view kFixed8 = R"({"type":"fixed","name":"Fixed","size":8})";
// Records holding arrays of records that differ only by namespace.
constexpr std::string_view kNsRecord1 = R"({"type":"record","name":"Record1","fields":[
    {"name":"f1","type":["null",{"type":"array","items":{"type":"record","name":"InnerRecord1",
    "namespace":"ns1","fields":[{"name":"a","type":"int"}]}}]}]})";
constexpr std::string_view kNsRecord2 = R"({"type":"record","name":"Record1","fields":[
    {"name":"f1","type":["null",{"type":"array","items":{"type":"record","name":"InnerRecord1",
    "namespace":"ns2","fields":[{"name":"a","type":"int"}]}}]}]})";
constexpr std::string_view kIntListRecord = R"({"type":"record","name":"List","fields":[
    {"name":"head","type":"int"},{"name":"tail","type":"List"}]})";
constexpr std::string_view kLongListRecord = R"({"type":"record","name":"List","fields":[
    {"name":"head","type":"long"},{"name":"tail","type":"List"}]})";

std::shared_ptr<const Schema> parse(std::string_view text) {
  auto result = Schema::parse(text);
  EXPECT_TRUE(result.is_ok()) << text << "\n" << (result ? "" : result.error().describe());
  return result ? result.value() : nullptr;
}

std::vector<Incompatibility> check(std::string_view reader, std::string_view writer) {
  auto r = parse(reader);
  auto w = parse(writer);
  if (!r || !w) return {{K::kTypeMismatch, "(unparsable test schema)", ""}};
  auto result = check_compatibility(*r, *w);
  EXPECT_TRUE(result.is_ok()) << result.error().describe();
  return result ? result.value() : std::vector<Incompatibility>{};
}

std::string dump(const std::vector<Incompatibility>& found) {
  std::string out;
  for (const auto& i : found) {
    out += "  " + std::string(incompatibility_kind_name(i.kind)) + " " + i.path + ": " + i.message +
           "\n";
  }
  return out.empty() ? "  (compatible)\n" : out;
}

struct Pair {
  std::string_view reader;
  std::string_view writer;
};

struct Expected {
  K kind;
  std::string_view path;
  std::vector<std::string_view> mentions;  // what Java's detail names
};

void expect_compatible(const std::vector<Pair>& pairs) {
  for (const Pair& pair : pairs) {
    auto found = check(pair.reader, pair.writer);
    EXPECT_TRUE(found.empty()) << "reader " << pair.reader << "\nwriter " << pair.writer << "\n"
                               << dump(found);
  }
}

void expect_incompatible(std::string_view reader, std::string_view writer,
                         const std::vector<Expected>& expected) {
  auto found = check(reader, writer);
  SCOPED_TRACE(std::string("reader ") + std::string(reader) + "\nwriter " + std::string(writer) +
               "\nfound:\n" + dump(found));
  ASSERT_EQ(found.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(incompatibility_kind_name(found[i].kind),
              incompatibility_kind_name(expected[i].kind));
    EXPECT_EQ(found[i].path, expected[i].path);
    for (std::string_view word : expected[i].mentions) {
      EXPECT_NE(found[i].message.find(word), std::string::npos)
          << "message should mention " << word << ": " << found[i].message;
    }
  }
}

// ---- Java: TestSchemaCompatibility ----

TEST(CompatibilityJava, CompatibleReaderWriterTestCases) {
  expect_compatible({
      {kBoolean, kBoolean},
      {kInt, kInt},
      {kLong, kInt},
      {kLong, kLong},
      {kFloat, kInt},
      {kFloat, kLong},
      {kDouble, kLong},
      {kDouble, kInt},
      {kDouble, kFloat},
      {kString, kString},
      {kBytes, kBytes},
      {kIntArray, kIntArray},
      {kLongArray, kIntArray},
      {kIntMap, kIntMap},
      {kLongMap, kIntMap},
      {kEnum1AB, kEnum1AB},
      {kEnum1ABC, kEnum1AB},
      {kString, kBytes},
      {kBytes, kString},
      {kEmptyUnion, kEmptyUnion},
      {kFloatUnion, kEmptyUnion},
      {kFloatUnion, kIntUnion},
      {kFloatUnion, kLongUnion},
      {kFloatUnion, kIntLongUnion},
      {kIntUnion, kIntUnion},
      {kIntStringUnion, kStringIntUnion},
      {kIntUnion, kEmptyUnion},
      {kLongUnion, kEmptyUnion},
      {kLongUnion, kIntUnion},
      {kDoubleUnion, kIntUnion},
      {kDoubleUnion, kLongUnion},
      {kDoubleUnion, kFloatUnion},
      {kStringUnion, kEmptyUnion},
      {kStringUnion, kBytesUnion},
      {kBytesUnion, kEmptyUnion},
      {kBytesUnion, kStringUnion},
      {kDoubleUnion, kIntFloatUnion},
      {kFloat, kIntFloatUnion},
      {kLong, kIntLongUnion},
      {kDouble, kIntFloatUnion},
      {kDouble, kIntLongFloatDoubleUnion},
      {kFloat, kFloatUnion},
      {kIntUnion, kInt},
      {kInt, kIntUnion},
      {kFixed4, kFixed4},
      {kEmptyRecord1, kEmptyRecord1},
      {kEmptyRecord1, kAIntRecord1},
      {kAIntRecord1, kAIntRecord1},
      {kADintRecord1, kAIntRecord1},
      {kADintRecord1, kADintRecord1},
      {kAIntRecord1, kADintRecord1},
      {kALongRecord1, kAIntRecord1},
      {kAIntRecord1, kAIntBIntRecord1},
      {kADintRecord1, kAIntBIntRecord1},
      {kAIntBDintRecord1, kAIntRecord1},
      {kADintBDintRecord1, kEmptyRecord1},
      {kADintBDintRecord1, kAIntRecord1},
      {kAIntBIntRecord1, kADintBDintRecord1},
      {kIntListRecord, kIntListRecord},
      {kLongListRecord, kLongListRecord},
      {kLongListRecord, kIntListRecord},
      {kNull, kNull},
      {kEnumABEnumDefaultARecord, kEnumABCEnumDefaultARecord},
      {kEnumABFieldDefaultAEnumDefaultBRecord, kEnumABCFieldDefaultBEnumDefaultARecord},
      {kNsRecord1, kNsRecord2},
  });
}

// Java's WRITER_SCHEMA is an anonymous record; ours needs a name.
constexpr std::string_view kOldFieldsWriter = R"({"type":"record","name":"R","fields":[
    {"name":"oldfield1","type":"int"},{"name":"oldfield2","type":"string"}]})";

TEST(CompatibilityJava, ValidateSchemaPairs) {
  expect_compatible({
      {R"({"type":"record","name":"R","fields":[{"name":"oldfield1","type":"int"}]})",
       kOldFieldsWriter},
      {R"({"type":"record","name":"R","fields":[{"name":"oldfield2","type":"string"}]})",
       kOldFieldsWriter},
      {R"({"type":"record","name":"R","fields":[{"name":"oldfield1","type":"int"},
          {"name":"oldfield2","type":"string"}]})",
       kOldFieldsWriter},
      {R"({"type":"record","name":"R","fields":[{"name":"oldfield1","type":"int"},
          {"name":"newfield1","type":"int","default":42}]})",
       kOldFieldsWriter},
      {R"({"type":"array","items":"string"})", kStringArray},
      {kString, kString},
  });
  expect_incompatible(R"({"type":"record","name":"R","fields":[{"name":"oldfield1","type":"int"},
      {"name":"newfield1","type":"int"}]})",
                      kOldFieldsWriter,
                      {{K::kReaderFieldMissingDefaultValue, "/fields/1", {"newfield1"}}});
  expect_incompatible(kStringMap, kStringArray, {{K::kTypeMismatch, "/", {"map", "array"}}});
  expect_incompatible(kInt, kString, {{K::kTypeMismatch, "/", {"int", "string"}}});
  // testUnionReaderWriterSubsetIncompatibility
  EXPECT_FALSE(check(R"(["int","string"])", R"(["int","string","long"])").empty());
}

// ---- Java: one test class per incompatibility type ----

TEST(CompatibilityJava, TypeMismatch) {
  struct Case {
    std::string_view reader, writer, path, reader_type, writer_type;
  };
  const Case cases[] = {
      {kNull, kInt, "/", "null", "int"},
      {kNull, kLong, "/", "null", "long"},
      {kBoolean, kInt, "/", "boolean", "int"},
      {kInt, kNull, "/", "int", "null"},
      {kInt, kBoolean, "/", "int", "boolean"},
      {kInt, kLong, "/", "int", "long"},
      {kInt, kFloat, "/", "int", "float"},
      {kInt, kDouble, "/", "int", "double"},
      {kLong, kFloat, "/", "long", "float"},
      {kLong, kDouble, "/", "long", "double"},
      {kFloat, kDouble, "/", "float", "double"},
      {kDouble, kString, "/", "double", "string"},
      {kFixed4, kString, "/", "fixed", "string"},
      {kString, kBoolean, "/", "string", "boolean"},
      {kString, kInt, "/", "string", "int"},
      {kBytes, kNull, "/", "bytes", "null"},
      {kBytes, kInt, "/", "bytes", "int"},
      {kAIntRecord1, kInt, "/", "record", "int"},
      {kIntArray, kLongArray, "/items", "int", "long"},
      {kIntMap, kIntArray, "/", "map", "array"},
      {kIntArray, kIntMap, "/", "array", "map"},
      {kIntMap, kLongMap, "/values", "int", "long"},
      {kInt, kEnum2AB, "/", "int", "enum"},
      {kEnum2AB, kInt, "/", "enum", "int"},
      {kFloat, kIntLongFloatDoubleUnion, "/3", "float", "double"},
      {kLong, kIntFloatUnion, "/1", "long", "float"},
      {kInt, kIntFloatUnion, "/1", "int", "float"},
      {kIntListRecord, kLongListRecord, "/fields/0/type", "int", "long"},
      {kNull, kInt, "/", "null", "int"},
  };
  for (const Case& c : cases) {
    expect_incompatible(c.reader, c.writer,
                        {{K::kTypeMismatch, c.path, {c.reader_type, c.writer_type}}});
  }
}

TEST(CompatibilityJava, MissingUnionBranch) {
  constexpr std::string_view kUnionIntRecord1 =
      R"(["int",{"type":"record","name":"Record1","fields":[{"name":"field1","type":"int"}]}])";
  constexpr std::string_view kUnionIntRecord2 =
      R"(["int",{"type":"record","name":"Record2","fields":[{"name":"field1","type":"int"}]}])";
  struct Case {
    std::string_view reader, writer;
    std::vector<Expected> expected;
  };
  const std::vector<Case> cases = {
      {kIntUnion, kIntStringUnion, {{K::kMissingUnionBranch, "/1", {"string"}}}},
      {kStringUnion, kIntStringUnion, {{K::kMissingUnionBranch, "/0", {"int"}}}},
      {kIntUnion, kUnionIntRecord1, {{K::kMissingUnionBranch, "/1", {"record"}}}},
      {kIntUnion, kUnionIntRecord2, {{K::kMissingUnionBranch, "/1", {"record"}}}},
      {kUnionIntRecord1, kUnionIntRecord2, {{K::kMissingUnionBranch, "/1", {"record"}}}},
      {kIntUnion,
       R"(["int",{"type":"enum","name":"Enum1","symbols":["A","B"]}])",
       {{K::kMissingUnionBranch, "/1", {"enum"}}}},
      {kIntUnion,
       R"(["int",{"type":"fixed","name":"Fixed","size":4}])",
       {{K::kMissingUnionBranch, "/1", {"fixed"}}}},
      {kIntUnion, R"(["int","boolean"])", {{K::kMissingUnionBranch, "/1", {"boolean"}}}},
      {kIntUnion, kLongUnion, {{K::kMissingUnionBranch, "/0", {"long"}}}},
      {kIntUnion, kFloatUnion, {{K::kMissingUnionBranch, "/0", {"float"}}}},
      {kIntUnion, kDoubleUnion, {{K::kMissingUnionBranch, "/0", {"double"}}}},
      {kIntUnion, kBytesUnion, {{K::kMissingUnionBranch, "/0", {"bytes"}}}},
      {kIntUnion,
       R"(["int",{"type":"array","items":"int"}])",
       {{K::kMissingUnionBranch, "/1", {"array"}}}},
      {kIntUnion,
       R"(["int",{"type":"map","values":"int"}])",
       {{K::kMissingUnionBranch, "/1", {"map"}}}},
      {kIntUnion, R"(["int","null"])", {{K::kMissingUnionBranch, "/1", {"null"}}}},
      {kIntUnion,
       kIntLongFloatDoubleUnion,
       {{K::kMissingUnionBranch, "/1", {"long"}},
        {K::kMissingUnionBranch, "/2", {"float"}},
        {K::kMissingUnionBranch, "/3", {"double"}}}},
      {kADintBDintUnionRecord1,
       kADintBDintStringUnionRecord1,
       {{K::kMissingUnionBranch, "/fields/1/type/1", {"string"}}}},
  };
  for (const Case& c : cases) expect_incompatible(c.reader, c.writer, c.expected);
}

TEST(CompatibilityJava, NameMismatch) {
  expect_incompatible(kEnum1AB, kEnum2AB, {{K::kNameMismatch, "/name", {"Enum2"}}});
  expect_incompatible(kEmptyRecord2, kEmptyRecord1, {{K::kNameMismatch, "/name", {"Record1"}}});
  expect_incompatible(kFixed4, R"({"type":"fixed","name":"AnotherName","size":4})",
                      {{K::kNameMismatch, "/name", {"AnotherName"}}});
  expect_incompatible(kADintBEnum1Record1, kADintBEnum2Record1,
                      {{K::kNameMismatch, "/fields/1/type/name", {"Enum2"}}});
}

TEST(CompatibilityJava, FixedSizeMismatch) {
  expect_incompatible(kFixed4, kFixed8, {{K::kFixedSizeMismatch, "/size", {"8", "4"}}});
  expect_incompatible(kFixed8, kFixed4, {{K::kFixedSizeMismatch, "/size", {"4", "8"}}});
  expect_incompatible(kADintBFixed8Record1, kADintBFixed4Record1,
                      {{K::kFixedSizeMismatch, "/fields/1/type/size", {"4", "8"}}});
  expect_incompatible(kADintBFixed4Record1, kADintBFixed8Record1,
                      {{K::kFixedSizeMismatch, "/fields/1/type/size", {"8", "4"}}});
}

TEST(CompatibilityJava, MissingEnumSymbols) {
  expect_incompatible(kEnum1AB, kEnum1ABC, {{K::kMissingEnumSymbols, "/symbols", {"C"}}});
  expect_incompatible(kEnum1BC, kEnum1ABC, {{K::kMissingEnumSymbols, "/symbols", {"A"}}});
  expect_incompatible(
      R"({"type":"record","name":"Record1","fields":[{"name":"field1","type":
          {"type":"enum","name":"Enum1","symbols":["A","B"]}}]})",
      R"({"type":"record","name":"Record1","fields":[{"name":"field1","type":
          {"type":"enum","name":"Enum1","symbols":["A","B","C"]}}]})",
      {{K::kMissingEnumSymbols, "/fields/0/type/symbols", {"C"}}});
}

TEST(CompatibilityJava, ReaderFieldMissingDefaultValue) {
  expect_incompatible(kAIntRecord1, kEmptyRecord1,
                      {{K::kReaderFieldMissingDefaultValue, "/fields/0", {"\"a\""}}});
  expect_incompatible(kAIntBDintRecord1, kEmptyRecord1,
                      {{K::kReaderFieldMissingDefaultValue, "/fields/0", {"\"a\""}}});
}

// Java's TestSchemaCompatibilityMultiple: every problem, in schema order.
TEST(CompatibilityJava, MultipleIncompatibilities) {
  constexpr std::string_view reader = R"({"type":"record","name":"base","fields":[
    {"name":"check_enum_symbols_field","type":{"type":"enum","name":"check_enum_symbols_type","symbols":["A","C"]}},
    {"name":"check_enum_name_field","type":{"type":"enum","name":"check_enum_name_type","symbols":["A","B","C","D"]}},
    {"name":"type_mismatch_field","type":"string"},
    {"name":"sub_record","type":{"type":"record","name":"sub_record_type","fields":[
      {"name":"identical_1_field","type":"long","default":42},
      {"name":"extra_no_default_field","type":"long"},
      {"name":"fixed_length_mismatch_field","type":{"type":"fixed","name":"fixed_length_mismatch_type","size":4}},
      {"name":"union_missing_branches_field","type":["boolean"]},
      {"name":"reader_union_does_not_support_type_field","type":["boolean"]},
      {"name":"record_fqn_mismatch_field","type":{"type":"record","name":"recordA","namespace":"not_nsA","fields":[
        {"name":"A_field_0","type":"boolean","default":true},
        {"name":"array_type_mismatch_field","type":{"type":"array","items":"string"}}]}}]}}]})";
  constexpr std::string_view writer = R"({"type":"record","name":"base","fields":[
    {"name":"check_enum_symbols_field","type":{"type":"enum","name":"check_enum_symbols_type","symbols":["A","B","C","D"]}},
    {"name":"check_enum_name_field","type":{"type":"enum","name":"check_enum_name_type_ERR","symbols":["A","B","C","D"]}},
    {"name":"type_mismatch_field","type":"long"},
    {"name":"sub_record","type":{"type":"record","name":"sub_record_type","fields":[
      {"name":"identical_1_field","type":"long","default":42},
      {"name":"fixed_length_mismatch_field","type":{"type":"fixed","name":"fixed_length_mismatch_type","size":8}},
      {"name":"union_missing_branches_field","type":["boolean","double","string"]},
      {"name":"reader_union_does_not_support_type_field","type":"long"},
      {"name":"record_fqn_mismatch_field","type":{"type":"record","name":"recordA","namespace":"nsA","fields":[
        {"name":"A_field_0","type":"boolean","default":true},
        {"name":"array_type_mismatch_field","type":{"type":"array","items":"boolean"}}]}}]}}]})";
  expect_incompatible(reader, writer,
                      {
                          {K::kMissingEnumSymbols, "/fields/0/type/symbols", {"B, D"}},
                          {K::kNameMismatch, "/fields/1/type/name", {"check_enum_name_type_ERR"}},
                          {K::kTypeMismatch, "/fields/2/type", {"string", "long"}},
                          {K::kReaderFieldMissingDefaultValue,
                           "/fields/3/type/fields/1",
                           {"extra_no_default_field"}},
                          {K::kFixedSizeMismatch, "/fields/3/type/fields/2/type/size", {"8", "4"}},
                          {K::kMissingUnionBranch, "/fields/3/type/fields/3/type/1", {"double"}},
                          {K::kMissingUnionBranch, "/fields/3/type/fields/3/type/2", {"string"}},
                          {K::kMissingUnionBranch, "/fields/3/type/fields/4/type", {"long"}},
                          {K::kTypeMismatch,
                           "/fields/3/type/fields/5/type/fields/1/type/items",
                           {"string", "boolean"}},
                      });
}

// Java's TestSchemaCompatibilityEnumDefaults, as verdicts.
TEST(CompatibilityJava, EnumDefaults) {
  auto record = [](std::string_view field, std::string_view type,
                   std::string_view field_default = "") {
    std::string text = R"({"type":"record","name":"Record1","fields":[{"name":")" +
                       std::string(field) + R"(","type":)" + std::string(type);
    if (!field_default.empty()) text += R"(,"default":)" + std::string(field_default);
    return text + "}]}";
  };
  // The enum default does not stand in for a field missing from the writer.
  auto found = check(record("field1", kEnumABDefaultA), record("field2", kEnum2AB));
  EXPECT_FALSE(found.empty()) << dump(found);
  // The enum default covers unknown writer symbols, with or without a field default.
  EXPECT_TRUE(check(record("field1", kEnumABDefaultA), record("field1", kEnumABCDefaultA)).empty());
  EXPECT_TRUE(check(record("field1", kEnumABDefaultA, R"("B")"), record("field1", kEnumABCDefaultA))
                  .empty());
  // A field default does not cover unknown symbols.
  expect_incompatible(record("field1", kEnum1AB, R"("A")"), record("field1", kEnum1ABC),
                      {{K::kMissingEnumSymbols, "/fields/0/type/symbols", {"C"}}});
}

// Java's TestSchemaValidation pairs not already above.
TEST(CompatibilityJava, SchemaValidationIncompatiblePairs) {
  const Pair pairs[] = {
      {kEnum1AB, kEnum2AB},
      {kEmptyRecord2, kEmptyRecord1},
      {kAIntRecord1, kEmptyRecord1},
      {kAIntBDintRecord1, kEmptyRecord1},
      {kIntListRecord, kLongListRecord},
  };
  for (const Pair& pair : pairs)
    EXPECT_FALSE(check(pair.reader, pair.writer).empty()) << pair.reader;
}

// ---- The spec's "Schema Resolution" rules ----

TEST(CompatibilitySpec, PrimitivesOfTheSameTypeMatch) {
  for (std::string_view type : {kNull, kBoolean, kInt, kLong, kFloat, kDouble, kBytes, kString}) {
    EXPECT_TRUE(check(type, type).empty()) << type;
  }
}

TEST(CompatibilitySpec, PromotionsAndOnlyThose) {
  const std::string_view primitives[] = {kNull,  kBoolean, kInt,   kLong,
                                         kFloat, kDouble,  kBytes, kString};
  auto promotes = [](std::string_view writer, std::string_view reader) {
    if (writer == reader) return true;
    if (writer == kInt) return reader == kLong || reader == kFloat || reader == kDouble;
    if (writer == kLong) return reader == kFloat || reader == kDouble;
    if (writer == kFloat) return reader == kDouble;
    if (writer == kString) return reader == kBytes;
    if (writer == kBytes) return reader == kString;
    return false;
  };
  for (std::string_view writer : primitives) {
    for (std::string_view reader : primitives) {
      auto found = check(reader, writer);
      EXPECT_EQ(found.empty(), promotes(writer, reader))
          << "writer " << writer << " reader " << reader;
      if (!found.empty()) {
        EXPECT_EQ(found[0].message, "writer type " + std::string(writer) +
                                        " cannot be promoted to reader type " +
                                        std::string(reader));
      }
    }
  }
}

TEST(CompatibilitySpec, ArraysAndMapsResolveTheirItems) {
  EXPECT_TRUE(
      check(R"({"type":"array","items":"double"})", R"({"type":"array","items":"float"})").empty());
  EXPECT_TRUE(
      check(R"({"type":"map","values":"bytes"})", R"({"type":"map","values":"string"})").empty());
  expect_incompatible(R"({"type":"map","values":{"type":"array","items":"int"}})",
                      R"({"type":"map","values":{"type":"array","items":"string"}})",
                      {{K::kTypeMismatch, "/values/items", {"int", "string"}}});
}

TEST(CompatibilitySpec, NamedTypesMatchByUnqualifiedName) {
  EXPECT_TRUE(check(R"({"type":"enum","name":"a.E","symbols":["X"]})",
                    R"({"type":"enum","name":"b.E","symbols":["X"]})")
                  .empty());
  EXPECT_TRUE(
      check(R"({"type":"fixed","name":"a.F","size":2})", R"({"type":"fixed","name":"F","size":2})")
          .empty());
  EXPECT_TRUE(check(R"({"type":"record","name":"R","namespace":"x","fields":[]})",
                    R"({"type":"record","name":"y.R","fields":[]})")
                  .empty());
  // Names and sizes are both reported.
  expect_incompatible(R"({"type":"fixed","name":"F","size":2})",
                      R"({"type":"fixed","name":"G","size":3})",
                      {{K::kNameMismatch, "/name", {"\"G\"", "\"F\""}},
                       {K::kFixedSizeMismatch, "/size", {"3", "2"}}});
}

TEST(CompatibilitySpec, ReaderAliasesNameTheWriter) {
  // A reader alias matches the writer's full name; writer aliases do not count.
  EXPECT_TRUE(check(R"({"type":"record","name":"New","aliases":["Old"],"fields":[]})",
                    R"({"type":"record","name":"Old","fields":[]})")
                  .empty());
  EXPECT_TRUE(check(R"({"type":"enum","name":"a.New","aliases":["b.Old"],"symbols":["X"]})",
                    R"({"type":"enum","name":"b.Old","symbols":["X"]})")
                  .empty());
  EXPECT_TRUE(check(R"({"type":"fixed","name":"New","aliases":["Old"],"size":1})",
                    R"({"type":"fixed","name":"Old","size":1})")
                  .empty());
  expect_incompatible(R"({"type":"record","name":"Old","fields":[]})",
                      R"({"type":"record","name":"New","aliases":["Old"],"fields":[]})",
                      {{K::kNameMismatch, "/name", {"New"}}});
  // Aliases are qualified by the reader's namespace.
  expect_incompatible(R"({"type":"record","name":"ns.New","aliases":["Old"],"fields":[]})",
                      R"({"type":"record","name":"other.Old","fields":[]})",
                      {{K::kNameMismatch, "/name", {"other.Old"}}});
  EXPECT_TRUE(check(R"({"type":"record","name":"ns.New","aliases":["Old"],"fields":[]})",
                    R"({"type":"record","name":"ns.Old","fields":[]})")
                  .empty());
}

TEST(CompatibilitySpec, RecordFieldsMatchByNameInAnyOrder) {
  EXPECT_TRUE(
      check(
          R"({"type":"record","name":"R","fields":[{"name":"b","type":"string"},{"name":"a","type":"long"}]})",
          R"({"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"bytes"},
                        {"name":"ignored","type":{"type":"map","values":"null"}}]})")
          .empty());
}

TEST(CompatibilitySpec, ReaderFieldAliasesNameWriterFields) {
  EXPECT_TRUE(
      check(
          R"({"type":"record","name":"R","fields":[{"name":"f1_new","aliases":["f1"],"type":"string"}]})",
          R"({"type":"record","name":"R","fields":[{"name":"f1","type":"string"}]})")
          .empty());
  // The aliased writer field is resolved like any other.
  expect_incompatible(
      R"({"type":"record","name":"R","fields":[{"name":"n","aliases":["o"],"type":"int"}]})",
      R"({"type":"record","name":"R","fields":[{"name":"o","type":"long"}]})",
      {{K::kTypeMismatch, "/fields/0/type", {"long", "int"}}});
  // Java refuses a reader field that names two writer fields; so do we.
  expect_incompatible(
      R"({"type":"record","name":"R","fields":[{"name":"a","aliases":["b"],"type":"int"}]})",
      R"({"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"int"}]})",
      {{K::kNameMismatch, "/fields/0", {"\"a\"", "\"b\""}}});
}

TEST(CompatibilitySpec, MissingReaderFieldsNeedADefault) {
  // Any default, null included.
  EXPECT_TRUE(
      check(
          R"({"type":"record","name":"R","fields":[{"name":"z","type":["null","int"],"default":null}]})",
          R"({"type":"record","name":"R","fields":[]})")
          .empty());
  auto found = check(R"({"type":"record","name":"R","fields":[{"name":"zip","type":"string"}]})",
                     R"({"type":"record","name":"R","fields":[]})");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].message, "reader field \"zip\" has no default and is missing from the writer");
}

TEST(CompatibilitySpec, UnionsInEveryDirection) {
  // Writer union, reader not: every branch must be readable.
  EXPECT_TRUE(check(kDouble, R"(["int","long","float"])").empty());
  expect_incompatible(kLong, R"(["int","string","float"])",
                      {{K::kTypeMismatch, "/1", {"string"}}, {K::kTypeMismatch, "/2", {"float"}}});
  // Reader union, writer not: some branch must read it (promotions count).
  EXPECT_TRUE(check(R"(["null","double"])", kInt).empty());
  expect_incompatible(R"(["null","int"])", kString, {{K::kMissingUnionBranch, "/", {"string"}}});
  // Both unions.
  EXPECT_TRUE(check(R"(["null","string","long"])", R"(["int","null"])").empty());
  EXPECT_TRUE(check(R"(["null",{"type":"record","name":"R","fields":[]}])",
                    R"(["null",{"type":"record","name":"R","fields":[{"name":"x","type":"int"}]}])")
                  .empty());
}

TEST(CompatibilitySpec, LogicalTypesAreIgnored) {
  EXPECT_TRUE(check(R"({"type":"bytes","logicalType":"decimal","precision":3,"scale":3})",
                    R"({"type":"bytes","logicalType":"decimal","precision":4,"scale":2})")
                  .empty());
  EXPECT_TRUE(check(kLong, R"({"type":"long","logicalType":"timestamp-millis"})").empty());
  EXPECT_TRUE(check(R"({"type":"long","logicalType":"timestamp-micros"})",
                    R"({"type":"int","logicalType":"date"})")
                  .empty());
  EXPECT_TRUE(check(R"({"type":"string","logicalType":"uuid"})", kBytes).empty());
  expect_incompatible(R"({"type":"int","logicalType":"date"})",
                      R"({"type":"long","logicalType":"timestamp-millis"})",
                      {{K::kTypeMismatch, "/", {"long", "int"}}});
}

// ---- Recursion and reporting ----

TEST(CompatibilityRecursion, MutuallyRecursiveTypes) {
  constexpr std::string_view writer = R"({"type":"record","name":"Tree","fields":[
      {"name":"value","type":"int"},
      {"name":"children","type":{"type":"array","items":{"type":"record","name":"Edge","fields":[
          {"name":"weight","type":"float"},{"name":"to","type":"Tree"}]}}}]})";
  constexpr std::string_view reader = R"({"type":"record","name":"Tree","fields":[
      {"name":"value","type":"long"},
      {"name":"children","type":{"type":"array","items":{"type":"record","name":"Edge","fields":[
          {"name":"weight","type":"double"},{"name":"to","type":"Tree"},
          {"name":"label","type":"string","default":""}]}}}]})";
  EXPECT_TRUE(check(reader, writer).empty());
  // Backwards, each problem once, where it is first met.
  expect_incompatible(
      writer, reader,
      {{K::kTypeMismatch, "/fields/0/type", {"long", "int"}},
       {K::kTypeMismatch, "/fields/1/type/items/fields/0/type", {"double", "float"}}});
}

TEST(CompatibilityRecursion, SharedTypesAreComparedAndReportedOnce) {
  // T_k has two fields of T_(k-1): 2^40 paths to T_0, 41 type pairs.
  auto chain = [](std::string_view leaf_type) {
    std::string text = R"({"type":"record","name":"T0","fields":[{"name":"v","type":)" +
                       std::string(leaf_type) + "}]}";
    for (int k = 1; k <= 40; ++k) {
      std::string prev = "T" + std::to_string(k - 1);
      text = R"({"type":"record","name":"T)" + std::to_string(k) +
             R"(","fields":[{"name":"a","type":)" + text + R"(},{"name":"b","type":")" + prev +
             R"("}]})";
    }
    return text;
  };
  const auto start = std::chrono::steady_clock::now();
  auto found = check(chain(R"("int")"), chain(R"("string")"));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  ASSERT_EQ(found.size(), 1u) << dump(found);
  std::string path;
  for (int k = 0; k < 40; ++k) path += "/fields/0/type";
  EXPECT_EQ(found[0].path, path + "/fields/0/type");
}

TEST(CompatibilityRecursion, PathologicalDepthIsAnErrorNotACrash) {
  // Reader and writer cycles of coprime lengths: the chain of distinct
  // (reader, writer) pairs is 41 * 43 long before any repeats.
  auto ring = [](int length) {
    // N0 -> N1 -> ... -> N(length-1) -> N0, nested definitions.
    std::string text = R"({"type":"record","name":"N)" + std::to_string(length - 1) +
                       R"(","fields":[{"name":"next","type":"N0"}]})";
    for (int k = length - 2; k >= 0; --k) {
      text = R"({"type":"record","name":"N)" + std::to_string(k) +
             R"(","fields":[{"name":"next","type":)" + text + "}]}";
    }
    return text;
  };
  auto reader = parse(ring(41));
  auto writer = parse(ring(43));
  ASSERT_TRUE(reader && writer);
  auto result = check_compatibility(*reader, *writer);
  ASSERT_FALSE(result.is_ok());
  EXPECT_EQ(result.error().code, ErrorCode::kLimitExceeded);
  // Equal rings are compared in one pass.
  auto same = check_compatibility(*reader, *parse(ring(41)));
  ASSERT_TRUE(same.is_ok());
  EXPECT_TRUE(same.value().empty());
}

// ---- Confluent Schema Registry modes ----

class CompatibilityModes : public ::testing::Test {
 protected:
  std::vector<ModeIncompatibility> check_mode(std::string_view schema,
                                              const std::vector<std::string_view>& previous,
                                              CompatibilityMode mode) {
    auto parsed = parse(schema);
    std::vector<std::shared_ptr<const Schema>> history;
    for (std::string_view text : previous) history.push_back(parse(text));
    auto result = check_compatibility_mode(*parsed, history, mode);
    EXPECT_TRUE(result.is_ok());
    return result ? result.value() : std::vector<ModeIncompatibility>{};
  }
  bool ok(std::string_view schema, const std::vector<std::string_view>& previous,
          CompatibilityMode mode) {
    return check_mode(schema, previous, mode).empty();
  }
};

// Confluent's AvroCompatibilityTest schemas.
constexpr std::string_view kSchema1 =
    R"({"type":"record","name":"myrecord","fields":[{"type":"string","name":"f1"}]})";
constexpr std::string_view kSchema2 =
    R"({"type":"record","name":"myrecord","fields":[{"type":"string","name":"f1"},
    {"type":"string","name":"f2","default":"foo"}]})";
constexpr std::string_view kSchema3 =
    R"({"type":"record","name":"myrecord","fields":[{"type":"string","name":"f1"},
    {"type":"string","name":"f2"}]})";
constexpr std::string_view kSchema4 =
    R"({"type":"record","name":"myrecord","fields":[{"type":"string","name":"f1_new","aliases":["f1"]}]})";
constexpr std::string_view kSchema6 =
    R"({"type":"record","name":"myrecord","fields":[{"type":["null","string"],"name":"f1","doc":"doc of f1"}]})";
constexpr std::string_view kSchema7 =
    R"({"type":"record","name":"myrecord","fields":[{"type":["null","string","int"],"name":"f1","doc":"doc of f1"}]})";
constexpr std::string_view kSchema8 =
    R"({"type":"record","name":"myrecord","fields":[{"type":"string","name":"f1"},
    {"type":"string","name":"f2","default":"foo"},{"type":"string","name":"f3","default":"bar"}]})";

using M = CompatibilityMode;

TEST_F(CompatibilityModes, ConfluentBackward) {
  EXPECT_TRUE(ok(kSchema2, {kSchema1}, M::kBackward));
  EXPECT_FALSE(ok(kSchema3, {kSchema1}, M::kBackward));
  EXPECT_TRUE(ok(kSchema4, {kSchema1}, M::kBackward));
  EXPECT_TRUE(ok(kSchema6, {kSchema1}, M::kBackward));
  EXPECT_FALSE(ok(kSchema1, {kSchema6}, M::kBackward));
  EXPECT_TRUE(ok(kSchema7, {kSchema6}, M::kBackward));
  EXPECT_FALSE(ok(kSchema6, {kSchema7}, M::kBackward));
  EXPECT_TRUE(ok(kSchema3, {kSchema1, kSchema2}, M::kBackward));  // only the latest is checked
}

TEST_F(CompatibilityModes, ConfluentBackwardTransitive) {
  EXPECT_TRUE(ok(kSchema8, {kSchema1, kSchema2}, M::kBackwardTransitive));
  EXPECT_TRUE(ok(kSchema2, {kSchema1}, M::kBackwardTransitive));
  EXPECT_TRUE(ok(kSchema3, {kSchema2}, M::kBackwardTransitive));
  EXPECT_FALSE(ok(kSchema3, {kSchema2, kSchema1}, M::kBackwardTransitive));
}

TEST_F(CompatibilityModes, ConfluentForward) {
  EXPECT_TRUE(ok(kSchema2, {kSchema1}, M::kForward));
  EXPECT_TRUE(ok(kSchema3, {kSchema1}, M::kForward));
  EXPECT_TRUE(ok(kSchema3, {kSchema2}, M::kForward));
  EXPECT_TRUE(ok(kSchema2, {kSchema3}, M::kForward));
  EXPECT_TRUE(ok(kSchema1, {kSchema3, kSchema2}, M::kForward));  // only the latest is checked
}

TEST_F(CompatibilityModes, ConfluentForwardTransitive) {
  EXPECT_TRUE(ok(kSchema1, {kSchema8, kSchema2}, M::kForwardTransitive));
  EXPECT_TRUE(ok(kSchema2, {kSchema3}, M::kForwardTransitive));
  EXPECT_TRUE(ok(kSchema1, {kSchema2}, M::kForwardTransitive));
  EXPECT_FALSE(ok(kSchema1, {kSchema2, kSchema3}, M::kForwardTransitive));
}

TEST_F(CompatibilityModes, ConfluentFull) {
  EXPECT_TRUE(ok(kSchema2, {kSchema1}, M::kFull));
  EXPECT_TRUE(ok(kSchema3, {kSchema1, kSchema2}, M::kFull));
  EXPECT_TRUE(ok(kSchema1, {kSchema3, kSchema2}, M::kFull));
}

TEST_F(CompatibilityModes, ConfluentFullTransitive) {
  EXPECT_TRUE(ok(kSchema8, {kSchema1, kSchema2}, M::kFullTransitive));
  EXPECT_TRUE(ok(kSchema1, {kSchema8, kSchema2}, M::kFullTransitive));
  EXPECT_TRUE(ok(kSchema2, {kSchema3}, M::kFullTransitive));
  EXPECT_TRUE(ok(kSchema1, {kSchema2}, M::kFullTransitive));
  EXPECT_TRUE(ok(kSchema2, {kSchema1}, M::kFullTransitive));
  EXPECT_TRUE(ok(kSchema3, {kSchema2}, M::kFullTransitive));
  EXPECT_FALSE(ok(kSchema3, {kSchema2, kSchema1}, M::kFullTransitive));
  EXPECT_FALSE(ok(kSchema1, {kSchema2, kSchema3}, M::kFullTransitive));
}

TEST_F(CompatibilityModes, OnlyTheTransitiveCheckFails) {
  // v1 has f1; v2 adds f2 with a default; v3 drops the default. Each step is
  // fine, but v3 cannot read v1's data.
  const std::vector<std::string_view> history = {kSchema1, kSchema2};
  EXPECT_TRUE(ok(kSchema3, history, M::kBackward));
  auto found = check_mode(kSchema3, history, M::kBackwardTransitive);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].previous, 0u);
  EXPECT_EQ(found[0].direction, Direction::kBackward);
  EXPECT_EQ(found[0].incompatibility.kind, K::kReaderFieldMissingDefaultValue);
  EXPECT_EQ(found[0].incompatibility.path, "/fields/1");
  // The mirror image, forward: v1 -> v3 -> v2 (v2 re-adds the default).
  EXPECT_TRUE(ok(kSchema1, {kSchema3, kSchema2}, M::kForward));
  found = check_mode(kSchema1, {kSchema3, kSchema2}, M::kForwardTransitive);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].previous, 0u);
  EXPECT_EQ(found[0].direction, Direction::kForward);
  EXPECT_EQ(found[0].incompatibility.kind, K::kReaderFieldMissingDefaultValue);
  // Full: both directions, newest previous first.
  EXPECT_TRUE(ok(kSchema3, history, M::kFull));
  found = check_mode(kSchema3, history, M::kFullTransitive);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].previous, 0u);
  EXPECT_EQ(found[0].direction, Direction::kBackward);
}

TEST_F(CompatibilityModes, FullReportsBothDirectionsNewestFirst) {
  constexpr std::string_view v1 =
      R"({"type":"record","name":"R","fields":[{"name":"a","type":"int"}]})";
  constexpr std::string_view v2 =
      R"({"type":"record","name":"R","fields":[{"name":"a","type":"long"}]})";
  constexpr std::string_view next =
      R"({"type":"record","name":"R","fields":[{"name":"a","type":"float"}]})";
  auto found = check_mode(next, {v1, v2}, M::kFullTransitive);
  ASSERT_EQ(found.size(), 2u);
  // float reads long and int; neither int nor long reads float.
  EXPECT_EQ(found[0].previous, 1u);
  EXPECT_EQ(found[0].direction, Direction::kForward);
  EXPECT_EQ(found[1].previous, 0u);
  EXPECT_EQ(found[1].direction, Direction::kForward);
  EXPECT_TRUE(ok(next, {v1, v2}, M::kBackwardTransitive));
  EXPECT_TRUE(ok(next, {}, M::kFullTransitive));
  EXPECT_TRUE(ok(R"("string")", {v1, v2}, M::kNone));
}

// Java's TestSchemaValidation: canRead = BACKWARD, canBeRead = FORWARD,
// mutualRead = FULL; validateLatest / validateAll = plain / transitive.
constexpr std::string_view kRec = R"({"type":"record","name":"test.Rec","fields":[
    {"name":"a","type":"int","default":1},{"name":"b","type":"long"}]})";
constexpr std::string_view kRec2 = R"({"type":"record","name":"test.Rec","fields":[
    {"name":"a","type":"int","default":1},{"name":"b","type":"long"},{"name":"c","type":"int","default":0}]})";
constexpr std::string_view kRec3 = R"({"type":"record","name":"test.Rec","fields":[
    {"name":"b","type":"long"},{"name":"c","type":"int","default":0}]})";
constexpr std::string_view kRec4 = R"({"type":"record","name":"test.Rec","fields":[
    {"name":"b","type":"long"},{"name":"c","type":"int"}]})";
constexpr std::string_view kRec5 = R"({"type":"record","name":"test.Rec","fields":[
    {"name":"a","type":"string","default":""},{"name":"b","type":"long"},{"name":"c","type":"int","default":0}]})";

TEST_F(CompatibilityModes, JavaSchemaValidation) {
  constexpr std::string_view all_types = R"({"type":"record","name":"r","fields":[
      {"name":"boolF","type":"boolean"},{"name":"intF","type":"int"},{"name":"longF","type":"long"},
      {"name":"floatF","type":"float"},{"name":"doubleF","type":"double"},{"name":"stringF","type":"string"},
      {"name":"bytesF","type":"bytes"},{"name":"fixedF1","type":{"type":"fixed","name":"F1","size":1}},
      {"name":"enumF","type":{"type":"enum","name":"E1","symbols":["S"]}},
      {"name":"mapF","type":{"type":"map","values":"string"}},
      {"name":"arrayF","type":{"type":"array","items":"string"}},
      {"name":"recordF","type":{"type":"record","name":"inner","fields":[{"name":"f","type":"int"}]}},
      {"name":"boolO","type":["null","boolean"],"default":null}]})";
  EXPECT_TRUE(ok(all_types, {all_types}, M::kFull));
  // testReadOnePrior, testReadAllPrior
  EXPECT_TRUE(ok(kRec3, {kRec}, M::kBackward));
  EXPECT_TRUE(ok(kRec5, {kRec3}, M::kBackward));
  EXPECT_FALSE(ok(kRec4, {kRec}, M::kBackward));
  EXPECT_TRUE(ok(kRec3, {kRec, kRec2}, M::kBackwardTransitive));
  EXPECT_FALSE(ok(kRec4, {kRec, kRec2, kRec3}, M::kBackwardTransitive));
  EXPECT_FALSE(ok(kRec5, {kRec, kRec2, kRec3}, M::kBackwardTransitive));
  // testOnePriorCanRead, testAllPriorCanRead
  EXPECT_TRUE(ok(kRec, {kRec3}, M::kForward));
  EXPECT_FALSE(ok(kRec, {kRec4}, M::kForward));
  EXPECT_TRUE(ok(kRec, {kRec3, kRec2}, M::kForwardTransitive));
  EXPECT_FALSE(ok(kRec, {kRec4, kRec3, kRec2}, M::kForwardTransitive));
  // testOnePriorCompatible, testAllPriorCompatible
  EXPECT_TRUE(ok(kRec, {kRec3}, M::kFull));
  EXPECT_FALSE(ok(kRec, {kRec4}, M::kFull));
  EXPECT_TRUE(ok(kRec, {kRec3, kRec2}, M::kFullTransitive));
  EXPECT_FALSE(ok(kRec, {kRec4, kRec3, kRec2}, M::kFullTransitive));
  // testUnionWithIncompatibleElements, testUnionWithCompatibleElements
  const std::string union_rec = "[" + std::string(kRec) + "]";
  EXPECT_FALSE(ok("[" + std::string(kRec4) + "]", {union_rec}, M::kBackwardTransitive));
  EXPECT_TRUE(ok("[" + std::string(kRec3) + "]", {union_rec}, M::kBackwardTransitive));
}

TEST(CompatibilityModeNames, RoundTripAndCase) {
  for (auto mode : {M::kNone, M::kBackward, M::kBackwardTransitive, M::kForward,
                    M::kForwardTransitive, M::kFull, M::kFullTransitive}) {
    EXPECT_EQ(parse_compatibility_mode(compatibility_mode_name(mode)), mode);
  }
  EXPECT_EQ(parse_compatibility_mode("full_transitive"), M::kFullTransitive);
  EXPECT_EQ(compatibility_mode_name(M::kBackwardTransitive), "BACKWARD_TRANSITIVE");
  EXPECT_FALSE(parse_compatibility_mode("SIDEWAYS").has_value());
  EXPECT_EQ(incompatibility_kind_name(K::kReaderFieldMissingDefaultValue),
            "READER_FIELD_MISSING_DEFAULT_VALUE");
}

}  // namespace
}  // namespace avro
