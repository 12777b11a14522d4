#include "prover/tables/nop_const_table.h"

namespace zkvm::prover {
namespace {

void FillNop(const RowInput& in, RowWriter& row, LookupSink* /*sink*/) {
  using Col = NopColumns;
  row.Set(Col::kReal, 1);
  row.Set(Col::kPc, in.step->pc);
  row.Set(Col::kClk, in.clk);
  row.Set(Col::kC, in.dec.c);
}

void FillConst(const RowInput& in, RowWriter& row, LookupSink* sink) {
  using Col = ConstColumns;
  const RoutedRow& routed = *in.routed;
  row.Set(Col::kReal, 1);
  row.Set(Col::kPc, in.step->pc);
  row.Set(Col::kClk, in.clk);
  row.Set(Col::kRd, in.dec.rd);
  row.Set(Col::kC, in.dec.c);
  row.Set(Col::kOldRd, routed.prev_value[0]);
  FillAccess(row, Col::kPRd, Col::kDRd, Timestamp(in.clk, kSlotRd), routed.prev_gap[0], sink);
}

}  // namespace

const VmTable& NopTable() {
  static const VmTableOf<NopAir, FillNop, Accesses::kNone> table;
  return table;
}

const VmTable& ConstTable() {
  static const VmTableOf<ConstAir, FillConst, Accesses::kRd> table;
  return table;
}

}  // namespace zkvm::prover
