// What the VM proving benchmarks (prove_bench, keccak_bench) share: peak memory, the table
// report, timed verification and the --preset names.
#pragma once

#include <chrono>
#include <cstdio>
#include <span>
#include <string_view>

#include "base/peak_rss.h"
#include "prover/tables/vm_table.h"
#include "prover/vm/prove.h"
#include "prover/vm/verify.h"
#include "stark/security/proof_options.h"

namespace zkvm::prover::bench {

inline double PeakRssBytes() { return static_cast<double>(zkvm::PeakRssBytes()); }

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

// Verifies `proof` against `vk` as a consumer would (the insecure preset accepted only when the
// options are that preset) and returns the time in milliseconds, or prints the reason prefixed
// with `bench` and returns a negative value.
inline double TimedVerify(const char* bench, std::span<const uint8_t> proof, const VerifyingKey& vk,
                          const stark::ProofOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  Result<VerifiedStatement> verified =
      Verify(proof, vk, options.insecure() ? kAllowInsecurePreset : VerifyPolicy{});
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (!verified.ok()) {
    std::fprintf(stderr, "%s: verification failed: %s\n", bench, verified.error().message.c_str());
    return -1;
  }
  return ms;
}

// The options of --preset=default|recursion|test; nullptr for another name.
inline const stark::ProofOptions* PresetOptions(std::string_view name) {
  if (name == "default") return &stark::kDefaultOptions;
  if (name == "recursion") return &stark::kRecursionOptions;
  if (name == "test") return &stark::kInsecureTestOptions;
  return nullptr;
}

}  // namespace zkvm::prover::bench
