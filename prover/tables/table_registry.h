// The AIR of every table of the VM, by TableId, and the row filler of every instruction table.
#pragma once

#include "prover/tables/vm_table.h"

namespace zkvm::prover {

// The AIR of table t (a static object).
const stark::ProverAir& TableAir(TableId t);

// The instruction table t (IsInstructionTable(t)).
const VmTable& InstructionTable(TableId t);

}  // namespace zkvm::prover
