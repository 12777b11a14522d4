// The common main() of the Google Benchmark programs in bench/: takes the program's own
// integer flags (--name=value) out of argv, then hands the rest to Google Benchmark.
#pragma once

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <initializer_list>

namespace zkvm::bench {

struct IntFlag {
  const char* name;  // without the leading "--"
  std::function<void(long)> set;
};

inline int RunBenchmarkMain(int argc, char** argv, std::initializer_list<IntFlag> flags) {
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    bool consumed = false;
    for (const IntFlag& flag : flags) {
      const size_t n = std::strlen(flag.name);
      if (std::strncmp(argv[i], "--", 2) == 0 && std::strncmp(argv[i] + 2, flag.name, n) == 0 &&
          argv[i][2 + n] == '=') {
        flag.set(std::strtol(argv[i] + 3 + n, nullptr, 0));
        consumed = true;
      }
    }
    if (!consumed) argv[kept++] = argv[i];
  }
  argc = kept;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

}  // namespace zkvm::bench
