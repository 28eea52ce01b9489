// Avro JSON encoding <-> binary (src/datum/json_codec.h). Expected bytes are
// written out by hand from the spec's "Binary Encoding" section.
#include "datum/json_codec.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "schema/schema.h"

namespace {

using avro::ErrorCode;
using avro::JsonMode;
using SchemaPtr = std::shared_ptr<const avro::Schema>;

SchemaPtr parse_schema(std::string_view text) {
  auto schema = avro::Schema::parse(text);
  EXPECT_TRUE(schema.is_ok()) << text << ": " << schema.error().describe();
  return schema.is_ok() ? schema.value() : nullptr;
}

// "7f 80 01" -> bytes.
std::string unhex(std::string_view text) {
  std::string out;
  int high = -1;
  for (char c : text) {
    int v = -1;
    if (c >= '0' && c <= '9') v = c - '0';
    if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
    if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
    if (v < 0) continue;
    if (high < 0) {
      high = v;
    } else {
      out.push_back(static_cast<char>(high * 16 + v));
      high = -1;
    }
  }
  return out;
}

std::string hex(std::string_view bytes) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (char c : bytes) {
    auto b = static_cast<unsigned char>(c);
    if (!out.empty()) out += ' ';
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

avro::Result<std::string> to_binary(const avro::Schema& schema, std::string_view json_text,
                                    JsonMode mode = JsonMode::kAvroJson,
                                    const avro::JsonLimits& limits = {}) {
  auto value = avro::json::parse(json_text);
  if (!value) return std::move(value).error();
  std::string out;
  avro::Status status =
      avro::json_to_binary(schema, schema.root(), value.value(), mode, out, limits);
  if (!status) {
    EXPECT_TRUE(out.empty()) << "output must be untouched on failure";
    return std::move(status).error();
  }
  return out;
}

// Decodes exactly one datum that must span all of `bytes`.
avro::Result<std::string> to_json(const avro::Schema& schema, std::string_view bytes,
                                  const avro::JsonLimits& limits = {}) {
  avro::ByteReader reader(bytes);
  std::string out = "prefix:";
  avro::Status status = avro::binary_to_json(schema, schema.root(), reader, out, limits);
  if (!status) {
    EXPECT_EQ(out, "prefix:") << "output must be untouched on failure";
    EXPECT_EQ(static_cast<int64_t>(reader.position()), status.error().offset)
        << "reader must be left at the bad value";
    return std::move(status).error();
  }
  EXPECT_TRUE(reader.at_end()) << "datum did not consume all bytes";
  return out.substr(7);
}

struct Case {
  const char* schema;
  const char* json;
  const char* bytes;      // hex
  const char* json_back;  // nullptr: same as json
};

void check_cases(const Case* cases, size_t count) {
  for (size_t i = 0; i < count; ++i) {
    const Case& c = cases[i];
    SCOPED_TRACE(std::string(c.schema) + " " + c.json);
    SchemaPtr schema = parse_schema(c.schema);
    ASSERT_TRUE(schema);
    auto binary = to_binary(*schema, c.json);
    ASSERT_TRUE(binary.is_ok()) << binary.error().describe();
    EXPECT_EQ(hex(binary.value()), hex(unhex(c.bytes)));
    auto back = to_json(*schema, binary.value());
    ASSERT_TRUE(back.is_ok()) << back.error().describe();
    EXPECT_EQ(back.value(), c.json_back ? c.json_back : c.json);
  }
}

// ---------------------------------------------------------------------------
// Every type, both directions.

TEST(JsonCodec, Primitives) {
  const Case cases[] = {
      {R"("null")", "null", "", nullptr},
      {R"("boolean")", "true", "01", nullptr},
      {R"("boolean")", "false", "00", nullptr},
      {R"("int")", "0", "00", nullptr},
      {R"("int")", "-1", "01", nullptr},
      {R"("int")", "1", "02", nullptr},
      {R"("int")", "-64", "7f", nullptr},
      {R"("int")", "64", "80 01", nullptr},
      {R"("int")", "2147483647", "fe ff ff ff 0f", nullptr},
      {R"("int")", "-2147483648", "ff ff ff ff 0f", nullptr},
      {R"("int")", "1.0", "02", "1"},
      {R"("int")", "1e2", "c8 01", "100"},
      {R"("long")", "-64", "7f", nullptr},
      {R"("long")", "64", "80 01", nullptr},
      {R"("long")", "9223372036854775807", "fe ff ff ff ff ff ff ff ff 01", nullptr},
      {R"("long")", "-9223372036854775808", "ff ff ff ff ff ff ff ff ff 01", nullptr},
      // 2^53 + 1 is not a double: longs must never go through one.
      {R"("long")", "9007199254740993", "82 80 80 80 80 80 80 20", nullptr},
      {R"("float")", "1.5", "00 00 c0 3f", nullptr},
      {R"("float")", "0.1", "cd cc cc 3d", nullptr},
      {R"("float")", "-2", "00 00 00 c0", nullptr},
      {R"("double")", "1.5", "00 00 00 00 00 00 f8 3f", nullptr},
      {R"("double")", "-0.25", "00 00 00 00 00 00 d0 bf", nullptr},
      {R"("double")", "0.1", "9a 99 99 99 99 99 b9 3f", nullptr},
      {R"("double")", "1e300", "9c 75 00 88 3c e4 37 7e", "1e+300"},
      {R"("string")", R"("foo")", "06 66 6f 6f", nullptr},
      {R"("string")", R"("")", "00", nullptr},
      {R"("string")", R"("\u00e9\n")", "06 c3 a9 0a", "\"\xc3\xa9\\n\""},
      {R"("bytes")", R"("\u00ff\u0000a")", "06 ff 00 61", "\"\xc3\xbf\\u0000a\""},
      {R"("bytes")", R"("")", "00", nullptr},
  };
  check_cases(cases, std::size(cases));
}

TEST(JsonCodec, NamedAndComplexTypes) {
  const Case cases[] = {
      {R"({"type":"fixed","name":"F","size":2})", R"("ab")", "61 62", nullptr},
      {R"({"type":"fixed","name":"F","size":3})", R"("\u00e9\u0000\u007f")", "e9 00 7f",
       "\"\xc3\xa9\\u0000\x7f\""},
      {R"({"type":"fixed","name":"F","size":0})", R"("")", "", nullptr},
      {R"({"type":"enum","name":"E","symbols":["A","B","C"]})", R"("A")", "00", nullptr},
      {R"({"type":"enum","name":"E","symbols":["A","B","C"]})", R"("C")", "04", nullptr},
      {R"({"type":"array","items":"long"})", "[1,2]", "04 02 04 00", nullptr},
      {R"({"type":"array","items":"long"})", "[]", "00", nullptr},
      {R"({"type":"array","items":"null"})", "[null,null]", "04 00", nullptr},
      {R"({"type":"map","values":"int"})", R"({"a":1})", "02 02 61 02 00", nullptr},
      {R"({"type":"map","values":"int"})", R"({})", "00", nullptr},
      {R"({"type":"map","values":"int"})", R"({"a":1,"b":-1})", "04 02 61 02 02 62 01 00",
       nullptr},
      {R"(["null","string"])", "null", "00", nullptr},
      {R"(["null","string"])", R"({"string":"a"})", "02 02 61", nullptr},
      {R"(["null","string"])", R"({"null":null})", "00", "null"},
      {R"(["int",{"type":"array","items":"int"},{"type":"map","values":"int"}])",
       R"({"array":[1]})", "02 02 02 00", nullptr},
      {R"(["int",{"type":"array","items":"int"},{"type":"map","values":"int"}])",
       R"({"map":{"k":3}})", "04 02 02 6b 06 00", nullptr},
      {R"({"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"string"}]})",
       R"({"a":1,"b":"x"})", "02 02 78", nullptr},
      // JSON member order does not matter; binary and output follow the schema.
      {R"({"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"string"}]})",
       R"({"b":"x","a":1})", "02 02 78", R"({"a":1,"b":"x"})"},
      {R"({"type":"record","name":"Empty","fields":[]})", "{}", "", nullptr},
      // Logical types keep the underlying representation.
      {R"({"type":"int","logicalType":"date"})", "19000", "f0 a8 02", nullptr},
      {R"({"type":"long","logicalType":"timestamp-millis"})", "-1", "01", nullptr},
      {R"({"type":"bytes","logicalType":"decimal","precision":4,"scale":2})", R"("\u0001\u00ff")",
       "04 01 ff", "\"\\u0001\xc3\xbf\""},
      {R"({"type":"string","logicalType":"uuid"})", R"("6ba7b810-9dad-11d1-80b4-00c04fd430c8")",
       "48 36 62 61 37 62 38 31 30 2d 39 64 61 64 2d 31 31 64 31 2d 38 30 62 34 2d 30 30 63 30 34 "
       "66 64 34 33 30 63 38",
       nullptr},
      {R"(["null",{"type":"int","logicalType":"date"}])", R"({"int":3})", "02 06", nullptr},
  };
  check_cases(cases, std::size(cases));
}

TEST(JsonCodec, NestedRecordRoundTrip) {
  SchemaPtr schema = parse_schema(R"({
    "type": "record", "name": "Outer", "namespace": "ns",
    "fields": [
      {"name": "id", "type": "long"},
      {"name": "tags", "type": {"type": "map", "values": {"type": "array", "items": "string"}}},
      {"name": "inner", "type": ["null", {"type": "record", "name": "Inner",
                                          "fields": [{"name": "v", "type": "double"}]}]},
      {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["X", "Y"]}},
      {"name": "raw", "type": {"type": "fixed", "name": "Four", "size": 4}},
      {"name": "more", "type": {"type": "array", "items": "ns.Inner"}}
    ]})");
  ASSERT_TRUE(schema);
  const std::string text =
      R"({"id":-3,"tags":{"a":["x","y"],"b":[]},"inner":{"ns.Inner":{"v":2.5}},"kind":"Y",)"
      R"("raw":"\u0000\u0001\u0002\u0003","more":[{"v":1},{"v":-1e-7}]})";
  auto binary = to_binary(*schema, text);
  ASSERT_TRUE(binary.is_ok()) << binary.error().describe();
  auto back = to_json(*schema, binary.value());
  ASSERT_TRUE(back.is_ok()) << back.error().describe();
  EXPECT_EQ(back.value(), text);
}

// ---------------------------------------------------------------------------
// Non-finite floating point values are the strings Java uses.

TEST(JsonCodec, NonFiniteFloats) {
  const Case cases[] = {
      {R"("double")", R"("NaN")", "00 00 00 00 00 00 f8 7f", nullptr},
      {R"("double")", R"("Infinity")", "00 00 00 00 00 00 f0 7f", nullptr},
      {R"("double")", R"("-Infinity")", "00 00 00 00 00 00 f0 ff", nullptr},
      {R"("float")", R"("NaN")", "00 00 c0 7f", nullptr},
      {R"("float")", R"("Infinity")", "00 00 80 7f", nullptr},
      {R"("float")", R"("-Infinity")", "00 00 80 ff", nullptr},
      {R"(["null","double"])", R"({"double":"NaN"})", "02 00 00 00 00 00 00 f8 7f", nullptr},
  };
  check_cases(cases, std::size(cases));

  SchemaPtr dbl = parse_schema(R"("double")");
  SchemaPtr flt = parse_schema(R"("float")");
  // Any NaN payload decodes to "NaN".
  auto nan = to_json(*dbl, unhex("01 00 00 00 00 00 f8 ff"));
  ASSERT_TRUE(nan.is_ok());
  EXPECT_EQ(nan.value(), R"("NaN")");
  EXPECT_EQ(to_binary(*dbl, R"("nan")").error().code, ErrorCode::kInvalidValue);
  EXPECT_EQ(to_binary(*dbl, R"("inf")").error().code, ErrorCode::kInvalidValue);
  EXPECT_EQ(to_binary(*dbl, "1e400").error().code, ErrorCode::kInvalidValue);
  EXPECT_EQ(to_binary(*flt, "1e39").error().code, ErrorCode::kInvalidValue);
  EXPECT_EQ(to_binary(*flt, R"("1.5")").error().code, ErrorCode::kInvalidValue);
  // Just above FLT_MAX rounds to it rather than overflowing.
  auto max = to_binary(*flt, "3.4028235e38");
  ASSERT_TRUE(max.is_ok()) << max.error().describe();
  EXPECT_EQ(hex(max.value()), "ff ff 7f 7f");
}

// ---------------------------------------------------------------------------
// Rejected values.

TEST(JsonCodec, RejectsMismatchedValues) {
  struct Bad {
    const char* schema;
    const char* json;
  };
  const Bad cases[] = {
      {R"("null")", "0"},
      {R"("boolean")", "1"},
      {R"("int")", "2147483648"},
      {R"("int")", "-2147483649"},
      {R"("int")", "1.5"},
      {R"("int")", R"("1")"},
      {R"("long")", "9223372036854775808"},
      {R"("long")", "0.5"},
      {R"("long")", "true"},
      {R"("string")", "1"},
      {R"("bytes")", "[1]"},
      {R"({"type":"fixed","name":"F","size":2})", R"("abc")"},
      {R"({"type":"fixed","name":"F","size":2})", R"("a")"},
      {R"({"type":"enum","name":"E","symbols":["A"]})", R"("a")"},
      {R"({"type":"array","items":"int"})", R"({"a":1})"},
      {R"({"type":"map","values":"int"})", "[1]"},
      {R"({"type":"record","name":"R","fields":[]})", "[]"},
      {R"(["null","string"])", R"("a")"},                    // unwrapped in kAvroJson
      {R"(["null","string"])", R"({"int":1})"},              // not a branch
      {R"(["null","string"])", R"({"string":"a","null":null})"},  // two members
      {R"(["null","string"])", R"({})"},
      {R"(["string"])", "null"},                              // no null branch
      {R"(["null","string"])", R"({"string":1})"},
  };
  for (const Bad& c : cases) {
    SCOPED_TRACE(std::string(c.schema) + " " + c.json);
    SchemaPtr schema = parse_schema(c.schema);
    ASSERT_TRUE(schema);
    auto result = to_binary(*schema, c.json);
    ASSERT_FALSE(result.is_ok());
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidValue) << result.error().describe();
    EXPECT_EQ(result.error().offset, -1);
  }
}

TEST(JsonCodec, BytesAreCodePointsUpTo255) {
  SchemaPtr bytes = parse_schema(R"("bytes")");
  auto ok = to_binary(*bytes, R"("\u00ff")");
  ASSERT_TRUE(ok.is_ok());
  EXPECT_EQ(hex(ok.value()), "02 ff");
  auto bad = to_binary(*bytes, R"("a\u0100")");
  ASSERT_FALSE(bad.is_ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidValue);
  EXPECT_NE(bad.error().message.find("U+0100"), std::string::npos) << bad.error().message;
  EXPECT_FALSE(to_binary(*bytes, R"("\ud83d\ude00")").is_ok());  // U+1F600
  EXPECT_FALSE(to_binary(*bytes, "\"\xe2\x82\xac\"").is_ok());      // U+20AC

  SchemaPtr fixed = parse_schema(R"({"type":"fixed","name":"F","size":1})");
  EXPECT_FALSE(to_binary(*fixed, R"("\u0100")").is_ok());
  // One code point, two UTF-8 bytes: still one byte of fixed.
  auto e9 = to_binary(*fixed, R"("\u00e9")");
  ASSERT_TRUE(e9.is_ok());
  EXPECT_EQ(hex(e9.value()), "e9");

  // Every byte value round-trips.
  std::string all;
  for (int b = 0; b < 256; ++b) all.push_back(static_cast<char>(b));
  std::string binary;
  avro::ByteWriter(binary).write_bytes(all);
  auto text = to_json(*bytes, binary);
  ASSERT_TRUE(text.is_ok());
  auto again = to_binary(*bytes, text.value());
  ASSERT_TRUE(again.is_ok()) << again.error().describe();
  EXPECT_EQ(again.value(), binary);
}

TEST(JsonCodec, EnumErrorMessage) {
  SchemaPtr schema = parse_schema(R"({"type":"enum","name":"B","namespace":"a","symbols":["X"]})");
  auto result = to_binary(*schema, R"("Y")");
  ASSERT_FALSE(result.is_ok());
  EXPECT_EQ(result.error().message, R"(unknown enum symbol "Y" for enum a.B)");
}

TEST(JsonCodec, LargeRecordsAndEnumsUseTheIndex) {
  std::string fields;
  std::string symbols;
  std::string value = "{";
  for (int i = 0; i < 40; ++i) {
    std::string name = "f" + std::to_string(i);
    if (i > 0) {
      fields += ",";
      symbols += ",";
    }
    fields += R"({"name":")" + name + R"(","type":"int"})";
    symbols += "\"" + name + "\"";
  }
  // Members in reverse order.
  for (int i = 39; i >= 0; --i) {
    value += "\"f" + std::to_string(i) + "\":" + std::to_string(i) + (i > 0 ? "," : "}");
  }
  SchemaPtr record = parse_schema(R"({"type":"record","name":"R","fields":[)" + fields + "]}");
  ASSERT_TRUE(record);
  auto binary = to_binary(*record, value);
  ASSERT_TRUE(binary.is_ok()) << binary.error().describe();
  ASSERT_EQ(binary.value().size(), 40u);
  EXPECT_EQ(binary.value()[0], 0);
  EXPECT_EQ(binary.value()[39], 78);
  auto unknown = to_binary(*record, R"({"nope":1})");
  ASSERT_FALSE(unknown.is_ok());
  EXPECT_EQ(unknown.error().message, R"(unknown field "nope")");

  SchemaPtr e = parse_schema(R"({"type":"enum","name":"E","symbols":[)" + symbols + "]}");
  ASSERT_TRUE(e);
  auto f39 = to_binary(*e, R"("f39")");
  ASSERT_TRUE(f39.is_ok());
  EXPECT_EQ(hex(f39.value()), "4e");
  EXPECT_FALSE(to_binary(*e, R"("f40")").is_ok());
}

// ---------------------------------------------------------------------------
// Unions with named branches.

TEST(JsonCodec, UnionNamedBranches) {
  SchemaPtr schema = parse_schema(R"(["null",
      {"type":"record","name":"R","namespace":"a","fields":[{"name":"x","type":"int"}]},
      {"type":"enum","name":"E","namespace":"b","symbols":["S"]},
      {"type":"fixed","name":"F","size":1}])");
  ASSERT_TRUE(schema);
  const Case cases[] = {
      {"", R"({"a.R":{"x":1}})", "02 02", nullptr},
      {"", R"({"R":{"x":1}})", "02 02", R"({"a.R":{"x":1}})"},  // short name, unambiguous
      {"", R"({"b.E":"S"})", "04 00", nullptr},
      {"", R"({"F":"z"})", "06 7a", nullptr},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.json);
    auto binary = to_binary(*schema, c.json);
    ASSERT_TRUE(binary.is_ok()) << binary.error().describe();
    EXPECT_EQ(hex(binary.value()), hex(unhex(c.bytes)));
    auto back = to_json(*schema, binary.value());
    ASSERT_TRUE(back.is_ok());
    EXPECT_EQ(back.value(), c.json_back ? c.json_back : c.json);
  }
  EXPECT_FALSE(to_binary(*schema, R"({"record":{"x":1}})").is_ok());
  EXPECT_FALSE(to_binary(*schema, R"({"c.R":{"x":1}})").is_ok());

  // Two records named R: the short name is ambiguous, full names work.
  SchemaPtr twins = parse_schema(R"([
      {"type":"record","name":"R","namespace":"a","fields":[]},
      {"type":"record","name":"R","namespace":"b","fields":[]}])");
  ASSERT_TRUE(twins);
  EXPECT_FALSE(to_binary(*twins, R"({"R":{}})").is_ok());
  auto b = to_binary(*twins, R"({"b.R":{}})");
  ASSERT_TRUE(b.is_ok());
  EXPECT_EQ(hex(b.value()), "02");
}

// ---------------------------------------------------------------------------
// Default-value mode.

TEST(JsonCodec, DefaultModeUnionsAreUnwrapped) {
  SchemaPtr schema = parse_schema(R"(["null","string"])");
  auto x = to_binary(*schema, R"("x")", JsonMode::kDefault);
  ASSERT_TRUE(x.is_ok()) << x.error().describe();
  EXPECT_EQ(hex(x.value()), "02 02 78");
  auto null = to_binary(*schema, "null", JsonMode::kDefault);
  ASSERT_TRUE(null.is_ok());
  EXPECT_EQ(hex(null.value()), "00");
  // The wrapped form is not a default.
  EXPECT_FALSE(to_binary(*schema, R"({"string":"x"})", JsonMode::kDefault).is_ok());
  EXPECT_FALSE(to_binary(*schema, "1", JsonMode::kDefault).is_ok());

  // First branch that accepts the value.
  SchemaPtr numbers = parse_schema(R"(["int","long","double"])");
  EXPECT_EQ(hex(to_binary(*numbers, "5", JsonMode::kDefault).value()), "00 0a");
  EXPECT_EQ(hex(to_binary(*numbers, "5000000000", JsonMode::kDefault).value()),
            "02 80 c8 af a0 25");
  EXPECT_EQ(hex(to_binary(*numbers, "0.5", JsonMode::kDefault).value()),
            "04 00 00 00 00 00 00 e0 3f");
}

TEST(JsonCodec, RecordDefaults) {
  SchemaPtr schema = parse_schema(R"({"type":"record","name":"R","fields":[
      {"name":"a","type":"int","default":1},
      {"name":"b","type":{"type":"record","name":"S","fields":[
          {"name":"c","type":"string","default":"z"},
          {"name":"d","type":"int"},
          {"name":"e","type":["null","string"],"default":null}]},
       "default":{"d":2}},
      {"name":"f","type":["string","null"],"default":"q"},
      {"name":"g","type":"bytes","default":"\u00ff"}]})");
  ASSERT_TRUE(schema);
  // The parser stored the encoded defaults.
  const avro::Node& root = schema->root_node();
  EXPECT_EQ(hex(root.fields[0].default_binary), "02");
  EXPECT_EQ(hex(root.fields[1].default_binary), "02 7a 04 00");
  EXPECT_EQ(hex(root.fields[2].default_binary), "00 02 71");
  EXPECT_EQ(hex(root.fields[3].default_binary), "02 ff");

  auto all_default = to_binary(*schema, "{}");
  ASSERT_TRUE(all_default.is_ok()) << all_default.error().describe();
  EXPECT_EQ(hex(all_default.value()), "02 02 7a 04 00 00 02 71 02 ff");
  auto back = to_json(*schema, all_default.value());
  ASSERT_TRUE(back.is_ok());
  EXPECT_EQ(back.value(), "{\"a\":1,\"b\":{\"c\":\"z\",\"d\":2,\"e\":null},"
                          "\"f\":{\"string\":\"q\"},\"g\":\"\xc3\xbf\"}");

  // Nested record given, its missing field falls back to that field's default.
  auto partial = to_binary(*schema, R"({"b":{"d":3,"e":{"string":"w"}},"f":null})");
  ASSERT_TRUE(partial.is_ok()) << partial.error().describe();
  EXPECT_EQ(hex(partial.value()), "02 02 7a 06 02 02 77 02 02 ff");

  // Missing field without a default.
  auto missing = to_binary(*schema, R"({"b":{}})");
  ASSERT_FALSE(missing.is_ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kInvalidValue);
  EXPECT_EQ(missing.error().message, R"(missing field "d")");
  EXPECT_EQ(missing.error().path, ".b");

  auto unknown = to_binary(*schema, R"({"a":1,"y":2})");
  ASSERT_FALSE(unknown.is_ok());
  EXPECT_EQ(unknown.error().message, R"(unknown field "y")");
  EXPECT_EQ(unknown.error().path, "");

  auto duplicate = to_binary(*schema, R"({"a":1,"a":2})");
  ASSERT_FALSE(duplicate.is_ok());
  EXPECT_EQ(duplicate.error().code, ErrorCode::kInvalidValue);
}

TEST(JsonCodec, InvalidDefaultsFailSchemaParsing) {
  EXPECT_FALSE(avro::Schema::parse(
                   R"({"type":"record","name":"R","fields":[{"name":"a","type":"int","default":"x"}]})")
                   .is_ok());
  EXPECT_FALSE(avro::Schema::parse(
                   R"({"type":"record","name":"R","fields":[{"name":"a","type":["null","int"],"default":"x"}]})")
                   .is_ok());
  // A record that contains itself has no finite default: a limit, not a crash.
  auto self = avro::Schema::parse(
      R"({"type":"record","name":"R","fields":[{"name":"r","type":"R","default":{}}]})");
  EXPECT_FALSE(self.is_ok());
}

// Nested unions in default mode must not retry the same sub-value
// exponentially often.
TEST(JsonCodec, DefaultModeUnionTrialsAreMemoized) {
  SchemaPtr schema = parse_schema(R"({"type":"record","name":"X","fields":[{"name":"a","type":
      ["null","X",{"type":"record","name":"Y","fields":[
          {"name":"a","type":["null","X","Y"]},{"name":"b","type":"int","default":0}]}]}]})");
  ASSERT_TRUE(schema);
  std::string value;
  for (int i = 0; i < 200; ++i) value += R"({"a":)";
  value += R"("leaf")";
  for (int i = 0; i < 200; ++i) value += "}";
  auto start = std::chrono::steady_clock::now();
  auto result = to_binary(*schema, value, JsonMode::kDefault);
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(result.is_ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidValue);
  EXPECT_LT(std::chrono::duration_cast<std::chrono::seconds>(elapsed).count(), 5);
}

// ---------------------------------------------------------------------------
// Error paths (JSON -> binary).

TEST(JsonCodec, EncodeErrorPaths) {
  SchemaPtr schema = parse_schema(R"({"type":"record","name":"R","fields":[
      {"name":"a","type":{"type":"record","name":"A","fields":[
          {"name":"b","type":{"type":"array","items":"int"}}]}},
      {"name":"m","type":{"type":"map","values":["null","long"]}}]})");
  ASSERT_TRUE(schema);
  auto bad_item = to_binary(*schema, R"({"a":{"b":[1,"x"]},"m":{}})");
  ASSERT_FALSE(bad_item.is_ok());
  EXPECT_EQ(bad_item.error().code, ErrorCode::kInvalidValue);
  EXPECT_EQ(bad_item.error().path, ".a.b[1]");

  auto bad_value = to_binary(*schema, R"({"a":{"b":[]},"m":{"ok":null,"k\"q":{"long":"1"}}})");
  ASSERT_FALSE(bad_value.is_ok());
  EXPECT_EQ(bad_value.error().path, R"(.m["k\"q"])");

  auto bad_branch = to_binary(*schema, R"({"a":{"b":[]},"m":{"k":{"int":1}}})");
  ASSERT_FALSE(bad_branch.is_ok());
  EXPECT_EQ(bad_branch.error().path, R"(.m["k"])");
}

// ---------------------------------------------------------------------------
// Malformed binary: code, path and offset.

avro::Error decode_error(const avro::Schema& schema, std::string_view hex_bytes) {
  auto result = to_json(schema, unhex(hex_bytes));
  EXPECT_FALSE(result.is_ok()) << "decoded " << (result.is_ok() ? result.value() : "");
  return result.is_ok() ? avro::Error{} : result.error();
}

TEST(JsonCodec, DecodeTruncated) {
  SchemaPtr lng = parse_schema(R"("long")");
  avro::Error e = decode_error(*lng, "80");
  EXPECT_EQ(e.code, ErrorCode::kTruncated);
  EXPECT_EQ(e.offset, 0);
  EXPECT_EQ(decode_error(*lng, "").code, ErrorCode::kTruncated);

  SchemaPtr record = parse_schema(
      R"({"type":"record","name":"R","fields":[{"name":"a","type":"long"},{"name":"b","type":"string"}]})");
  e = decode_error(*record, "02 06 61");
  EXPECT_EQ(e.code, ErrorCode::kTruncated);
  EXPECT_EQ(e.path, ".b");
  EXPECT_EQ(e.offset, 1);

  SchemaPtr dbl = parse_schema(R"("double")");
  EXPECT_EQ(decode_error(*dbl, "00 00 00").code, ErrorCode::kTruncated);
  SchemaPtr flt = parse_schema(R"("float")");
  EXPECT_EQ(decode_error(*flt, "00 00 00").code, ErrorCode::kTruncated);
  SchemaPtr fixed = parse_schema(R"({"type":"fixed","name":"F","size":4})");
  EXPECT_EQ(decode_error(*fixed, "00 00 00").code, ErrorCode::kTruncated);
  SchemaPtr boolean = parse_schema(R"("boolean")");
  EXPECT_EQ(decode_error(*boolean, "").code, ErrorCode::kTruncated);
  SchemaPtr array = parse_schema(R"({"type":"array","items":"int"})");
  e = decode_error(*array, "04 02 04");  // no terminating block
  EXPECT_EQ(e.code, ErrorCode::kTruncated);
  EXPECT_EQ(e.offset, 3);
}

TEST(JsonCodec, DecodeInvalidData) {
  SchemaPtr boolean = parse_schema(R"("boolean")");
  avro::Error e = decode_error(*boolean, "02");
  EXPECT_EQ(e.code, ErrorCode::kInvalidData);
  EXPECT_EQ(e.offset, 0);

  SchemaPtr lng = parse_schema(R"("long")");
  EXPECT_EQ(decode_error(*lng, "ff ff ff ff ff ff ff ff ff 02").code, ErrorCode::kInvalidData);
  EXPECT_EQ(decode_error(*lng, "ff ff ff ff ff ff ff ff ff ff 01").code, ErrorCode::kInvalidData);
  SchemaPtr integer = parse_schema(R"("int")");
  EXPECT_EQ(decode_error(*integer, "ff ff ff ff 1f").code, ErrorCode::kInvalidData);

  SchemaPtr u = parse_schema(R"(["null","string"])");
  e = decode_error(*u, "04");
  EXPECT_EQ(e.code, ErrorCode::kInvalidData);
  EXPECT_EQ(e.message, "union branch index 2 out of range (2 branches)");
  EXPECT_EQ(e.offset, 0);
  EXPECT_EQ(decode_error(*u, "01").code, ErrorCode::kInvalidData);  // -1

  SchemaPtr en = parse_schema(R"({"type":"enum","name":"E","symbols":["A","B"]})");
  EXPECT_EQ(decode_error(*en, "04").code, ErrorCode::kInvalidData);
  EXPECT_EQ(decode_error(*en, "01").code, ErrorCode::kInvalidData);

  SchemaPtr str = parse_schema(R"("string")");
  e = decode_error(*str, "01");
  EXPECT_EQ(e.code, ErrorCode::kInvalidData);
  EXPECT_NE(e.message.find("negative length"), std::string::npos) << e.message;
  e = decode_error(*str, "0a 61");  // length 5, one byte left
  EXPECT_EQ(e.code, ErrorCode::kTruncated);
  SchemaPtr bytes = parse_schema(R"("bytes")");
  EXPECT_EQ(decode_error(*bytes, "03").code, ErrorCode::kInvalidData);
  EXPECT_EQ(decode_error(*bytes, "fe ff ff ff ff ff ff ff ff 01").code, ErrorCode::kTruncated);
}

TEST(JsonCodec, DecodeInvalidUtf8) {
  SchemaPtr record = parse_schema(
      R"({"type":"record","name":"R","fields":[{"name":"a","type":"long"},{"name":"b","type":"string"}]})");
  avro::Error e = decode_error(*record, "02 04 ff fe");
  EXPECT_EQ(e.code, ErrorCode::kInvalidUtf8);
  EXPECT_EQ(e.path, ".b");
  EXPECT_EQ(e.offset, 1);

  SchemaPtr strings = parse_schema(R"({"type":"array","items":"string"})");
  e = decode_error(*strings, "04 02 61 02 c0 00");  // overlong-start byte alone
  EXPECT_EQ(e.code, ErrorCode::kInvalidUtf8);
  EXPECT_EQ(e.path, "[1]");
  EXPECT_EQ(e.offset, 3);

  // Surrogates encoded in UTF-8 (CESU) are not valid UTF-8.
  SchemaPtr str = parse_schema(R"("string")");
  EXPECT_EQ(decode_error(*str, "06 ed a0 80").code, ErrorCode::kInvalidUtf8);

  SchemaPtr map = parse_schema(R"({"type":"map","values":"int"})");
  e = decode_error(*map, "02 02 ff 00 00");
  EXPECT_EQ(e.code, ErrorCode::kInvalidUtf8);
  EXPECT_EQ(e.offset, 1);
}

TEST(JsonCodec, DecodePathsInMaps) {
  SchemaPtr schema = parse_schema(R"({"type":"record","name":"R","fields":[
      {"name":"a","type":{"type":"record","name":"A","fields":[
          {"name":"b","type":{"type":"map","values":{"type":"array","items":"boolean"}}}]}}]})");
  ASSERT_TRUE(schema);
  // a.b = {"k\"": [true, <bad>]}
  avro::Error e = decode_error(*schema, "02 04 6b 22 04 01 07 00 00");
  EXPECT_EQ(e.code, ErrorCode::kInvalidData);
  EXPECT_EQ(e.path, R"(.a.b["k\""][1])");
  EXPECT_EQ(e.offset, 6);
}

TEST(JsonCodec, DecodeBlocks) {
  SchemaPtr array = parse_schema(R"({"type":"array","items":"long"})");
  // Two blocks, the second with a negative count and a byte size.
  auto blocks = to_json(*array, unhex("02 02 03 04 04 06 00"));
  ASSERT_TRUE(blocks.is_ok()) << blocks.error().describe();
  EXPECT_EQ(blocks.value(), "[1,2,3]");

  // Negative block size.
  avro::Error e = decode_error(*array, "03 01 02 04 00");
  EXPECT_EQ(e.code, ErrorCode::kInvalidData);
  EXPECT_EQ(e.offset, 1);
  // INT64_MIN block count cannot be negated.
  e = decode_error(*array, "ff ff ff ff ff ff ff ff ff 01");
  EXPECT_EQ(e.code, ErrorCode::kInvalidData);
  EXPECT_EQ(e.offset, 0);
  // A huge count with items that need at least one byte each.
  e = decode_error(*array, "fe ff ff ff ff ff ff ff 7f 02");
  EXPECT_EQ(e.code, ErrorCode::kTruncated);
  EXPECT_EQ(e.offset, 0);

  SchemaPtr map = parse_schema(R"({"type":"map","values":"null"})");
  auto m = to_json(*map, unhex("05 0c 02 61 02 62 02 63 00"));
  ASSERT_TRUE(m.is_ok()) << m.error().describe();
  EXPECT_EQ(m.value(), R"({"a":null,"b":null,"c":null})");
  EXPECT_EQ(decode_error(*map, "fe ff ff ff ff ff ff ff 7f").code, ErrorCode::kTruncated);
}

TEST(JsonCodec, ZeroByteItemsAreBounded) {
  SchemaPtr nulls = parse_schema(R"({"type":"array","items":"null"})");
  // More items than bytes is fine when items take no bytes.
  auto three = to_json(*nulls, unhex("06 00"));
  ASSERT_TRUE(three.is_ok());
  EXPECT_EQ(three.value(), "[null,null,null]");
  avro::Error e = decode_error(*nulls, "fe ff ff ff ff ff ff ff 7f 00");
  EXPECT_EQ(e.code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(e.offset, 0);

  SchemaPtr empties = parse_schema(
      R"({"type":"array","items":{"type":"record","name":"E","fields":[
          {"name":"n","type":"null"},{"name":"f","type":{"type":"fixed","name":"Z","size":0}}]}})");
  ASSERT_TRUE(empties);
  auto two = to_json(*empties, unhex("04 00"));
  ASSERT_TRUE(two.is_ok());
  EXPECT_EQ(two.value(), R"([{"n":null,"f":""},{"n":null,"f":""}])");
  EXPECT_EQ(decode_error(*empties, "fe ff ff ff ff ff ff ff 7f 00").code,
            ErrorCode::kLimitExceeded);

  // Many blocks of zero-byte items: the budget is per datum, not per block.
  SchemaPtr nested = parse_schema(R"({"type":"array","items":{"type":"array","items":"null"}})");
  std::string input;
  avro::ByteWriter writer(input);
  writer.write_long(17);
  for (int i = 0; i < 17; ++i) {
    writer.write_long(1 << 20);
    writer.write_long(0);
  }
  writer.write_long(0);
  EXPECT_EQ(to_json(*nested, input).error().code, ErrorCode::kLimitExceeded);

  // A record with a non-empty field still needs bytes.
  SchemaPtr mixed = parse_schema(
      R"({"type":"array","items":{"type":"record","name":"M","fields":[
          {"name":"n","type":"null"},{"name":"i","type":"int"}]}})");
  EXPECT_EQ(decode_error(*mixed, "fe ff ff ff ff ff ff ff 7f 00").code, ErrorCode::kTruncated);
}

// ---------------------------------------------------------------------------
// Depth limit with a recursive schema.

constexpr const char* kLinkedList =
    R"({"type":"record","name":"L","fields":[{"name":"next","type":["null","L"]}]})";

TEST(JsonCodec, DepthLimitBinary) {
  SchemaPtr schema = parse_schema(kLinkedList);
  ASSERT_TRUE(schema);
  std::string deep(2000, '\x02');
  deep += '\x00';
  avro::Error e = decode_error(*schema, hex(deep));
  EXPECT_EQ(e.code, ErrorCode::kLimitExceeded);
  EXPECT_GE(e.offset, 0);

  // Shallow lists are fine.
  auto shallow = to_json(*schema, unhex("02 02 00"));
  ASSERT_TRUE(shallow.is_ok());
  EXPECT_EQ(shallow.value(), R"({"next":{"L":{"next":{"L":{"next":null}}}}})");

  // A tighter limit.
  avro::JsonLimits limits;
  limits.max_depth = 4;
  auto limited = to_json(*schema, unhex("02 02 02 00"), limits);
  ASSERT_FALSE(limited.is_ok());
  EXPECT_EQ(limited.error().code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(limited.error().path, ".next.next.next");
}

TEST(JsonCodec, DepthLimitJson) {
  SchemaPtr schema = parse_schema(kLinkedList);
  ASSERT_TRUE(schema);
  // Built directly: json::parse has its own, smaller depth limit.
  // (Members are moved in: an initializer list would copy the whole chain.)
  auto object1 = [](const char* key, avro::json::Value inner) {
    std::vector<avro::json::Member> members;
    members.emplace_back(key, std::move(inner));
    return avro::json::Value::object(std::move(members));
  };
  avro::json::Value value = object1("next", avro::json::Value());
  for (int i = 0; i < 2000; ++i) value = object1("next", object1("L", std::move(value)));
  std::string out;
  avro::Status status =
      avro::json_to_binary(*schema, schema->root(), value, JsonMode::kAvroJson, out);
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.error().code, ErrorCode::kLimitExceeded);
  EXPECT_TRUE(out.empty());

  // 100 levels round-trip.
  std::string text;
  for (int i = 0; i < 100; ++i) text += R"({"next":{"L":)";
  text += R"({"next":null})";
  for (int i = 0; i < 100; ++i) text += "}}";
  auto binary = to_binary(*schema, text);
  ASSERT_TRUE(binary.is_ok()) << binary.error().describe();
  EXPECT_EQ(binary.value(), std::string(100, '\x02') + std::string(1, '\x00'));
  auto back = to_json(*schema, binary.value());
  ASSERT_TRUE(back.is_ok());
  EXPECT_EQ(back.value(), text);
}

// ---------------------------------------------------------------------------
// Reading one datum from a longer buffer; appending to existing output.

TEST(JsonCodec, ReadsOneDatumAndAppends) {
  SchemaPtr schema = parse_schema(R"("int")");
  std::string bytes = unhex("02 04 06");
  avro::ByteReader reader(bytes);
  std::string out = "[";
  ASSERT_TRUE(avro::binary_to_json(*schema, schema->root(), reader, out).is_ok());
  EXPECT_EQ(reader.position(), 1u);
  out += ",";
  ASSERT_TRUE(avro::binary_to_json(*schema, schema->root(), reader, out).is_ok());
  EXPECT_EQ(out, "[1,2");

  std::string binary = "xy";
  auto value = avro::json::parse("3");
  ASSERT_TRUE(value.is_ok());
  ASSERT_TRUE(avro::json_to_binary(*schema, schema->root(), value.value(), JsonMode::kAvroJson,
                                   binary)
                  .is_ok());
  EXPECT_EQ(binary, std::string("xy\x06"));
}

TEST(JsonCodec, InvalidNodeIdIsAnError) {
  SchemaPtr schema = parse_schema(R"("int")");
  std::string out;
  avro::json::Value value;
  EXPECT_FALSE(avro::json_to_binary(*schema, 12345, value, JsonMode::kAvroJson, out).is_ok());
  avro::ByteReader reader(std::string_view("\x02"));
  EXPECT_FALSE(avro::binary_to_json(*schema, 12345, reader, out).is_ok());
}

}  // namespace
