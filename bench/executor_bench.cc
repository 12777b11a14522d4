// Executor throughput on the fibonacci guest: MIPS (millions of guest instructions per second)
//  - logging off, fib(10^7) = 100M cycles: the plain interpreter loop (DESIGN.md section 10
//    target >= 300 MIPS);
//  - logging on, one proving segment of ~2^22 cycles (fib(420,000)): into a reused log buffer
//    (steady state of a prover that executes segment after segment) and into a fresh one
//    (includes the first-touch cost of 32 bytes per cycle of new memory);
//  - profiling on, fib(10^7).
//   build/bench/executor_bench [--n=N (overrides every n)] [google-benchmark flags]
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "bench/bench_main.h"
#include "executor/executor.h"
#include "executor/profiler.h"

namespace zkvm {
namespace {

using executor::ExecutionLog;
using executor::Executor;

uint32_t g_n_override = 0;

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

std::vector<uint8_t> Input(uint32_t n) {
  std::vector<uint8_t> input(4);
  std::memcpy(input.data(), &n, 4);
  return input;
}

enum class Mode { kPlain, kLogging, kLoggingFresh, kProfiling };

void RunFibonacci(benchmark::State& state, Mode mode) {
  const executor::Program& program = Fibonacci();
  const uint32_t n = g_n_override ? g_n_override : static_cast<uint32_t>(state.range(0));
  const std::vector<uint8_t> input = Input(n);
  uint64_t cycles = 0;
  ExecutionLog log;
  for (auto _ : state) {
    state.PauseTiming();
    auto ex = Executor::Create(program, input);
    if (mode == Mode::kLoggingFresh) {
      log = ExecutionLog();
    } else {
      log.Clear();  // keeps the capacity
    }
    executor::Profile profile(program);
    state.ResumeTiming();
    executor::RunOptions options;
    if (mode == Mode::kLogging || mode == Mode::kLoggingFresh) options.log = &log;
    if (mode == Mode::kProfiling) options.profile = &profile;
    const auto& st = ex->Run(options);
    if (st.status != executor::RunStatus::kHalted) state.SkipWithError("guest did not halt");
    cycles += st.cycle;
    benchmark::DoNotOptimize(st.public_output.data());
  }
  state.counters["MIPS"] =
      benchmark::Counter(static_cast<double>(cycles) / 1e6, benchmark::Counter::kIsRate);
  state.counters["cycles"] = static_cast<double>(cycles / state.iterations());
  if (mode == Mode::kLogging || mode == Mode::kLoggingFresh) {
    state.counters["log_bytes_per_cycle"] =
        static_cast<double>(log.steps.size() * sizeof(executor::StepRecord)) /
        static_cast<double>(log.steps.size());
  }
}

void BM_ExecuteLoggingOff(benchmark::State& s) { RunFibonacci(s, Mode::kPlain); }
void BM_ExecuteLoggingOnReusedBuffer(benchmark::State& s) { RunFibonacci(s, Mode::kLogging); }
void BM_ExecuteLoggingOnFreshBuffer(benchmark::State& s) { RunFibonacci(s, Mode::kLoggingFresh); }
void BM_ExecuteProfiling(benchmark::State& s) { RunFibonacci(s, Mode::kProfiling); }
BENCHMARK(BM_ExecuteLoggingOff)->Arg(10'000'000)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_ExecuteLoggingOnReusedBuffer)
    ->Arg(420'000)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0);
BENCHMARK(BM_ExecuteLoggingOnFreshBuffer)
    ->Arg(420'000)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0);
BENCHMARK(BM_ExecuteProfiling)->Arg(10'000'000)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace
}  // namespace zkvm

int main(int argc, char** argv) {
  return zkvm::bench::RunBenchmarkMain(
      argc, argv,
      {
          {"n", [](long v) { zkvm::g_n_override = static_cast<uint32_t>(v); }},
      });
}
