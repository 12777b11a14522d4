// The fill halves of the gadgets the instruction tables share (docs/tables.md sections 4.0 and
// 5): they fill the columns and report the lookups of the AIR halves in air_common.h, and must
// agree with them.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "crypto/field/felt.h"
#include "prover/tables/air_common.h"
#include "prover/tables/byte_table.h"
#include "prover/tables/vm_table.h"

namespace zkvm::prover {

// Fills the p and d columns of an access at timestamp t consuming a token of age `gap`
// (emitted at p = t - 1 - gap) and reports its two R16 lookups, of the halves of gap.
void FillAccess(RowWriter& row, size_t col_p, size_t col_d, uint64_t t, uint32_t gap,
                LookupSink* sink);

inline void AddR16(LookupSink* sink, uint32_t x) {
  if (sink != nullptr) sink->Byte(ByteLookup::R16(x));
}
inline void AddR16Bits(LookupSink* sink, uint32_t x, unsigned bits) {
  if (sink != nullptr) sink->Byte(ByteLookup::R16(x << (16 - bits)));
}
inline void AddPair(LookupSink* sink, uint32_t x, uint32_t y) {
  if (sink != nullptr) sink->Byte(ByteLookup::Pair(x, y));
}

}  // namespace zkvm::prover
