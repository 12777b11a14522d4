#include "executor/trap.h"

#include <fmt/format.h>

namespace zkvm::executor {

const char* TrapKindName(TrapKind kind) {
  switch (kind) {
    case TrapKind::kIllegalInstruction:
      return "illegal instruction";
    case TrapKind::kEbreak:
      return "ebreak";
    case TrapKind::kFetchOutOfText:
      return "instruction fetch outside the executable range";
    case TrapKind::kMisalignedJump:
      return "jump to a misaligned target";
    case TrapKind::kMisalignedLoad:
      return "misaligned load";
    case TrapKind::kMisalignedStore:
      return "misaligned store";
    case TrapKind::kLoadAccessFault:
      return "load access fault";
    case TrapKind::kStoreAccessFault:
      return "store access fault";
    case TrapKind::kStoreToText:
      return "store into the executable range";
    case TrapKind::kUnknownSyscall:
      return "unknown syscall";
    case TrapKind::kBadSyscallArgument:
      return "bad syscall argument";
    case TrapKind::kMisalignedKeccakState:
      return "misaligned KECCAK_F1600 state";
    case TrapKind::kKeccakStateOutOfRange:
      return "KECCAK_F1600 state outside writable memory";
  }
  return "unknown trap";
}

std::string DescribeTrap(const Trap& trap) {
  switch (trap.kind) {
    case TrapKind::kIllegalInstruction:
      return fmt::format("illegal instruction {:#010x} at pc {:#x}", trap.value, trap.pc);
    case TrapKind::kEbreak:
      return fmt::format("ebreak at pc {:#x}", trap.pc);
    case TrapKind::kFetchOutOfText:
      return fmt::format("instruction fetch outside the executable range at pc {:#x}", trap.pc);
    case TrapKind::kUnknownSyscall:
      return fmt::format("unknown syscall {} at pc {:#x}", trap.value, trap.pc);
    case TrapKind::kMisalignedJump:
      return fmt::format("jump to misaligned target {:#x} at pc {:#x}", trap.value, trap.pc);
    case TrapKind::kMisalignedKeccakState:
      return fmt::format("KECCAK_F1600 state pointer a0 = {:#x} is not 8-byte aligned, at pc {:#x}",
                         trap.value, trap.pc);
    case TrapKind::kKeccakStateOutOfRange:
      return fmt::format(
          "KECCAK_F1600 state [{:#x}, {:#x}) is not inside writable memory (it reaches the guard "
          "region, the executable range or the reserved region), at pc {:#x}",
          trap.value, uint64_t{trap.value} + 200, trap.pc);
    default:
      return fmt::format("{} at address {:#x}, pc {:#x}", TrapKindName(trap.kind), trap.value,
                         trap.pc);
  }
}

}  // namespace zkvm::executor
