#include "container/codec.h"

#include <array>

#include "container/codec_engine.h"

namespace avro {

namespace {

using codec_internal::Engine;

constexpr std::array<std::string_view, 6> kNames = {"null",      "deflate", "snappy",
                                                    "zstandard", "bzip2",   "xz"};

struct LevelRange {
  int min;
  int max;
  int fallback;  // what kDefaultLevel means
};

// Snappy and null have no levels: any value is accepted and ignored.
constexpr std::array<LevelRange, 6> kLevels = {{
    {0, 0, 0},   // null
    {0, 9, 6},   // deflate: zlib's scale and default
    {0, 0, 0},   // snappy
    {1, 22, 3},  // zstandard
    {1, 9, 9},   // bzip2: block size in 100 kB, like bzip2 -9
    {0, 9, 6},   // xz presets
}};

bool has_levels(Codec codec) {
  return codec != Codec::kNull && codec != Codec::kSnappy;
}

class NullEngine final : public Engine {
 public:
  Status decompress(std::string_view input, uint64_t max_output, std::string* out) override {
    if (input.size() > max_output) return codec_internal::output_limit_error("null", max_output);
    out->assign(input);
    return Status::ok();
  }
  Status compress(std::string_view input, int, std::string* out) override {
    out->assign(input);
    return Status::ok();
  }
};

std::unique_ptr<Engine> make_engine(Codec codec) {
  switch (codec) {
    case Codec::kNull: return std::make_unique<NullEngine>();
    case Codec::kDeflate: return codec_internal::make_deflate_engine();
    case Codec::kSnappy: return codec_internal::make_snappy_engine();
    case Codec::kZstandard: return codec_internal::make_zstd_engine();
    case Codec::kBzip2: return codec_internal::make_bzip2_engine();
    case Codec::kXz: return codec_internal::make_xz_engine();
  }
  return std::make_unique<NullEngine>();
}

}  // namespace

std::optional<Codec> codec_from_name(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) return static_cast<Codec>(i);
  }
  return std::nullopt;
}

std::string_view codec_name(Codec codec) {
  auto index = static_cast<size_t>(codec);
  return index < kNames.size() ? kNames[index] : std::string_view("unknown");
}

Status check_level(Codec codec, int level) {
  if (level == kDefaultLevel || !has_levels(codec)) return Status::ok();
  const LevelRange& range = kLevels[static_cast<size_t>(codec)];
  if (level >= range.min && level <= range.max) return Status::ok();
  return make_error(ErrorCode::kInvalidValue,
                    "compression level " + std::to_string(level) + " is out of range for " +
                        std::string(codec_name(codec)) + " (" + std::to_string(range.min) + "-" +
                        std::to_string(range.max) + ")");
}

struct BlockCodec::Contexts {
  std::unique_ptr<Engine> engine;
};

BlockCodec::BlockCodec(Codec codec) : codec_(codec), contexts_(new Contexts{make_engine(codec)}) {}

BlockCodec::~BlockCodec() = default;

Status BlockCodec::decompress(std::string_view input, uint64_t max_output, std::string* out) {
  return contexts_->engine->decompress(input, max_output, out);
}

void BlockCodec::set_window_basis(uint64_t max_output) {
  contexts_->engine->window_basis = max_output;
}

Status BlockCodec::compress(std::string_view input, int level, std::string* out) {
  AVRO_TRY(check_level(codec_, level));
  if (level == kDefaultLevel) level = kLevels[static_cast<size_t>(codec_)].fallback;
  return contexts_->engine->compress(input, level, out);
}

}  // namespace avro
