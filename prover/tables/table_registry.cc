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

}  // namespace

const VmTable& InstructionTable(TableId t) {
  switch (t) {
    case TableId::kNop:
      return NopTable();
    case TableId::kConst:
      return ConstTable();
    case TableId::kAddI:
      return AddITable();
    case TableId::kAddR:
      return AddRTable();
    case TableId::kBitI:
      return BitITable();
    case TableId::kBitR:
      return BitRTable();
    case TableId::kShiftI:
      return ShiftITable();
    case TableId::kShiftR:
      return ShiftRTable();
    case TableId::kCmpI:
      return CmpITable();
    case TableId::kCmpR:
      return CmpRTable();
    case TableId::kBranchEq:
      return BranchEqTable();
    case TableId::kBranchLt:
      return BranchLtTable();
    case TableId::kJal:
      return JalTable();
    case TableId::kJalr:
      return JalrTable();
    case TableId::kLoadW:
      return LoadWTable();
    case TableId::kLoadBh:
      return LoadBhTable();
    case TableId::kStoreW:
      return StoreWTable();
    case TableId::kStoreBh:
      return StoreBhTable();
    case TableId::kMul:
      return MulTable();
    case TableId::kDivRem:
      return DivRemTable();
    case TableId::kHalt:
      return HaltTable();
    case TableId::kWrite:
      return WriteTable();
    case TableId::kKeccakCall:
      return KeccakCallTable();
    default:
      break;
  }
  ZKVM_CHECK(false, "not an instruction table");
  return HaltTable();
}

const stark::ProverAir& TableAir(TableId t) {
  switch (t) {
    case TableId::kDecode:
      return StaticAir<DecodeAir>();
    case TableId::kRegister:
      return StaticAir<RegisterAir>();
    case TableId::kPageElf:
      return StaticAir<PageElfAir>();
    case TableId::kByte:
      return StaticAir<ByteAir>();
    case TableId::kPow:
      return StaticAir<PowAir>();
    case TableId::kKeccakRc:
      return StaticAir<KeccakRcAir>();
    case TableId::kPageZero:
      return StaticAir<PageZeroAir>();
    case TableId::kPageInput:
      return StaticAir<PageInputAir>();
    case TableId::kCommitRead:
      return StaticAir<CommitReadAir>();
    case TableId::kCommit:
      return StaticAir<CommitAir>();
    case TableId::kKeccakMem:
      return StaticAir<KeccakMemAir>();
    case TableId::kKeccak:
      return StaticAir<KeccakAir>();
    case TableId::kCount:
      break;
    default:
      return InstructionTable(t).air();
  }
  ZKVM_CHECK(false, "no such table");
  return StaticAir<CommitAir>();
}

const stark::StarkAir& VmStarkAir(TableId t) { return TableAir(t); }

}  // namespace zkvm::prover
