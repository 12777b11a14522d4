// The row fillers of the shift table family; the AIR and its documentation (columns,
// constraints, interactions, guarantees) are in shift_air.h.
#pragma once

#include "prover/tables/gadgets.h"
#include "prover/tables/pow_table.h"
#include "prover/tables/shift_air.h"
#include "prover/tables/vm_table.h"

namespace zkvm::prover {

const VmTable& ShiftITable();
const VmTable& ShiftRTable();

}  // namespace zkvm::prover
