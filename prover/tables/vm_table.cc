#include "prover/tables/vm_table.h"

#include "syscalls/abi.h"

namespace zkvm::prover {

const char* TableName(TableId t) {
  switch (t) {
    case TableId::kDecode:
      return "decode";
    case TableId::kRegister:
      return "register";
    case TableId::kPageElf:
      return "page_elf";
    case TableId::kByte:
      return "byte";
    case TableId::kPow:
      return "pow";
    case TableId::kKeccakRc:
      return "keccak_rc";
    case TableId::kPageZero:
      return "page_zero";
    case TableId::kPageInput:
      return "page_input";
    case TableId::kNop:
      return "nop";
    case TableId::kConst:
      return "const";
    case TableId::kAddI:
      return "add_i";
    case TableId::kAddR:
      return "add_r";
    case TableId::kBitI:
      return "bit_i";
    case TableId::kBitR:
      return "bit_r";
    case TableId::kShiftI:
      return "shift_i";
    case TableId::kShiftR:
      return "shift_r";
    case TableId::kCmpI:
      return "cmp_i";
    case TableId::kCmpR:
      return "cmp_r";
    case TableId::kBranchEq:
      return "branch_eq";
    case TableId::kBranchLt:
      return "branch_lt";
    case TableId::kJal:
      return "jal";
    case TableId::kJalr:
      return "jalr";
    case TableId::kLoadW:
      return "load_w";
    case TableId::kLoadBh:
      return "load_bh";
    case TableId::kStoreW:
      return "store_w";
    case TableId::kStoreBh:
      return "store_bh";
    case TableId::kMul:
      return "mul";
    case TableId::kDivRem:
      return "divrem";
    case TableId::kHalt:
      return "halt";
    case TableId::kWrite:
      return "write";
    case TableId::kKeccakCall:
      return "keccak_call";
    case TableId::kCommitRead:
      return "commit_read";
    case TableId::kCommit:
      return "commit";
    case TableId::kKeccakMem:
      return "keccak_mem";
    case TableId::kKeccak:
      return "keccak";
    case TableId::kCount:
      break;
  }
  return "?";
}

TableId TableOf(Uop uop, uint32_t a7) {
  switch (uop) {
    case Uop::kNop:
      return TableId::kNop;
    case Uop::kConst:
      return TableId::kConst;
    case Uop::kAddi:
      return TableId::kAddI;
    case Uop::kAdd:
    case Uop::kSub:
      return TableId::kAddR;
    case Uop::kXori:
    case Uop::kOri:
    case Uop::kAndi:
      return TableId::kBitI;
    case Uop::kXor:
    case Uop::kOr:
    case Uop::kAnd:
      return TableId::kBitR;
    case Uop::kSlli:
    case Uop::kSrli:
    case Uop::kSrai:
      return TableId::kShiftI;
    case Uop::kSll:
    case Uop::kSrl:
    case Uop::kSra:
      return TableId::kShiftR;
    case Uop::kSlti:
    case Uop::kSltiu:
      return TableId::kCmpI;
    case Uop::kSlt:
    case Uop::kSltu:
      return TableId::kCmpR;
    case Uop::kBeq:
    case Uop::kBne:
      return TableId::kBranchEq;
    case Uop::kBlt:
    case Uop::kBge:
    case Uop::kBltu:
    case Uop::kBgeu:
      return TableId::kBranchLt;
    case Uop::kJal:
      return TableId::kJal;
    case Uop::kJalr:
      return TableId::kJalr;
    case Uop::kLw:
      return TableId::kLoadW;
    case Uop::kLb:
    case Uop::kLh:
    case Uop::kLbu:
    case Uop::kLhu:
      return TableId::kLoadBh;
    case Uop::kSw:
      return TableId::kStoreW;
    case Uop::kSb:
    case Uop::kSh:
      return TableId::kStoreBh;
    case Uop::kMul:
    case Uop::kMulh:
    case Uop::kMulhsu:
    case Uop::kMulhu:
      return TableId::kMul;
    case Uop::kDiv:
    case Uop::kDivu:
    case Uop::kRem:
    case Uop::kRemu:
      return TableId::kDivRem;
    case Uop::kEcall:
      if (a7 == abi::kSysHalt) return TableId::kHalt;
      if (a7 == abi::kSysWrite) return TableId::kWrite;
      if (a7 == abi::kSysKeccakF1600) return TableId::kKeccakCall;
      return TableId::kCount;
    case Uop::kIllegal:
      break;
  }
  return TableId::kCount;
}

uint32_t LoadResult(Uop uop, uint32_t addr, uint32_t word) {
  const uint32_t shift = 8 * (addr & 3);
  switch (uop) {
    case Uop::kLb:
      return static_cast<uint32_t>(static_cast<int32_t>(static_cast<int8_t>(word >> shift)));
    case Uop::kLbu:
      return (word >> shift) & 0xFF;
    case Uop::kLh:
      return static_cast<uint32_t>(static_cast<int32_t>(static_cast<int16_t>(word >> shift)));
    case Uop::kLhu:
      return (word >> shift) & 0xFFFF;
    default:
      return word;
  }
}

uint32_t RdValue(const DecodedRow& dec, const executor::StepRecord& step) {
  if (dec.rd != kSinkRegister) return step.rd_value;
  if (dec.uop == Uop::kJalr) return step.pc + 4;
  return LoadResult(dec.uop, step.mem_addr, step.mem_before);
}

size_t RowAccesses(TableId table, const DecodedRow& dec, const executor::StepRecord& step,
                   const executor::SyscallRecord* syscall, uint32_t text_begin, uint32_t text_end,
                   uint32_t cursor, MemAccess* out) {
  size_t n = 0;
  auto reg = [&](uint32_t r, uint32_t slot, bool write, uint32_t value) {
    out[n++] = {.space = Space::kReg, .addr = r, .slot = slot, .write = write, .value = value};
  };
  const uint32_t word = step.mem_addr / 4;
  const bool in_text = step.mem_addr >= text_begin && step.mem_addr < text_end;
  switch (table) {
    case TableId::kNop:
      break;
    case TableId::kConst:
    case TableId::kJal:
      reg(dec.rd, kSlotRd, true, RdValue(dec, step));
      break;
    case TableId::kAddI:
    case TableId::kBitI:
    case TableId::kShiftI:
    case TableId::kCmpI:
    case TableId::kJalr:
      reg(dec.rs1, kSlotRs1, false, step.rs1_value);
      reg(dec.rd, kSlotRd, true, RdValue(dec, step));
      break;
    case TableId::kAddR:
    case TableId::kBitR:
    case TableId::kShiftR:
    case TableId::kCmpR:
    case TableId::kMul:
    case TableId::kDivRem:
      reg(dec.rs1, kSlotRs1, false, step.rs1_value);
      reg(dec.rs2, kSlotRs2, false, step.rs2_value);
      reg(dec.rd, kSlotRd, true, RdValue(dec, step));
      break;
    case TableId::kBranchEq:
    case TableId::kBranchLt:
      reg(dec.rs1, kSlotRs1, false, step.rs1_value);
      reg(dec.rs2, kSlotRs2, false, step.rs2_value);
      break;
    case TableId::kLoadW:
    case TableId::kLoadBh:
      reg(dec.rs1, kSlotRs1, false, step.rs1_value);
      out[n++] = {.space = in_text ? Space::kRom : Space::kRam,
                  .addr = word,
                  .slot = kSlotRam,
                  .write = false,
                  .value = step.mem_before};
      reg(dec.rd, kSlotRd, true, RdValue(dec, step));
      break;
    case TableId::kStoreW:
    case TableId::kStoreBh:
      reg(dec.rs1, kSlotRs1, false, step.rs1_value);
      reg(dec.rs2, kSlotRs2, false, step.rs2_value);
      out[n++] = {.space = Space::kRam,
                  .addr = word,
                  .slot = kSlotRam,
                  .write = true,
                  .value = step.mem_after};
      break;
    case TableId::kHalt:
      reg(17, kSlotRs1, false, step.rs1_value);
      reg(10, kSlotRs2, false, step.rs2_value);
      reg(kCursorRegister, kSlotRam, false, cursor);
      break;
    case TableId::kWrite: {
      // a0 = fd, a1 = buffer, a2 = length; the result (a0 after) is the length.
      const uint32_t len = syscall->args[2];
      const bool out_fd = syscall->args[0] == abi::kFdPublicOutput;
      reg(17, kSlotRs1, false, step.rs1_value);
      reg(11, kSlotRs1, false, syscall->args[1]);
      reg(12, kSlotRs2, false, len);
      reg(kCursorRegister, kSlotRam, true, cursor + (out_fd ? len : 0));
      reg(10, kSlotRd, true, len);
      break;
    }
    case TableId::kKeccakCall:
      reg(17, kSlotRs1, false, step.rs1_value);
      reg(10, kSlotRs2, false, step.rs2_value);
      break;
    default:
      break;
  }
  return n;
}

}  // namespace zkvm::prover
