// A realistic Avro block body for codec measurements: binary-encoded web
// events as a Java/avsc writer would emit them, without the container
// framing. Schema:
//   {"type":"record","name":"Event","fields":[
//     {"name":"id","type":"long"}, {"name":"timestamp","type":"long"},
//     {"name":"user","type":"string"}, {"name":"url","type":"string"},
//     {"name":"status","type":"int"}, {"name":"latency_ms","type":"double"},
//     {"name":"country","type":{"type":"enum","symbols":[<40 codes>]}},
//     {"name":"tags","type":{"type":"array","items":"string"}},
//     {"name":"referrer","type":["null","string"]}]}
#pragma once

#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace avro::bench {

class AvroBytes {
 public:
  void write_long(int64_t value) {
    auto zigzag = (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
    while (zigzag >= 0x80) {
      out_.push_back(static_cast<char>((zigzag & 0x7f) | 0x80));
      zigzag >>= 7;
    }
    out_.push_back(static_cast<char>(zigzag));
  }
  void write_string(const std::string& value) {
    write_long(static_cast<int64_t>(value.size()));
    out_ += value;
  }
  void write_double(double value) {
    char bytes[8];
    std::memcpy(bytes, &value, 8);  // Avro doubles are little-endian, like x86 and wasm
    out_.append(bytes, 8);
  }
  std::string& str() { return out_; }

 private:
  std::string out_;
};

// Records are appended until the block reaches `target_bytes`.
inline std::string make_event_block(size_t target_bytes, uint32_t seed = 42) {
  std::mt19937 rng(seed);
  auto pick = [&rng](size_t n) { return static_cast<size_t>(rng() % n); };
  const std::vector<std::string> first = {"anna",  "ben",   "carla", "dmitri", "elena", "farid",
                                          "grace", "hiro",  "ines",  "jamal",  "kofi",  "lena",
                                          "maya",  "nikos", "olga",  "pedro",  "quinn", "rosa"};
  const std::vector<std::string> last = {"smith",    "garcia", "mueller", "rossi", "tanaka",
                                         "kowalski", "okafor", "dubois",  "silva", "novak"};
  const std::vector<std::string> sections = {"products", "cart", "search", "account",
                                             "checkout", "blog", "help",   "category"};
  const std::vector<std::string> tags = {"mobile", "desktop",   "new-user",  "returning",
                                         "promo",  "ab-test-b", "logged-in", "bot-suspect"};
  const std::vector<std::string> referrers = {"https://www.google.com/",
                                              "https://news.example.org/", "https://t.co/",
                                              "https://mail.example.com/inbox"};
  const int statuses[] = {200, 200, 200, 200, 200, 200, 304, 301, 404, 500};
  AvroBytes out;
  int64_t id = 1'000'000;
  int64_t timestamp = 1'700'000'000'000;
  while (out.str().size() < target_bytes) {
    out.write_long(id++);
    timestamp += static_cast<int64_t>(pick(2000));
    out.write_long(timestamp);
    // One pick per statement: the order of evaluation inside an expression
    // differs between compilers, and native and wasm must see the same bytes.
    std::string user = first[pick(first.size())] + ".";
    user += last[pick(last.size())];
    user += std::to_string(pick(1000));
    out.write_string(user);
    std::string url = "/" + sections[pick(sections.size())] + "/";
    url += std::to_string(pick(100000));
    if (pick(3) == 0) url += "?utm_source=newsletter&utm_campaign=spring" + std::to_string(pick(9));
    out.write_string(url);
    out.write_long(statuses[pick(10)]);
    out.write_double(static_cast<double>(pick(50000)) / 100.0);
    out.write_long(static_cast<int64_t>(pick(40)));
    size_t tag_count = pick(4);
    if (tag_count > 0) {
      out.write_long(static_cast<int64_t>(tag_count));
      for (size_t i = 0; i < tag_count; ++i) out.write_string(tags[pick(tags.size())]);
    }
    out.write_long(0);  // end of the tags array
    if (pick(2) == 0) {
      out.write_long(0);  // null referrer
    } else {
      out.write_long(1);
      out.write_string(referrers[pick(referrers.size())]);
    }
  }
  return std::move(out.str());
}

}  // namespace avro::bench
