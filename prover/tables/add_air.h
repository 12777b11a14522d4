// The ADD_I and ADD_R tables (docs/tables.md section 4.6): one row per executed addi (ADD_I)
// or add / sub (ADD_R). One AIR template, two shapes: the immediate form takes its second
// operand from DECODE's c, the register form from a second register read.
//
// Columns (ADD_R; ADD_I has no f_sub, rs2, b, p_rs2, d_rs2 and takes c as its operand):
//    real   1 on rows of executed instructions, 0 on padding (ADD_R: f_add + f_sub)
//    f_sub  ADD_R only: the row is a sub (else add)
//    pc, clk            the frame (section 4.0): EXEC (pc, clk) -> (pc + 4, clk + 1)
//    rd, rs1 (, rs2)    register numbers, as DECODE says
//    c                  ADD_I only: the sign-extended immediate
//    a (, b)            the values read from rs1 (and rs2)
//    k                  the carry (add) or borrow (sub) out of bit 31
//    r0, r1             the result's 16-bit limbs: r = r0 + 2^16 r1
//    p_rs1, d_rs1 (, p_rs2, d_rs2), p_rd, d_rd, old_rd   the memory accesses (section 5)
// Constraints:
//    real, f_sub (ADD_R: f_add = real - f_sub) boolean, k boolean;
//    ADD_I: r = a + c - 2^32 k;  ADD_R: r = a + (1 - 2 f_sub)(b - 2^32 k).
// Interactions: the frame; reads of rs1 (slot 0) and rs2 (slot 1), the write of r to rd (slot
// 3); R16(r0), R16(r1).
// Guarantees: rd receives (a + b) mod 2^32 or (a - b) mod 2^32 and it is a u32 (its limbs are
// range checked, and exactly one boolean k puts a + b or a - b in [0, 2^32) given that a and b
// are u32, docs/tables.md invariant U32).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "prover/tables/air_common.h"

namespace zkvm::prover {

template <bool kRegisterForm>
struct AddColumns {
  enum : size_t {
    kReal = 0,
    kFSub,  // register form only (else an alias of the next column, unused)
    kPc = kRegisterForm ? 2 : 1,
    kClk,
    kRd,
    kRs1,
    kRs2OrC,  // rs2 (register form) or c (immediate form)
    kA,
    kB,  // register form only
    kK = kRegisterForm ? kB + 1 : kB,
    kR0,
    kR1,
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
class AddAir {
 public:
  using Col = AddColumns<kRegisterForm>;
  const char* name() const { return kRegisterForm ? "add_r" : "add_i"; }
  stark::AirShape shape() const { return {.num_main_columns = Col::kCount, .max_degree = 3}; }

  template <typename E>
  void Evaluate(E& e) const {
    auto m = [&](size_t c) { return e.main(c); };
    const auto one = e.constant(1);
    const auto two32 = e.constant(kTwo32);
    const auto real = m(Col::kReal);
    const auto clk = m(Col::kClk);
    BooleanAir(e, real);
    BooleanAir(e, m(Col::kK));
    const auto r = m(Col::kR0) + e.constant(kTwo16) * m(Col::kR1);
    ExprOf<E> uop = e.constant(static_cast<uint64_t>(Uop::kAddi)) * real;
    if constexpr (kRegisterForm) {
      const auto f_sub = m(Col::kFSub);
      BooleanAir(e, f_sub);
      e.Constrain(f_sub * (one - real));  // f_sub implies real
      e.Constrain(r - m(Col::kA) -
                  (one - e.constant(2) * f_sub) * (m(Col::kB) - two32 * m(Col::kK)));
      uop = e.constant(static_cast<uint64_t>(Uop::kAdd)) * (real - f_sub) +
            e.constant(static_cast<uint64_t>(Uop::kSub)) * f_sub;
      FrameAir(e, real, m(Col::kPc), clk, m(Col::kPc) + e.constant(4) * real, uop, m(Col::kRd),
               m(Col::kRs1), m(Col::kRs2OrC), e.constant(0));
    } else {
      e.Constrain(r - m(Col::kA) - m(Col::kRs2OrC) + two32 * m(Col::kK));
      FrameAir(e, real, m(Col::kPc), clk, m(Col::kPc) + e.constant(4) * real, uop, m(Col::kRd),
               m(Col::kRs1), e.constant(0), m(Col::kRs2OrC));
    }
    const auto reg = SpaceConst(e, Space::kReg);
    AccessAir(e, real, reg, m(Col::kRs1), TimestampAir(e, clk, kSlotRs1), m(Col::kPRs1),
              m(Col::kDRs1), m(Col::kA), m(Col::kA));
    if constexpr (kRegisterForm) {
      AccessAir(e, real, reg, m(Col::kRs2OrC), TimestampAir(e, clk, kSlotRs2), m(Col::kPRs2),
                m(Col::kDRs2), m(Col::kB), m(Col::kB));
    }
    AccessAir(e, real, reg, m(Col::kRd), TimestampAir(e, clk, kSlotRd), m(Col::kPRd), m(Col::kDRd),
              m(Col::kOldRd), r);
    R16Air(e, real, m(Col::kR0));
    R16Air(e, real, m(Col::kR1));
  }
};

using AddIAir = AddAir<false>;
using AddRAir = AddAir<true>;

}  // namespace zkvm::prover
