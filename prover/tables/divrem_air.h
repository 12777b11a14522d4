// The DIVREM table (docs/tables.md section 4.11): one row per executed div, divu, rem or remu.
// The row holds the quotient q and the remainder r as witnesses, proves B Q + R = A as
// integers (A, B, Q, R the operands and witnesses read as signed for div / rem, unsigned for
// divu / remu) with 16-bit limbs and one carry, |R| < |B| when b != 0, and the remainder's
// sign, and writes q (div, divu) or r (rem, remu) to rd.
//
// Columns:
//    f_div, f_divu, f_rem, f_remu   one-hot op flags; real = their sum; fs = f_div + f_rem
//                                   (signed), fq = f_div + f_divu (rd gets q), fr = f_rem + f_remu
//    pc, clk, rd, rs1, rs2          the frame (section 4.0): EXEC (pc, clk) -> (pc + 4, clk + 1)
//    a0, a1l, sa    a = a0 + 2^16 a1, a1 = a1l + 2^15 sa: the dividend read from rs1, its 16-bit
//                   limbs (a0 < 2^16, a1l < 2^15) and top bit sa
//    b0, b1l, sb    likewise the divisor b, read from rs2
//    q0, q1l, sq    likewise the quotient q (a witness)
//    r0, r1l, sr    likewise the remainder r (a witness)
//    k0, kh         the carry out of the low word: k = k0 + 2^16 kh - real, k0 < 2^16, kh boolean
//    ovf            the overflow case div / rem of INT_MIN by -1
//    inv            the inverse of b (0 when b = 0); nz = b inv is [b != 0] on real rows
//    d0, d1         |B| - |R| - 1 = d0 + 2^16 d1 (range checked only when b != 0)
//    res            the value rd receives: fq q + fr r
//    p_rs1, d_rs1, p_rs2, d_rs2, p_rd, d_rd, old_rd   the memory accesses (section 5)
// Signed values: X = x - 2^32 fs sx for x in {a, b, q, r}; |X| = x + fs sx (2^32 - 2x).
// Constraints (all of degree <= 3, all zero on an all-zero row):
//    flags, real, sa, sb, sq, sr, kh, ovf boolean;  res = fq q + fr r;
//    (Z1) b (real - nz) = 0, (Z2) inv (real - nz) = 0: nz = 1 iff b != 0 (real rows), inv is
//         fixed;
//    (Z3) (real - nz)(q - 0xFFFF_FFFF) = 0: division by zero gives all ones;
//    (O)  ovf (a - 2^31) = 0, ovf (b - 0xFFFF_FFFF) = 0, ovf (1 - fs) = 0;
//    (C1) b0 q0 + 2^16 (b0 q1 + b1 q0) + r - a = 2^32 k
//    (C2) b1 q1 - fs sb q0 - fs sq b0 - 2^16 fs (sb q1 + sq b1) + 2^32 fs sb sq - fs sr + fs sa
//         + k = ovf
//    (S)  fs (sr - sa) r = 0: a nonzero signed remainder has the dividend's sign;
//    (D)  d0 + 2^16 d1 = |B| - |R| - real.
// Interactions (26): the frame (3); reads of rs1 (slot 0) and rs2 (slot 1), the write of res to
// rd (slot 3) (4 each); R16 of a0, 2 a1l, b0, 2 b1l, q0, 2 q1l, r0, 2 r1l, k0, all with
// multiplicity real; R16 of d0 and d1 with multiplicity nz (degree 2).
//
// Why no identity can wrap mod p = 2^64 - 2^32 + 1. The lookups give all limbs in [0, 2^16)
// (top limbs: a1l etc. in [0, 2^15), so a1 = a1l + 2^15 sa in [0, 2^16)), k in [-1, 2^17 - 2],
// and a, b in [0, 2^32) (U32), so a = a0 + 2^16 a1 as integers, likewise b, and q, r in
// [0, 2^32). The left side of C1 lies in (-2^32, 2^50) and 2^32 k in [-2^32, 2^49): the
// difference is an integer of magnitude below 2^51 < p, so C1 holds as integers. Every term of
// C2 is below 2^33 in magnitude (b1 q1 < 2^32, 2^16 (sb q1 + sq b1) < 2^33, 2^32 sb sq <= 2^32,
// the rest below 2^17), so C2, a sum of a dozen of them, holds as integers. D, when b != 0:
// |B| - |R| - 1 lies in (-2^33, 2^32) and d0 + 2^16 d1 in [0, 2^32), so it holds as integers.
// What the row then guarantees:
//    Expanding B Q + R - A with X = x0 + 2^16 x1 - 2^32 nx (nx = fs sx):
//      B Q + R - A = [C1's left side] + 2^32 [C2's left side without k and ovf]
//                  = 2^32 k + 2^32 (ovf - k) = 2^32 ovf.
//    b = 0: Z3 forces q = 0xFFFF_FFFF; ovf = 0 (it needs b = 0xFFFF_FFFF), so R = A, which for
//      u32 r and a means r = a: the RV32M results for division by zero.
//    ovf = 1: a = INT_MIN, b = -1 and signed, so -Q + R + 2^31 = 2^32 with |R| < 1: R = 0,
//      Q = -2^31, q = 0x8000_0000 = INT_MIN, the RV32M result.
//    b != 0, ovf = 0: A = B Q + R as integers with |R| < |B| (D and its range checks) and, for
//      signed ops, R = 0 or sign(R) = sign(A) (S: sr = sa when r != 0). That is truncating
//      division, whose quotient and remainder are unique. A prover cannot claim ovf = 0 for
//      INT_MIN / -1: the quotient 2^31 has no signed 32-bit q.
//    rd receives res, which is q or r, both u32 (limbs range checked).
// Cells per row: 35 main + 3 * (13 + 1) aux = 77.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "prover/tables/air_common.h"

namespace zkvm::prover {

struct DivRemColumns {
  enum : size_t {
    kFDiv = 0,
    kFDivu,
    kFRem,
    kFRemu,
    kPc,
    kClk,
    kRd,
    kRs1,
    kRs2,
    kA0,
    kA1l,
    kSa,
    kB0,
    kB1l,
    kSb,
    kQ0,
    kQ1l,
    kSq,
    kR0,
    kR1l,
    kSr,
    kK0,
    kKh,
    kOvf,
    kInv,
    kD0,
    kD1,
    kRes,
    kPRs1,
    kDRs1,
    kPRs2,
    kDRs2,
    kPRd,
    kDRd,
    kOldRd,
    kCount,
  };
};

class DivRemAir {
 public:
  using Col = DivRemColumns;
  const char* name() const { return "divrem"; }
  stark::AirShape shape() const { return {.num_main_columns = Col::kCount, .max_degree = 3}; }

  template <typename E>
  void Evaluate(E& e) const {
    auto m = [&](size_t c) { return e.main(c); };
    const auto one = e.constant(1);
    const auto two = e.constant(2);
    const auto two15 = e.constant(uint64_t{1} << 15);
    const auto two16 = e.constant(kTwo16);
    const auto two31 = e.constant(uint64_t{1} << 31);
    const auto two32 = e.constant(kTwo32);
    const auto all_ones = e.constant(kTwo32 - 1);
    const auto f_div = m(Col::kFDiv), f_divu = m(Col::kFDivu), f_rem = m(Col::kFRem),
               f_remu = m(Col::kFRemu);
    BooleanAir(e, f_div);
    BooleanAir(e, f_divu);
    BooleanAir(e, f_rem);
    BooleanAir(e, f_remu);
    const auto real = f_div + f_divu + f_rem + f_remu;
    BooleanAir(e, real);
    const auto fs = f_div + f_rem;
    const auto fq = f_div + f_divu;
    const auto fr = f_rem + f_remu;

    // The four values, their limbs and top bits.
    const auto sa = m(Col::kSa), sb = m(Col::kSb), sq = m(Col::kSq), sr = m(Col::kSr);
    BooleanAir(e, sa);
    BooleanAir(e, sb);
    BooleanAir(e, sq);
    BooleanAir(e, sr);
    const auto a0 = m(Col::kA0), b0 = m(Col::kB0), q0 = m(Col::kQ0), r0 = m(Col::kR0);
    const auto a1 = m(Col::kA1l) + two15 * sa;
    const auto b1 = m(Col::kB1l) + two15 * sb;
    const auto q1 = m(Col::kQ1l) + two15 * sq;
    const auto r1 = m(Col::kR1l) + two15 * sr;
    const auto a = a0 + two16 * a1;
    const auto b = b0 + two16 * b1;
    const auto q = q0 + two16 * q1;
    const auto r = r0 + two16 * r1;

    const auto res = m(Col::kRes);
    e.Constrain(res - fq * q - fr * r);

    // b = 0: nz = b inv is 0, and q is all ones.
    const auto inv = m(Col::kInv);
    const auto nz = b * inv;
    e.Constrain(b * (real - nz));
    e.Constrain(inv * (real - nz));
    e.Constrain((real - nz) * (q - all_ones));

    // INT_MIN / -1 (signed only).
    const auto ovf = m(Col::kOvf);
    BooleanAir(e, ovf);
    e.Constrain(ovf * (a - two31));
    e.Constrain(ovf * (b - all_ones));
    e.Constrain(ovf * (one - fs));

    // B Q + R - A = 2^32 ovf, as a low part with carry k and a high part.
    const auto kh = m(Col::kKh);
    BooleanAir(e, kh);
    const auto k = m(Col::kK0) + two16 * kh - real;
    e.Constrain(b0 * q0 + two16 * (b0 * q1 + b1 * q0) + r - a - two32 * k);
    e.Constrain(b1 * q1 - fs * sb * q0 - fs * sq * b0 - two16 * fs * (sb * q1 + sq * b1) +
                two32 * fs * sb * sq - fs * sr + fs * sa + k - ovf);

    // A nonzero signed remainder has the dividend's sign.
    e.Constrain(fs * (sr - sa) * r);
    // |B| - |R| - 1 = d0 + 2^16 d1, range checked when b != 0.
    const auto abs_b = b + fs * sb * (two32 - two * b);
    const auto abs_r = r + fs * sr * (two32 - two * r);
    e.Constrain(m(Col::kD0) + two16 * m(Col::kD1) - abs_b + abs_r + real);

    const auto uop = e.constant(static_cast<uint64_t>(Uop::kDiv)) * f_div +
                     e.constant(static_cast<uint64_t>(Uop::kDivu)) * f_divu +
                     e.constant(static_cast<uint64_t>(Uop::kRem)) * f_rem +
                     e.constant(static_cast<uint64_t>(Uop::kRemu)) * f_remu;
    const auto clk = m(Col::kClk);
    FrameAir(e, real, m(Col::kPc), clk, m(Col::kPc) + e.constant(4) * real, uop, m(Col::kRd),
             m(Col::kRs1), m(Col::kRs2), e.constant(0));
    const auto reg = SpaceConst(e, Space::kReg);
    AccessAir(e, real, reg, m(Col::kRs1), TimestampAir(e, clk, kSlotRs1), m(Col::kPRs1),
              m(Col::kDRs1), a, a);
    AccessAir(e, real, reg, m(Col::kRs2), TimestampAir(e, clk, kSlotRs2), m(Col::kPRs2),
              m(Col::kDRs2), b, b);
    AccessAir(e, real, reg, m(Col::kRd), TimestampAir(e, clk, kSlotRd), m(Col::kPRd), m(Col::kDRd),
              m(Col::kOldRd), res);
    // Each top limb x1 in [0, 2^16) makes x1l an integer, so its 15-bit check pins the sign
    // bit (a fractional x1l = y / 2 would otherwise let a negative value claim sign 0).
    R16Air(e, real, a0);
    R16BitsAir(e, real, m(Col::kA1l), 15);
    R16Air(e, real, a1);
    R16Air(e, real, b0);
    R16BitsAir(e, real, m(Col::kB1l), 15);
    R16Air(e, real, b1);
    R16Air(e, real, q0);
    R16BitsAir(e, real, m(Col::kQ1l), 15);
    R16Air(e, real, q1);
    R16Air(e, real, r0);
    R16BitsAir(e, real, m(Col::kR1l), 15);
    R16Air(e, real, r1);
    R16Air(e, real, m(Col::kK0));
    R16Air(e, nz, m(Col::kD0));
    R16Air(e, nz, m(Col::kD1));
  }
};

}  // namespace zkvm::prover
