// STARK prove/verify workload: prove time, verify time, proof size and peak RSS for the
// Fibonacci test AIR at 2^k rows and for a multi-table statement (Fibonacci 2^(k-2) and 2^(k-4)
// with the three-table bus pipeline: five tables, four heights). One case per process, so the
// peak RSS is the case's own.
//   build/bench/stark_bench [--case=fib|multi] [--log-rows=K] [--preset=default|recursion|test]
//   make bench runs fib at 2^16 and 2^20 and multi at 2^18 with the default preset; 2^22 is
//   `build/bench/stark_bench --log-rows=22` (minutes, several GiB).
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include "base/peak_rss.h"
#include "stark/prover/stark_prover.h"
#include "stark/verifier/stark_verifier_host.h"
#include "testing/airs/test_traces.h"

namespace zkvm::stark {
namespace {

using crypto::ColumnMajorMatrix;

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

double PeakRssMiB() { return static_cast<double>(PeakRssBytes()) / 1048576.0; }

int Run(const std::string& which, int log_rows, const ProofOptions& options) {
  testing::FibonacciAir fib_air;
  ProverAirAdapter<testing::FibonacciAir> fib(fib_air);
  testing::WordSourceAir words_air;
  testing::BytesAir bytes_air;
  testing::ByteRangeAir range_air;
  ProverAirAdapter<testing::WordSourceAir> words(words_air);
  ProverAirAdapter<testing::BytesAir> bytes(bytes_air);
  ProverAirAdapter<testing::ByteRangeAir> range(range_air);

  ProverStatement statement;
  statement.options = options;
  std::vector<ColumnMajorMatrix> traces;
  auto add_fib = [&](int k) {
    traces.push_back(testing::FibonacciTrace(size_t{1} << k, 1, 1));
    const ColumnMajorMatrix& t = traces.back();
    statement.tables.push_back({&fib, t, {}, {t(0, 0), t(0, 1), t(t.num_rows() - 1, 1)}});
  };
  traces.reserve(4);
  testing::PipelineTraces pipeline = testing::PipelineTrace(0x01020304, 0x01010101);
  size_t cells = 0;
  if (which == "fib") {
    add_fib(log_rows);
  } else {
    add_fib(log_rows - 2);
    add_fib(log_rows - 4);
    statement.tables.push_back({&words, pipeline.words, {}, pipeline.word_publics});
    statement.tables.push_back({&bytes, pipeline.bytes, {}, {}});
    statement.tables.push_back({&range, pipeline.range, pipeline.range_fixed, {}});
  }
  size_t rows = 0;
  for (const ProverTable& t : statement.tables) {
    cells += t.main.size();
    rows += t.main.num_rows();
  }

  const auto t0 = std::chrono::steady_clock::now();
  Result<std::vector<uint8_t>> proof = ProveStark(statement);
  const double prove_s = Seconds(t0);
  if (!proof.ok()) {
    std::fprintf(stderr, "prove failed: %s\n", proof.error().message.c_str());
    return 1;
  }
  Result<crypto::MerkleDigest> root = PreprocessedRoot(statement);
  std::vector<StarkTable> tables;
  const StarkStatement verifier_statement = VerifierStatement(statement, *root, &tables);
  constexpr int kVerifyRuns = 5;
  const auto t1 = std::chrono::steady_clock::now();
  for (int i = 0; i < kVerifyRuns; ++i) {
    // --preset test asks for the insecure preset explicitly.
    const Status s = VerifyStark(*proof, verifier_statement,
                                 options.insecure() ? kAllowInsecurePreset : VerifyConfig{});
    if (!s.ok()) {
      std::fprintf(stderr, "verify failed: %s\n", s.message().c_str());
      return 1;
    }
  }
  const double verify_ms = Seconds(t1) * 1000.0 / kVerifyRuns;
  std::printf(
      "case=%s log_rows=%d tables=%zu rows=%zu main_cells=%zu preset=%s queries=%u blowup=%u | "
      "prove %.3f s (%.0f rows/s) | verify %.2f ms | proof %zu bytes | peak RSS %.0f MiB "
      "(%.0f bytes/row)\n",
      which.c_str(), log_rows, statement.tables.size(), rows, cells, PresetName(options.preset),
      unsigned{options.num_queries}, unsigned{options.blowup()}, prove_s,
      static_cast<double>(rows) / prove_s, verify_ms, proof->size(), PeakRssMiB(),
      PeakRssMiB() * 1048576.0 / static_cast<double>(rows));
  return 0;
}

}  // namespace
}  // namespace zkvm::stark

int main(int argc, char** argv) {
  std::string which = "fib", preset = "default";
  int log_rows = 16;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--case=", 0) == 0) {
      which = arg.substr(7);
    } else if (arg.rfind("--log-rows=", 0) == 0) {
      log_rows = std::stoi(arg.substr(11));
    } else if (arg.rfind("--preset=", 0) == 0) {
      preset = arg.substr(9);
    } else {
      std::fprintf(stderr, "stark_bench: unknown argument %s\n", arg.c_str());
      return 2;
    }
  }
  using zkvm::stark::ProofOptions;
  const ProofOptions options = preset == "recursion" ? zkvm::stark::kRecursionOptions
                               : preset == "test"    ? zkvm::stark::kInsecureTestOptions
                                                     : zkvm::stark::kDefaultOptions;
  if ((which != "fib" && which != "multi") || log_rows < 6 || log_rows > 24) {
    std::fprintf(stderr, "stark_bench: --case=fib|multi, --log-rows=6..24\n");
    return 2;
  }
  return zkvm::stark::Run(which, log_rows, options);
}
