#include "prover/tables/store_table.h"

namespace zkvm::prover {
namespace {

void FillStoreW(const RowInput& in, RowWriter& row, LookupSink* sink) {
  using Col = StoreWColumns;
  const executor::StepRecord& s = *in.step;
  const RoutedRow& routed = *in.routed;
  row.Set(Col::kReal, 1);
  row.Set(Col::kPc, s.pc);
  row.Set(Col::kClk, in.clk);
  row.Set(Col::kRs1, in.dec.rs1);
  row.Set(Col::kRs2, in.dec.rs2);
  row.Set(Col::kC, in.dec.c);
  row.Set(Col::kA, s.rs1_value);
  row.Set(Col::kB, s.rs2_value);
  row.Set(Col::kK, AddressCarry(s.rs1_value, in.dec.c));
  FillAccess(row, Col::kPRs1, Col::kDRs1, Timestamp(in.clk, kSlotRs1), routed.prev_gap[0], sink);
  FillAccess(row, Col::kPRs2, Col::kDRs2, Timestamp(in.clk, kSlotRs2), routed.prev_gap[1], sink);
  row.Set(Col::kOld, routed.prev_value[2]);
  FillAccess(row, Col::kPMem, Col::kDMem, Timestamp(in.clk, kSlotRam), routed.prev_gap[2], sink);
}

// The new word is computed from the consumed token's value (routed prev_value, which the
// trace builder checks equals the log's mem_before), so the row stays consistent with the
// token it consumes; with an honest log it equals mem_after.
void FillStoreBh(const RowInput& in, RowWriter& row, LookupSink* sink) {
  using Col = StoreBhColumns;
  const executor::StepRecord& s = *in.step;
  const RoutedRow& routed = *in.routed;
  const bool half = in.dec.uop == Uop::kSh;
  const uint32_t old = routed.prev_value[2];
  const uint32_t b = s.rs2_value;
  const uint32_t o = s.mem_addr & 3;
  const uint32_t mask = (half ? 0xFFFFu : 0xFFu) << (8 * o);
  const uint32_t n = (old & ~mask) | ((b << (8 * o)) & mask);
  const uint32_t sel = (old & mask) >> (8 * o);
  row.Set(Col::kFSb, !half);
  row.Set(Col::kFSh, half);
  row.Set(Col::kPc, s.pc);
  row.Set(Col::kClk, in.clk);
  row.Set(Col::kRs1, in.dec.rs1);
  row.Set(Col::kRs2, in.dec.rs2);
  row.Set(Col::kC, in.dec.c);
  row.Set(Col::kA, s.rs1_value);
  row.Set(Col::kB, b);
  row.Set(Col::kK, AddressCarry(s.rs1_value, in.dec.c));
  row.Set(Col::kO0, o & 1);
  row.Set(Col::kO1, o >> 1);
  const uint32_t v[4] = {old & 0xFF, (old >> 8) & 0xFF, (old >> 16) & 0xFF, old >> 24};
  for (size_t i = 0; i < 4; ++i) row.Set(Col::kV0 + i, v[i]);
  row.Set(Col::kBeta0, b & 0xFF);
  row.Set(Col::kBeta1, (b >> 8) & 0xFF);
  row.Set(Col::kW, uint32_t{1} << (8 * o));
  row.Set(Col::kS, sel);
  row.Set(Col::kN, n);
  FillAccess(row, Col::kPRs1, Col::kDRs1, Timestamp(in.clk, kSlotRs1), routed.prev_gap[0], sink);
  FillAccess(row, Col::kPRs2, Col::kDRs2, Timestamp(in.clk, kSlotRs2), routed.prev_gap[1], sink);
  FillAccess(row, Col::kPMem, Col::kDMem, Timestamp(in.clk, kSlotRam), routed.prev_gap[2], sink);
  AddPair(sink, v[0], v[1]);
  AddPair(sink, v[2], v[3]);
  AddPair(sink, b & 0xFF, (b >> 8) & 0xFF);
  AddR16(sink, b >> 16);
}

}  // namespace

const VmTable& StoreWTable() {
  static const VmTableOf<StoreWAir, FillStoreW, Accesses::kStore> table;
  return table;
}

const VmTable& StoreBhTable() {
  static const VmTableOf<StoreBhAir, FillStoreBh, Accesses::kStore> table;
  return table;
}

}  // namespace zkvm::prover
