// Embind handle of a compiled (writer, reader) resolution. It keeps both
// programs alive; decoding happens through the reader type's handle.
#pragma once

#include <memory>

#include "avro_type.h"
#include "resolve/resolver.h"

namespace avro::wasm {

class ResolverHandle {
 public:
  // Never fails: an incompatibility is kept for ok()/takeError().
  static ResolverHandle* create(AvroType& reader, AvroType& writer) {
    auto* handle = new ResolverHandle();
    auto resolver = Resolver::compile(reader.program_ptr(), writer.program().schema_ptr());
    if (resolver) {
      handle->resolver_ = std::move(resolver).value();
    } else {
      handle->errors_.fail(std::move(resolver).error());
    }
    return handle;
  }

  bool ok() const { return resolver_ != nullptr; }
  const Resolver& resolver() const { return *resolver_; }
  ErrorInfo take_error() { return errors_.take(); }

 private:
  std::shared_ptr<const Resolver> resolver_;
  ErrorSlot errors_;
};

}  // namespace avro::wasm
