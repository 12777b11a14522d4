// The sum 1 + 2 + ... + n computed by a recursion n frames deep, each frame holding a 256-byte
// local array: a guest whose stack use the input sets. The stack is 16 MiB
// (syscalls/abi.h), so n up to about 50,000 runs and n = 100,000 overflows: the executor
// reports the stack overflow in SumTo, where the frame that does not fit is pushed.
//
// Payload: n as u32 little-endian (test: 100). Public output: the sum as u64 little-endian.
// Exit code kExitShortInput if the payload has fewer than 4 bytes.

#include <stddef.h>
#include <stdint.h>

#include "syscalls/zkvm.h"

namespace {

constexpr uint32_t kExitShortInput = 1;

// noinline and a frame the compiler must keep (its bytes flow into the result), so neither
// inlining nor tail-call elimination turns the recursion into a loop.
[[gnu::noinline]] uint64_t SumTo(uint32_t n) {
  volatile uint8_t frame[256];
  frame[n % sizeof(frame)] = static_cast<uint8_t>(n);
  if (n == 0) return 0;
  const uint64_t below = SumTo(n - 1);
  return below + n + frame[n % sizeof(frame)] - static_cast<uint8_t>(n);
}

}  // namespace

int main() {
  const std::span<const uint8_t> input = zkvm::PrivateInput();
  if (input.size() < 4) {
    zkvm::DebugPrint("recursive_sum: the payload must start with n as a u32 little-endian\n");
    zkvm::Halt(kExitShortInput);
  }
  const uint32_t n = static_cast<uint32_t>(input[0]) | static_cast<uint32_t>(input[1]) << 8 |
                     static_cast<uint32_t>(input[2]) << 16 | static_cast<uint32_t>(input[3]) << 24;
  const uint64_t sum = SumTo(n);
  uint8_t output[8];
  for (int i = 0; i < 8; ++i) output[i] = static_cast<uint8_t>(sum >> (8 * i));
  zkvm::Commit(output, sizeof(output));
  return 0;
}
