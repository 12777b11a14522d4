#include "prover/tables/vm_table.h"

#include <iterator>

#include "syscalls/abi.h"

namespace zkvm::prover {

TableId TableOf(Uop uop, uint32_t a7) {
  if (uop == Uop::kEcall) {
#define ZKVM_SYSCALL_TABLE(number, Table) \
  if (a7 == number) return TableId::k##Table;
    ZKVM_VM_SYSCALLS(ZKVM_SYSCALL_TABLE)
#undef ZKVM_SYSCALL_TABLE
    return TableId::kCount;
  }
  static constexpr TableId kUopTable[] = {TableId::kCount,  // kPadding
#define ZKVM_UOP_TABLE(Name, Table) TableId::k##Table,
                                          ZKVM_VM_UOPS(ZKVM_UOP_TABLE)
#undef ZKVM_UOP_TABLE
  };
  const size_t i = static_cast<size_t>(uop);
  return i < std::size(kUopTable) ? kUopTable[i] : TableId::kCount;
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

size_t RowAccesses(Accesses accesses, const DecodedRow& dec, const executor::StepRecord& step,
                   const executor::SyscallRecord* syscall, uint32_t text_begin, uint32_t text_end,
                   uint32_t cursor, MemAccess* out) {
  size_t n = 0;
  auto reg = [&](uint32_t r, uint32_t slot, bool write, uint32_t value) {
    out[n++] = {.space = Space::kReg, .addr = r, .slot = slot, .write = write, .value = value};
  };
  const uint32_t word = step.mem_addr / 4;
  const bool in_text = step.mem_addr >= text_begin && step.mem_addr < text_end;
  switch (accesses) {
    case Accesses::kNone:
      break;
    case Accesses::kRd:
      reg(dec.rd, kSlotRd, true, RdValue(dec, step));
      break;
    case Accesses::kRs1Rd:
      reg(dec.rs1, kSlotRs1, false, step.rs1_value);
      reg(dec.rd, kSlotRd, true, RdValue(dec, step));
      break;
    case Accesses::kRs1Rs2Rd:
      reg(dec.rs1, kSlotRs1, false, step.rs1_value);
      reg(dec.rs2, kSlotRs2, false, step.rs2_value);
      reg(dec.rd, kSlotRd, true, RdValue(dec, step));
      break;
    case Accesses::kRs1Rs2:
      reg(dec.rs1, kSlotRs1, false, step.rs1_value);
      reg(dec.rs2, kSlotRs2, false, step.rs2_value);
      break;
    case Accesses::kLoad:
      reg(dec.rs1, kSlotRs1, false, step.rs1_value);
      out[n++] = {.space = in_text ? Space::kRom : Space::kRam,
                  .addr = word,
                  .slot = kSlotRam,
                  .write = false,
                  .value = step.mem_before};
      reg(dec.rd, kSlotRd, true, RdValue(dec, step));
      break;
    case Accesses::kStore:
      reg(dec.rs1, kSlotRs1, false, step.rs1_value);
      reg(dec.rs2, kSlotRs2, false, step.rs2_value);
      out[n++] = {.space = Space::kRam,
                  .addr = word,
                  .slot = kSlotRam,
                  .write = true,
                  .value = step.mem_after};
      break;
    case Accesses::kHalt:
      reg(17, kSlotRs1, false, step.rs1_value);
      reg(10, kSlotRs2, false, step.rs2_value);
      reg(kCursorRegister, kSlotRam, false, cursor);
      break;
    case Accesses::kWrite: {
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
    case Accesses::kKeccakCall:
    case Accesses::kPoseidon2:
      reg(17, kSlotRs1, false, step.rs1_value);
      reg(10, kSlotRs2, false, step.rs2_value);
      break;
  }
  return n;
}

}  // namespace zkvm::prover
