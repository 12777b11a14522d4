#include "prover/tables/pow_table.h"

namespace zkvm::prover {

ColumnMajorMatrix PowPreprocessed() {
  ColumnMajorMatrix m(kPowTableRows, kNumPowPreprocessedColumns);
  for (uint32_t dir = 0; dir < 2; ++dir) {
    for (uint32_t s = 0; s < 32; ++s) {
      const size_t r = PowRow(s, dir);
      const PowValues v = PowOf(s, dir);
      m(r, kPowS) = Felt::FromU64(s);
      m(r, kPowDir) = Felt::FromU64(dir);
      m(r, kPowP) = Felt::FromU64(v.p);
      m(r, kPowF) = Felt::FromU64(v.f);
      m(r, kPowZ) = Felt::FromU64(v.z);
    }
  }
  return m;
}

PowCounts::PowCounts() : counts_(kPowTableRows, 0) {}

Status PowCounts::Add(uint32_t s, uint32_t dir, uint64_t times) {
  if (s >= 32 || dir >= 2) return MakeError("POW lookup ({}, {}): no such row", s, dir);
  counts_[PowRow(s, dir)] += times;
  return {};
}

ColumnMajorMatrix PowCounts::Trace() const {
  ColumnMajorMatrix m(kPowTableRows, kNumPowMainColumns);
  for (size_t r = 0; r < kPowTableRows; ++r) m(r, 0) = Felt::FromU64(counts_[r]);
  return m;
}

}  // namespace zkvm::prover
