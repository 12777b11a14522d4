// SHA3-256 throughput for Merkle-shaped inputs: leaf hashes per second for 64-byte and 512-byte
// leaves (a 64-byte leaf is also the size of an internal node's two child digests), comparing
// OpenSSL one message at a time (EVP_Digest, and a reused EVP context with the digest fetched
// once) against our batched sponge on each Keccak backend (scalar, AVX2 4-way, AVX-512 8-way).
// Also Poseidon2 (width 12 over Goldilocks) permutations per second on each backend
// (crypto/hash/poseidon2_batch.h); a 64-byte SHA3 leaf is one Keccak-f[1600] permutation, and a
// Poseidon2 permutation compresses the same 64 bytes (two 4-element digests).
// Single-threaded.
//   build/bench/hash_bench [google-benchmark flags]
#include <benchmark/benchmark.h>
#include <openssl/evp.h>

#include <cstdint>
#include <random>
#include <vector>

#include "crypto/hash/poseidon2.h"
#include "crypto/hash/poseidon2_batch.h"
#include "crypto/hash/sha3_batch.h"

namespace zkvm::crypto {
namespace {

constexpr size_t kNumLeaves = 1 << 14;

std::vector<uint8_t> RandomLeaves(size_t leaf_bytes) {
  std::mt19937_64 rng(7);
  std::vector<uint8_t> data(leaf_bytes * kNumLeaves);
  for (auto& b : data) b = static_cast<uint8_t>(rng());
  return data;
}

void SetCounters(benchmark::State& state, size_t leaf_bytes) {
  const double hashes = static_cast<double>(state.iterations()) * kNumLeaves;
  state.counters["hashes/s"] = benchmark::Counter(hashes, benchmark::Counter::kIsRate);
  state.counters["MB/s"] =
      benchmark::Counter(hashes * leaf_bytes / 1e6, benchmark::Counter::kIsRate);
}

// OpenSSL's one-shot EVP_Digest per leaf: what straightforward code would do.
void BM_OpenSslEvpDigest(benchmark::State& state) {
  const size_t leaf_bytes = state.range(0);
  const std::vector<uint8_t> data = RandomLeaves(leaf_bytes);
  std::vector<uint8_t> digests(32 * kNumLeaves);
  for (auto _ : state) {
    for (size_t i = 0; i < kNumLeaves; ++i) {
      unsigned int len = 0;
      EVP_Digest(data.data() + i * leaf_bytes, leaf_bytes, digests.data() + 32 * i, &len,
                 EVP_sha3_256(), nullptr);
    }
    benchmark::DoNotOptimize(digests.data());
  }
  SetCounters(state, leaf_bytes);
}

// Sha3_256Batch on one backend; kOpenSsl is OpenSSL one by one with a reused context.
void BM_Batch(benchmark::State& state, Sha3BatchBackend backend) {
  if (!Sha3BatchBackendSupported(backend)) {
    state.SkipWithError("backend not supported on this CPU");
    return;
  }
  const size_t leaf_bytes = state.range(0);
  const std::vector<uint8_t> data = RandomLeaves(leaf_bytes);
  std::vector<uint8_t> digests(32 * kNumLeaves);
  for (auto _ : state) {
    Sha3_256Batch(backend, data.data(), leaf_bytes, leaf_bytes, kNumLeaves, digests.data());
    benchmark::DoNotOptimize(digests.data());
  }
  SetCounters(state, leaf_bytes);
}

BENCHMARK(BM_OpenSslEvpDigest)->Arg(64)->Arg(512)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Batch, openssl_reused_ctx, Sha3BatchBackend::kOpenSsl)
    ->Arg(64)
    ->Arg(512)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Batch, scalar, Sha3BatchBackend::kScalar)
    ->Arg(64)
    ->Arg(512)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Batch, avx2_x4, Sha3BatchBackend::kAvx2)
    ->Arg(64)
    ->Arg(512)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Batch, avx512_x8, Sha3BatchBackend::kAvx512)
    ->Arg(64)
    ->Arg(512)
    ->Unit(benchmark::kMillisecond);

// Poseidon2PermuteMany over kNumLeaves states on one backend.
void BM_Poseidon2(benchmark::State& state, SimdPath path) {
  if (!SimdPathSupported(path)) {
    state.SkipWithError("backend not supported on this CPU");
    return;
  }
  std::mt19937_64 rng(7);
  std::vector<Felt> states(kPoseidon2Width * kNumLeaves);
  for (Felt& x : states) x = Felt::FromU64(rng());
  for (auto _ : state) {
    Poseidon2PermuteMany(states, path);
    benchmark::DoNotOptimize(states.data());
  }
  state.counters["permutations/s"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * kNumLeaves, benchmark::Counter::kIsRate);
}

BENCHMARK_CAPTURE(BM_Poseidon2, scalar, SimdPath::kScalar)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Poseidon2, avx2_x4, SimdPath::kAvx2)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Poseidon2, avx512_x8, SimdPath::kAvx512)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace zkvm::crypto

BENCHMARK_MAIN();
