// The row fillers of the branch table family; the AIR and its documentation (columns,
// constraints, interactions, guarantees) are in branch_air.h.
#pragma once

#include "prover/tables/branch_air.h"
#include "prover/tables/gadgets.h"
#include "prover/tables/vm_table.h"

namespace zkvm::prover {

const VmTable& BranchEqTable();
const VmTable& BranchLtTable();

}  // namespace zkvm::prover
