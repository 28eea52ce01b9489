// Schema JSON: parsing must never crash, and a parsed schema's own JSON
// must parse again to the same canonical form.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "schema/schema.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto schema = avro::Schema::parse(text);
  if (!schema) return 0;
  auto again = avro::Schema::parse(schema.value()->to_json());
  if (!again || again.value()->canonical_form() != schema.value()->canonical_form()) std::abort();
  return 0;
}
