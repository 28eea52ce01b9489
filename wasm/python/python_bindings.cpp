// The Python package's half of the seam (pyodide/avro_wasm drives it
// through Pyodide's JS bridge). Decoding reuses the AvroType and container
// handles; this handle turns their tapes into pickle streams, loads encode
// tapes Python built in one bulk copy, and converts Avro JSON lines in
// batches, so Python crosses the bridge once per block, never per value.
#include <emscripten/bind.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "../avro_type.h"
#include "../handle_common.h"
#include "../resolver_handle.h"
#include "datum/json_codec.h"
#include "json/json.h"
#include "pickle_writer.h"
#include "schema/fingerprint.h"
#include "tape_to_pickle.h"

namespace avro::wasm {

namespace {

PickleOptions read_pickle_options(const json::Value& json) {
  PickleOptions options;
  auto flag = [&json](const char* key) {
    const json::Value* v = json.find(key);
    return v != nullptr && v->as_bool();
  };
  options.record_name = flag("recordName");
  options.record_name_override = flag("recordNameOverride");
  options.named_type = flag("namedType");
  options.named_type_override = flag("namedTypeOverride");
  return options;
}

Error mismatched_type() {
  return make_error(ErrorCode::kInternal, "the converter was created for another type");
}

}  // namespace

// Hex digest of any text ("CRC-64-AVRO" little-endian as fastavro and Java
// print it, "md5", "sha256"); "" for another algorithm.
std::string fingerprint_text(const std::string& text, const std::string& algorithm) {
  if (algorithm == "CRC-64-AVRO") {
    auto bytes = crc64_avro_bytes_le(crc64_avro(text));
    return to_hex(bytes.data(), bytes.size());
  }
  if (algorithm == "md5" || algorithm == "MD5") {
    auto bytes = md5(text);
    return to_hex(bytes.data(), bytes.size());
  }
  if (algorithm == "sha256" || algorithm == "SHA-256") {
    auto bytes = sha256(text);
    return to_hex(bytes.data(), bytes.size());
  }
  return "";
}

class PyConverter {
 public:
  // Options JSON: recordName, recordNameOverride, namedType, namedTypeOverride.
  static PyConverter* create(AvroType& type, const std::string& options_json) {
    PickleOptions options;
    if (auto parsed = json::parse(options_json)) options = read_pickle_options(parsed.value());
    return new PyConverter(type.program_ptr(), options);
  }

  // [ptr, len] of the last call's output; valid until the next call.
  uint32_t output() const { return address(output_slots_.data()); }
  // A buffer of at least `size` bytes for Python to fill (8-byte aligned).
  uint32_t stage(uint32_t size) {
    staging_.resize((size + 7) / 8);
    return address(staging_.data());
  }

  // The `count` datums on `type`'s decode tape -> a pickled list.
  int rows(AvroType& type, uint32_t count) {
    if (!same(type)) return fail(mismatched_type());
    return finish(converter_.rows(type.tape(), count, out_));
  }

  // The `count` records on the tape -> a pickled {field: column}; `fields`
  // is a JSON array of the root record's field indexes to keep.
  int columns(AvroType& type, uint32_t count, const std::string& fields) {
    if (!same(type)) return fail(mismatched_type());
    std::vector<uint8_t> selected(type.program().step(type.program().root()).child_count, 0);
    auto parsed = json::parse(fields);
    if (!parsed || !parsed.value().is_array())
      return fail(make_error(ErrorCode::kInternal, "bad field list"));
    for (const json::Value& index : parsed.value().items()) {
      int64_t i = 0;
      if (index.as_int64(&i) && i >= 0 && static_cast<size_t>(i) < selected.size())
        selected[static_cast<size_t>(i)] = 1;
    }
    return finish(converter_.columns(type.tape(), count, selected, out_));
  }

  // Every field default of the schema as a pickled list of (record node,
  // field index, pickled value); the core encoded them at parse time.
  int defaults(AvroType& type) {
    if (!same(type)) return fail(mismatched_type());
    const Program& program = type.program();
    const Schema& schema = program.schema();
    // Each value is its own complete pickle (with its own memo), nested as
    // bytes: defaults are few and small, and Python unpickles each once.
    out_.clear();
    out_.proto();
    out_.op(pickle::kEmptyList);
    out_.op(pickle::kMark);
    pickle::Writer one;
    for (NodeId id = 0; id < schema.node_count(); ++id) {
      const Node& node = schema.node(id);
      if (node.kind != Kind::kRecord) continue;
      for (size_t f = 0; f < node.fields.size(); ++f) {
        const Field& field = node.fields[f];
        if (!field.has_default) continue;
        Tape tape;
        ByteReader reader(field.default_binary);
        Status status = program.decode_node(field.type, reader, tape, type.limits());
        if (status) status = converter_.value(tape, field.type, one);
        if (!status) {
          Error error = std::move(status).error();
          error.message = "default of " + node.fullname + "." + field.name + ": " + error.message;
          return fail(std::move(error));
        }
        out_.integer(id);
        out_.integer(static_cast<int64_t>(f));
        out_.bytes(one.view());
        out_.op(pickle::kTuple3);
      }
    }
    out_.op(pickle::kAppends);
    out_.op(pickle::kStop);
    return finish(Status::ok());
  }

  // Copies an encode tape Python laid out in the staging buffer into
  // `type`'s encoder input. Layout: nums (f64), bigs (i64), text ends (u32),
  // blob ends (u32), text, blobs, with the counts given here.
  int load_tape(AvroType& type, uint32_t nums, uint32_t bigs, uint32_t text_ends,
                uint32_t blob_ends, uint32_t text, uint32_t blobs) {
    uint64_t need = uint64_t{nums} * 8 + uint64_t{bigs} * 8 + uint64_t{text_ends} * 4 +
                    uint64_t{blob_ends} * 4 + text + blobs;
    if (need > staging_.size() * 8)
      return fail(make_error(ErrorCode::kInternal, "staged tape is too short"));
    type.prepare_encode(nums, bigs, text, text_ends, blobs, blob_ends);
    TapeInput in = type.encode_input();
    const auto* from = reinterpret_cast<const char*>(staging_.data());
    auto copy = [&from](const void* to, size_t size) {
      if (size > 0) std::memcpy(const_cast<void*>(to), from, size);
      from += size;
    };
    copy(in.nums, nums * sizeof(double));
    copy(in.bigs, bigs * sizeof(int64_t));
    copy(in.text_ends, text_ends * sizeof(uint32_t));
    copy(in.blob_ends, blob_ends * sizeof(uint32_t));
    copy(in.text, text);
    copy(in.blobs, blobs);
    return 0;
  }

  // Encodes `count` datums from `type`'s loaded encode tape, back to back.
  int encode(AvroType& type, uint32_t count) {
    text_.clear();
    Status status =
        type.program().encode_many(type.encode_input(), count, text_, nullptr, type.limits());
    out_.clear();
    out_.append(text_);
    return finish(std::move(status));
  }

  // Avro JSON text (one datum per line; blank lines are skipped) in the
  // staging buffer -> datums of `writer`, decoded onto `target`'s tape
  // (resolved to it when `resolver` is given). Returns the datum count, or
  // -1 (see takeError; the offset is the failing line's start).
  int json_read(AvroType& writer, AvroType& target, ResolverHandle* resolver, uint32_t size) {
    if (uint64_t{size} > staging_.size() * 8) {
      fail(make_error(ErrorCode::kInternal, "bad size"));
      return -1;
    }
    std::string_view text(reinterpret_cast<const char*>(staging_.data()), size);
    const Program& program = writer.program();
    JsonLimits json_limits;
    json_limits.max_depth = writer.limits().max_depth;
    json::ParseOptions parse_options;
    parse_options.max_depth = writer.limits().max_depth + 8;
    target.tape().clear();
    int count = 0;
    size_t line_start = 0;
    std::string binary;
    while (line_start < text.size()) {
      size_t end = text.find('\n', line_start);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(line_start, end - line_start);
      size_t start = line_start;
      line_start = end + 1;
      if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      auto value = json::parse(line, parse_options);
      Status status = value ? Status::ok() : Status(std::move(value).error());
      binary.clear();
      if (status)
        status = json_to_binary(program.schema(), program.root(), value.value(),
                                JsonMode::kAvroJson, binary, json_limits);
      if (status) {
        ByteReader reader(binary);
        status = resolver ? resolver->resolver().decode(reader, target.tape(), target.limits())
                          : program.decode(reader, target.tape(), target.limits());
      }
      if (!status) {
        Error error = std::move(status).error();
        error.message = "line " + std::to_string(count + 1) + ": " + error.message;
        error.offset = static_cast<int64_t>(start);
        fail(std::move(error));
        return -1;
      }
      ++count;
    }
    return count;
  }

  // The `count` datums on `type`'s loaded encode tape -> Avro JSON lines.
  int json_write(AvroType& type, uint32_t count) {
    const Program& program = type.program();
    std::string binary;
    std::vector<uint32_t> ends;
    Status status = program.encode_many(type.encode_input(), count, binary, &ends, type.limits());
    text_.clear();
    JsonLimits json_limits;
    json_limits.max_depth = type.limits().max_depth;
    uint32_t begin = 0;
    for (size_t i = 0; status && i < ends.size(); ++i) {
      ByteReader reader(reinterpret_cast<const uint8_t*>(binary.data()) + begin, ends[i] - begin);
      status = binary_to_json(program.schema(), program.root(), reader, text_, json_limits);
      text_ += '\n';
      begin = ends[i];
    }
    out_.clear();
    out_.append(text_);
    return finish(std::move(status));
  }

  ErrorInfo take_error() { return errors_.take(); }

 private:
  PyConverter(std::shared_ptr<const Program> program, const PickleOptions& options)
      : program_(program), converter_(std::move(program), options) {}

  bool same(const AvroType& type) const { return &type.program() == program_.get(); }

  int fail(Error error) {
    output_slots_ = {0, 0};
    return errors_.fail(std::move(error));
  }

  int finish(Status status) {
    if (!status) return fail(std::move(status).error());
    output_slots_ = {address(out_.data()), static_cast<uint32_t>(out_.size())};
    return 0;
  }

  std::shared_ptr<const Program> program_;
  TapeToPickle converter_;
  pickle::Writer out_;
  std::string text_;  // encoder output before it is copied to out_
  std::vector<uint64_t> staging_;
  std::array<uint32_t, 2> output_slots_{};
  ErrorSlot errors_;
};

}  // namespace avro::wasm

EMSCRIPTEN_BINDINGS(avro_wasm_python) {
  using namespace emscripten;
  using namespace avro::wasm;
  class_<PyConverter>("PyConverter")
      .class_function("create", &PyConverter::create, allow_raw_pointers())
      .function("output", &PyConverter::output)
      .function("stage", &PyConverter::stage)
      .function("rows", &PyConverter::rows)
      .function("columns", &PyConverter::columns)
      .function("defaults", &PyConverter::defaults)
      .function("loadTape", &PyConverter::load_tape)
      .function("encode", &PyConverter::encode)
      .function("jsonRead", &PyConverter::json_read, allow_raw_pointers())
      .function("jsonWrite", &PyConverter::json_write)
      .function("takeError", &PyConverter::take_error);
  function("pyFingerprint", &fingerprint_text);
}
