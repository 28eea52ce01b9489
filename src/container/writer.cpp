#include "container/writer.h"

#include "io/bytes.h"

namespace avro {

ContainerWriter::ContainerWriter(std::string schema_json, ContainerWriterOptions options)
    : schema_json_(std::move(schema_json)),
      options_(std::move(options)),
      codec_(std::make_unique<BlockCodec>(options_.codec)) {
  if (options_.block_size == 0) options_.block_size = 1;
}

Result<ContainerWriter> ContainerWriter::create(std::string schema_json,
                                                ContainerWriterOptions options) {
  AVRO_TRY(check_level(options.codec, options.level));
  for (const auto& entry : options.metadata) {
    if (entry.first == "avro.schema" || entry.first == "avro.codec") {
      return make_error(
          ErrorCode::kInvalidValue,
          "metadata key \"" + entry.first + "\" is reserved; it is set from the schema and codec");
    }
  }
  return ContainerWriter(std::move(schema_json), std::move(options));
}

ContainerWriter ContainerWriter::for_append(const FileHeader& header, int level,
                                            size_t block_size) {
  ContainerWriterOptions options;
  options.codec = header.codec;
  options.level = level;
  options.block_size = block_size;
  options.sync = header.sync;
  return ContainerWriter(header.schema_json, std::move(options));
}

void ContainerWriter::write_header(std::string& out) const {
  write_header_bytes(schema_json_, options_.codec, options_.metadata, options_.sync, out);
}

Status ContainerWriter::add(std::string_view data, const std::vector<uint32_t>& ends,
                            std::string& out) {
  uint32_t start = 0;
  for (uint32_t end : ends) {
    if (end < start || end > data.size())
      return make_error(ErrorCode::kInternal, "bad datum offsets");
    pending_.append(data.substr(start, end - start));
    start = end;
    ++pending_count_;
    if (pending_.size() >= options_.block_size) AVRO_TRY(flush(out));
  }
  return Status::ok();
}

Status ContainerWriter::flush(std::string& out) {
  if (pending_count_ == 0) return Status::ok();
  std::string_view data = pending_;
  if (options_.codec != Codec::kNull) {
    AVRO_TRY(codec_->compress(pending_, options_.level, &compressed_));
    data = compressed_;
  }
  ByteWriter writer(out);
  writer.write_long(pending_count_);
  writer.write_long(static_cast<int64_t>(data.size()));
  writer.write_raw(data);
  writer.write_raw(
      std::string_view(reinterpret_cast<const char*>(options_.sync.data()), kSyncSize));
  pending_.clear();
  pending_count_ = 0;
  ++blocks_written_;
  return Status::ok();
}

}  // namespace avro
