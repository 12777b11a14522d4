// The POSEIDON2 precompile's row fillers (host); the AIRs and their documentation are in
// poseidon2_airs.h.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <array>

#include "crypto/field/felt.h"
#include "prover/tables/gadgets.h"
#include "prover/tables/poseidon2_airs.h"
#include "prover/tables/vm_table.h"

namespace zkvm::prover {

// ---- POSEIDON2 ----------------------------------------------------------------------------------

// The instruction table: its filler reads the call's input state from RowInput::syscall_data.
const VmTable& Poseidon2Table();

// Fills the permutation's columns (in, every S-box's y and s) of a POSEIDON2 row for the input
// `in` (canonical elements) and returns the output state.
std::array<Felt, kPoseidon2Width> FillPoseidon2Permutation(
    const std::array<Felt, kPoseidon2Width>& in, RowWriter& row);

// ---- POSEIDON2_MEM ------------------------------------------------------------------------------

// One permutation call as routing records it: the state's word index, its words before (the
// memory's content) and after (what the log says the call wrote), and the ages of the tokens the
// 24 accesses consume.
struct Poseidon2CallRecord {
  uint64_t clk = 0;
  uint32_t ptr = 0;
  std::array<uint32_t, kPoseidon2StateWords> before{}, after{};
  std::array<uint32_t, kPoseidon2StateWords> gap{};  // each word's token age (RoutedRow::prev_gap)
};

// Fills POSEIDON2_MEM row `group` of `call` (writer zeroed) and reports its R16 lookups.
void FillPoseidon2Mem(const Poseidon2CallRecord& call, size_t group, RowWriter& row,
                      LookupSink* sink);

}  // namespace zkvm::prover
