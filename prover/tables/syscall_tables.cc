#include "prover/tables/syscall_tables.h"

#include "syscalls/abi.h"

namespace zkvm::prover {
namespace {

void FillHalt(const RowInput& in, RowWriter& row, LookupSink* sink) {
  using Col = HaltAir::Col;
  const RoutedRow& r = *in.routed;
  row.Set(Col::kReal, 1);
  row.Set(Col::kPc, in.step->pc);
  row.Set(Col::kClk, in.clk);
  row.Set(Col::kX, in.step->rs2_value);
  row.Set(Col::kN, r.prev_value[2]);
  FillAccess(row, Col::kPA7, Col::kDA7, Timestamp(in.clk, kSlotRs1), r.prev_gap[0], sink);
  FillAccess(row, Col::kPA0, Col::kDA0, Timestamp(in.clk, kSlotRs2), r.prev_gap[1], sink);
  FillAccess(row, Col::kPCur, Col::kDCur, Timestamp(in.clk, kSlotRam), r.prev_gap[2], sink);
}

void FillWrite(const RowInput& in, RowWriter& row, LookupSink* sink) {
  using Col = WriteAir::Col;
  const RoutedRow& r = *in.routed;
  const uint32_t fd = in.syscall->args[0], buf = in.syscall->args[1], len = in.syscall->args[2];
  const bool out = fd == abi::kFdPublicOutput;
  row.Set(Col::kReal, 1);
  row.Set(Col::kPc, in.step->pc);
  row.Set(Col::kClk, in.clk);
  row.Set(Col::kOut, out);
  row.Set(Col::kBuf, buf);
  row.Set(Col::kLen, len);
  row.Set(Col::kPos, r.prev_value[3]);
  row.Set(Col::kAdv, out ? len : 0);
  if (len != 0) {
    row.Set(Col::kHas, 1);
    row.SetFelt(Col::kInvLen, Felt::FromU64(len).Inverse());
    const uint32_t lo = buf - 0x1'0000;
    const uint32_t hi = 0xE000'0000u - buf - len;
    row.Set(Col::kBl0, lo & 0xFFFF);
    row.Set(Col::kBl1, lo >> 16);
    row.Set(Col::kEl0, hi & 0xFFFF);
    row.Set(Col::kEl1, hi >> 16);
  }
  FillAccess(row, Col::kPA7, Col::kDA7, Timestamp(in.clk, kSlotRs1), r.prev_gap[0], sink);
  FillAccess(row, Col::kPA1, Col::kDA1, Timestamp(in.clk, kSlotRs1), r.prev_gap[1], sink);
  FillAccess(row, Col::kPA2, Col::kDA2, Timestamp(in.clk, kSlotRs2), r.prev_gap[2], sink);
  FillAccess(row, Col::kPCur, Col::kDCur, Timestamp(in.clk, kSlotRam), r.prev_gap[3], sink);
  FillAccess(row, Col::kPA0, Col::kDA0, Timestamp(in.clk, kSlotRd), r.prev_gap[4], sink);
  if (len != 0) {
    const uint32_t lo = buf - 0x1'0000;
    const uint32_t hi = 0xE000'0000u - buf - len;
    AddR16(sink, lo & 0xFFFF);
    AddR16(sink, lo >> 16);
    AddR16(sink, hi & 0xFFFF);
    AddR16(sink, hi >> 16);
  }
}

}  // namespace

const VmTable& HaltTable() {
  static const VmTableOf<HaltAir, FillHalt, Accesses::kHalt> table;
  return table;
}

const VmTable& WriteTable() {
  static const VmTableOf<WriteAir, FillWrite, Accesses::kWrite> table;
  return table;
}

void FillCommitRead(const CommitWord& word, RowWriter& row, LookupSink* sink) {
  using Col = CommitReadAir::Col;
  row.Set(Col::kReal, 1);
  row.Set(Col::kRo, word.rom);
  row.Set(Col::kClk, word.clk);
  row.Set(Col::kW, word.w);
  for (size_t i = 0; i < 4; ++i) {
    row.Set(Col::kV0 + i, (word.value >> (8 * i)) & 0xFF);
    row.Set(Col::kM0 + i, word.m[i]);
  }
  FillAccess(row, Col::kP, Col::kD, Timestamp(word.clk, kSlotRam), word.gap, sink);
  AddPair(sink, word.value & 0xFF, (word.value >> 8) & 0xFF);
  AddPair(sink, (word.value >> 16) & 0xFF, word.value >> 24);
}

void FillCommit(const CommitByte& byte, RowWriter& row) {
  using Col = CommitAir::Col;
  row.Set(Col::kReal, 1);
  row.Set(Col::kLast, byte.rem == 1);
  row.Set(Col::kClk, byte.clk);
  row.Set(Col::kAddr, byte.addr);
  row.Set(Col::kRem, byte.rem);
  row.Set(Col::kIdx, byte.idx);
  row.Set(Col::kByte, byte.byte);
  if (byte.rem != 1) row.SetFelt(Col::kInv, (Felt::FromU64(byte.rem) - Felt::One()).Inverse());
}

}  // namespace zkvm::prover
