// Merkle commitment throughput (crypto/merkle/merkle_prover.h) on one matrix of 2^20 rows x 64
// columns (512-byte leaves, 4 Keccak permutations per leaf, 1 per internal node):
//  - the whole commit (leaves + internal nodes), with and without leaf drop, in seconds and
//    hashes/s (leaf and node hashes counted alike);
//  - the leaf phase and the internal-node phase timed separately (leaf_s, node_s, leaf_share);
// each on all threads (TBB default) and on one thread.
//   build/bench/merkle_bench [--log_rows=N] [--cols=N] [google-benchmark flags]
#include <benchmark/benchmark.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <random>
#include <vector>

#include "bench/bench_main.h"
#include "crypto/merkle/merkle_prover.h"

namespace zkvm::crypto {
namespace {

size_t g_log_rows = 20;
size_t g_cols = 64;

const std::vector<Felt>& Data() {
  static const std::vector<Felt> data = [] {
    std::vector<Felt> d((size_t{1} << g_log_rows) * g_cols);
    std::mt19937_64 rng(11);
    for (Felt& f : d) f = Felt::FromU64(rng());
    return d;
  }();
  return data;
}

MerkleMatrix Matrix() { return {ConstMatrixView(Data().data(), size_t{1} << g_log_rows, g_cols)}; }

int Threads(const benchmark::State& state) {
  return state.range(0) == 0 ? tbb::this_task_arena::max_concurrency()
                             : static_cast<int>(state.range(0));
}

void SetCounters(benchmark::State& state, double hashes, int threads) {
  state.counters["threads"] = threads;
  state.counters["rows"] = static_cast<double>(size_t{1} << g_log_rows);
  state.counters["cols"] = static_cast<double>(g_cols);
  state.counters["hashes/s"] = benchmark::Counter(hashes * static_cast<double>(state.iterations()),
                                                  benchmark::Counter::kIsRate);
}

void BM_Commit(benchmark::State& state, bool drop_leaves) {
  const MerkleMatrix m = Matrix();
  const int threads = Threads(state);
  tbb::task_arena arena(threads);
  for (auto _ : state) {
    arena.execute([&] {
      MerkleTree tree = MerkleTree::Commit({&m, 1}, {.drop_leaves = drop_leaves});
      benchmark::DoNotOptimize(tree.root());
    });
  }
  SetCounters(state, 2.0 * static_cast<double>(size_t{1} << g_log_rows) - 1, threads);
}

// The two phases of a commit timed separately (unfused: all leaves, then the levels above),
// reporting each phase's seconds and the leaf share of their sum.
void BM_CommitPhases(benchmark::State& state) {
  const MerkleMatrix m = Matrix();
  const int threads = Threads(state);
  const uint32_t n = uint32_t{1} << g_log_rows;
  const MerkleTreeOptions backend;
  std::vector<std::vector<MerkleDigest>> levels;
  for (uint32_t size = n; size >= 1; size /= 2) levels.emplace_back(size);
  tbb::task_arena arena(threads);
  double leaf_seconds = 0, node_seconds = 0;
  for (auto _ : state) {
    arena.execute([&] {
      const auto t0 = std::chrono::steady_clock::now();
      tbb::parallel_for(tbb::blocked_range<uint32_t>(0, n, 1024), [&](const auto& r) {
        HashMerkleLeaves({&m, 1}, r.begin(), r.end(), backend, &levels[0][r.begin()]);
      });
      const auto t1 = std::chrono::steady_clock::now();
      for (uint32_t level = 0; level + 1 < levels.size(); ++level) {
        tbb::parallel_for(
            tbb::blocked_range<uint32_t>(0, n >> (level + 1), 1024), [&](const auto& r) {
              HashMerkleNodes({&m, 1}, n, level, r.begin(), r.end(), &levels[level][2 * r.begin()],
                              backend, &levels[level + 1][r.begin()]);
            });
      }
      const auto t2 = std::chrono::steady_clock::now();
      leaf_seconds += std::chrono::duration<double>(t1 - t0).count();
      node_seconds += std::chrono::duration<double>(t2 - t1).count();
    });
    benchmark::DoNotOptimize(levels.back()[0]);
  }
  SetCounters(state, 2.0 * n - 1, threads);
  const double iterations = static_cast<double>(state.iterations());
  state.counters["leaf_s"] = leaf_seconds / iterations;
  state.counters["node_s"] = node_seconds / iterations;
  state.counters["leaf_share"] = leaf_seconds / (leaf_seconds + node_seconds);
  state.counters["leaf_hashes/s"] = n / (leaf_seconds / iterations);
  state.counters["node_hashes/s"] = (n - 1) / (node_seconds / iterations);
}

// Arg: thread count (0 = all).
BENCHMARK_CAPTURE(BM_Commit, keep_leaves, false)
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_Commit, drop_leaves, true)
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_CommitPhases)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace zkvm::crypto

int main(int argc, char** argv) {
  return zkvm::bench::RunBenchmarkMain(
      argc, argv,
      {
          {"log_rows", [](long v) { zkvm::crypto::g_log_rows = static_cast<size_t>(v); }},
          {"cols", [](long v) { zkvm::crypto::g_cols = static_cast<size_t>(v); }},
      });
}
