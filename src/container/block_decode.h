// Decodes the records of one container block with a compiled program.
#pragma once

#include <cstdint>

#include "common/error.h"
#include "container/reader.h"
#include "datum/columns.h"
#include "datum/program.h"
#include "resolve/resolver.h"

namespace avro {

// Appends the block's records to `tape`. On failure `*decoded` records are
// complete on the tape (best-effort readers deliver them) and the error
// says which record failed; its offset is a file offset when the block is
// uncompressed, else the offset of the block's data (the message then gives
// the position inside the decompressed bytes).
Status decode_block(const Program& program, const ContainerBlock& block, bool compressed, Tape& tape,
                    const Limits& limits, int64_t* decoded);
// The same through a resolver: records come out in the reader's layout.
Status decode_block(const Resolver& resolver, const ContainerBlock& block, bool compressed, Tape& tape,
                    const Limits& limits, int64_t* decoded);

// The same into columns (see datum/columns.h); on failure the columns hold
// the `*decoded` complete records.
Status decode_block(const ColumnPlan& plan, const ContainerBlock& block, bool compressed, std::vector<Column>& columns,
                    const Limits& limits, int64_t* decoded);

}  // namespace avro
