// The row fillers of the jump table family; the AIR and its documentation (columns,
// constraints, interactions, guarantees) are in jump_air.h.
#pragma once

#include "prover/tables/gadgets.h"
#include "prover/tables/jump_air.h"
#include "prover/tables/vm_table.h"

namespace zkvm::prover {

const VmTable& JalTable();
const VmTable& JalrTable();

}  // namespace zkvm::prover
