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
#include "prover/tables/pow_table.h"
#include "prover/tables/shift_table.h"
#include "prover/tables/store_table.h"
#include "prover/tables/syscall_tables.h"
#include "prover/tables/vm_airs.h"

namespace zkvm::prover {
namespace {

template <typename Air>
const stark::ProverAir& StaticAir() {
  static const Air air;
  static const stark::ProverAirAdapter<Air> adapter(air);
  return adapter;
}

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
  switch (t) {
#define ZKVM_TABLE_AIR(Name, label, Air, kind, ...) \
  case TableId::k##Name:                            \
    return StaticAir<Air>();
    ZKVM_VM_TABLES(ZKVM_TABLE_AIR)
#undef ZKVM_TABLE_AIR
    case TableId::kCount:
      break;
  }
  ZKVM_CHECK(false, "no such table");
  return StaticAir<HaltAir>();
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
