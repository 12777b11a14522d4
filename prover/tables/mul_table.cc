#include "prover/tables/mul_table.h"

namespace zkvm::prover {
namespace {

void FillMul(const RowInput& in, RowWriter& row, LookupSink* sink) {
  using Col = MulColumns;
  const executor::StepRecord& s = *in.step;
  const RoutedRow& routed = *in.routed;
  const Uop uop = in.dec.uop;
  const uint32_t a = s.rs1_value;
  const uint32_t b = s.rs2_value;
  const uint32_t a0 = a & 0xFFFF, a1 = a >> 16, b0 = b & 0xFFFF, b1 = b >> 16;
  const uint32_t sa = a >> 31, sb = b >> 31;

  // The unsigned product, its low word, the carry out of the low word, and the high word the
  // op asks for (the unsigned one minus the signed corrections, mod 2^32).
  const uint64_t product = uint64_t{a} * b;
  const auto lo = static_cast<uint32_t>(product);
  const uint64_t mid = uint64_t{a0} * b0 + (uint64_t{a0} * b1 + uint64_t{a1} * b0) * kTwo16;
  const uint64_t carry = mid >> 32;
  const auto hu = static_cast<uint32_t>(product >> 32);
  uint64_t correction = 0;
  if (uop == Uop::kMulh || uop == Uop::kMulhsu) correction += uint64_t{sa} * b;
  if (uop == Uop::kMulh) correction += uint64_t{sb} * a;
  const uint64_t wrap = (correction + kTwo32 - 1 - hu) >> 32;  // ceil((correction - hu) / 2^32)
  const auto hi = static_cast<uint32_t>(hu + wrap * kTwo32 - correction);

  const bool is_mul = uop == Uop::kMul;
  const uint32_t r = is_mul ? lo : hi;
  const uint32_t x = is_mul ? hi : lo;
  row.Set(Col::kFMul, is_mul);
  row.Set(Col::kFMulh, uop == Uop::kMulh);
  row.Set(Col::kFMulhsu, uop == Uop::kMulhsu);
  row.Set(Col::kFMulhu, uop == Uop::kMulhu);
  row.Set(Col::kPc, s.pc);
  row.Set(Col::kClk, in.clk);
  row.Set(Col::kRd, in.dec.rd);
  row.Set(Col::kRs1, in.dec.rs1);
  row.Set(Col::kRs2, in.dec.rs2);
  row.Set(Col::kA0, a0);
  row.Set(Col::kA1l, a1 & 0x7FFF);
  row.Set(Col::kSa, sa);
  row.Set(Col::kB0, b0);
  row.Set(Col::kB1l, b1 & 0x7FFF);
  row.Set(Col::kSb, sb);
  row.Set(Col::kR0, r & 0xFFFF);
  row.Set(Col::kR1, r >> 16);
  row.Set(Col::kX0, x & 0xFFFF);
  row.Set(Col::kX1, x >> 16);
  row.Set(Col::kC1, carry & 0xFFFF);
  row.Set(Col::kC1h, carry >> 16);
  row.Set(Col::kM, wrap);
  FillAccess(row, Col::kPRs1, Col::kDRs1, Timestamp(in.clk, kSlotRs1), routed.prev_gap[0], sink);
  FillAccess(row, Col::kPRs2, Col::kDRs2, Timestamp(in.clk, kSlotRs2), routed.prev_gap[1], sink);
  row.Set(Col::kOldRd, routed.prev_value[2]);
  FillAccess(row, Col::kPRd, Col::kDRd, Timestamp(in.clk, kSlotRd), routed.prev_gap[2], sink);
  AddR16(sink, a0);
  AddR16Bits(sink, a1 & 0x7FFF, 15);
  AddR16(sink, a1);
  AddR16(sink, b0);
  AddR16Bits(sink, b1 & 0x7FFF, 15);
  AddR16(sink, b1);
  AddR16(sink, r & 0xFFFF);
  AddR16(sink, r >> 16);
  AddR16(sink, x & 0xFFFF);
  AddR16(sink, x >> 16);
  AddR16(sink, static_cast<uint32_t>(carry & 0xFFFF));
}

}  // namespace

const VmTable& MulTable() {
  static const VmTableOf<MulAir, FillMul, Accesses::kRs1Rs2Rd> table;
  return table;
}

}  // namespace zkvm::prover
