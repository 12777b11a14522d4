// The MUL table (docs/tables.md section 4.11): one row per executed mul, mulh, mulhsu or mulhu.
// The row proves the full 64-bit product of the unsigned operands with 16-bit limbs, then the
// signed corrections of the high word, and writes the low or the high word to rd.
//
// Columns:
//    f_mul, f_mulh, f_mulhsu, f_mulhu   one-hot op flags; real = their sum
//    pc, clk, rd, rs1, rs2              the frame (section 4.0): EXEC (pc, clk) -> (pc + 4, clk +
//    1) a0, a1l, sa    a = a0 + 2^16 (a1l + 2^15 sa), the value read from rs1: a0 < 2^16,
//                   a1l < 2^15, sa boolean (the top bit); a1 = a1l + 2^15 sa is the top limb
//    b0, b1l, sb    likewise b, the value read from rs2
//    r0, r1         the result's limbs: rd receives r = r0 + 2^16 r1
//    x0, x1         the other word of the product: x = x0 + 2^16 x1
//    c1, c1h        the carry out of the low word: c = c1 + 2^16 c1h, c1 < 2^16, c1h boolean
//    m              the wrap count of the signed high word, in {0, 1, 2}
//    p_rs1, d_rs1, p_rs2, d_rs2, p_rd, d_rd, old_rd   the memory accesses (section 5)
// With f_hi = f_mulh + f_mulhsu + f_mulhu, the low word is L = f_mul r + f_hi x and the high
// word H = f_mul x + f_hi r (on a real row exactly one flag is set, so {L, H} = {r, x}).
// Constraints (all of degree <= 3, all zero on an all-zero row):
//    each flag boolean, real boolean; sa, sb, c1h boolean; m (m - 1)(m - 2) = 0;
//    (P1) a0 b0 + 2^16 (a0 b1 + a1 b0) = L + 2^32 c
//    (P2) a1 b1 + c - (f_mulh + f_mulhsu) sa b - f_mulh sb a + 2^32 m = H
// Interactions (24), all with multiplicity real: the frame (3); reads of rs1 (slot 0) and rs2
// (slot 1), the write of r to rd (slot 3) (4 each); R16 of a0, 2 a1l, b0, 2 b1l, r0, r1, x0,
// x1, c1.
//
// Why no identity can wrap mod p = 2^64 - 2^32 + 1. The range checks give a0, a1, b0, b1, r0,
// r1, x0, x1, c1 in [0, 2^16), c1h, sa, sb in {0, 1}, m in {0, 1, 2}, and a, b in [0, 2^32)
// (U32). Then both sides of each identity are nonnegative integers below 2^51 < p:
//    P1: the left side is at most (2^16 - 1)^2 (1 + 2^17) < 2^50; the right side is below
//        2^32 + 2^49;
//    P2: the left side (moving the subtracted terms to the right) is below 2^32 + 2^17 +
//        2^33, the right side below 2^32 + 2 * 2^32;
// so each field equation is an equation of integers. Also a = a0 + 2^16 a1 holds as integers
// (both sides below 2^32), so the limbs are the true limbs of the value read.
// What the row then guarantees:
//    P1 says a b mod 2^32 = L (L is in [0, 2^32)) and c = floor((a0 b0 + 2^16 (a0 b1 + a1
//    b0)) / 2^32), hence a b = L + 2^32 (a1 b1 + c): a1 b1 + c is the unsigned high word hu.
//    P2 says H = hu - (f_mulh + f_mulhsu) sa b - f_mulh sb a mod 2^32, H in [0, 2^32). With
//    the signed values as = a - 2^32 sa, bs = b - 2^32 sb:
//      as bs = a b - 2^32 (sa b + sb a) + 2^64 sa sb    (mulh)
//      as b  = a b - 2^32 sa b                          (mulhsu)
//    so H is bits 32..63 of the product the op asks for (the low word is the same for all
//    three). rd receives L for mul and H for the others, a u32.
// Cells per row: 29 main + 3 * (12 + 1) aux = 68.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "prover/tables/air_common.h"

namespace zkvm::prover {

struct MulColumns {
  enum : size_t {
    kFMul = 0,
    kFMulh,
    kFMulhsu,
    kFMulhu,
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
    kR0,
    kR1,
    kX0,
    kX1,
    kC1,
    kC1h,
    kM,
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

class MulAir {
 public:
  using Col = MulColumns;
  const char* name() const { return "mul"; }
  stark::AirShape shape() const { return {.num_main_columns = Col::kCount, .max_degree = 3}; }

  template <typename E>
  void Evaluate(E& e) const {
    auto m = [&](size_t c) { return e.main(c); };
    const auto one = e.constant(1);
    const auto two = e.constant(2);
    const auto two15 = e.constant(uint64_t{1} << 15);
    const auto two16 = e.constant(kTwo16);
    const auto two32 = e.constant(kTwo32);
    const auto f_mul = m(Col::kFMul), f_mulh = m(Col::kFMulh), f_mulhsu = m(Col::kFMulhsu),
               f_mulhu = m(Col::kFMulhu);
    BooleanAir(e, f_mul);
    BooleanAir(e, f_mulh);
    BooleanAir(e, f_mulhsu);
    BooleanAir(e, f_mulhu);
    const auto real = f_mul + f_mulh + f_mulhsu + f_mulhu;
    BooleanAir(e, real);
    const auto f_hi = f_mulh + f_mulhsu + f_mulhu;

    const auto sa = m(Col::kSa), sb = m(Col::kSb);
    BooleanAir(e, sa);
    BooleanAir(e, sb);
    const auto a0 = m(Col::kA0), b0 = m(Col::kB0);
    const auto a1 = m(Col::kA1l) + two15 * sa;
    const auto b1 = m(Col::kB1l) + two15 * sb;
    const auto a = a0 + two16 * a1;
    const auto b = b0 + two16 * b1;
    const auto r = m(Col::kR0) + two16 * m(Col::kR1);
    const auto x = m(Col::kX0) + two16 * m(Col::kX1);
    const auto lo = f_mul * r + f_hi * x;
    const auto hi = f_mul * x + f_hi * r;
    const auto c1h = m(Col::kC1h);
    BooleanAir(e, c1h);
    const auto carry = m(Col::kC1) + two16 * c1h;
    const auto wrap = m(Col::kM);
    e.Constrain(wrap * (wrap - one) * (wrap - two));
    // P1: the low word and its carry.
    e.Constrain(a0 * b0 + two16 * (a0 * b1 + a1 * b0) - lo - two32 * carry);
    // P2: the high word, signed corrections included.
    e.Constrain(a1 * b1 + carry - (f_mulh + f_mulhsu) * sa * b - f_mulh * sb * a + two32 * wrap -
                hi);

    const auto uop = e.constant(static_cast<uint64_t>(Uop::kMul)) * f_mul +
                     e.constant(static_cast<uint64_t>(Uop::kMulh)) * f_mulh +
                     e.constant(static_cast<uint64_t>(Uop::kMulhsu)) * f_mulhsu +
                     e.constant(static_cast<uint64_t>(Uop::kMulhu)) * f_mulhu;
    const auto clk = m(Col::kClk);
    FrameAir(e, real, m(Col::kPc), clk, m(Col::kPc) + e.constant(4) * real, uop, m(Col::kRd),
             m(Col::kRs1), m(Col::kRs2), e.constant(0));
    const auto reg = SpaceConst(e, Space::kReg);
    AccessAir(e, real, reg, m(Col::kRs1), TimestampAir(e, clk, kSlotRs1), m(Col::kPRs1),
              m(Col::kDRs1), a, a);
    AccessAir(e, real, reg, m(Col::kRs2), TimestampAir(e, clk, kSlotRs2), m(Col::kPRs2),
              m(Col::kDRs2), b, b);
    AccessAir(e, real, reg, m(Col::kRd), TimestampAir(e, clk, kSlotRd), m(Col::kPRd), m(Col::kDRd),
              m(Col::kOldRd), r);
    R16Air(e, real, a0);
    // a1 in [0, 2^16) makes a1l an integer, so the 15-bit check on it pins sa to bit 31 (a
    // fractional a1l = y / 2 would otherwise let a negative a claim sa = 0).
    R16BitsAir(e, real, m(Col::kA1l), 15);
    R16Air(e, real, a1);
    R16Air(e, real, b0);
    R16BitsAir(e, real, m(Col::kB1l), 15);
    R16Air(e, real, b1);
    R16Air(e, real, m(Col::kR0));
    R16Air(e, real, m(Col::kR1));
    R16Air(e, real, m(Col::kX0));
    R16Air(e, real, m(Col::kX1));
    R16Air(e, real, m(Col::kC1));
  }
};

}  // namespace zkvm::prover
