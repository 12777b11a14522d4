#include "prover/tables/branch_table.h"

namespace zkvm::prover {
namespace {

// The columns both branch tables share: frame, operands, next pc and the two reads.
template <typename Col>
void FillBranchCommon(const RowInput& in, RowWriter& row, bool taken, LookupSink* sink) {
  const executor::StepRecord& s = *in.step;
  const RoutedRow& routed = *in.routed;
  row.Set(Col::kPc, s.pc);
  row.Set(Col::kClk, in.clk);
  row.Set(Col::kRs1, in.dec.rs1);
  row.Set(Col::kRs2, in.dec.rs2);
  row.Set(Col::kC, in.dec.c);
  row.Set(Col::kA, s.rs1_value);
  row.Set(Col::kB, s.rs2_value);
  row.Set(Col::kNextPc, taken ? in.dec.c : s.pc + 4);
  FillAccess(row, Col::kPRs1, Col::kDRs1, Timestamp(in.clk, kSlotRs1), routed.prev_gap[0], sink);
  FillAccess(row, Col::kPRs2, Col::kDRs2, Timestamp(in.clk, kSlotRs2), routed.prev_gap[1], sink);
}

void FillBranchEq(const RowInput& in, RowWriter& row, LookupSink* sink) {
  using Col = BranchEqColumns;
  const uint32_t a = in.step->rs1_value, b = in.step->rs2_value;
  const bool bne = in.dec.uop == Uop::kBne;
  const bool eq = a == b;
  row.Set(bne ? Col::kFBne : Col::kFBeq, 1);
  row.Set(Col::kEq, eq);
  if (!eq) row.SetFelt(Col::kInv, (Felt::FromU64(a) - Felt::FromU64(b)).Inverse());
  FillBranchCommon<Col>(in, row, eq != bne, sink);
}

void FillBranchLt(const RowInput& in, RowWriter& row, LookupSink* sink) {
  using Col = BranchLtColumns;
  const uint32_t a = in.step->rs1_value, b = in.step->rs2_value;
  const Uop uop = in.dec.uop;
  const bool is_signed = uop == Uop::kBlt || uop == Uop::kBge;
  const bool less_than = uop == Uop::kBlt || uop == Uop::kBltu;
  const uint32_t a_flip = a ^ 0x8000'0000u, b_flip = b ^ 0x8000'0000u;
  const uint32_t a_cmp = is_signed ? a_flip : a, b_cmp = is_signed ? b_flip : b;
  const bool lt = a_cmp < b_cmp;
  const uint32_t d = a_cmp - b_cmp;  // a' - b' + 2^32 lt, mod 2^32
  switch (uop) {
    case Uop::kBlt:
      row.Set(Col::kFBlt, 1);
      break;
    case Uop::kBge:
      row.Set(Col::kFBge, 1);
      break;
    case Uop::kBltu:
      row.Set(Col::kFBltu, 1);
      break;
    default:
      row.Set(Col::kFBgeu, 1);
      break;
  }
  row.Set(Col::kLt, lt);
  row.Set(Col::kD0, d & 0xFFFF);
  row.Set(Col::kD1, d >> 16);
  row.Set(Col::kSa, a >> 31);
  row.Set(Col::kQa0, a & 0xFFFF);
  row.Set(Col::kSb, b >> 31);
  row.Set(Col::kQb0, b & 0xFFFF);
  FillBranchCommon<Col>(in, row, lt == less_than, sink);
  AddR16(sink, d & 0xFFFF);
  AddR16(sink, d >> 16);
  AddR16(sink, a & 0xFFFF);
  AddR16(sink, a_flip >> 16);
  AddR16(sink, b & 0xFFFF);
  AddR16(sink, b_flip >> 16);
}

}  // namespace

const VmTable& BranchEqTable() {
  static const VmTableOf<BranchEqAir, FillBranchEq, Accesses::kRs1Rs2> table;
  return table;
}

const VmTable& BranchLtTable() {
  static const VmTableOf<BranchLtAir, FillBranchLt, Accesses::kRs1Rs2> table;
  return table;
}

}  // namespace zkvm::prover
