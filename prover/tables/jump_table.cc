#include "prover/tables/jump_table.h"

namespace zkvm::prover {
namespace {

void FillJal(const RowInput& in, RowWriter& row, LookupSink* sink) {
  using Col = JalColumns;
  const RoutedRow& routed = *in.routed;
  row.Set(Col::kReal, 1);
  row.Set(Col::kPc, in.step->pc);
  row.Set(Col::kClk, in.clk);
  row.Set(Col::kRd, in.dec.rd);
  row.Set(Col::kC, in.dec.c);
  row.Set(Col::kOldRd, routed.prev_value[0]);
  FillAccess(row, Col::kPRd, Col::kDRd, Timestamp(in.clk, kSlotRd), routed.prev_gap[0], sink);
}

void FillJalr(const RowInput& in, RowWriter& row, LookupSink* sink) {
  using Col = JalrColumns;
  const RoutedRow& routed = *in.routed;
  const uint32_t a = in.step->rs1_value;
  const uint32_t c = in.dec.c;
  const uint32_t sum = a + c;
  row.Set(Col::kReal, 1);
  row.Set(Col::kPc, in.step->pc);
  row.Set(Col::kClk, in.clk);
  row.Set(Col::kRd, in.dec.rd);
  row.Set(Col::kRs1, in.dec.rs1);
  row.Set(Col::kC, c);
  row.Set(Col::kA, a);
  row.Set(Col::kK, sum < a);
  row.Set(Col::kBit0, sum & 1);
  FillAccess(row, Col::kPRs1, Col::kDRs1, Timestamp(in.clk, kSlotRs1), routed.prev_gap[0], sink);
  row.Set(Col::kOldRd, routed.prev_value[1]);
  FillAccess(row, Col::kPRd, Col::kDRd, Timestamp(in.clk, kSlotRd), routed.prev_gap[1], sink);
}

}  // namespace

const VmTable& JalTable() {
  static const VmTableOf<JalAir, FillJal, Accesses::kRd> table;
  return table;
}

const VmTable& JalrTable() {
  static const VmTableOf<JalrAir, FillJalr, Accesses::kRs1Rd> table;
  return table;
}

}  // namespace zkvm::prover
