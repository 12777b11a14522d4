// Felt: an element of the Goldilocks field F_p, p = 2^64 - 2^32 + 1 (DESIGN.md section 4).
//
// One 8-byte value type holding the canonical representative in [0, p). Reduction uses the
// shape of p: 2^64 = 2^32 - 1 (mod p) and 2^96 = -1 (mod p), so a 128-bit product
// hi * 2^64 + lo, with hi = h1 * 2^32 + h0, reduces as lo - h1 + h0 * (2^32 - 1) with two
// conditional corrections and no division. The multiplicative group has order
// p - 1 = 2^32 * 3 * 5 * 17 * 257 * 65537, so power-of-two NTTs exist up to size 2^32; 7
// generates the group.
//
// Freestanding (DESIGN.md section 7): no exceptions, heap or standard library beyond the C
// integer headers, and no 128-bit integers on targets without them (rv32), so the same header
// serves the prover, the host verifier and the recursion guest. Everything is constexpr.
#pragma once

#include <stddef.h>
#include <stdint.h>

// Forces inlining of the field's arithmetic operators on the host, where GCC otherwise leaves
// them as calls inside large constraint evaluators (the prover's hottest loops). Not on rv32,
// where the portable multiply is long and code size matters more.
#if defined(__GNUC__) && !defined(__riscv)
#define ZKVM_FIELD_INLINE [[gnu::always_inline]]
#else
#define ZKVM_FIELD_INLINE
#endif
// Forced inlining everywhere, for the few places that want the multiply inline even on rv32
// (Felt::MulInline: the products inside one Ext3 product).
#if defined(__GNUC__)
#define ZKVM_ALWAYS_INLINE [[gnu::always_inline]]
#else
#define ZKVM_ALWAYS_INLINE
#endif

namespace zkvm::crypto {

class Felt {
 public:
  static constexpr uint64_t kModulus = 0xFFFF'FFFF'0000'0001ull;
  // 2^64 mod p.
  static constexpr uint64_t kEpsilon = 0xFFFF'FFFFull;
  // 2^kTwoAdicity divides p - 1.
  static constexpr int kTwoAdicity = 32;
  static constexpr size_t kBytes = 8;

  constexpr Felt() = default;

  static constexpr Felt Zero() { return Felt(); }
  static constexpr Felt One() { return FromCanonical(1); }
  // Any u64, reduced mod p.
  static constexpr Felt FromU64(uint64_t v) {
    return FromCanonical(v >= kModulus ? v - kModulus : v);
  }
  // A value the caller knows is < p (constants, already reduced data).
  static constexpr Felt FromCanonical(uint64_t v) {
    Felt f;
    f.v_ = v;
    return f;
  }
  // Signed integers map to their residue (-1 -> p - 1).
  static constexpr Felt FromI64(int64_t v) {
    return v >= 0 ? FromU64(static_cast<uint64_t>(v))
                  : -FromU64(static_cast<uint64_t>(-(v + 1)) + 1);
  }
  // Untrusted input: false (and *out untouched) unless v < p.
  static constexpr bool TryFromCanonical(uint64_t v, Felt* out) {
    if (v >= kModulus) return false;
    out->v_ = v;
    return true;
  }

  // The generator 7 of the multiplicative group.
  static constexpr Felt MultiplicativeGenerator() { return FromCanonical(7); }
  // A primitive 2^log_n-th root of unity (log_n <= 32): 7^((p - 1) / 2^log_n). The roots are
  // consistent: TwoAdicRoot(k + 1)^2 == TwoAdicRoot(k).
  static constexpr Felt TwoAdicRoot(int log_n) {
    return MultiplicativeGenerator().Pow((kModulus - 1) >> log_n);
  }

  constexpr uint64_t value() const { return v_; }
  constexpr bool IsZero() const { return v_ == 0; }

  ZKVM_FIELD_INLINE constexpr Felt operator+(Felt b) const {
    uint64_t s = v_ + b.v_;
    if (s < v_) {
      s += kEpsilon;  // wrapped past 2^64: add 2^64 mod p; cannot wrap again for canonical inputs
    } else if (s >= kModulus) {
      s -= kModulus;
    }
    return FromCanonical(s);
  }
  ZKVM_FIELD_INLINE constexpr Felt operator-(Felt b) const {
    uint64_t d = v_ - b.v_;
    if (v_ < b.v_) d -= kEpsilon;  // borrowed 2^64: subtract 2^64 - p
    return FromCanonical(d);
  }
  ZKVM_FIELD_INLINE constexpr Felt operator-() const { return Felt() - *this; }
  ZKVM_FIELD_INLINE constexpr Felt operator*(Felt b) const {
    uint64_t lo = 0, hi = 0;
    Mul64(v_, b.v_, lo, hi);
    return FromCanonical(Reduce128(lo, hi));
  }
  // operator*, always inlined: an Ext3 product's nine products, where on rv32 the call and
  // its register traffic would cost about a fifth of each.
  ZKVM_ALWAYS_INLINE constexpr Felt MulInline(Felt b) const {
    uint64_t lo = 0, hi = 0;
    Mul64(v_, b.v_, lo, hi);
    return FromCanonical(Reduce128(lo, hi));
  }
  ZKVM_FIELD_INLINE constexpr Felt& operator+=(Felt b) { return *this = *this + b; }
  ZKVM_FIELD_INLINE constexpr Felt& operator-=(Felt b) { return *this = *this - b; }
  ZKVM_FIELD_INLINE constexpr Felt& operator*=(Felt b) { return *this = *this * b; }
  constexpr bool operator==(const Felt&) const = default;

  constexpr Felt Square() const { return *this * *this; }
  constexpr Felt Double() const { return *this + *this; }

  constexpr Felt Pow(uint64_t e) const {
    Felt result = One(), base = *this;
    while (e != 0) {
      if (e & 1) result *= base;
      base = base.Square();
      e >>= 1;
    }
    return result;
  }

  // The inverse, by Fermat: a^(p-2). Zero maps to zero (callers that divide check first).
  constexpr Felt Inverse() const { return Pow(kModulus - 2); }

  // Little-endian bytes.
  constexpr void ToBytes(uint8_t out[kBytes]) const {
    for (size_t i = 0; i < kBytes; ++i) out[i] = static_cast<uint8_t>(v_ >> (8 * i));
  }
  // Parses 8 little-endian bytes; false for a non-canonical value (>= p).
  static constexpr bool FromBytes(const uint8_t in[kBytes], Felt* out) {
    uint64_t v = 0;
    for (size_t i = kBytes; i-- > 0;) v = (v << 8) | in[i];
    return TryFromCanonical(v, out);
  }

  // 64 x 64 -> 128-bit product as (lo, hi).
  ZKVM_ALWAYS_INLINE static constexpr void Mul64(uint64_t a, uint64_t b, uint64_t& lo,
                                                 uint64_t& hi) {
#if defined(__SIZEOF_INT128__)
    const unsigned __int128 p = static_cast<unsigned __int128>(a) * b;
    lo = static_cast<uint64_t>(p);
    hi = static_cast<uint64_t>(p >> 64);
#else
    Mul64Portable(a, b, lo, hi);
#endif
  }
  // The same from 32 x 32 -> 64-bit products, for targets without 128-bit integers (rv32).
  ZKVM_ALWAYS_INLINE static constexpr void Mul64Portable(uint64_t a, uint64_t b, uint64_t& lo,
                                                         uint64_t& hi) {
    const uint64_t a0 = a & 0xFFFF'FFFFu, a1 = a >> 32;
    const uint64_t b0 = b & 0xFFFF'FFFFu, b1 = b >> 32;
    const uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    const uint64_t mid = (p00 >> 32) + (p01 & 0xFFFF'FFFFu) + (p10 & 0xFFFF'FFFFu);
    lo = (p00 & 0xFFFF'FFFFu) | (mid << 32);
    hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
  }

  // (hi * 2^64 + lo) mod p, canonical.
  ZKVM_ALWAYS_INLINE static constexpr uint64_t Reduce128(uint64_t lo, uint64_t hi) {
    const uint64_t hi_hi = hi >> 32;
    const uint64_t hi_lo = hi & kEpsilon;
    // lo - hi_hi (2^96 = -1); on borrow add p, i.e. subtract 2^64 - p.
    uint64_t t0 = lo - hi_hi;
    if (lo < hi_hi) t0 -= kEpsilon;
    // + hi_lo * (2^32 - 1) (2^64 = 2^32 - 1); the product fits in 64 bits.
    const uint64_t t1 = (hi_lo << 32) - hi_lo;
    uint64_t r = t0 + t1;
    if (r < t1) r += kEpsilon;  // wrapped: add 2^64 mod p (cannot wrap again)
    if (r >= kModulus) r -= kModulus;
    return r;
  }

 private:
  uint64_t v_ = 0;
};

// out[i] = in[i]^-1 for n elements with one inversion (Montgomery's trick); zeros map to zero.
// `in` and `out` must not overlap.
constexpr void BatchInverse(const Felt* in, Felt* out, size_t n) {
  if (n == 0) return;
  Felt acc = Felt::One();
  for (size_t i = 0; i < n; ++i) {
    out[i] = acc;  // product of the non-zero in[0..i)
    if (!in[i].IsZero()) acc *= in[i];
  }
  Felt inv = acc.Inverse();
  for (size_t i = n; i-- > 0;) {
    if (in[i].IsZero()) {
      out[i] = Felt::Zero();
      continue;
    }
    out[i] = out[i] * inv;
    inv *= in[i];
  }
}

}  // namespace zkvm::crypto
