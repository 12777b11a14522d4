// The row fillers of the divrem table family; the AIR and its documentation (columns,
// constraints, interactions, guarantees) are in divrem_air.h.
#pragma once

#include "prover/tables/divrem_air.h"
#include "prover/tables/gadgets.h"
#include "prover/tables/vm_table.h"

namespace zkvm::prover {

const VmTable& DivRemTable();

}  // namespace zkvm::prover
