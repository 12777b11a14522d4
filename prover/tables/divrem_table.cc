#include "prover/tables/divrem_table.h"

namespace zkvm::prover {
namespace {

// The RV32M quotient and remainder of a by b (docs/executor.md).
void DivRem(uint32_t a, uint32_t b, bool is_signed, uint32_t* q, uint32_t* r) {
  if (b == 0) {
    *q = 0xFFFF'FFFFu;
    *r = a;
  } else if (!is_signed) {
    *q = a / b;
    *r = a % b;
  } else if (a == 0x8000'0000u && b == 0xFFFF'FFFFu) {
    *q = a;
    *r = 0;
  } else {
    const auto sa = static_cast<int32_t>(a), sb = static_cast<int32_t>(b);
    *q = static_cast<uint32_t>(sa / sb);
    *r = static_cast<uint32_t>(sa % sb);
  }
}

// |x| for the signed reading when `is_signed`, else x.
uint64_t Magnitude(uint32_t x, bool is_signed) {
  if (is_signed && (x >> 31) != 0) return kTwo32 - x;
  return x;
}

void FillDivRem(const RowInput& in, RowWriter& row, LookupSink* sink) {
  using Col = DivRemColumns;
  const executor::StepRecord& s = *in.step;
  const RoutedRow& routed = *in.routed;
  const Uop uop = in.dec.uop;
  const bool is_signed = uop == Uop::kDiv || uop == Uop::kRem;
  const bool wants_q = uop == Uop::kDiv || uop == Uop::kDivu;
  const uint32_t a = s.rs1_value;
  const uint32_t b = s.rs2_value;
  uint32_t q = 0, r = 0;
  DivRem(a, b, is_signed, &q, &r);
  const uint32_t res = wants_q ? q : r;
  const bool ovf = is_signed && a == 0x8000'0000u && b == 0xFFFF'FFFFu;

  // The carry k of the low part (C1): b0 q0 + 2^16 (b0 q1 + b1 q0) + r - a = 2^32 k.
  const int64_t b0 = b & 0xFFFF, b1 = b >> 16, q0 = q & 0xFFFF, q1 = q >> 16;
  const int64_t low = b0 * q0 + (b0 * q1 + b1 * q0) * static_cast<int64_t>(kTwo16) +
                      static_cast<int64_t>(r) - static_cast<int64_t>(a);
  const int64_t k = low / static_cast<int64_t>(kTwo32);  // exact
  const auto k1 = static_cast<uint64_t>(k + 1);

  // |B| - |R| - 1 (a field element; range checked only when b != 0).
  const Felt d =
      Felt::FromU64(Magnitude(b, is_signed)) - Felt::FromU64(Magnitude(r, is_signed)) - Felt::One();

  row.Set(Col::kFDiv, uop == Uop::kDiv);
  row.Set(Col::kFDivu, uop == Uop::kDivu);
  row.Set(Col::kFRem, uop == Uop::kRem);
  row.Set(Col::kFRemu, uop == Uop::kRemu);
  row.Set(Col::kPc, s.pc);
  row.Set(Col::kClk, in.clk);
  row.Set(Col::kRd, in.dec.rd);
  row.Set(Col::kRs1, in.dec.rs1);
  row.Set(Col::kRs2, in.dec.rs2);
  const uint32_t values[4] = {a, b, q, r};
  const size_t limb_cols[4] = {Col::kA0, Col::kB0, Col::kQ0, Col::kR0};
  for (size_t i = 0; i < 4; ++i) {
    row.Set(limb_cols[i], values[i] & 0xFFFF);
    row.Set(limb_cols[i] + 1, (values[i] >> 16) & 0x7FFF);
    row.Set(limb_cols[i] + 2, values[i] >> 31);
  }
  row.Set(Col::kK0, k1 & 0xFFFF);
  row.Set(Col::kKh, k1 >> 16);
  row.Set(Col::kOvf, ovf);
  row.SetFelt(Col::kInv, b == 0 ? Felt::Zero() : Felt::FromU64(b).Inverse());
  if (b != 0) {
    row.Set(Col::kD0, d.value() & 0xFFFF);
    row.Set(Col::kD1, d.value() >> 16);
  } else {
    row.SetFelt(Col::kD0, d);
  }
  row.Set(Col::kRes, res);
  FillAccess(row, Col::kPRs1, Col::kDRs1, Timestamp(in.clk, kSlotRs1), routed.prev_gap[0], sink);
  FillAccess(row, Col::kPRs2, Col::kDRs2, Timestamp(in.clk, kSlotRs2), routed.prev_gap[1], sink);
  row.Set(Col::kOldRd, routed.prev_value[2]);
  FillAccess(row, Col::kPRd, Col::kDRd, Timestamp(in.clk, kSlotRd), routed.prev_gap[2], sink);
  for (uint32_t v : values) {
    AddR16(sink, v & 0xFFFF);
    AddR16Bits(sink, (v >> 16) & 0x7FFF, 15);
    AddR16(sink, v >> 16);
  }
  AddR16(sink, static_cast<uint32_t>(k1 & 0xFFFF));
  if (b != 0) {
    AddR16(sink, static_cast<uint32_t>(d.value() & 0xFFFF));
    AddR16(sink, static_cast<uint32_t>(d.value() >> 16));
  }
}

}  // namespace

const VmTable& DivRemTable() {
  static const VmTableOf<DivRemAir, FillDivRem, Accesses::kRs1Rs2Rd> table;
  return table;
}

}  // namespace zkvm::prover
