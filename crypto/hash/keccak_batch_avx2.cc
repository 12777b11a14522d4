// Keccak-f[1600] on 4 lane-interleaved states with AVX2 (see keccak_batch.h). AVX2 has no
// 64-bit rotate, so rotations are two shifts and an or. This file is compiled with -mavx2 and
// only entered after a CPU check.
#include <immintrin.h>

#include <utility>

#include "crypto/hash/keccak.h"
#include "crypto/hash/keccak_batch.h"

namespace zkvm::crypto::detail {
namespace {

template <int kShift>
inline __m256i Rotate(__m256i v) {
  if constexpr (kShift == 0) {
    return v;
  } else {
    return _mm256_or_si256(_mm256_slli_epi64(v, kShift), _mm256_srli_epi64(v, 64 - kShift));
  }
}

constexpr int SourceOf(int dest) {
  for (int i = 0; i < 25; ++i) {
    if (kKeccakPiDestination[i] == dest) return i;
  }
  return -1;
}

template <int... kDest>
inline void RhoPi(const __m256i* a, const __m256i* d, __m256i* b,
                  std::integer_sequence<int, kDest...>) {
  ((b[kDest] = Rotate<kKeccakRotations[SourceOf(kDest)]>(
        _mm256_xor_si256(a[SourceOf(kDest)], d[SourceOf(kDest) % 5]))),
   ...);
}

}  // namespace

void KeccakF1600x4Avx2(uint64_t* states) {
  __m256i a[25];
#pragma GCC unroll 25
  for (int i = 0; i < 25; ++i) {
    a[i] = _mm256_load_si256(reinterpret_cast<const __m256i*>(states + 4 * i));
  }
  for (int round = 0; round < kKeccakRounds; ++round) {
    __m256i c[5], d[5], b[25];
#pragma GCC unroll 25
    for (int x = 0; x < 5; ++x) {
      c[x] = _mm256_xor_si256(_mm256_xor_si256(_mm256_xor_si256(a[x], a[x + 5]),
                                               _mm256_xor_si256(a[x + 10], a[x + 15])),
                              a[x + 20]);
    }
#pragma GCC unroll 25
    for (int x = 0; x < 5; ++x) d[x] = _mm256_xor_si256(c[(x + 4) % 5], Rotate<1>(c[(x + 1) % 5]));
    RhoPi(a, d, b, std::make_integer_sequence<int, 25>());
#pragma GCC unroll 25
    for (int y = 0; y < 25; y += 5) {
#pragma GCC unroll 25
      for (int x = 0; x < 5; ++x) {
        a[x + y] =
            _mm256_xor_si256(b[x + y], _mm256_andnot_si256(b[(x + 1) % 5 + y], b[(x + 2) % 5 + y]));
      }
    }
    a[0] = _mm256_xor_si256(
        a[0], _mm256_set1_epi64x(static_cast<long long>(kKeccakRoundConstants[round])));
  }
#pragma GCC unroll 25
  for (int i = 0; i < 25; ++i) _mm256_store_si256(reinterpret_cast<__m256i*>(states + 4 * i), a[i]);
}

}  // namespace zkvm::crypto::detail
