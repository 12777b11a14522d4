// Compiled for the rv32im guest by the poseidon2_rv32_compile test (see CMakeLists.txt): the
// permutation, the compression and the sponge must build freestanding (no heap, exceptions,
// RTTI or standard library).
#include "crypto/hash/poseidon2.h"

extern "C" uint64_t zkvm_poseidon2_check(uint64_t* state, size_t n) {
  zkvm::crypto::Felt s[zkvm::crypto::kPoseidon2Width];
  for (size_t i = 0; i < zkvm::crypto::kPoseidon2Width; ++i) {
    s[i] = zkvm::crypto::Felt::FromU64(state[i]);
  }
  zkvm::crypto::Poseidon2Permute(s);
  zkvm::crypto::Felt digest[4];
  zkvm::crypto::Poseidon2Compress(s, s + 4, digest);
  zkvm::crypto::Poseidon2Hash(s, n, digest);
  for (size_t i = 0; i < zkvm::crypto::kPoseidon2Width; ++i) state[i] = s[i].value();
  return digest[0].value();
}
