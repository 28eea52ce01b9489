// Object container files: header parsing, the incremental block reader (any
// chunking gives the same blocks), the writer, and every documented error,
// checked on hand-built files and on the real files in ../shared/testdata
// (record counts from MANIFEST.md, which python3-avro produced).
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>

#include "container/block_decode.h"
#include "container/reader.h"
#include "container/writer.h"
#include "datum/program.h"
#include "io/bytes.h"
#include "testdata.h"

namespace avro {
namespace {

constexpr const char* kLongSchema = "\"long\"";

SyncMarker test_sync() {
  SyncMarker sync;
  for (size_t i = 0; i < sync.size(); ++i) sync[i] = static_cast<uint8_t>(0xa0 + i);
  return sync;
}

// Encodes `values` as long datums and returns them back to back with ends.
std::string long_datums(const std::vector<int64_t>& values, std::vector<uint32_t>* ends) {
  std::string out;
  ByteWriter writer(out);
  for (int64_t v : values) {
    writer.write_long(v);
    ends->push_back(static_cast<uint32_t>(out.size()));
  }
  return out;
}

// A file of long values written by ContainerWriter.
std::string write_longs(const std::vector<int64_t>& values, size_t block_size, Codec codec = Codec::kNull,
                        std::vector<std::pair<std::string, std::string>> metadata = {}) {
  ContainerWriterOptions options;
  options.codec = codec;
  options.block_size = block_size;
  options.sync = test_sync();
  options.metadata = std::move(metadata);
  auto writer = ContainerWriter::create(kLongSchema, options);
  EXPECT_TRUE(writer.is_ok());
  std::string out;
  writer.value().write_header(out);
  std::vector<uint32_t> ends;
  std::string datums = long_datums(values, &ends);
  EXPECT_TRUE(writer.value().add(datums, ends, out).is_ok());
  EXPECT_TRUE(writer.value().flush(out).is_ok());
  return out;
}

struct ReadResult {
  FileHeader header;
  std::vector<ContainerBlock> blocks;  // data views are not kept
  std::vector<std::string> block_data;
  Error error;
  uint64_t max_buffered = 0;
};

// Feeds `file` in chunks of `chunk` bytes and collects every block.
ReadResult read_all(std::string_view file, size_t chunk, ContainerLimits limits = {}) {
  ReadResult result;
  ContainerReader reader(limits);
  size_t fed = 0;
  for (;;) {
    auto event = reader.next();
    if (!event) {
      result.error = std::move(event).error();
      return result;
    }
    switch (event.value()) {
      case ContainerReader::Event::kNeedInput: {
        size_t n = std::min(chunk, file.size() - fed);
        reader.feed(file.substr(fed, n));
        fed += n;
        if (fed == file.size()) reader.finish();
        result.max_buffered = std::max<uint64_t>(result.max_buffered, reader.buffered());
        break;
      }
      case ContainerReader::Event::kHeader:
        result.header = reader.header();
        break;
      case ContainerReader::Event::kBlock:
        result.blocks.push_back(reader.block());
        result.block_data.emplace_back(reader.block().data);
        break;
      case ContainerReader::Event::kEnd:
        return result;
    }
  }
}

std::vector<int64_t> decode_longs(const ReadResult& result) {
  auto program = Program::compile(Schema::parse(kLongSchema).value());
  std::vector<int64_t> values;
  for (size_t i = 0; i < result.blocks.size(); ++i) {
    ContainerBlock block = result.blocks[i];
    block.data = result.block_data[i];
    Tape tape;
    int64_t decoded = 0;
    EXPECT_TRUE(decode_block(*program, block, false, tape, {}, &decoded).is_ok());
    for (double n : tape.nums) values.push_back(static_cast<int64_t>(n));
  }
  return values;
}

TEST(ContainerWriter, HeaderHasSchemaCodecMetadataAndSync) {
  std::string file = write_longs({1, 2, 3}, 1024, Codec::kNull, {{"user.key", "value"}});
  // Spec layout: magic, map block of 3 entries, entries, end of map, sync.
  ByteReader reader(file);
  std::string_view magic;
  ASSERT_EQ(reader.read_raw(4, &magic), ReadStatus::kOk);
  EXPECT_EQ(magic, std::string_view("Obj\x01", 4));
  int64_t count = 0;
  ASSERT_EQ(reader.read_long(&count), ReadStatus::kOk);
  EXPECT_EQ(count, 3);

  ReadResult result = read_all(file, 1 << 20);
  ASSERT_EQ(result.error.code, ErrorCode::kOk) << result.error.describe();
  EXPECT_EQ(result.header.schema_json, kLongSchema);
  EXPECT_EQ(result.header.codec, Codec::kNull);
  EXPECT_EQ(result.header.sync, test_sync());
  ASSERT_EQ(result.header.metadata.size(), 3u);
  EXPECT_EQ(result.header.metadata[0].first, "avro.schema");
  EXPECT_EQ(result.header.metadata[1].first, "avro.codec");
  EXPECT_EQ(result.header.metadata[1].second, "null");
  EXPECT_EQ(result.header.metadata[2], (std::pair<std::string, std::string>{"user.key", "value"}));
  ASSERT_EQ(result.blocks.size(), 1u);
  EXPECT_EQ(result.blocks[0].count, 3);
  EXPECT_EQ(result.blocks[0].offset, result.header.size);
  // One block: count 3, size 3, the zig-zag bytes 2 4 6, then the sync.
  EXPECT_EQ(result.block_data[0], std::string("\x02\x04\x06", 3));
  EXPECT_EQ(file.size(), result.header.size + 2 + 3 + kSyncSize);
}

TEST(ContainerWriter, SplitsBlocksAtBlockSize) {
  std::vector<int64_t> values;
  for (int64_t i = 0; i < 1000; ++i) values.push_back(i * 1000);
  std::string file = write_longs(values, 100);
  ReadResult result = read_all(file, 1 << 20);
  ASSERT_EQ(result.error.code, ErrorCode::kOk) << result.error.describe();
  ASSERT_GT(result.blocks.size(), 10u);
  for (size_t i = 0; i + 1 < result.blocks.size(); ++i) {
    EXPECT_GE(result.block_data[i].size(), 100u);
    EXPECT_LT(result.block_data[i].size(), 104u);  // flushed as soon as it reaches the size
  }
  EXPECT_EQ(decode_longs(result), values);
}

TEST(ContainerWriter, EmptyFileIsJustAHeader) {
  std::string file = write_longs({}, 100);
  ReadResult result = read_all(file, 7);
  ASSERT_EQ(result.error.code, ErrorCode::kOk);
  EXPECT_TRUE(result.blocks.empty());
  EXPECT_EQ(file.size(), result.header.size);
}

TEST(ContainerWriter, RejectsReservedMetadataAndBadLevels) {
  ContainerWriterOptions options;
  options.metadata = {{"avro.codec", "deflate"}};
  auto writer = ContainerWriter::create(kLongSchema, options);
  ASSERT_FALSE(writer.is_ok());
  EXPECT_EQ(writer.error().code, ErrorCode::kInvalidValue);

  ContainerWriterOptions levels;
  levels.codec = Codec::kDeflate;
  levels.level = 42;
  EXPECT_FALSE(ContainerWriter::create(kLongSchema, levels).is_ok());
}

TEST(ContainerWriter, AppendContinuesAFile) {
  std::string file = write_longs({1, 2}, 1024);
  ReadResult first = read_all(file, 1 << 20);
  ContainerWriter appender = ContainerWriter::for_append(first.header, kDefaultLevel, 1024);
  std::vector<uint32_t> ends;
  std::string datums = long_datums({3, 4, 5}, &ends);
  ASSERT_TRUE(appender.add(datums, ends, file).is_ok());
  ASSERT_TRUE(appender.flush(file).is_ok());
  ReadResult result = read_all(file, 1 << 20);
  ASSERT_EQ(result.error.code, ErrorCode::kOk) << result.error.describe();
  EXPECT_EQ(result.blocks.size(), 2u);
  EXPECT_EQ(decode_longs(result), (std::vector<int64_t>{1, 2, 3, 4, 5}));
}

TEST(ContainerReader, AnyChunkingGivesTheSameBlocks) {
  std::vector<int64_t> values;
  for (int64_t i = -500; i < 500; ++i) values.push_back(i * i * i);
  std::string file = write_longs(values, 64);
  ReadResult whole = read_all(file, file.size());
  for (size_t chunk : {1, 2, 3, 7, 16, 17, 100, 4096}) {
    ReadResult result = read_all(file, chunk);
    ASSERT_EQ(result.error.code, ErrorCode::kOk) << "chunk " << chunk << ": " << result.error.describe();
    EXPECT_EQ(result.block_data, whole.block_data) << "chunk " << chunk;
    EXPECT_EQ(decode_longs(result), values);
  }
}

TEST(ContainerReader, MemoryIsBoundedByTheBlockNotTheFile) {
  std::vector<int64_t> values(200000, 123456789);
  std::string file = write_longs(values, 4096);
  ASSERT_GT(file.size(), 800000u);
  ReadResult result = read_all(file, 1000);
  ASSERT_EQ(result.error.code, ErrorCode::kOk);
  EXPECT_LT(result.max_buffered, 3u * (4096 + 1000));
}

TEST(ContainerReader, BadMagicIsRejected) {
  ReadResult result = read_all("Obj\x02xxxxxxxxxxxxxxxxxxxxxxxx", 100);
  EXPECT_EQ(result.error.code, ErrorCode::kInvalidData);
  EXPECT_EQ(result.error.offset, 0);
  EXPECT_NE(result.error.message.find("magic"), std::string::npos);

  ReadResult legacy = read_all(std::string("Obj\x00yyyy", 8), 100);
  EXPECT_EQ(legacy.error.code, ErrorCode::kInvalidData);
  EXPECT_NE(legacy.error.message.find("1.2"), std::string::npos);

  EXPECT_EQ(read_all("", 100).error.code, ErrorCode::kTruncated);
  EXPECT_EQ(read_all("Ob", 100).error.code, ErrorCode::kTruncated);
}

// A header with these raw metadata entries (already binary-encoded) and sync.
std::string header_with(std::initializer_list<std::pair<std::string, std::string>> entries) {
  std::string out("Obj\x01", 4);
  ByteWriter writer(out);
  writer.write_long(static_cast<int64_t>(entries.size()));
  for (const auto& [key, value] : entries) {
    writer.write_bytes(key);
    writer.write_bytes(value);
  }
  writer.write_long(0);
  SyncMarker sync = test_sync();
  writer.write_raw(std::string_view(reinterpret_cast<const char*>(sync.data()), sync.size()));
  return out;
}

TEST(ContainerReader, HeaderErrors) {
  ReadResult unknown = read_all(header_with({{"avro.schema", "\"int\""}, {"avro.codec", "lz4"}}), 100);
  EXPECT_EQ(unknown.error.code, ErrorCode::kUnsupported);
  EXPECT_NE(unknown.error.message.find("lz4"), std::string::npos);

  ReadResult no_schema = read_all(header_with({{"avro.codec", "null"}}), 100);
  EXPECT_EQ(no_schema.error.code, ErrorCode::kInvalidData);
  EXPECT_NE(no_schema.error.message.find("avro.schema"), std::string::npos);

  ReadResult missing_codec = read_all(header_with({{"avro.schema", "\"int\""}}), 100);
  EXPECT_EQ(missing_codec.error.code, ErrorCode::kOk);
  EXPECT_EQ(missing_codec.header.codec, Codec::kNull);

  std::string cut = header_with({{"avro.schema", "\"int\""}});
  cut.resize(cut.size() - 3);  // inside the sync marker
  EXPECT_EQ(read_all(cut, 5).error.code, ErrorCode::kTruncated);

  ContainerLimits small;
  small.max_header_size = 20;
  ReadResult large = read_all(header_with({{"avro.schema", std::string(100, ' ') + "\"int\""}}), 3, small);
  EXPECT_EQ(large.error.code, ErrorCode::kLimitExceeded);
}

TEST(ContainerReader, BlockErrorsCarryOffsets) {
  std::string file = write_longs({1, 2, 3}, 1024);
  size_t header_size = read_all(file, 1 << 20).header.size;
  size_t sync_at = file.size() - kSyncSize;

  std::string bad_sync = file;
  bad_sync[sync_at + 5] ^= 0x01;
  ReadResult mismatch = read_all(bad_sync, 1 << 20);
  EXPECT_EQ(mismatch.error.code, ErrorCode::kInvalidData);
  EXPECT_EQ(mismatch.error.offset, static_cast<int64_t>(sync_at));
  EXPECT_NE(mismatch.error.message.find("sync"), std::string::npos);

  std::string truncated = file.substr(0, file.size() - 4);
  ReadResult cut = read_all(truncated, 10);
  EXPECT_EQ(cut.error.code, ErrorCode::kTruncated);
  EXPECT_EQ(cut.error.offset, static_cast<int64_t>(header_size));

  ReadResult trailing = read_all(file + "\x0a", 1 << 20);
  EXPECT_EQ(trailing.error.code, ErrorCode::kTrailingData);
  EXPECT_EQ(trailing.error.offset, static_cast<int64_t>(file.size()));
  EXPECT_EQ(trailing.blocks.size(), 1u);  // the good block came first

  std::string negative = file;
  negative[header_size] = 0x05;  // count -3
  EXPECT_EQ(read_all(negative, 1 << 20).error.code, ErrorCode::kInvalidData);
}

TEST(ContainerReader, LimitsStopHostileBlockHeaders) {
  std::string header = header_with({{"avro.schema", "\"null\""}});
  std::string huge_count = header;
  ByteWriter(huge_count).write_long(int64_t{1} << 62);
  ByteWriter(huge_count).write_long(0);
  ReadResult many = read_all(huge_count + std::string(16, '\xa0'), 1 << 20);
  EXPECT_EQ(many.error.code, ErrorCode::kLimitExceeded);

  std::string huge_size = header;
  ByteWriter(huge_size).write_long(1);
  ByteWriter(huge_size).write_long(int64_t{1} << 40);
  ReadResult big = read_all(huge_size, 1 << 20);
  EXPECT_EQ(big.error.code, ErrorCode::kLimitExceeded);
  EXPECT_NE(big.error.message.find("limit"), std::string::npos);
}

TEST(BlockDecode, ReportsTheFailingRecordAndKeepsEarlierOnes) {
  auto program = Program::compile(Schema::parse("\"string\"").value());
  ContainerBlock block;
  std::string data("\x02" "a" "\x02" "b" "\x10" "c", 6);  // third string claims 8 bytes
  block.count = 3;
  block.data = data;
  block.offset = 100;
  block.data_offset = 102;
  Tape tape;
  int64_t decoded = 0;
  Status status = decode_block(*program, block, false, tape, {}, &decoded);
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(decoded, 2);
  EXPECT_EQ(status.error().code, ErrorCode::kTruncated);
  EXPECT_EQ(status.error().offset, 102 + 4);
  EXPECT_NE(status.error().message.find("record 2"), std::string::npos);

  block.count = 1;  // one record, then 4 stray bytes
  status = decode_block(*program, block, false, tape, {}, &decoded);
  EXPECT_EQ(status.error().code, ErrorCode::kTrailingData);

  block.count = 100;  // more records than bytes
  status = decode_block(*program, block, false, tape, {}, &decoded);
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidData);
  EXPECT_EQ(decoded, 0);
}

// Real files: the record counts python3-avro reported (MANIFEST.md).
struct KnownFile {
  const char* path;
  int64_t records;
  int64_t blocks;
};

class RealFiles : public ::testing::TestWithParam<KnownFile> {};

TEST_P(RealFiles, DecodeEveryRecord) {
  const KnownFile& known = GetParam();
  std::string file;
  AVRO_READ_TESTDATA_OR_SKIP(known.path, &file);
  for (size_t chunk : {size_t{13}, file.size()}) {
    ReadResult result = read_all(file, chunk);
    ASSERT_EQ(result.error.code, ErrorCode::kOk) << result.error.describe();
    auto schema = Schema::parse(result.header.schema_json);
    ASSERT_TRUE(schema.is_ok()) << schema.error().describe();
    auto program = Program::compile(std::move(schema).value());
    int64_t records = 0;
    for (size_t i = 0; i < result.blocks.size(); ++i) {
      ContainerBlock block = result.blocks[i];
      block.data = result.block_data[i];
      Tape tape;
      int64_t decoded = 0;
      Status status = decode_block(*program, block, result.header.codec != Codec::kNull, tape, {}, &decoded);
      ASSERT_TRUE(status.is_ok()) << status.error().describe();
      records += decoded;
    }
    EXPECT_EQ(records, known.records);
    EXPECT_EQ(static_cast<int64_t>(result.blocks.size()), known.blocks);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Manifest, RealFiles,
    ::testing::Values(KnownFile{"apache-avro/data/weather.avro", 5, 1},
                      KnownFile{"apache-avro/data/weather-deflate.avro", 5, 1},
                      KnownFile{"apache-avro/data/weather-snappy.avro", 5, 1},
                      KnownFile{"apache-avro/data/weather-zstd.avro", 5, 1},
                      KnownFile{"apache-avro/data/syncInMeta.avro", 6001, 12},
                      KnownFile{"arrow-testing/data/alltypes_plain.bzip2.avro", 8, 1},
                      KnownFile{"arrow-testing/data/alltypes_plain.xz.avro", 8, 1},
                      KnownFile{"arrow-testing/data/alltypes_plain.zstandard.avro", 8, 1},
                      KnownFile{"apache-avro/data/lang-c/avro-1279-no-codec.avro", 3, 1},
                      KnownFile{"fastavro/data/testDataFileMeta.avro", 0, 0}),
    [](const ::testing::TestParamInfo<KnownFile>& info) {
      std::string name = std::filesystem::path(info.param.path).stem().string();
      for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return name;
    });

TEST(RealFiles, BrokenFilesGiveTheirErrors) {
  std::string file;
  AVRO_READ_TESTDATA_OR_SKIP("apache-avro/data/lang-js/person-10.no-codec.avro", &file);
  ReadResult stray = read_all(file, 64);
  EXPECT_EQ(stray.error.code, ErrorCode::kTrailingData);
  EXPECT_EQ(stray.error.offset, static_cast<int64_t>(file.size() - 1));
  ASSERT_EQ(stray.blocks.size(), 1u);
  EXPECT_EQ(stray.blocks[0].count, 10);

  AVRO_READ_TESTDATA_OR_SKIP("apache-avro/data/lang-c/avro-1238-truncated.avro", &file);
  EXPECT_EQ(read_all(file, 64).error.code, ErrorCode::kTruncated);

  AVRO_READ_TESTDATA_OR_SKIP("apache-avro/data/test.avro12", &file);
  ReadResult legacy = read_all(file, 64);
  EXPECT_EQ(legacy.error.code, ErrorCode::kInvalidData);
  EXPECT_NE(legacy.error.message.find("1.2"), std::string::npos);
}

}  // namespace
}  // namespace avro
