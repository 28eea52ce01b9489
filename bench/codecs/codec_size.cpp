// Links one codec engine (or nothing) into a small wasm program; the .wasm
// size difference to the baseline is what that library adds to the module.
// bench/codecs/CMakeLists.txt builds one program per codec under Emscripten
// and bench/codecs/sizes.mjs prints their gzip sizes.
#include <string>
#include <string_view>

#include "container/codec_engine.h"

#if defined(AVRO_SIZE_ZLIB_INFLATE)
#include <zlib.h>
#endif

int main(int argc, char** argv) {
  std::string_view input(argv[0]);
  std::string compressed, restored;
#if defined(AVRO_SIZE_ENGINE)
  auto engine = avro::codec_internal::AVRO_SIZE_ENGINE();
  if (!engine->compress(input, argc, &compressed).is_ok()) return 1;
  if (!engine->decompress(compressed, 1 << 20, &restored).is_ok()) return 2;
#elif defined(AVRO_SIZE_ZLIB_INFLATE)
  // Only what the deflate codec uses zlib for: inflating a failed block.
  z_stream stream{};
  if (inflateInit2(&stream, -15) != Z_OK) return 1;
  restored.resize(1024);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  stream.avail_in = static_cast<uInt>(input.size());
  stream.next_out = reinterpret_cast<Bytef*>(restored.data());
  stream.avail_out = static_cast<uInt>(restored.size());
  inflateReset(&stream);
  if (inflate(&stream, Z_NO_FLUSH) == Z_DATA_ERROR && stream.msg) restored = stream.msg;
  inflateEnd(&stream);
#else
  // The baseline: strings and an error value, which every engine also uses.
  avro::Status status = avro::make_error(avro::ErrorCode::kInvalidData, std::string(input));
  if (!status.is_ok()) restored = status.error().describe();
#endif
  return static_cast<int>(restored.size() + compressed.size()) & 1;
}
