// Poseidon2 (poseidon2.h) on several independent states at once, for hashing many Merkle leaves
// and nodes on the host. Like keccak_batch.h: the states are lane-interleaved (element i of
// state s at states[i * ways + s]), so element i of all states is one SIMD vector, and the
// backend is chosen at run time:
//   kScalar:  1 way (the freestanding Poseidon2Permute);
//   kAvx2:    4 ways, 256-bit vectors (crypto/field/packed_avx2.h);
//   kAvx512:  8 ways, 512-bit vectors (AVX-512F).
// The SIMD bodies live in their own translation units compiled with -mavx2 / -mavx512f.
// Host-only: guests use Poseidon2Permute (and, later, the POSEIDON2 precompile).
#pragma once

#include <stddef.h>

#include <span>

#include "crypto/field/felt.h"
#include "crypto/field/simd_path.h"

namespace zkvm::crypto {

inline constexpr size_t kPoseidon2MaxWays = 8;

struct Poseidon2BatchPermutation {
  SimdPath backend;
  size_t ways;
  void (*permute)(Felt* states);  // `ways` lane-interleaved states, 12 * ways elements
};

// The permutation of `backend`, which must be supported (checked).
Poseidon2BatchPermutation GetPoseidon2BatchPermutation(SimdPath backend);

// Permutes every state of `states` (12 consecutive elements each) with `backend`.
void Poseidon2PermuteMany(std::span<Felt> states, SimdPath backend = BestSimdPath());

namespace detail {
// Defined in poseidon2_batch_avx2.cc / poseidon2_batch_avx512.cc; only called after the CPU
// check.
void Poseidon2x4Avx2(Felt* states);
void Poseidon2x8Avx512(Felt* states);
}  // namespace detail

}  // namespace zkvm::crypto
