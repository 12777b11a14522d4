// SHA3-256 in a guest: the KECCAK_F1600 precompile (guest keccak_precompile) against the software
// permutation (guest sha3) on the same message. Prints cycles, cycles per byte, permutations,
// and, when proving, prove time, peak RSS, committed cells in all and per permutation (the
// Keccak tables' own cells, real rows and padded), proof size and verify time. One case per
// process, so the peak RSS is the case's own.
//   build/bench/keccak_bench [--bytes=N] [--guest=precompile|software] [--execute-only]
//                            [--preset=default|recursion|test] [--memory=auto|fast|low]
//   make bench runs 64 KiB with the precompile (proved) and with software (executed).
#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <string_view>
#include <thread>

#include "bench/vm_bench_support.h"
#include "executor/executor.h"
#include "prover/tables/keccak_tables.h"
#include "prover/tables/vm_table.h"
#include "prover/vm/prove.h"
#include "prover/vm/verify.h"

namespace zkvm::prover {
namespace {

using bench::PeakRssBytes;

// The precompile's witness tables (keccak_call, keccak_mem, keccak; keccak_rc is preprocessed).
bool IsKeccakTable(TableId t) {
  return std::string_view(TableName(t)).starts_with("keccak") && !IsPreprocessed(t);
}

int Run(size_t bytes, bool software, bool prove, const stark::ProofOptions& options,
        const char* preset, MemoryMode memory) {
  const char* guest = software ? "sha3" : "keccak_precompile";
  Result<executor::Program> program =
      executor::LoadElfFile(std::string(ZKVM_GUEST_DIR) + "/" + guest + "/" + guest + ".elf");
  if (!program.ok()) {
    std::fprintf(stderr, "keccak_bench: %s\n", program.error().message.c_str());
    return 2;
  }
  std::vector<uint8_t> msg(bytes);
  std::mt19937_64 rng(bytes);
  for (uint8_t& b : msg) b = static_cast<uint8_t>(rng());

  Result<executor::Executor> ex = executor::Executor::Create(*program, msg);
  if (!ex.ok()) {
    std::fprintf(stderr, "keccak_bench: %s\n", ex.error().message.c_str());
    return 2;
  }
  const auto exec_start = std::chrono::steady_clock::now();
  const executor::MachineState& run = ex->Run({});
  const double exec_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - exec_start).count();
  if (run.status != executor::RunStatus::kHalted) {
    std::fprintf(stderr, "keccak_bench: the guest did not halt\n");
    return 1;
  }
  const double cycles = static_cast<double>(run.cycle);
  const uint64_t blocks = bytes / 136 + 1;
  std::printf("SHA3-256 of %zu bytes, %s (%s), %llu blocks\n", bytes, guest,
              software ? "software Keccak-f" : "KECCAK_F1600 precompile",
              static_cast<unsigned long long>(blocks));
  std::printf("  cycles                 %llu (%.1f per byte, %.0f per block), executed in %.3f s\n",
              static_cast<unsigned long long>(run.cycle), cycles / static_cast<double>(bytes),
              cycles / static_cast<double>(blocks), exec_s);
  std::printf("  precompile calls       %llu\n",
              static_cast<unsigned long long>(run.syscalls.keccak_f1600));
  if (!prove) return 0;

  ProveConfig config;
  config.options = options;
  config.memory = memory;
  ProveStats stats;
  Result<std::vector<uint8_t>> proof = Prove(*program, msg, config, &stats);
  if (!proof.ok()) {
    std::fprintf(stderr, "keccak_bench: %s\n", proof.error().message.c_str());
    return 1;
  }
  Result<VerifyingKey> vk = ComputeVerifyingKey(*program, options);
  if (!vk.ok()) return 1;
  const double verify_ms = bench::TimedVerify("keccak_bench", *proof, *vk, options);
  if (verify_ms < 0) return 1;
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  uint64_t keccak_real = 0, keccak_padded = 0;
  for (const ProveStats::Chunk& c : stats.chunks) {
    if (!IsKeccakTable(c.table)) continue;
    keccak_real += c.real_rows * (c.main_columns + c.aux_columns);
    keccak_padded += c.rows * (c.main_columns + c.aux_columns);
  }
  const double calls = static_cast<double>(run.syscalls.keccak_f1600);
  std::printf("  proved at the %s preset (%.1f provable bits), %u cores\n", preset,
              stats.security_bits, cores);
  std::printf(
      "  prove                  %.2f s: execute+route %.2f s, traces %.2f s, stark %.2f s\n",
      stats.total_seconds, stats.execute_seconds, stats.trace_seconds, stats.stark_seconds);
  std::printf("  throughput             %.0f bytes/s, %.0f cycles/s\n",
              static_cast<double>(bytes) / stats.total_seconds, cycles / stats.total_seconds);
  std::printf("  peak RSS               %.1f MiB\n", PeakRssBytes() / 1048576.0);
  std::printf("  committed cells        %.3g in all, %.1f per byte\n",
              static_cast<double>(stats.committed_cells),
              static_cast<double>(stats.committed_cells) / static_cast<double>(bytes));
  if (calls > 0) {
    std::printf(
        "  Keccak tables' cells   %.0f per permutation on real rows, %.0f with padding "
        "(KECCAK, KECCAK_MEM, KECCAK_CALL)\n",
        static_cast<double>(keccak_real) / calls, static_cast<double>(keccak_padded) / calls);
  }
  std::printf("%s", stark::DescribeProverStats(stats.stark, "  ").c_str());
  std::printf("  proof size             %zu bytes\n", stats.proof_bytes);
  std::printf("  verify                 %.1f ms with the verifying key\n", verify_ms);
  bench::PrintTables(stats);
  return 0;
}

}  // namespace
}  // namespace zkvm::prover

int main(int argc, char** argv) {
  size_t bytes = 65536;
  bool software = false, prove = true;
  std::string preset = "default";
  zkvm::prover::MemoryMode memory = zkvm::prover::MemoryMode::kAuto;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.rfind("--bytes=", 0) == 0) {
      bytes = std::strtoull(a.c_str() + 8, nullptr, 10);
    } else if (a == "--guest=software") {
      software = true;
    } else if (a == "--guest=precompile") {
      software = false;
    } else if (a == "--execute-only") {
      prove = false;
    } else if (a == "--memory=low") {
      memory = zkvm::prover::MemoryMode::kLow;
    } else if (a == "--memory=fast") {
      memory = zkvm::prover::MemoryMode::kFast;
    } else if (a == "--memory=auto") {
      memory = zkvm::prover::MemoryMode::kAuto;
    } else if (a.rfind("--preset=", 0) == 0) {
      preset = a.substr(9);
    } else {
      std::fprintf(stderr, "keccak_bench: unknown flag %s\n", argv[i]);
      return 2;
    }
  }
  if (bytes > (size_t{1} << 28)) {
    std::fprintf(stderr, "keccak_bench: --bytes must be at most 2^28\n");
    return 2;
  }
  const zkvm::stark::ProofOptions* options = zkvm::prover::bench::PresetOptions(preset);
  if (options == nullptr) {
    std::fprintf(stderr, "keccak_bench: --preset must be default, recursion or test\n");
    return 2;
  }
  return zkvm::prover::Run(bytes, software, prove, *options, preset.c_str(), memory);
}
