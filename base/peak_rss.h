// The peak resident set of this process so far, for --stats, ProveStats and the benchmarks.
#pragma once

#include <stdint.h>

namespace zkvm {

// Linux: VmHWM from /proc/self/status (what getrusage's ru_maxrss and /usr/bin/time report),
// in bytes; elsewhere ru_maxrss. Not reset between phases of a run: it is the high-water mark
// since the process started. 0 where neither is available.
uint64_t PeakRssBytes();

}  // namespace zkvm
