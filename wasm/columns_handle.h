// Embind handle for columnar decoding (datum/columns.h): container blocks
// decoded into Arrow-layout column buffers that stay in the wasm heap until
// JS copies each buffer out once.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "avro_type.h"
#include "container_handles.h"
#include "datum/columns.h"

namespace avro::wasm {

class ColumnsHandle {
 public:
  // `paths_json`: a JSON array of field paths ([] = every supported field).
  // Never fails: a bad selection is kept for ok()/takeError().
  static ColumnsHandle* create(AvroType& type, const std::string& paths_json);

  bool ok() const { return plan_ != nullptr; }
  // {"columns":[{"path","kind","node","list","nullable","width"}],"skipped":[...]}
  std::string layout_json() const;
  // Appends the decoder's current block. On error the columns keep the
  // block's records before the bad one (stats of the decoder say how many).
  int decode_block(ContainerDecoder& decoder);
  // Per column [rows, nullCount, valuesPtr, valuesLen, offsetsPtr, offsetsLen,
  // listOffsetsPtr, listOffsetsLen, validityPtr, validityLen] as JSON.
  std::string buffers_json() const;
  double rows() const { return static_cast<double>(rows_); }
  ErrorInfo take_error() { return errors_.take(); }

 private:
  std::shared_ptr<const ColumnPlan> plan_;
  std::vector<Column> columns_;
  Limits limits_;
  uint64_t rows_ = 0;  // records decoded (also when no field has a column)
  ErrorSlot errors_;
};

}  // namespace avro::wasm
