// Schema resolution (spec "Schema Resolution"): data written with one
// schema read as another. Each case encodes a writer datum by hand (spec
// "Binary Encoding") and compares the resolved tape with the tape the
// reader's own program produces for the expected reader datum, also written
// by hand: resolution must be indistinguishable from reading reader data.
#include <gtest/gtest.h>

#include <cmath>

#include "datum/program.h"
#include "io/bytes.h"
#include "resolve/resolver.h"

namespace avro {
namespace {

std::shared_ptr<const Program> program(std::string_view schema) {
  auto parsed = Schema::parse(schema);
  EXPECT_TRUE(parsed.is_ok()) << schema << ": " << (parsed ? "" : parsed.error().describe());
  return Program::compile(std::move(parsed).value());
}

Result<std::shared_ptr<const Resolver>> resolver(std::string_view writer, std::string_view reader) {
  return Resolver::compile(program(reader), program(writer)->schema_ptr());
}

std::string bytes(std::initializer_list<int> list) {
  std::string out;
  for (int b : list) out.push_back(static_cast<char>(b));
  return out;
}

// Resolves writer bytes and expects the reader program's tape of `expected`.
void expect_resolves(std::string_view writer, std::string_view reader, const std::string& written,
                     const std::string& expected) {
  auto r = resolver(writer, reader);
  ASSERT_TRUE(r.is_ok()) << r.error().describe();
  Tape resolved;
  ByteReader in(written);
  Status status = r.value()->decode(in, resolved);
  ASSERT_TRUE(status.is_ok()) << status.error().describe();
  EXPECT_TRUE(in.at_end()) << "writer bytes not fully consumed";
  Tape direct;
  ByteReader want(expected);
  ASSERT_TRUE(program(reader)->decode(want, direct).is_ok());
  EXPECT_EQ(resolved.nums.size(), direct.nums.size());
  for (size_t i = 0; i < std::min(resolved.nums.size(), direct.nums.size()); ++i) {
    if (std::isnan(direct.nums[i])) {
      EXPECT_TRUE(std::isnan(resolved.nums[i]));
    } else {
      EXPECT_EQ(resolved.nums[i], direct.nums[i]) << "num " << i;
    }
  }
  EXPECT_EQ(resolved.bigs, direct.bigs);
  EXPECT_EQ(resolved.text, direct.text);
  EXPECT_EQ(resolved.text_ends, direct.text_ends);
  EXPECT_EQ(resolved.blobs, direct.blobs);
  EXPECT_EQ(resolved.blob_ends, direct.blob_ends);
}

Error incompatible(std::string_view writer, std::string_view reader) {
  auto r = resolver(writer, reader);
  EXPECT_FALSE(r.is_ok());
  return r ? Error{} : r.error();
}

TEST(Resolution, NumericPromotions) {
  expect_resolves("\"int\"", "\"long\"", bytes({0x95, 0x9a, 0xef, 0x3a}), bytes({0x95, 0x9a, 0xef, 0x3a}));
  // int 3 -> float 3.0 / double 3.0 (little-endian IEEE).
  expect_resolves("\"int\"", "\"float\"", bytes({6}), bytes({0, 0, 0x40, 0x40}));
  expect_resolves("\"int\"", "\"double\"", bytes({6}), bytes({0, 0, 0, 0, 0, 0, 8, 0x40}));
  // long 2^53+1 -> float rounds to 2^53 (0x5a000000).
  std::string big;
  ByteWriter(big).write_long((int64_t{1} << 53) + 1);
  expect_resolves("\"long\"", "\"float\"", big, bytes({0, 0, 0, 0x5a}));
  // float 1.5 -> double 1.5
  expect_resolves("\"float\"", "\"double\"", bytes({0, 0, 0xc0, 0x3f}), bytes({0, 0, 0, 0, 0, 0, 0xf8, 0x3f}));
}

TEST(Resolution, StringsAndBytesInterchange) {
  expect_resolves("\"string\"", "\"bytes\"", bytes({4, 'h', 'i'}), bytes({4, 'h', 'i'}));
  expect_resolves("\"bytes\"", "\"string\"", bytes({4, 'h', 'i'}), bytes({4, 'h', 'i'}));
  auto r = resolver("\"bytes\"", "\"string\"");
  Tape tape;
  std::string invalid = bytes({2, 0xff});
  ByteReader in(invalid);
  EXPECT_EQ(r.value()->decode(in, tape).error().code, ErrorCode::kInvalidUtf8);
}

TEST(Resolution, RejectsWhatDoesNotPromote) {
  Error error = incompatible("\"long\"", "\"int\"");
  EXPECT_EQ(error.code, ErrorCode::kIncompatible);
  EXPECT_NE(error.message.find("writer type \"long\" cannot be promoted to reader type \"int\""), std::string::npos);
  EXPECT_EQ(incompatible("\"double\"", "\"float\"").code, ErrorCode::kIncompatible);
  EXPECT_EQ(incompatible("\"string\"", "\"int\"").code, ErrorCode::kIncompatible);
}

constexpr const char* kWriterRecord = R"({"type":"record","name":"P","fields":[
  {"name":"a","type":"int"},{"name":"gone","type":{"type":"array","items":"string"}},{"name":"b","type":"string"}]})";

TEST(Resolution, RecordsSkipReorderAndFillDefaults) {
  // writer {a:1, gone:["x"], b:"hi"}
  std::string written = bytes({2, 2, 2, 'x', 0, 4, 'h', 'i'});
  // Same order, field dropped, a default added in the middle.
  expect_resolves(kWriterRecord,
                  R"({"type":"record","name":"P","fields":[{"name":"a","type":"long"},
                      {"name":"n","type":"int","default":7},{"name":"b","type":"string"}]})",
                  written, bytes({2, 14, 4, 'h', 'i'}));
  // Reversed order with a default first: segments move into reader order.
  expect_resolves(kWriterRecord,
                  R"({"type":"record","name":"P","fields":[{"name":"z","type":"string","default":"dflt"},
                      {"name":"b","type":"bytes"},{"name":"a","type":"int"}]})",
                  written, bytes({8, 'd', 'f', 'l', 't', 4, 'h', 'i', 2}));
}

TEST(Resolution, ReaderAliasesMatchWriterNames) {
  expect_resolves(R"({"type":"record","name":"Old","fields":[{"name":"x","type":"int"}]})",
                  R"({"type":"record","name":"New","aliases":["Old"],"fields":[{"name":"y","aliases":["x"],"type":"int"}]})",
                  bytes({4}), bytes({4}));
}

TEST(Resolution, MissingFieldWithoutDefaultNamesTheField) {
  Error error = incompatible(kWriterRecord, R"({"type":"record","name":"P","fields":[{"name":"c","type":"int"}]})");
  EXPECT_EQ(error.path, ".c");
  EXPECT_NE(error.message.find("no default"), std::string::npos);
  Error nested = incompatible(R"({"type":"record","name":"R","fields":[{"name":"zip","type":"long"}]})",
                              R"({"type":"record","name":"R","fields":[{"name":"zip","type":"int"}]})");
  EXPECT_EQ(nested.path, ".zip");
  EXPECT_NE(nested.message.find("cannot be promoted"), std::string::npos);
}

TEST(Resolution, NamesAndFixedSizesMustMatch) {
  EXPECT_EQ(incompatible(R"({"type":"fixed","name":"F","size":4})", R"({"type":"fixed","name":"F","size":8})").code,
            ErrorCode::kIncompatible);
  EXPECT_EQ(incompatible(R"({"type":"record","name":"A","fields":[]})", R"({"type":"record","name":"B","fields":[]})").code,
            ErrorCode::kIncompatible);
  // Unqualified names match across namespaces.
  expect_resolves(R"({"type":"fixed","name":"a.F","size":2})", R"({"type":"fixed","name":"b.F","size":2})",
                  bytes({1, 2}), bytes({1, 2}));
}

TEST(Resolution, EnumSymbolsMapAndFallBackToTheReaderDefault) {
  constexpr const char* writer = R"({"type":"enum","name":"E","symbols":["A","B","C"]})";
  expect_resolves(writer, R"({"type":"enum","name":"E","symbols":["C","B","A"]})", bytes({0}), bytes({4}));
  expect_resolves(writer, R"({"type":"enum","name":"E","symbols":["A","Z"],"default":"Z"})", bytes({2}), bytes({2}));
  auto r = resolver(writer, R"({"type":"enum","name":"E","symbols":["A","B"]})");
  ASSERT_TRUE(r.is_ok());  // only data with C fails
  Tape tape;
  std::string c = bytes({4});
  ByteReader in(c);
  Status status = r.value()->decode(in, tape);
  EXPECT_EQ(status.error().code, ErrorCode::kIncompatible);
  EXPECT_NE(status.error().message.find("\"C\""), std::string::npos);
}

TEST(Resolution, UnionsInEveryDirection) {
  // writer non-union -> reader union: the first matching branch.
  expect_resolves("\"string\"", R"(["null","int","string"])", bytes({4, 'h', 'i'}), bytes({4, 4, 'h', 'i'}));
  // ... or the first promotable one.
  expect_resolves("\"int\"", R"(["null","double"])", bytes({6}), bytes({2, 0, 0, 0, 0, 0, 0, 8, 0x40}));
  // writer union -> reader union with branches reordered.
  expect_resolves(R"(["int","string"])", R"(["string","null","int"])", bytes({2, 4, 'h', 'i'}), bytes({0, 4, 'h', 'i'}));
  // writer union -> reader non-union: works per datum.
  expect_resolves(R"(["null","long"])", "\"long\"", bytes({2, 8}), bytes({8}));
  auto r = resolver(R"(["null","long"])", "\"long\"");
  ASSERT_TRUE(r.is_ok());
  Tape tape;
  std::string null_branch = bytes({0});
  ByteReader in(null_branch);
  EXPECT_EQ(r.value()->decode(in, tape).error().code, ErrorCode::kIncompatible);
  // A writer that matches no reader branch at all is refused up front.
  EXPECT_EQ(incompatible("\"boolean\"", R"(["null","string"])").code, ErrorCode::kIncompatible);
}

TEST(Resolution, ArraysMapsAndRecursion) {
  expect_resolves(R"({"type":"array","items":"int"})", R"({"type":"array","items":"long"})",
                  bytes({4, 2, 4, 0}), bytes({4, 2, 4, 0}));
  expect_resolves(R"({"type":"map","values":"int"})", R"({"type":"map","values":"double"})",
                  bytes({2, 2, 'k', 6, 0}), bytes({2, 2, 'k', 0, 0, 0, 0, 0, 0, 8, 0x40, 0}));
  constexpr const char* writer =
      R"({"type":"record","name":"L","fields":[{"name":"v","type":"int"},{"name":"next","type":["null","L"]}]})";
  constexpr const char* reader =
      R"({"type":"record","name":"L","fields":[{"name":"next","type":["null","L"]},{"name":"v","type":"long"}]})";
  // {v:1,next:{v:2,next:null}} -> reader order next, v.
  expect_resolves(writer, reader, bytes({2, 2, 4, 0}), bytes({2, 0, 4, 2}));
}

TEST(Resolution, LogicalTypesResolveOverTheirUnderlyingTypes) {
  // int (date) read as long timestamp-millis... just the underlying promotion.
  expect_resolves(R"({"type":"int","logicalType":"date"})", R"({"type":"long","logicalType":"timestamp-micros"})",
                  bytes({6}), bytes({6}));
  expect_resolves("\"string\"", R"({"type":"bytes","logicalType":"decimal","precision":4,"scale":2})",
                  bytes({2, 0x7b}), bytes({2, 0x7b}));
}

// Writer-only primitives next to each other are stepped over as one run;
// the run must give the same values and, on bad bytes, the same errors as
// going field by field.
constexpr const char* kWide = R"({"type":"record","name":"W","fields":[
  {"name":"a","type":"long"},{"name":"s","type":"string"},{"name":"d","type":"double"},
  {"name":"b","type":"boolean"},{"name":"x","type":{"type":"fixed","name":"F","size":2}},
  {"name":"keep","type":"int"},{"name":"t","type":"bytes"},{"name":"z","type":"long"}]})";
constexpr const char* kKeep = R"({"type":"record","name":"W","fields":[{"name":"keep","type":"int"}]})";

std::string wide_datum() {
  return bytes({0xac, 0x02}) + bytes({4, 'h', 'i'}) + std::string(8, '\x01') + bytes({1}) + bytes({7, 8}) +
         bytes({0x54}) + bytes({2, 0xff}) + bytes({0x81, 0x01});
}

TEST(Resolution, SkipRunsStepOverWriterOnlyPrimitives) {
  expect_resolves(kWide, kKeep, wide_datum(), bytes({0x54}));
}

TEST(Resolution, SkipRunErrorsMatchFieldByField) {
  auto r = resolver(kWide, kKeep).value();
  Tape tape;
  std::string datum = wide_datum();
  // Cut inside the skipped string "hi": the run fails, the slow path names it.
  ByteReader cut(std::string_view(datum).substr(0, 4));
  Status truncated = r->decode(cut, tape);
  ASSERT_FALSE(truncated.is_ok());
  EXPECT_EQ(truncated.error().code, ErrorCode::kTruncated);
  EXPECT_EQ(truncated.error().path, ".s");
  // A varint longer than 10 bytes in a skipped long is malformed.
  std::string malformed = std::string(10, '\x80') + bytes({0}) + datum.substr(2);
  ByteReader bad(malformed);
  Status invalid = r->decode(bad, tape);
  ASSERT_FALSE(invalid.is_ok());
  EXPECT_EQ(invalid.error().code, ErrorCode::kInvalidData);
  EXPECT_EQ(invalid.error().path, ".a");
  EXPECT_EQ(invalid.error().offset, 0);
  // A negative string length.
  std::string negative = datum;
  negative[2] = 3;  // zig-zag -2
  ByteReader neg(negative);
  Status bad_length = r->decode(neg, tape);
  ASSERT_FALSE(bad_length.is_ok());
  EXPECT_EQ(bad_length.error().path, ".s");
}

TEST(Resolution, DecodingStopsAfterTheLastFieldTheReaderNeeds) {
  auto r = resolver(kWide, kKeep).value();
  std::string datum = wide_datum();
  size_t keep_end = datum.size() - 4;  // "keep" ends before t and z (2 bytes each)
  Tape early;
  ByteReader stop(datum);
  ASSERT_TRUE(r->decode(stop, early, {}, /*to_end=*/false).is_ok());
  EXPECT_EQ(stop.position(), keep_end);
  EXPECT_EQ(early.nums, std::vector<double>{42});
  // Bytes after the needed fields are never looked at: garbage there is fine.
  std::string garbage = datum.substr(0, keep_end) + bytes({0xff, 0xff});
  Tape ignored;
  ByteReader rest(garbage);
  EXPECT_TRUE(r->decode(rest, ignored, {}, false).is_ok());
  ByteReader full(garbage);
  EXPECT_FALSE(r->decode(full, ignored).is_ok()) << "to_end reads (and checks) every field";
  // Nested: the last needed field is a record whose own tail is unneeded;
  // reader defaults after it are still filled in.
  constexpr const char* kOuter = R"({"type":"record","name":"O","fields":[
    {"name":"w","type":)";
  std::string writer = std::string(kOuter) + kWide + R"(},{"name":"after","type":"string"}]})";
  std::string reader = std::string(kOuter) + kKeep + R"(},{"name":"extra","type":"int","default":7}]})";
  auto nested = resolver(writer, reader).value();
  std::string outer = datum + bytes({2, 'x'});
  Tape tape;
  ByteReader in(outer);
  ASSERT_TRUE(nested->decode(in, tape, {}, false).is_ok());
  EXPECT_EQ(in.position(), keep_end);
  EXPECT_EQ(tape.nums, (std::vector<double>{42, 7}));
}

}  // namespace
}  // namespace avro
