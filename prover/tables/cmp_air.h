// The CMP_I and CMP_R tables (docs/tables.md section 4.7): one row per executed slti / sltiu
// (CMP_I) or slt / sltu (CMP_R). rd receives lt = [a < b] (signed for slt / slti, unsigned for
// sltu / sltiu), a boolean.
//
// Columns (CMP_R; CMP_I has no sb, qb0, qb1, p_rs2, d_rs2 and takes c as its second operand):
//    f_slt, f_sltu   one-hot op flags (slti / sltiu in CMP_I); real = f_slt + f_sltu (1 on rows
//                    of executed instructions, 0 on padding)
//    pc, clk         the frame (section 4.0): EXEC (pc, clk) -> (pc + 4, clk + 1)
//    rd, rs1         register numbers, as DECODE says
//    rs2 / c         CMP_R: rs2; CMP_I: DECODE's c, the sign-extended immediate for sltiu and
//                    the immediate with bit 31 flipped for slti
//    sa, qa0, qa1    the value read from rs1: a = 2^31 sa + 2^15 qa1 + qa0, sa = bit 31
//    sb, qb0, qb1    CMP_R: the value read from rs2, b = 2^31 sb + 2^15 qb1 + qb0
//    lt              the result
//    d0, d1          16-bit limbs of d = a' - b' + 2^32 lt
//    p_rs1, d_rs1 (, p_rs2, d_rs2), p_rd, d_rd, old_rd   the memory accesses (section 5)
// The compared values: a' = a + f_slt (2^31 - 2^32 sa), i.e. a with bit 31 flipped when signed
// (a' = a XOR 2^31 = a + 2^31 as a signed value, so the unsigned order of a' is the signed
// order of a); CMP_R: b' likewise from b, sb; CMP_I: b' = c (DECODE already flipped slti's bit
// 31, sltiu's immediate is compared as it is).
// Constraints:
//    f_slt, f_sltu, real, sa (, sb), lt boolean;
//    a' - b' + 2^32 lt = d0 + 2^16 d1   (degree 2).
// Interactions: the frame with uop = f_slt uop_slt + f_sltu uop_sltu (slti / sltiu ids in
// CMP_I) and c (CMP_I) or rs2 (CMP_R); the read of rs1 (slot 0) with value a, CMP_R: the read of
// rs2 (slot 1) with value b; the write of lt to rd (slot 3); R16(2 qa0), R16(qa1) (CMP_R also
// R16(2 qb0), R16(qb1)), R16(d0), R16(d1); all with multiplicity real.
// CMP_I: 18 main, I = 15, 18 + 3 * 9 = 45 cells; CMP_R: 23 main, I = 21, 23 + 3 * 12 = 59.
// Guarantees:
//  - sa is bit 31 of the register value a. The narrow limb (15 bits, checked as R16(2 qa0)) has
//    weight 1 on purpose: R16(2 x) accepts x = y / 2 mod p for every y < 2^16, and for odd y
//    that x is (p + y) / 2, so 2^31 sa + 2^15 qa1 + qa0 is then at least (p + 1) / 2 and never
//    equals a u32 (invariant U32 of section 2). With even y every limb is in range and the
//    decomposition of a < 2^32 is unique. (Weight 2^16 on the 15-bit limb, a = 2^31 sa + qa0 +
//    2^16 qa1 with R16(2 qa1), would not do: 2^16 (p + y) / 2 = 2^15 y mod p, so a = 2^31 + t,
//    t < 2^15, would also decompose with sa = 0.)
//  - a', b' are then integers in [0, 2^32), a' - b' + 2^32 lt is in (-2^32, 2^33) and can
//    equal d in [0, 2^32) (no wrap mod p at these sizes) only for lt = [a' < b'], which is
//    [a < b] signed (f_slt) or unsigned (f_sltu). rd receives lt, in {0, 1}.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "prover/tables/air_common.h"

namespace zkvm::prover {

template <bool kRegisterForm>
struct CmpColumns {
  static constexpr size_t kR = kRegisterForm ? 1 : 0;
  enum : size_t {
    kFSlt = 0,
    kFSltu,
    kPc,
    kClk,
    kRd,
    kRs1,
    kRs2OrC,  // rs2 (register form) or c (immediate form)
    kSa,
    kQa0,
    kQa1,
    kSb,  // register form only (else aliases of kLt, kD0, kD1)
    kQb0,
    kQb1,
    kLt = kSb + 3 * kR,
    kD0,
    kD1,
    kPRs1,
    kDRs1,
    kPRs2,  // register form only (else aliases of kPRd, kDRd)
    kDRs2,
    kPRd = kPRs2 + 2 * kR,
    kDRd,
    kOldRd,
    kCount,
  };
};

template <bool kRegisterForm>
class CmpAir {
 public:
  using Col = CmpColumns<kRegisterForm>;
  const char* name() const { return kRegisterForm ? "cmp_r" : "cmp_i"; }
  stark::AirShape shape() const { return {.num_main_columns = Col::kCount, .max_degree = 3}; }

  template <typename E>
  void Evaluate(E& e) const {
    auto m = [&](size_t c) { return e.main(c); };
    auto id = [&](Uop u) { return e.constant(static_cast<uint64_t>(u)); };
    const auto two31 = e.constant(uint64_t{1} << 31);
    const auto two32 = e.constant(kTwo32);
    const auto f_slt = m(Col::kFSlt), f_sltu = m(Col::kFSltu);
    const auto real = f_slt + f_sltu;
    const auto clk = m(Col::kClk);
    const auto lt = m(Col::kLt);
    BooleanAir(e, f_slt);
    BooleanAir(e, f_sltu);
    BooleanAir(e, real);
    BooleanAir(e, m(Col::kSa));
    BooleanAir(e, lt);
    // A register value from its sign bit and limbs, and its bit 31 flipped when signed.
    auto value = [&](size_t s) {
      return two31 * m(s) + e.constant(uint64_t{1} << 15) * m(s + 2) + m(s + 1);
    };
    auto flipped = [&](size_t s) { return value(s) + f_slt * (two31 - two32 * m(s)); };
    const auto a = value(Col::kSa);
    const auto d = m(Col::kD0) + e.constant(kTwo16) * m(Col::kD1);
    const auto next_pc = m(Col::kPc) + e.constant(4) * real;
    if constexpr (kRegisterForm) {
      BooleanAir(e, m(Col::kSb));
      e.Constrain(flipped(Col::kSa) - flipped(Col::kSb) + two32 * lt - d);
      const auto uop = id(Uop::kSlt) * f_slt + id(Uop::kSltu) * f_sltu;
      FrameAir(e, real, m(Col::kPc), clk, next_pc, uop, m(Col::kRd), m(Col::kRs1), m(Col::kRs2OrC),
               e.constant(0));
    } else {
      e.Constrain(flipped(Col::kSa) - m(Col::kRs2OrC) + two32 * lt - d);
      const auto uop = id(Uop::kSlti) * f_slt + id(Uop::kSltiu) * f_sltu;
      FrameAir(e, real, m(Col::kPc), clk, next_pc, uop, m(Col::kRd), m(Col::kRs1), e.constant(0),
               m(Col::kRs2OrC));
    }
    const auto reg = SpaceConst(e, Space::kReg);
    AccessAir(e, real, reg, m(Col::kRs1), TimestampAir(e, clk, kSlotRs1), m(Col::kPRs1),
              m(Col::kDRs1), a, a);
    if constexpr (kRegisterForm) {
      const auto b = value(Col::kSb);
      AccessAir(e, real, reg, m(Col::kRs2OrC), TimestampAir(e, clk, kSlotRs2), m(Col::kPRs2),
                m(Col::kDRs2), b, b);
    }
    AccessAir(e, real, reg, m(Col::kRd), TimestampAir(e, clk, kSlotRd), m(Col::kPRd), m(Col::kDRd),
              m(Col::kOldRd), lt);
    R16BitsAir(e, real, m(Col::kQa0), 15);
    R16Air(e, real, m(Col::kQa1));
    if constexpr (kRegisterForm) {
      R16BitsAir(e, real, m(Col::kQb0), 15);
      R16Air(e, real, m(Col::kQb1));
    }
    R16Air(e, real, m(Col::kD0));
    R16Air(e, real, m(Col::kD1));
  }
};

using CmpIAir = CmpAir<false>;
using CmpRAir = CmpAir<true>;

}  // namespace zkvm::prover
