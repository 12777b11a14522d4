// DECODE's preprocessed columns and counts (host); the AIR and its documentation are in
// decode_air.h.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <vector>

#include "base/result.h"
#include "crypto/field/matrix.h"
#include "executor/decoder.h"
#include "executor/program.h"
#include "prover/tables/buses.h"
#include "prover/tables/decode_air.h"
#include "stark/air/air.h"

namespace zkvm::prover {

using crypto::ColumnMajorMatrix;
using crypto::Felt;
using stark::AirShape;

// One DECODE row's fields besides pc.
struct DecodedRow {
  Uop uop = Uop::kIllegal;
  uint32_t rd = 0, rs1 = 0, rs2 = 0;
  uint32_t c = 0;

  bool operator==(const DecodedRow&) const = default;
};

// The micro-op of the instruction `inst` at `pc` (the one mapping of section 3.2, shared by
// the DECODE generator and the trace builder).
DecodedRow DecodeRow(uint32_t pc, const executor::Instruction& inst);

// The table's height: the number of words of the executable range, rounded up to a power of
// two (at least 2).
size_t DecodeTableRows(const executor::Program& program);

// The preprocessed matrix of `program`: DecodeTableRows(program) x 6, as laid out above.
ColumnMajorMatrix DecodePreprocessed(const executor::Program& program);

// Accumulates how often each pc ran, then writes the main trace.
class DecodeCounts {
 public:
  explicit DecodeCounts(const executor::Program& program);
  // Counts one execution (or `times`) of `pc`; an error, and nothing counted, when pc is not a
  // 4-aligned address of the executable range or holds a kIllegal word (no DEC send can match).
  Status Add(uint32_t pc, uint64_t times = 1);
  uint64_t count(uint32_t pc) const;
  // The main trace: DecodeTableRows(program) x 1.
  ColumnMajorMatrix Trace() const;

 private:
  const executor::Program& program_;
  std::vector<uint64_t> counts_;
};

}  // namespace zkvm::prover
