// Batched FRI (stark/fri) on one Ext3 codeword of 2^20 values (the LDE of a random 3-column
// trace) at blowup 2 and 8: prove (fold + commit every layer, final polynomial, openings) and
// verify (parse, transcript replay, Merkle openings, folding), with the proof size and the
// folded elements per second of the prover.
//   build/bench/fri_bench [--log_size=N] [--queries=N] [--grinding=N] [google-benchmark flags]
#include <benchmark/benchmark.h>
#include <tbb/task_arena.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <random>
#include <vector>

#include "bench/bench_main.h"
#include "crypto/field/matrix.h"
#include "crypto/ntt/lde.h"
#include "crypto/transcript/prover_transcript.h"
#include "crypto/transcript/verifier_transcript.h"
#include "stark/fri/fri_prover.h"
#include "stark/fri/fri_verifier.h"

namespace zkvm::stark {
namespace {

uint32_t g_log_size = 20;
uint32_t g_queries = 100;
uint32_t g_grinding = 0;
constexpr size_t kMaxQueries = 1024;

struct TablePairs {
  const crypto::ColumnMajorMatrix* codeword;
  FriPair operator()(uint32_t, uint32_t, uint32_t k) const {
    const crypto::ColumnMajorMatrix& m = *codeword;
    return {Ext3(m(2 * k, 0), m(2 * k, 1), m(2 * k, 2)),
            Ext3(m(2 * k + 1, 0), m(2 * k + 1, 1), m(2 * k + 1, 2))};
  }
};

void BM_Fri(benchmark::State& state) {
  const uint32_t log_blowup = static_cast<uint32_t>(state.range(0));
  const int threads = state.range(1) == 0 ? tbb::this_task_arena::max_concurrency()
                                          : static_cast<int>(state.range(1));
  FriOptions options;
  options.log_blowup = log_blowup;
  options.num_queries = g_queries;
  options.grinding_bits = g_grinding;
  options.log_final_poly_len = 3;  // 8 final coefficients

  crypto::ColumnMajorMatrix trace(size_t{1} << (g_log_size - log_blowup), 3);
  std::mt19937_64 rng(11);
  for (size_t c = 0; c < 3; ++c) {
    for (Felt& f : trace.column(c)) f = Felt::FromU64(rng());
  }
  const crypto::ColumnMajorMatrix codeword = crypto::CosetLde(trace, static_cast<int>(log_blowup));
  const crypto::ConstMatrixView view = codeword.view();
  const uint32_t log_sizes[] = {g_log_size};
  auto verifier = std::make_unique<FriVerifier<kMaxQueries>>();

  tbb::task_arena arena(threads);
  double prove_s = 0, verify_s = 0;
  size_t proof_bytes = 0;
  bool all_ok = true;
  for (auto _ : state) {
    arena.execute([&] {
      const auto t0 = std::chrono::steady_clock::now();
      crypto::ProverTranscript prover_transcript("fri-bench");
      const FriProof proof = ProveFri(options, {&view, 1}, prover_transcript);
      const std::vector<uint8_t> bytes = proof.Serialize();
      const auto t1 = std::chrono::steady_clock::now();
      crypto::VerifierTranscript<> verifier_transcript("fri-bench");
      FriStatus status = verifier->ReadProof(options, log_sizes, 1, bytes.data(), bytes.size());
      if (status.ok()) status = verifier->ReplayTranscript(verifier_transcript);
      if (status.ok()) status = verifier->VerifyQueries(TablePairs{&codeword});
      const auto t2 = std::chrono::steady_clock::now();
      all_ok = all_ok && status.ok();
      proof_bytes = bytes.size();
      prove_s += std::chrono::duration<double>(t1 - t0).count();
      verify_s += std::chrono::duration<double>(t2 - t1).count();
    });
  }
  if (!all_ok) state.SkipWithError("verification failed");
  const double n = static_cast<double>(state.iterations());
  state.counters["threads"] = threads;
  state.counters["queries"] = g_queries;
  state.counters["prove_ms"] = 1e3 * prove_s / n;
  state.counters["verify_ms"] = 1e3 * verify_s / n;
  state.counters["proof_KiB"] = static_cast<double>(proof_bytes) / 1024.0;
  state.counters["elements/s"] = static_cast<double>(size_t{1} << g_log_size) * n / prove_s;
}
BENCHMARK(BM_Fri)
    ->ArgNames({"log_blowup", "threads"})
    ->Args({1, 0})
    ->Args({1, 1})
    ->Args({3, 0})
    ->Args({3, 1})
    ->Iterations(5)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace zkvm::stark

int main(int argc, char** argv) {
  return zkvm::bench::RunBenchmarkMain(
      argc, argv,
      {
          {"log_size", [](long v) { zkvm::stark::g_log_size = static_cast<uint32_t>(v); }},
          {"queries", [](long v) { zkvm::stark::g_queries = static_cast<uint32_t>(v); }},
          {"grinding", [](long v) { zkvm::stark::g_grinding = static_cast<uint32_t>(v); }},
      });
}
