// The row fillers of the add table family; the AIR and its documentation (columns,
// constraints, interactions, guarantees) are in add_air.h.
#pragma once

#include "prover/tables/add_air.h"
#include "prover/tables/gadgets.h"
#include "prover/tables/vm_table.h"

namespace zkvm::prover {

const VmTable& AddITable();
const VmTable& AddRTable();

}  // namespace zkvm::prover
