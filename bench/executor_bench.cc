// Executor throughput on the fibonacci guest with a large n: MIPS (millions of guest
// instructions per second) with logging off (the plain interpreter loop, DESIGN.md section 10
// target >= 300 MIPS), with step logging on (what proving pays), and with profiling on.
//   build/bench/executor_bench [--n=N] [google-benchmark flags]
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "executor/executor.h"
#include "executor/profiler.h"

namespace zkvm {
namespace {

using executor::ExecutionLog;
using executor::Executor;

uint32_t g_n = 10'000'000;

const executor::Program& Fibonacci() {
  static const executor::Program program = [] {
    auto p = executor::LoadElfFile(std::string(ZKVM_GUEST_DIR) + "/fibonacci/fibonacci.elf");
    if (!p) {
      std::fprintf(stderr, "%s (run make compile-programs)\n", p.error().message.c_str());
      std::exit(1);
    }
    return std::move(p).value();
  }();
  return program;
}

std::vector<uint8_t> Input() {
  std::vector<uint8_t> input(4);
  std::memcpy(input.data(), &g_n, 4);
  return input;
}

enum class Mode { kPlain, kLogging, kProfiling };

void RunFibonacci(benchmark::State& state, Mode mode) {
  const executor::Program& program = Fibonacci();
  const std::vector<uint8_t> input = Input();
  uint64_t cycles = 0;
  ExecutionLog log;
  for (auto _ : state) {
    state.PauseTiming();
    auto ex = Executor::Create(program, input);
    log.Clear();
    executor::Profile profile(program);
    state.ResumeTiming();
    executor::RunOptions options;
    if (mode == Mode::kLogging) options.log = &log;
    if (mode == Mode::kProfiling) options.profile = &profile;
    const auto& st = ex->Run(options);
    if (st.status != executor::RunStatus::kHalted) state.SkipWithError("guest did not halt");
    cycles += st.cycle;
    benchmark::DoNotOptimize(st.public_output.data());
  }
  state.counters["MIPS"] =
      benchmark::Counter(static_cast<double>(cycles) / 1e6, benchmark::Counter::kIsRate);
  state.counters["cycles"] = static_cast<double>(cycles / state.iterations());
  if (mode == Mode::kLogging) {
    state.counters["log_bytes_per_cycle"] =
        static_cast<double>(log.steps.size() * sizeof(executor::StepRecord)) /
        static_cast<double>(log.steps.size());
  }
}

void BM_ExecuteLoggingOff(benchmark::State& s) { RunFibonacci(s, Mode::kPlain); }
void BM_ExecuteLoggingOn(benchmark::State& s) { RunFibonacci(s, Mode::kLogging); }
void BM_ExecuteProfiling(benchmark::State& s) { RunFibonacci(s, Mode::kProfiling); }
BENCHMARK(BM_ExecuteLoggingOff)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_ExecuteLoggingOn)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_ExecuteProfiling)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace
}  // namespace zkvm

int main(int argc, char** argv) {
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--n=", 4) == 0) {
      zkvm::g_n = static_cast<uint32_t>(std::strtoul(argv[i] + 4, nullptr, 0));
    } else {
      argv[kept++] = argv[i];
    }
  }
  argc = kept;
  std::printf("fibonacci guest, n = %u\n", zkvm::g_n);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
