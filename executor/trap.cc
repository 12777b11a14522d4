#include "executor/trap.h"

#include <fmt/format.h>

#include "syscalls/abi.h"

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
    case TrapKind::kStackOverflow:
      return "stack overflow";
    case TrapKind::kBadFileDescriptor:
      return "WRITE to a bad file descriptor";
    case TrapKind::kMisalignedPoseidon2State:
      return "misaligned POSEIDON2 state";
    case TrapKind::kPoseidon2StateOutOfRange:
      return "POSEIDON2 state outside writable memory";
    case TrapKind::kPoseidon2NonCanonical:
      return "non-canonical POSEIDON2 input element";
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
    case TrapKind::kMisalignedPoseidon2State:
      return fmt::format("POSEIDON2 state pointer a0 = {:#x} is not 8-byte aligned, at pc {:#x}",
                         trap.value, trap.pc);
    case TrapKind::kPoseidon2StateOutOfRange:
      return fmt::format(
          "POSEIDON2 state [{:#x}, {:#x}) is not inside writable memory (it reaches the guard "
          "region, the executable range or the reserved region), at pc {:#x}",
          trap.value, uint64_t{trap.value} + abi::kPoseidon2StateBytes, trap.pc);
    case TrapKind::kPoseidon2NonCanonical:
      return fmt::format(
          "POSEIDON2 input element {} at {:#x} (state a0 = {:#x}) is not a canonical Goldilocks "
          "element (its u64 is >= p = 2^64 - 2^32 + 1), at pc {:#x}",
          trap.index, uint64_t{trap.value} + 8 * uint64_t{trap.index}, trap.value, trap.pc);
    case TrapKind::kBadSyscallArgument:
      return fmt::format(
          "WRITE buffer at {:#x} leaves readable memory (it reaches the guard or the reserved "
          "region, or wraps), at pc {:#x}",
          trap.value, trap.pc);
    case TrapKind::kStackOverflow:
      return fmt::format(
          "stack overflow: sp would move to {:#x}, below the stack's {} MiB at [{:#x}, {:#x}) "
          "(deep or unbounded recursion, or a large local array), at pc {:#x}",
          trap.value, (abi::kStackTop - abi::kStackBottom + 16) >> 20, abi::kStackBottom,
          abi::kStackTop, trap.pc);
    case TrapKind::kBadFileDescriptor:
      return fmt::format(
          "WRITE to file descriptor {} (only 1, the public output, and 2, the debug text, exist), "
          "at pc {:#x}",
          trap.value, trap.pc);
    default:
      return fmt::format("{} at address {:#x}, pc {:#x}", TrapKindName(trap.kind), trap.value,
                         trap.pc);
  }
}

}  // namespace zkvm::executor
