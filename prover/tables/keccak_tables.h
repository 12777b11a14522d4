// The KECCAK_F1600 precompile's row fillers and preprocessed rounds (host); the AIRs and their
// documentation are in keccak_airs.h.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <array>
#include <span>

#include "crypto/field/matrix.h"
#include "prover/tables/gadgets.h"
#include "prover/tables/keccak_airs.h"
#include "prover/tables/vm_table.h"

namespace zkvm::prover {

// ---- KECCAK_CALL, KECCAK ------------------------------------------------------------------------

const VmTable& KeccakCallTable();

// One row of the permutation under construction: everything a round writes.
struct KeccakRowContext {
  bool real = false;
  uint64_t clk = 0;
  uint32_t ptr = 0;  // word index of the state
};

// Fills the row of round `round` applied to `state` (25 lanes) and advances `state` by that
// round.
void FillKeccakRound(uint64_t state[25], int round, const KeccakRowContext& ctx, RowWriter& row);

// The output words of a filled row (the round's result, meaningful on every row; the call's
// result on the last).
std::array<uint32_t, kKeccakStateWords> KeccakRowOutput(const RowWriter& row);

// One permutation call as routing records it: the state's word index, its words before (the
// memory's content) and after (what the log says the call wrote), and the timestamps of the
// tokens the 50 accesses consume.
struct KeccakCallRecord {
  uint64_t clk = 0;
  uint32_t ptr = 0;
  std::array<uint32_t, kKeccakStateWords> before{}, after{};
  std::array<uint32_t, kKeccakStateWords> gap{};  // each word's token age (RoutedRow::prev_gap)
};

// Fills KECCAK_MEM row `group` of `call` (writer zeroed) and reports its R16 lookups.
void FillKeccakMem(const KeccakCallRecord& call, size_t group, RowWriter& row, LookupSink* sink);

// ---- KECCAK_RC ----------------------------------------------------------------------------------

// The 7 RC bits of round r packed as sum_k bit(RC_r, p_k) 2^k.
uint32_t KeccakRcPacked(int round);

ColumnMajorMatrix KeccakRcPreprocessed();

// The multiplicities of KECCAK_RC for KECCAK chunks of the given log heights (row r of a chunk
// is round r mod 24).
ColumnMajorMatrix KeccakRcTrace(std::span<const uint32_t> keccak_log_heights);

}  // namespace zkvm::prover
