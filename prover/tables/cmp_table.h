// The row fillers of the cmp table family; the AIR and its documentation (columns,
// constraints, interactions, guarantees) are in cmp_air.h.
#pragma once

#include "prover/tables/cmp_air.h"
#include "prover/tables/gadgets.h"
#include "prover/tables/vm_table.h"

namespace zkvm::prover {

const VmTable& CmpITable();
const VmTable& CmpRTable();

}  // namespace zkvm::prover
