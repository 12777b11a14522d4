// The row fillers of the nop_const table family; the AIR and its documentation (columns,
// constraints, interactions, guarantees) are in nop_const_air.h.
#pragma once

#include "prover/tables/gadgets.h"
#include "prover/tables/nop_const_air.h"
#include "prover/tables/vm_table.h"

namespace zkvm::prover {

const VmTable& NopTable();
const VmTable& ConstTable();

}  // namespace zkvm::prover
