// One trace commitment as the prover does it: coset LDE of a 2^20 x 64 trace at blowup 2
// (crypto/ntt/lde.h) into a reused buffer, then the Merkle commitment of the 2^21-row LDE
// (crypto/merkle/merkle_prover.h), with each hash (SHA3-256, Poseidon2). Reports seconds per
// phase and the hashing share of the whole commit (the crypto-core goal: hashing at most half of
// commit time). Arguments: threads (0 = all), hash (0 = SHA3, 1 = Poseidon2).
//   build/bench/commit_bench [--log_rows=N] [--cols=N] [google-benchmark flags]
#include <benchmark/benchmark.h>
#include <tbb/task_arena.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <random>

#include "bench/bench_main.h"
#include "crypto/field/matrix.h"
#include "crypto/merkle/merkle_prover.h"
#include "crypto/ntt/lde.h"

namespace zkvm::crypto {
namespace {

int g_log_rows = 20;
size_t g_cols = 64;
constexpr int kLogBlowup = 1;

void BM_TraceCommit(benchmark::State& state) {
  const int threads = state.range(0) == 0 ? tbb::this_task_arena::max_concurrency()
                                          : static_cast<int>(state.range(0));
  const HashId hash = state.range(1) == 0 ? HashId::kSha3 : HashId::kPoseidon2;
  state.SetLabel(HashName(hash));
  const size_t rows = size_t{1} << g_log_rows;
  ColumnMajorMatrix trace(rows, g_cols);
  std::mt19937_64 rng(5);
  for (size_t c = 0; c < g_cols; ++c) {
    for (Felt& f : trace.column(c)) f = Felt::FromU64(rng());
  }
  ColumnMajorMatrix lde(rows << kLogBlowup, g_cols);
  tbb::task_arena arena(threads);
  // One untimed LDE: a prover reuses its LDE buffers, and the first touch of fresh pages is
  // slow on virtual machines. The tree's own buffers are allocated inside the timed commit.
  arena.execute([&] { CosetLde(trace, kLogBlowup, lde); });
  double lde_s = 0, hash_s = 0;
  for (auto _ : state) {
    arena.execute([&] {
      const auto t0 = std::chrono::steady_clock::now();
      CosetLde(trace, kLogBlowup, lde);
      const auto t1 = std::chrono::steady_clock::now();
      const MerkleMatrix m{ConstMatrixView(lde)};
      MerkleTree tree = MerkleTree::Commit({&m, 1}, {.hash = hash});
      benchmark::DoNotOptimize(tree.root());
      const auto t2 = std::chrono::steady_clock::now();
      lde_s += std::chrono::duration<double>(t1 - t0).count();
      hash_s += std::chrono::duration<double>(t2 - t1).count();
    });
  }
  const double n = static_cast<double>(state.iterations());
  state.counters["threads"] = threads;
  state.counters["lde_s"] = lde_s / n;
  state.counters["merkle_s"] = hash_s / n;
  state.counters["commit_s"] = (lde_s + hash_s) / n;
  state.counters["hash_share"] = hash_s / (lde_s + hash_s);
  state.counters["trace_cells/s"] =
      benchmark::Counter(static_cast<double>(rows * g_cols) * n, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TraceCommit)
    ->ArgNames({"threads", "hash"})
    ->Args({0, 0})
    ->Args({1, 0})
    ->Args({0, 1})
    ->Args({1, 1})
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace zkvm::crypto

int main(int argc, char** argv) {
  return zkvm::bench::RunBenchmarkMain(
      argc, argv,
      {
          {"log_rows", [](long v) { zkvm::crypto::g_log_rows = static_cast<int>(v); }},
          {"cols", [](long v) { zkvm::crypto::g_cols = static_cast<size_t>(v); }},
      });
}
