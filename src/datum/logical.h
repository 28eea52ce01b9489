// Conversions between logical values' natural text forms and their Avro
// encodings: decimals (two's-complement big-endian unscaled integers) and
// UUIDs on fixed(16).
#pragma once

#include <string>
#include <string_view>

#include "common/error.h"

namespace avro {

// Decimals longer than this are refused rather than converted: the text
// conversion is quadratic and hostile data must not stall the module.
inline constexpr size_t kMaxDecimalBytes = 1024;
// The scale is written out as that many digits: a schema's scale (which may
// be up to 2^31 - 1) or a big-decimal's (read from the data) beyond this
// makes the value kLimitExceeded instead of gigabytes of zeros.
inline constexpr int32_t kMaxDecimalScale = 4 * static_cast<int32_t>(kMaxDecimalBytes);

// "-12.34" from the unscaled bytes and a scale. Empty bytes mean 0.
Result<std::string> decimal_to_string(std::string_view unscaled, int32_t scale);

// Parses "-12.34", "12", "1.5e3" into unscaled bytes at exactly `scale`
// (minimal two's complement; when `fixed_size` > 0, sign-extended to that
// size). Fails when the value needs more fractional digits than `scale`
// (no silent rounding), exceeds `precision` digits (if > 0), or does not fit.
Status string_to_decimal(std::string_view text, int32_t scale, int32_t precision,
                         uint32_t fixed_size, std::string& out);

// big-decimal (Avro 1.12, as Java writes it): the bytes value holds the
// length-prefixed unscaled bytes followed by the scale as a zig-zag int.
Result<std::string> big_decimal_to_string(std::string_view payload);
Status string_to_big_decimal(std::string_view text, std::string& payload);

// RFC 4122 text (lowercase) of 16 bytes, and back (case-insensitive).
std::string uuid_to_string(std::string_view bytes16);
Status string_to_uuid(std::string_view text, std::string& out);

}  // namespace avro
