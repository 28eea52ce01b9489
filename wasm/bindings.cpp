// Embind bindings: the only C++ that knows about JavaScript. Each handle owns
// its buffers; JS writes inputs into them and reads results out of them
// through a small header of pointers and lengths, so one call moves a whole
// datum (or batch) and no raw pointer from JS is ever dereferenced unchecked.
#include <emscripten/bind.h>

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "common/error.h"
#include "datum/json_codec.h"
#include "datum/program.h"
#include "describe.h"
#include "schema/fingerprint.h"
#include "schema/schema.h"

namespace avro::wasm {

struct ErrorInfo {
  int code = 0;
  std::string message;
  std::string path;
  double offset = -1;
};

// Slots of the header JS reads after each call (uint32 each).
enum HeaderSlot : size_t {
  kNumsPtr, kNumsLen, kBigsPtr, kBigsLen, kTextPtr, kTextLen, kTextEndsPtr, kTextEndsLen,
  kBlobsPtr, kBlobsLen, kBlobEndsPtr, kBlobEndsLen, kOutPtr, kOutLen, kConsumed, kHeaderSize,
};

template <class T>
uint32_t address(const T* pointer) {
  return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(pointer));
}

class AvroType {
 public:
  // Never fails: a schema error is kept and reported through ok()/takeError().
  static AvroType* create(const std::string& schema_json, const std::string& options_json) {
    auto* type = new AvroType();
    type->init(schema_json, options_json);
    return type;
  }

  bool ok() const { return program_ != nullptr; }
  uint32_t header() const { return address(header_.data()); }

  // A buffer of at least `size` bytes owned by this handle, for decode input.
  uint32_t input(uint32_t size) {
    if (input_.size() < size) input_.resize(size);
    return address(input_.data());
  }

  // Decodes one datum from the first `size` input bytes into the tape.
  int decode(uint32_t size, bool require_complete) {
    tape_.clear();
    ByteReader reader(input_.data(), size);
    Status status = program_->decode(reader, tape_, limits_);
    if (status && require_complete && !reader.at_end()) {
      status = make_error(ErrorCode::kTrailingData,
                          std::to_string(reader.remaining()) + " bytes left after the datum",
                          static_cast<int64_t>(reader.position()));
    }
    if (!status) return fail(std::move(status).error());
    header_[kConsumed] = static_cast<uint32_t>(reader.position());
    publish_tape();
    return 0;
  }

  // Decodes the input as a datum of one node's type (field defaults).
  int decode_node(uint32_t node, uint32_t size) {
    tape_.clear();
    ByteReader reader(input_.data(), size);
    Status status = program_->decode_node(node, reader, tape_, limits_);
    if (!status) return fail(std::move(status).error());
    publish_tape();
    return 0;
  }

  // Sizes the encoder's input tape and publishes where JS must write it.
  void prepare_encode(uint32_t nums, uint32_t bigs, uint32_t text, uint32_t text_ends,
                      uint32_t blobs, uint32_t blob_ends) {
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

  int encode() {
    TapeInput in{enc_nums_.data(),      enc_nums_.size(),      enc_bigs_.data(),
                 enc_bigs_.size(),      enc_text_.data(),      enc_text_.size(),
                 enc_text_ends_.data(), enc_text_ends_.size(), enc_blobs_.data(),
                 enc_blobs_.size(),     enc_blob_ends_.data(), enc_blob_ends_.size()};
    out_.clear();
    Status status = program_->encode(in, out_, limits_);
    if (!status) return fail(std::move(status).error());
    publish_out();
    return 0;
  }

  // Binary (the first `size` input bytes) -> Avro JSON text in the output.
  int to_json(uint32_t size) {
    out_.clear();
    ByteReader reader(input_.data(), size);
    Status status = binary_to_json(program_->schema(), program_->root(), reader, out_, json_limits_);
    if (status && !reader.at_end()) {
      status = make_error(ErrorCode::kTrailingData,
                          std::to_string(reader.remaining()) + " bytes left after the datum",
                          static_cast<int64_t>(reader.position()));
    }
    if (!status) return fail(std::move(status).error());
    publish_out();
    return 0;
  }

  // Avro JSON text -> binary in the output.
  int from_json(const std::string& text) {
    out_.clear();
    json::ParseOptions options;
    options.max_depth = limits_.max_depth + 8;
    auto value = json::parse(text, options);
    if (!value) return fail(std::move(value).error());
    Status status = json_to_binary(program_->schema(), program_->root(), value.value(),
                                   JsonMode::kAvroJson, out_, json_limits_);
    if (!status) return fail(std::move(status).error());
    publish_out();
    return 0;
  }

  std::string schema_json() const { return program_->schema().to_json(); }
  std::string canonical_form() const { return program_->schema().canonical_form(); }
  std::string describe() const { return describe_program(*program_); }

  // Hex digest of the canonical form: "CRC-64-AVRO" (little-endian bytes, as
  // in single-object encoding), "MD5" or "SHA-256"; "" for an unknown name.
  std::string fingerprint(const std::string& algorithm) const {
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

  ErrorInfo take_error() {
    ErrorInfo info{static_cast<int>(error_.code), std::move(error_.message), std::move(error_.path),
                   static_cast<double>(error_.offset)};
    error_ = Error{};
    return info;
  }

 private:
  void init(const std::string& schema_json, const std::string& options_json) {
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

  void read_options(const json::Value& json, ProgramOptions& options) {
    if (const json::Value* v = json.find("logicalTypes")) options.logical_types = v->as_bool();
    int64_t number = 0;
    if (const json::Value* v = json.find("maxDepth"); v && v->as_int64(&number) && number > 0) {
      limits_.max_depth = static_cast<uint32_t>(number);
      json_limits_.max_depth = limits_.max_depth;
    }
    if (const json::Value* v = json.find("maxLength"); v && v->as_int64(&number) && number >= 0) {
      limits_.max_length = static_cast<uint64_t>(number);
    }
  }

  int fail(Error error) {
    error_ = std::move(error);
    if (error_.code == ErrorCode::kOk) error_.code = ErrorCode::kInternal;
    return static_cast<int>(error_.code);
  }

  void publish_tape() {
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

  void publish_out() {
    header_[kOutPtr] = address(out_.data());
    header_[kOutLen] = static_cast<uint32_t>(out_.size());
  }

  std::shared_ptr<const Program> program_;
  Limits limits_;
  JsonLimits json_limits_;
  Error error_;
  std::array<uint32_t, kHeaderSize> header_{};
  std::vector<uint8_t> input_;
  Tape tape_;
  std::string out_;
  std::vector<double> enc_nums_;
  std::vector<int64_t> enc_bigs_;
  std::vector<char> enc_text_;
  std::vector<uint32_t> enc_text_ends_;
  std::vector<char> enc_blobs_;
  std::vector<uint32_t> enc_blob_ends_;
};

// The error code names in enum order, so JS never mirrors the enum by hand.
std::string error_code_names() {
  std::string out = "[";
  for (int i = 0; i < static_cast<int>(ErrorCode::kCount_); ++i) {
    if (i > 0) out += ',';
    json::write_string(error_code_name(static_cast<ErrorCode>(i)), out);
  }
  return out + "]";
}

}  // namespace avro::wasm

EMSCRIPTEN_BINDINGS(avro_wasm) {
  using namespace emscripten;
  using avro::wasm::AvroType;
  using avro::wasm::ErrorInfo;
  value_object<ErrorInfo>("ErrorInfo")
      .field("code", &ErrorInfo::code)
      .field("message", &ErrorInfo::message)
      .field("path", &ErrorInfo::path)
      .field("offset", &ErrorInfo::offset);
  class_<AvroType>("AvroType")
      .class_function("create", &AvroType::create, allow_raw_pointers())
      .function("ok", &AvroType::ok)
      .function("header", &AvroType::header)
      .function("input", &AvroType::input)
      .function("decode", &AvroType::decode)
      .function("decodeNode", &AvroType::decode_node)
      .function("prepareEncode", &AvroType::prepare_encode)
      .function("encode", &AvroType::encode)
      .function("toJson", &AvroType::to_json)
      .function("fromJson", &AvroType::from_json)
      .function("schemaJson", &AvroType::schema_json)
      .function("canonicalForm", &AvroType::canonical_form)
      .function("describe", &AvroType::describe)
      .function("fingerprint", &AvroType::fingerprint)
      .function("takeError", &AvroType::take_error);
  function("errorCodeNames", &avro::wasm::error_code_names);
}
