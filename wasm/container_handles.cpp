#include "container_handles.h"

#include <algorithm>

#include "container/block_decode.h"
#include "json/json.h"
#include "schema/fingerprint.h"

namespace avro::wasm {

namespace {

void read_limit(const json::Value& options, const char* key, uint64_t* limit) {
  int64_t number = 0;
  if (const json::Value* v = options.find(key); v && v->as_int64(&number) && number >= 0) {
    *limit = static_cast<uint64_t>(number);
  }
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool from_hex(const std::string& hex, std::string* out) {
  if (hex.size() % 2 != 0) return false;
  out->clear();
  for (size_t i = 0; i < hex.size(); i += 2) {
    int high = hex_digit(hex[i]), low = hex_digit(hex[i + 1]);
    if (high < 0 || low < 0) return false;
    out->push_back(static_cast<char>(high * 16 + low));
  }
  return true;
}

Status read_writer_options(const json::Value& json, ContainerWriterOptions* options, bool* append) {
  if (const json::Value* v = json.find("codec"); v && v->is_string()) {
    auto codec = codec_from_name(v->text());
    if (!codec) return make_error(ErrorCode::kUnsupported, "unknown codec \"" + v->text() + "\"");
    options->codec = *codec;
  }
  int64_t number = 0;
  if (const json::Value* v = json.find("level"); v && v->as_int64(&number)) {
    options->level = static_cast<int>(std::max<int64_t>(INT32_MIN, std::min<int64_t>(number, INT32_MAX)));
  }
  if (const json::Value* v = json.find("blockSize"); v && v->as_int64(&number) && number > 0) {
    options->block_size = static_cast<size_t>(std::min<int64_t>(number, int64_t{1} << 30));
  }
  if (const json::Value* v = json.find("sync"); v && v->is_string()) {
    std::string bytes;
    if (!from_hex(v->text(), &bytes) || bytes.size() != kSyncSize) {
      return make_error(ErrorCode::kInvalidValue, "the sync marker must be 16 bytes");
    }
    std::copy(bytes.begin(), bytes.end(), options->sync.begin());
  }
  if (const json::Value* v = json.find("metadata"); v && v->is_array()) {
    for (const json::Value& entry : v->items()) {
      std::string value;
      if (!entry.is_array() || entry.items().size() != 2 || !from_hex(entry.items()[1].text(), &value)) {
        return make_error(ErrorCode::kInternal, "malformed metadata option");
      }
      options->metadata.emplace_back(entry.items()[0].text(), std::move(value));
    }
  }
  if (const json::Value* v = json.find("append")) *append = v->as_bool();
  return Status::ok();
}

}  // namespace

ContainerDecoder* ContainerDecoder::create(const std::string& options_json) {
  ContainerLimits limits;
  if (auto parsed = json::parse(options_json)) {
    const json::Value& options = parsed.value();
    read_limit(options, "maxHeaderSize", &limits.max_header_size);
    read_limit(options, "maxBlockSize", &limits.max_block_size);
    read_limit(options, "maxDecompressedBlockSize", &limits.max_decompressed_block_size);
    read_limit(options, "maxDecompressionRatio", &limits.max_decompression_ratio);
    read_limit(options, "maxBlockRecords", &limits.max_block_records);
  }
  return new ContainerDecoder(limits);
}

int ContainerDecoder::next() {
  auto event = reader_.next();
  stats_[kPosition] = static_cast<double>(reader_.position());
  stats_[kBlocksRead] = static_cast<double>(reader_.blocks_read());
  if (!event) {
    errors_.fail(std::move(event).error());
    return -1;
  }
  if (event.value() == ContainerReader::Event::kBlock) {
    const ContainerBlock& block = reader_.block();
    stats_[kBlockCount] = static_cast<double>(block.count);
    stats_[kBlockOffset] = static_cast<double>(block.offset);
    stats_[kBlockDataOffset] = static_cast<double>(block.data_offset);
    stats_[kBlockSize] = static_cast<double>(block.size);
    stats_[kBlockDataSize] = static_cast<double>(block.data.size());
    stats_[kDecoded] = 0;
  }
  return static_cast<int>(event.value());
}

std::string ContainerDecoder::header_json() const {
  const FileHeader& header = reader_.header();
  std::string out = "{\"schema\":";
  json::write_string(header.schema_json, out);
  out += ",\"codec\":";
  json::write_string(codec_name(header.codec), out);
  out += ",\"sync\":\"" + to_hex(header.sync.data(), header.sync.size()) + "\",\"size\":";
  out += std::to_string(header.size);
  out += ",\"metadata\":[";
  bool first = true;
  for (const auto& [key, value] : header.metadata) {
    if (!first) out += ',';
    first = false;
    out += '[';
    json::write_string(key, out);
    out += ",\"" + to_hex(reinterpret_cast<const uint8_t*>(value.data()), value.size()) + "\"]";
  }
  return out + "]}";
}

int ContainerDecoder::decode_block_with(AvroType& type, const Resolver* resolver) {
  type.tape().clear();
  // The zero-size budget covers the whole file, not each block: a file of
  // many tiny blocks must not multiply it (see Tape::zero_size_items).
  type.tape().zero_size_items = zero_size_used_;
  int64_t decoded = 0;
  bool compressed = reader_.header().codec != Codec::kNull;
  Status status = resolver ? avro::decode_block(*resolver, reader_.block(), compressed, type.tape(), type.limits(), &decoded)
                           : avro::decode_block(type.program(), reader_.block(), compressed, type.tape(), type.limits(),
                                                &decoded);
  stats_[kDecoded] = static_cast<double>(decoded);
  zero_size_used_ = type.tape().zero_size_items;
  type.publish_tape();
  if (!status) return errors_.fail(std::move(status).error());
  return 0;
}

ContainerEncoder* ContainerEncoder::create(const std::string& schema_json, const std::string& options_json) {
  auto* encoder = new ContainerEncoder();
  ContainerWriterOptions options;
  auto parsed = json::parse(options_json);
  Status status = parsed ? read_writer_options(parsed.value(), &options, &encoder->append_)
                         : Status(std::move(parsed).error());
  if (!status) {
    encoder->errors_.fail(std::move(status).error());
    return encoder;
  }
  auto writer = ContainerWriter::create(schema_json, std::move(options));
  if (!writer) {
    encoder->errors_.fail(std::move(writer).error());
    return encoder;
  }
  encoder->writer_.emplace(std::move(writer).value());
  return encoder;
}

int ContainerEncoder::finish_call(Status status) {
  output_slots_ = {address(out_.data()), static_cast<uint32_t>(out_.size())};
  if (!status) return errors_.fail(std::move(status).error());
  return 0;
}

int ContainerEncoder::write_header() {
  out_.clear();
  if (!append_) writer_->write_header(out_);
  return finish_call(Status::ok());
}

int ContainerEncoder::write_tape(AvroType& type, uint32_t count) {
  out_.clear();
  datums_.clear();
  ends_.clear();
  Status status = type.program().encode_many(type.encode_input(), count, datums_, &ends_, type.limits());
  if (status) status = writer_->add(datums_, ends_, out_);
  return finish_call(std::move(status));
}

int ContainerEncoder::flush() {
  out_.clear();
  return finish_call(writer_->flush(out_));
}

}  // namespace avro::wasm
