// PackedAvx512: eight Goldilocks elements in one 512-bit AVX-512F register, for the array and
// NTT kernels. Host-only; include it only from translation units compiled with -mavx512f (the
// *_avx512.cc files; see felt_array.h).
//
// The multiplication is packed_avx2.h's: a 128-bit product from four 32 x 32 -> 64-bit
// products (_mm512_mul_epu32), reduced with 2^64 = 2^32 - 1 and 2^96 = -1 (mod p). AVX-512F
// adds unsigned 64-bit comparisons into mask registers and masked add/subtract, so each
// conditional correction is one compare plus one masked instruction, and partial vectors at
// the end of an array are masked loads and stores. Add and subtract use the identities of
// packed_scalar.h. Inputs and outputs are canonical, so every lane equals the scalar result.
#pragma once

#if !defined(__AVX512F__)
#error "packed_avx512.h needs -mavx512f"
#endif

// GCC 12's AVX-512 intrinsics start from deliberately undefined vectors (`__m512i __Y = __Y`),
// which -Wmaybe-uninitialized reports at every inlined use; the state at the intrinsic headers'
// lines is what counts, so it has to be set before they are first included.
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto/field/felt.h"

namespace zkvm::crypto::detail {

struct PackedAvx512 {
  static constexpr size_t kWidth = 8;

  __m512i v;

  static PackedAvx512 Load(const Felt* p) { return {_mm512_loadu_si512(p)}; }
  void Store(Felt* p) const { _mm512_storeu_si512(p, v); }
  // The first `count` (< kWidth) lanes; the others read as zero and are not written.
  static PackedAvx512 LoadPartial(const Felt* p, size_t count) {
    return {_mm512_maskz_loadu_epi64(TailMask(count), p)};
  }
  void StorePartial(Felt* p, size_t count) const {
    _mm512_mask_storeu_epi64(p, TailMask(count), v);
  }
  static PackedAvx512 Broadcast(Felt x) {
    return {_mm512_set1_epi64(static_cast<long long>(x.value()))};
  }

  friend PackedAvx512 operator+(PackedAvx512 a, PackedAvx512 b) {
    // r = a + b + eps carries out exactly when a + b >= p; otherwise subtract eps again.
    const __m512i r = _mm512_add_epi64(a.v, _mm512_add_epi64(b.v, Epsilon()));
    const __mmask8 no_carry = _mm512_cmpge_epu64_mask(r, a.v);
    return {_mm512_mask_sub_epi64(r, no_carry, r, Epsilon())};
  }
  friend PackedAvx512 operator-(PackedAvx512 a, PackedAvx512 b) {
    const __m512i d = _mm512_sub_epi64(a.v, b.v);
    const __mmask8 borrow = _mm512_cmplt_epu64_mask(a.v, b.v);
    return {_mm512_mask_sub_epi64(d, borrow, d, Epsilon())};
  }
  friend PackedAvx512 operator*(PackedAvx512 a, PackedAvx512 b) {
    __m512i hi, lo;
    Mul64(a.v, b.v, hi, lo);
    return {Reduce128(hi, lo)};
  }

  // x * 2^48 (2^48 is the 4th root of unity of the NTTs): the 128-bit product is two shifts.
  PackedAvx512 MulByTwoPow48() const {
    return {Reduce128(_mm512_srli_epi64(v, 16), _mm512_slli_epi64(v, 48))};
  }

  // Swaps blocks of kBlock lanes between a and b (kBlock < kWidth): with a and b read as
  // sequences of kBlock-lane blocks, a becomes (a0, b0, a2, b2, ...) and b becomes
  // (a1, b1, a3, b3, ...). Applying it twice restores a and b.
  template <size_t kBlock>
  static void Interleave(PackedAvx512& a, PackedAvx512& b) {
    static_assert(kBlock == 1 || kBlock == 2 || kBlock == 4);
    __m512i x, y;
    if constexpr (kBlock == 4) {
      x = _mm512_shuffle_i64x2(a.v, b.v, 0x44);  // 128-bit lanes a0 a1 b0 b1
      y = _mm512_shuffle_i64x2(a.v, b.v, 0xEE);  // a2 a3 b2 b3
    } else if constexpr (kBlock == 2) {
      const __m512i x_index = _mm512_setr_epi64(0, 1, 8, 9, 4, 5, 12, 13);
      const __m512i y_index = _mm512_setr_epi64(2, 3, 10, 11, 6, 7, 14, 15);
      x = _mm512_permutex2var_epi64(a.v, x_index, b.v);
      y = _mm512_permutex2var_epi64(a.v, y_index, b.v);
    } else {
      x = _mm512_unpacklo_epi64(a.v, b.v);
      y = _mm512_unpackhi_epi64(a.v, b.v);
    }
    a.v = x;
    b.v = y;
  }

 private:
  static __m512i Epsilon() { return _mm512_set1_epi64(static_cast<long long>(Felt::kEpsilon)); }
  static __mmask8 TailMask(size_t count) { return static_cast<__mmask8>((1u << count) - 1); }

  // (hi, lo) = x * y as 128-bit products, lane by lane.
  static void Mul64(__m512i x, __m512i y, __m512i& hi, __m512i& lo) {
    // _mm512_mul_epu32 reads the low 32 bits of each lane, so the high halves only need
    // moving down; movehdup does it on the shuffle port instead of the shift port.
    const __m512i x_hi = _mm512_castps_si512(_mm512_movehdup_ps(_mm512_castsi512_ps(x)));
    const __m512i y_hi = _mm512_castps_si512(_mm512_movehdup_ps(_mm512_castsi512_ps(y)));
    const __m512i mul_ll = _mm512_mul_epu32(x, y);
    const __m512i mul_lh = _mm512_mul_epu32(x, y_hi);
    const __m512i mul_hl = _mm512_mul_epu32(x_hi, y);
    const __m512i mul_hh = _mm512_mul_epu32(x_hi, y_hi);
    // Each sum below is < 2^64: (2^32 - 1)^2 + 2 (2^32 - 1) = 2^64 - 1.
    const __m512i t0 = _mm512_add_epi64(mul_hl, _mm512_srli_epi64(mul_ll, 32));
    const __m512i t1 = _mm512_add_epi64(mul_lh, _mm512_and_si512(t0, Epsilon()));
    const __m512i t2 = _mm512_add_epi64(mul_hh, _mm512_srli_epi64(t0, 32));
    hi = _mm512_add_epi64(t2, _mm512_srli_epi64(t1, 32));
    // lo: low 32 bits from mul_ll, high 32 bits from the low half of t1 (moveldup copies it up).
    const __m512i t1_up = _mm512_castps_si512(_mm512_moveldup_ps(_mm512_castsi512_ps(t1)));
    lo = _mm512_mask_blend_epi32(0xAAAA, mul_ll, t1_up);
  }

  // (hi 2^64 + lo) mod p, canonical.
  static __m512i Reduce128(__m512i hi, __m512i lo) {
    // lo - hi_hi (2^96 = -1); on borrow subtract eps, which cannot borrow again.
    const __m512i hi_hi = _mm512_srli_epi64(hi, 32);
    const __mmask8 borrow = _mm512_cmplt_epu64_mask(lo, hi_hi);
    __m512i t0 = _mm512_sub_epi64(lo, hi_hi);
    t0 = _mm512_mask_sub_epi64(t0, borrow, t0, Epsilon());
    // + hi_lo * eps (2^64 = eps), < 2^64; on carry add eps, which cannot carry again.
    const __m512i t1 = _mm512_mul_epu32(hi, Epsilon());
    __m512i r = _mm512_add_epi64(t0, t1);
    const __mmask8 carry = _mm512_cmplt_epu64_mask(r, t1);
    r = _mm512_mask_add_epi64(r, carry, r, Epsilon());
    // Canonical: min(r, r - p) with r - p = r + eps (mod 2^64), which wraps below r exactly
    // when r >= p.
    return _mm512_min_epu64(r, _mm512_add_epi64(r, Epsilon()));
  }
};

}  // namespace zkvm::crypto::detail
