// The definition of TableAirInPart (table_airs.h), included only by the table_airs_<k>.cc files,
// each of which instantiates it for its own part.
#pragma once

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
namespace table_airs_internal {

template <typename Air>
const stark::ProverAir& StaticAir() {
  static const Air air;
  static const stark::ProverAirAdapter<Air> adapter(air);
  return adapter;
}

// Instantiates table T's adapter only in its own part.
template <size_t Part, TableId T, typename Air>
const stark::ProverAir* InPart() {
  if constexpr (static_cast<size_t>(T) % kTableAirParts == Part) {
    return &StaticAir<Air>();
  } else {
    return nullptr;
  }
}

}  // namespace table_airs_internal

template <size_t Part>
const stark::ProverAir* TableAirInPart(TableId t) {
  switch (t) {
#define ZKVM_TABLE_AIR(Name, label, Air, kind, ...) \
  case TableId::k##Name:                            \
    return table_airs_internal::InPart<Part, TableId::k##Name, Air>();
    ZKVM_VM_TABLES(ZKVM_TABLE_AIR)
#undef ZKVM_TABLE_AIR
    case TableId::kCount:
      break;
  }
  return nullptr;
}

}  // namespace zkvm::prover
