#include "avro_type.h"

#include <algorithm>

#include "describe.h"
#include "schema/fingerprint.h"
#include "schema/schema.h"

namespace avro::wasm {

namespace {

Error trailing(const ByteReader& reader) {
  return make_error(ErrorCode::kTrailingData, std::to_string(reader.remaining()) + " bytes left after the datum",
                    static_cast<int64_t>(reader.position()));
}

}  // namespace

AvroType* AvroType::create(const std::string& schema_json, const std::string& options_json) {
  auto* type = new AvroType();
  type->init(schema_json, options_json);
  return type;
}

// A buffer of at least `size` bytes owned by this handle, for decode input.
uint32_t AvroType::input(uint32_t size) {
  if (input_.size() < size) input_.resize(size);
  return address(input_.data());
}

// Decodes one datum from `size` input bytes, appending to the tape.
Status AvroType::decode_one(const Resolver* resolver, ByteReader& reader, int mode) {
  Status status = resolver ? resolver->decode(reader, tape_, limits_, mode != kNeeded)
                           : program_->decode(reader, tape_, limits_);
  if (status && mode == kExact && !reader.at_end()) status = trailing(reader);
  return status;
}

int AvroType::decode_with(const Resolver* resolver, uint32_t size, int mode) {
  tape_.clear();
  ByteReader reader(input_.data(), std::min<size_t>(size, input_.size()));
  Status status = decode_one(resolver, reader, mode);
  if (!status) return fail(std::move(status).error());
  header_[kConsumed] = static_cast<uint32_t>(reader.position());
  publish_tape();
  return 0;
}

uint32_t AvroType::ends_input(uint32_t count) {
  ends_.assign(count, 0);
  return address(ends_.data());
}

int AvroType::decode_many(const Resolver* resolver, uint32_t count, int mode) {
  tape_.clear();
  size_t begin = 0;
  for (uint32_t i = 0; i < count && i < ends_.size(); ++i) {
    size_t end = ends_[i];
    if (end < begin || end > input_.size()) {
      return fail(make_error(ErrorCode::kInternal, "batch datum ends out of order"));
    }
    ByteReader reader(input_.data() + begin, end - begin);
    Status status = decode_one(resolver, reader, mode);
    if (!status) {
      Error error = std::move(status).error();
      prepend_path(error, "[" + std::to_string(i) + "]");
      return fail(std::move(error));
    }
    begin = end;
  }
  publish_tape();
  return 0;
}

// Decodes the input as a datum of one node's type (field defaults).
int AvroType::decode_node(uint32_t node, uint32_t size) {
  tape_.clear();
  ByteReader reader(input_.data(), size);
  Status status = program_->decode_node(node, reader, tape_, limits_);
  if (!status) return fail(std::move(status).error());
  publish_tape();
  return 0;
}

// Sizes the encoder's input tape and publishes where JS must write it.
void AvroType::prepare_encode(uint32_t nums, uint32_t bigs, uint32_t text, uint32_t text_ends, uint32_t blobs,
                              uint32_t blob_ends) {
  enc_nums_.resize(nums);
  enc_bigs_.resize(bigs);
  enc_text_.resize(text);
  enc_text_ends_.resize(text_ends);
  enc_blobs_.resize(blobs);
  enc_blob_ends_.resize(blob_ends);
  header_[kNumsPtr] = address(enc_nums_.data());
  header_[kBigsPtr] = address(enc_bigs_.data());
  header_[kTextPtr] = address(enc_text_.data());
  header_[kTextEndsPtr] = address(enc_text_ends_.data());
  header_[kBlobsPtr] = address(enc_blobs_.data());
  header_[kBlobEndsPtr] = address(enc_blob_ends_.data());
}

TapeInput AvroType::encode_input() const {
  return TapeInput{enc_nums_.data(),      enc_nums_.size(),      enc_bigs_.data(),  enc_bigs_.size(),
                   enc_text_.data(),      enc_text_.size(),      enc_text_ends_.data(), enc_text_ends_.size(),
                   enc_blobs_.data(),     enc_blobs_.size(),     enc_blob_ends_.data(), enc_blob_ends_.size()};
}

int AvroType::encode() {
  out_.clear();
  Status status = program_->encode(encode_input(), out_, limits_);
  if (!status) return fail(std::move(status).error());
  publish_out();
  return 0;
}

// `count` datums from the encode tape; datum i ends at ends()[i] in the output.
int AvroType::encode_many(uint32_t count) {
  out_.clear();
  ends_.clear();
  Status status = program_->encode_many(encode_input(), count, out_, &ends_, limits_);
  if (!status) return fail(std::move(status).error());
  publish_out();
  return 0;
}

// Binary (the first `size` input bytes) -> Avro JSON text in the output.
int AvroType::to_json(uint32_t size) {
  out_.clear();
  ByteReader reader(input_.data(), size);
  Status status = binary_to_json(program_->schema(), program_->root(), reader, out_, json_limits_);
  if (status && !reader.at_end()) status = trailing(reader);
  if (!status) return fail(std::move(status).error());
  publish_out();
  return 0;
}

// Avro JSON text -> binary in the output.
int AvroType::from_json(const std::string& text) {
  out_.clear();
  json::ParseOptions options;
  options.max_depth = limits_.max_depth + 8;
  auto value = json::parse(text, options);
  if (!value) return fail(std::move(value).error());
  Status status = json_to_binary(program_->schema(), program_->root(), value.value(), JsonMode::kAvroJson, out_,
                                 json_limits_);
  if (!status) return fail(std::move(status).error());
  publish_out();
  return 0;
}

std::string AvroType::describe() const { return describe_program(*program_); }

// Hex digest of the canonical form: "CRC-64-AVRO" (little-endian bytes, as
// in single-object encoding), "MD5" or "SHA-256"; "" for an unknown name.
std::string AvroType::fingerprint(const std::string& algorithm) const {
  std::string canonical = canonical_form();
  if (algorithm == "CRC-64-AVRO" || algorithm == "rabin") {
    auto bytes = crc64_avro_bytes_le(crc64_avro(canonical));
    return to_hex(bytes.data(), bytes.size());
  }
  if (algorithm == "MD5" || algorithm == "md5") {
    auto bytes = md5(canonical);
    return to_hex(bytes.data(), bytes.size());
  }
  if (algorithm == "SHA-256" || algorithm == "sha256") {
    auto bytes = sha256(canonical);
    return to_hex(bytes.data(), bytes.size());
  }
  return "";
}

void AvroType::init(const std::string& schema_json, const std::string& options_json) {
  ProgramOptions options;
  if (!options_json.empty()) {
    auto parsed = json::parse(options_json);
    if (!parsed) {
      fail(std::move(parsed).error());
      return;
    }
    read_options(parsed.value(), options);
  }
  auto schema = Schema::parse(schema_json);
  if (!schema) {
    fail(std::move(schema).error());
    return;
  }
  program_ = Program::compile(std::move(schema).value(), options);
}

void AvroType::read_options(const json::Value& json, ProgramOptions& options) {
  if (const json::Value* v = json.find("logicalTypes")) options.logical_types = v->as_bool();
  int64_t number = 0;
  if (const json::Value* v = json.find("maxDepth"); v && v->as_int64(&number) && number > 0) {
    limits_.max_depth = static_cast<uint32_t>(number);
    json_limits_.max_depth = limits_.max_depth;
  }
  if (const json::Value* v = json.find("maxLength"); v && v->as_int64(&number) && number >= 0) {
    limits_.max_length = static_cast<uint64_t>(number);
  }
  if (const json::Value* v = json.find("maxBlockItems"); v && v->as_int64(&number) && number >= 0) {
    limits_.max_block_items = static_cast<uint64_t>(number);
    json_limits_.max_block_items = limits_.max_block_items;
  }
  if (const json::Value* v = json.find("maxDecodedSize"); v && v->as_int64(&number) && number >= 0) {
    limits_.max_decoded_size = static_cast<uint64_t>(number);
  }
}

void AvroType::publish_tape() {
  header_[kNumsPtr] = address(tape_.nums.data());
  header_[kNumsLen] = static_cast<uint32_t>(tape_.nums.size());
  header_[kBigsPtr] = address(tape_.bigs.data());
  header_[kBigsLen] = static_cast<uint32_t>(tape_.bigs.size());
  header_[kTextPtr] = address(tape_.text.data());
  header_[kTextLen] = static_cast<uint32_t>(tape_.text.size());
  header_[kTextEndsPtr] = address(tape_.text_ends.data());
  header_[kTextEndsLen] = static_cast<uint32_t>(tape_.text_ends.size());
  header_[kBlobsPtr] = address(tape_.blobs.data());
  header_[kBlobsLen] = static_cast<uint32_t>(tape_.blobs.size());
  header_[kBlobEndsPtr] = address(tape_.blob_ends.data());
  header_[kBlobEndsLen] = static_cast<uint32_t>(tape_.blob_ends.size());
}

void AvroType::publish_out() {
  header_[kOutPtr] = address(out_.data());
  header_[kOutLen] = static_cast<uint32_t>(out_.size());
}

}  // namespace avro::wasm
