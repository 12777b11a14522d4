#include "prover/tables/cmp_table.h"

namespace zkvm::prover {
namespace {

// Writes x = 2^31 s + 2^15 q1 + q0 into the columns s, s + 1 (q0), s + 2 (q1) and reports the
// limbs' lookups R16(2 q0), R16(q1).
void FillSplit(RowWriter& row, size_t s, uint32_t x, LookupSink* sink) {
  const uint32_t q0 = x & 0x7FFF, q1 = (x >> 15) & 0xFFFF;
  row.Set(s, x >> 31);
  row.Set(s + 1, q0);
  row.Set(s + 2, q1);
  AddR16Bits(sink, q0, 15);
  AddR16(sink, q1);
}

template <bool kRegisterForm>
void FillCmp(const RowInput& in, RowWriter& row, LookupSink* sink) {
  using Col = CmpColumns<kRegisterForm>;
  const executor::StepRecord& s = *in.step;
  const RoutedRow& routed = *in.routed;
  const bool is_slt = in.dec.uop == Uop::kSlt || in.dec.uop == Uop::kSlti;
  const uint32_t flip = is_slt ? 0x8000'0000u : 0;
  const uint32_t a = s.rs1_value;
  // The compared values (DECODE's c is already flipped for slti).
  const uint32_t a_cmp = a ^ flip;
  const uint32_t b_cmp = kRegisterForm ? s.rs2_value ^ flip : in.dec.c;
  const bool lt = a_cmp < b_cmp;
  const uint32_t d = a_cmp - b_cmp;  // a' - b' + 2^32 lt
  row.Set(Col::kFSlt, is_slt);
  row.Set(Col::kFSltu, !is_slt);
  row.Set(Col::kPc, s.pc);
  row.Set(Col::kClk, in.clk);
  row.Set(Col::kRd, in.dec.rd);
  row.Set(Col::kRs1, in.dec.rs1);
  row.Set(Col::kRs2OrC, kRegisterForm ? in.dec.rs2 : in.dec.c);
  FillSplit(row, Col::kSa, a, sink);
  if constexpr (kRegisterForm) FillSplit(row, Col::kSb, s.rs2_value, sink);
  row.Set(Col::kLt, lt);
  row.Set(Col::kD0, d & 0xFFFF);
  row.Set(Col::kD1, d >> 16);
  AddR16(sink, d & 0xFFFF);
  AddR16(sink, d >> 16);
  size_t k = 0;
  FillAccess(row, Col::kPRs1, Col::kDRs1, Timestamp(in.clk, kSlotRs1), routed.prev_gap[k++], sink);
  if constexpr (kRegisterForm) {
    FillAccess(row, Col::kPRs2, Col::kDRs2, Timestamp(in.clk, kSlotRs2), routed.prev_gap[k++],
               sink);
  }
  row.Set(Col::kOldRd, routed.prev_value[k]);
  FillAccess(row, Col::kPRd, Col::kDRd, Timestamp(in.clk, kSlotRd), routed.prev_gap[k], sink);
}

}  // namespace

const VmTable& CmpITable() {
  static const VmTableOf<CmpIAir, FillCmp<false>, Accesses::kRs1Rd> table;
  return table;
}

const VmTable& CmpRTable() {
  static const VmTableOf<CmpRAir, FillCmp<true>, Accesses::kRs1Rs2Rd> table;
  return table;
}

}  // namespace zkvm::prover
