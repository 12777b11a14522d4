// Keccak-f[1600] on several independent states at once, for hashing many Merkle leaves and nodes
// on the host (DESIGN.md section 4: "a batched/SIMD Keccak-f[1600] of our own may be used where
// it is measurably faster and is cross-checked against OpenSSL").
//
// The states are stored lane-interleaved: lane i of state s sits at state[i * ways + s], so lane
// i of all states is one SIMD vector and one round is the scalar round of crypto/hash/keccak.h
// with every 64-bit operation replaced by its vector form (rotations by vprolq on AVX-512 and by
// two shifts on AVX2; chi and the theta column sums by vpternlogq on AVX-512). Backends:
//   kScalar:  1 way, the freestanding KeccakF1600 (the portable fallback);
//   kAvx2:    4 ways, 256-bit vectors;
//   kAvx512:  8 ways, 512-bit vectors (AVX-512F).
// The SIMD bodies live in their own translation units compiled with -mavx2 / -mavx512f (see
// CMakeLists.txt), so the rest of the build stays portable; the backend is chosen at run time
// with __builtin_cpu_supports.
//
// Host-only: guests use the KECCAK_F1600 precompile through crypto/hash/sha3.h.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "crypto/field/simd_path.h"

namespace zkvm::crypto {

// The widest number of ways any backend uses; buffers sized for this fit every backend.
inline constexpr size_t kKeccakMaxWays = 8;

// A multi-way permutation: `permute` applies Keccak-f[1600] to `ways` lane-interleaved states
// (25 * ways words, 64-byte aligned).
struct KeccakBatchPermutation {
  SimdPath backend;
  size_t ways;
  void (*permute)(uint64_t* states);
};

// The permutation of `backend`, which must be supported (checked).
KeccakBatchPermutation GetKeccakBatchPermutation(SimdPath backend);

namespace detail {
// Defined in keccak_batch_avx2.cc / keccak_batch_avx512.cc (compiled with the matching -m flag);
// only called after the CPU check.
void KeccakF1600x4Avx2(uint64_t* states);
void KeccakF1600x8Avx512(uint64_t* states);
}  // namespace detail

}  // namespace zkvm::crypto
