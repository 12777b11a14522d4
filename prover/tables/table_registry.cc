#include "prover/tables/table_registry.h"

#include "base/check.h"
#include "prover/tables/add_table.h"
#include "prover/tables/bit_table.h"
#include "prover/tables/branch_table.h"
#include "prover/tables/cmp_table.h"
#include "prover/tables/divrem_table.h"
#include "prover/tables/jump_table.h"
#include "prover/tables/keccak_tables.h"
#include "prover/tables/load_table.h"
#include "prover/tables/memory_tables.h"
#include "prover/tables/mul_table.h"
#include "prover/tables/nop_const_table.h"
#include "prover/tables/poseidon2_tables.h"
#include "prover/tables/pow_table.h"
#include "prover/tables/shift_table.h"
#include "prover/tables/store_table.h"
#include "prover/tables/syscall_tables.h"
#include "prover/tables/table_airs.h"
#include "prover/tables/vm_airs.h"

namespace zkvm::prover {
namespace {

using InstructionTableFn = const VmTable& (*)();

}  // namespace

const VmTable& InstructionTable(TableId t) {
#define ZKVM_TABLE_FILLER(Name, label, Air, kind, chunking, log_rows, publics, preprocessed, \
                          filler, ...)                                                       \
  filler,
  static constexpr InstructionTableFn kTables[] = {ZKVM_VM_TABLES(ZKVM_TABLE_FILLER)};
#undef ZKVM_TABLE_FILLER
  ZKVM_CHECK(t < TableId::kCount && kTables[static_cast<size_t>(t)] != nullptr,
             "not an instruction table");
  return kTables[static_cast<size_t>(t)]();
}

const stark::ProverAir& TableAir(TableId t) {
  static_assert(kTableAirParts == 4, "one entry per part");
  static constexpr const stark::ProverAir* (*kParts[])(TableId) = {
      &TableAirInPart<0>, &TableAirInPart<1>, &TableAirInPart<2>, &TableAirInPart<3>};
  ZKVM_CHECK(t < TableId::kCount, "no such table");
  const stark::ProverAir* air = kParts[static_cast<size_t>(t) % kTableAirParts](t);
  ZKVM_CHECK(air != nullptr, "no such table");
  return *air;
}

const stark::StarkAir& VmStarkAir(TableId t) { return TableAir(t); }

crypto::ColumnMajorMatrix PreprocessedMatrix(TableId t, const executor::Program& program) {
  using crypto::ColumnMajorMatrix;
  switch (t) {
#define ZKVM_TABLE_PREPROCESSED(Name, label, Air, kind, chunking, log_rows, publics, preprocessed, \
                                ...)                                                               \
  case TableId::k##Name:                                                                           \
    return preprocessed;
    ZKVM_VM_TABLES(ZKVM_TABLE_PREPROCESSED)
#undef ZKVM_TABLE_PREPROCESSED
    case TableId::kCount:
      break;
  }
  (void)program;
  return ColumnMajorMatrix();
}

}  // namespace zkvm::prover
