// VM prove/verify workload (prover/vm/prove.h): the fibonacci guest sized to about 2^k cycles,
// proved at a preset. Prints cycles, prove time, cycles/s overall and per core, peak RSS in
// bytes per cycle, committed cells per cycle, proof size, verify time, the time split (execute
// and route, trace building, STARK) and the table heights. One case per process, so the peak
// RSS is the case's own.
//   build/bench/prove_bench [--log-cycles=K] [--preset=default|recursion|test] [--segments=S]
//                           [--hash=sha3|poseidon2]
//   make bench runs K = 16, 18 and 20 at the default preset.
// --segments=S proves the run in S segments of 2^K / S cycles (docs/continuations.md).
// --segment-table runs the same 2^K-cycle run in 1, 4 and 16 segments, each in a process of its
// own, and prints total time, peak RSS, proof size and verify time with their ratios to the
// one-segment proof: the measured cost of segmenting.
// --hash-table runs the same run with each hash (SHA3-256, Poseidon2), one process each, and
// prints the same columns with their ratios to the SHA3 proof: the cost of a proof a guest can
// verify cheaply.
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "bench/vm_bench_support.h"
#include "executor/executor.h"
#include "prover/tables/vm_table.h"
#include "prover/vm/prove.h"
#include "prover/vm/verify.h"

namespace zkvm::prover {
namespace {

using bench::PeakRssBytes;

std::vector<uint8_t> InputFor(uint32_t n) {
  return {static_cast<uint8_t>(n), static_cast<uint8_t>(n >> 8), static_cast<uint8_t>(n >> 16),
          static_cast<uint8_t>(n >> 24)};
}

uint64_t CyclesFor(const executor::Program& program, uint32_t n) {
  Result<executor::Executor> ex = executor::Executor::Create(program, InputFor(n));
  ZKVM_CHECK(ex.ok(), "fibonacci starts");
  return ex->Run({}).cycle;
}

int Run(int log_cycles, const stark::ProofOptions& options, const char* preset, int segments) {
  const char* hash = crypto::HashName(options.hash);
  Result<executor::Program> program =
      executor::LoadElfFile(std::string(ZKVM_GUEST_DIR) + "/fibonacci/fibonacci.elf");
  if (!program.ok()) {
    std::fprintf(stderr, "prove_bench: %s\n", program.error().message.c_str());
    return 2;
  }
  // Cycles are affine in n: pick n for 2^k cycles from two runs.
  const uint64_t c1 = CyclesFor(*program, 1000), c2 = CyclesFor(*program, 2000);
  const double per_n = static_cast<double>(c2 - c1) / 1000.0;
  // Just under 2^k, so the run fills exactly 2^k / S-cycle segments.
  const double target = static_cast<double>(uint64_t{1} << log_cycles) - 256;
  const auto n = static_cast<uint32_t>((target - (static_cast<double>(c1) - 1000 * per_n)) / per_n);
  const std::vector<uint8_t> input = InputFor(n);

  ProveConfig config;
  config.options = options;
  const int log_segments = std::countr_zero(static_cast<unsigned>(segments));
  config.log_segment_cycles = static_cast<uint32_t>(std::max(log_cycles - log_segments, 10));
  ProveStats stats;
  Result<std::vector<uint8_t>> proof = Prove(*program, input, config, &stats);
  if (!proof.ok()) {
    std::fprintf(stderr, "prove_bench: %s\n", proof.error().message.c_str());
    return 1;
  }
  // Verification as a consumer with the verifying key at hand (zkvm verify <proof> <vk>), and
  // the cost of recomputing the key from the ELF, separately.
  const auto vk_start = std::chrono::steady_clock::now();
  Result<VerifyingKey> vk = ComputeVerifyingKey(*program, options);
  const double vk_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - vk_start)
          .count();
  if (!vk.ok()) {
    std::fprintf(stderr, "prove_bench: %s\n", vk.error().message.c_str());
    return 1;
  }
  const double verify_ms = bench::TimedVerify("prove_bench", *proof, *vk, options);
  if (verify_ms < 0) return 1;
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const double cycles = static_cast<double>(stats.cycles);
  std::printf("fibonacci n=%u, %s preset, %s (%.1f provable bits), %u cores\n", n, preset, hash,
              stats.security_bits, cores);
  std::printf("  cycles                 %llu (2^%.2f)\n",
              static_cast<unsigned long long>(stats.cycles), std::log2(cycles));
  std::printf(
      "  prove                  %.2f s: execute+route %.2f s, traces %.2f s, stark %.2f s\n",
      stats.total_seconds, stats.execute_seconds, stats.trace_seconds, stats.stark_seconds);
  std::printf("  throughput             %.0f cycles/s, %.0f cycles/s per core\n",
              cycles / stats.total_seconds, cycles / stats.total_seconds / cores);
  std::printf("  peak RSS               %.1f MiB, %.0f bytes per cycle\n",
              PeakRssBytes() / 1048576.0, PeakRssBytes() / cycles);
  std::printf("  committed cells        %.1f per cycle (main + aux, padded rows)\n",
              static_cast<double>(stats.committed_cells) / cycles);
  std::printf("%s", stark::DescribeProverStats(stats.stark, "  ").c_str());
  std::printf("  proof size             %zu bytes\n", stats.proof_bytes);
  std::printf(
      "  verify                 %.1f ms with the verifying key (computing the key from the "
      "ELF: %.1f ms more)\n",
      verify_ms, vk_ms);
  if (stats.segments.size() > 1) {
    std::printf("  segments               %zu of 2^%u cycles (last segment's tables below)\n",
                stats.segments.size(), config.log_segment_cycles);
  }
  bench::PrintTables(stats);
  // For --segment-table (parsed by the parent process).
  std::printf("SEGMENT_RESULT %zu %.3f %.0f %zu %.3f\n", stats.segments.size(), stats.total_seconds,
              PeakRssBytes(), stats.proof_bytes, verify_ms);
  return 0;
}

// One case in a process of its own: its SEGMENT_RESULT line.
struct CaseResult {
  int segments = 0;
  double seconds = 0, rss = 0;
  size_t proof = 0;
  double verify_ms = 0;
};

bool RunCase(const std::string& command, CaseResult* row) {
  FILE* child = popen(command.c_str(), "r");
  if (child == nullptr) return false;
  char line[512];
  bool found = false;
  while (std::fgets(line, sizeof(line), child) != nullptr) {
    size_t got = 0;
    if (std::sscanf(line, "SEGMENT_RESULT %zu %lf %lf %zu %lf", &got, &row->seconds, &row->rss,
                    &row->proof, &row->verify_ms) == 5) {
      row->segments = static_cast<int>(got);
      found = true;
    }
  }
  return pclose(child) == 0 && found;
}

// The cases' columns with their ratios to the first.
void PrintCases(const char* label, const std::vector<std::string>& names,
                const std::vector<CaseResult>& rows) {
  std::printf("  %10s %10s %7s %12s %7s %12s %7s %10s %7s\n", label, "prove s", "ratio", "peak RSS",
              "ratio", "proof B", "ratio", "verify ms", "ratio");
  for (size_t i = 0; i < rows.size(); ++i) {
    const CaseResult& r = rows[i];
    std::printf("  %10s %10.2f %7.2f %10.1f Mi %7.2f %12zu %7.2f %10.1f %7.2f\n", names[i].c_str(),
                r.seconds, r.seconds / rows[0].seconds, r.rss / 1048576.0, r.rss / rows[0].rss,
                r.proof, static_cast<double>(r.proof) / static_cast<double>(rows[0].proof),
                r.verify_ms, r.verify_ms / rows[0].verify_ms);
  }
}

// --segment-table: the same run in 1, 4 and 16 segments, each in its own process.
int SegmentTable(const char* self, int log_cycles, const char* preset, const char* hash) {
  std::vector<CaseResult> rows;
  std::vector<std::string> names;
  for (int segments : {1, 4, 16}) {
    const std::string command = std::string(self) + " --log-cycles=" + std::to_string(log_cycles) +
                                " --preset=" + preset + " --hash=" + hash +
                                " --segments=" + std::to_string(segments);
    CaseResult row;
    if (!RunCase(command, &row)) {
      std::fprintf(stderr, "prove_bench: the %d-segment case failed\n", segments);
      return 1;
    }
    rows.push_back(row);
    names.push_back(std::to_string(segments));
  }
  std::printf("fibonacci at 2^%d cycles, %s preset, %s, one process per case\n", log_cycles, preset,
              hash);
  PrintCases("segments", names, rows);
  return 0;
}

// --hash-table: the same one-segment run with each hash, each in its own process.
int HashTable(const char* self, int log_cycles, const char* preset) {
  std::vector<CaseResult> rows;
  std::vector<std::string> names;
  for (const char* hash : {"sha3", "poseidon2"}) {
    const std::string command = std::string(self) + " --log-cycles=" + std::to_string(log_cycles) +
                                " --preset=" + preset + " --hash=" + hash;
    CaseResult row;
    if (!RunCase(command, &row)) {
      std::fprintf(stderr, "prove_bench: the %s case failed\n", hash);
      return 1;
    }
    rows.push_back(row);
    names.push_back(hash);
  }
  std::printf("fibonacci at 2^%d cycles, %s preset, one process per case\n", log_cycles, preset);
  PrintCases("hash", names, rows);
  return 0;
}

}  // namespace
}  // namespace zkvm::prover

int main(int argc, char** argv) {
  int log_cycles = 16;
  int segments = 1;
  bool table = false, hash_table = false;
  const char* preset = "default";
  const char* hash = "sha3";
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--log-cycles=", 13) == 0) {
      log_cycles = std::atoi(argv[i] + 13);
    } else if (std::strncmp(argv[i], "--segments=", 11) == 0) {
      segments = std::atoi(argv[i] + 11);
    } else if (std::strcmp(argv[i], "--segment-table") == 0) {
      table = true;
    } else if (std::strcmp(argv[i], "--hash-table") == 0) {
      hash_table = true;
    } else if (std::strncmp(argv[i], "--preset=", 9) == 0) {
      preset = argv[i] + 9;
    } else if (std::strncmp(argv[i], "--hash=", 7) == 0) {
      hash = argv[i] + 7;
    } else {
      std::fprintf(stderr, "prove_bench: unknown flag %s\n", argv[i]);
      return 2;
    }
  }
  if (log_cycles < 10 || log_cycles > 26) {
    std::fprintf(stderr, "prove_bench: --log-cycles must be in [10, 26]\n");
    return 2;
  }
  const zkvm::stark::ProofOptions* preset_options = zkvm::prover::bench::PresetOptions(preset);
  if (preset_options == nullptr) {
    std::fprintf(stderr, "prove_bench: --preset must be default, recursion or test\n");
    return 2;
  }
  if (std::strcmp(hash, "sha3") != 0 && std::strcmp(hash, "poseidon2") != 0) {
    std::fprintf(stderr, "prove_bench: --hash must be sha3 or poseidon2\n");
    return 2;
  }
  const zkvm::stark::ProofOptions options = zkvm::stark::WithHash(
      *preset_options, std::strcmp(hash, "poseidon2") == 0 ? zkvm::crypto::HashId::kPoseidon2
                                                           : zkvm::crypto::HashId::kSha3);
  if (segments < 1 || !std::has_single_bit(static_cast<unsigned>(segments)) ||
      log_cycles - std::countr_zero(static_cast<unsigned>(segments)) < 10) {
    std::fprintf(stderr, "prove_bench: --segments must be a power of two, 2^K / S >= 2^10\n");
    return 2;
  }
  if (hash_table) return zkvm::prover::HashTable(argv[0], log_cycles, preset);
  if (table) return zkvm::prover::SegmentTable(argv[0], log_cycles, preset, hash);
  return zkvm::prover::Run(log_cycles, options, preset, segments);
}
