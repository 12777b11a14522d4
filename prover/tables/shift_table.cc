#include "prover/tables/shift_table.h"

namespace zkvm::prover {
namespace {

template <bool kRegisterForm>
void FillShift(const RowInput& in, RowWriter& row, LookupSink* sink) {
  using Col = ShiftColumns<kRegisterForm>;
  const executor::StepRecord& st = *in.step;
  const RoutedRow& routed = *in.routed;
  const Uop uop = in.dec.uop;
  const bool sll = uop == Uop::kSlli || uop == Uop::kSll;
  const bool sra = uop == Uop::kSrai || uop == Uop::kSra;
  const uint32_t dir = sll ? 0 : 1;
  const uint32_t a = st.rs1_value;
  const uint32_t b = kRegisterForm ? st.rs2_value : 0;
  const uint32_t s = kRegisterForm ? b & 31 : in.dec.c;
  const PowValues pow = PowOf(s, dir);
  const uint64_t product = uint64_t{a} * pow.p;  // < 2^63
  const auto l = static_cast<uint32_t>(product);
  const auto h = static_cast<uint32_t>(product >> 32);
  const uint32_t sa = a >> 31;
  const uint32_t q0 = a & 0x7FFF;
  const uint32_t q1 = (a >> 15) & 0xFFFF;
  uint32_t r = 0;
  if (sll) {
    r = a << s;
  } else if (sra) {
    r = static_cast<uint32_t>(static_cast<int32_t>(a) >> s);
  } else {
    r = a >> s;
  }
  row.Set(Col::kFSll, sll);
  row.Set(Col::kFSrl, !sll && !sra);
  row.Set(Col::kFSra, sra);
  row.Set(Col::kPc, st.pc);
  row.Set(Col::kClk, in.clk);
  row.Set(Col::kRd, in.dec.rd);
  row.Set(Col::kRs1, in.dec.rs1);
  row.Set(Col::kS, s);
  row.Set(Col::kA, a);
  if constexpr (kRegisterForm) {
    row.Set(Col::kRs2, in.dec.rs2);
    row.Set(Col::kB, b);
    row.Set(Col::kT0, (b >> 5) & 0xFFFF);
  }
  row.Set(Col::kP, pow.p);
  row.Set(Col::kF, pow.f);
  row.Set(Col::kZ, pow.z);
  row.Set(Col::kSa, sa);
  row.Set(Col::kQ0, q0);
  row.Set(Col::kL0, l & 0xFFFF);
  row.Set(Col::kL1, l >> 16);
  row.Set(Col::kH0, h & 0xFFFF);
  row.Set(Col::kH1, h >> 16);
  row.Set(Col::kR, r);
  size_t i = 0;
  FillAccess(row, Col::kPRs1, Col::kDRs1, Timestamp(in.clk, kSlotRs1), routed.prev_gap[i++], sink);
  if constexpr (kRegisterForm) {
    FillAccess(row, Col::kPRs2, Col::kDRs2, Timestamp(in.clk, kSlotRs2), routed.prev_gap[i++],
               sink);
    AddR16(sink, (b >> 5) & 0xFFFF);
    AddR16(sink, 32 * (b >> 21));
  }
  row.Set(Col::kOldRd, routed.prev_value[i]);
  FillAccess(row, Col::kPRd, Col::kDRd, Timestamp(in.clk, kSlotRd), routed.prev_gap[i], sink);
  if (sink != nullptr) sink->Pow(s, dir);
  AddR16(sink, l & 0xFFFF);
  AddR16(sink, l >> 16);
  AddR16(sink, h & 0xFFFF);
  AddR16(sink, 2 * (h >> 16));
  AddR16(sink, 2 * q0);
  AddR16(sink, q1);
}

}  // namespace

const VmTable& ShiftITable() {
  static const VmTableOf<ShiftIAir, FillShift<false>, Accesses::kRs1Rd> table;
  return table;
}

const VmTable& ShiftRTable() {
  static const VmTableOf<ShiftRAir, FillShift<true>, Accesses::kRs1Rs2Rd> table;
  return table;
}

}  // namespace zkvm::prover
