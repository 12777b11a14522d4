#include "prover/tables/gadgets.h"

#include "base/check.h"

namespace zkvm::prover {

void FillAccess(RowWriter& row, size_t col_p, size_t col_d, uint64_t t, uint32_t p,
                LookupSink* sink) {
  ZKVM_CHECK(p < t && t < kTwo32, "a memory access must consume an earlier token");
  const uint64_t delta = t - p - 1;
  row.Set(col_p, p);
  row.Set(col_d, delta & 0xFFFF);
  AddR16(sink, static_cast<uint32_t>(delta & 0xFFFF));
  AddR16(sink, static_cast<uint32_t>(delta >> 16));
}

}  // namespace zkvm::prover
