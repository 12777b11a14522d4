// Poseidon2 permutations through the POSEIDON2 precompile: the private input is a sequence of
// states of 12 canonical Goldilocks elements (96 bytes each, little-endian u64); each is
// permuted (even states with zkvm::Poseidon2Permute, odd ones through zkvm::Poseidon2Syscall,
// the callable form) and committed. A trailing partial state is ignored.
//
// Payload: 96 n bytes. Public output: the n permuted states.

#include <stdint.h>
#include <string.h>

#include "crypto/field/felt.h"
#include "syscalls/zkvm.h"

int main() {
  const std::span<const uint8_t> input = zkvm::PrivateInput();
  const size_t n = input.size() / zkvm::abi::kPoseidon2StateBytes;
  for (size_t k = 0; k < n; ++k) {
    alignas(8) uint64_t state[zkvm::abi::kPoseidon2StateElements];
    memcpy(state, input.data() + k * zkvm::abi::kPoseidon2StateBytes, sizeof(state));
    if (k % 2 == 0) {
      zkvm::Poseidon2Permute(state);
    } else {
      zkvm::Poseidon2Syscall()(reinterpret_cast<zkvm::crypto::Felt*>(state));
    }
    zkvm::Commit(state, sizeof(state));
  }
  return 0;
}
