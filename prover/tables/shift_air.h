// The SHIFT_I and SHIFT_R tables (docs/tables.md section 4.8): one row per executed slli, srli,
// srai (SHIFT_I) or sll, srl, sra (SHIFT_R). One AIR template, two shapes: the immediate form
// takes the shift amount s from DECODE's c (shamt), the register form from the low five bits
// of a second register read b.
//
// All three shifts come from one product with a power of two looked up in POW (pow_table.h):
//   a * P = L + 2^32 H,  L = L0 + 2^16 L1,  H = H0 + 2^16 H1
// with (s, dir, P, F, z) a POW row, dir = f_srl + f_sra. Left: P = 2^s, so L = a << s.
// Right: P = 2^(32 - s) for s > 0, so H = a >> s (logical); for s = 0, P = 1 and L = a. The
// arithmetic shift adds the sign fill F (the top s bits) when a is negative.
//
// Columns (SHIFT_R; SHIFT_I has no rs2, b, t0, p_rs2, d_rs2 and its s is DECODE's c):
//    f_sll, f_srl, f_sra   one-hot op flags; real = f_sll + f_srl + f_sra (1 on rows of
//                          executed instructions, 0 on padding)
//    pc, clk               the frame (section 4.0): EXEC (pc, clk) -> (pc + 4, clk + 1)
//    rd, rs1 (, rs2)       register numbers, as DECODE says
//    s                     the shift amount (SHIFT_I: the column is DECODE's c)
//    a (, b)               the values read from rs1 (and rs2)
//    t0                    SHIFT_R only: the low 16 bits of t = b >> 5
//    P, F, z               the POW row of (s, dir)
//    sa, q0                the sign of a and the low 15 bits of a: a = 2^31 sa + q0 + 2^15 q1
//                          with q1 = (a - 2^31 sa - q0) / 2^15 (not a column)
//    L0, L1, H0, H1        the limbs of the product's low and high words
//    r                     the result written to rd
//    p_rs1, d_rs1 (, p_rs2, d_rs2), p_rd, d_rd, old_rd   the memory accesses (section 5)
// Constraints:
//    f_sll, f_srl, f_sra, real, sa boolean;
//    a P = L0 + 2^16 L1 + 2^32 (H0 + 2^16 H1);
//    r = (f_sll + (f_srl + f_sra) z) L + (f_srl + f_sra)(1 - z) H + f_sra sa F;
//    SHIFT_R: t1 = (b - s - 32 t0) / 2^16 (not a column).
// Interactions (all with multiplicity real): the frame; reads of rs1 (slot 0) and rs2 (slot 1),
// the write of r to rd (slot 3); POW (s, f_srl + f_sra, P, F, z); R16(L0), R16(L1), R16(H0),
// R16(2 H1); R16(2 q0), R16(q1); SHIFT_R: R16(t0), R16(32 t1).
// Guarantees (a, b are u32 by docs/tables.md invariant U32):
//  - POW gives s < 32, dir = [right shift], P <= 2^31 and F, z of row (s, dir).
//  - The product: L < 2^32 and H = H0 + 2^15 (2 H1) is an integer below 2^31 + 2^15 (its limb
//    2 H1 is an integer below 2^16 even when H1 is not), so both sides are integers below
//    2^63 + 2^48 < p and the identity holds over the integers: L = (a P) mod 2^32 and
//    H = (a P) >> 32 < 2^31.
//  - The sign: 2 a = 2^32 sa + 2 q0 + 2^16 q1 with 2 q0 and q1 integers below 2^16 holds over
//    the integers (all below 2^34), and 2 q0 + 2^16 q1 < 2^32, so sa is bit 31 of a. (A split
//    a = 2^31 sa + q0 + 2^16 q1 with R16(q0), R16(2 q1) would not do: 2 q1 < 2^16 lets
//    2^16 q1 be any multiple of 2^15, which overlaps q0, and a = 2^31 + 100 passes with
//    sa = 0.)
//  - SHIFT_R: b - s = 32 t0 + 2^16 (32 t1) holds over the integers with both limbs below 2^16
//    (t < 2^27), so s = b mod 32 = b & 31.
//  - So r is a << s (sll), a >> s (srl; L = a when s = 0), and for sra a >> s plus the top s
//    bits when a is negative, i.e. the arithmetic shift; each is a u32.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "prover/tables/air_common.h"
#include "prover/tables/pow_air.h"

namespace zkvm::prover {

template <bool kRegisterForm>
struct ShiftColumns {
  enum : size_t {
    kFSll = 0,
    kFSrl,
    kFSra,
    kPc,
    kClk,
    kRd,
    kRs1,
    kRs2,  // register form only (else an alias of the next column, unused)
    kS = kRegisterForm ? kRs2 + 1 : kRs2,
    kA,
    kB,                                 // register form only
    kT0 = kRegisterForm ? kB + 1 : kB,  // register form only
    kP = kRegisterForm ? kT0 + 1 : kT0,
    kF,
    kZ,
    kSa,
    kQ0,
    kL0,
    kL1,
    kH0,
    kH1,
    kR,
    kPRs1,
    kDRs1,
    kPRs2,  // register form only
    kDRs2,
    kPRd = kRegisterForm ? kDRs2 + 1 : kPRs2,
    kDRd,
    kOldRd,
    kCount,
  };
};

template <bool kRegisterForm>
class ShiftAir {
 public:
  using Col = ShiftColumns<kRegisterForm>;
  // 2^-15 in the field.
  static constexpr uint64_t kInvTwo15 = Felt::FromU64(uint64_t{1} << 15).Inverse().value();
  const char* name() const { return kRegisterForm ? "shift_r" : "shift_i"; }
  stark::AirShape shape() const { return {.num_main_columns = Col::kCount, .max_degree = 3}; }

  template <typename E>
  void Evaluate(E& e) const {
    auto m = [&](size_t c) { return e.main(c); };
    const auto one = e.constant(1);
    const auto two16 = e.constant(kTwo16);
    const auto f_sll = m(Col::kFSll), f_srl = m(Col::kFSrl), f_sra = m(Col::kFSra);
    const auto real = f_sll + f_srl + f_sra;
    const auto right = f_srl + f_sra;
    const auto clk = m(Col::kClk);
    const auto s = m(Col::kS);
    const auto a = m(Col::kA);
    const auto sa = m(Col::kSa);
    BooleanAir(e, f_sll);
    BooleanAir(e, f_srl);
    BooleanAir(e, f_sra);
    BooleanAir(e, real);
    BooleanAir(e, sa);
    const auto l = m(Col::kL0) + two16 * m(Col::kL1);
    const auto h = m(Col::kH0) + two16 * m(Col::kH1);
    e.Constrain(a * m(Col::kP) - l - e.constant(kTwo32) * h);
    const auto z = m(Col::kZ);
    e.Constrain(m(Col::kR) - (f_sll + right * z) * l - right * (one - z) * h -
                f_sra * sa * m(Col::kF));

    const auto uop = [&](Uop left, Uop logical, Uop arithmetic) {
      return e.constant(static_cast<uint64_t>(left)) * f_sll +
             e.constant(static_cast<uint64_t>(logical)) * f_srl +
             e.constant(static_cast<uint64_t>(arithmetic)) * f_sra;
    };
    const auto next_pc = m(Col::kPc) + e.constant(4) * real;
    if constexpr (kRegisterForm) {
      FrameAir(e, real, m(Col::kPc), clk, next_pc, uop(Uop::kSll, Uop::kSrl, Uop::kSra),
               m(Col::kRd), m(Col::kRs1), m(Col::kRs2), e.constant(0));
    } else {
      FrameAir(e, real, m(Col::kPc), clk, next_pc, uop(Uop::kSlli, Uop::kSrli, Uop::kSrai),
               m(Col::kRd), m(Col::kRs1), e.constant(0), s);
    }
    const auto reg = SpaceConst(e, Space::kReg);
    AccessAir(e, real, reg, m(Col::kRs1), TimestampAir(e, clk, kSlotRs1), m(Col::kPRs1),
              m(Col::kDRs1), a, a);
    if constexpr (kRegisterForm) {
      const auto b = m(Col::kB);
      AccessAir(e, real, reg, m(Col::kRs2), TimestampAir(e, clk, kSlotRs2), m(Col::kPRs2),
                m(Col::kDRs2), b, b);
      // b = s + 32 (t0 + 2^16 t1): R16(t0), R16(32 t1) with 32 t1 = (b - s - 32 t0) / 2^16.
      R16Air(e, real, m(Col::kT0));
      R16Air(e, real, (b - s - e.constant(32) * m(Col::kT0)) * e.constant(kInvTwo16));
    }
    AccessAir(e, real, reg, m(Col::kRd), TimestampAir(e, clk, kSlotRd), m(Col::kPRd), m(Col::kDRd),
              m(Col::kOldRd), m(Col::kR));
    e.Send(kPowBus, real, {s, right, m(Col::kP), m(Col::kF), z});
    R16Air(e, real, m(Col::kL0));
    R16Air(e, real, m(Col::kL1));
    R16Air(e, real, m(Col::kH0));
    R16Air(e, real, e.constant(2) * m(Col::kH1));
    // a = 2^31 sa + q0 + 2^15 q1: R16(2 q0), R16(q1).
    R16Air(e, real, e.constant(2) * m(Col::kQ0));
    R16Air(e, real, (a - e.constant(uint64_t{1} << 31) * sa - m(Col::kQ0)) * e.constant(kInvTwo15));
  }
};

using ShiftIAir = ShiftAir<false>;
using ShiftRAir = ShiftAir<true>;

}  // namespace zkvm::prover
