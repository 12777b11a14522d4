// The guest profiler: cycles per step marker and the hottest functions overall and per step.
// A step marker is `addi x0, x0, N` with N != 0 (syscalls/abi.h); it begins step N, and every
// cycle from it up to the next marker counts for step N (latest marker wins). Cycles before the
// first marker belong to step 0. Functions come from the ELF's symbol table; per-step
// percentages use that step's own total as the denominator.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "executor/program.h"

namespace zkvm::executor {

class Profile {
 public:
  explicit Profile(const Program& program);

  // Called by the executor's profiling loop.
  uint64_t* counters() { return current_; }
  void EnterStep(int32_t marker, uint64_t cycle);

  struct FunctionCycles {
    std::string name;
    uint64_t cycles = 0;
    double percent = 0;  // of the enclosing total (overall or the step's)
  };
  struct StepCycles {
    int32_t marker = 0;
    uint64_t cycles = 0;
    std::vector<FunctionCycles> top;
  };
  struct Report {
    uint64_t total_cycles = 0;
    std::vector<FunctionCycles> top;  // overall
    std::vector<StepCycles> steps;    // ascending marker
    // Each marker transition in execution order: (marker, cycle at which it began).
    std::vector<std::pair<int32_t, uint64_t>> transitions;
  };
  Report Summarize(size_t top_n) const;

 private:
  std::vector<FunctionCycles> TopFunctions(const std::vector<uint64_t>& counts, size_t top_n,
                                           uint64_t total) const;

  const Program* program_;
  std::map<int32_t, std::vector<uint64_t>> counts_;  // per marker, per instruction index
  uint64_t* current_ = nullptr;
  std::vector<std::pair<int32_t, uint64_t>> transitions_;
};

// Human-readable report: total, cycles per step, top functions overall and per step. Function
// names are shortened (ShortFunctionName in program.h) unless `full_names`.
std::string FormatProfile(const Profile::Report& report, bool full_names = false);

}  // namespace zkvm::executor
