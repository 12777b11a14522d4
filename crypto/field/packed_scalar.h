// PackedScalar: the one-lane member of the packed-field family (packed_avx2.h,
// packed_avx512.h), so that array and NTT kernels written as templates over a packed type also
// have a portable instantiation. Host-only; include it only from the scalar kernel translation
// units (see felt_array.h for why each instruction set keeps its own translation units).
//
// The arithmetic is Felt's (felt.h: 2^64 = 2^32 - 1 and 2^96 = -1 mod p) written without
// branches, since NTT data is random and a mispredicted branch costs more than the arithmetic:
//   a + b: r = a + (b + eps) with eps = 2^64 - p; it carries out of 64 bits exactly when
//          a + b >= p, and then r = a + b - p; otherwise the result is r - eps = a + b.
//   a - b: d = a - b; on borrow d + p = d - eps (mod 2^64).
//   a * b: the 128-bit product hi * 2^64 + lo reduces to lo - hi_hi + hi_lo * eps, with one
//          correction per step and a final conditional subtraction of p.
// Inputs and outputs are canonical (< p), so results equal Felt's bit for bit.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "crypto/field/felt.h"

namespace zkvm::crypto::detail {

struct PackedScalar {
  static constexpr size_t kWidth = 1;
  static constexpr uint64_t kEpsilon = Felt::kEpsilon;

  uint64_t v;

  static PackedScalar Load(const Felt* p) { return {p->value()}; }
  void Store(Felt* p) const { *p = Felt::FromCanonical(v); }
  // Only whole vectors exist at width 1; the partial forms keep the kernel templates uniform.
  static PackedScalar LoadPartial(const Felt* p, size_t) { return Load(p); }
  void StorePartial(Felt* p, size_t) const { Store(p); }
  static PackedScalar Broadcast(Felt x) { return {x.value()}; }

  friend PackedScalar operator+(PackedScalar a, PackedScalar b) {
    uint64_t r = 0;
    const bool carry = __builtin_add_overflow(a.v, b.v + kEpsilon, &r);
    return {r - ((static_cast<uint64_t>(carry) - 1) & kEpsilon)};
  }
  friend PackedScalar operator-(PackedScalar a, PackedScalar b) {
    uint64_t d = 0;
    const bool borrow = __builtin_sub_overflow(a.v, b.v, &d);
    return {d - ((0 - static_cast<uint64_t>(borrow)) & kEpsilon)};
  }
  friend PackedScalar operator*(PackedScalar a, PackedScalar b) {
    const unsigned __int128 product = static_cast<unsigned __int128>(a.v) * b.v;
    return {Reduce128(static_cast<uint64_t>(product), static_cast<uint64_t>(product >> 64))};
  }

  // x * 2^48 (2^48 is the 4th root of unity of the NTTs): the 128-bit product is two shifts.
  PackedScalar MulByTwoPow48() const { return {Reduce128(v << 48, v >> 16)}; }

  static uint64_t Reduce128(uint64_t lo, uint64_t hi) {
    uint64_t t0 = 0;
    const bool borrow = __builtin_sub_overflow(lo, hi >> 32, &t0);
    t0 -= (0 - static_cast<uint64_t>(borrow)) & kEpsilon;
    const uint64_t t1 = (hi & kEpsilon) * kEpsilon;
    uint64_t r = 0;
    const bool carry = __builtin_add_overflow(t0, t1, &r);
    r += (0 - static_cast<uint64_t>(carry)) & kEpsilon;
    uint64_t reduced = 0;  // r - p, which wraps exactly when r < p
    return __builtin_add_overflow(r, kEpsilon, &reduced) ? reduced : r;
  }
};

}  // namespace zkvm::crypto::detail
