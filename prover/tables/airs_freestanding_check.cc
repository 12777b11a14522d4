// Compiled for rv32im, freestanding, by the vm_airs_rv32_compile test: every VM table's AIR
// (the *_air.h / *_airs.h headers) builds without heap, exceptions, RTTI or the standard
// library, behind the verifier's AirAdapter, as the recursion guest needs them.
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
#include "stark/verifier/stark_air.h"

namespace {

using namespace zkvm::prover;

template <typename A>
bool Fold(const zkvm::stark::AirPointValues& values, const zkvm::stark::AirChallenges& c,
          zkvm::stark::Ext3* out) {
  static const A air;
  static const zkvm::stark::AirAdapter<A> adapter(air);
  return adapter.valid() && adapter.FoldConstraints(values, c, out);
}

}  // namespace

bool FoldEveryVmAir(const zkvm::stark::AirPointValues& v, const zkvm::stark::AirChallenges& c,
                    zkvm::stark::Ext3* out) {
  bool ok = true;
  ok &= Fold<DecodeAir>(v, c, out) && Fold<RegisterAir>(v, c, out) && Fold<PageElfAir>(v, c, out);
  ok &= Fold<ByteAir>(v, c, out) && Fold<PowAir>(v, c, out) && Fold<KeccakRcAir>(v, c, out);
  ok &= Fold<PageZeroAir>(v, c, out) && Fold<PageInputAir>(v, c, out);
  ok &= Fold<NopAir>(v, c, out) && Fold<ConstAir>(v, c, out);
  ok &= Fold<AddIAir>(v, c, out) && Fold<AddRAir>(v, c, out);
  ok &= Fold<BitIAir>(v, c, out) && Fold<BitRAir>(v, c, out);
  ok &= Fold<ShiftIAir>(v, c, out) && Fold<ShiftRAir>(v, c, out);
  ok &= Fold<CmpIAir>(v, c, out) && Fold<CmpRAir>(v, c, out);
  ok &= Fold<BranchEqAir>(v, c, out) && Fold<BranchLtAir>(v, c, out);
  ok &= Fold<JalAir>(v, c, out) && Fold<JalrAir>(v, c, out);
  ok &= Fold<LoadWAir>(v, c, out) && Fold<LoadBhAir>(v, c, out);
  ok &= Fold<StoreWAir>(v, c, out) && Fold<StoreBhAir>(v, c, out);
  ok &= Fold<MulAir>(v, c, out) && Fold<DivRemAir>(v, c, out);
  ok &= Fold<HaltAir>(v, c, out) && Fold<WriteAir>(v, c, out) && Fold<KeccakCallAir>(v, c, out);
  ok &= Fold<CommitReadAir>(v, c, out) && Fold<CommitAir>(v, c, out);
  ok &= Fold<KeccakMemAir>(v, c, out) && Fold<KeccakAir>(v, c, out);
  return ok;
}
