// Our core vs Apache avro-c (Debian's libavro) decoding the same container
// files: avro-c's generic value API (avro_file_reader_read_value into one
// reused avro_value_t, its fastest general path) against our container
// reader + decode to the tape (what the core does before any JS). Files are
// written by our core's writer; before timing, avro-c must read the same
// number of records and the same values (its values are walked into a tape
// laid out like ours and compared with ours).
// Usage: avroc_bench [runs=7] [records=100000] [dir=/tmp]; prints one JSON
// object per line: {dataset, codec, records, bytes, ours_ms, avroc_ms}.
#include <avro.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "bench_util.h"
#include "container/block_decode.h"
#include "datasets.h"
#include "datum/program.h"
#include "datum/utf8.h"
#include "schema/schema.h"

namespace {

[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "avroc_bench: %s\n", message.c_str());
  std::exit(1);
}

// An avro-c value appended to a tape in our layout (datum/tape.h, logical
// types as plain values: the data sets only use timestamp-millis).
void to_tape(avro_value_t* value, avro::Tape& tape) {
  auto text = [&](const char* data, size_t size) {
    std::string_view bytes(data, size);
    uint32_t units = 0;
    if (!avro::utf16_length(bytes, &units)) die("avro-c returned invalid UTF-8");
    tape.text.append(bytes);
    tape.text_units += units;
    tape.text_ends.push_back(tape.text_units);
  };
  switch (avro_value_get_type(value)) {
    case AVRO_NULL: break;
    case AVRO_BOOLEAN: {
      int b = 0;
      avro_value_get_boolean(value, &b);
      tape.nums.push_back(b);
      break;
    }
    case AVRO_INT32: {
      int32_t i = 0;
      avro_value_get_int(value, &i);
      tape.nums.push_back(i);
      break;
    }
    case AVRO_INT64: {
      int64_t l = 0;
      avro_value_get_long(value, &l);
      if (std::fabs(static_cast<double>(l)) <= 9007199254740991.0) {
        tape.nums.push_back(static_cast<double>(l));
      } else {
        tape.nums.push_back(std::nan(""));
        tape.bigs.push_back(l);
      }
      break;
    }
    case AVRO_FLOAT: {
      float f = 0;
      avro_value_get_float(value, &f);
      tape.nums.push_back(f);
      break;
    }
    case AVRO_DOUBLE: {
      double d = 0;
      avro_value_get_double(value, &d);
      tape.nums.push_back(d);
      break;
    }
    case AVRO_STRING: {
      const char* s = nullptr;
      size_t size = 0;  // includes the terminating NUL
      avro_value_get_string(value, &s, &size);
      text(s, size - 1);
      break;
    }
    case AVRO_ENUM: {
      int e = 0;
      avro_value_get_enum(value, &e);
      tape.nums.push_back(e);
      break;
    }
    case AVRO_UNION: {
      int branch = 0;
      avro_value_t current;
      avro_value_get_discriminant(value, &branch);
      avro_value_get_current_branch(value, &current);
      tape.nums.push_back(branch);
      to_tape(&current, tape);
      break;
    }
    case AVRO_RECORD:
    case AVRO_ARRAY:
    case AVRO_MAP: {
      avro_type_t type = avro_value_get_type(value);
      size_t size = 0;
      avro_value_get_size(value, &size);
      if (type != AVRO_RECORD) tape.nums.push_back(static_cast<double>(size));
      for (size_t i = 0; i < size; ++i) {
        avro_value_t child;
        const char* key = nullptr;
        avro_value_get_by_index(value, i, &child, &key);
        if (type == AVRO_MAP) text(key, std::strlen(key));
        to_tape(&child, tape);
      }
      break;
    }
    default: die("avro-c returned a type the data sets do not have");
  }
}

// Reads the file with avro-c; with a tape, appends every record to it.
int64_t avroc_read(const std::string& path, avro::Tape* tape) {
  avro_file_reader_t reader;
  if (avro_file_reader(path.c_str(), &reader) != 0) die(std::string("avro-c: ") + avro_strerror());
  avro_schema_t schema = avro_file_reader_get_writer_schema(reader);  // borrowed
  avro_value_iface_t* iface = avro_generic_class_from_schema(schema);
  avro_value_t value;
  avro_generic_value_new(iface, &value);
  int64_t count = 0;
  int rc = 0;
  while ((rc = avro_file_reader_read_value(reader, &value)) == 0) {
    ++count;
    if (tape) to_tape(&value, *tape);
  }
  if (rc != EOF) die(std::string("avro-c: ") + avro_strerror());
  avro_value_decref(&value);
  avro_value_iface_decref(iface);
  avro_file_reader_close(reader);
  return count;
}

// Reads the file with our core, to the tape (cleared per block unless
// `keep`, as a reader handing each block to JS does).
int64_t ours_read(const std::string& path, const avro::Program& program, avro::Tape& tape, bool keep) {
  FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) die("cannot open " + path);
  avro::Limits limits;
  limits.max_decoded_size = keep ? UINT64_MAX : limits.max_decoded_size;
  int64_t count = 0;
  auto source = [file](uint8_t* out, size_t size) { return std::fread(out, 1, size, file); };
  avro::Status status = avro::bench::each_block(source, [&](const avro::ContainerBlock& block, bool compressed) {
    if (!keep) tape.clear();
    int64_t decoded = 0;
    avro::Status s = avro::decode_block(program, block, compressed, tape, limits, &decoded);
    count += decoded;
    return s;
  });
  std::fclose(file);
  if (!status) die("our core: " + status.error().message);
  return count;
}

bool same_tape(const avro::Tape& a, const avro::Tape& b) {
  auto same_bits = [](const std::vector<double>& x, const std::vector<double>& y) {
    return x.size() == y.size() && std::memcmp(x.data(), y.data(), x.size() * sizeof(double)) == 0;
  };
  return same_bits(a.nums, b.nums) && a.bigs == b.bigs && a.text == b.text && a.text_ends == b.text_ends &&
         a.blobs == b.blobs && a.blob_ends == b.blob_ends;
}

}  // namespace

int main(int argc, char** argv) {
  int runs = argc > 1 ? std::atoi(argv[1]) : 7;
  int records = argc > 2 ? std::atoi(argv[2]) : 100000;
  std::string dir = argc > 3 ? argv[3] : "/tmp";
  std::string pattern = dir + "/avroc_bench_XXXXXX";
  std::vector<char> made(pattern.begin(), pattern.end());
  made.push_back('\0');
  if (!mkdtemp(made.data())) die("cannot make a directory under " + dir);
  std::string work = made.data();

  for (const avro::bench::Dataset& dataset : avro::bench::datasets()) {
    std::string data;
    std::vector<uint32_t> ends;
    avro::bench::encode_records(dataset, records, &data, &ends);
    auto schema = avro::Schema::parse(dataset.schema());
    if (!schema) die(schema.error().message);
    auto program = avro::Program::compile(schema.value());
    for (avro::Codec codec : {avro::Codec::kNull, avro::Codec::kDeflate, avro::Codec::kSnappy}) {
      std::string codec_name(avro::codec_name(codec));
      auto file = avro::bench::container_file(dataset, data, ends, codec);
      if (!file) die(file.error().message);
      std::string path = work + "/" + dataset.name + "-" + codec_name + ".avro";
      FILE* out = std::fopen(path.c_str(), "wb");
      if (!out || std::fwrite(file.value().data(), 1, file.value().size(), out) != file.value().size()) {
        die("cannot write " + path);
      }
      std::fclose(out);

      // Same records, same values, before anything is timed.
      avro::Tape theirs, ours;
      if (avroc_read(path, &theirs) != records) die("avro-c read a different record count from " + path);
      if (ours_read(path, *program, ours, true) != records) die("our core read a different record count");
      if (!same_tape(theirs, ours)) die("avro-c and our core decode " + path + " to different values");

      avro::Tape tape;
      double ours_ms = avro::bench::median_ms(runs, [&] { ours_read(path, *program, tape, false); });
      double avroc_ms = avro::bench::median_ms(runs, [&] { avroc_read(path, nullptr); });
      std::printf("{\"dataset\":\"%s\",\"codec\":\"%s\",\"records\":%d,\"bytes\":%zu,\"ours_ms\":%.3f,"
                  "\"avroc_ms\":%.3f}\n",
                  dataset.name.c_str(), codec_name.c_str(), records, file.value().size(), ours_ms, avroc_ms);
      std::fflush(stdout);
      std::remove(path.c_str());
    }
  }
  rmdir(work.c_str());
  return 0;
}
