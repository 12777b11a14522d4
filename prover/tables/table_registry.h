// The host's registry of the VM's tables, derived from the list (table_list.h): each table's
// AIR, each instruction table's row filler, and each preprocessed table's fixed columns.
#pragma once

#include "crypto/field/matrix.h"
#include "executor/program.h"
#include "prover/tables/vm_table.h"

namespace zkvm::prover {

// The AIR of table t (a static object).
const stark::ProverAir& TableAir(TableId t);

// The instruction table t (IsInstructionTable(t)).
const VmTable& InstructionTable(TableId t);

// The preprocessed matrix of table t for `program` (empty when t has no preprocessed columns).
crypto::ColumnMajorMatrix PreprocessedMatrix(TableId t, const executor::Program& program);

}  // namespace zkvm::prover
