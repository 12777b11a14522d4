// The row fillers of the mul table family; the AIR and its documentation (columns,
// constraints, interactions, guarantees) are in mul_air.h.
#pragma once

#include "prover/tables/gadgets.h"
#include "prover/tables/mul_air.h"
#include "prover/tables/vm_table.h"

namespace zkvm::prover {

const VmTable& MulTable();

}  // namespace zkvm::prover
