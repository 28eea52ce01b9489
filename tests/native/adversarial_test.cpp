// Hostile input, end to end (SECURITY.md): every input below must end in a
// clear error (or, where documented, in records plus an error) within a
// bounded time, and afterwards the same programs still decode a good file.
// The inputs are generated here, deterministically: every truncation point
// and random bit flips of real files, lengths and counts that are negative,
// huge or just past the end, decompression bombs inside container files,
// deep values, invalid UTF-8, sync mismatches, absurd schemas. Inputs that
// once crashed a fuzzer (tests/native/regressions/) are replayed at the end.
// Run under ASan+UBSan in CI, so "no crash" includes "no memory error".
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "bomb_util.h"
#include "container/block_decode.h"
#include "container/reader.h"
#include "container/writer.h"
#include "datum/json_codec.h"
#include "datum/program.h"
#include "io/bytes.h"
#include "resolve/resolver.h"
#include "testdata.h"

namespace avro {
namespace {

constexpr uint64_t kMiB = uint64_t{1} << 20;
// Generous for a shared machine; Debug builds with sanitizers run ~10x
// slower. What these bounds catch takes minutes: a hang, a bomb that really
// expands, a quadratic loop over 100,000 fields (55 s in Release).
#ifdef NDEBUG
constexpr double kBoundSeconds = 5.0;
#else
constexpr double kBoundSeconds = 30.0;
#endif

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

struct FileResult {
  Error error;  // kOk when the whole file was read
  int64_t records = 0;
  int64_t blocks = 0;
  bool header = false;
  double seconds = 0;
};

// Reads a whole container file the way the bindings do: header, blocks,
// each block's records decoded with the header's schema (or resolved to
// `reader_schema`). Stops at the first error, keeping what came before.
FileResult read_file(std::string_view file, const ContainerLimits& limits = {},
                     const Limits& datum_limits = {}, const char* reader_schema = nullptr,
                     size_t chunk = 0) {
  auto start = std::chrono::steady_clock::now();
  FileResult result;
  ContainerReader reader(limits);
  std::shared_ptr<const Program> program;
  std::shared_ptr<const Resolver> resolver;
  size_t fed = 0;
  if (chunk == 0) chunk = file.size() + 1;
  auto finish = [&](Error error) {
    result.error = std::move(error);
    result.seconds = seconds_since(start);
    return result;
  };
  for (;;) {
    auto event = reader.next();
    if (!event) return finish(std::move(event).error());
    switch (event.value()) {
      case ContainerReader::Event::kNeedInput: {
        size_t n = std::min(chunk, file.size() - fed);
        reader.feed(file.substr(fed, n));
        fed += n;
        if (fed == file.size()) reader.finish();
        break;
      }
      case ContainerReader::Event::kHeader: {
        result.header = true;
        auto schema = Schema::parse(reader.header().schema_json);
        if (!schema) return finish(std::move(schema).error());
        if (reader_schema != nullptr) {
          auto reader_parsed = Schema::parse(reader_schema);
          if (!reader_parsed) return finish(std::move(reader_parsed).error());
          auto compiled =
              Resolver::compile(Program::compile(reader_parsed.value()), schema.value());
          if (!compiled) return finish(std::move(compiled).error());
          resolver = compiled.value();
        } else {
          program = Program::compile(std::move(schema).value());
        }
        break;
      }
      case ContainerReader::Event::kBlock: {
        ++result.blocks;
        Tape tape;
        int64_t decoded = 0;
        bool compressed = reader.header().codec != Codec::kNull;
        Status status =
            resolver
                ? decode_block(*resolver, reader.block(), compressed, tape, datum_limits, &decoded)
                : decode_block(*program, reader.block(), compressed, tape, datum_limits, &decoded);
        result.records += decoded;
        if (!status) return finish(std::move(status).error());
        break;
      }
      case ContainerReader::Event::kEnd: return finish(Error{});
    }
  }
}

// The codes a hostile container file may end with; kInternal never.
const std::set<ErrorCode> kFileErrors = {ErrorCode::kOk,           ErrorCode::kJsonSyntax,
                                         ErrorCode::kSchemaParse,  ErrorCode::kTruncated,
                                         ErrorCode::kInvalidData,  ErrorCode::kInvalidUtf8,
                                         ErrorCode::kTrailingData, ErrorCode::kLimitExceeded,
                                         ErrorCode::kUnsupported,  ErrorCode::kIncompatible};

std::string describe(const FileResult& result) {
  return std::string(error_code_name(result.error.code)) + ": " + result.error.describe();
}

SyncMarker fixed_sync() {
  SyncMarker sync;
  for (size_t i = 0; i < sync.size(); ++i) sync[i] = static_cast<uint8_t>(0x51 + 7 * i);
  return sync;
}

// A file of `datums` (encoded back to back, `ends` their end offsets).
std::string write_file(const std::string& schema, const std::string& datums,
                       const std::vector<uint32_t>& ends, Codec codec = Codec::kNull,
                       size_t block_size = 64 * 1024) {
  ContainerWriterOptions options;
  options.codec = codec;
  options.block_size = block_size;
  options.sync = fixed_sync();
  auto writer = ContainerWriter::create(schema, options);
  EXPECT_TRUE(writer.is_ok());
  std::string out;
  writer.value().write_header(out);
  EXPECT_TRUE(writer.value().add(datums, ends, out).is_ok());
  EXPECT_TRUE(writer.value().flush(out).is_ok());
  return out;
}

// A header for `schema` and `codec`, then raw blocks appended by the caller.
std::string header_for(const std::string& schema, Codec codec = Codec::kNull) {
  std::string out;
  write_header_bytes(schema, codec, {}, fixed_sync(), out);
  return out;
}

void append_block(std::string& file, int64_t count, std::string_view data, bool good_sync = true) {
  ByteWriter writer(file);
  writer.write_long(count);
  writer.write_long(static_cast<int64_t>(data.size()));
  writer.write_raw(data);
  SyncMarker sync = fixed_sync();
  if (!good_sync) sync[3] ^= 0x40;
  writer.write_raw(std::string_view(reinterpret_cast<const char*>(sync.data()), sync.size()));
}

constexpr const char* kUserSchema =
    R"({"type":"record","name":"User","fields":[{"name":"id","type":"long"},)"
    R"({"name":"name","type":"string"},{"name":"tags","type":{"type":"array","items":"string"}},)"
    R"({"name":"score","type":["null","double"]}]})";

// 200 users: the good file read after every hostile one.
std::string good_file(Codec codec = Codec::kNull) {
  std::string datums;
  std::vector<uint32_t> ends;
  ByteWriter writer(datums);
  for (int i = 0; i < 200; ++i) {
    writer.write_long(i * 1000003);
    writer.write_bytes("user-" + std::to_string(i));
    writer.write_long(2);
    writer.write_bytes("a");
    writer.write_bytes("\xc3\xa9t\xc3\xa9");
    writer.write_long(0);
    writer.write_long(i % 2);
    if (i % 2) writer.write_double(i / 3.0);
    ends.push_back(static_cast<uint32_t>(datums.size()));
  }
  return write_file(kUserSchema, datums, ends, codec, 1024);
}

void expect_still_working() {
  for (Codec codec : {Codec::kNull, Codec::kDeflate, Codec::kZstandard}) {
    FileResult good = read_file(good_file(codec));
    EXPECT_EQ(good.error.code, ErrorCode::kOk) << describe(good);
    EXPECT_EQ(good.records, 200);
  }
}

// ---------------------------------------------------------------------------
// Real files: every truncation point, random bit flips.

const char* const kRealFiles[] = {
    "apache-avro/data/weather.avro",
    "apache-avro/data/weather-deflate.avro",
    "apache-avro/data/weather-snappy.avro",
    "apache-avro/data/weather-zstd.avro",
    "arrow-testing/data/alltypes_plain.bzip2.avro",
    "arrow-testing/data/alltypes_plain.xz.avro",
    "apache-avro/data/lang-js/person-10.avro",
    "fastavro/data/test-deflate-1.avro",
};

TEST(Adversarial, EveryTruncationOfRealFilesFailsCleanly) {
  int64_t inputs = 0;
  for (const char* name : kRealFiles) {
    std::string file;
    AVRO_READ_TESTDATA_OR_SKIP(name, &file);
    FileResult whole = read_file(file);
    ASSERT_EQ(whole.error.code, ErrorCode::kOk) << name << ": " << describe(whole);
    for (size_t cut = 0; cut < file.size(); ++cut) {
      SCOPED_TRACE(std::string(name) + " cut at " + std::to_string(cut));
      FileResult result = read_file(std::string_view(file).substr(0, cut));
      ++inputs;
      EXPECT_LT(result.seconds, kBoundSeconds);
      EXPECT_LE(result.records, whole.records);
      // A cut right after a block is a shorter valid file; anything else is
      // a truncation (or, between blocks, bytes that are not a block).
      if (result.error.code == ErrorCode::kOk) {
        EXPECT_LT(result.blocks, whole.blocks);
      } else {
        EXPECT_TRUE(result.error.code == ErrorCode::kTruncated ||
                    result.error.code == ErrorCode::kTrailingData)
            << describe(result);
      }
    }
  }
  RecordProperty("inputs", static_cast<int>(inputs));
  expect_still_working();
}

TEST(Adversarial, RandomBitFlipsInRealFilesFailCleanly) {
  std::mt19937 rng(20240601);
  int64_t inputs = 0;
  for (const char* name : kRealFiles) {
    std::string file;
    AVRO_READ_TESTDATA_OR_SKIP(name, &file);
    for (int round = 0; round < 300; ++round) {
      std::string flipped = file;
      int flips = 1 + static_cast<int>(rng() % 4);
      for (int i = 0; i < flips; ++i) {
        size_t at = rng() % flipped.size();
        flipped[at] = static_cast<char>(flipped[at] ^ (1 << (rng() % 8)));
      }
      FileResult result = read_file(flipped, {}, {}, nullptr, 1 + rng() % 97);
      ++inputs;
      EXPECT_TRUE(kFileErrors.count(result.error.code)) << name << ": " << describe(result);
      EXPECT_LT(result.seconds, kBoundSeconds) << name;
    }
  }
  RecordProperty("inputs", static_cast<int>(inputs));
  expect_still_working();
}

// ---------------------------------------------------------------------------
// Lengths and counts: negative, huge, just past the end.

Status decode_datum(const char* schema, std::string_view bytes, Limits limits = {}) {
  auto program = Program::compile(Schema::parse(schema).value());
  Tape tape;
  ByteReader reader(bytes);
  Status status = program->decode(reader, tape, limits);
  // The skipper and the JSON converter must agree that it is bad.
  ByteReader skip_reader(bytes);
  ByteReader json_reader(bytes);
  std::string json;
  JsonLimits json_limits;
  json_limits.max_depth = limits.max_depth;
  json_limits.max_block_items = limits.max_block_items;
  Status converted =
      binary_to_json(program->schema(), program->root(), json_reader, json, json_limits);
  EXPECT_EQ(status.is_ok(), converted.is_ok())
      << (status ? converted.error().describe() : status.error().describe());
  if (status.is_ok()) EXPECT_TRUE(program->skip(skip_reader, limits).is_ok());
  return status;
}

Status decode_one(const char* schema, std::string_view bytes, Limits limits = {}) {
  auto program = Program::compile(Schema::parse(schema).value());
  Tape tape;
  ByteReader reader(bytes);
  return program->decode(reader, tape, limits);
}

std::string varint(int64_t value) {
  std::string out;
  ByteWriter(out).write_long(value);
  return out;
}

TEST(Adversarial, HostileLengthsAndCounts) {
  struct Case {
    const char* label;
    const char* schema;
    std::string bytes;
    ErrorCode code;
  };
  const int64_t kHuge = int64_t{1} << 62;
  std::string ten(10, 'x');
  std::vector<Case> cases = {
      {"string length -1", "\"string\"", varint(-1) + ten, ErrorCode::kInvalidData},
      {"string length 2^62", "\"string\"", varint(kHuge) + ten, ErrorCode::kLimitExceeded},
      {"string length past the end", "\"string\"", varint(11) + ten, ErrorCode::kTruncated},
      {"bytes length INT64_MIN", "\"bytes\"", varint(INT64_MIN), ErrorCode::kInvalidData},
      {"bytes length past the end", "\"bytes\"", varint(11) + ten, ErrorCode::kTruncated},
      {"array count 2^62", R"({"type":"array","items":"long"})", varint(kHuge) + ten,
       ErrorCode::kTruncated},
      {"array count INT64_MIN", R"({"type":"array","items":"long"})", varint(INT64_MIN),
       ErrorCode::kInvalidData},
      {"array count past the end", R"({"type":"array","items":"long"})", varint(11) + ten,
       ErrorCode::kTruncated},
      {"negative count with a huge size", R"({"type":"array","items":"long"})",
       varint(-2) + varint(kHuge), ErrorCode::kTruncated},
      {"negative count with a negative size", R"({"type":"array","items":"long"})",
       varint(-2) + varint(-5), ErrorCode::kInvalidData},
      {"map count 2^62", R"({"type":"map","values":"null"})", varint(kHuge), ErrorCode::kTruncated},
      {"array of null, 2^62 items", R"({"type":"array","items":"null"})", varint(kHuge),
       ErrorCode::kLimitExceeded},
      {"array of null, 2^40 items", R"({"type":"array","items":"null"})", varint(int64_t{1} << 40),
       ErrorCode::kLimitExceeded},
      {"union index 2^62", R"(["null","int"])", varint(kHuge), ErrorCode::kInvalidData},
      {"union index -1", R"(["null","int"])", varint(-1), ErrorCode::kInvalidData},
      {"enum index past the end", R"({"type":"enum","name":"E","symbols":["A"]})", varint(1),
       ErrorCode::kInvalidData},
      {"varint of 11 bytes", "\"long\"", std::string(10, '\xff') + "\x01", ErrorCode::kInvalidData},
      {"int beyond 32 bits", "\"int\"", varint(int64_t{1} << 40), ErrorCode::kInvalidData},
      {"fixed past the end", R"({"type":"fixed","name":"F","size":16})", ten,
       ErrorCode::kTruncated},
  };
  for (const Case& c : cases) {
    auto start = std::chrono::steady_clock::now();
    Status status = decode_datum(c.schema, c.bytes);
    EXPECT_LT(seconds_since(start), kBoundSeconds) << c.label;
    ASSERT_FALSE(status.is_ok()) << c.label;
    EXPECT_EQ(status.error().code, c.code) << c.label << ": " << status.error().describe();
  }

  // Container block headers.
  std::string header = header_for("\"long\"");
  struct BlockCase {
    const char* label;
    int64_t count;
    int64_t size;
    ErrorCode code;
  };
  for (const BlockCase& c : std::vector<BlockCase>{
           {"block count 2^62", kHuge, 1, ErrorCode::kLimitExceeded},
           {"block count -1", -1, 1, ErrorCode::kInvalidData},
           {"block size 2^62", 1, kHuge, ErrorCode::kLimitExceeded},
           {"block size -1", 1, -1, ErrorCode::kInvalidData},
           {"block size past the end", 1, 100, ErrorCode::kTruncated},
           {"more records than bytes", 1000, 1, ErrorCode::kInvalidData},
       }) {
    std::string file = header;
    ByteWriter writer(file);
    writer.write_long(c.count);
    writer.write_long(c.size);
    file += std::string("\x02") + std::string(16, '\0');
    FileResult result = read_file(file);
    EXPECT_EQ(result.error.code, c.code) << c.label << ": " << describe(result);
  }
  expect_still_working();
}

TEST(Adversarial, BlockItemLimitIsConfigurable) {
  std::string bytes = varint(3) + varint(1) + varint(2) + varint(3) + varint(0);
  Limits limits;
  EXPECT_TRUE(decode_datum(R"({"type":"array","items":"long"})", bytes, limits).is_ok());
  limits.max_block_items = 2;
  Status status = decode_datum(R"({"type":"array","items":"long"})", bytes, limits);
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.error().code, ErrorCode::kLimitExceeded);
  EXPECT_NE(status.error().message.find("limit of 2"), std::string::npos);
}

// ---------------------------------------------------------------------------
// Decompression bombs inside container files.

void expect_bomb_defused(Codec codec, const std::string& bomb, uint64_t expanded) {
  SCOPED_TRACE(std::string(codec_name(codec)) + ": " + std::to_string(bomb.size()) +
               " bytes expanding to " + std::to_string(expanded));
  std::string file = header_for("\"long\"", codec);
  append_block(file, 1, bomb);
  FileResult result = read_file(file);  // default limits
  EXPECT_EQ(result.error.code, ErrorCode::kLimitExceeded) << describe(result);
  // deflate cannot expand more than 1,032 times: its bombs stop at the
  // size limit; the others stop at the ratio.
  if (codec != Codec::kDeflate) {
    EXPECT_NE(result.error.message.find("ratio"), std::string::npos) << describe(result);
  }
  EXPECT_LT(result.seconds, kBoundSeconds);

  // Without the ratio the absolute limit still holds.
  ContainerLimits no_ratio;
  no_ratio.max_decompression_ratio = 0;
  no_ratio.max_decompressed_block_size = 16 * kMiB;
  FileResult absolute = read_file(file, no_ratio);
  EXPECT_EQ(absolute.error.code, ErrorCode::kLimitExceeded) << describe(absolute);
  EXPECT_LT(absolute.seconds, kBoundSeconds);
}

TEST(Adversarial, DecompressionBombsInContainerFiles) {
  constexpr uint64_t kGiB = uint64_t{1} << 30;
  std::string zstd = testing::zstd_bomb(kGiB, false);
  EXPECT_LT(zstd.size(), 64 * 1024u);  // "a few KB expanding to GBs"
  expect_bomb_defused(Codec::kZstandard, zstd, kGiB);
  expect_bomb_defused(Codec::kZstandard, testing::zstd_bomb(kGiB, true), kGiB);
  // The other encoders are slower on zeros (seconds per GiB): smaller bombs,
  // just as far beyond the limits.
  expect_bomb_defused(Codec::kDeflate, testing::deflate_bomb(128 * kMiB), 128 * kMiB);
  std::string bzip2 = testing::bzip2_bomb(64 * kMiB);
  EXPECT_LT(bzip2.size(), 4096u);
  expect_bomb_defused(Codec::kBzip2, bzip2, 64 * kMiB);
  expect_bomb_defused(Codec::kXz, testing::xz_bomb(64 * kMiB), 64 * kMiB);
  expect_still_working();
}

TEST(Adversarial, RatioAllowsSmallBlocksOfZeros) {
  // A 64 KiB block of zeros compresses thousands of times: under the 1 MiB
  // allowance it is never refused.
  std::string datums(64 * 1024, '\0');
  std::vector<uint32_t> ends;
  for (uint32_t i = 1; i <= datums.size(); ++i) ends.push_back(i);
  for (Codec codec :
       {Codec::kDeflate, Codec::kZstandard, Codec::kBzip2, Codec::kXz, Codec::kSnappy}) {
    FileResult result = read_file(write_file("\"int\"", datums, ends, codec, 1 << 20));
    EXPECT_EQ(result.error.code, ErrorCode::kOk) << codec_name(codec) << ": " << describe(result);
    EXPECT_EQ(result.records, 64 * 1024);
  }
}

// ---------------------------------------------------------------------------
// Deep values, recursive schemas.

TEST(Adversarial, TenThousandDeepNestedArrays) {
  // As a schema: refused by the schema depth limit.
  std::string schema = "\"long\"";
  for (int i = 0; i < 10000; ++i) schema = R"({"type":"array","items":)" + schema + "}";
  auto parsed = Schema::parse(schema);
  ASSERT_FALSE(parsed.is_ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::kLimitExceeded);

  // As a value of a recursive type: refused by the value depth limit, by
  // the decoder, the skipper, the JSON converter and a resolver alike.
  const char* tree =
      R"({"type":"record","name":"T","fields":[{"name":"c","type":{"type":"array","items":"T"}}]})";
  std::string bytes;
  for (int i = 0; i < 10000; ++i) bytes += varint(1);
  for (int i = 0; i < 10001; ++i) bytes += varint(0);
  Status status = decode_datum(tree, bytes);
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.error().code, ErrorCode::kLimitExceeded);
  auto program = Program::compile(Schema::parse(tree).value());
  ByteReader skip_reader(bytes);
  EXPECT_EQ(program->skip(skip_reader).error().code, ErrorCode::kLimitExceeded);
  auto resolver = Resolver::compile(program, Schema::parse(tree).value()).value();
  Tape tape;
  ByteReader resolved(bytes);
  EXPECT_EQ(resolver->decode(resolved, tape).error().code, ErrorCode::kLimitExceeded);

  // The same in Avro JSON text.
  std::string json;
  for (int i = 0; i < 10000; ++i) json += R"({"c":[)";
  json += R"({"c":[]})";
  for (int i = 0; i < 10000; ++i) json += "]}";
  auto value = json::parse(json);
  EXPECT_EQ(value.error().code, ErrorCode::kLimitExceeded);
}

TEST(Adversarial, RecursiveSchemasWithDeepValues) {
  const char* list =
      R"({"type":"record","name":"N","fields":[{"name":"next","type":["null","N"]}]})";
  auto deep = [](int depth) { return std::string(depth, '\x02') + std::string(1, '\0'); };
  EXPECT_TRUE(decode_datum(list, deep(400)).is_ok());
  for (int depth : {1000, 100000}) {
    Status status = decode_datum(list, deep(depth));
    ASSERT_FALSE(status.is_ok()) << depth;
    EXPECT_EQ(status.error().code, ErrorCode::kLimitExceeded);
  }
  Limits shallow;
  shallow.max_depth = 10;
  EXPECT_EQ(decode_datum(list, deep(50), shallow).error().code, ErrorCode::kLimitExceeded);

  // In a container file: the records before the deep one are kept.
  std::string datums;
  std::vector<uint32_t> ends;
  for (int i = 0; i < 3; ++i) {
    datums += deep(5);
    ends.push_back(static_cast<uint32_t>(datums.size()));
  }
  datums += deep(5000);
  ends.push_back(static_cast<uint32_t>(datums.size()));
  FileResult result = read_file(write_file(list, datums, ends));
  EXPECT_EQ(result.error.code, ErrorCode::kLimitExceeded) << describe(result);
  EXPECT_EQ(result.records, 3);
  EXPECT_NE(result.error.message.find("record 3"), std::string::npos) << describe(result);
  expect_still_working();
}

// ---------------------------------------------------------------------------
// Invalid UTF-8: rejected wherever a string is read (value, map key,
// metadata key) with kInvalidUtf8; bytes values take any byte.

TEST(Adversarial, InvalidUtf8IsRejectedConsistently) {
  const std::vector<std::pair<const char*, std::string>> bad = {
      {"lone continuation", "\x80"},
      {"overlong slash", "\xc0\xaf"},
      {"overlong NUL", "\xc0\x80"},
      {"surrogate", "\xed\xa0\x80"},
      {"beyond U+10FFFF", "\xf4\x90\x80\x80"},
      {"cut short", "ab\xe2\x82"},
      {"0xff", "\xff"},
  };
  for (const auto& [label, text] : bad) {
    std::string value;
    ByteWriter(value).write_bytes(text);
    Status status = decode_datum("\"string\"", value);
    ASSERT_FALSE(status.is_ok()) << label;
    EXPECT_EQ(status.error().code, ErrorCode::kInvalidUtf8) << label;
    EXPECT_TRUE(decode_datum("\"bytes\"", value).is_ok()) << label;

    std::string map = varint(1) + value + varint(0);
    EXPECT_EQ(decode_datum(R"({"type":"map","values":"null"})", map).error().code,
              ErrorCode::kInvalidUtf8)
        << label;

    std::vector<uint32_t> ends = {static_cast<uint32_t>(value.size())};
    FileResult result = read_file(write_file("\"string\"", value, ends));
    EXPECT_EQ(result.error.code, ErrorCode::kInvalidUtf8) << label;
  }
  // The encoder side: Avro JSON text with a lone surrogate escape.
  auto value = json::parse(R"("\ud800")");
  EXPECT_FALSE(value.is_ok());
}

// ---------------------------------------------------------------------------
// Sync markers.

TEST(Adversarial, SyncMarkerMismatchStopsAfterTheGoodBlocks) {
  std::string file = header_for("\"long\"");
  append_block(file, 1, varint(7));
  append_block(file, 1, varint(8));
  size_t second_sync = file.size() - kSyncSize;
  append_block(file, 1, varint(9), false);
  size_t bad_sync = file.size() - kSyncSize;
  FileResult result = read_file(file);
  EXPECT_EQ(result.error.code, ErrorCode::kInvalidData);
  EXPECT_EQ(result.error.offset, static_cast<int64_t>(bad_sync));
  EXPECT_EQ(result.records, 2);
  EXPECT_GT(bad_sync, second_sync);
}

// ---------------------------------------------------------------------------
// Schemas.

TEST(Adversarial, AbsurdSchemas) {
  auto start = std::chrono::steady_clock::now();
  std::string fields;
  for (int i = 0; i < 100000; ++i) {
    if (i) fields += ',';
    fields += R"({"name":"f)" + std::to_string(i) + R"(","type":"int"})";
  }
  auto wide = Schema::parse(R"({"type":"record","name":"W","fields":[)" + fields + "]}");
  ASSERT_TRUE(wide.is_ok()) << wide.error().describe();
  EXPECT_EQ(wide.value()->root_node().fields.size(), 100000u);
  // 100,000 fields of one zero byte each.
  auto program = Program::compile(wide.value());
  std::string zeros(100000, '\0');
  Tape tape;
  ByteReader reader(zeros);
  EXPECT_TRUE(program->decode(reader, tape).is_ok());
  // A hostile writer schema with 100,000 fields (in reverse order) read
  // with an application's small reader schema: linear in the writer.
  std::string reversed;
  for (int i = 99999; i >= 0; --i) {
    reversed += R"({"name":"f)" + std::to_string(i) + R"(","type":"int"})";
    if (i) reversed += ',';
  }
  auto writer = Schema::parse(R"({"type":"record","name":"W","fields":[)" + reversed + "]}");
  ASSERT_TRUE(writer.is_ok());
  auto reader_schema = Schema::parse(
      R"({"type":"record","name":"W","fields":[{"name":"f5","type":"long"},{"name":"f99998","type":"int"},)"
      R"({"name":"extra","type":"string","default":""}]})");
  auto resolver = Resolver::compile(Program::compile(reader_schema.value()), writer.value());
  ASSERT_TRUE(resolver.is_ok()) << resolver.error().describe();
  Tape resolved;
  ByteReader resolved_reader(zeros);
  EXPECT_TRUE(resolver.value()->decode(resolved_reader, resolved).is_ok());
  EXPECT_LT(seconds_since(start), kBoundSeconds);

  auto duplicates = Schema::parse(R"({"type":"record","name":"D","fields":[)" + fields + "," +
                                  R"({"name":"f99999","type":"long"}]})");
  ASSERT_FALSE(duplicates.is_ok());
  EXPECT_EQ(duplicates.error().code, ErrorCode::kSchemaParse);
  EXPECT_EQ(duplicates.error().path, ".fields[100000]");

  auto names = Schema::parse(
      R"(["null",{"type":"fixed","name":"X","size":1},{"type":"enum","name":"X","symbols":["A"]}])");
  EXPECT_EQ(names.error().code, ErrorCode::kSchemaParse);

  // Precision and scale: out-of-range values make the logical type invalid
  // (ignored, as the spec says); in-range but absurd ones parse, and a value
  // whose text would be that long is refused instead of written out.
  for (const char* ignored :
       {R"({"type":"bytes","logicalType":"decimal","precision":1e300,"scale":2})",
        R"({"type":"bytes","logicalType":"decimal","precision":5,"scale":6})",
        R"({"type":"bytes","logicalType":"decimal","precision":-1})",
        R"({"type":"bytes","logicalType":"decimal","precision":4294967296})",
        R"({"type":"fixed","name":"F","size":1,"logicalType":"decimal","precision":2147483647})"}) {
    auto parsed = Schema::parse(ignored);
    ASSERT_TRUE(parsed.is_ok()) << ignored;
    EXPECT_EQ(parsed.value()->root_node().logical, Logical::kNone) << ignored;
  }
  // (decode_one: the JSON encoding ignores logical types, so only the
  // decoder writes decimal text.)
  const char* absurd =
      R"({"type":"bytes","logicalType":"decimal","precision":2147483647,"scale":2147483647})";
  Status status = decode_one(absurd, varint(1) + "\x01");
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.error().code, ErrorCode::kLimitExceeded);
  // big-decimal takes its scale from the data.
  std::string big = varint(1) + "\x01" + varint(INT32_MAX);
  std::string big_value;
  ByteWriter(big_value).write_bytes(big);
  status = decode_one(R"({"type":"bytes","logicalType":"big-decimal"})", big_value);
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.error().code, ErrorCode::kLimitExceeded);

  // A schema document of millions of tiny JSON values (a 64 MiB header can
  // carry one) is refused before it becomes gigabytes of DOM.
  std::string many = "[\"null\"";
  for (int i = 0; i < 2000000; ++i) many += ",0";
  many += "]";
  auto huge = Schema::parse(many);
  ASSERT_FALSE(huge.is_ok());
  EXPECT_EQ(huge.error().code, ErrorCode::kLimitExceeded);
}

TEST(Adversarial, HeaderWithTooManyMetadataEntries) {
  std::string file("Obj\x01", 4);
  ByteWriter writer(file);
  writer.write_long(100000);
  for (int i = 0; i < 100000; ++i) {
    writer.write_bytes("");
    writer.write_bytes("");
  }
  writer.write_long(0);
  file += std::string(16, 's');
  FileResult result = read_file(file);
  EXPECT_EQ(result.error.code, ErrorCode::kLimitExceeded) << describe(result);
}

// ---------------------------------------------------------------------------
// Output that outgrows the input: bounded per call by max_decoded_size.

TEST(Adversarial, DecodedOutputIsBounded) {
  // 1-byte records (an empty bytes value) that each become 4,002 characters
  // of decimal text: 4,000x the input.
  const char* decimal = R"({"type":"bytes","logicalType":"decimal","precision":4096,"scale":4000})";
  std::string datums(5000, '\0');
  std::vector<uint32_t> ends;
  for (uint32_t i = 1; i <= datums.size(); ++i) ends.push_back(i);
  std::string file = write_file(decimal, datums, ends, Codec::kNull, 1 << 20);
  Limits limits;
  limits.max_decoded_size = 4 * kMiB;
  FileResult result = read_file(file, {}, limits);
  EXPECT_EQ(result.error.code, ErrorCode::kLimitExceeded) << describe(result);
  EXPECT_GT(result.records, 500);
  EXPECT_LT(result.records, 2000);
  EXPECT_EQ(read_file(file).error.code, ErrorCode::kOk);  // 20 MB: within the default

  // Reader defaults fill fields the writer lacks: a reader schema can make
  // every empty writer record large. Nested arrays of them, in one datum.
  const char* writer_schema =
      R"({"type":"array","items":{"type":"array","items":{"type":"record","name":"E","fields":[]}}})";
  std::string reader_text =
      R"({"type":"array","items":{"type":"array","items":{"type":"record","name":"E","fields":[)"
      R"({"name":"pad","type":"string","default":")" +
      std::string(1000, 'p') + R"("}]}}})";
  std::string nested = varint(1000);
  for (int i = 0; i < 1000; ++i) nested += varint(1000) + varint(0);
  nested += varint(0);
  auto resolver = Resolver::compile(Program::compile(Schema::parse(reader_text).value()),
                                    Schema::parse(writer_schema).value());
  ASSERT_TRUE(resolver.is_ok()) << resolver.error().describe();
  Tape tape;
  ByteReader reader(nested);
  auto start = std::chrono::steady_clock::now();
  Status status = resolver.value()->decode(reader, tape, limits);  // ~1 GB of defaults otherwise
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.error().code, ErrorCode::kLimitExceeded);
  EXPECT_LT(tape.size_bytes(), 8 * kMiB);
  EXPECT_LT(seconds_since(start), kBoundSeconds);
}

TEST(Adversarial, BlocksOfRecordsThatTakeNoBytes) {
  std::string file = header_for(R"({"type":"record","name":"Empty","fields":[]})");
  append_block(file, int64_t{1} << 24, "");
  Limits limits;
  limits.max_zero_size_items = 1000;
  FileResult result = read_file(file, {}, limits);
  EXPECT_EQ(result.error.code, ErrorCode::kLimitExceeded) << describe(result);
  EXPECT_LT(result.seconds, kBoundSeconds);
}

// Found by fuzz_resolve: a float promoted to double was also converted to
// an int64 on the way, which for 2^64 is undefined behaviour natively and a
// trap (a dead module) in wasm.
TEST(Adversarial, FloatsPromotedBeyondTheInt64Range) {
  auto reader = Program::compile(Schema::parse(R"({"type":"map","values":"double"})").value());
  auto resolver =
      Resolver::compile(reader, Schema::parse(R"({"type":"map","values":"float"})").value());
  ASSERT_TRUE(resolver.is_ok());
  std::string bytes = varint(2) + varint(1) + "a" + std::string("\x00\x00\x80\x5f", 4) + varint(1) +
                      "b" + std::string("\x00\x00\x80\xff", 4) + varint(0);  // 2^64, -infinity
  Tape tape;
  ByteReader reader_bytes(bytes);
  ASSERT_TRUE(resolver.value()->decode(reader_bytes, tape).is_ok());
  ASSERT_EQ(tape.nums.size(), 3u);
  EXPECT_EQ(tape.nums[1], 18446744073709551616.0);
  EXPECT_EQ(tape.nums[2], -std::numeric_limits<double>::infinity());
}

// ---------------------------------------------------------------------------
// Inputs that once crashed a fuzzer: "<harness>-<name>" files, replayed
// through the same entry points (the properties each harness checks are
// asserted by the fuzzers themselves; here: no crash, no internal error).

void replay(const std::string& harness, std::string_view input) {
  auto split = [&](size_t parts) {
    std::vector<std::string_view> out;
    std::string_view rest = input;
    for (size_t i = 0; i + 1 < parts; ++i) {
      size_t newline = rest.find('\n');
      if (newline == std::string_view::npos) return std::vector<std::string_view>{};
      out.push_back(rest.substr(0, newline));
      rest = rest.substr(newline + 1);
    }
    out.push_back(rest);
    return out;
  };
  auto no_internal = [](const Status& status) {
    EXPECT_TRUE(status.is_ok() || status.error().code != ErrorCode::kInternal)
        << status.error().describe();
  };
  if (harness == "schema") {
    auto schema = Schema::parse(input);
    if (schema) no_internal(Schema::parse(schema.value()->to_json()).status());
  } else if (harness == "datum" || harness == "roundtrip" || harness == "json") {
    auto parts = split(2);
    if (parts.empty()) return;
    auto schema = Schema::parse(parts[0]);
    if (!schema) return;
    auto program = Program::compile(schema.value());
    Tape tape;
    ByteReader reader(parts[1]);
    no_internal(program->decode(reader, tape));
    auto value = json::parse(parts[1]);
    std::string binary;
    if (value) {
      no_internal(json_to_binary(program->schema(), program->root(), value.value(),
                                 JsonMode::kAvroJson, binary));
    }
  } else if (harness == "resolve") {
    auto parts = split(3);
    if (parts.empty()) return;
    auto writer = Schema::parse(parts[0]);
    auto reader_schema = Schema::parse(parts[1]);
    if (!writer || !reader_schema) return;
    auto resolver = Resolver::compile(Program::compile(reader_schema.value()), writer.value());
    if (!resolver) return;
    Tape tape;
    ByteReader reader(parts[2]);
    no_internal(resolver.value()->decode(reader, tape));
  } else if (harness == "container") {
    if (input.empty()) return;
    FileResult result =
        read_file(input.substr(1), {}, {}, nullptr, 1 + static_cast<uint8_t>(input[0]) % 64);
    EXPECT_TRUE(kFileErrors.count(result.error.code)) << describe(result);
  } else if (harness == "codec") {
    if (input.empty()) return;
    BlockCodec codec(static_cast<Codec>(static_cast<uint8_t>(input[0]) % 6));
    std::string out;
    no_internal(codec.decompress(input.substr(1), kMiB, &out));
  } else {
    ADD_FAILURE() << "unknown harness prefix " << harness;
  }
}

TEST(Adversarial, FuzzerRegressionsStayFixed) {
  const std::filesystem::path dir = std::filesystem::path(AVRO_REGRESSIONS_DIR);
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir;
  int replayed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || name == "README.md") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    SCOPED_TRACE(name);
    auto start = std::chrono::steady_clock::now();
    replay(name.substr(0, name.find('-')), bytes.str());
    EXPECT_LT(seconds_since(start), kBoundSeconds);
    ++replayed;
  }
  RecordProperty("replayed", replayed);
  expect_still_working();
}

}  // namespace
}  // namespace avro
