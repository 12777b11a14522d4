#include "prover/tables/bit_table.h"

namespace zkvm::prover {
namespace {

template <bool kRegisterForm>
void FillBit(const RowInput& in, RowWriter& row, LookupSink* sink) {
  using Col = BitColumns<kRegisterForm>;
  const executor::StepRecord& s = *in.step;
  const RoutedRow& routed = *in.routed;
  const uint32_t a = s.rs1_value;
  const uint32_t b = kRegisterForm ? s.rs2_value : in.dec.c;
  const Uop uop = in.dec.uop;
  const bool is_and = uop == Uop::kAnd || uop == Uop::kAndi;
  const bool is_or = uop == Uop::kOr || uop == Uop::kOri;
  const uint32_t r = is_and ? a & b : is_or ? a | b : a ^ b;
  row.Set(Col::kFAnd, is_and);
  row.Set(Col::kFOr, is_or);
  row.Set(Col::kFXor, !is_and && !is_or);
  row.Set(Col::kPc, s.pc);
  row.Set(Col::kClk, in.clk);
  row.Set(Col::kRd, in.dec.rd);
  row.Set(Col::kRs1, in.dec.rs1);
  if constexpr (kRegisterForm) row.Set(Col::kRs2, in.dec.rs2);
  for (size_t i = 0; i < 4; ++i) {
    const uint32_t ai = (a >> (8 * i)) & 0xFF, bi = (b >> (8 * i)) & 0xFF;
    row.Set(Col::kA0 + i, ai);
    row.Set(Col::kB0 + i, bi);
    row.Set(Col::kR0 + i, (r >> (8 * i)) & 0xFF);
    if (sink != nullptr) {
      sink->Byte(is_and  ? ByteLookup::And(ai, bi)
                 : is_or ? ByteLookup::Or(ai, bi)
                         : ByteLookup::Xor(ai, bi));
    }
  }
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

const VmTable& BitITable() {
  static const VmTableOf<BitIAir, FillBit<false>, Accesses::kRs1Rd> table;
  return table;
}

const VmTable& BitRTable() {
  static const VmTableOf<BitRAir, FillBit<true>, Accesses::kRs1Rs2Rd> table;
  return table;
}

}  // namespace zkvm::prover
