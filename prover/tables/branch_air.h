// The BRANCH_EQ and BRANCH_LT tables (docs/tables.md section 4.9): one row per executed beq /
// bne (BRANCH_EQ) or blt / bge / bltu / bgeu (BRANCH_LT). DECODE's c is the target
// pc + imm mod 2^32, so no table adds offsets; a row only decides whether the branch is taken:
//    next_pc = pc + 4 real + taken (c - pc - 4)
// which has degree 3 (taken is of degree 2), so next_pc is a column.
//
// BRANCH_EQ columns:
//    f_beq, f_bne   op flags, boolean, real = f_beq + f_bne (boolean: at most one is set)
//    pc, clk        the frame (section 4.0): EXEC (pc, clk) -> (next_pc, clk + 1)
//    rs1, rs2, c    register numbers and the target, as DECODE says (rd is 0)
//    a, b           the values read from rs1 and rs2
//    inv            the inverse of a - b when a != b, else 0
//    eq             [a = b] on real rows
//    next_pc        the next pc
//    p_rs1, d_rs1, p_rs2, d_rs2   the two register reads (section 5)
// BRANCH_EQ constraints:
//    f_beq, f_bne, real boolean;
//    (a - b) inv = real - eq;  (a - b) eq = 0;  eq inv = 0
//      (a != b: eq = 0 and inv = real / (a - b); a = b: eq = real and inv = 0 on real rows;
//      a and b are u32, so a - b = 0 in the field exactly when a = b);
//    taken = f_beq eq + f_bne (real - eq);
//    next_pc = pc + 4 real + taken (c - pc - 4).
// BRANCH_EQ interactions (11): the frame, DEC (pc, f_beq kBeq + f_bne kBne, 0, rs1, rs2, c),
// the reads of rs1 (slot 0) and rs2 (slot 1).
//
// BRANCH_LT columns:
//    f_blt, f_bge, f_bltu, f_bgeu   op flags, boolean, real = their sum (boolean)
//    pc, clk, rs1, rs2, c, a, b     as in BRANCH_EQ
//    lt             [a' < b'], the comparison's result
//    d0, d1         16-bit limbs of a' - b' + 2^32 lt
//    sa, qa0        the sign bit of a and the low 16 bits of a xor 2^31 (likewise sb, qb0)
//    sb, qb0
//    next_pc
//    p_rs1, d_rs1, p_rs2, d_rs2
// With s = f_blt + f_bge (a signed compare), a' = a + s (2^31 - 2^32 sa) and
// b' = b + s (2^31 - 2^32 sb): the operands with their sign bit flipped when signed, so that
// the unsigned order of a', b' is the signed order of a, b.
// BRANCH_LT constraints:
//    flags, real, lt, sa, sb boolean;
//    a' - b' + 2^32 lt = d0 + 2^16 d1;
//    taken = (f_blt + f_bltu) lt + (f_bge + f_bgeu)(real - lt);
//    next_pc = pc + 4 real + taken (c - pc - 4).
// BRANCH_LT interactions (17): the frame, DEC (pc, sum f kUop, 0, rs1, rs2, c), the reads of rs1
// and rs2, R16(d0), R16(d1), R16(qa0), R16((a + 2^31 - 2^32 sa - qa0) / 2^16), R16(qb0),
// R16((b + 2^31 - 2^32 sb - qb0) / 2^16).
// Why the sign bit is right: the two lookups prove a + 2^31 - 2^32 sa is in [0, 2^32). As a is
// a u32 (invariant U32), a + 2^31 is in [2^31, 2^32 + 2^31), and exactly one boolean sa puts it
// in range: sa = 1 for a >= 2^31, sa = 0 below (with sa = 1 the value would be a negative
// integer, i.e. a field element above p - 2^32). (A decomposition a = 2^31 sa + q0 + 2^16 q1
// checked by R16(q0), R16(2 q1) is not enough: 2 q1 = y with y odd makes 2^16 q1 = 2^15 y, so
// a in [2^31, 2^31 + 2^15) would also decompose with sa = 0.)
// Why lt is right: a', b' are in [0, 2^32) (a' = a xor 2^31 when signed), so a' - b' is in
// (-2^32, 2^32), and exactly one boolean lt puts a' - b' + 2^32 lt in [0, 2^32), which the two
// R16 lookups prove: lt = [a' < b'].
// Guarantees (both tables): the branch is taken exactly when the comparison of the register
// values says so, and the next pc is then DECODE's target, else pc + 4. A misaligned target
// names no DECODE pc, so execution cannot continue from it.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "prover/tables/air_common.h"

namespace zkvm::prover {

struct BranchEqColumns {
  enum : size_t {
    kFBeq = 0,
    kFBne,
    kPc,
    kClk,
    kRs1,
    kRs2,
    kC,
    kA,
    kB,
    kInv,
    kEq,
    kNextPc,
    kPRs1,
    kDRs1,
    kPRs2,
    kDRs2,
    kCount,
  };
};

struct BranchLtColumns {
  enum : size_t {
    kFBlt = 0,
    kFBge,
    kFBltu,
    kFBgeu,
    kPc,
    kClk,
    kRs1,
    kRs2,
    kC,
    kA,
    kB,
    kLt,
    kD0,
    kD1,
    kSa,
    kQa0,
    kSb,
    kQb0,
    kNextPc,
    kPRs1,
    kDRs1,
    kPRs2,
    kDRs2,
    kCount,
  };
};

// The frame, the two register reads and the next-pc selection both branch tables share.
template <typename E>
void BranchFrameAir(E& e, ExprOf<E> real, ExprOf<E> uop, ExprOf<E> taken, ExprOf<E> pc,
                    ExprOf<E> clk, ExprOf<E> rs1, ExprOf<E> rs2, ExprOf<E> c, ExprOf<E> a,
                    ExprOf<E> b, ExprOf<E> next_pc, ExprOf<E> p_rs1, ExprOf<E> d_rs1,
                    ExprOf<E> p_rs2, ExprOf<E> d_rs2) {
  const auto four = e.constant(4);
  BooleanAir(e, real);
  e.Constrain(next_pc - pc - four * real - taken * (c - pc - four));
  FrameAir(e, real, pc, clk, next_pc, uop, e.constant(0), rs1, rs2, c);
  const auto reg = SpaceConst(e, Space::kReg);
  AccessAir(e, real, reg, rs1, TimestampAir(e, clk, kSlotRs1), p_rs1, d_rs1, a, a);
  AccessAir(e, real, reg, rs2, TimestampAir(e, clk, kSlotRs2), p_rs2, d_rs2, b, b);
}

class BranchEqAir {
 public:
  using Col = BranchEqColumns;
  const char* name() const { return "branch_eq"; }
  stark::AirShape shape() const { return {.num_main_columns = Col::kCount, .max_degree = 3}; }

  template <typename E>
  void Evaluate(E& e) const {
    auto m = [&](size_t c) { return e.main(c); };
    const auto f_beq = m(Col::kFBeq), f_bne = m(Col::kFBne);
    const auto real = f_beq + f_bne;
    const auto diff = m(Col::kA) - m(Col::kB);
    const auto eq = m(Col::kEq), inv = m(Col::kInv);
    BooleanAir(e, f_beq);
    BooleanAir(e, f_bne);
    e.Constrain(diff * inv - real + eq);
    e.Constrain(diff * eq);
    e.Constrain(eq * inv);
    const auto taken = f_beq * eq + f_bne * (real - eq);
    const auto uop = e.constant(static_cast<uint64_t>(Uop::kBeq)) * f_beq +
                     e.constant(static_cast<uint64_t>(Uop::kBne)) * f_bne;
    BranchFrameAir(e, real, uop, taken, m(Col::kPc), m(Col::kClk), m(Col::kRs1), m(Col::kRs2),
                   m(Col::kC), m(Col::kA), m(Col::kB), m(Col::kNextPc), m(Col::kPRs1),
                   m(Col::kDRs1), m(Col::kPRs2), m(Col::kDRs2));
  }
};

class BranchLtAir {
 public:
  using Col = BranchLtColumns;
  const char* name() const { return "branch_lt"; }
  stark::AirShape shape() const { return {.num_main_columns = Col::kCount, .max_degree = 3}; }

  template <typename E>
  void Evaluate(E& e) const {
    auto m = [&](size_t c) { return e.main(c); };
    const auto f_blt = m(Col::kFBlt), f_bge = m(Col::kFBge);
    const auto f_bltu = m(Col::kFBltu), f_bgeu = m(Col::kFBgeu);
    const auto real = f_blt + f_bge + f_bltu + f_bgeu;
    const auto is_signed = f_blt + f_bge;
    const auto a = m(Col::kA), b = m(Col::kB);
    const auto lt = m(Col::kLt), sa = m(Col::kSa), sb = m(Col::kSb);
    const auto two31 = e.constant(uint64_t{1} << 31);
    const auto two32 = e.constant(kTwo32);
    const auto inv16 = e.constant(kInvTwo16);
    BooleanAir(e, f_blt);
    BooleanAir(e, f_bge);
    BooleanAir(e, f_bltu);
    BooleanAir(e, f_bgeu);
    BooleanAir(e, lt);
    BooleanAir(e, sa);
    BooleanAir(e, sb);
    // a xor 2^31 and b xor 2^31 (given the lookups below).
    const auto a_flip = a + two31 - two32 * sa;
    const auto b_flip = b + two31 - two32 * sb;
    const auto a_cmp = a + is_signed * (two31 - two32 * sa);
    const auto b_cmp = b + is_signed * (two31 - two32 * sb);
    e.Constrain(a_cmp - b_cmp + two32 * lt - m(Col::kD0) - e.constant(kTwo16) * m(Col::kD1));
    const auto taken = (f_blt + f_bltu) * lt + (f_bge + f_bgeu) * (real - lt);
    const auto uop = e.constant(static_cast<uint64_t>(Uop::kBlt)) * f_blt +
                     e.constant(static_cast<uint64_t>(Uop::kBge)) * f_bge +
                     e.constant(static_cast<uint64_t>(Uop::kBltu)) * f_bltu +
                     e.constant(static_cast<uint64_t>(Uop::kBgeu)) * f_bgeu;
    BranchFrameAir(e, real, uop, taken, m(Col::kPc), m(Col::kClk), m(Col::kRs1), m(Col::kRs2),
                   m(Col::kC), a, b, m(Col::kNextPc), m(Col::kPRs1), m(Col::kDRs1), m(Col::kPRs2),
                   m(Col::kDRs2));
    R16Air(e, real, m(Col::kD0));
    R16Air(e, real, m(Col::kD1));
    R16Air(e, real, m(Col::kQa0));
    R16Air(e, real, (a_flip - m(Col::kQa0)) * inv16);
    R16Air(e, real, m(Col::kQb0));
    R16Air(e, real, (b_flip - m(Col::kQb0)) * inv16);
  }
};

}  // namespace zkvm::prover
