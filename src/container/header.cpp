#include "container/header.h"

#include <algorithm>

#include "datum/block_count.h"
#include "json/json.h"

namespace avro {

namespace {

constexpr std::string_view kLegacyMagic{"Obj\x00", 4};

Error truncated(const ByteReader& reader, const char* what) {
  return make_error(ErrorCode::kTruncated,
                    std::string("input ended inside the file header (") + what + ")",
                    static_cast<int64_t>(reader.position()));
}

Status read_string(ByteReader& reader, const char* what, std::string* out) {
  size_t start = reader.position();
  int64_t length = 0;
  ReadStatus status = reader.read_long(&length);
  if (status == ReadStatus::kTruncated) return truncated(reader, what);
  if (status != ReadStatus::kOk || length < 0) {
    return make_error(ErrorCode::kInvalidData, std::string("invalid length of a header ") + what,
                      static_cast<int64_t>(start));
  }
  std::string_view bytes;
  if (static_cast<uint64_t>(length) > reader.remaining() ||
      reader.read_raw(static_cast<size_t>(length), &bytes) != ReadStatus::kOk) {
    return truncated(reader, what);
  }
  out->assign(bytes);
  return Status::ok();
}

Status check_magic(std::string_view bytes) {
  size_t n = std::min(bytes.size(), kContainerMagic.size());
  if (bytes.substr(0, n) == kContainerMagic.substr(0, n)) {
    if (n < kContainerMagic.size()) {
      return make_error(ErrorCode::kTruncated, "input ended inside the file magic",
                        static_cast<int64_t>(n));
    }
    return Status::ok();
  }
  if (bytes.substr(0, 4) == kLegacyMagic) {
    return make_error(ErrorCode::kInvalidData,
                      "this is the legacy Avro 1.2 container format (magic \"Obj\\x00\"), which is "
                      "not supported; "
                      "rewrite it with a current Avro release",
                      0);
  }
  return make_error(ErrorCode::kInvalidData,
                    "not an Avro object container file (the magic bytes are not \"Obj\\x01\")", 0);
}

// Each entry costs two strings of bookkeeping (~50 bytes) for as little as
// two bytes of input, so the count is capped well below what max_header_size
// alone would allow; real files carry a handful.
constexpr uint64_t kMaxMetadataEntries = 1 << 16;

Status read_metadata(ByteReader& reader, FileHeader* header) {
  uint64_t zero_size_budget = 0;  // entries take at least two bytes: never zero-size
  for (;;) {
    int64_t count = 0;
    if (reader.remaining() == 0) return truncated(reader, "metadata");
    AVRO_TRY(read_block_count(reader, 2, &zero_size_budget,
                              kMaxMetadataEntries - header->metadata.size(), &count));
    if (count == 0) return Status::ok();
    for (int64_t i = 0; i < count; ++i) {
      size_t key_offset = reader.position();
      std::string key, value;
      AVRO_TRY(read_string(reader, "metadata key", &key));
      AVRO_TRY(read_string(reader, "metadata value", &value));
      if (!json::is_valid_utf8(key)) {
        return make_error(ErrorCode::kInvalidUtf8, "a metadata key is not valid UTF-8",
                          static_cast<int64_t>(key_offset));
      }
      header->metadata.emplace_back(std::move(key), std::move(value));
    }
  }
}

Status read_known_keys(FileHeader* header) {
  const std::string* schema = header->find("avro.schema");
  if (schema == nullptr) {
    return make_error(ErrorCode::kInvalidData, "the file header has no avro.schema entry", 4);
  }
  header->schema_json = *schema;
  header->codec = Codec::kNull;  // a missing avro.codec means null
  if (const std::string* name = header->find("avro.codec")) {
    auto codec = codec_from_name(*name);
    if (!codec) {
      return make_error(ErrorCode::kUnsupported,
                        "unknown codec \"" + *name + "\" in the file header", 4);
    }
    header->codec = *codec;
  }
  return Status::ok();
}

}  // namespace

const std::string* FileHeader::find(std::string_view key) const {
  for (const auto& [k, v] : metadata) {
    if (k == key) return &v;
  }
  return nullptr;
}

Result<FileHeader> parse_header(std::string_view bytes, uint64_t max_size) {
  AVRO_TRY(check_magic(bytes));
  // Parsing sees at most max_size bytes, so a longer header is reported
  // as a limit instead of waiting for more input forever.
  bool capped = bytes.size() > max_size;
  ByteReader reader(bytes.substr(0, capped ? static_cast<size_t>(max_size) : bytes.size()));
  reader.seek(kContainerMagic.size());
  FileHeader header;
  Status status = read_metadata(reader, &header);
  if (status) {
    std::string_view sync;
    if (reader.read_raw(kSyncSize, &sync) != ReadStatus::kOk) {
      status = truncated(reader, "sync marker");
    } else {
      std::copy(sync.begin(), sync.end(), header.sync.begin());
    }
  }
  if (!status) {
    Error error = std::move(status).error();
    if (error.code == ErrorCode::kTruncated && (capped || reader.position() >= max_size)) {
      return make_error(
          ErrorCode::kLimitExceeded,
          "the file header is larger than the limit of " + std::to_string(max_size) + " bytes", 0);
    }
    return error;
  }
  header.size = reader.position();
  AVRO_TRY(read_known_keys(&header));
  return header;
}

void write_header_bytes(std::string_view schema_json, Codec codec,
                        const std::vector<std::pair<std::string, std::string>>& extra,
                        const SyncMarker& sync, std::string& out) {
  ByteWriter writer(out);
  writer.write_raw(kContainerMagic);
  size_t count = 2;
  for (const auto& entry : extra) {
    if (entry.first != "avro.schema" && entry.first != "avro.codec") ++count;
  }
  writer.write_long(static_cast<int64_t>(count));
  writer.write_bytes("avro.schema");
  writer.write_bytes(schema_json);
  writer.write_bytes("avro.codec");
  writer.write_bytes(codec_name(codec));
  for (const auto& [key, value] : extra) {
    if (key == "avro.schema" || key == "avro.codec") continue;
    writer.write_bytes(key);
    writer.write_bytes(value);
  }
  writer.write_long(0);
  writer.write_raw(std::string_view(reinterpret_cast<const char*>(sync.data()), sync.size()));
}

}  // namespace avro
