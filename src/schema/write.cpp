// Schema graph -> JSON text: the full form (to_json) and the Parsing
// Canonical Form. Named types are written in full at their first occurrence
// and by full name afterwards, which also terminates recursive types.
#include <string>
#include <unordered_set>

#include "schema/schema.h"

namespace avro {

namespace {

constexpr std::string_view kKindNames[] = {"null",  "boolean", "int",   "long",  "float",
                                           "double", "bytes",  "string", "record", "enum",
                                           "array", "map",    "union", "fixed"};
constexpr std::string_view kLogicalNames[] = {
    "",  "decimal", "big-decimal", "uuid", "date", "time-millis", "time-micros",
    "timestamp-millis", "timestamp-micros", "timestamp-nanos", "local-timestamp-millis",
    "local-timestamp-micros", "local-timestamp-nanos", "duration"};

class JsonOut {
 public:
  explicit JsonOut(std::string& out) : out_(out) {}
  void open_object() { out_ += '{'; first_ = true; }
  void close_object() { out_ += '}'; first_ = false; }
  void key(std::string_view name) {
    if (!first_) out_ += ',';
    first_ = false;
    json::write_string(name, out_);
    out_ += ':';
  }
  void string_member(std::string_view name, std::string_view value) {
    key(name);
    json::write_string(value, out_);
  }
  void raw_member(std::string_view name, std::string_view raw) {
    key(name);
    out_ += raw;
  }
  // After writing a nested value the next key needs a comma.
  void mark_written() { first_ = false; }
  std::string& out() { return out_; }

 private:
  std::string& out_;
  bool first_ = true;
};

class Writer {
 public:
  Writer(const Schema& schema, bool canonical) : schema_(schema), canonical_(canonical) {}

  void write(NodeId id, std::string_view enclosing_space, std::string& out) {
    const Node& node = schema_.node(id);
    if (node.is_named()) {
      if (!written_.insert(id).second) {
        json::write_string(node.fullname, out);
        return;
      }
    }
    switch (node.kind) {
      case Kind::kUnion:
        out += '[';
        for (size_t i = 0; i < node.branches.size(); ++i) {
          if (i > 0) out += ',';
          write(node.branches[i], enclosing_space, out);
        }
        out += ']';
        return;
      case Kind::kRecord:
      case Kind::kEnum:
      case Kind::kFixed:
        write_named(id, node, enclosing_space, out);
        return;
      case Kind::kArray:
      case Kind::kMap: {
        JsonOut o(out);
        o.open_object();
        o.string_member("type", kind_name(node.kind));
        o.key(node.kind == Kind::kArray ? "items" : "values");
        write(node.items, enclosing_space, out);
        o.mark_written();
        write_extras(node, o);
        o.close_object();
        return;
      }
      default:
        if (canonical_ || (node.logical_name.empty() && node.custom.empty())) {
          json::write_string(kind_name(node.kind), out);
          return;
        }
        JsonOut o(out);
        o.open_object();
        o.string_member("type", kind_name(node.kind));
        write_extras(node, o);
        o.close_object();
    }
  }

 private:
  void write_named(NodeId id, const Node& node, std::string_view enclosing_space, std::string& out) {
    JsonOut o(out);
    o.open_object();
    if (canonical_) {
      o.string_member("name", node.fullname);
      o.string_member("type", node.is_error ? "record" : kind_name(node.kind));
    } else {
      o.string_member("type", node.is_error ? "error" : kind_name(node.kind));
      o.string_member("name", node.name);
      if (node.space != enclosing_space) o.string_member("namespace", node.space);
      if (!node.doc.empty()) o.string_member("doc", node.doc);
      if (!node.aliases.empty()) {
        o.key("aliases");
        write_string_array(node.aliases, out);
      }
    }
    if (node.kind == Kind::kRecord) {
      o.key("fields");
      out += '[';
      for (size_t i = 0; i < node.fields.size(); ++i) {
        if (i > 0) out += ',';
        write_field(node.fields[i], node.space, out);
      }
      out += ']';
    } else if (node.kind == Kind::kEnum) {
      o.key("symbols");
      write_string_array(node.symbols, out);
      if (!canonical_ && node.enum_default >= 0) {
        o.string_member("default", node.symbols[node.enum_default]);
      }
    } else {
      o.raw_member("size", std::to_string(node.size));
    }
    (void)id;
    write_extras(node, o);
    o.close_object();
  }

  void write_field(const Field& field, std::string_view space, std::string& out) {
    JsonOut o(out);
    o.open_object();
    o.string_member("name", field.name);
    o.key("type");
    write(field.type, space, out);
    o.mark_written();
    if (!canonical_) {
      if (!field.doc.empty()) o.string_member("doc", field.doc);
      if (field.has_default) o.raw_member("default", json::write(field.default_json));
      if (field.order == SortOrder::kDescending) o.string_member("order", "descending");
      if (field.order == SortOrder::kIgnore) o.string_member("order", "ignore");
      if (!field.aliases.empty()) {
        o.key("aliases");
        write_string_array(field.aliases, out);
      }
      for (const auto& [key, value] : field.custom) o.raw_member(key, json::write(value));
    }
    o.close_object();
  }

  // Logical type attributes and custom attributes (never in canonical form).
  void write_extras(const Node& node, JsonOut& o) {
    if (canonical_) return;
    if (!node.logical_name.empty()) o.string_member("logicalType", node.logical_name);
    if (node.logical == Logical::kDecimal) {
      o.raw_member("precision", std::to_string(node.precision));
      o.raw_member("scale", std::to_string(node.scale));
    }
    for (const auto& [key, value] : node.custom) o.raw_member(key, json::write(value));
  }

  static void write_string_array(const std::vector<std::string>& items, std::string& out) {
    out += '[';
    for (size_t i = 0; i < items.size(); ++i) {
      if (i > 0) out += ',';
      json::write_string(items[i], out);
    }
    out += ']';
  }

  const Schema& schema_;
  bool canonical_;
  std::unordered_set<NodeId> written_;
};

}  // namespace

std::string_view kind_name(Kind kind) { return kKindNames[static_cast<size_t>(kind)]; }
std::string_view logical_name(Logical logical) { return kLogicalNames[static_cast<size_t>(logical)]; }

std::string Schema::to_json() const {
  std::string out;
  Writer(*this, false).write(root_, "", out);
  return out;
}

std::string Schema::canonical_form() const {
  std::string out;
  Writer(*this, true).write(root_, "", out);
  return out;
}

std::string Schema::describe(NodeId id) const {
  const Node& node = nodes_[id];
  std::string text(kind_name(node.kind));
  if (node.is_named()) text += " " + node.fullname;
  if (node.logical != Logical::kNone) text += " (" + std::string(logical_name(node.logical)) + ")";
  return text;
}

}  // namespace avro
