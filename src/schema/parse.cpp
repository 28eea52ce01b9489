// Schema JSON -> Schema graph (spec "Schema Declaration", "Names",
// "Logical Types"). Every rejection names the offending attribute's path.
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "datum/json_codec.h"
#include "schema/names.h"
#include "schema/schema.h"

namespace avro {

namespace {

Error schema_error(std::string message) {
  return make_error(ErrorCode::kSchemaParse, std::move(message));
}

std::string quoted(std::string_view s) {
  std::string out;
  json::write_string(s, out);
  return out;
}

const std::string_view kRecordAttributes[] = {"type", "name", "namespace", "doc", "aliases",
                                              "fields"};
const std::string_view kEnumAttributes[] = {"type", "name", "namespace", "doc", "aliases",
                                            "symbols", "default"};
const std::string_view kFieldAttributes[] = {"name", "type", "doc", "default", "order",
                                             "aliases"};

template <size_t N>
bool contains(const std::string_view (&list)[N], std::string_view key) {
  for (auto item : list) {
    if (item == key) return true;
  }
  return false;
}

// Attributes the spec does not define are kept, in order, for to_json().
template <size_t N>
std::vector<json::Member> custom_attributes(const json::Value& object,
                                            const std::string_view (&known)[N]) {
  std::vector<json::Member> custom;
  for (const auto& member : object.members()) {
    if (!contains(known, member.first)) custom.push_back(member);
  }
  return custom;
}

Result<int32_t> int32_attribute(const json::Value& value, std::string_view what) {
  int64_t number = 0;
  if (!value.as_int64(&number) || number < 0 || number > INT32_MAX) {
    return schema_error(std::string(what) + " must be a non-negative integer");
  }
  return static_cast<int32_t>(number);
}

// Largest decimal precision a fixed(size) can hold: floor(log10(2^(8*size-1) - 1)).
int32_t max_fixed_precision(uint32_t size) {
  if (size == 0) return 0;
  return static_cast<int32_t>(std::floor(std::log10(2.0) * (8.0 * size - 1)));
}

}  // namespace

class SchemaParser {
 public:
  explicit SchemaParser(const SchemaLimits& limits) : limits_(limits) {}

  Result<std::shared_ptr<const Schema>> run(const json::Value& json) {
    auto root = parse_type(json, "", 0);
    if (!root) return std::move(root).error();
    schema_->root_ = root.value();
    AVRO_TRY(encode_defaults());
    return std::shared_ptr<const Schema>(std::move(schema_));
  }

 private:
  Result<NodeId> add_node(Node node) {
    if (schema_->nodes_.size() >= limits_.max_nodes) {
      return make_error(ErrorCode::kLimitExceeded, "schema has more than " +
                                                       std::to_string(limits_.max_nodes) +
                                                       " types");
    }
    schema_->nodes_.push_back(std::move(node));
    return static_cast<NodeId>(schema_->nodes_.size() - 1);
  }

  Result<NodeId> parse_type(const json::Value& json, const std::string& space, uint32_t depth) {
    if (depth > limits_.max_depth) {
      return make_error(ErrorCode::kLimitExceeded,
                        "schema nested deeper than " + std::to_string(limits_.max_depth));
    }
    switch (json.type()) {
      case json::Type::kString:
        return parse_name_reference(json.text(), space);
      case json::Type::kArray:
        return parse_union(json, space, depth);
      case json::Type::kObject:
        return parse_object(json, space, depth);
      default:
        return schema_error("a schema must be a string, an object or an array, not " +
                            json::write(json));
    }
  }

  Result<NodeId> parse_name_reference(const std::string& name, const std::string& space) {
    if (auto kind = primitive_kind(name)) {
      Node node;
      node.kind = *kind;
      return add_node(std::move(node));
    }
    if (auto found = lookup(name, space)) return *found;
    return schema_error("unknown type " + quoted(name));
  }

  // Resolves a type name as the spec says (relative to the enclosing
  // namespace), falling back to the null namespace like Java does.
  std::optional<NodeId> lookup(const std::string& name, const std::string& space) {
    auto& named = schema_->named_;
    auto it = named.find(qualify(name, space));
    if (it == named.end()) it = named.find(name);
    if (it == named.end()) return std::nullopt;
    return it->second;
  }

  static std::optional<Kind> primitive_kind(std::string_view name) {
    static constexpr std::pair<std::string_view, Kind> kPrimitives[] = {
        {"null", Kind::kNull},   {"boolean", Kind::kBoolean}, {"int", Kind::kInt},
        {"long", Kind::kLong},   {"float", Kind::kFloat},     {"double", Kind::kDouble},
        {"bytes", Kind::kBytes}, {"string", Kind::kString},
    };
    for (auto [text, kind] : kPrimitives) {
      if (text == name) return kind;
    }
    return std::nullopt;
  }

  Result<NodeId> parse_union(const json::Value& json, const std::string& space, uint32_t depth) {
    std::vector<NodeId> branches;
    // Each branch's identity: its full name if named, else its kind.
    std::unordered_set<std::string> seen;
    for (size_t i = 0; i < json.items().size(); ++i) {
      auto branch = parse_type(json.items()[i], space, depth + 1);
      if (!branch) return with_path(std::move(branch).error(), "[" + std::to_string(i) + "]");
      const Node& node = schema_->nodes_[branch.value()];
      if (node.kind == Kind::kUnion) {
        return with_path(schema_error("unions may not immediately contain other unions"),
                         "[" + std::to_string(i) + "]");
      }
      // Kinds are one byte below ' ', which no full name starts with.
      std::string identity =
          node.is_named() ? node.fullname : std::string(1, static_cast<char>(node.kind));
      if (!seen.insert(std::move(identity)).second) {
        return with_path(schema_error("duplicate type " +
                                      quoted(schema_->describe(branch.value())) + " in union"),
                         "[" + std::to_string(i) + "]");
      }
      branches.push_back(branch.value());
    }
    Node node;
    node.kind = Kind::kUnion;
    node.branches = std::move(branches);
    return add_node(std::move(node));
  }

  Result<NodeId> parse_object(const json::Value& json, const std::string& space, uint32_t depth) {
    const json::Value* type = json.find("type");
    if (type == nullptr) return schema_error("missing \"type\" attribute");
    if (!type->is_string()) {
      // {"type": {...}} or {"type": [...]}: a wrapped schema; extra attributes are ignored.
      auto inner = parse_type(*type, space, depth + 1);
      if (!inner) return with_path(std::move(inner).error(), ".type");
      return inner;
    }
    const std::string& name = type->text();
    if (name == "record" || name == "error") return parse_record(json, space, depth, name == "error");
    if (name == "enum") return parse_enum(json, space);
    if (name == "fixed") return parse_fixed(json, space);
    if (name == "array" || name == "map") return parse_container(json, space, depth, name == "array");
    if (auto kind = primitive_kind(name)) {
      Node node;
      node.kind = *kind;
      static constexpr std::string_view kKnown[] = {"type", "logicalType", "precision", "scale"};
      node.custom = custom_attributes(json, kKnown);
      apply_logical_type(json, node);
      return add_node(std::move(node));
    }
    // {"type": "some.Name"}: a reference to a defined type.
    if (auto found = lookup(name, space)) return *found;
    return with_path(schema_error("unknown type " + quoted(name)), ".type");
  }

  Result<NodeId> parse_container(const json::Value& json, const std::string& space,
                                 uint32_t depth, bool is_array) {
    std::string_view key = is_array ? "items" : "values";
    const json::Value* inner_json = json.find(key);
    if (inner_json == nullptr) {
      return schema_error(std::string(is_array ? "array" : "map") + " is missing \"" +
                          std::string(key) + "\"");
    }
    auto inner = parse_type(*inner_json, space, depth + 1);
    if (!inner) return with_path(std::move(inner).error(), "." + std::string(key));
    Node node;
    node.kind = is_array ? Kind::kArray : Kind::kMap;
    node.items = inner.value();
    static constexpr std::string_view kArrayKnown[] = {"type", "items"};
    static constexpr std::string_view kMapKnown[] = {"type", "values"};
    node.custom = is_array ? custom_attributes(json, kArrayKnown) : custom_attributes(json, kMapKnown);
    return add_node(std::move(node));
  }

  // Fills the naming attributes of a record/enum/fixed and registers it, so
  // that a record's fields can refer to the record itself.
  Result<NodeId> declare_named(const json::Value& json, const std::string& space, Kind kind) {
    const json::Value* name = json.find("name");
    if (name == nullptr) return schema_error("missing \"name\" attribute");
    if (!name->is_string()) return with_path(schema_error("\"name\" must be a string"), ".name");
    Node node;
    node.kind = kind;
    std::string own_space = space;
    if (const json::Value* ns = json.find("namespace")) {
      if (ns->is_string()) {
        own_space = ns->text();
      } else if (ns->is_null()) {
        own_space.clear();
      } else {
        return with_path(schema_error("\"namespace\" must be a string"), ".namespace");
      }
    }
    const std::string& text = name->text();
    size_t dot = text.rfind('.');
    if (dot != std::string::npos) {
      own_space = text.substr(0, dot);
      node.name = text.substr(dot + 1);
    } else {
      node.name = text;
    }
    if (!is_valid_name(node.name)) {
      return with_path(schema_error("invalid name " + quoted(text)), ".name");
    }
    if (!is_valid_namespace(own_space)) {
      return with_path(schema_error("invalid namespace " + quoted(own_space)), ".namespace");
    }
    if (is_primitive_name(node.name) && own_space.empty()) {
      return with_path(schema_error("a named type may not be called " + quoted(node.name)), ".name");
    }
    node.space = own_space;
    node.fullname = qualify(node.name, own_space);
    if (schema_->named_.count(node.fullname) != 0) {
      return with_path(schema_error("type " + quoted(node.fullname) + " is already defined"),
                       ".name");
    }
    if (const json::Value* doc = json.find("doc")) {
      if (doc->is_string()) node.doc = doc->text();
    }
    if (const json::Value* aliases = json.find("aliases")) {
      auto list = parse_aliases(*aliases);
      if (!list) return with_path(std::move(list).error(), ".aliases");
      for (const auto& alias : list.value()) node.aliases.push_back(qualify(alias, own_space));
    }
    auto id = add_node(std::move(node));
    if (!id) return id;
    schema_->named_.emplace(schema_->nodes_[id.value()].fullname, id.value());
    return id;
  }

  static Result<std::vector<std::string>> parse_aliases(const json::Value& json) {
    if (!json.is_array()) return schema_error("\"aliases\" must be an array of names");
    std::vector<std::string> aliases;
    for (const auto& alias : json.items()) {
      if (!alias.is_string() || !is_valid_namespace(alias.text())) {
        return schema_error("invalid alias " + json::write(alias));
      }
      aliases.push_back(alias.text());
    }
    return aliases;
  }

  Result<NodeId> parse_record(const json::Value& json, const std::string& space, uint32_t depth,
                              bool is_error) {
    auto id = declare_named(json, space, Kind::kRecord);
    if (!id) return id;
    const json::Value* fields = json.find("fields");
    if (fields == nullptr) return schema_error("record is missing \"fields\"");
    if (!fields->is_array()) return with_path(schema_error("\"fields\" must be an array"), ".fields");
    std::string inner_space = schema_->nodes_[id.value()].space;
    std::vector<Field> parsed;
    // A set, not a scan of the earlier fields: 100,000 fields must not cost
    // 5 billion comparisons (views into the JSON, which outlives the set).
    std::unordered_set<std::string_view> names;
    for (size_t i = 0; i < fields->items().size(); ++i) {
      auto field = parse_field(fields->items()[i], inner_space, depth);
      if (!field) return with_path(std::move(field).error(), ".fields[" + std::to_string(i) + "]");
      if (!names.insert(fields->items()[i].find("name")->text()).second) {
        return with_path(schema_error("duplicate field name " + quoted(field.value().name)),
                         ".fields[" + std::to_string(i) + "]");
      }
      parsed.push_back(std::move(field).value());
    }
    Node& node = schema_->nodes_[id.value()];
    node.fields = std::move(parsed);
    node.is_error = is_error;
    node.custom = custom_attributes(json, kRecordAttributes);
    return id;
  }

  Result<Field> parse_field(const json::Value& json, const std::string& space, uint32_t depth) {
    if (!json.is_object()) return schema_error("a field must be an object");
    Field field;
    const json::Value* name = json.find("name");
    if (name == nullptr) return schema_error("field is missing \"name\"");
    if (!name->is_string() || !is_valid_name(name->text())) {
      return with_path(schema_error("invalid field name " + json::write(*name)), ".name");
    }
    field.name = name->text();
    const json::Value* type = json.find("type");
    if (type == nullptr) return schema_error("field " + quoted(field.name) + " is missing \"type\"");
    auto type_id = parse_type(*type, space, depth + 1);
    if (!type_id) return with_path(std::move(type_id).error(), ".type");
    field.type = type_id.value();
    if (const json::Value* doc = json.find("doc")) {
      if (doc->is_string()) field.doc = doc->text();
    }
    if (const json::Value* order = json.find("order")) {
      if (!order->is_string()) return with_path(schema_error("\"order\" must be a string"), ".order");
      if (order->text() == "ascending") {
        field.order = SortOrder::kAscending;
      } else if (order->text() == "descending") {
        field.order = SortOrder::kDescending;
      } else if (order->text() == "ignore") {
        field.order = SortOrder::kIgnore;
      } else {
        return with_path(schema_error("invalid order " + quoted(order->text())), ".order");
      }
    }
    if (const json::Value* aliases = json.find("aliases")) {
      auto list = parse_aliases(*aliases);
      if (!list) return with_path(std::move(list).error(), ".aliases");
      for (const auto& alias : list.value()) {
        if (!is_valid_name(alias)) return with_path(schema_error("invalid field alias " + quoted(alias)), ".aliases");
      }
      field.aliases = std::move(list).value();
    }
    if (const json::Value* value = json.find("default")) {
      field.has_default = true;
      field.default_json = *value;
    }
    field.custom = custom_attributes(json, kFieldAttributes);
    return field;
  }

  Result<NodeId> parse_enum(const json::Value& json, const std::string& space) {
    auto id = declare_named(json, space, Kind::kEnum);
    if (!id) return id;
    const json::Value* symbols = json.find("symbols");
    if (symbols == nullptr) return schema_error("enum is missing \"symbols\"");
    if (!symbols->is_array()) return with_path(schema_error("\"symbols\" must be an array"), ".symbols");
    std::vector<std::string> list;
    std::unordered_set<std::string_view> seen;  // views into the JSON
    for (size_t i = 0; i < symbols->items().size(); ++i) {
      const json::Value& symbol = symbols->items()[i];
      std::string where = ".symbols[" + std::to_string(i) + "]";
      if (!symbol.is_string() || !is_valid_name(symbol.text())) {
        return with_path(schema_error("invalid enum symbol " + json::write(symbol)), where);
      }
      if (!seen.insert(symbol.text()).second) {
        return with_path(schema_error("duplicate enum symbol " + quoted(symbol.text())), where);
      }
      list.push_back(symbol.text());
    }
    Node& node = schema_->nodes_[id.value()];
    node.symbols = std::move(list);
    if (const json::Value* fallback = json.find("default")) {
      int32_t found = -1;
      for (size_t i = 0; fallback->is_string() && i < node.symbols.size(); ++i) {
        if (node.symbols[i] == fallback->text()) found = static_cast<int32_t>(i);
      }
      if (found < 0) {
        return with_path(schema_error("enum default " + json::write(*fallback) +
                                      " is not one of the symbols"),
                         ".default");
      }
      node.enum_default = found;
    }
    node.custom = custom_attributes(json, kEnumAttributes);
    return id;
  }

  Result<NodeId> parse_fixed(const json::Value& json, const std::string& space) {
    auto id = declare_named(json, space, Kind::kFixed);
    if (!id) return id;
    const json::Value* size = json.find("size");
    if (size == nullptr) return schema_error("fixed is missing \"size\"");
    auto parsed = int32_attribute(*size, "\"size\"");
    if (!parsed) return with_path(std::move(parsed).error(), ".size");
    Node& node = schema_->nodes_[id.value()];
    node.size = static_cast<uint32_t>(parsed.value());
    static constexpr std::string_view kKnown[] = {"type",    "name", "namespace", "doc", "aliases",
                                                  "size", "logicalType", "precision", "scale"};
    node.custom = custom_attributes(json, kKnown);
    apply_logical_type(json, node);
    return id;
  }

  // Sets node.logical when the logical type is known and valid for the
  // underlying type; otherwise the spec says to ignore it, so the node stays
  // plain and its attributes are kept as custom ones.
  static void apply_logical_type(const json::Value& json, Node& node) {
    const json::Value* logical = json.find("logicalType");
    if (logical == nullptr || !logical->is_string()) {
      keep_as_custom(json, node, {"logicalType", "precision", "scale"});
      return;
    }
    node.logical_name = logical->text();
    Logical kind = logical_for(node, logical->text());
    if (kind == Logical::kDecimal && !apply_decimal(json, node)) kind = Logical::kNone;
    node.logical = kind;
    if (kind != Logical::kDecimal) keep_as_custom(json, node, {"precision", "scale"});
  }

  static void keep_as_custom(const json::Value& json, Node& node,
                             std::initializer_list<std::string_view> keys) {
    for (auto key : keys) {
      if (key == "logicalType" && !node.logical_name.empty()) continue;
      if (const json::Value* value = json.find(key)) node.custom.emplace_back(std::string(key), *value);
    }
  }

  static Logical logical_for(const Node& node, std::string_view name) {
    bool is_fixed = node.kind == Kind::kFixed;
    struct Rule { std::string_view name; Kind kind; Logical logical; };
    static constexpr Rule kRules[] = {
        {"decimal", Kind::kBytes, Logical::kDecimal},
        {"decimal", Kind::kFixed, Logical::kDecimal},
        {"big-decimal", Kind::kBytes, Logical::kBigDecimal},
        {"uuid", Kind::kString, Logical::kUuid},
        {"uuid", Kind::kFixed, Logical::kUuid},
        {"date", Kind::kInt, Logical::kDate},
        {"time-millis", Kind::kInt, Logical::kTimeMillis},
        {"time-micros", Kind::kLong, Logical::kTimeMicros},
        {"timestamp-millis", Kind::kLong, Logical::kTimestampMillis},
        {"timestamp-micros", Kind::kLong, Logical::kTimestampMicros},
        {"timestamp-nanos", Kind::kLong, Logical::kTimestampNanos},
        {"local-timestamp-millis", Kind::kLong, Logical::kLocalTimestampMillis},
        {"local-timestamp-micros", Kind::kLong, Logical::kLocalTimestampMicros},
        {"local-timestamp-nanos", Kind::kLong, Logical::kLocalTimestampNanos},
        {"duration", Kind::kFixed, Logical::kDuration},
    };
    for (const auto& rule : kRules) {
      if (rule.name != name || rule.kind != node.kind) continue;
      if (is_fixed && rule.logical == Logical::kUuid && node.size != 16) return Logical::kNone;
      if (is_fixed && rule.logical == Logical::kDuration && node.size != 12) return Logical::kNone;
      return rule.logical;
    }
    return Logical::kNone;
  }

  // precision > 0, 0 <= scale <= precision, and for fixed the precision must
  // fit in size bytes. Returns false (and keeps the attributes) when invalid.
  static bool apply_decimal(const json::Value& json, Node& node) {
    const json::Value* precision = json.find("precision");
    const json::Value* scale = json.find("scale");
    int64_t p = 0;
    int64_t s = 0;
    bool valid = precision != nullptr && precision->as_int64(&p) && p > 0 && p <= INT32_MAX;
    if (valid && scale != nullptr) valid = scale->as_int64(&s) && s >= 0 && s <= p;
    if (valid && node.kind == Kind::kFixed) valid = p <= max_fixed_precision(node.size);
    if (!valid) {
      keep_as_custom(json, node, {"precision", "scale"});
      return false;
    }
    node.precision = static_cast<int32_t>(p);
    node.scale = static_cast<int32_t>(s);
    return true;
  }

  // Defaults are checked once the whole graph exists (a default may be of a
  // type defined later in the schema, or of the record itself). The walk
  // follows the parser's descent so errors carry the same schema paths.
  Status encode_defaults() {
    std::vector<uint8_t> visited(schema_->nodes_.size(), 0);
    return encode_defaults_at(schema_->root_, "", visited);
  }

  Status encode_defaults_at(NodeId id, const std::string& path, std::vector<uint8_t>& visited) {
    if (visited[id]) return Status::ok();
    visited[id] = 1;
    Node& node = schema_->nodes_[id];
    switch (node.kind) {
      case Kind::kRecord:
        for (size_t i = 0; i < node.fields.size(); ++i) {
          std::string field_path = path + ".fields[" + std::to_string(i) + "]";
          AVRO_TRY(encode_default(node, schema_->nodes_[id].fields[i], field_path));
          AVRO_TRY(encode_defaults_at(schema_->nodes_[id].fields[i].type, field_path + ".type", visited));
        }
        return Status::ok();
      case Kind::kUnion:
        for (size_t i = 0; i < node.branches.size(); ++i) {
          AVRO_TRY(encode_defaults_at(schema_->nodes_[id].branches[i], path + "[" + std::to_string(i) + "]", visited));
        }
        return Status::ok();
      case Kind::kArray: return encode_defaults_at(node.items, path + ".items", visited);
      case Kind::kMap: return encode_defaults_at(node.items, path + ".values", visited);
      default: return Status::ok();
    }
  }

  Status encode_default(const Node& record, Field& field, const std::string& field_path) {
    if (!field.has_default) return Status::ok();
    std::string encoded;
    Status status = json_to_binary(*schema_, field.type, field.default_json, JsonMode::kDefault, encoded);
    if (!status) {
      Error error = std::move(status).error();
      error.message = "invalid default for field " + quoted(field.name) + " of " + quoted(record.fullname) +
                      ": " + error.message;
      error.code = ErrorCode::kSchemaParse;
      error.path = field_path + ".default" + error.path;
      error.offset = -1;
      return error;
    }
    field.default_binary = std::move(encoded);
    return Status::ok();
  }

  static Error with_path(Error error, const std::string& segment) {
    prepend_path(error, segment);
    return error;
  }

  SchemaLimits limits_;
  std::unique_ptr<Schema> schema_ = std::make_unique<Schema>();
};

Result<std::shared_ptr<const Schema>> Schema::parse(const json::Value& json,
                                                    const SchemaLimits& limits) {
  return SchemaParser(limits).run(json);
}

Result<std::shared_ptr<const Schema>> Schema::parse(std::string_view json_text,
                                                    const SchemaLimits& limits) {
  json::ParseOptions options;
  options.max_depth = limits.max_depth * 2 + 8;  // each schema level is at most two JSON levels
  auto json = json::parse(json_text, options);
  if (!json) return std::move(json).error();
  return parse(json.value(), limits);
}

const Node* Schema::find_named(std::string_view fullname) const {
  auto it = named_.find(std::string(fullname));
  return it == named_.end() ? nullptr : &nodes_[it->second];
}

}  // namespace avro
