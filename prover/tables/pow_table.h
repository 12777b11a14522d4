// POW's preprocessed columns and lookup counting (host); the AIR and its documentation are in
// pow_air.h.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <vector>

#include "base/result.h"
#include "crypto/field/matrix.h"
#include "prover/tables/buses.h"
#include "prover/tables/pow_air.h"
#include "stark/air/air.h"

namespace zkvm::prover {

using crypto::ColumnMajorMatrix;
using crypto::Felt;
using stark::AirShape;

// The preprocessed matrix: 64 rows x 5 columns, as laid out above.
ColumnMajorMatrix PowPreprocessed();

// Accumulates the multiplicities of POW lookups, then writes the main trace.
class PowCounts {
 public:
  PowCounts();
  // Counts a lookup of row (s, dir) once (or `times` times); an error, and nothing counted,
  // when there is no such row.
  Status Add(uint32_t s, uint32_t dir, uint64_t times = 1);
  uint64_t count(uint32_t s, uint32_t dir) const { return counts_[PowRow(s, dir)]; }
  // The main trace: 64 rows x 1 multiplicity column.
  ColumnMajorMatrix Trace() const;

 private:
  std::vector<uint64_t> counts_;
};

}  // namespace zkvm::prover
