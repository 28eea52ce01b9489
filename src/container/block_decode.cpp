#include "container/block_decode.h"

#include "datum/columns.h"

#include "io/bytes.h"

namespace avro {

namespace {

Error locate(Error error, const ContainerBlock& block, bool compressed, int64_t record) {
  std::string where =
      "record " + std::to_string(record) + " of the block at byte " + std::to_string(block.offset);
  if (compressed) {
    if (error.offset >= 0)
      where += ", byte " + std::to_string(error.offset) + " of its decompressed data";
    error.offset = static_cast<int64_t>(block.data_offset);
  } else if (error.offset >= 0) {
    error.offset += static_cast<int64_t>(block.data_offset);
  }
  error.message += " (" + where + ")";
  return error;
}

// Records must use up the block's data exactly.
Status check_consumed(const ByteReader& reader, const ContainerBlock& block, bool compressed) {
  if (reader.at_end()) return Status::ok();
  return locate(make_error(ErrorCode::kTrailingData,
                           std::to_string(reader.remaining()) + " bytes left after the block's " +
                               std::to_string(block.count) + " records",
                           static_cast<int64_t>(reader.position())),
                block, compressed, block.count);
}

// `decoder` is a Program or a Resolver (writer bytes either way); `min_size`
// is the writer's minimum encoded record size.
template <class Decoder>
Status decode_records(const Decoder& decoder, uint32_t min_size, const ContainerBlock& block,
                      bool compressed, Tape& tape, const Limits& limits, int64_t* decoded) {
  *decoded = 0;
  ByteReader reader(block.data);
  if (min_size > 0 && static_cast<uint64_t>(block.count) > block.data.size() / min_size) {
    return locate(
        make_error(ErrorCode::kInvalidData,
                   "block declares " + std::to_string(block.count) + " records but holds only " +
                       std::to_string(block.data.size()) + " bytes",
                   -1),
        block, compressed, 0);
  }
  // Records that take no bytes (empty records, "null") cost nothing to
  // declare: at least count - size of them are in the block, and they draw
  // from the tape's budget like zero-size array items.
  if (min_size == 0 && static_cast<uint64_t>(block.count) > block.data.size()) {
    uint64_t empty = static_cast<uint64_t>(block.count) - block.data.size();
    if (empty > tape.zero_size_budget(limits.max_zero_size_items)) {
      return locate(make_error(ErrorCode::kLimitExceeded,
                               "block declares " + std::to_string(block.count) + " records in " +
                                   std::to_string(block.data.size()) +
                                   " bytes: too many values that take no bytes",
                               -1),
                    block, compressed, 0);
    }
    tape.zero_size_items += empty;
  }
  for (int64_t i = 0; i < block.count; ++i) {
    Status status = decoder.decode(reader, tape, limits);
    if (!status) return locate(std::move(status).error(), block, compressed, i);
    *decoded = i + 1;
    // Records without collections are bounded by their bytes, except for
    // decimal text and reader defaults: the block as a whole is checked here.
    if (tape.size_bytes() > limits.max_decoded_size) {
      return locate(make_error(ErrorCode::kLimitExceeded,
                               "decoded output exceeds the limit of " +
                                   std::to_string(limits.max_decoded_size) + " bytes",
                               static_cast<int64_t>(reader.position())),
                    block, compressed, i);
    }
  }
  return check_consumed(reader, block, compressed);
}

}  // namespace

Status decode_block(const Program& program, const ContainerBlock& block, bool compressed, Tape& tape,
                    const Limits& limits, int64_t* decoded) {
  return decode_records(program, program.step(program.root()).min_size, block, compressed, tape, limits, decoded);
}

Status decode_block(const Resolver& resolver, const ContainerBlock& block, bool compressed, Tape& tape,
                    const Limits& limits, int64_t* decoded) {
  const Program& writer = resolver.writer_program();
  return decode_records(resolver, writer.step(writer.root()).min_size, block, compressed, tape, limits, decoded);
}

Status decode_block(const ColumnPlan& plan, const ContainerBlock& block, bool compressed,
                    std::vector<Column>& columns, const Limits& limits, int64_t* decoded) {
  ByteReader reader(block.data);
  Status status = plan.decode(reader, block.count, columns, limits, decoded);
  if (!status) return locate(std::move(status).error(), block, compressed, *decoded);
  return check_consumed(reader, block, compressed);
}

}  // namespace avro
