// Goldilocks arithmetic throughput in field operations per second, single-threaded:
//  - Felt's own operators (felt.h) in a loop, the reference every path must match;
//  - the array kernels of crypto/field/felt_array.h on each SIMD path (scalar, AVX2 4 lanes,
//    AVX-512 8 lanes): elementwise mul, add, sub and the fused acc += b * c.
// Arrays of 1024 elements stay in L1, so this measures arithmetic, not memory.
//   build/bench/field_bench [google-benchmark flags]
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "crypto/field/felt.h"
#include "crypto/field/felt_array.h"

namespace zkvm::crypto {
namespace {

constexpr size_t kN = 1024;

std::vector<Felt> Random(uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Felt> v(kN);
  for (Felt& x : v) x = Felt::FromU64(rng());
  return v;
}

void SetRate(benchmark::State& state, const char* name) {
  state.counters[name] =
      benchmark::Counter(static_cast<double>(state.iterations()) * kN, benchmark::Counter::kIsRate);
}

void BM_FeltOperatorMul(benchmark::State& state) {
  const std::vector<Felt> a = Random(1), b = Random(2);
  std::vector<Felt> out(kN);
  for (auto _ : state) {
    for (size_t i = 0; i < kN; ++i) out[i] = a[i] * b[i];
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  SetRate(state, "mul/s");
}
BENCHMARK(BM_FeltOperatorMul);

void BM_FeltOperatorAdd(benchmark::State& state) {
  const std::vector<Felt> a = Random(1), b = Random(2);
  std::vector<Felt> out(kN);
  for (auto _ : state) {
    for (size_t i = 0; i < kN; ++i) out[i] = a[i] + b[i];
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  SetRate(state, "add/s");
}
BENCHMARK(BM_FeltOperatorAdd);

enum class Op { kMul, kAdd, kSub, kAddScaled };

void BM_Array(benchmark::State& state, Op op) {
  const SimdPath path = static_cast<SimdPath>(state.range(0));
  if (!SimdPathSupported(path)) {
    state.SkipWithError("SIMD path not supported on this CPU");
    return;
  }
  state.SetLabel(std::string(SimdPathName(path)));
  const std::vector<Felt> a = Random(1), b = Random(2);
  const Felt c = Felt::FromU64(12345678901234567ull);
  std::vector<Felt> out = Random(3);
  for (auto _ : state) {
    switch (op) {
      case Op::kMul:
        ArrayMul(out, a, b, path);
        break;
      case Op::kAdd:
        ArrayAdd(out, a, b, path);
        break;
      case Op::kSub:
        ArraySub(out, a, b, path);
        break;
      case Op::kAddScaled:
        ArrayAddScaled(out, a, c, path);
        break;
    }
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  SetRate(state, op == Op::kMul   ? "mul/s"
                 : op == Op::kAdd ? "add/s"
                 : op == Op::kSub ? "sub/s"
                                  : "mul+add/s");
}

void Paths(benchmark::internal::Benchmark* b) {
  for (SimdPath path : kAllSimdPaths) b->Arg(static_cast<int>(path));
}
BENCHMARK_CAPTURE(BM_Array, mul, Op::kMul)->Apply(Paths);
BENCHMARK_CAPTURE(BM_Array, add, Op::kAdd)->Apply(Paths);
BENCHMARK_CAPTURE(BM_Array, sub, Op::kSub)->Apply(Paths);
BENCHMARK_CAPTURE(BM_Array, add_scaled, Op::kAddScaled)->Apply(Paths);

}  // namespace
}  // namespace zkvm::crypto

BENCHMARK_MAIN();
