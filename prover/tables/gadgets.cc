#include "prover/tables/gadgets.h"

#include "base/check.h"

namespace zkvm::prover {

void FillAccess(RowWriter& row, size_t col_p, size_t col_d, uint64_t t, uint32_t gap,
                LookupSink* sink) {
  ZKVM_CHECK(gap < t && t < 4 * (kMaxCycles + 1), "a memory access must consume an earlier token");
  row.Set(col_p, t - 1 - gap);
  row.Set(col_d, gap & 0xFFFF);
  AddR16(sink, gap & 0xFFFF);
  AddR16(sink, gap >> 16);
}

}  // namespace zkvm::prover
