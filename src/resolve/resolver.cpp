#include "resolve/resolver.h"

#include <map>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "resolve/rules.h"

namespace avro {

class ResolverCompiler {
 public:
  ResolverCompiler(Resolver& out, const Schema& writer, const Schema& reader)
      : out_(out), writer_(writer), reader_(reader) {}

  Result<uint32_t> resolve(NodeId w, NodeId r) {
    auto key = std::make_pair(w, r);
    if (auto it = memo_.find(key); it != memo_.end()) return it->second;
    const Node& wn = writer_.node(w);
    const Node& rn = reader_.node(r);
    if (wn.kind == Kind::kUnion) return resolve_writer_union(w, r);
    if (rn.kind == Kind::kUnion) return resolve_to_union(w, r);
    if (wn.kind != rn.kind) {
      if (is_primitive(wn.kind) && promotable(wn.kind, rn.kind)) return add(ROp::kPromote, w, r);
      return mismatch(w, r);
    }
    if (is_primitive(wn.kind) || direct(w, r)) {
      if (wn.is_named() && !names_match(wn, rn)) return mismatch(w, r);
      return add(ROp::kDirect, w, r);
    }
    switch (wn.kind) {
      case Kind::kRecord: return resolve_record(w, r);
      case Kind::kEnum: return resolve_enum(w, r);
      case Kind::kFixed: return mismatch(w, r);  // direct() failed: size differs
      case Kind::kArray:
      case Kind::kMap: {
        uint32_t id = add(wn.kind == Kind::kArray ? ROp::kArray : ROp::kMap, w, r);
        uint32_t slot = reserve_children(id, 1);
        auto item = resolve(wn.items, rn.items);
        if (!item) {
          Error error = std::move(item).error();
          prepend_path(error, wn.kind == Kind::kArray ? "[]" : "{}");
          return error;
        }
        out_.children_[slot] = item.value();
        return id;
      }
      default: return mismatch(w, r);
    }
  }

 private:
  uint32_t add(ROp op, NodeId w, NodeId r) {
    auto id = static_cast<uint32_t>(out_.steps_.size());
    RStep step;
    step.op = op;
    step.writer = w;
    step.reader = r;
    out_.steps_.push_back(step);
    memo_[{w, r}] = id;
    return id;
  }

  uint32_t reserve_children(uint32_t id, uint32_t count) {
    auto begin = static_cast<uint32_t>(out_.children_.size());
    out_.children_.resize(begin + count);
    out_.ints_.resize(begin + count, -1);
    out_.steps_[id].begin = begin;
    out_.steps_[id].count = count;
    return begin;
  }

  Error mismatch(NodeId w, NodeId r) {
    const Node& wn = writer_.node(w);
    const Node& rn = reader_.node(r);
    std::string message;
    if (wn.kind == rn.kind && wn.is_named()) {
      message = wn.kind == Kind::kFixed && wn.size != rn.size
                    ? "writer fixed " + wn.fullname + " has size " + std::to_string(wn.size) +
                          " but reader fixed " + rn.fullname + " has size " + std::to_string(rn.size)
                    : "writer " + writer_.describe(w) + " and reader " + reader_.describe(r) +
                          " have different names (and no reader alias matches)";
    } else {
      message = "writer type \"" + writer_.describe(w) + "\" cannot be promoted to reader type \"" +
                reader_.describe(r) + "\"";
    }
    return make_error(ErrorCode::kIncompatible, std::move(message));
  }

  // Whether bytes of writer node w decode correctly with the reader's own
  // program at r (same structure all the way down).
  bool direct(NodeId w, NodeId r) {
    auto key = std::make_pair(w, r);
    if (auto it = direct_memo_.find(key); it != direct_memo_.end()) return it->second;
    direct_memo_[key] = true;  // recursion: assume so while checking
    bool result = check_direct(writer_.node(w), reader_.node(r));
    direct_memo_[key] = result;
    return result;
  }

  bool check_direct(const Node& wn, const Node& rn) {
    if (wn.kind != rn.kind) return false;
    if (wn.is_named() && !names_match(wn, rn)) return false;
    switch (wn.kind) {
      case Kind::kFixed: return wn.size == rn.size;
      case Kind::kEnum: return wn.symbols == rn.symbols;
      case Kind::kArray:
      case Kind::kMap: return direct(wn.items, rn.items);
      case Kind::kUnion:
        if (wn.branches.size() != rn.branches.size()) return false;
        for (size_t i = 0; i < wn.branches.size(); ++i) {
          if (!direct(wn.branches[i], rn.branches[i])) return false;
        }
        return true;
      case Kind::kRecord:
        if (wn.fields.size() != rn.fields.size()) return false;
        for (size_t i = 0; i < wn.fields.size(); ++i) {
          if (wn.fields[i].name != rn.fields[i].name || !direct(wn.fields[i].type, rn.fields[i].type)) return false;
        }
        return true;
      default: return true;
    }
  }

  // Reader fields by name, then by alias (a name wins over an alias): built
  // once per record pair, so matching is linear in the fields.
  static std::unordered_map<std::string_view, int> reader_fields(const Node& rn) {
    std::unordered_map<std::string_view, int> index;
    for (size_t i = 0; i < rn.fields.size(); ++i) index.emplace(rn.fields[i].name, static_cast<int>(i));
    for (size_t i = 0; i < rn.fields.size(); ++i) {
      for (const std::string& alias : rn.fields[i].aliases) index.emplace(alias, static_cast<int>(i));
    }
    return index;
  }

  Result<uint32_t> resolve_record(NodeId w, NodeId r) {
    const Node& wn = writer_.node(w);
    const Node& rn = reader_.node(r);
    if (!names_match(wn, rn)) return mismatch(w, r);
    uint32_t id = add(ROp::kRecord, w, r);
    auto count = static_cast<uint32_t>(wn.fields.size());
    uint32_t slot = reserve_children(id, count);
    std::vector<bool> seen(rn.fields.size(), false);
    auto by_name = reader_fields(rn);
    int last = -1;
    for (uint32_t i = 0; i < count; ++i) {
      const Field& field = wn.fields[i];
      auto found = by_name.find(field.name);
      int target = found == by_name.end() ? -1 : found->second;
      Result<uint32_t> child = target < 0 ? Result<uint32_t>(add_skip(field.type))
                                          : resolve(field.type, rn.fields[static_cast<size_t>(target)].type);
      if (!child) {
        Error error = std::move(child).error();
        prepend_path(error, "." + field.name);
        return error;
      }
      out_.children_[slot + i] = child.value();
      out_.ints_[slot + i] = target;
      if (target >= 0) {
        seen[static_cast<size_t>(target)] = true;
        if (target < last) out_.steps_[id].ordered = false;
        last = target;
      }
    }
    auto defaults_begin = static_cast<uint32_t>(out_.ints_.size());
    for (size_t k = 0; k < rn.fields.size(); ++k) {
      if (seen[k]) continue;
      if (!rn.fields[k].has_default) {
        Error error = make_error(ErrorCode::kIncompatible, "reader field \"" + rn.fields[k].name +
                                                               "\" has no default and is missing from the writer");
        prepend_path(error, "." + rn.fields[k].name);
        return error;
      }
      out_.ints_.push_back(static_cast<int32_t>(k));
    }
    // Children appended above may have grown ints_ too, so defaults sit
    // after them; record where.
    out_.steps_[id].defaults_begin = defaults_begin;
    out_.steps_[id].defaults_count = static_cast<uint32_t>(out_.ints_.size()) - defaults_begin;
    out_.children_.resize(out_.ints_.size());
    return id;
  }

  uint32_t add_skip(NodeId w) {
    auto id = static_cast<uint32_t>(out_.steps_.size());
    RStep step;
    step.op = ROp::kSkip;
    step.writer = w;
    out_.steps_.push_back(step);
    return id;
  }

  Result<uint32_t> resolve_enum(NodeId w, NodeId r) {
    const Node& wn = writer_.node(w);
    const Node& rn = reader_.node(r);
    if (!names_match(wn, rn)) return mismatch(w, r);
    uint32_t id = add(ROp::kEnum, w, r);
    uint32_t slot = reserve_children(id, static_cast<uint32_t>(wn.symbols.size()));
    std::unordered_map<std::string_view, int32_t> symbols;
    for (size_t k = 0; k < rn.symbols.size(); ++k) symbols.emplace(rn.symbols[k], static_cast<int32_t>(k));
    for (size_t i = 0; i < wn.symbols.size(); ++i) {
      auto found = symbols.find(wn.symbols[i]);
      // Unknown symbols take the reader's default, if any.
      out_.ints_[slot + i] = found == symbols.end() ? rn.enum_default : found->second;
    }
    return id;
  }

  // A writer union: each branch resolves on its own; a branch the reader
  // cannot read fails only when data uses it.
  Result<uint32_t> resolve_writer_union(NodeId w, NodeId r) {
    const Node& wn = writer_.node(w);
    const Node& rn = reader_.node(r);
    if (rn.kind == Kind::kUnion && direct(w, r)) return add(ROp::kDirect, w, r);
    uint32_t id = add(ROp::kUnion, w, r);
    auto count = static_cast<uint32_t>(wn.branches.size());
    uint32_t slot = reserve_children(id, count);
    for (uint32_t i = 0; i < count; ++i) {
      NodeId branch = wn.branches[i];
      int target = rn.kind == Kind::kUnion ? best_branch(branch, rn) : -1;
      Result<uint32_t> child =
          rn.kind != Kind::kUnion ? resolve(branch, r)
          : target >= 0           ? resolve(branch, rn.branches[static_cast<size_t>(target)])
                                  : Result<uint32_t>(make_error(ErrorCode::kIncompatible, "no match"));
      if (!child) {
        std::string reason = rn.kind == Kind::kUnion
                                 ? "writer union branch \"" + writer_.describe(branch) +
                                       "\" matches no branch of the reader union"
                                 : std::move(child).error().message;
        child = add_fail(std::move(reason));
      }
      out_.children_[slot + i] = child.value();
      out_.ints_[slot + i] = target;
    }
    return id;
  }

  Result<uint32_t> resolve_to_union(NodeId w, NodeId r) {
    const Node& rn = reader_.node(r);
    int target = best_branch(w, rn);
    if (target < 0) {
      return make_error(ErrorCode::kIncompatible, "writer type \"" + writer_.describe(w) +
                                                      "\" matches no branch of the reader union");
    }
    uint32_t id = add(ROp::kToUnion, w, r);
    out_.steps_[id].branch = target;
    uint32_t slot = reserve_children(id, 1);
    auto child = resolve(w, rn.branches[static_cast<size_t>(target)]);
    if (!child) return child;
    out_.children_[slot] = child.value();
    return id;
  }

  // The first reader branch of the same type (named: same name), else the
  // first one the writer type promotes to.
  int best_branch(NodeId w, const Node& reader_union) {
    const Node& wn = writer_.node(w);
    for (size_t pass = 0; pass < 2; ++pass) {
      for (size_t i = 0; i < reader_union.branches.size(); ++i) {
        const Node& rn = reader_.node(reader_union.branches[i]);
        bool match = pass == 0 ? rn.kind == wn.kind && (!wn.is_named() || names_match(wn, rn))
                               : is_primitive(wn.kind) && promotable(wn.kind, rn.kind);
        if (match) return static_cast<int>(i);
      }
    }
    return -1;
  }

  uint32_t add_fail(std::string message) {
    auto id = static_cast<uint32_t>(out_.steps_.size());
    RStep step;
    step.op = ROp::kFail;
    step.begin = static_cast<uint32_t>(out_.messages_.size());
    out_.messages_.push_back(std::move(message));
    out_.steps_.push_back(step);
    return id;
  }

  Resolver& out_;
  const Schema& writer_;
  const Schema& reader_;
  std::map<std::pair<NodeId, NodeId>, uint32_t> memo_;
  std::map<std::pair<NodeId, NodeId>, bool> direct_memo_;
};

// Projection reads few of many fields: per record, find where the fields the
// reader uses end, and fuse runs of writer-only primitives.
void Resolver::plan_records() {
  runs_.assign(children_.size(), SkipRun{});
  for (RStep& step : steps_) {
    if (step.op != ROp::kRecord) continue;
    std::vector<bool> skippable(step.count);
    std::vector<SkipItem> items(step.count);
    step.needed = 0;
    for (uint32_t i = 0; i < step.count; ++i) {
      const RStep& field = steps_[child(step, i)];
      bool skipped = field.op == ROp::kSkip;
      skippable[i] = skipped && primitive_skip(writer_->step(field.writer), &items[i]);
      if (!skipped) step.needed = i + 1;
    }
    for (uint32_t i = 0; i < step.count;) {
      if (!skippable[i]) {
        ++i;
        continue;
      }
      SkipRun& run = runs_[step.begin + i];
      run.items_begin = static_cast<uint32_t>(skips_.size());
      uint32_t j = i;
      for (; j < step.count && skippable[j]; ++j) skips_.push_back(items[j]);
      run.fields = j - i;
      i = j;
    }
  }
}

Result<std::shared_ptr<const Resolver>> Resolver::compile(std::shared_ptr<const Program> reader,
                                                          std::shared_ptr<const Schema> writer) {
  auto resolver = std::make_shared<Resolver>();
  ProgramOptions raw;
  raw.logical_types = false;
  resolver->writer_ = Program::compile(writer, raw);
  resolver->reader_ = std::move(reader);
  ResolverCompiler compiler(*resolver, *writer, resolver->reader_->schema());
  auto root = compiler.resolve(writer->root(), resolver->reader_->root());
  if (!root) return std::move(root).error();
  resolver->root_ = root.value();
  resolver->plan_records();
  return std::shared_ptr<const Resolver>(std::move(resolver));
}

}  // namespace avro
