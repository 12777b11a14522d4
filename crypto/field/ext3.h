// Ext3: the cubic extension F_p[X] / (X^3 - 2) of the Goldilocks field (DESIGN.md section 4),
// where all verifier challenges live. X^3 - 2 is irreducible because 2 is not a cube in F_p
// (p = 1 mod 3 and 2^((p-1)/3) != 1; field_test.cc checks it), so this is a field of size p^3.
//
// An element is c0 + c1 X + c2 X^2. With X^3 = 2:
//   (a * b)_0 = a0 b0 + 2 (a1 b2 + a2 b1)
//   (a * b)_1 = a0 b1 + a1 b0 + 2 a2 b2
//   (a * b)_2 = a0 b2 + a1 b1 + a2 b0
// and the inverse is the adjugate over the norm: with
//   t0 = a0^2 - 2 a1 a2,  t1 = 2 a2^2 - a0 a1,  t2 = a1^2 - a0 a2,
//   N(a) = a0 t0 + 2 (a2 t1 + a1 t2) in F_p, a^-1 = (t0 + t1 X + t2 X^2) / N(a).
//
// Freestanding like felt.h.
#pragma once

#include "crypto/field/felt.h"

namespace zkvm::crypto {

class Ext3 {
 public:
  static constexpr size_t kDegree = 3;
  static constexpr size_t kBytes = kDegree * Felt::kBytes;
  // The non-residue W with X^3 = W.
  static constexpr Felt kW = Felt::FromCanonical(2);

  constexpr Ext3() = default;
  constexpr Ext3(Felt c0, Felt c1, Felt c2) : c_{c0, c1, c2} {}
  // The base field embedded as c0.
  constexpr explicit Ext3(Felt base) : c_{base, Felt(), Felt()} {}

  static constexpr Ext3 Zero() { return Ext3(); }
  static constexpr Ext3 One() { return Ext3(Felt::One()); }

  constexpr Felt operator[](size_t i) const { return c_[i]; }
  constexpr bool IsZero() const { return c_[0].IsZero() && c_[1].IsZero() && c_[2].IsZero(); }
  // True when the element lies in the base field (c1 = c2 = 0).
  constexpr bool IsBase() const { return c_[1].IsZero() && c_[2].IsZero(); }

  ZKVM_FIELD_INLINE constexpr Ext3 operator+(const Ext3& b) const {
    return Ext3(c_[0] + b.c_[0], c_[1] + b.c_[1], c_[2] + b.c_[2]);
  }
  ZKVM_FIELD_INLINE constexpr Ext3 operator-(const Ext3& b) const {
    return Ext3(c_[0] - b.c_[0], c_[1] - b.c_[1], c_[2] - b.c_[2]);
  }
  constexpr Ext3 operator-() const { return Ext3(-c_[0], -c_[1], -c_[2]); }
  ZKVM_FIELD_INLINE constexpr Ext3 operator*(const Ext3& b) const {
#if defined(__riscv)
    // The in-VM verifier's products at the OOD point often have a base-field factor (an AIR's
    // constants, the selectors' scalars): three products then, not nine. Only on rv32, where a
    // product costs far more than the test.
    if (!__builtin_is_constant_evaluated()) {
      if (b.IsBase()) return *this * b.c_[0];
      if (IsBase()) return b * c_[0];
    }
#endif
    const Felt a0 = c_[0], a1 = c_[1], a2 = c_[2];
    const Felt b0 = b.c_[0], b1 = b.c_[1], b2 = b.c_[2];
    return Ext3(a0.MulInline(b0) + (a1.MulInline(b2) + a2.MulInline(b1)).Double(),
                a0.MulInline(b1) + a1.MulInline(b0) + a2.MulInline(b2).Double(),
                a0.MulInline(b2) + a1.MulInline(b1) + a2.MulInline(b0));
  }
  ZKVM_FIELD_INLINE constexpr Ext3 operator*(Felt s) const {
    return Ext3(c_[0] * s, c_[1] * s, c_[2] * s);
  }
  ZKVM_FIELD_INLINE constexpr Ext3& operator+=(const Ext3& b) { return *this = *this + b; }
  ZKVM_FIELD_INLINE constexpr Ext3& operator-=(const Ext3& b) { return *this = *this - b; }
  ZKVM_FIELD_INLINE constexpr Ext3& operator*=(const Ext3& b) { return *this = *this * b; }
  ZKVM_FIELD_INLINE constexpr Ext3& operator*=(Felt s) { return *this = *this * s; }
  constexpr bool operator==(const Ext3&) const = default;

  constexpr Ext3 Square() const { return *this * *this; }

  constexpr Ext3 Pow(uint64_t e) const {
    Ext3 result = One(), base = *this;
    while (e != 0) {
      if (e & 1) result *= base;
      base = base.Square();
      e >>= 1;
    }
    return result;
  }

  // The norm N(a) = a * a^p * a^(p^2), an element of F_p; zero only for a = 0.
  constexpr Felt Norm() const {
    const Felt a0 = c_[0], a1 = c_[1], a2 = c_[2];
    const Felt t0 = a0.Square() - (a1 * a2).Double();
    const Felt t1 = a2.Square().Double() - a0 * a1;
    const Felt t2 = a1.Square() - a0 * a2;
    return a0 * t0 + (a2 * t1 + a1 * t2).Double();
  }

  // The inverse; zero maps to zero (callers that divide check first).
  constexpr Ext3 Inverse() const {
    const Felt a0 = c_[0], a1 = c_[1], a2 = c_[2];
    const Felt t0 = a0.Square() - (a1 * a2).Double();
    const Felt t1 = a2.Square().Double() - a0 * a1;
    const Felt t2 = a1.Square() - a0 * a2;
    const Felt norm = a0 * t0 + (a2 * t1 + a1 * t2).Double();
    const Felt inv = norm.Inverse();
    return Ext3(t0 * inv, t1 * inv, t2 * inv);
  }

  // Three canonical little-endian Felts, c0 first.
  constexpr void ToBytes(uint8_t out[kBytes]) const {
    for (size_t i = 0; i < kDegree; ++i) c_[i].ToBytes(out + i * Felt::kBytes);
  }
  // False (and *out untouched) if any coefficient is non-canonical.
  static constexpr bool FromBytes(const uint8_t in[kBytes], Ext3* out) {
    Ext3 e;
    for (size_t i = 0; i < kDegree; ++i) {
      if (!Felt::FromBytes(in + i * Felt::kBytes, &e.c_[i])) return false;
    }
    *out = e;
    return true;
  }

 private:
  Felt c_[kDegree];
};

constexpr Ext3 operator*(Felt s, const Ext3& a) { return a * s; }

}  // namespace zkvm::crypto
