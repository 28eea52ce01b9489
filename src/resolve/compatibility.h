// Schema compatibility: can data written with one schema be read with
// another? Same verdicts and incompatibility kinds as Java's
// org.apache.avro.SchemaCompatibility (which Confluent Schema Registry runs
// for Avro), and Confluent's compatibility modes on top.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "schema/schema.h"

namespace avro {

// Java's SchemaIncompatibilityType, in its order.
enum class IncompatibilityKind : uint8_t {
  kNameMismatch,
  kFixedSizeMismatch,
  kMissingEnumSymbols,
  kReaderFieldMissingDefaultValue,
  kTypeMismatch,
  kMissingUnionBranch,
};

// "NAME_MISMATCH", "FIXED_SIZE_MISMATCH", ... exactly as Java spells them.
std::string_view incompatibility_kind_name(IncompatibilityKind kind);

struct Incompatibility {
  IncompatibilityKind kind = IncompatibilityKind::kTypeMismatch;
  // Java's location: "/" for the root, else JSON-pointer-like tokens such as
  // "/fields/1/type/size". Field indexes are the reader's; union indexes are
  // the writer's branches.
  std::string path;
  std::string message;  // the rule that failed, naming the types, fields or symbols
};

// Deepest chain of (reader, writer) type pairs compared at once; deeper
// (pathological recursive) schemas fail with kLimitExceeded rather than
// exhaust the stack.
inline constexpr uint32_t kMaxCompatibilityDepth = 1000;

// Everything that stops data written with `writer` from being read with
// `reader`; empty means compatible. Every distinct problem is reported once,
// at the first place it is found, in schema order. Errors: kLimitExceeded.
Result<std::vector<Incompatibility>> check_compatibility(const Schema& reader,
                                                         const Schema& writer);

// Confluent Schema Registry's compatibility levels.
enum class CompatibilityMode : uint8_t {
  kNone,
  kBackward,            // the new schema reads data written with the latest previous one
  kBackwardTransitive,  // ... with every previous one
  kForward,             // the latest previous schema reads data written with the new one
  kForwardTransitive,   // every previous schema does
  kFull,                // backward and forward
  kFullTransitive,
};

// "NONE", "BACKWARD", "BACKWARD_TRANSITIVE", ... as Confluent spells them.
std::string_view compatibility_mode_name(CompatibilityMode mode);
std::optional<CompatibilityMode> parse_compatibility_mode(std::string_view name);

enum class Direction : uint8_t {
  kBackward,  // the new schema was the reader
  kForward,   // the previous schema was the reader
};

struct ModeIncompatibility {
  size_t previous = 0;  // index into `previous` (oldest first)
  Direction direction = Direction::kBackward;
  Incompatibility incompatibility;
};

// Checks `schema` against `previous` (oldest first, so the latest is last)
// as the registry does: previous schemas newest first, and for FULL modes
// the backward check before the forward one. Empty means the new schema may
// be registered. Errors: kLimitExceeded.
Result<std::vector<ModeIncompatibility>> check_compatibility_mode(
    const Schema& schema, std::span<const std::shared_ptr<const Schema>> previous,
    CompatibilityMode mode);

}  // namespace avro
