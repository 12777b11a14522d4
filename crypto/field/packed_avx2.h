// PackedAvx2: four Goldilocks elements in one 256-bit AVX2 register, for the array and NTT
// kernels. Host-only; include it only from translation units compiled with -mavx2 (the
// *_avx2.cc files; see felt_array.h).
//
// AVX2 has no 64 x 64-bit multiplication and no unsigned 64-bit comparison:
//  - the 128-bit product is assembled from four 32 x 32 -> 64-bit products (_mm256_mul_epu32)
//    of the 32-bit halves, a = a1 2^32 + a0: a b = a1 b1 2^64 + (a1 b0 + a0 b1) 2^32 + a0 b0,
//    with the carries between the halves propagated so no partial sum overflows;
//  - the product hi 2^64 + lo is reduced as in felt.h with 2^64 = 2^32 - 1 and 2^96 = -1
//    (mod p): lo - hi_hi + hi_lo (2^32 - 1), hi_lo (2^32 - 1) being one more _mm256_mul_epu32;
//  - an unsigned comparison x < y is the signed comparison of x ^ 2^63 and y ^ 2^63
//    ("shifted" values, suffix _s below); the reduction keeps its running value shifted so
//    each step costs one signed compare.
// Add and subtract use the identities of packed_scalar.h. Inputs and outputs are canonical,
// so every lane equals the scalar result bit for bit.
#pragma once

#if !defined(__AVX2__)
#error "packed_avx2.h needs -mavx2"
#endif

#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto/field/felt.h"

namespace zkvm::crypto::detail {

struct PackedAvx2 {
  static constexpr size_t kWidth = 4;

  __m256i v;

  static PackedAvx2 Load(const Felt* p) {
    return {_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p))};
  }
  void Store(Felt* p) const { _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), v); }
  // The first `count` (< kWidth) lanes; the others read as zero and are not written.
  static PackedAvx2 LoadPartial(const Felt* p, size_t count) {
    return {_mm256_maskload_epi64(reinterpret_cast<const long long*>(p), TailMask(count))};
  }
  void StorePartial(Felt* p, size_t count) const {
    _mm256_maskstore_epi64(reinterpret_cast<long long*>(p), TailMask(count), v);
  }
  static PackedAvx2 Broadcast(Felt x) {
    return {_mm256_set1_epi64x(static_cast<long long>(x.value()))};
  }

  friend PackedAvx2 operator+(PackedAvx2 a, PackedAvx2 b) {
    // r = a + b + eps carries out exactly when a + b >= p; otherwise subtract eps again.
    const __m256i r = _mm256_add_epi64(a.v, _mm256_add_epi64(b.v, Epsilon()));
    const __m256i carry = _mm256_cmpgt_epi64(Shift(a.v), Shift(r));  // r < a
    return {_mm256_sub_epi64(r, _mm256_andnot_si256(carry, Epsilon()))};
  }
  friend PackedAvx2 operator-(PackedAvx2 a, PackedAvx2 b) {
    const __m256i d = _mm256_sub_epi64(a.v, b.v);
    const __m256i borrow = _mm256_cmpgt_epi64(Shift(b.v), Shift(a.v));  // a < b
    return {_mm256_sub_epi64(d, _mm256_and_si256(borrow, Epsilon()))};
  }
  friend PackedAvx2 operator*(PackedAvx2 a, PackedAvx2 b) {
    __m256i hi, lo;
    Mul64(a.v, b.v, hi, lo);
    return {Reduce128(hi, lo)};
  }

  // x * 2^48 (2^48 is the 4th root of unity of the NTTs): the 128-bit product is two shifts.
  PackedAvx2 MulByTwoPow48() const {
    return {Reduce128(_mm256_srli_epi64(v, 16), _mm256_slli_epi64(v, 48))};
  }

  // Swaps blocks of kBlock lanes between a and b (kBlock < kWidth): with a and b read as
  // sequences of kBlock-lane blocks, a becomes (a0, b0, a2, b2, ...) and b becomes
  // (a1, b1, a3, b3, ...). Applying it twice restores a and b.
  template <size_t kBlock>
  static void Interleave(PackedAvx2& a, PackedAvx2& b) {
    static_assert(kBlock == 1 || kBlock == 2);
    __m256i x, y;
    if constexpr (kBlock == 2) {
      x = _mm256_permute2x128_si256(a.v, b.v, 0x20);
      y = _mm256_permute2x128_si256(a.v, b.v, 0x31);
    } else {
      x = _mm256_unpacklo_epi64(a.v, b.v);
      y = _mm256_unpackhi_epi64(a.v, b.v);
    }
    a.v = x;
    b.v = y;
  }

 private:
  static __m256i Epsilon() { return _mm256_set1_epi64x(static_cast<long long>(Felt::kEpsilon)); }
  static __m256i SignBit() { return _mm256_set1_epi64x(static_cast<long long>(1ull << 63)); }
  static __m256i Shift(__m256i x) { return _mm256_xor_si256(x, SignBit()); }
  static __m256i TailMask(size_t count) {
    const __m256i lanes = _mm256_setr_epi64x(0, 1, 2, 3);
    return _mm256_cmpgt_epi64(_mm256_set1_epi64x(static_cast<long long>(count)), lanes);
  }

  // (hi, lo) = x * y as 128-bit products, lane by lane.
  static void Mul64(__m256i x, __m256i y, __m256i& hi, __m256i& lo) {
    // _mm256_mul_epu32 reads the low 32 bits of each lane, so the high halves only need
    // moving down; movehdup does it on the shuffle port instead of the shift port.
    const __m256i x_hi = _mm256_castps_si256(_mm256_movehdup_ps(_mm256_castsi256_ps(x)));
    const __m256i y_hi = _mm256_castps_si256(_mm256_movehdup_ps(_mm256_castsi256_ps(y)));
    const __m256i mul_ll = _mm256_mul_epu32(x, y);
    const __m256i mul_lh = _mm256_mul_epu32(x, y_hi);
    const __m256i mul_hl = _mm256_mul_epu32(x_hi, y);
    const __m256i mul_hh = _mm256_mul_epu32(x_hi, y_hi);
    // Each sum below is < 2^64: (2^32 - 1)^2 + 2 (2^32 - 1) = 2^64 - 1.
    const __m256i t0 = _mm256_add_epi64(mul_hl, _mm256_srli_epi64(mul_ll, 32));
    const __m256i t1 = _mm256_add_epi64(mul_lh, _mm256_and_si256(t0, Epsilon()));
    const __m256i t2 = _mm256_add_epi64(mul_hh, _mm256_srli_epi64(t0, 32));
    hi = _mm256_add_epi64(t2, _mm256_srli_epi64(t1, 32));
    // lo: low 32 bits from mul_ll, high 32 bits from the low half of t1.
    lo = _mm256_blend_epi32(mul_ll, _mm256_slli_epi64(t1, 32), 0xAA);
  }

  // (hi 2^64 + lo) mod p, canonical.
  static __m256i Reduce128(__m256i hi, __m256i lo) {
    // lo - hi_hi (2^96 = -1); on borrow subtract eps, which cannot borrow again.
    const __m256i lo_s = Shift(lo);
    __m256i t0_s = _mm256_sub_epi64(lo_s, _mm256_srli_epi64(hi, 32));
    const __m256i borrow = _mm256_cmpgt_epi64(t0_s, lo_s);
    t0_s = _mm256_sub_epi64(t0_s, _mm256_and_si256(borrow, Epsilon()));
    // + hi_lo * eps (2^64 = eps), < 2^64; on carry add eps, which cannot carry again.
    const __m256i t1 = _mm256_mul_epu32(hi, Epsilon());
    __m256i r_s = _mm256_add_epi64(t0_s, t1);
    const __m256i carry = _mm256_cmpgt_epi64(t0_s, r_s);
    r_s = _mm256_add_epi64(r_s, _mm256_and_si256(carry, Epsilon()));
    // Canonical: r >= p -> r - p = r + eps (mod 2^64).
    const __m256i p_minus_1_s =
        _mm256_set1_epi64x(static_cast<long long>((Felt::kModulus - 1) ^ (1ull << 63)));
    const __m256i ge_p = _mm256_cmpgt_epi64(r_s, p_minus_1_s);
    r_s = _mm256_add_epi64(r_s, _mm256_and_si256(ge_p, Epsilon()));
    return Shift(r_s);
  }
};

}  // namespace zkvm::crypto::detail
