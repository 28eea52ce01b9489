// Embind seam of the schema compatibility checker: schema JSON texts in, one
// JSON string out, so a whole report crosses the boundary at once. Never
// throws or aborts: failures come back as
// {"error":{"code":N,"message":"...","path":"...","offset":-1}}.
#include <emscripten/bind.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "json/json.h"
#include "resolve/compatibility.h"

namespace avro::wasm {
namespace {

std::string error_json(const Error& error) {
  std::string out = R"({"error":{"code":)" + std::to_string(static_cast<int>(error.code));
  out += R"(,"message":)";
  json::write_string(error.message, out);
  out += R"(,"path":)";
  json::write_string(error.path, out);
  out += R"(,"offset":)" + std::to_string(error.offset) + "}}";
  return out;
}

// `role` ("reader", "previous 2", ...) leads the message: the caller passed
// several schemas and needs to know which one is wrong.
Result<std::shared_ptr<const Schema>> parse_schema(std::string_view text, std::string_view role) {
  auto schema = Schema::parse(text);
  if (schema) return schema;
  Error error = std::move(schema).error();
  error.message = std::string(role) + " schema: " + error.message;
  return error;
}

void write_members(const Incompatibility& incompatibility, std::string& out) {
  out += R"("kind":)";
  json::write_string(incompatibility_kind_name(incompatibility.kind), out);
  out += R"(,"path":)";
  json::write_string(incompatibility.path, out);
  out += R"(,"message":)";
  json::write_string(incompatibility.message, out);
}

std::string unknown_mode(std::string_view name) {
  std::string message = "unknown compatibility mode ";
  json::write_string(name, message);
  message += " (expected one of";
  for (auto mode = static_cast<int>(CompatibilityMode::kNone);
       mode <= static_cast<int>(CompatibilityMode::kFullTransitive); ++mode) {
    message += mode == 0 ? " " : ", ";
    message += compatibility_mode_name(static_cast<CompatibilityMode>(mode));
  }
  return error_json(make_error(ErrorCode::kInvalidValue, message + ")"));
}

// {"incompatibilities":[{"kind","path","message"}...]}: empty when data
// written with the writer schema can be read with the reader schema.
std::string check_compatibility_json(const std::string& reader_json,
                                     const std::string& writer_json) {
  auto reader = parse_schema(reader_json, "reader");
  if (!reader) return error_json(reader.error());
  auto writer = parse_schema(writer_json, "writer");
  if (!writer) return error_json(writer.error());
  auto found = check_compatibility(*reader.value(), *writer.value());
  if (!found) return error_json(found.error());
  std::string out = R"({"incompatibilities":[)";
  for (const Incompatibility& incompatibility : found.value()) {
    out += out.back() == '[' ? "{" : ",{";
    write_members(incompatibility, out);
    out += '}';
  }
  return out + "]}";
}

// `previous_json`: a JSON array of schema texts, oldest first. Each
// incompatibility also names the previous schema (index) and the direction.
std::string check_compatibility_mode_json(const std::string& schema_json,
                                          const std::string& previous_json,
                                          const std::string& mode_name) {
  auto mode = parse_compatibility_mode(mode_name);
  if (!mode) return unknown_mode(mode_name);
  auto schema = parse_schema(schema_json, "new");
  if (!schema) return error_json(schema.error());
  auto list = json::parse(previous_json);
  if (!list || !list.value().is_array()) {
    return error_json(make_error(ErrorCode::kInvalidValue,
                                 "previous schemas must be a JSON array of schema texts"));
  }
  std::vector<std::shared_ptr<const Schema>> previous;
  for (const json::Value& item : list.value().items()) {
    const std::string role = "previous " + std::to_string(previous.size());
    if (!item.is_string())
      return error_json(make_error(ErrorCode::kInvalidValue, role + " schema is not text"));
    auto parsed = parse_schema(item.text(), role);
    if (!parsed) return error_json(parsed.error());
    previous.push_back(std::move(parsed).value());
  }
  auto found = check_compatibility_mode(*schema.value(), previous, *mode);
  if (!found) return error_json(found.error());
  std::string out = R"({"incompatibilities":[)";
  for (const ModeIncompatibility& item : found.value()) {
    out += out.back() == '[' ? "{" : ",{";
    write_members(item.incompatibility, out);
    out += R"(,"previous":)" + std::to_string(item.previous);
    out += item.direction == Direction::kBackward ? R"(,"direction":"backward"})"
                                                  : R"(,"direction":"forward"})";
  }
  return out + "]}";
}

}  // namespace
}  // namespace avro::wasm

EMSCRIPTEN_BINDINGS(avro_compatibility) {
  emscripten::function("checkCompatibility", &avro::wasm::check_compatibility_json);
  emscripten::function("checkCompatibilityMode", &avro::wasm::check_compatibility_mode_json);
}
