// Memory that must survive many segment boundaries (docs/continuations.md): the guest reads
// private-input words, an ELF data table and its own early writes (heap, stack, .data) again
// after a spin loop whose length the payload sets, permutes a Keccak state kept in .bss
// before and after the loop, and commits everything it read late. Proved with small segments,
// every late read consumes a memory token emitted many segments earlier.
//
// Payload (u32 little-endian words): spin iterations n, then any number of words (at least 3).
// Public output, from two WRITE calls (before and after the spin): the sum of the payload
// words after n read at the start; then n, the same sum read at the end, the ELF table's
// checksum, the early writes read back (heap, stack, .data), the first Keccak state word after
// two permutations and the spin's result, as u32/u64 little-endian.
// Exit code 1 if the payload is shorter than 16 bytes, 2 if a late read differs from the early
// one.

#include <stddef.h>
#include <stdint.h>

#include "syscalls/zkvm.h"

namespace {

constexpr uint32_t kExitShortInput = 1;
constexpr uint32_t kExitMismatch = 2;

// ELF data, read at the end only.
const uint32_t kTable[8] = {0x9E3779B9, 0x7F4A7C15, 0xF39CC060, 0x5CEDC834,
                            0x2FE12A6A, 0x0C2C7BDC, 0xB5297A4D, 0x68E31DA4};
// .data written at the start, read at the end.
uint32_t g_data = 0x600DF00D;
// .bss: the Keccak state, permuted before and after the spin.
uint64_t g_state[25];

uint32_t LoadU32(const uint8_t* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}

void Put(uint8_t*& out, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) *out++ = static_cast<uint8_t>(v >> (8 * i));
}

uint32_t PayloadSum(std::span<const uint8_t> input) {
  uint32_t sum = 0;
  for (size_t i = 4; i + 4 <= input.size(); i += 4) sum += LoadU32(&input[i]);
  return sum;
}

[[gnu::noinline]] uint32_t Spin(uint32_t n, uint32_t seed) {
  volatile uint32_t x = seed;
  for (uint32_t i = 0; i < n; ++i) x = x * 1664525u + 1013904223u;
  return x;
}

}  // namespace

int main() {
  const std::span<const uint8_t> input = zkvm::PrivateInput();
  if (input.size() < 16) {
    zkvm::DebugPrint("long_memory: the payload needs n and at least 3 words\n");
    zkvm::Halt(kExitShortInput);
  }
  const uint32_t n = LoadU32(&input[0]);
  const uint32_t early_sum = PayloadSum(input);
  zkvm::Commit(&early_sum, sizeof(early_sum));
  uint32_t* heap = new uint32_t[4];
  heap[0] = early_sum ^ 0xA5A5A5A5;
  volatile uint32_t stack_word = early_sum + 7;
  g_data ^= early_sum;
  g_state[0] = early_sum;
  zkvm::KeccakF1600(g_state);

  const uint32_t spun = Spin(n, early_sum);

  zkvm::KeccakF1600(g_state);
  const uint32_t late_sum = PayloadSum(input);
  if (late_sum != early_sum || heap[0] != (late_sum ^ 0xA5A5A5A5) || stack_word != late_sum + 7 ||
      (g_data ^ late_sum) != 0x600DF00D) {
    zkvm::Halt(kExitMismatch);
  }
  uint32_t table_sum = 0;
  for (uint32_t t : kTable) table_sum = table_sum * 31 + t;
  uint8_t output[40];
  uint8_t* out = output;
  Put(out, n, 4);
  Put(out, late_sum, 4);
  Put(out, table_sum, 4);
  Put(out, heap[0], 4);
  Put(out, stack_word, 4);
  Put(out, g_data, 4);
  Put(out, g_state[0], 8);
  Put(out, spun, 4);
  zkvm::Commit(output, static_cast<size_t>(out - output));
  delete[] heap;
  return 0;
}
