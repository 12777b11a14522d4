// The RV32IM interpreter (DESIGN.md section 3). The program is pre-decoded once (program.h);
// Run() dispatches with one `switch` over the opcode enum generated from the ISA table. The
// loop is instantiated three ways: plain (no logging: the fast path), logging (records every
// step for the trace builder, step_log.h) and profiling (counts cycles per instruction per
// step marker, profiler.h). Guest faults stop the run with a typed Trap; running out of cycles
// stops it with kCycleLimit. A Snapshot of the whole machine can be taken between any two
// steps; resuming from it reproduces byte-identical logs.
//
// Semantics follow the RISC-V unprivileged spec (Volume I, 2.4-2.6 and 7): shifts use the low
// 5 bits of rs2, x0 reads 0 and ignores writes, DIV/REM by zero give -1 / the dividend, and
// INT_MIN / -1 gives INT_MIN with remainder 0. ECALL implements the syscalls of syscalls/abi.h.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "executor/memory.h"
#include "executor/program.h"
#include "executor/step_log.h"
#include "executor/trap.h"

namespace zkvm::executor {

class Profile;

struct SyscallCounts {
  uint64_t halt = 0;
  uint64_t write = 0;
  uint64_t keccak_f1600 = 0;
  uint64_t poseidon2 = 0;
  uint64_t public_output_bytes = 0;
  uint64_t debug_bytes = 0;
  uint64_t log_data_bytes = 0;  // bytes the syscalls put in the log's data stream so far

  uint64_t total() const { return halt + write + keccak_f1600 + poseidon2; }
};

enum class RunStatus : uint8_t {
  kRunning,     // not started or paused at RunOptions::stop_at_cycle
  kHalted,      // HALT was called; exit_code is valid
  kTrapped,     // a guest fault; trap is valid
  kCycleLimit,  // RunOptions::max_cycles reached before HALT
};

struct RunOptions {
  // Total cycle limit (counting from cycle 0, not from a resumed snapshot).
  uint64_t max_cycles = UINT64_MAX;
  // Pause before executing this cycle (status stays kRunning); for snapshots.
  uint64_t stop_at_cycle = UINT64_MAX;
  // When set, every executed step is appended here.
  ExecutionLog* log = nullptr;
  // When set, cycles are counted per instruction and step marker.
  Profile* profile = nullptr;
};

// The architectural state plus what the run has produced so far.
struct MachineState {
  uint32_t pc = 0;
  std::array<uint32_t, 32> regs{};
  uint64_t cycle = 0;  // instructions executed so far
  RunStatus status = RunStatus::kRunning;
  uint32_t exit_code = 0;
  Trap trap;
  std::vector<uint8_t> public_output;
  SyscallCounts syscalls;
};

// A serializable copy of a running machine (format in executor/README.md).
struct Snapshot {
  std::array<uint8_t, 32> elf_digest{};
  MachineState state;
  std::vector<uint32_t> page_indices;  // ascending
  std::vector<uint8_t> page_data;      // kPageSize bytes per page index

  std::vector<uint8_t> Serialize() const;
  static Result<Snapshot> Deserialize(std::span<const uint8_t> bytes);
};

class Executor {
 public:
  // A machine at the program's entry with `input` in the private-input region.
  static Result<Executor> Create(const Program& program, std::span<const uint8_t> input);
  // A machine restored from a snapshot of `program`.
  static Result<Executor> Resume(const Program& program, const Snapshot& snapshot);

  Executor(Executor&&) = default;
  Executor& operator=(Executor&&) = default;

  // Runs until HALT, a trap, the cycle limit or stop_at_cycle. Can be called again after a
  // pause to continue.
  const MachineState& Run(const RunOptions& options = {});

  const MachineState& state() const { return state_; }
  const Memory& memory() const { return memory_; }
  Snapshot TakeSnapshot() const;

  // Debug text (WRITE to fd 2) goes here; by default it is kept in debug_output().
  void set_debug_sink(std::function<void(std::string_view)> sink) { debug_sink_ = std::move(sink); }
  const std::string& debug_output() const { return debug_output_; }

 private:
  explicit Executor(const Program& program);
  static std::vector<Instruction> BuildCode(const Program& program);

  template <bool kLog, bool kProfile>
  void RunLoop(uint64_t budget, ExecutionLog* log, Profile* profile);
  // Executes the ECALL at state_.pc. Returns false when the run must stop (halt or trap).
  template <bool kLog>
  bool Syscall(ExecutionLog* log, StepRecord* record);
  bool CheckRange(uint32_t address, uint64_t size, bool write) const;
  void DebugWrite(std::string_view text);

  const Program* program_;
  std::vector<Instruction> code_;  // BuildCode(program): the loop's decoded instructions
  Memory memory_;
  MachineState state_;
  std::function<void(std::string_view)> debug_sink_;
  std::string debug_output_;
};

// Writes the 16-byte header and payload into the private-input region of `memory`.
Status LoadPrivateInput(Memory& memory, std::span<const uint8_t> input);

}  // namespace zkvm::executor
