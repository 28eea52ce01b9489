#include "resolve/compatibility.h"

#include <iterator>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "json/json.h"
#include "resolve/rules.h"

namespace avro {

namespace {

std::string quoted(std::string_view text) {
  std::string out;
  json::write_string(text, out);
  return out;
}

// `"int"`, `"array"`, `record "ns.R"`.
std::string label(const Node& node) {
  if (node.is_named()) return std::string(kind_name(node.kind)) + " " + quoted(node.fullname);
  return quoted(kind_name(node.kind));
}

std::string joined(const std::set<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

// Java's ReaderWriterCompatibilityChecker. Each (reader, writer) pair is
// compared once and its verdict memoized; a pair met again while it is
// being compared is assumed compatible, which is what makes recursive types
// terminate (and gives Java's verdicts).
//
// Comparisons run in two modes. Reporting (from the root) records every
// failure with its location. Trials (a reader union looking for a branch,
// a writer branch tried against a reader union) only need the verdict, so
// they stop at the first failure. A pair first met in a trial and later
// on a reporting path is walked again to report it, once.
class Checker {
 public:
  Checker(const Schema& reader, const Schema& writer) : reader_(reader), writer_(writer) {}

  Result<std::vector<Incompatibility>> run() {
    check(reader_.root(), writer_.root(), true);
    if (too_deep_) {
      return make_error(ErrorCode::kLimitExceeded,
                        "schemas nest too deeply to compare (more than " +
                            std::to_string(kMaxCompatibilityDepth) + " levels)");
    }
    return std::move(found_);
  }

 private:
  enum class Verdict : uint8_t { kInProgress, kCompatible, kIncompatible };

  bool check(NodeId r, NodeId w, bool report) {
    if (too_deep_) return false;
    const uint64_t key = (uint64_t{r} << 32) | w;
    auto known = verdicts_.find(key);
    if (known != verdicts_.end()) {
      if (known->second == Verdict::kInProgress) return true;
      if (known->second == Verdict::kCompatible) return true;
      if (!report || !reported_.insert(key).second) return false;
      // Incompatible, first met in a trial: walk it again for the report.
      descend_or_stop([&] { compare(r, w, true); });
      return false;
    }
    if (report) reported_.insert(key);
    verdicts_.emplace(key, Verdict::kInProgress);
    bool ok = false;
    descend_or_stop([&] { ok = compare(r, w, report); });
    verdicts_[key] = ok ? Verdict::kCompatible : Verdict::kIncompatible;
    return ok;
  }

  template <class Compare>
  void descend_or_stop(Compare compare_pair) {
    if (depth_ >= kMaxCompatibilityDepth) {
      too_deep_ = true;
      return;
    }
    ++depth_;
    compare_pair();
    --depth_;
  }

  bool compare(NodeId r, NodeId w, bool report) {
    const Node& rn = reader_.node(r);
    const Node& wn = writer_.node(w);
    if (rn.kind == wn.kind) {
      switch (rn.kind) {
        case Kind::kArray: return check_at("items", rn.items, wn.items, report);
        case Kind::kMap: return check_at("values", rn.items, wn.items, report);
        case Kind::kFixed: return compare_fixed(rn, wn, report);
        case Kind::kEnum: return compare_enums(rn, wn, report);
        case Kind::kRecord: return compare_records(rn, wn, report);
        case Kind::kUnion: return compare_unions(r, wn, report);
        default: return true;  // the same primitive
      }
    }
    if (wn.kind == Kind::kUnion) return read_every_writer_branch(r, wn, report);
    if (rn.kind == Kind::kUnion) return find_reader_branch(rn, w, wn, report);
    if (is_primitive(wn.kind) && promotable(wn.kind, rn.kind)) return true;
    std::string message =
        is_primitive(wn.kind) && is_primitive(rn.kind)
            ? "writer type " + label(wn) + " cannot be promoted to reader type " + label(rn)
            : "writer type " + label(wn) + " cannot be read as reader type " + label(rn);
    fail(report, IncompatibilityKind::kTypeMismatch, "", std::move(message));
    return false;
  }

  bool compare_fixed(const Node& rn, const Node& wn, bool report) {
    bool ok = check_names(rn, wn, report);
    if (rn.size != wn.size && (ok || report)) {
      fail(report, IncompatibilityKind::kFixedSizeMismatch, "size",
           "writer fixed " + quoted(wn.fullname) + " has size " + std::to_string(wn.size) +
               " but reader fixed " + quoted(rn.fullname) + " has size " + std::to_string(rn.size));
      ok = false;
    }
    return ok;
  }

  bool compare_enums(const Node& rn, const Node& wn, bool report) {
    bool ok = check_names(rn, wn, report);
    if (!ok && !report) return false;
    // A reader default (Avro 1.9+) stands in for any unknown writer symbol.
    if (rn.enum_default >= 0) return ok;
    const std::set<std::string_view> known(rn.symbols.begin(), rn.symbols.end());
    std::set<std::string> missing;  // sorted, as Java's TreeSet
    for (const std::string& symbol : wn.symbols) {
      if (!known.count(symbol)) missing.insert(symbol);
    }
    if (missing.empty()) return ok;
    fail(report, IncompatibilityKind::kMissingEnumSymbols, "symbols",
         std::string(missing.size() == 1 ? "writer symbol " : "writer symbols ") + joined(missing) +
             (missing.size() == 1 ? " is" : " are") + " missing from reader enum " +
             quoted(rn.fullname) + ", which has no default");
    return false;
  }

  bool compare_records(const Node& rn, const Node& wn, bool report) {
    bool ok = check_names(rn, wn, report);
    const size_t record_mark = path_.size();
    path_ += "/fields";
    for (size_t i = 0; i < rn.fields.size() && (ok || report); ++i) {
      const Field& field = rn.fields[i];
      const size_t field_mark = path_.size();
      path_ += "/" + std::to_string(i);
      std::vector<uint32_t> matches = writer_fields_for(field, wn);
      if (matches.size() == 1) {
        ok = check_at("type", field.type, wn.fields[matches[0]].type, report) && ok;
      } else if (matches.empty()) {
        if (!field.has_default) {
          fail(report, IncompatibilityKind::kReaderFieldMissingDefaultValue, "",
               "reader field " + quoted(field.name) +
                   " has no default and is missing from the writer");
          ok = false;
        }
      } else {
        // Java throws here; the reader cannot tell which writer field to use.
        std::string names;
        for (uint32_t index : matches)
          names += (names.empty() ? "" : ", ") + quoted(wn.fields[index].name);
        fail(report, IncompatibilityKind::kNameMismatch, "",
             "reader field " + quoted(field.name) +
                 " matches several writer fields by name and aliases: " + names);
        ok = false;
      }
      path_.resize(field_mark);
    }
    path_.resize(record_mark);
    return ok;
  }

  // Both unions: every writer branch must be readable by the reader union.
  bool compare_unions(NodeId reader_union, const Node& wn, bool report) {
    bool ok = true;
    for (size_t i = 0; i < wn.branches.size() && (ok || report); ++i) {
      if (check(reader_union, wn.branches[i], false)) continue;
      ok = false;
      const Node& branch = writer_.node(wn.branches[i]);
      fail(report, IncompatibilityKind::kMissingUnionBranch, std::to_string(i),
           "reader union has no branch that can read writer type " + label(branch));
    }
    return ok;
  }

  // A writer union read by a non-union: every branch must be readable.
  bool read_every_writer_branch(NodeId r, const Node& wn, bool report) {
    bool ok = true;
    for (size_t i = 0; i < wn.branches.size() && (ok || report); ++i) {
      ok = check_at(std::to_string(i), r, wn.branches[i], report) && ok;
    }
    return ok;
  }

  // A reader union reading a non-union: some branch must read it.
  bool find_reader_branch(const Node& rn, NodeId w, const Node& wn, bool report) {
    for (NodeId branch : rn.branches) {
      if (check(branch, w, false)) return true;
    }
    fail(report, IncompatibilityKind::kMissingUnionBranch, "",
         "reader union has no branch that can read writer type " + label(wn));
    return false;
  }

  bool check_names(const Node& rn, const Node& wn, bool report) {
    if (names_match(wn, rn)) return true;
    fail(report, IncompatibilityKind::kNameMismatch, "name",
         "writer " + label(wn) + " does not match reader " + label(rn) +
             " by unqualified name or reader alias");
    return false;
  }

  // Java's lookupWriterField: the writer field named like the reader field
  // or like one of its aliases (distinct fields only).
  std::vector<uint32_t> writer_fields_for(const Field& field, const Node& wn) {
    // Not a structured binding: clang 14 (emcc) cannot capture those in lambdas.
    auto emplaced = field_index_.try_emplace(&wn);
    auto index = emplaced.first;
    if (emplaced.second) {
      for (uint32_t i = 0; i < wn.fields.size(); ++i) index->second.emplace(wn.fields[i].name, i);
    }
    std::vector<uint32_t> matches;
    auto add = [&](std::string_view name) {
      auto found = index->second.find(name);
      if (found == index->second.end()) return;
      for (uint32_t seen : matches) {
        if (seen == found->second) return;
      }
      matches.push_back(found->second);
    };
    add(field.name);
    for (const std::string& alias : field.aliases) add(alias);
    return matches;
  }

  bool check_at(std::string_view token, NodeId r, NodeId w, bool report) {
    const size_t mark = path_.size();
    path_ += '/';
    path_ += token;
    bool ok = check(r, w, report);
    path_.resize(mark);
    return ok;
  }

  void fail(bool report, IncompatibilityKind kind, std::string_view token, std::string message) {
    if (!report) return;
    std::string path = path_;
    if (!token.empty()) {
      path += '/';
      path += token;
    }
    if (path.empty()) path = "/";
    found_.push_back({kind, std::move(path), std::move(message)});
  }

  const Schema& reader_;
  const Schema& writer_;
  std::unordered_map<uint64_t, Verdict> verdicts_;
  std::unordered_set<uint64_t> reported_;
  std::unordered_map<const Node*, std::unordered_map<std::string_view, uint32_t>> field_index_;
  std::vector<Incompatibility> found_;
  std::string path_;  // Java's location stack, as text without the root token
  uint32_t depth_ = 0;
  bool too_deep_ = false;
};

constexpr std::string_view kModeNames[] = {
    "NONE", "BACKWARD",        "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE",
    "FULL", "FULL_TRANSITIVE",
};

char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// JS callers write 'backward' as often as 'BACKWARD'.
bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

}  // namespace

std::string_view incompatibility_kind_name(IncompatibilityKind kind) {
  switch (kind) {
    case IncompatibilityKind::kNameMismatch: return "NAME_MISMATCH";
    case IncompatibilityKind::kFixedSizeMismatch: return "FIXED_SIZE_MISMATCH";
    case IncompatibilityKind::kMissingEnumSymbols: return "MISSING_ENUM_SYMBOLS";
    case IncompatibilityKind::kReaderFieldMissingDefaultValue:
      return "READER_FIELD_MISSING_DEFAULT_VALUE";
    case IncompatibilityKind::kTypeMismatch: return "TYPE_MISMATCH";
    case IncompatibilityKind::kMissingUnionBranch: return "MISSING_UNION_BRANCH";
  }
  return "TYPE_MISMATCH";
}

Result<std::vector<Incompatibility>> check_compatibility(const Schema& reader,
                                                         const Schema& writer) {
  return Checker(reader, writer).run();
}

std::string_view compatibility_mode_name(CompatibilityMode mode) {
  return kModeNames[static_cast<size_t>(mode)];
}

std::optional<CompatibilityMode> parse_compatibility_mode(std::string_view name) {
  for (size_t i = 0; i < std::size(kModeNames); ++i) {
    if (equals_ignoring_case(name, kModeNames[i])) return static_cast<CompatibilityMode>(i);
  }
  return std::nullopt;
}

Result<std::vector<ModeIncompatibility>> check_compatibility_mode(
    const Schema& schema, std::span<const std::shared_ptr<const Schema>> previous,
    CompatibilityMode mode) {
  std::vector<ModeIncompatibility> out;
  if (mode == CompatibilityMode::kNone || previous.empty()) return out;
  const bool transitive = mode == CompatibilityMode::kBackwardTransitive ||
                          mode == CompatibilityMode::kForwardTransitive ||
                          mode == CompatibilityMode::kFullTransitive;
  const bool backward =
      mode != CompatibilityMode::kForward && mode != CompatibilityMode::kForwardTransitive;
  const bool forward =
      mode != CompatibilityMode::kBackward && mode != CompatibilityMode::kBackwardTransitive;
  const size_t oldest = transitive ? 0 : previous.size() - 1;
  auto collect = [&](const Schema& reader, const Schema& writer, size_t index,
                     Direction direction) -> Status {
    auto found = check_compatibility(reader, writer);
    if (!found) return std::move(found).error();
    for (Incompatibility& incompatibility : found.value()) {
      out.push_back({index, direction, std::move(incompatibility)});
    }
    return Status::ok();
  };
  // Newest first, as the registry checks.
  for (size_t i = previous.size(); i-- > oldest;) {
    if (backward) AVRO_TRY(collect(schema, *previous[i], i, Direction::kBackward));
    if (forward) AVRO_TRY(collect(*previous[i], schema, i, Direction::kForward));
  }
  return out;
}

}  // namespace avro
