// Schema resolution (spec "Schema Resolution"), compiled once per (writer,
// reader) pair into steps over the writer's schema. Decoding with a
// Resolver reads writer bytes and produces the tape layout of the READER's
// program, so every materializer built for the reader type works unchanged:
// fields come out in reader order (reordered in place when the writer's
// order differs), defaults fill reader fields the writer lacks, writer-only
// fields are skipped without being materialized, promotions and enum/union
// mappings happen in the core.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/error.h"
#include "datum/program.h"
#include "datum/skip_run.h"

namespace avro {

enum class ROp : uint8_t {
  kDirect,   // identical structure: decode with the reader's program
  kPromote,  // a promotable primitive (int->long, string->bytes, ...)
  kRecord,
  kSkip,     // a writer field the reader does not have
  kEnum,
  kArray,
  kMap,
  kUnion,    // writer union: per writer branch, a step (and reader branch)
  kToUnion,  // writer non-union into a reader union branch
  kFail,     // resolvable only for some data: fails when reached
};

struct RStep {
  ROp op = ROp::kDirect;
  NodeId writer = 0;
  NodeId reader = 0;
  uint32_t begin = 0;  // into children_/ints_ (kFail: into messages_)
  uint32_t count = 0;  // writer fields, symbols, branches; 1 for array/map/to-union
  uint32_t defaults_begin = 0, defaults_count = 0;  // record: reader fields filled from defaults
  int32_t branch = -1;   // kToUnion: reader branch index
  bool ordered = true;   // record: writer fields map to increasing reader fields
  uint32_t needed = 0;   // record: writer fields up to the last one the reader uses
};

// Record field i (index s.begin + i): when it starts a run of consecutive
// writer-only primitive fields, the run's length and its skip items, so
// the run is stepped over in one tight loop instead of field by field.
struct SkipRun {
  uint32_t fields = 0;
  uint32_t items_begin = 0;
};

class Resolver {
 public:
  // Fails with kIncompatible (path and rule in the message) when no data
  // written with `writer` can be read as `reader`.
  static Result<std::shared_ptr<const Resolver>> compile(std::shared_ptr<const Program> reader,
                                                         std::shared_ptr<const Schema> writer);

  // Decodes one writer datum into `tape` in the reader's layout. With
  // `to_end` false the reader may stop right after the last value the
  // reader schema needs (writer-only fields at the datum's end are left
  // unread), so `reader` is not left at the datum's end.
  Status decode(ByteReader& reader, Tape& tape, const Limits& limits = {}, bool to_end = true) const;

  const Program& reader_program() const { return *reader_; }
  const Program& writer_program() const { return *writer_; }
  const RStep& step(uint32_t id) const { return steps_[id]; }
  uint32_t child(const RStep& s, uint32_t i) const { return children_[s.begin + i]; }
  int32_t index(const RStep& s, uint32_t i) const { return ints_[s.begin + i]; }
  int32_t default_field(const RStep& s, uint32_t i) const { return ints_[s.defaults_begin + i]; }
  const std::string& message(const RStep& s) const { return messages_[s.begin]; }
  const SkipRun& skip_run(const RStep& s, uint32_t i) const { return runs_[s.begin + i]; }
  const SkipItem* skip_items(const SkipRun& run) const { return skips_.data() + run.items_begin; }

 private:
  friend class ResolverCompiler;
  std::shared_ptr<const Program> reader_;
  std::shared_ptr<const Program> writer_;  // raw: logical types off
  std::vector<RStep> steps_;
  std::vector<uint32_t> children_;
  std::vector<int32_t> ints_;
  std::vector<std::string> messages_;
  std::vector<SkipRun> runs_;  // parallel to children_
  std::vector<SkipItem> skips_;
  uint32_t root_ = 0;

  void plan_records();
};

}  // namespace avro
