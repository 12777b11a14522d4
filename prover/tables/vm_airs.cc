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
    case TableId::kDecode:
      return Adapter<DecodeAir>();
    case TableId::kRegister:
      return Adapter<RegisterAir>();
    case TableId::kPageElf:
      return Adapter<PageElfAir>();
    case TableId::kByte:
      return Adapter<ByteAir>();
    case TableId::kPow:
      return Adapter<PowAir>();
    case TableId::kKeccakRc:
      return Adapter<KeccakRcAir>();
    case TableId::kPageZero:
      return Adapter<PageZeroAir>();
    case TableId::kPageInput:
      return Adapter<PageInputAir>();
    case TableId::kNop:
      return Adapter<NopAir>();
    case TableId::kConst:
      return Adapter<ConstAir>();
    case TableId::kAddI:
      return Adapter<AddIAir>();
    case TableId::kAddR:
      return Adapter<AddRAir>();
    case TableId::kBitI:
      return Adapter<BitIAir>();
    case TableId::kBitR:
      return Adapter<BitRAir>();
    case TableId::kShiftI:
      return Adapter<ShiftIAir>();
    case TableId::kShiftR:
      return Adapter<ShiftRAir>();
    case TableId::kCmpI:
      return Adapter<CmpIAir>();
    case TableId::kCmpR:
      return Adapter<CmpRAir>();
    case TableId::kBranchEq:
      return Adapter<BranchEqAir>();
    case TableId::kBranchLt:
      return Adapter<BranchLtAir>();
    case TableId::kJal:
      return Adapter<JalAir>();
    case TableId::kJalr:
      return Adapter<JalrAir>();
    case TableId::kLoadW:
      return Adapter<LoadWAir>();
    case TableId::kLoadBh:
      return Adapter<LoadBhAir>();
    case TableId::kStoreW:
      return Adapter<StoreWAir>();
    case TableId::kStoreBh:
      return Adapter<StoreBhAir>();
    case TableId::kMul:
      return Adapter<MulAir>();
    case TableId::kDivRem:
      return Adapter<DivRemAir>();
    case TableId::kHalt:
      return Adapter<HaltAir>();
    case TableId::kWrite:
      return Adapter<WriteAir>();
    case TableId::kKeccakCall:
      return Adapter<KeccakCallAir>();
    case TableId::kCommitRead:
      return Adapter<CommitReadAir>();
    case TableId::kCommit:
      return Adapter<CommitAir>();
    case TableId::kKeccakMem:
      return Adapter<KeccakMemAir>();
    case TableId::kKeccak:
    case TableId::kCount:
      break;
  }
  // Parsing rejects ids >= kCount, so only KECCAK gets here.
  return Adapter<KeccakAir>();
}

}  // namespace zkvm::prover
