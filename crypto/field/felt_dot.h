// Sums of products of Goldilocks elements with one reduction at the end (lazy reduction), for
// the verifier's inner products (the DEEP sums of stark/verifier/stark_verifier.h: one
// weight-times-cell product per opened cell and coordinate, the in-VM verifier's hottest loop).
//
// A reduced product costs a 64 x 64 -> 128-bit multiplication and a reduction with two
// conditional corrections. Here the 128-bit products are only added up, and the sum is reduced
// once: on the host as a 128-bit sum plus a count of its carries (2^128 = -2^32 mod p); on rv32,
// which has no 64-bit multiply, as four 64-bit sums of the 32-bit halves of the four 32 x 32
// partial products, by weight 2^0, 2^32, 2^64, 2^96 (2^64 = 2^32 - 1 and 2^96 = -1 mod p).
// Each limb grows by less than 3 * 2^32 per product, so 2^30 products (kMaxTerms) fit, far more
// than any verifier sum (a row of a few thousand cells).
//
// Freestanding like felt.h.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "crypto/field/ext3.h"
#include "crypto/field/felt.h"

namespace zkvm::crypto {

// The portable form: four 64-bit limb sums of 32-bit halves of the partial products (what rv32
// runs; the host tests it too).
class FeltDotAccumulatorLimbs {
 public:
  static constexpr uint64_t kMaxTerms = uint64_t{1} << 30;

  // Adds a * b for canonical a, b (< p).
  ZKVM_FIELD_INLINE constexpr void Add(uint64_t a, uint64_t b) {
    const uint32_t a0 = static_cast<uint32_t>(a), a1 = static_cast<uint32_t>(a >> 32);
    const uint32_t b0 = static_cast<uint32_t>(b), b1 = static_cast<uint32_t>(b >> 32);
    const uint64_t p00 = static_cast<uint64_t>(a0) * b0;
    const uint64_t p01 = static_cast<uint64_t>(a0) * b1;
    const uint64_t p10 = static_cast<uint64_t>(a1) * b0;
    const uint64_t p11 = static_cast<uint64_t>(a1) * b1;
    limb_[0] += static_cast<uint32_t>(p00);
    limb_[1] += (p00 >> 32) + static_cast<uint32_t>(p01) + static_cast<uint32_t>(p10);
    limb_[2] += (p01 >> 32) + (p10 >> 32) + static_cast<uint32_t>(p11);
    limb_[3] += p11 >> 32;
  }

  // The sum mod p: limb k has weight 2^(32 k). Carrying limbs 1 and 2 upward leaves
  // lo + m 2^64 + h 2^96 with lo < 2^64 and m < 2^32, and 2^64 = 2^32 - 1, 2^96 = -1 give
  // lo + m (2^32 - 1) - h. No limb overflows: each is below 3 * 2^62 (kMaxTerms).
  ZKVM_ALWAYS_INLINE constexpr Felt Reduce() const {
    const uint64_t l1_low = limb_[1] & 0xFFFF'FFFFu;
    const uint64_t lo = limb_[0] + (l1_low << 32);
    const uint64_t l2 = limb_[2] + (limb_[1] >> 32) + (lo < limb_[0] ? 1 : 0);
    const uint64_t m = l2 & 0xFFFF'FFFFu;
    const uint64_t h = limb_[3] + (l2 >> 32);
    return Felt::FromU64(lo) + Felt::FromU64((m << 32) - m) - Felt::FromU64(h);
  }

 private:
  uint64_t limb_[4] = {};
};

#if defined(__SIZEOF_INT128__)
// With 128-bit integers: the 128-bit sum and the count of its carries (2^128 = -2^32 mod p).
class FeltDotAccumulator128 {
 public:
  static constexpr uint64_t kMaxTerms = uint64_t{1} << 30;

  ZKVM_FIELD_INLINE constexpr void Add(uint64_t a, uint64_t b) {
    const unsigned __int128 p = static_cast<unsigned __int128>(a) * b;
    sum_ += p;
    carries_ += sum_ < p ? 1 : 0;
  }

  constexpr Felt Reduce() const {
    constexpr Felt k2Pow32 = Felt::FromCanonical(uint64_t{1} << 32);
    const Felt low = Felt::FromCanonical(
        Felt::Reduce128(static_cast<uint64_t>(sum_), static_cast<uint64_t>(sum_ >> 64)));
    return low - Felt::FromU64(carries_) * k2Pow32;
  }

 private:
  unsigned __int128 sum_ = 0;
  uint64_t carries_ = 0;
};

using FeltDotAccumulator = FeltDotAccumulator128;
#else
using FeltDotAccumulator = FeltDotAccumulatorLimbs;
#endif

// Sums of Ext3 products, each coordinate's terms summed unreduced: (X^3 = 2, ext3.h)
//   c0 = sum a0 b0 + 2 sum (a1 b2 + a2 b1),  c1 = sum (a0 b1 + a1 b0) + 2 sum a2 b2,
//   c2 = sum (a0 b2 + a1 b1 + a2 b0),
// nine unreduced products per term and five reductions in all, where Ext3 products would
// reduce nine times per term.
class Ext3DotAccumulator {
 public:
  constexpr void Add(const Ext3& a, const Ext3& b) {
    const uint64_t a0 = a[0].value(), a1 = a[1].value(), a2 = a[2].value();
    const uint64_t b0 = b[0].value(), b1 = b[1].value(), b2 = b[2].value();
    c0_.Add(a0, b0);
    c0_twice_.Add(a1, b2);
    c0_twice_.Add(a2, b1);
    c1_.Add(a0, b1);
    c1_.Add(a1, b0);
    c1_twice_.Add(a2, b2);
    c2_.Add(a0, b2);
    c2_.Add(a1, b1);
    c2_.Add(a2, b0);
  }

  constexpr Ext3 Reduce() const {
    return Ext3(c0_.Reduce() + c0_twice_.Reduce().Double(),
                c1_.Reduce() + c1_twice_.Reduce().Double(), c2_.Reduce());
  }

 private:
  FeltDotAccumulator c0_, c0_twice_, c1_, c1_twice_, c2_;
};

}  // namespace zkvm::crypto
