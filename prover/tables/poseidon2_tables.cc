#include "prover/tables/poseidon2_tables.h"

#include <cstring>

#include "base/check.h"

namespace zkvm::prover {
namespace {

static_assert(Poseidon2MemAir::kCount == 39);
static_assert(poseidon2_cols::kCount == 260);

// The canonicity witness of the element (lo, hi) (poseidon2_airs.h): 1 / z with
// z = hi - 0xFFFF_FFFF, or 0 when z = 0.
Felt CanonicalWitness(uint32_t hi) {
  const Felt z = Felt::FromU64(hi) - Felt::FromU64(0xFFFF'FFFF);
  return z == Felt::Zero() ? Felt::Zero() : z.Inverse();
}

void FillPoseidon2Row(const RowInput& in, RowWriter& row, LookupSink* sink) {
  using namespace poseidon2_cols;
  const RoutedRow& r = *in.routed;
  const uint32_t x = in.step->rs2_value;
  // Routing only admits calls the executor accepted: x is 8-aligned and in range, the input
  // elements canonical.
  const uint32_t lo = x / 8 - static_cast<uint32_t>(kPoseidon2MinQ);
  const uint32_t hi = static_cast<uint32_t>(kPoseidon2MaxQ) - x / 8;
  row.Set(kReal, 1);
  row.Set(kPc, in.step->pc);
  row.Set(kClk, in.clk);
  row.Set(kX, x);
  row.Set(kL0, lo & 0xFFFF);
  row.Set(kL1, lo >> 16);
  row.Set(kH0, hi & 0xFFFF);
  row.Set(kH1, hi >> 16);
  FillAccess(row, kPA7, kDA7, Timestamp(in.clk, kSlotRs1), r.prev_gap[0], sink);
  FillAccess(row, kPA0, kDA0, Timestamp(in.clk, kSlotRs2), r.prev_gap[1], sink);
  for (uint32_t v : {lo & 0xFFFF, lo >> 16, hi & 0xFFFF, hi >> 16}) AddR16(sink, v);
  ZKVM_CHECK(in.syscall_data != nullptr, "a POSEIDON2 row needs the call's data");
  std::array<Felt, kPoseidon2Width> state;
  for (size_t i = 0; i < kPoseidon2Width; ++i) {
    uint64_t v;
    std::memcpy(&v, in.syscall_data + 8 * i, 8);
    state[i] = Felt::FromU64(v);
  }
  FillPoseidon2Permutation(state, row);
}

}  // namespace

const VmTable& Poseidon2Table() {
  static const VmTableOf<Poseidon2Air, FillPoseidon2Row, Accesses::kPoseidon2> table;
  return table;
}

std::array<Felt, kPoseidon2Width> FillPoseidon2Permutation(
    const std::array<Felt, kPoseidon2Width>& in, RowWriter& row) {
  for (size_t i = 0; i < kPoseidon2Width; ++i) row.SetFelt(poseidon2_cols::kIn + i, in[i]);
  // The AIR's own round schedule, evaluated on values: each S-box writes its y and s columns.
  size_t n = 0;
  auto s_of = [&](size_t k) { return row.Get(Poseidon2SboxColumn(k, 1)); };
  std::array<Felt, kPoseidon2Width> out;
  Poseidon2Rounds(
      in.data(), Felt::One(), [](uint64_t c) { return Felt::FromCanonical(c); },
      [&](size_t k) { return row.Get(Poseidon2SboxColumn(k, 0)); }, s_of,
      [&](Felt u, Felt, Felt) {
        const Felt y = u * u * u;
        row.SetFelt(Poseidon2SboxColumn(n, 0), y);
        row.SetFelt(Poseidon2SboxColumn(n, 1), u * y * y);
        ++n;
      },
      out.data());
  return out;
}

void FillPoseidon2Mem(const Poseidon2CallRecord& call, size_t group, RowWriter& row,
                      LookupSink* sink) {
  using Col = Poseidon2MemAir::Col;
  const size_t j0 = kPoseidon2GroupWords * group;
  row.Set(Col::kReal, 1);
  row.Set(Col::kClk, call.clk);
  row.Set(Col::kW, call.ptr + j0);
  for (size_t k = 0; k < kPoseidon2GroupWords; ++k) {
    const uint32_t after = call.after[j0 + k];
    row.Set(Col::kOld + k, call.before[j0 + k]);
    row.Set(Col::kNew + 2 * k, after & 0xFFFF);
    row.Set(Col::kNew + 2 * k + 1, after >> 16);
    AddR16(sink, after & 0xFFFF);
    AddR16(sink, after >> 16);
    FillAccess(row, Col::kP + k, Col::kD + k, Timestamp(call.clk, kSlotRam), call.gap[j0 + k],
               sink);
  }
  for (size_t j = 0; j < kPoseidon2GroupElements; ++j) {
    row.SetFelt(Col::kVi + j, CanonicalWitness(call.before[j0 + 2 * j + 1]));
    row.SetFelt(Col::kVo + j, CanonicalWitness(call.after[j0 + 2 * j + 1]));
  }
}

}  // namespace zkvm::prover
