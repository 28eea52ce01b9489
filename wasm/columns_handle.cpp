#include "columns_handle.h"

#include <emscripten/bind.h>

#include "container/block_decode.h"
#include "json/json.h"

namespace avro::wasm {

ColumnsHandle* ColumnsHandle::create(AvroType& type, const std::string& paths_json) {
  auto* handle = new ColumnsHandle();
  handle->limits_ = type.limits();
  auto parsed = json::parse(paths_json);
  std::vector<std::string> paths;
  if (parsed && parsed.value().is_array()) {
    for (const json::Value& item : parsed.value().items()) {
      if (item.is_string()) paths.push_back(item.text());
    }
  }
  auto plan = ColumnPlan::compile(type.program_ptr(), paths);
  if (!plan) {
    handle->errors_.fail(std::move(plan).error());
    return handle;
  }
  handle->plan_ = std::move(plan).value();
  handle->columns_ = handle->plan_->layout();
  return handle;
}

std::string ColumnsHandle::layout_json() const {
  std::string out = "{\"columns\":[";
  for (size_t i = 0; i < columns_.size(); ++i) {
    const Column& c = columns_[i];
    if (i > 0) out += ',';
    out += "{\"path\":";
    json::write_string(c.path, out);
    out += ",\"kind\":\"" + std::string(column_kind_name(c.kind)) + "\",\"node\":" + std::to_string(c.node) +
           ",\"list\":" + (c.list ? "true" : "false") + ",\"nullable\":" + (c.nullable ? "true" : "false") +
           ",\"width\":" + std::to_string(c.width) + "}";
  }
  out += "],\"skipped\":[";
  for (size_t i = 0; i < plan_->skipped().size(); ++i) {
    if (i > 0) out += ',';
    json::write_string(plan_->skipped()[i], out);
  }
  return out + "]}";
}

int ColumnsHandle::decode_block(ContainerDecoder& decoder) {
  const ContainerReader& reader = decoder.reader();
  int64_t decoded = 0;
  Status status = avro::decode_block(*plan_, reader.block(), reader.header().codec != Codec::kNull, columns_,
                                     limits_, &decoded);
  rows_ += static_cast<uint64_t>(decoded);
  if (!status) return errors_.fail(std::move(status).error());
  return 0;
}

std::string ColumnsHandle::buffers_json() const {
  std::string out = "[";
  auto pair = [&out](const void* data, size_t bytes) {
    out += ',' + std::to_string(address(static_cast<const char*>(data))) + ',' + std::to_string(bytes);
  };
  for (size_t i = 0; i < columns_.size(); ++i) {
    const Column& c = columns_[i];
    if (i > 0) out += ',';
    out += '[' + std::to_string(c.rows) + ',' + std::to_string(c.null_count);
    pair(c.values.data(), c.values.size());
    pair(c.offsets.data(), c.offsets.size() * 4);
    pair(c.list_offsets.data(), c.list_offsets.size() * 4);
    pair(c.validity.data(), c.validity.size());
    out += ']';
  }
  return out + "]";
}

}  // namespace avro::wasm

EMSCRIPTEN_BINDINGS(avro_wasm_columns) {
  using namespace emscripten;
  using namespace avro::wasm;
  class_<ColumnsHandle>("ColumnsHandle")
      .class_function("create", &ColumnsHandle::create, allow_raw_pointers())
      .function("ok", &ColumnsHandle::ok)
      .function("layoutJson", &ColumnsHandle::layout_json)
      .function("decodeBlock", &ColumnsHandle::decode_block)
      .function("buffersJson", &ColumnsHandle::buffers_json)
      .function("rows", &ColumnsHandle::rows)
      .function("takeError", &ColumnsHandle::take_error);
}
