// NTT and coset-LDE throughput (crypto/ntt) in elements per second:
//  - ForwardNtt of 2^20 and 2^22 elements, one column, on each SIMD path;
//  - ForwardNttColumns of 2^20 x 64 and 2^22 x 64 columns (512 MiB and 2 GiB, in place);
//  - InverseNtt of 2^20 elements;
//  - CosetLde of 2^20 rows x 64 columns at blowup 2 into a preallocated 1 GiB output, counted
//    in output elements.
// Each runs with 1 thread and with 2 (the "threads" argument caps TBB's parallelism);
// per-core figures are the 1-thread rows. Buffers are touched before timing, so page-fault
// costs are not measured. Needs about 2 GiB of memory for the largest case.
//   build/bench/ntt_bench [--benchmark_filter=...] [google-benchmark flags]
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <string>

#include "crypto/field/matrix.h"
#include "crypto/ntt/lde.h"
#include "crypto/ntt/ntt.h"

namespace zkvm::crypto {
namespace {

// Deterministic pseudo-random canonical elements (splitmix64), filled in parallel.
void Fill(MatrixView m, uint64_t seed) {
  tbb::parallel_for(size_t{0}, m.num_cols(), [&](size_t c) {
    uint64_t state = seed + c * 0x9E37'79B9'7F4A'7C15ull;
    for (Felt& x : m.column(c)) {
      uint64_t z = (state += 0x9E37'79B9'7F4A'7C15ull);
      z = (z ^ (z >> 30)) * 0xBF58'476D'1CE4'E5B9ull;
      z = (z ^ (z >> 27)) * 0x94D0'49BB'1331'11EBull;
      x = Felt::FromU64(z ^ (z >> 31));
    }
  });
}

bool Setup(benchmark::State& state, SimdPath path, int threads) {
  if (!SimdPathSupported(path)) {
    state.SkipWithError("SIMD path not supported on this CPU");
    return false;
  }
  state.SetLabel(std::string(SimdPathName(path)) + ", " + std::to_string(threads) + " thread" +
                 (threads == 1 ? "" : "s"));
  return true;
}

void SetRate(benchmark::State& state, double elements_per_iteration) {
  state.counters["elements/s"] =
      benchmark::Counter(elements_per_iteration * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}

// Args: log_n, num_cols, path, threads.
void BM_ForwardNtt(benchmark::State& state) {
  const int log_n = static_cast<int>(state.range(0));
  const size_t num_cols = state.range(1);
  const SimdPath path = static_cast<SimdPath>(state.range(2));
  const int threads = static_cast<int>(state.range(3));
  if (!Setup(state, path, threads)) return;
  tbb::global_control control(tbb::global_control::max_allowed_parallelism, threads);
  ColumnMajorMatrix m(size_t{1} << log_n, num_cols);
  Fill(m, 1);
  for (auto _ : state) {
    if (num_cols == 1) {
      ForwardNtt(m.column(0), path);
    } else {
      ForwardNttColumns(m, path);
    }
    benchmark::ClobberMemory();
  }
  SetRate(state, static_cast<double>(m.size()));
}

void BM_InverseNtt(benchmark::State& state) {
  const int log_n = static_cast<int>(state.range(0));
  const SimdPath path = static_cast<SimdPath>(state.range(2));
  const int threads = static_cast<int>(state.range(3));
  if (!Setup(state, path, threads)) return;
  tbb::global_control control(tbb::global_control::max_allowed_parallelism, threads);
  ColumnMajorMatrix m(size_t{1} << log_n, 1);
  Fill(m, 2);
  for (auto _ : state) {
    InverseNtt(m.column(0), path);
    benchmark::ClobberMemory();
  }
  SetRate(state, static_cast<double>(m.size()));
}

// Args: log_n, num_cols, path, threads, log_blowup.
void BM_CosetLde(benchmark::State& state) {
  const int log_n = static_cast<int>(state.range(0));
  const size_t num_cols = state.range(1);
  const SimdPath path = static_cast<SimdPath>(state.range(2));
  const int threads = static_cast<int>(state.range(3));
  const int log_blowup = static_cast<int>(state.range(4));
  if (!Setup(state, path, threads)) return;
  tbb::global_control control(tbb::global_control::max_allowed_parallelism, threads);
  ColumnMajorMatrix trace(size_t{1} << log_n, num_cols);
  Fill(trace, 3);
  ColumnMajorMatrix lde(trace.num_rows() << log_blowup, num_cols);
  // One untimed run: the first touch of fresh pages can cost more than the LDE itself
  // (0.3 GB/s on some virtual machines), and a prover reuses its LDE buffers.
  CosetLde(trace, log_blowup, lde, path);
  for (auto _ : state) {
    CosetLde(trace, log_blowup, lde, path);
    benchmark::ClobberMemory();
  }
  SetRate(state, static_cast<double>(lde.size()));
}

constexpr int kScalar = static_cast<int>(SimdPath::kScalar);
constexpr int kAvx2 = static_cast<int>(SimdPath::kAvx2);
constexpr int kAvx512 = static_cast<int>(SimdPath::kAvx512);

void SingleColumn(benchmark::internal::Benchmark* b) {
  for (int log_n : {20, 22}) {
    for (int path : {kScalar, kAvx2, kAvx512}) b->Args({log_n, 1, path, 1});
    b->Args({log_n, 1, static_cast<int>(BestSimdPath()), 2});
  }
}

void ManyColumns(benchmark::internal::Benchmark* b) {
  for (int log_n : {20, 22}) {
    for (int threads : {1, 2}) b->Args({log_n, 64, static_cast<int>(BestSimdPath()), threads});
  }
}

BENCHMARK(BM_ForwardNtt)
    ->Apply(SingleColumn)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(0.2)
    ->UseRealTime();
BENCHMARK(BM_ForwardNtt)
    ->Apply(ManyColumns)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2)
    ->UseRealTime();
BENCHMARK(BM_InverseNtt)
    ->Args({20, 1, static_cast<int>(BestSimdPath()), 1})
    ->Args({20, 1, static_cast<int>(BestSimdPath()), 2})
    ->Unit(benchmark::kMillisecond)
    ->MinTime(0.2)
    ->UseRealTime();
BENCHMARK(BM_CosetLde)
    ->Args({20, 64, static_cast<int>(BestSimdPath()), 1, 1})
    ->Args({20, 64, static_cast<int>(BestSimdPath()), 2, 1})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2)
    ->UseRealTime();

}  // namespace
}  // namespace zkvm::crypto

BENCHMARK_MAIN();
