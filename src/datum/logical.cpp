#include "datum/logical.h"

#include <cstdint>
#include <vector>

#include "io/bytes.h"

namespace avro {

namespace {

Error invalid(std::string message) { return make_error(ErrorCode::kInvalidValue, std::move(message)); }

// Magnitude as little-endian base-2^32 limbs.
using Limbs = std::vector<uint32_t>;

// Two's-complement big-endian bytes -> (negative, magnitude limbs).
Limbs magnitude_of(std::string_view bytes, bool* negative) {
  *negative = !bytes.empty() && (static_cast<uint8_t>(bytes[0]) & 0x80) != 0;
  std::vector<uint8_t> be(bytes.begin(), bytes.end());
  if (*negative) {  // negate: invert and add one
    for (auto& b : be) b = static_cast<uint8_t>(~b);
    for (size_t i = be.size(); i-- > 0;) {
      if (++be[i] != 0) break;
    }
  }
  Limbs limbs((be.size() + 3) / 4, 0);
  for (size_t i = 0; i < be.size(); ++i) {
    size_t from_end = be.size() - 1 - i;
    limbs[from_end / 4] |= static_cast<uint32_t>(be[i]) << (8 * (from_end % 4));
  }
  while (!limbs.empty() && limbs.back() == 0) limbs.pop_back();
  return limbs;
}

// Divides in place by `divisor`, returning the remainder.
uint32_t divide(Limbs& limbs, uint32_t divisor) {
  uint64_t remainder = 0;
  for (size_t i = limbs.size(); i-- > 0;) {
    uint64_t current = (remainder << 32) | limbs[i];
    limbs[i] = static_cast<uint32_t>(current / divisor);
    remainder = current % divisor;
  }
  while (!limbs.empty() && limbs.back() == 0) limbs.pop_back();
  return static_cast<uint32_t>(remainder);
}

void multiply_add(Limbs& limbs, uint32_t factor, uint32_t addend) {
  uint64_t carry = addend;
  for (auto& limb : limbs) {
    uint64_t current = static_cast<uint64_t>(limb) * factor + carry;
    limb = static_cast<uint32_t>(current);
    carry = current >> 32;
  }
  if (carry != 0) limbs.push_back(static_cast<uint32_t>(carry));
}

std::string digits_of(Limbs limbs) {
  if (limbs.empty()) return "0";
  std::string reversed;
  while (!limbs.empty()) {
    uint32_t chunk = divide(limbs, 1000000000u);
    for (int i = 0; i < 9; ++i) {
      reversed.push_back(static_cast<char>('0' + chunk % 10));
      chunk /= 10;
      if (limbs.empty() && chunk == 0) break;
    }
  }
  return std::string(reversed.rbegin(), reversed.rend());
}

std::string place_point(bool negative, std::string digits, int32_t scale) {
  if (scale > 0) {
    size_t s = static_cast<size_t>(scale);
    if (digits.size() <= s) digits.insert(0, s - digits.size() + 1, '0');
    digits.insert(digits.size() - s, 1, '.');
  } else if (scale < 0 && digits != "0") {
    digits.append(static_cast<size_t>(-static_cast<int64_t>(scale)), '0');
  }
  if (negative && digits.find_first_not_of("0.") != std::string::npos) digits.insert(0, 1, '-');
  return digits;
}

// Minimal two's-complement big-endian bytes of +/- magnitude.
std::string twos_complement(bool negative, const Limbs& magnitude) {
  std::vector<uint8_t> be;
  for (size_t i = magnitude.size(); i-- > 0;) {
    for (int shift = 24; shift >= 0; shift -= 8) be.push_back(static_cast<uint8_t>(magnitude[i] >> shift));
  }
  if (negative) {
    for (auto& b : be) b = static_cast<uint8_t>(~b);
    for (size_t i = be.size(); i-- > 0;) {
      if (++be[i] != 0) break;
    }
  }
  uint8_t sign_byte = negative ? 0xff : 0x00;
  be.insert(be.begin(), sign_byte);  // guarantees a correct sign bit before trimming
  size_t start = 0;
  while (start + 1 < be.size() && be[start] == sign_byte &&
         ((be[start + 1] & 0x80) != 0) == negative) {
    ++start;
  }
  return std::string(be.begin() + static_cast<std::ptrdiff_t>(start), be.end());
}

struct ParsedDecimal {
  bool negative = false;
  std::string digits;  // without leading zeros ("" for zero)
  int64_t exponent = 0;  // value = digits * 10^exponent
};

// Accepts [-+]digits[.digits][(e|E)[-+]digits].
Result<ParsedDecimal> parse_decimal_text(std::string_view text) {
  ParsedDecimal parsed;
  size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) parsed.negative = text[i++] == '-';
  bool any_digit = false;
  bool seen_point = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      any_digit = true;
      if (!(parsed.digits.empty() && c == '0')) parsed.digits.push_back(c);
      if (seen_point) --parsed.exponent;
      if (parsed.digits.size() > 4 * kMaxDecimalBytes) return invalid("decimal has too many digits");
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!any_digit) return invalid("not a decimal number: \"" + std::string(text) + "\"");
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool negative_exponent = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative_exponent = text[i++] == '-';
    int64_t exponent = 0;
    size_t start = i;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      exponent = exponent * 10 + (text[i] - '0');
      if (exponent > 100000) return invalid("decimal exponent out of range");
    }
    if (i == start) return invalid("not a decimal number: \"" + std::string(text) + "\"");
    parsed.exponent += negative_exponent ? -exponent : exponent;
  }
  if (i != text.size()) return invalid("not a decimal number: \"" + std::string(text) + "\"");
  return parsed;
}

Limbs limbs_of_digits(std::string_view digits) {
  Limbs limbs;
  for (char c : digits) multiply_add(limbs, 10, static_cast<uint32_t>(c - '0'));
  return limbs;
}

}  // namespace

Result<std::string> decimal_to_string(std::string_view unscaled, int32_t scale) {
  if (unscaled.size() > kMaxDecimalBytes) {
    return make_error(ErrorCode::kLimitExceeded,
                      "decimal of " + std::to_string(unscaled.size()) + " bytes is too large");
  }
  if (scale > kMaxDecimalScale || scale < -kMaxDecimalScale) {
    return make_error(ErrorCode::kLimitExceeded, "decimal scale " + std::to_string(scale) +
                                                     " is beyond the limit of " +
                                                     std::to_string(kMaxDecimalScale));
  }
  bool negative = false;
  Limbs limbs = magnitude_of(unscaled, &negative);
  return place_point(negative, digits_of(std::move(limbs)), scale);
}

Status string_to_decimal(std::string_view text, int32_t scale, int32_t precision,
                         uint32_t fixed_size, std::string& out) {
  auto parsed = parse_decimal_text(text);
  if (!parsed) return std::move(parsed).error();
  ParsedDecimal& d = parsed.value();
  // Rescale to exactly `scale` fractional digits; dropping non-zero digits would round.
  int64_t shift = d.exponent + scale;
  if (shift < 0) {
    size_t drop = static_cast<size_t>(-shift);
    size_t keep = d.digits.size() > drop ? d.digits.size() - drop : 0;
    if (d.digits.find_first_not_of('0', keep) != std::string::npos) {
      return invalid("\"" + std::string(text) + "\" has more than " + std::to_string(scale) +
                     " decimal places");
    }
    d.digits.resize(keep);
  } else if (!d.digits.empty()) {
    if (d.digits.size() + static_cast<size_t>(shift) > 4 * kMaxDecimalBytes) {
      return invalid("decimal is too large");
    }
    d.digits.append(static_cast<size_t>(shift), '0');
  }
  if (precision > 0 && d.digits.size() > static_cast<size_t>(precision)) {
    return invalid("\"" + std::string(text) + "\" needs more than " + std::to_string(precision) +
                   " digits of precision");
  }
  std::string bytes = twos_complement(d.negative && !d.digits.empty(), limbs_of_digits(d.digits));
  if (fixed_size > 0) {
    if (bytes.size() > fixed_size) return invalid("decimal does not fit in fixed(" + std::to_string(fixed_size) + ")");
    char sign = (static_cast<uint8_t>(bytes[0]) & 0x80) ? '\xff' : '\0';
    bytes.insert(0, fixed_size - bytes.size(), sign);
  }
  out += bytes;
  return Status::ok();
}

Result<std::string> big_decimal_to_string(std::string_view payload) {
  ByteReader reader(payload);
  int64_t length = 0;
  std::string_view unscaled;
  int32_t scale = 0;
  if (reader.read_long(&length) != ReadStatus::kOk || length < 0 ||
      reader.read_raw(static_cast<size_t>(length), &unscaled) != ReadStatus::kOk ||
      reader.read_int(&scale) != ReadStatus::kOk || !reader.at_end()) {
    return make_error(ErrorCode::kInvalidData, "malformed big-decimal value");
  }
  return decimal_to_string(unscaled, scale);
}

Status string_to_big_decimal(std::string_view text, std::string& payload) {
  auto parsed = parse_decimal_text(text);
  if (!parsed) return std::move(parsed).error();
  const ParsedDecimal& d = parsed.value();
  if (d.exponent < INT32_MIN || d.exponent > INT32_MAX) return invalid("decimal scale out of range");
  std::string unscaled = twos_complement(d.negative && !d.digits.empty(), limbs_of_digits(d.digits));
  ByteWriter writer(payload);
  writer.write_bytes(unscaled);
  writer.write_int(static_cast<int32_t>(-d.exponent));
  return Status::ok();
}

std::string uuid_to_string(std::string_view bytes16) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  text.reserve(36);
  for (size_t i = 0; i < bytes16.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text.push_back('-');
    auto b = static_cast<uint8_t>(bytes16[i]);
    text.push_back(kHex[b >> 4]);
    text.push_back(kHex[b & 15]);
  }
  return text;
}

Status string_to_uuid(std::string_view text, std::string& out) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string bytes;
  if (text.size() == 36) {
    for (size_t i = 0; i < 36;) {
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        if (text[i] != '-') break;
        ++i;
        continue;
      }
      int hi = nibble(text[i]);
      int lo = nibble(text[i + 1]);
      if (hi < 0 || lo < 0) break;
      bytes.push_back(static_cast<char>(hi << 4 | lo));
      i += 2;
    }
  }
  if (bytes.size() != 16) return invalid("not a UUID: \"" + std::string(text) + "\"");
  out += bytes;
  return Status::ok();
}

}  // namespace avro
