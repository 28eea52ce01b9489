#include "schema/fingerprint.h"

#include <gtest/gtest.h>

#include <charconv>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "testdata.h"

namespace {

template <size_t N>
std::string hex(const std::array<uint8_t, N>& bytes) {
  return avro::to_hex(bytes.data(), bytes.size());
}

// ---------------------------------------------------------------------------
// apache-avro/data/schema-tests.txt
//
// Lines starting with "//" are comments. "<<KEY value" sets KEY on one line;
// a bare "<<KEY" starts a multi-line value that ends at a line equal to KEY.
// Each "<<INPUT" opens a new case; "<<canonical" and "<<fingerprint" (the
// CRC-64-AVRO of the canonical text, as a signed decimal int64) follow it.

constexpr const char* kSchemaTests = "apache-avro/data/schema-tests.txt";

struct SchemaTestCase {
  int line = 0;  // line of the <<INPUT, for failure messages
  std::string input;
  std::optional<std::string> canonical;
  std::optional<std::string> fingerprint;
};

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

std::vector<SchemaTestCase> parse_schema_tests(const std::string& text) {
  const std::vector<std::string> lines = split_lines(text);
  std::vector<SchemaTestCase> cases;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (line.rfind("<<", 0) != 0) continue;  // comments, blank lines
    const int line_number = static_cast<int>(i + 1);
    const size_t space = line.find(' ');
    std::string key, value;
    if (space != std::string::npos) {
      key = line.substr(2, space - 2);
      value = line.substr(space + 1);
    } else {
      key = line.substr(2);
      size_t j = i + 1;
      for (; j < lines.size() && lines[j] != key; ++j) {
        if (j > i + 1) value += '\n';
        value += lines[j];
      }
      if (j == lines.size()) {
        ADD_FAILURE() << "line " << line_number << ": unterminated <<" << key;
        return cases;
      }
      i = j;  // skip the terminator
    }
    if (key == "INPUT") {
      cases.push_back(SchemaTestCase{line_number, value, {}, {}});
    } else if (cases.empty()) {
      ADD_FAILURE() << "line " << line_number << ": <<" << key << " before any <<INPUT";
    } else if (key == "canonical") {
      cases.back().canonical = value;
    } else if (key == "fingerprint") {
      cases.back().fingerprint = value;
    } else {
      ADD_FAILURE() << "line " << line_number << ": unknown key <<" << key;
    }
  }
  return cases;
}

// Parses the file's signed decimal int64 into the unsigned fingerprint.
std::optional<uint64_t> parse_fingerprint(const std::string& text) {
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return static_cast<uint64_t>(value);  // modular conversion, well defined
}

// ---------------------------------------------------------------------------
// CRC-64-AVRO

TEST(FingerprintCrc64, EmptyIsSpecConstant) {
  EXPECT_EQ(avro::crc64_avro(""), 0xc15d213aa4d7a795ULL);
}

TEST(FingerprintCrc64, SchemaTestsCanonicalForms) {
  std::string text;
  AVRO_READ_TESTDATA_OR_SKIP(kSchemaTests, &text);
  const std::vector<SchemaTestCase> cases = parse_schema_tests(text);
  EXPECT_EQ(cases.size(), 34u) << "parser out of step with " << kSchemaTests;

  size_t checked = 0;
  for (const SchemaTestCase& c : cases) {
    if (!c.canonical || !c.fingerprint) continue;
    const std::optional<uint64_t> expected = parse_fingerprint(*c.fingerprint);
    ASSERT_TRUE(expected.has_value()) << "line " << c.line << ": bad fingerprint";
    EXPECT_EQ(avro::crc64_avro(*c.canonical), *expected)
        << "line " << c.line << ": " << *c.canonical;
    ++checked;
  }
  // Every case of the file with both a canonical form and a fingerprint.
  EXPECT_EQ(checked, 26u);
}

TEST(FingerprintCrc64, BytesLittleEndian) {
  EXPECT_EQ(hex(avro::crc64_avro_bytes_le(0x0102030405060708ULL)), "0807060504030201");
  // {"name":"foo","type":"record","fields":[]} has fingerprint -4824392279771201922.
  const uint64_t fp = avro::crc64_avro(R"({"name":"foo","type":"record","fields":[]})");
  EXPECT_EQ(fp, 0xbd0c50c84319be7eULL);
  EXPECT_EQ(hex(avro::crc64_avro_bytes_le(fp)), "7ebe1943c8500cbd");
}

// ---------------------------------------------------------------------------
// MD5 and SHA-256

TEST(FingerprintMd5, Rfc1321TestSuite) {
  EXPECT_EQ(hex(avro::md5("")), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(hex(avro::md5("a")), "0cc175b9c0f1b6a831c399e269772661");
  EXPECT_EQ(hex(avro::md5("abc")), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(hex(avro::md5("message digest")), "f96b697d7cb7938d525a2f31aaf161d0");
  EXPECT_EQ(hex(avro::md5("abcdefghijklmnopqrstuvwxyz")), "c3fcd3d76192e4007dfb496cca67e13b");
  EXPECT_EQ(hex(avro::md5("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")),
            "d174ab98d277d9f5a5611c2c9f419d9f");
  EXPECT_EQ(hex(avro::md5("1234567890123456789012345678901234567890"
                          "1234567890123456789012345678901234567890")),
            "57edf4a22be3c955ac49da2e2107b67a");
}

TEST(FingerprintSha256, FipsVectors) {
  EXPECT_EQ(hex(avro::sha256("")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(hex(avro::sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(hex(avro::sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(hex(avro::sha256("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
                             "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

TEST(FingerprintDigests, OneMillionA) {
  const std::string million(1000000, 'a');
  EXPECT_EQ(hex(avro::md5(million)), "7707d6ae4e027c70eea2a935c2296f21");
  EXPECT_EQ(hex(avro::sha256(million)),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

// Every message length 0..200 (covers the one- vs two-block padding edges at
// 55/56 and 119/120 bytes) with bytes >= 0x80. Reference from python3:
//   cat = b''.join(md5(m).digest() + sha256(m).digest()
//                  for m in (bytes((i*7+3) & 0xff for i in range(n)) for n in range(201)))
//   sha256(cat).hexdigest()
TEST(FingerprintDigests, AllLengthsUpTo200) {
  std::string all;
  for (size_t n = 0; n <= 200; ++n) {
    std::string message;
    for (size_t i = 0; i < n; ++i) message.push_back(static_cast<char>((i * 7 + 3) & 0xff));
    const auto m = avro::md5(message);
    const auto s = avro::sha256(message);
    all.append(m.begin(), m.end());
    all.append(s.begin(), s.end());
  }
  EXPECT_EQ(hex(avro::sha256(all)),
            "68e040773dadef7ee6baebfb1cdd7c183e3165856d5eeb76e9c98dd14754b319");
}

// MD5 / SHA-256 of canonical forms from schema-tests.txt, computed
// independently with python3 hashlib.
TEST(FingerprintDigests, CanonicalFormsMatchHashlib) {
  struct Reference {
    const char* md5;
    const char* sha256;
  };
  const std::map<std::string, Reference> references = {
      {R"("null")",
       {"9b41ef67651c18488a8b08bb67c75699",
        "f072cbec3bf8841871d4284230c5e983dc211a56837aed862487148f947d1a1f"}},
      {R"(["int","boolean"])",
       {"3057ca4aa1435ddfe41944dd4e7865c4",
        "0f26ad42a4cd5964b28c6ba47665c3ef4c185b367311bba4075d6ccb880c35da"}},
      {R"({"name":"foo","type":"record","fields":[]})",
       {"aea8d9d0e93c3a26749ee0373dc49d35",
        "ac35c07ecd88fe52d0a310135a01329b012c45ade36dd8b4880effb55b7f725c"}},
      {R"({"name":"foo","type":"record","fields":[{"name":"f1","type":"boolean"},{"name":"f2","type":"int"}]})",
       {"10623f8e6c46ed14e854a9d5cab39d1a",
        "379b7b88c35030d89381969af4c6bf60fdc60ca316839126034e289bb537470e"}},
      {R"({"name":"x.y.z.foo","type":"enum","symbols":["A1","A2"]})",
       {"e87771508a83ffe201068d4985fe3088",
        "09e54a6cbd9f7b971f8f827f6096c6bc0e56092bc055f9e227d7e3b7ea166228"}},
      {R"({"name":"foo","type":"fixed","size":15})",
       {"b0cf9227ad58a83b195b5aeb4593140f",
        "802428b30753d93ff41de7ee0e319755f8765c014184311efe67b06453b545e5"}},
      {R"({"type":"map","values":"string"})",
       {"a236344d3b2bbe2cc09439868bfc7168",
        "52bf173d92fa85cec682a0ad4186c96c9f5147e4881bd1c7154dba8bb4515297"}},
      {R"({"name":"PigValue","type":"record","fields":[{"name":"value","type":["null","int","long","PigValue"]}]})",
       {"112b8fd4b847e005ecaecb6c41cb4a76",
        "7844d3a484ec5fc907e35c8a9fd69ae0af4ff70b241835efbd0acdaf62433ec7"}},
  };

  std::string text;
  AVRO_READ_TESTDATA_OR_SKIP(kSchemaTests, &text);
  std::set<std::string> found;
  for (const SchemaTestCase& c : parse_schema_tests(text)) {
    if (!c.canonical) continue;
    const auto it = references.find(*c.canonical);
    if (it == references.end()) continue;
    EXPECT_EQ(hex(avro::md5(*c.canonical)), it->second.md5) << *c.canonical;
    EXPECT_EQ(hex(avro::sha256(*c.canonical)), it->second.sha256) << *c.canonical;
    found.insert(*c.canonical);
  }
  EXPECT_EQ(found.size(), references.size()) << "reference canonical forms missing from file";
}

// 2^29 + 5 bytes = 2^32 + 40 bits: the bit length no longer fits 32 bits.
// Needs 512 MiB, so it is opt-in: --gtest_also_run_disabled_tests.
TEST(FingerprintDigests, DISABLED_LengthBeyond2Pow32Bits) {
  const std::string big((size_t{1} << 29) + 5, 'a');
  EXPECT_EQ(hex(avro::md5(big)), "20ef7ce10f217e63b6b934ae4782cb25");
  EXPECT_EQ(hex(avro::sha256(big)),
            "2a4b4ed7e8fd75f9819e06a64def2aab81b8b3e9b4a1a995824bce48f897f62c");
}

// ---------------------------------------------------------------------------
// to_hex

TEST(FingerprintHex, LowercaseDigits) {
  EXPECT_EQ(avro::to_hex(nullptr, 0), "");
  const uint8_t bytes[] = {0x00, 0x0f, 0x10, 0xab, 0xff};
  EXPECT_EQ(avro::to_hex(bytes, sizeof bytes), "000f10abff");
}

}  // namespace
