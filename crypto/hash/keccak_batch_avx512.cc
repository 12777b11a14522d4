// Keccak-f[1600] on 8 lane-interleaved states with AVX-512F (see keccak_batch.h). This file is
// compiled with -mavx512f and only entered after a CPU check.

// GCC 12 reports the _mm512_undefined_epi32() inside _mm512_rol_epi64 as -Wuninitialized (a
// false positive of the intrinsic header).
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include <immintrin.h>

#include <utility>

#include "crypto/hash/keccak.h"
#include "crypto/hash/keccak_batch.h"

namespace zkvm::crypto::detail {
namespace {

// ternlog immediates: a ^ b ^ c, and a ^ (~b & c) (chi).
constexpr int kXor3 = 0x96;
constexpr int kChi = 0xD2;

template <int kShift>
inline __m512i Rotate(__m512i v) {
  if constexpr (kShift == 0) {
    return v;
  } else {
    return _mm512_rol_epi64(v, kShift);
  }
}

// Lane i of the rho-pi output: rotate input lane kSource[i] by its offset.
constexpr int SourceOf(int dest) {
  for (int i = 0; i < 25; ++i) {
    if (kKeccakPiDestination[i] == dest) return i;
  }
  return -1;
}

template <int... kDest>
inline void RhoPi(const __m512i* a, const __m512i* d, __m512i* b,
                  std::integer_sequence<int, kDest...>) {
  ((b[kDest] = Rotate<kKeccakRotations[SourceOf(kDest)]>(
        _mm512_xor_si512(a[SourceOf(kDest)], d[SourceOf(kDest) % 5]))),
   ...);
}

}  // namespace

void KeccakF1600x8Avx512(uint64_t* states) {
  __m512i a[25];
#pragma GCC unroll 25
  for (int i = 0; i < 25; ++i) a[i] = _mm512_load_si512(states + 8 * i);
  for (int round = 0; round < kKeccakRounds; ++round) {
    __m512i c[5], d[5], b[25];
#pragma GCC unroll 25
    for (int x = 0; x < 5; ++x) {
      c[x] = _mm512_ternarylogic_epi64(_mm512_ternarylogic_epi64(a[x], a[x + 5], a[x + 10], kXor3),
                                       a[x + 15], a[x + 20], kXor3);
    }
#pragma GCC unroll 25
    for (int x = 0; x < 5; ++x) {
      d[x] = _mm512_xor_si512(c[(x + 4) % 5], _mm512_rol_epi64(c[(x + 1) % 5], 1));
    }
    RhoPi(a, d, b, std::make_integer_sequence<int, 25>());
#pragma GCC unroll 25
    for (int y = 0; y < 25; y += 5) {
#pragma GCC unroll 25
      for (int x = 0; x < 5; ++x) {
        a[x + y] =
            _mm512_ternarylogic_epi64(b[x + y], b[(x + 1) % 5 + y], b[(x + 2) % 5 + y], kChi);
      }
    }
    a[0] = _mm512_xor_si512(
        a[0], _mm512_set1_epi64(static_cast<long long>(kKeccakRoundConstants[round])));
  }
#pragma GCC unroll 25
  for (int i = 0; i < 25; ++i) _mm512_store_si512(states + 8 * i, a[i]);
}

}  // namespace zkvm::crypto::detail
