#include "prover/tables/load_table.h"

namespace zkvm::prover {
namespace {

void FillLoadWRow(const RowInput& in, RowWriter& row, LookupSink* sink) {
  FillLoadW(in, in.rom, row, sink);
}

void FillLoadBhRow(const RowInput& in, RowWriter& row, LookupSink* sink) {
  FillLoadBh(in, in.rom, row, sink);
}

}  // namespace

void FillLoadW(const RowInput& in, bool rom, RowWriter& row, LookupSink* sink) {
  using Col = LoadWColumns;
  const executor::StepRecord& s = *in.step;
  const RoutedRow& routed = *in.routed;
  row.Set(Col::kReal, 1);
  row.Set(Col::kPc, s.pc);
  row.Set(Col::kClk, in.clk);
  row.Set(Col::kRd, in.dec.rd);
  row.Set(Col::kRs1, in.dec.rs1);
  row.Set(Col::kC, in.dec.c);
  row.Set(Col::kA, s.rs1_value);
  row.Set(Col::kK, AddressCarry(s.rs1_value, in.dec.c));
  row.Set(Col::kRo, rom);
  row.Set(Col::kV, s.mem_before);
  FillAccess(row, Col::kPRs1, Col::kDRs1, Timestamp(in.clk, kSlotRs1), routed.prev_gap[0], sink);
  FillAccess(row, Col::kPMem, Col::kDMem, Timestamp(in.clk, kSlotRam), routed.prev_gap[1], sink);
  row.Set(Col::kOldRd, routed.prev_value[2]);
  FillAccess(row, Col::kPRd, Col::kDRd, Timestamp(in.clk, kSlotRd), routed.prev_gap[2], sink);
}

void FillLoadBh(const RowInput& in, bool rom, RowWriter& row, LookupSink* sink) {
  using Col = LoadBhColumns;
  const executor::StepRecord& s = *in.step;
  const RoutedRow& routed = *in.routed;
  const Uop uop = in.dec.uop;
  const bool half = uop == Uop::kLh || uop == Uop::kLhu;
  const bool is_signed = uop == Uop::kLb || uop == Uop::kLh;
  const uint32_t word = s.mem_before;
  const uint32_t o = s.mem_addr & 3;
  // The top byte of the loaded value: byte o, or byte o + 1 of a (2-aligned) half.
  const uint32_t top = (word >> (8 * (o + (half ? 1 : 0)))) & 0xFF;
  const uint32_t sg = is_signed ? top >> 7 : 0;
  const uint32_t r = LoadResult(uop, s.mem_addr, word);
  row.Set(Col::kFLb, uop == Uop::kLb);
  row.Set(Col::kFLh, uop == Uop::kLh);
  row.Set(Col::kFLbu, uop == Uop::kLbu);
  row.Set(Col::kFLhu, uop == Uop::kLhu);
  row.Set(Col::kPc, s.pc);
  row.Set(Col::kClk, in.clk);
  row.Set(Col::kRd, in.dec.rd);
  row.Set(Col::kRs1, in.dec.rs1);
  row.Set(Col::kC, in.dec.c);
  row.Set(Col::kA, s.rs1_value);
  row.Set(Col::kK, AddressCarry(s.rs1_value, in.dec.c));
  row.Set(Col::kRo, rom);
  row.Set(Col::kO0, o & 1);
  row.Set(Col::kO1, o >> 1);
  const uint32_t v[4] = {word & 0xFF, (word >> 8) & 0xFF, (word >> 16) & 0xFF, word >> 24};
  for (size_t i = 0; i < 4; ++i) row.Set(Col::kV0 + i, v[i]);
  row.Set(Col::kT, top);
  row.Set(Col::kSg, sg);
  row.Set(Col::kR, r);
  FillAccess(row, Col::kPRs1, Col::kDRs1, Timestamp(in.clk, kSlotRs1), routed.prev_gap[0], sink);
  FillAccess(row, Col::kPMem, Col::kDMem, Timestamp(in.clk, kSlotRam), routed.prev_gap[1], sink);
  row.Set(Col::kOldRd, routed.prev_value[2]);
  FillAccess(row, Col::kPRd, Col::kDRd, Timestamp(in.clk, kSlotRd), routed.prev_gap[2], sink);
  AddPair(sink, v[0], v[1]);
  AddPair(sink, v[2], v[3]);
  if (is_signed && sink != nullptr) sink->Byte(ByteLookup::Msb(top));
}

const VmTable& LoadWTable() {
  static const VmTableOf<LoadWAir, FillLoadWRow, Accesses::kLoad> table;
  return table;
}

const VmTable& LoadBhTable() {
  static const VmTableOf<LoadBhAir, FillLoadBhRow, Accesses::kLoad> table;
  return table;
}

}  // namespace zkvm::prover
