// Embind registrations: the only place that names C++ for JavaScript. The
// handles themselves live in avro_type.h and container_handles.h.
#include <malloc.h>

#include <emscripten/bind.h>
#include <emscripten/emscripten.h>

#include <string>

#include "avro_type.h"
#include "container_handles.h"
#include "json/json.h"
#include "resolver_handle.h"

namespace avro::wasm {

// The error code names in enum order, so JS never mirrors the enum by hand.
std::string error_code_names() {
  std::string out = "[";
  for (int i = 0; i < static_cast<int>(ErrorCode::kCount_); ++i) {
    if (i > 0) out += ',';
    json::write_string(error_code_name(static_cast<ErrorCode>(i)), out);
  }
  return out + "]";
}

int decode_resolved(AvroType& type, ResolverHandle& resolver, uint32_t size, int mode) {
  return type.decode_with(&resolver.resolver(), size, mode);
}

// Bytes of the wasm heap in use by live allocations (leak checks, the viewer).
double heap_in_use() { return static_cast<double>(mallinfo().uordblks); }

int decode_many(AvroType& type, uint32_t count, int mode) { return type.decode_many(nullptr, count, mode); }

int decode_many_resolved(AvroType& type, ResolverHandle& resolver, uint32_t count, int mode) {
  return type.decode_many(&resolver.resolver(), count, mode);
}

uint32_t type_address(AvroType& type) { return address(&type); }
uint32_t resolver_address(ResolverHandle& resolver) { return address(&resolver); }

}  // namespace avro::wasm

// The per-datum calls as plain exports: a direct wasm call costs a fraction
// of an Embind call without eval (-sDYNAMIC_EXECUTION=0 builds its invokers
// from closures). JS passes the handles' addresses (address()).
extern "C" {
using avro::wasm::AvroType;
using avro::wasm::ResolverHandle;

EMSCRIPTEN_KEEPALIVE uint32_t avro_type_input(AvroType* type, uint32_t size) { return type->input(size); }

EMSCRIPTEN_KEEPALIVE int avro_type_decode(AvroType* type, ResolverHandle* resolver, uint32_t size, int mode) {
  return type->decode_with(resolver ? &resolver->resolver() : nullptr, size, mode);
}

EMSCRIPTEN_KEEPALIVE void avro_type_prepare_encode(AvroType* type, uint32_t nums, uint32_t bigs, uint32_t text,
                                                   uint32_t text_ends, uint32_t blobs, uint32_t blob_ends) {
  type->prepare_encode(nums, bigs, text, text_ends, blobs, blob_ends);
}

EMSCRIPTEN_KEEPALIVE int avro_type_encode(AvroType* type) { return type->encode(); }
}

EMSCRIPTEN_BINDINGS(avro_wasm) {
  using namespace emscripten;
  using namespace avro::wasm;
  value_object<ErrorInfo>("ErrorInfo")
      .field("code", &ErrorInfo::code)
      .field("message", &ErrorInfo::message)
      .field("path", &ErrorInfo::path)
      .field("offset", &ErrorInfo::offset);
  class_<AvroType>("AvroType")
      .class_function("create", &AvroType::create, allow_raw_pointers())
      .function("ok", &AvroType::ok)
      .function("header", &AvroType::header)
      .function("address", &type_address)
      .function("input", &AvroType::input)
      .function("decode", &AvroType::decode)
      .function("decodeNode", &AvroType::decode_node)
      .function("prepareEncode", &AvroType::prepare_encode)
      .function("encode", &AvroType::encode)
      .function("encodeMany", &AvroType::encode_many)
      .function("ends", &AvroType::ends)
      .function("toJson", &AvroType::to_json)
      .function("fromJson", &AvroType::from_json)
      .function("schemaJson", &AvroType::schema_json)
      .function("canonicalForm", &AvroType::canonical_form)
      .function("describe", &AvroType::describe)
      .function("fingerprint", &AvroType::fingerprint)
      .function("decodeResolved", &decode_resolved)
      .function("endsInput", &AvroType::ends_input)
      .function("decodeMany", &decode_many)
      .function("decodeManyResolved", &decode_many_resolved)
      .function("takeError", &AvroType::take_error);
  class_<ResolverHandle>("ResolverHandle")
      .class_function("create", &ResolverHandle::create, allow_raw_pointers())
      .function("ok", &ResolverHandle::ok)
      .function("address", &resolver_address)
      .function("takeError", &ResolverHandle::take_error);
  class_<ContainerDecoder>("ContainerDecoder")
      .class_function("create", &ContainerDecoder::create, allow_raw_pointers())
      .function("stats", &ContainerDecoder::stats)
      .function("reserve", &ContainerDecoder::reserve)
      .function("commit", &ContainerDecoder::commit)
      .function("finish", &ContainerDecoder::finish)
      .function("next", &ContainerDecoder::next)
      .function("headerJson", &ContainerDecoder::header_json)
      .function("decodeBlock", &ContainerDecoder::decode_block)
      .function("decodeBlockResolved", &ContainerDecoder::decode_block_resolved)
      .function("takeError", &ContainerDecoder::take_error);
  class_<ContainerEncoder>("ContainerEncoder")
      .class_function("create", &ContainerEncoder::create, allow_raw_pointers())
      .function("ok", &ContainerEncoder::ok)
      .function("output", &ContainerEncoder::output)
      .function("writeHeader", &ContainerEncoder::write_header)
      .function("writeTape", &ContainerEncoder::write_tape)
      .function("flush", &ContainerEncoder::flush)
      .function("pendingRecords", &ContainerEncoder::pending_records)
      .function("takeError", &ContainerEncoder::take_error);
  function("errorCodeNames", &error_code_names);
  function("heapInUse", &heap_in_use);
}
