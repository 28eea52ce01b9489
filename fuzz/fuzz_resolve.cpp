// Schema resolution: "<writer schema>\n<reader schema>\n<writer bytes>".
// Compiling a resolver for any pair must succeed or fail cleanly; decoding
// through it must not crash, and when both it and the writer's own skipper
// accept the datum they must agree on where it ends. A schema resolved
// against itself must decode exactly like its own program.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "datum/program.h"
#include "resolve/resolver.h"

namespace {

bool same_tape(const avro::Tape& a, const avro::Tape& b) {
  // Bitwise for nums: NaN marks a long kept in `bigs`.
  return a.nums.size() == b.nums.size() &&
         (a.nums.empty() ||
          std::memcmp(a.nums.data(), b.nums.data(), a.nums.size() * sizeof(double)) == 0) &&
         a.bigs == b.bigs && a.text == b.text && a.text_ends == b.text_ends && a.blobs == b.blobs &&
         a.blob_ends == b.blob_ends;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t first = input.find('\n');
  if (first == std::string_view::npos) return 0;
  size_t second = input.find('\n', first + 1);
  if (second == std::string_view::npos) return 0;
  auto writer = avro::Schema::parse(input.substr(0, first));
  auto reader = avro::Schema::parse(input.substr(first + 1, second - first - 1));
  if (!writer || !reader) return 0;
  std::string_view bytes = input.substr(second + 1);
  avro::Limits limits;
  limits.max_decoded_size = 64u << 20;

  auto reader_program = avro::Program::compile(reader.value());
  auto resolver = avro::Resolver::compile(reader_program, writer.value());
  if (resolver) {
    avro::Tape tape;
    avro::ByteReader resolved(bytes);
    bool decoded = resolver.value()->decode(resolved, tape, limits).is_ok();
    avro::ByteReader skipped(bytes);
    bool valid = resolver.value()->writer_program().skip(skipped, limits).is_ok();
    if (decoded && valid && resolved.position() != skipped.position()) std::abort();
    // Projection may stop early, never late.
    avro::Tape partial;
    avro::ByteReader early(bytes);
    if (resolver.value()->decode(early, partial, limits, false).is_ok() && decoded &&
        (early.position() > resolved.position() || !same_tape(partial, tape))) {
      std::abort();
    }
  }

  // Identity: the writer read as itself.
  auto writer_program = avro::Program::compile(writer.value());
  auto identity = avro::Resolver::compile(writer_program, writer.value());
  if (!identity) std::abort();
  avro::Tape direct, through;
  avro::ByteReader direct_reader(bytes), through_reader(bytes);
  bool direct_ok = writer_program->decode(direct_reader, direct, limits).is_ok();
  bool through_ok = identity.value()->decode(through_reader, through, limits).is_ok();
  if (direct_ok != through_ok) std::abort();
  if (direct_ok &&
      (direct_reader.position() != through_reader.position() || !same_tape(direct, through))) {
    std::abort();
  }
  return 0;
}
