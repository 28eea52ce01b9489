// Columnar decoding: records of a record schema decoded straight into
// Apache Arrow-layout buffers (values, offsets, validity bitmap), one column
// per leaf field path ("id", "address.city"), with no per-value objects.
// Leaves: null, boolean (bit-packed), int/long/float/double (little-endian
// 32/64-bit), string (UTF-8 + int32 offsets), bytes, fixed, enum (int32
// indices into the symbols). A union of null and one other type makes the
// column nullable (validity bit 0 = null); a nested record (nullable or
// not) contributes its leaves; an array of a leaf type is a list column
// (list offsets over the item values). Other fields (maps, general unions,
// arrays of complex items, recursive references) are skipped unread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/error.h"
#include "datum/program.h"
#include "datum/skip_run.h"
#include "io/bytes.h"

namespace avro {

enum class ColumnKind : uint8_t { kNull, kBool, kInt32, kInt64, kFloat32, kFloat64, kUtf8, kBinary, kFixed, kEnum };

const char* column_kind_name(ColumnKind kind);

struct Column {
  std::string path;        // dotted field names from the root record
  ColumnKind kind = ColumnKind::kNull;
  NodeId node = 0;         // the leaf (list: item) schema node: logical type, symbols, size
  bool list = false;       // array of the leaf: list_offsets index the values
  bool nullable = false;   // has a validity bitmap
  uint32_t width = 0;      // fixed: bytes per value
  uint64_t rows = 0;
  uint64_t null_count = 0;
  uint64_t value_count = 0;          // values (list: items) appended
  std::string values;                // packed little-endian values; bool: bits
  std::vector<int32_t> offsets;      // utf8/binary: value_count + 1 byte offsets
  std::vector<int32_t> list_offsets; // list: rows + 1 value offsets
  std::string validity;              // nullable: one bit per row, 1 = present
};

class ColumnPlan {
 public:
  // `paths` selects fields (a record path selects all its leaves); empty
  // means every field the layout supports (the others are reported in
  // skipped()). An unknown path or an unsupported field asked for by name
  // is kInvalidValue.
  static Result<std::shared_ptr<const ColumnPlan>> compile(std::shared_ptr<const Program> program,
                                                           const std::vector<std::string>& paths);

  const std::vector<Column>& layout() const { return columns_; }
  const std::vector<std::string>& skipped() const { return skipped_; }

  // Appends `count` records from `reader` to `columns` (which must start as
  // a copy of layout()). On failure `*decoded` records are complete.
  Status decode(ByteReader& reader, int64_t count, std::vector<Column>& columns, const Limits& limits,
                int64_t* decoded) const;

 private:
  friend class ColumnPlanner;
  friend class ColumnWalker;
  enum class FieldKind : uint8_t { kSkip, kLeaf, kRecord };
  struct FieldPlan {
    FieldKind kind = FieldKind::kSkip;
    NodeId type = 0;           // the writer field's type (the union when nullable)
    NodeId value = 0;          // the non-null type
    int32_t null_branch = -1;  // union of null and `value`: the null branch's index
    uint32_t target = 0;       // leaf: column; record: record plan
    std::string name;
    // Skipped: the run of skipped fields starting here that are primitives
    // or arrays/maps of primitives, stepped over in one skip_run (fields;
    // its items in skips_).
    uint32_t run_fields = 0;
    uint32_t run_items = 0;
    uint32_t skips_begin = 0;
  };
  struct RecordPlan {
    std::vector<FieldPlan> fields;
    std::vector<uint32_t> columns;  // every column under this record (nulls fill them all)
  };
  std::shared_ptr<const Program> program_;
  std::vector<RecordPlan> records_;
  std::vector<Column> columns_;
  std::vector<std::string> skipped_;
  std::vector<SkipItem> skips_;
};

}  // namespace avro
