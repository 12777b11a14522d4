// The recursion guest (guests/recursion) verifying the same inner proof with each hash: an inner
// proof of fibonacci at the recursion preset made with SHA3-256 and with Poseidon2, each verified
// by recursion.elf in the executor. Prints, per hash: the inner proof's size and prove time, the
// guest's cycles (and per step: 1 blob, 2 statement and transcript, 3 constraints, 4 FRI,
// 5 openings), its precompile calls, and the committed cells an outer proof of the guest's run
// would need (main + aux columns of every table, at the padded chunk heights the prover would
// use, and at the real rows), split into the instruction and memory tables ("CPU") and the hash
// precompiles' tables. The run is routed, not proved (an outer proof of ~10^7 cycles needs far
// more memory than a bench should take).
//   build/bench/recursion_bench [--fib=N]
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "executor/executor.h"
#include "executor/profiler.h"
#include "prover/tables/air_common.h"
#include "prover/tables/table_registry.h"
#include "prover/trace_builder/trace_builder.h"
#include "prover/vm/prove.h"
#include "prover/vm/recursion.h"
#include "prover/vm/verify.h"
#include "syscalls/abi.h"

namespace zkvm::prover {
namespace {

Result<executor::Program> LoadGuest(const char* name) {
  return executor::LoadElfFile(std::string(ZKVM_GUEST_DIR) + "/" + name + "/" + name + ".elf");
}

bool IsPrecompileTable(TableId t) {
  const std::string_view name = TableName(t);
  return name.starts_with("keccak") || name.starts_with("poseidon2");
}

struct Cells {
  double cpu_padded = 0, cpu_real = 0, precompile_padded = 0, precompile_real = 0;
};

Cells CountCells(const RoutedExecution& routed, uint32_t max_log_rows) {
  Cells cells;
  for (size_t i = 0; i < kNumTables; ++i) {
    const TableId t = static_cast<TableId>(i);
    if (IsPreprocessed(t)) continue;  // fixed size, the verifying key's
    const stark::ProverAir& air = TableAir(t);
    const double width =
        static_cast<double>(air.shape().num_main_columns + air.logup().num_aux_felts());
    double padded = 0;
    for (uint32_t log : ChunkLogHeights(routed, t, max_log_rows)) {
      padded += static_cast<double>(uint64_t{1} << log);
    }
    const double real = static_cast<double>(routed.num_rows(t));
    (IsPrecompileTable(t) ? cells.precompile_padded : cells.cpu_padded) += padded * width;
    (IsPrecompileTable(t) ? cells.precompile_real : cells.cpu_real) += real * width;
  }
  return cells;
}

int Run(uint32_t fib_n) {
  Result<executor::Program> inner = LoadGuest("fibonacci");
  Result<executor::Program> guest = LoadGuest("recursion");
  if (!inner.ok() || !guest.ok()) {
    std::fprintf(stderr, "recursion_bench: %s\n",
                 (!inner.ok() ? inner.error() : guest.error()).message.c_str());
    return 2;
  }
  const std::vector<uint8_t> input = {static_cast<uint8_t>(fib_n), static_cast<uint8_t>(fib_n >> 8),
                                      static_cast<uint8_t>(fib_n >> 16),
                                      static_cast<uint8_t>(fib_n >> 24)};
  std::printf("recursion guest verifying fibonacci(%u) at the recursion preset\n", fib_n);
  for (crypto::HashId hash : {crypto::HashId::kSha3, crypto::HashId::kPoseidon2}) {
    ProveConfig config;
    config.options = stark::WithHash(stark::kRecursionOptions, hash);
    ProveStats stats;
    Result<std::vector<uint8_t>> proof = Prove(*inner, input, config, &stats);
    if (!proof.ok()) {
      std::fprintf(stderr, "recursion_bench: %s\n", proof.error().message.c_str());
      return 1;
    }
    Result<VerifyingKey> vk = ComputeVerifyingKey(*inner, config.options);
    if (!vk.ok()) return 1;
    const std::vector<uint8_t> blob = MakeRecursionBlob(*vk, *proof);

    Result<executor::Executor> ex = executor::Executor::Create(*guest, blob);
    if (!ex.ok()) return 1;
    ex->set_debug_sink([](std::string_view) {});
    executor::Profile profile(*guest);
    const auto start = std::chrono::steady_clock::now();
    const executor::MachineState state = ex->Run({.profile = &profile});
    const double exec_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (state.status != executor::RunStatus::kHalted || state.exit_code != 0) {
      std::fprintf(stderr, "recursion_bench: the guest rejected the %s proof (exit %u)\n",
                   crypto::HashName(hash), state.exit_code);
      return 1;
    }
    const executor::Profile::Report report = profile.Summarize(5);

    Result<RoutedExecution> routed = ExecuteAndRoute(*guest, blob, state.cycle + 1);
    if (!routed.ok()) {
      std::fprintf(stderr, "recursion_bench: %s\n", routed.error().message.c_str());
      return 1;
    }
    const Cells cells = CountCells(*routed, config.max_log_chunk_rows);
    const size_t keccak = routed->num_rows(TableId::kKeccakCall);
    const size_t poseidon2 = routed->num_rows(TableId::kPoseidon2);
    std::printf("  %s\n", crypto::HashName(hash));
    std::printf("    inner proof          %zu bytes, proved in %.2f s\n", proof->size(),
                stats.total_seconds);
    std::printf("    guest cycles         %llu (executed in %.2f s); per step:",
                static_cast<unsigned long long>(state.cycle), exec_s);
    for (const auto& step : report.steps) {
      std::printf(" %d: %llu", step.marker, static_cast<unsigned long long>(step.cycles));
    }
    std::printf("\n    precompile calls     %zu KECCAK_F1600, %zu POSEIDON2\n", keccak, poseidon2);
    std::printf(
        "    committed cells      %.3g padded (CPU and memory %.3g, precompiles %.3g); real rows "
        "%.3g (CPU and memory %.3g, precompiles %.3g)\n",
        cells.cpu_padded + cells.precompile_padded, cells.cpu_padded, cells.precompile_padded,
        cells.cpu_real + cells.precompile_real, cells.cpu_real, cells.precompile_real);
  }
  return 0;
}

}  // namespace
}  // namespace zkvm::prover

int main(int argc, char** argv) {
  uint32_t fib_n = 300;
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--fib=", 6) == 0) {
      fib_n = static_cast<uint32_t>(std::atoi(argv[i] + 6));
    } else {
      std::fprintf(stderr, "recursion_bench: unknown flag %s\n", argv[i]);
      return 2;
    }
  }
  return zkvm::prover::Run(fib_n);
}
