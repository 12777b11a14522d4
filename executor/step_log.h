// The executor's per-step logs: what the trace builder consumes to fill the AIR tables of
// DESIGN.md section 6 (format in executor/README.md). One fixed 32-byte record per executed
// instruction, written into a preallocated buffer, plus a side log for syscalls whose effects
// are larger than one word (WRITE's bytes, KECCAK_F1600's 200-byte and POSEIDON2's 96-byte
// state before and after).
//
// Timestamps are implicit: the record of cycle c is steps[c - first_cycle]. Everything the
// memory argument needs is here (the register and memory values each access read and wrote);
// the previous timestamp of each address is recomputed by the trace builder while routing.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "executor/log_allocator.h"

namespace zkvm::executor {

struct StepRecord {
  uint32_t pc;
  // Values read from rs1 and rs2 (the raw fields; 0 when x0). ECALL: rs1_value = a7 (the
  // syscall number), rs2_value = a0 before the call.
  uint32_t rs1_value;
  uint32_t rs2_value;
  // The value written to rd (0 when rd is x0 or the instruction writes no register). ECALL: a0
  // after the call.
  uint32_t rd_value;
  // Loads/stores: the effective byte address. ECALL: the ordinal of the call among all the
  // run's syscalls (its SyscallRecord is syscalls[ordinal - first_syscall]). Else 0.
  uint32_t mem_addr;
  // Loads/stores: the aligned word containing the access, before and after the instruction
  // (equal for loads). Else 0.
  uint32_t mem_before;
  uint32_t mem_after;
  uint32_t next_pc;
};
static_assert(sizeof(StepRecord) == 32);

struct SyscallRecord {
  uint64_t cycle;
  // Position of this call's bytes in the run's syscall data stream (counted from cycle 0, so
  // logs taken after resuming from a snapshot carry the same values).
  uint64_t data_offset;
  uint32_t number;     // a7
  uint32_t args[3];    // a0..a2
  uint32_t result;     // a0 after the call (HALT: the exit code)
  uint32_t data_size;  // WRITE: the bytes written; KECCAK_F1600: 200 bytes before, 200 after;
                       // POSEIDON2: 96 bytes before, 96 after
};
static_assert(sizeof(SyscallRecord) == 40);

// Cycles, syscall ordinals and data offsets are absolute (counted from the start of the run),
// so the log of a run resumed from a snapshot is byte-identical to the same part of the log of
// an uninterrupted run.
struct ExecutionLog {
  uint64_t first_cycle = 0;        // cycle of steps[0]
  uint64_t first_syscall = 0;      // ordinal of syscalls[0]
  uint64_t first_data_offset = 0;  // stream offset of syscall_data[0]
  std::vector<StepRecord, LogAllocator<StepRecord>> steps;
  std::vector<SyscallRecord> syscalls;
  std::vector<uint8_t> syscall_data;

  void Clear() {
    steps.clear();
    syscalls.clear();
    syscall_data.clear();
  }
  // The records as raw bytes (little-endian hosts; used for byte-identity checks).
  std::span<const uint8_t> StepBytes() const {
    return {reinterpret_cast<const uint8_t*>(steps.data()), steps.size() * sizeof(StepRecord)};
  }
  std::span<const uint8_t> SyscallBytes() const {
    return {reinterpret_cast<const uint8_t*>(syscalls.data()),
            syscalls.size() * sizeof(SyscallRecord)};
  }
};

}  // namespace zkvm::executor
