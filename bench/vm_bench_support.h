// What the VM proving benchmarks (prove_bench, keccak_bench) share: peak memory, the table
// report and the --preset names.
#pragma once

#include <sys/resource.h>

#include <cstdio>
#include <string_view>

#include "prover/tables/vm_table.h"
#include "prover/vm/prove.h"
#include "stark/security/proof_options.h"

namespace zkvm::prover::bench {

inline double PeakRssBytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) * 1024.0;  // ru_maxrss is in KiB on Linux
}

// Every chunk: real rows / padded rows, main + aux columns.
inline void PrintTables(const ProveStats& stats) {
  std::printf("  tables (real rows / padded rows, main + aux columns):\n");
  for (const ProveStats::Chunk& c : stats.chunks) {
    std::printf("    %-12s %9llu / %9llu  %4llu + %3llu\n", TableName(c.table),
                static_cast<unsigned long long>(c.real_rows),
                static_cast<unsigned long long>(c.rows),
                static_cast<unsigned long long>(c.main_columns),
                static_cast<unsigned long long>(c.aux_columns));
  }
}

// The options of --preset=default|recursion|test; nullptr for another name.
inline const stark::ProofOptions* PresetOptions(std::string_view name) {
  if (name == "default") return &stark::kDefaultOptions;
  if (name == "recursion") return &stark::kRecursionOptions;
  if (name == "test") return &stark::kInsecureTestOptions;
  return nullptr;
}

}  // namespace zkvm::prover::bench
