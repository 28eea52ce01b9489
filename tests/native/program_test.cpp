// The compiled program: binary decoding into the tape, encoding from a tape,
// skipping, and the bounds checks that make hostile bytes safe. Expected
// bytes are written out by hand from the spec's "Binary Encoding" section.
#include <gtest/gtest.h>

#include <cmath>

#include "datum/json_codec.h"
#include "datum/program.h"

namespace avro {
namespace {

std::shared_ptr<const Program> compile(std::string_view schema_text, bool logical = true) {
  auto schema = Schema::parse(schema_text);
  EXPECT_TRUE(schema.is_ok()) << schema_text << ": " << (schema ? "" : schema.error().describe());
  ProgramOptions options;
  options.logical_types = logical;
  return Program::compile(std::move(schema).value(), options);
}

std::string bytes(std::initializer_list<int> list) {
  std::string out;
  for (int b : list) out.push_back(static_cast<char>(b));
  return out;
}

// The decoder's tape re-expressed as encoder input (UTF-8 byte ends).
struct OwnedInput {
  Tape tape;
  std::vector<uint32_t> byte_ends;
  TapeInput view() {
    byte_ends.clear();
    // Recompute UTF-8 byte boundaries by walking code points against UTF-16 ends.
    size_t byte = 0;
    uint32_t units = 0;
    for (uint32_t end : tape.text_ends) {
      while (units < end) {
        auto lead = static_cast<uint8_t>(tape.text[byte]);
        size_t length = lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
        units += length == 4 ? 2 : 1;
        byte += length;
      }
      byte_ends.push_back(static_cast<uint32_t>(byte));
    }
    return TapeInput{tape.nums.data(), tape.nums.size(), tape.bigs.data(), tape.bigs.size(),
                     tape.text.data(), tape.text.size(), byte_ends.data(), byte_ends.size(),
                     tape.blobs.data(), tape.blobs.size(), tape.blob_ends.data(), tape.blob_ends.size()};
  }
};

// Decodes `encoded`, checks it was consumed exactly, re-encodes the tape and
// expects the same bytes back.
Tape round_trip(const Program& program, const std::string& encoded) {
  OwnedInput owned;
  ByteReader reader(encoded);
  Status status = program.decode(reader, owned.tape);
  EXPECT_TRUE(status.is_ok()) << status.error().describe();
  EXPECT_TRUE(reader.at_end());
  std::string again;
  Status encoded_status = program.encode(owned.view(), again);
  EXPECT_TRUE(encoded_status.is_ok()) << encoded_status.error().describe();
  EXPECT_EQ(again, encoded);
  return owned.tape;
}

// JSON (Avro JSON encoding) -> binary, compared with hand-written bytes.
void expect_json_encoding(std::string_view schema_text, std::string_view json_text,
                          const std::string& expected) {
  auto program = compile(schema_text, false);
  auto json = json::parse(json_text);
  ASSERT_TRUE(json.is_ok());
  std::string out;
  Status status = json_to_binary(program->schema(), program->root(), json.value(), JsonMode::kAvroJson, out);
  ASSERT_TRUE(status.is_ok()) << status.error().describe();
  EXPECT_EQ(out, expected) << schema_text << " " << json_text;
  round_trip(*program, out);
}

TEST(BinaryEncoding, SpecExamples) {
  expect_json_encoding("\"null\"", "null", "");
  expect_json_encoding("\"boolean\"", "true", bytes({1}));
  expect_json_encoding("\"int\"", "0", bytes({0}));
  expect_json_encoding("\"int\"", "-1", bytes({1}));
  expect_json_encoding("\"int\"", "1", bytes({2}));
  expect_json_encoding("\"int\"", "-64", bytes({0x7f}));
  expect_json_encoding("\"int\"", "64", bytes({0x80, 0x01}));
  expect_json_encoding("\"int\"", "2147483647", bytes({0xfe, 0xff, 0xff, 0xff, 0x0f}));
  expect_json_encoding("\"int\"", "-2147483648", bytes({0xff, 0xff, 0xff, 0xff, 0x0f}));
  expect_json_encoding("\"long\"", "-9223372036854775808",
                       bytes({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}));
  expect_json_encoding("\"float\"", "1.5", bytes({0, 0, 0xc0, 0x3f}));
  expect_json_encoding("\"double\"", "-2", bytes({0, 0, 0, 0, 0, 0, 0, 0xc0}));
  expect_json_encoding("\"string\"", "\"foo\"", bytes({6, 'f', 'o', 'o'}));
  expect_json_encoding("\"bytes\"", "\"\\u0000\\u00ff\"", bytes({4, 0, 0xff}));
  expect_json_encoding(R"({"type":"fixed","name":"F","size":2})", "\"ab\"", "ab");
  expect_json_encoding(R"({"type":"enum","name":"E","symbols":["A","B","C"]})", "\"C\"", bytes({4}));
  expect_json_encoding(R"({"type":"array","items":"long"})", "[3,27]", bytes({4, 6, 0x36, 0}));
  expect_json_encoding(R"({"type":"array","items":"long"})", "[]", bytes({0}));
  expect_json_encoding(R"({"type":"map","values":"int"})", R"({"a":1})", bytes({2, 2, 'a', 2, 0}));
  expect_json_encoding(R"(["null","string"])", "null", bytes({0}));
  expect_json_encoding(R"(["null","string"])", R"({"string":"a"})", bytes({2, 2, 'a'}));
  expect_json_encoding(R"({"type":"record","name":"test","fields":[{"name":"a","type":"long"},{"name":"b","type":"string"}]})",
                       R"({"a":27,"b":"foo"})", bytes({0x36, 6, 'f', 'o', 'o'}));
}

TEST(BinaryEncoding, TapeLayout) {
  auto program = compile(R"({"type":"record","name":"R","fields":[
      {"name":"id","type":"long"},{"name":"big","type":"long"},{"name":"name","type":"string"},
      {"name":"tags","type":{"type":"array","items":"string"}},
      {"name":"opt","type":["null","double"]},{"name":"raw","type":"bytes"}]})");
  std::string encoded;
  ByteWriter w(encoded);
  w.write_long(42);
  w.write_long(INT64_MAX);
  w.write_bytes("h\xc3\xa9\xf0\x9f\x98\x80");  // "hé😀": 4 UTF-16 units
  w.write_long(-2);                             // a negative count: block with byte size
  w.write_long(4);
  w.write_bytes("x");
  w.write_bytes("yz");
  w.write_long(0);
  w.write_long(1);
  w.write_double(0.25);
  w.write_bytes(std::string("\x00\x01", 2));
  Tape tape = Tape{};
  ByteReader reader(encoded);
  ASSERT_TRUE(program->decode(reader, tape).is_ok());
  ASSERT_EQ(tape.nums.size(), 5u);
  EXPECT_EQ(tape.nums[0], 42);
  EXPECT_TRUE(std::isnan(tape.nums[1]));  // not exact as a double: see bigs
  ASSERT_EQ(tape.bigs.size(), 1u);
  EXPECT_EQ(tape.bigs[0], INT64_MAX);
  EXPECT_EQ(tape.nums[2], 2);  // array count, summed over blocks
  EXPECT_EQ(tape.nums[3], 1);  // union branch
  EXPECT_EQ(tape.nums[4], 0.25);
  EXPECT_EQ(tape.text_ends, (std::vector<uint32_t>{4, 5, 7}));
  EXPECT_EQ(tape.blob_ends, (std::vector<uint32_t>{2}));
}

TEST(BinaryEncoding, LogicalTypesOnTheTape) {
  auto program = compile(R"({"type":"record","name":"R","fields":[
      {"name":"d","type":{"type":"bytes","logicalType":"decimal","precision":6,"scale":2}},
      {"name":"f","type":{"type":"fixed","name":"F","size":4,"logicalType":"decimal","precision":8,"scale":3}},
      {"name":"u","type":{"type":"fixed","name":"U","size":16,"logicalType":"uuid"}},
      {"name":"us","type":{"type":"long","logicalType":"timestamp-micros"}},
      {"name":"ns","type":{"type":"long","logicalType":"local-timestamp-nanos"}},
      {"name":"du","type":{"type":"fixed","name":"Du","size":12,"logicalType":"duration"}},
      {"name":"bd","type":{"type":"bytes","logicalType":"big-decimal"}}]})");
  std::string encoded;
  ByteWriter w(encoded);
  w.write_bytes(bytes({0xcf, 0xc7}));             // -12345 -> "-123.45"
  w.write_raw(bytes({0x00, 0x00, 0x04, 0xd2}));  // 1234 -> "1.234"
  w.write_raw(bytes({0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef}));
  w.write_long(-1);          // one microsecond before the epoch
  w.write_long(1500000123);  // 1500 ms + 123 ns
  w.write_raw(bytes({1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0}));
  w.write_bytes(bytes({4, 0x30, 0x39, 6}));  // unscaled 12345, scale 3 -> "12.345"
  Tape tape = round_trip(*program, encoded);
  EXPECT_EQ(tape.text, "-123.451.23412345678-9abc-def0-0123-456789abcdef12.345");
  EXPECT_EQ(tape.nums, (std::vector<double>{-1, 999000, 1500, 123, 1, 2, 3}));
}

TEST(BinaryEncoding, DecimalTextConversions) {
  auto program = compile(R"({"type":"bytes","logicalType":"decimal","precision":40,"scale":2})");
  for (auto [unscaled, text] : std::vector<std::pair<std::string, std::string>>{
           {bytes({0x00}), "0.00"},
           {bytes({0x01}), "0.01"},
           {bytes({0xff}), "-0.01"},
           {bytes({0x80}), "-1.28"},
           {bytes({0x00, 0x80}), "1.28"},
           {bytes({0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}), "92233720368547758.07"},
           {bytes({0x80, 0, 0, 0, 0, 0, 0, 0, 0}), "-23611832414348226068.48"},
       }) {
    std::string encoded;
    ByteWriter(encoded).write_bytes(unscaled);
    Tape tape = round_trip(*program, encoded);
    EXPECT_EQ(tape.text, text);
  }
}

TEST(BinaryEncoding, EncoderRejectsValuesThatDoNotFit) {
  auto program = compile(R"({"type":"record","name":"R","fields":[{"name":"i","type":"int"},
      {"name":"d","type":{"type":"bytes","logicalType":"decimal","precision":4,"scale":2}}]})");
  auto encode = [&](double i, std::string decimal) {
    uint32_t end = static_cast<uint32_t>(decimal.size());
    double nums[] = {i};
    TapeInput in{nums, 1, nullptr, 0, decimal.data(), decimal.size(), &end, 1, nullptr, 0, nullptr, 0};
    std::string out;
    return program->encode(in, out);
  };
  EXPECT_TRUE(encode(1, "12.34").is_ok());
  EXPECT_TRUE(encode(1, "-1.5").is_ok());
  Status fraction = encode(1.5, "1");
  ASSERT_FALSE(fraction.is_ok());
  EXPECT_EQ(fraction.error().path, ".i");
  EXPECT_EQ(encode(3e9, "1").error().code, ErrorCode::kInvalidValue);
  Status rounding = encode(1, "1.234");
  EXPECT_EQ(rounding.error().code, ErrorCode::kInvalidValue);
  EXPECT_EQ(rounding.error().path, ".d");
  EXPECT_EQ(encode(1, "123.4").error().code, ErrorCode::kInvalidValue);  // 5 digits > precision 4
  EXPECT_EQ(encode(1, "abc").error().code, ErrorCode::kInvalidValue);
}

struct BadInput {
  const char* schema;
  std::string bytes;
  ErrorCode code;
  const char* path;
  int64_t offset;
};

TEST(BinaryDecoding, HostileInputGivesPreciseErrors) {
  const char* person = R"({"type":"record","name":"P","fields":[{"name":"name","type":"string"},
      {"name":"tags","type":{"type":"array","items":"string"}},{"name":"m","type":{"type":"map","values":"int"}}]})";
  const BadInput cases[] = {
      {"\"int\"", bytes({0x80}), ErrorCode::kTruncated, "", 0},
      {"\"int\"", bytes({0xff, 0xff, 0xff, 0xff, 0x7f}), ErrorCode::kInvalidData, "", 0},
      {"\"long\"", bytes({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f}), ErrorCode::kInvalidData, "", 0},
      {"\"boolean\"", bytes({2}), ErrorCode::kInvalidData, "", 0},
      {"\"string\"", bytes({1}), ErrorCode::kInvalidData, "", 0},
      {"\"string\"", bytes({20, 'a'}), ErrorCode::kTruncated, "", 0},
      {"\"string\"", bytes({4, 0xc3, 0x28}), ErrorCode::kInvalidUtf8, "", 0},
      {"\"string\"", bytes({4, 0xed, 0xa0}), ErrorCode::kInvalidUtf8, "", 0},
      {"\"double\"", bytes({1, 2, 3}), ErrorCode::kTruncated, "", 0},
      {R"(["null","int"])", bytes({4}), ErrorCode::kInvalidData, "", 0},
      {R"(["null","int"])", bytes({1}), ErrorCode::kInvalidData, "", 0},
      {R"({"type":"enum","name":"E","symbols":["A"]})", bytes({2}), ErrorCode::kInvalidData, "", 0},
      {R"({"type":"array","items":"int"})", bytes({0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}),
       ErrorCode::kTruncated, "", 0},  // a count of 2^62 items in one byte of input
      {R"({"type":"array","items":"null"})", bytes({0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}),
       ErrorCode::kLimitExceeded, "", 0},
      {person, bytes({2, 'a', 4, 2, 'x', 2, 0xff}), ErrorCode::kInvalidUtf8, ".tags[1]", 5},
      {person, bytes({2, 'a', 0, 2, 2, 'k', 0x80}), ErrorCode::kTruncated, ".m[\"k\"]", 6},
  };
  for (const auto& c : cases) {
    auto program = compile(c.schema);
    Tape tape;
    ByteReader reader(c.bytes);
    Status status = program->decode(reader, tape);
    ASSERT_FALSE(status.is_ok()) << c.schema;
    EXPECT_EQ(status.error().code, c.code) << c.schema << ": " << status.error().describe();
    EXPECT_EQ(status.error().path, c.path) << c.schema;
    EXPECT_EQ(status.error().offset, c.offset) << c.schema << ": " << status.error().describe();
    ByteReader skip_reader(c.bytes);
    EXPECT_FALSE(program->skip(skip_reader).is_ok() && c.code != ErrorCode::kInvalidUtf8) << c.schema;
  }
}

TEST(BinaryDecoding, DepthLimitStopsRecursiveValues) {
  auto program = compile(R"({"type":"record","name":"L","fields":[{"name":"next","type":["null","L"]}]})");
  std::string deep(1500, '\x02');
  deep += '\x00';
  Tape tape;
  ByteReader reader(deep);
  Status status = program->decode(reader, tape);
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.error().code, ErrorCode::kLimitExceeded);
  Limits generous;
  generous.max_depth = 4000;  // two frames per level; fits Debug and ASan stacks
  ByteReader again(deep);
  tape.clear();
  EXPECT_TRUE(program->decode(again, tape, generous).is_ok());
}

TEST(BinaryDecoding, SkipMatchesDecode) {
  auto program = compile(R"({"type":"record","name":"R","fields":[{"name":"a","type":{"type":"map","values":{"type":"array","items":["null","float"]}}},{"name":"b","type":"string"}]})");
  std::string encoded;
  ByteWriter w(encoded);
  w.write_long(1);
  w.write_bytes("k");
  w.write_long(2);
  w.write_long(0);
  w.write_long(1);
  w.write_float(1.0f);
  w.write_long(0);
  w.write_long(0);
  w.write_bytes("end");
  encoded += "trailing";
  ByteReader reader(encoded);
  ASSERT_TRUE(program->skip(reader).is_ok());
  EXPECT_EQ(reader.remaining(), 8u);
}

}  // namespace
}  // namespace avro
