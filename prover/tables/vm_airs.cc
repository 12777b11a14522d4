// VmStarkAir for the guest verifier (freestanding; the host's is in table_registry.cc): one
// static AirAdapter per table class, built on first use.
#include "prover/tables/vm_airs.h"

#include "prover/tables/add_air.h"
#include "prover/tables/bit_air.h"
#include "prover/tables/branch_air.h"
#include "prover/tables/byte_air.h"
#include "prover/tables/cmp_air.h"
#include "prover/tables/decode_air.h"
#include "prover/tables/divrem_air.h"
#include "prover/tables/jump_air.h"
#include "prover/tables/keccak_airs.h"
#include "prover/tables/load_air.h"
#include "prover/tables/memory_airs.h"
#include "prover/tables/mul_air.h"
#include "prover/tables/nop_const_air.h"
#include "prover/tables/poseidon2_airs.h"
#include "prover/tables/pow_air.h"
#include "prover/tables/shift_air.h"
#include "prover/tables/store_air.h"
#include "prover/tables/syscall_airs.h"

namespace zkvm::prover {
namespace {

template <typename A>
const stark::StarkAir& Adapter() {
  static const A air;
  static const stark::AirAdapter<A> adapter(air);
  return adapter;
}

}  // namespace

const stark::StarkAir& VmStarkAir(TableId t) {
  switch (t) {
#define ZKVM_TABLE_AIR(Name, label, Air, ...) \
  case TableId::k##Name:                      \
    return Adapter<Air>();
    ZKVM_VM_TABLES(ZKVM_TABLE_AIR)
#undef ZKVM_TABLE_AIR
    case TableId::kCount:
      break;
  }
  // Parsing rejects ids >= kCount, so this is never reached.
  return Adapter<HaltAir>();
}

}  // namespace zkvm::prover
