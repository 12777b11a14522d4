// The row fillers of the store table family; the AIR and its documentation (columns,
// constraints, interactions, guarantees) are in store_air.h.
#pragma once

#include "prover/tables/gadgets.h"
#include "prover/tables/load_table.h"
#include "prover/tables/store_air.h"
#include "prover/tables/vm_table.h"

namespace zkvm::prover {

const VmTable& StoreWTable();
const VmTable& StoreBhTable();

}  // namespace zkvm::prover
