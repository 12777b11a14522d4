// fib(n) mod 2^64, iteratively: a tight loop whose length the input sets (n up to 2^30 and
// beyond), used for executor and prover benchmarks.
//
// Payload: n as u32 little-endian. Public output: fib(n) as 8 bytes little-endian
// (fib(0) = 0, fib(1) = 1). Exit code kExitShortInput if the payload has fewer than 4 bytes.

#include <stddef.h>
#include <stdint.h>

#include "syscalls/zkvm.h"

namespace {

constexpr uint32_t kExitShortInput = 1;

uint64_t Fibonacci(uint32_t n) {
  uint64_t current = 0;
  uint64_t next = 1;
  for (uint32_t i = 0; i < n; ++i) {
    const uint64_t sum = current + next;
    current = next;
    next = sum;
  }
  return current;
}

}  // namespace

int main() {
  const std::span<const uint8_t> input = zkvm::PrivateInput();
  if (input.size() < 4) {
    zkvm::DebugPrint("fibonacci: the payload must start with n as a u32 little-endian\n");
    zkvm::Halt(kExitShortInput);
  }
  const uint32_t n = static_cast<uint32_t>(input[0]) | static_cast<uint32_t>(input[1]) << 8 |
                     static_cast<uint32_t>(input[2]) << 16 | static_cast<uint32_t>(input[3]) << 24;
  const uint64_t result = Fibonacci(n);
  uint8_t output[8];
  for (int i = 0; i < 8; ++i) output[i] = static_cast<uint8_t>(result >> (8 * i));
  zkvm::Commit(output, sizeof(output));
  return 0;
}
