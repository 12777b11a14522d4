#include "prover/tables/add_table.h"

namespace zkvm::prover {
namespace {

template <bool kRegisterForm>
void FillAdd(const RowInput& in, RowWriter& row, LookupSink* sink) {
  using Col = AddColumns<kRegisterForm>;
  const executor::StepRecord& s = *in.step;
  const RoutedRow& routed = *in.routed;
  const uint32_t a = s.rs1_value;
  const uint32_t b = kRegisterForm ? s.rs2_value : in.dec.c;
  const bool sub = in.dec.uop == Uop::kSub;
  const uint32_t r = sub ? a - b : a + b;
  const bool k = sub ? a < b : r < a;
  row.Set(Col::kReal, 1);
  if constexpr (kRegisterForm) {
    row.Set(Col::kFSub, sub);
    row.Set(Col::kB, b);
  }
  row.Set(Col::kPc, s.pc);
  row.Set(Col::kClk, in.clk);
  row.Set(Col::kRd, in.dec.rd);
  row.Set(Col::kRs1, in.dec.rs1);
  row.Set(Col::kRs2OrC, kRegisterForm ? in.dec.rs2 : in.dec.c);
  row.Set(Col::kA, a);
  row.Set(Col::kK, k);
  row.Set(Col::kR0, r & 0xFFFF);
  row.Set(Col::kR1, r >> 16);
  size_t i = 0;
  FillAccess(row, Col::kPRs1, Col::kDRs1, Timestamp(in.clk, kSlotRs1), routed.prev_gap[i++], sink);
  if constexpr (kRegisterForm) {
    FillAccess(row, Col::kPRs2, Col::kDRs2, Timestamp(in.clk, kSlotRs2), routed.prev_gap[i++],
               sink);
  }
  row.Set(Col::kOldRd, routed.prev_value[i]);
  FillAccess(row, Col::kPRd, Col::kDRd, Timestamp(in.clk, kSlotRd), routed.prev_gap[i], sink);
  AddR16(sink, r & 0xFFFF);
  AddR16(sink, r >> 16);
}

}  // namespace

const VmTable& AddITable() {
  static const VmTableOf<AddIAir, FillAdd<false>, Accesses::kRs1Rd> table;
  return table;
}

const VmTable& AddRTable() {
  static const VmTableOf<AddRAir, FillAdd<true>, Accesses::kRs1Rs2Rd> table;
  return table;
}

}  // namespace zkvm::prover
