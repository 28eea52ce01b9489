// Schema fingerprints (Avro spec, "Schema Fingerprints"): CRC-64-AVRO, MD5
// and SHA-256 over the bytes of a schema's Parsing Canonical Form.
// Self-contained, single-call implementations: no crypto library, no state.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace avro {

// CRC-64-AVRO, the 64-bit Rabin fingerprint of the spec. crc64_avro("") is
// the spec's EMPTY constant, 0xc15d213aa4d7a795.
uint64_t crc64_avro(std::string_view data);

// MD5 (RFC 1321) digest.
std::array<uint8_t, 16> md5(std::string_view data);

// SHA-256 (FIPS 180-4) digest.
std::array<uint8_t, 32> sha256(std::string_view data);

// The 8 bytes of a CRC-64-AVRO value, least significant first: the byte
// order used in the single-object encoding header.
std::array<uint8_t, 8> crc64_avro_bytes_le(uint64_t fp);

// Lowercase hex of a byte sequence ("" when size is 0; data may then be null).
std::string to_hex(const uint8_t* data, size_t size);

}  // namespace avro
