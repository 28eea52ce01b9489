#include "datum/columns.h"

#include <algorithm>
#include <climits>
#include <cstring>

#include "datum/block_count.h"
#include "datum/utf8.h"

namespace avro {

const char* column_kind_name(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::kNull: return "null";
    case ColumnKind::kBool: return "bool";
    case ColumnKind::kInt32: return "int32";
    case ColumnKind::kInt64: return "int64";
    case ColumnKind::kFloat32: return "float32";
    case ColumnKind::kFloat64: return "float64";
    case ColumnKind::kUtf8: return "utf8";
    case ColumnKind::kBinary: return "binary";
    case ColumnKind::kFixed: return "fixed";
    case ColumnKind::kEnum: return "enum";
  }
  return "null";
}

namespace {

bool leaf_kind(const Node& node, ColumnKind* kind) {
  switch (node.kind) {
    case Kind::kNull: *kind = ColumnKind::kNull; return true;
    case Kind::kBoolean: *kind = ColumnKind::kBool; return true;
    case Kind::kInt: *kind = ColumnKind::kInt32; return true;
    case Kind::kLong: *kind = ColumnKind::kInt64; return true;
    case Kind::kFloat: *kind = ColumnKind::kFloat32; return true;
    case Kind::kDouble: *kind = ColumnKind::kFloat64; return true;
    case Kind::kString: *kind = ColumnKind::kUtf8; return true;
    case Kind::kBytes: *kind = ColumnKind::kBinary; return true;
    case Kind::kFixed: *kind = ColumnKind::kFixed; return true;
    case Kind::kEnum: *kind = ColumnKind::kEnum; return true;
    default: return false;
  }
}

// The branch that is null in a union of null and one other type, else -1.
int32_t null_branch(const Schema& schema, const Node& node) {
  if (node.kind != Kind::kUnion || node.branches.size() != 2) return -1;
  for (int32_t i = 0; i < 2; ++i) {
    if (schema.node(node.branches[static_cast<size_t>(i)]).kind == Kind::kNull &&
        schema.node(node.branches[static_cast<size_t>(1 - i)]).kind != Kind::kNull) {
      return i;
    }
  }
  return -1;
}

// Bytes per value of a fixed-width column kind (int32, int64, float32,
// float64, enum, fixed), else 0.
size_t value_width(const Column& column) {
  switch (column.kind) {
    case ColumnKind::kInt32:
    case ColumnKind::kEnum:
    case ColumnKind::kFloat32: return 4;
    case ColumnKind::kInt64:
    case ColumnKind::kFloat64: return 8;
    case ColumnKind::kFixed: return column.width;
    default: return 0;
  }
}

}  // namespace

class ColumnPlanner {
 public:
  ColumnPlanner(ColumnPlan& plan, const Schema& schema) : plan_(plan), schema_(schema) {}

  // Plans the record at `node`; `wanted` (empty: everything) holds the
  // selected paths below `prefix`.
  Result<uint32_t> record(NodeId node, const std::string& prefix, const std::vector<std::string>& wanted,
                          bool nullable, uint32_t depth) {
    if (depth > 64) return make_error(ErrorCode::kInvalidValue, "records nested too deep for columns at " + prefix);
    open_.push_back(node);
    auto index = static_cast<uint32_t>(plan_.records_.size());
    plan_.records_.emplace_back();
    const Node& rn = schema_.node(node);
    for (const Field& field : rn.fields) {
      std::string path = prefix.empty() ? field.name : prefix + "." + field.name;
      ColumnPlan::FieldPlan fp;
      fp.type = fp.value = field.type;
      fp.name = field.name;
      const Node& type = schema_.node(field.type);
      fp.null_branch = null_branch(schema_, type);
      if (fp.null_branch >= 0) fp.value = type.branches[static_cast<size_t>(1 - fp.null_branch)];
      bool field_nullable = nullable || fp.null_branch >= 0;
      Selection selection = select(path, wanted);
      if (selection.none) {
        plan_.records_[index].fields.push_back(std::move(fp));
        continue;
      }
      const Node& value = schema_.node(fp.value);
      ColumnKind kind;
      bool recursive = std::find(open_.begin(), open_.end(), fp.value) != open_.end();
      if (value.kind == Kind::kRecord && !recursive) {
        auto sub = record(fp.value, path, selection.below, field_nullable, depth + 1);
        if (!sub) return sub;
        fp.kind = ColumnPlan::FieldKind::kRecord;
        fp.target = sub.value();
        const auto& sub_columns = plan_.records_[sub.value()].columns;
        auto& columns = plan_.records_[index].columns;
        columns.insert(columns.end(), sub_columns.begin(), sub_columns.end());
      } else if (leaf_kind(value, &kind) ||
                 (value.kind == Kind::kArray && leaf_kind(schema_.node(value.items), &kind))) {
        if (!selection.below.empty()) {
          return make_error(ErrorCode::kInvalidValue, "\"" + selection.below.front() + "\" is not a field: " +
                                                          path + " is not a record");
        }
        bool list = value.kind == Kind::kArray;
        NodeId leaf = list ? value.items : fp.value;
        Column column;
        column.path = path;
        column.kind = kind;
        column.node = leaf;
        column.list = list;
        column.nullable = field_nullable;
        column.width = schema_.node(leaf).size;
        if (kind == ColumnKind::kUtf8 || kind == ColumnKind::kBinary) column.offsets.push_back(0);
        if (list) column.list_offsets.push_back(0);
        fp.kind = ColumnPlan::FieldKind::kLeaf;
        fp.target = static_cast<uint32_t>(plan_.columns_.size());
        plan_.records_[index].columns.push_back(fp.target);
        plan_.columns_.push_back(std::move(column));
      } else if (selection.explicit_) {
        return make_error(ErrorCode::kInvalidValue,
                          "field " + path + " (" + schema_.describe(field.type) + ") has no columnar layout");
      } else {
        plan_.skipped_.push_back(path);
      }
      plan_.records_[index].fields.push_back(std::move(fp));
    }
    open_.pop_back();
    plan_skips(plan_.records_[index]);
    return index;
  }

 private:
  struct Selection {
    bool none = false;       // not selected at all
    bool explicit_ = false;  // named by the caller (not just "everything")
    std::vector<std::string> below;  // selected paths inside it (empty: all of it)
  };

  // Fuses runs of skipped fields that are primitives or arrays/maps of
  // primitives, so skipping them is one skip_run with no program walk.
  void plan_skips(ColumnPlan::RecordPlan& record) {
    const Program& program = *plan_.program_;
    auto& fields = record.fields;
    for (size_t i = 0; i < fields.size(); ++i) {
      auto begin = static_cast<uint32_t>(plan_.skips_.size());
      size_t j = i;
      while (j < fields.size() && fields[j].kind == ColumnPlan::FieldKind::kSkip &&
             value_skip(program, fields[j].type, &plan_.skips_)) {
        ++j;
      }
      if (j > i) {
        fields[i].run_fields = static_cast<uint32_t>(j - i);
        fields[i].run_items = static_cast<uint32_t>(plan_.skips_.size()) - begin;
        fields[i].skips_begin = begin;
        i = j - 1;
      }
    }
  }

  static Selection select(const std::string& path, const std::vector<std::string>& wanted) {
    Selection s;
    if (wanted.empty()) return s;
    s.none = true;
    for (const std::string& w : wanted) {
      if (w == path) {
        s.none = false;
        s.explicit_ = true;
        s.below.clear();
        return s;
      }
      if (w.size() > path.size() && w.compare(0, path.size(), path) == 0 && w[path.size()] == '.') {
        s.none = false;
        s.explicit_ = true;
        s.below.push_back(w);
      }
    }
    return s;
  }

  ColumnPlan& plan_;
  const Schema& schema_;
  std::vector<NodeId> open_;  // records being planned: a recursive field is not columnar
};

Result<std::shared_ptr<const ColumnPlan>> ColumnPlan::compile(std::shared_ptr<const Program> program,
                                                              const std::vector<std::string>& paths) {
  const Schema& schema = program->schema();
  if (schema.root_node().kind != Kind::kRecord) {
    return make_error(ErrorCode::kInvalidValue, "columns need a record schema, not " + schema.describe(schema.root()));
  }
  auto plan = std::make_shared<ColumnPlan>();
  plan->program_ = program;
  ColumnPlanner planner(*plan, schema);
  auto root = planner.record(schema.root(), "", paths, false, 0);
  if (!root) return std::move(root).error();
  for (const std::string& path : paths) {
    bool found = false;
    for (const Column& column : plan->columns_) {
      found = found || column.path == path || column.path.compare(0, path.size() + 1, path + ".") == 0;
    }
    if (!found) return make_error(ErrorCode::kInvalidValue, "no field " + path + " in the schema");
  }
  return std::shared_ptr<const ColumnPlan>(std::move(plan));
}

class ColumnWalker {
 public:
  ColumnWalker(const ColumnPlan& plan, ByteReader& reader, std::vector<Column>& columns, const Limits& limits)
      : plan_(plan), schema_(plan.program_->schema()), reader_(reader), columns_(columns), limits_(limits),
        zero_size_budget_(limits.max_zero_size_items) {}

  bool record(uint32_t index) {
    const auto& fields = plan_.records_[index].fields;
    for (size_t i = 0; i < fields.size(); ++i) {
      const ColumnPlan::FieldPlan& field = fields[i];
      if (field.run_fields > 0 &&
          skip_run(reader_, &plan_.skips_[field.skips_begin], field.run_items, limits_.max_block_items)) {
        i += field.run_fields - 1;
        continue;
      }
      if (field.kind == ColumnPlan::FieldKind::kLeaf && field.null_branch < 0) {
        Column& column = columns_[field.target];
        if (!column.list && fast_value(column)) {
          present(column);
          continue;
        }
      }
      if (!this->field(field)) {
        prepend_path(error_, "." + field.name);
        return false;
      }
    }
    return true;
  }

  Error take_error() { return std::move(error_); }

 private:
  bool field(const ColumnPlan::FieldPlan& field) {
    if (field.kind == ColumnPlan::FieldKind::kSkip) {
      Status skipped = plan_.program_->skip_node(field.type, reader_, limits_);
      if (skipped) return true;
      error_ = std::move(skipped).error();
      return false;
    }
    if (field.null_branch >= 0) {
      size_t start = reader_.position();
      int64_t branch = 0;
      if (!read_long(&branch, "union branch index")) return false;
      if (branch != 0 && branch != 1) {
        return fail(ErrorCode::kInvalidData, "union branch index " + std::to_string(branch) + " out of range", start);
      }
      if (branch == field.null_branch) {
        if (field.kind == ColumnPlan::FieldKind::kLeaf) {
          append_null(columns_[field.target]);
        } else {
          for (uint32_t c : plan_.records_[field.target].columns) append_null(columns_[c]);
        }
        return true;
      }
    }
    if (field.kind == ColumnPlan::FieldKind::kRecord) return record(field.target);
    Column& column = columns_[field.target];
    if (column.list) return list(column);
    if (!value(column)) return false;
    present(column);
    return true;
  }

  // A number of the common kinds, with no error handling: false leaves the
  // reader and the column as they were (value() then names the problem).
  bool fast_value(Column& column) {
    std::string_view bytes;
    int64_t number = 0;
    switch (column.kind) {
      case ColumnKind::kInt64:
        if (reader_.read_long(&number) != ReadStatus::kOk) return false;
        std::memcpy(slot(column, 8), &number, 8);
        break;
      case ColumnKind::kFloat64:
        if (reader_.read_raw(8, &bytes) != ReadStatus::kOk) return false;
        std::memcpy(slot(column, 8), bytes.data(), 8);
        break;
      case ColumnKind::kFloat32:
        if (reader_.read_raw(4, &bytes) != ReadStatus::kOk) return false;
        std::memcpy(slot(column, 4), bytes.data(), 4);
        break;
      case ColumnKind::kInt32: {
        int32_t value = 0;
        if (reader_.read_int(&value) != ReadStatus::kOk) return false;
        std::memcpy(slot(column, 4), &value, 4);
        break;
      }
      default: return false;
    }
    ++column.value_count;
    return true;
  }

  bool list(Column& column) {
    uint32_t item_size = plan_.program_->step(column.node).min_size;
    for (;;) {
      int64_t count = 0;
      Status status = read_block_count(reader_, item_size, &zero_size_budget_, limits_.max_block_items, &count);
      if (!status) {
        error_ = std::move(status).error();
        return false;
      }
      if (count == 0) break;
      for (int64_t i = 0; i < count; ++i) {
        if (!value(column)) {
          prepend_path(error_, "[" + std::to_string(column.value_count) + "]");
          return false;
        }
      }
    }
    if (column.value_count > INT32_MAX) return fail(ErrorCode::kLimitExceeded, "list column over 2^31 items", 0);
    column.list_offsets.push_back(static_cast<int32_t>(column.value_count));
    present(column);
    return true;
  }

  // One value of the column's kind (a list's item).
  bool value(Column& column) {
    size_t start = reader_.position();
    std::string_view bytes;
    int64_t number = 0;
    switch (column.kind) {
      case ColumnKind::kNull: break;
      case ColumnKind::kBool: {
        if (reader_.read_raw(1, &bytes) != ReadStatus::kOk) return truncated("boolean", start);
        auto b = static_cast<uint8_t>(bytes[0]);
        if (b > 1) return fail(ErrorCode::kInvalidData, "boolean byte must be 0 or 1, not " + std::to_string(b), start);
        append_bit(column.values, column.value_count, b == 1);
        break;
      }
      case ColumnKind::kInt32:
      case ColumnKind::kEnum: {
        if (!read_long(&number, column.kind == ColumnKind::kEnum ? "enum" : "int")) return false;
        if (column.kind == ColumnKind::kInt32 && (number < INT32_MIN || number > INT32_MAX)) {
          return fail(ErrorCode::kInvalidData, "int out of range: " + std::to_string(number), start);
        }
        if (column.kind == ColumnKind::kEnum &&
            (number < 0 || static_cast<uint64_t>(number) >= schema_.node(column.node).symbols.size())) {
          return fail(ErrorCode::kInvalidData, "enum index " + std::to_string(number) + " out of range", start);
        }
        auto v = static_cast<int32_t>(number);
        std::memcpy(slot(column, 4), &v, 4);
        break;
      }
      case ColumnKind::kInt64:
        if (!read_long(&number, "long")) return false;
        std::memcpy(slot(column, 8), &number, 8);
        break;
      // Avro and both targets are little-endian: floats are copied as they are.
      case ColumnKind::kFloat32:
        if (reader_.read_raw(4, &bytes) != ReadStatus::kOk) return truncated("float", start);
        std::memcpy(slot(column, 4), bytes.data(), 4);
        break;
      case ColumnKind::kFloat64:
        if (reader_.read_raw(8, &bytes) != ReadStatus::kOk) return truncated("double", start);
        std::memcpy(slot(column, 8), bytes.data(), 8);
        break;
      case ColumnKind::kFixed:
        if (reader_.read_raw(column.width, &bytes) != ReadStatus::kOk) return truncated("fixed", start);
        std::memcpy(slot(column, column.width), bytes.data(), column.width);
        break;
      case ColumnKind::kUtf8:
      case ColumnKind::kBinary: {
        bool text = column.kind == ColumnKind::kUtf8;
        if (!read_long(&number, "length")) return false;
        if (number < 0) return fail(ErrorCode::kInvalidData, "negative length", start);
        if (static_cast<uint64_t>(number) > limits_.max_length) {
          return fail(ErrorCode::kLimitExceeded, "value of " + std::to_string(number) + " bytes exceeds the limit",
                      start);
        }
        if (reader_.read_raw(static_cast<size_t>(number), &bytes) != ReadStatus::kOk) {
          return truncated(text ? "string" : "bytes", start);
        }
        uint32_t units = 0;
        if (text && !utf16_length(bytes, &units)) {
          return fail(ErrorCode::kInvalidUtf8, "string is not valid UTF-8", start);
        }
        if (column.values.size() + bytes.size() > INT32_MAX) {
          return fail(ErrorCode::kLimitExceeded, "column " + column.path + " holds over 2 GiB", start);
        }
        column.values.append(bytes);
        column.offsets.push_back(static_cast<int32_t>(column.values.size()));
        break;
      }
    }
    ++column.value_count;
    return true;
  }

  void present(Column& column) {
    if (column.nullable) append_bit(column.validity, column.rows, true);
    ++column.rows;
  }

  // A null row: the validity bit is 0 and the value slot holds zeros (Arrow
  // keeps fixed-width slots for nulls).
  void append_null(Column& column) {
    append_bit(column.validity, column.rows, false);
    ++column.rows;
    ++column.null_count;
    if (column.list) {
      column.list_offsets.push_back(static_cast<int32_t>(column.value_count));
      return;
    }
    switch (column.kind) {
      case ColumnKind::kNull: break;
      case ColumnKind::kBool: append_bit(column.values, column.value_count, false); break;
      case ColumnKind::kUtf8:
      case ColumnKind::kBinary: column.offsets.push_back(static_cast<int32_t>(column.values.size())); break;
      default: {
        size_t width = value_width(column);
        std::memset(slot(column, width), 0, width);
      }
    }
    ++column.value_count;
  }

  // Where the next value of a fixed-width column goes: decode() sizes
  // `values` for the rows it expects, so this rarely grows it.
  static char* slot(Column& column, size_t width) {
    size_t at = static_cast<size_t>(column.value_count) * width;
    if (column.values.size() < at + width) column.values.resize(at + width);
    return column.values.data() + at;
  }

  static void append_bit(std::string& bits, uint64_t index, bool set) {
    if (index % 8 == 0) bits.push_back('\0');
    if (set) bits.back() = static_cast<char>(static_cast<uint8_t>(bits.back()) | (1u << (index % 8)));
  }

  bool read_long(int64_t* value, const char* what) {
    size_t start = reader_.position();
    ReadStatus status = reader_.read_long(value);
    if (status == ReadStatus::kOk) return true;
    if (status == ReadStatus::kTruncated) return truncated(what, start);
    return fail(ErrorCode::kInvalidData, std::string("malformed varint in ") + what, start);
  }

  bool truncated(const char* what, size_t start) {
    return fail(ErrorCode::kTruncated, std::string("input ended inside ") + what, start);
  }

  bool fail(ErrorCode code, std::string message, size_t offset) {
    error_ = make_error(code, std::move(message), static_cast<int64_t>(offset));
    return false;
  }

  const ColumnPlan& plan_;
  const Schema& schema_;
  ByteReader& reader_;
  std::vector<Column>& columns_;
  const Limits& limits_;
  uint64_t zero_size_budget_;
  Error error_;
};

namespace {

// Cuts a column back to its first `rows` rows (a failed record's values).
void truncate(Column& column, size_t rows) {
  if (column.rows <= rows) return;  // (rows fit in memory, so in size_t)
  auto keep_bits = [](std::string& bits, size_t n) {
    bits.resize((n + 7) / 8);
    if (n % 8) bits.back() = static_cast<char>(static_cast<uint8_t>(bits.back()) & ((1u << (n % 8)) - 1));
  };
  size_t values = column.list ? static_cast<size_t>(column.list_offsets[rows]) : rows;
  if (column.list) column.list_offsets.resize(rows + 1);
  switch (column.kind) {
    case ColumnKind::kNull: break;
    case ColumnKind::kBool: keep_bits(column.values, values); break;
    case ColumnKind::kInt32:
    case ColumnKind::kEnum:
    case ColumnKind::kFloat32: column.values.resize(values * 4); break;
    case ColumnKind::kInt64:
    case ColumnKind::kFloat64: column.values.resize(values * 8); break;
    case ColumnKind::kFixed: column.values.resize(values * column.width); break;
    case ColumnKind::kUtf8:
    case ColumnKind::kBinary:
      column.offsets.resize(values + 1);
      column.values.resize(static_cast<size_t>(column.offsets.back()));
      break;
  }
  column.value_count = values;
  if (column.nullable) {
    keep_bits(column.validity, rows);
    uint64_t present = 0;
    for (char byte : column.validity) present += static_cast<uint64_t>(__builtin_popcount(static_cast<uint8_t>(byte)));
    column.null_count = rows - present;
  }
  column.rows = rows;
}

}  // namespace

Status ColumnPlan::decode(ByteReader& reader, int64_t count, std::vector<Column>& columns, const Limits& limits,
                          int64_t* decoded) const {
  *decoded = 0;
  uint64_t base = columns.empty() ? 0 : columns.front().rows;
  // Room for the rows the input can hold, so values are stored without a
  // capacity check each (ColumnWalker::slot); trimmed to size at the end.
  uint32_t min_size = std::max<uint32_t>(program_->step(program_->root()).min_size, 1);
  auto rows = static_cast<size_t>(std::min<uint64_t>(static_cast<uint64_t>(std::max<int64_t>(count, 0)),
                                                     reader.remaining() / min_size));
  for (Column& column : columns) {
    size_t width = value_width(column);
    if (!column.list && width > 0) column.values.resize((static_cast<size_t>(column.value_count) + rows) * width);
  }
  auto trim = [&columns] {
    for (Column& column : columns) {
      size_t width = value_width(column);
      if (width > 0) column.values.resize(static_cast<size_t>(column.value_count) * width);
    }
  };
  ColumnWalker walker(*this, reader, columns, limits);
  for (int64_t i = 0; i < count; ++i) {
    if (!walker.record(0)) {
      for (Column& column : columns) truncate(column, static_cast<size_t>(base + static_cast<uint64_t>(i)));
      trim();
      return walker.take_error();
    }
    ++*decoded;
  }
  trim();
  return Status::ok();
}

}  // namespace avro
