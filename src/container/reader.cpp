#include "container/reader.h"

#include <algorithm>
#include <cstring>

#include "io/bytes.h"

namespace avro {

namespace {

std::string bytes_text(uint64_t n) {
  return std::to_string(n) + (n == 1 ? " byte" : " bytes");
}

}  // namespace

uint64_t ContainerLimits::max_output_for(uint64_t compressed) const {
  if (max_decompression_ratio == 0) return max_decompressed_block_size;
  // Saturating: ratio x size may not fit in 64 bits.
  uint64_t by_ratio = compressed > UINT64_MAX / max_decompression_ratio
                          ? UINT64_MAX
                          : compressed * max_decompression_ratio;
  return std::min(max_decompressed_block_size, std::max(by_ratio, kRatioAllowance));
}

ContainerReader::ContainerReader(ContainerLimits limits) : limits_(limits) {}

void ContainerReader::feed(std::string_view bytes) {
  if (bytes.empty()) return;
  std::memcpy(reserve(bytes.size()), bytes.data(), bytes.size());
  commit(bytes.size());
}

uint8_t* ContainerReader::reserve(size_t size) {
  compact();
  reserved_at_ = buffer_.size();
  buffer_.resize(reserved_at_ + size);
  return reinterpret_cast<uint8_t*>(buffer_.data() + reserved_at_);
}

void ContainerReader::commit(size_t size) {
  if (reserved_at_ + size < buffer_.size()) buffer_.resize(reserved_at_ + size);
  reserved_at_ = buffer_.size();
}

// Drops consumed bytes once they outweigh the unconsumed ones, so feeding a
// whole file at once stays linear while streaming keeps memory bounded.
void ContainerReader::compact() {
  if (begin_ == 0 || begin_ < buffer_.size() - begin_) return;
  buffer_.erase(0, begin_);
  base_offset_ += begin_;
  begin_ = 0;
  reserved_at_ = buffer_.size();
}

Result<ContainerReader::Event> ContainerReader::next() {
  switch (state_) {
    case State::kHeader: return read_header();
    case State::kBlocks: compact(); return read_block();
    case State::kEnd: return Event::kEnd;
    case State::kFailed: return error_;
  }
  return make_error(ErrorCode::kInternal, "unknown reader state");
}

Result<ContainerReader::Event> ContainerReader::fail(Error error) {
  state_ = State::kFailed;
  error_ = error;
  return error;
}

Result<ContainerReader::Event> ContainerReader::read_header() {
  std::string_view view(buffer_.data() + begin_, buffer_.size() - begin_);
  if (view.empty()) {
    if (!finished_) return Event::kNeedInput;
    return fail(
        make_error(ErrorCode::kTruncated, "the input is empty, not an Avro container file", 0));
  }
  // Re-parse an incomplete header only once the input has doubled, so a
  // large header arriving in small chunks costs linear time.
  if (!finished_ && header_attempt_ > 0 && view.size() < 2 * header_attempt_ &&
      view.size() < limits_.max_header_size) {
    return Event::kNeedInput;
  }
  auto header = parse_header(view, limits_.max_header_size);
  if (!header) {
    if (header.error().code == ErrorCode::kTruncated && !finished_) {
      header_attempt_ = view.size();
      return Event::kNeedInput;
    }
    return fail(std::move(header).error());
  }
  header_ = std::move(header).value();
  begin_ += header_.size;
  codec_.emplace(header_.codec);
  codec_->set_window_basis(limits_.max_decompressed_block_size);
  state_ = State::kBlocks;
  return Event::kHeader;
}

Result<ContainerReader::Event> ContainerReader::read_block() {
  std::string_view view(buffer_.data() + begin_, buffer_.size() - begin_);
  uint64_t offset = position();
  if (view.empty()) {
    if (!finished_) return Event::kNeedInput;
    state_ = State::kEnd;
    return Event::kEnd;
  }
  ByteReader reader(view);
  int64_t count = 0;
  int64_t size = 0;
  ReadStatus status = reader.read_long(&count);
  if (status == ReadStatus::kOk) status = reader.read_long(&size);
  if (status == ReadStatus::kTruncated) {
    if (!finished_) return Event::kNeedInput;
    return fail(
        make_error(ErrorCode::kTrailingData,
                   bytes_text(view.size()) + " after the last block do not form a block header",
                   static_cast<int64_t>(offset)));
  }
  if (status != ReadStatus::kOk || count < 0 || size < 0) {
    return fail(make_error(ErrorCode::kInvalidData,
                           "invalid block header (record count or byte size) after block " +
                               std::to_string(blocks_read_),
                           static_cast<int64_t>(offset)));
  }
  if (static_cast<uint64_t>(count) > limits_.max_block_records) {
    return fail(make_error(ErrorCode::kLimitExceeded,
                           "block declares " + std::to_string(count) +
                               " records, more than the limit of " +
                               std::to_string(limits_.max_block_records),
                           static_cast<int64_t>(offset)));
  }
  if (static_cast<uint64_t>(size) > limits_.max_block_size) {
    return fail(make_error(ErrorCode::kLimitExceeded,
                           "block declares " + bytes_text(static_cast<uint64_t>(size)) +
                               ", more than the limit of " + std::to_string(limits_.max_block_size),
                           static_cast<int64_t>(offset)));
  }
  size_t header_size = reader.position();
  uint64_t total = header_size + static_cast<uint64_t>(size) + kSyncSize;
  if (view.size() < total) {
    if (!finished_) return Event::kNeedInput;
    return fail(make_error(ErrorCode::kTruncated,
                           "the file ends inside a block: it needs " + bytes_text(total) +
                               " but only " + bytes_text(view.size()) + " remain",
                           static_cast<int64_t>(offset)));
  }
  std::string_view data = view.substr(header_size, static_cast<size_t>(size));
  std::string_view sync = view.substr(header_size + static_cast<size_t>(size), kSyncSize);
  if (std::memcmp(sync.data(), header_.sync.data(), kSyncSize) != 0) {
    return fail(
        make_error(ErrorCode::kInvalidData,
                   "sync marker mismatch after block " + std::to_string(blocks_read_) +
                       ": the file is corrupt",
                   static_cast<int64_t>(offset + header_size + static_cast<uint64_t>(size))));
  }
  uint64_t data_offset = offset + header_size;
  if (header_.codec != Codec::kNull) {
    const uint64_t max_output = limits_.max_output_for(data.size());
    Status decompressed = codec_->decompress(data, max_output, &decompressed_);
    if (!decompressed) {
      Error error = std::move(decompressed).error();
      if (error.code == ErrorCode::kLimitExceeded &&
          max_output < limits_.max_decompressed_block_size) {
        error.message += " (" + std::to_string(limits_.max_decompression_ratio) +
                         " times its compressed size: the decompression ratio limit)";
      }
      error.message = std::string(codec_name(header_.codec)) + " block " +
                      std::to_string(blocks_read_) + ": " + error.message;
      error.offset = static_cast<int64_t>(data_offset) + (error.offset > 0 ? error.offset : 0);
      return fail(std::move(error));
    }
    data = decompressed_;
  }
  block_ = ContainerBlock{count, data, offset, data_offset, static_cast<uint64_t>(size)};
  begin_ += static_cast<size_t>(total);
  ++blocks_read_;
  return Event::kBlock;
}

}  // namespace avro
