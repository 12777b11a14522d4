// The row fillers of the bit table family; the AIR and its documentation (columns,
// constraints, interactions, guarantees) are in bit_air.h.
#pragma once

#include "prover/tables/bit_air.h"
#include "prover/tables/gadgets.h"
#include "prover/tables/vm_table.h"

namespace zkvm::prover {

const VmTable& BitITable();
const VmTable& BitRTable();

}  // namespace zkvm::prover
