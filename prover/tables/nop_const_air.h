// The NOP and CONST tables (docs/tables.md section 4.6): one row per executed instruction whose
// micro-op DECODE made kNop (fence, step markers, any side-effect-free instruction with
// rd = x0, jal x0) or kConst (lui, auipc, op-imm with rs1 = x0). DECODE has already computed
// everything: NOP's c is the next pc (pc + 4, or the jal target), CONST's c is the u32 that rd
// receives. Neither table does arithmetic.
//
// NOP columns:
//    real     1 on rows of executed instructions, 0 on padding
//    pc, clk  the frame (section 4.0): EXEC (pc, clk) -> (c, clk + 1)
//    c        the next pc, as DECODE says
// NOP constraints: real boolean.
// NOP interactions (3): the frame, DEC (pc, kNop, 0, 0, 0, c). No memory access.
// NOP guarantees: the instruction at pc is a NOP micro-op and execution continues at c, which
// DECODE fixed to the architectural next pc.
//
// CONST columns:
//    real     1 on rows of executed instructions, 0 on padding
//    pc, clk  the frame: EXEC (pc, clk) -> (pc + 4, clk + 1)
//    rd       the written register (1..31; DECODE never maps rd = x0 to CONST)
//    c        the constant, a u32 from DECODE
//    p_rd, d_rd, old_rd   the write of c to rd at slot 3 (section 5)
// CONST constraints: real boolean.
// CONST interactions (7): the frame, DEC (pc, kConst, rd, 0, 0, c), the rd write (2 MEM, 2 R16).
// CONST guarantees: rd receives c, a u32 (a preprocessed DECODE value), so invariant U32 holds.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "prover/tables/air_common.h"

namespace zkvm::prover {

struct NopColumns {
  enum : size_t { kReal = 0, kPc, kClk, kC, kCount };
};

struct ConstColumns {
  enum : size_t { kReal = 0, kPc, kClk, kRd, kC, kPRd, kDRd, kOldRd, kCount };
};

class NopAir {
 public:
  using Col = NopColumns;
  const char* name() const { return "nop"; }
  stark::AirShape shape() const { return {.num_main_columns = Col::kCount, .max_degree = 3}; }

  template <typename E>
  void Evaluate(E& e) const {
    auto m = [&](size_t c) { return e.main(c); };
    const auto real = m(Col::kReal);
    const auto zero = e.constant(0);
    BooleanAir(e, real);
    FrameAir(e, real, m(Col::kPc), m(Col::kClk), m(Col::kC),
             e.constant(static_cast<uint64_t>(Uop::kNop)) * real, zero, zero, zero, m(Col::kC));
  }
};

class ConstAir {
 public:
  using Col = ConstColumns;
  const char* name() const { return "const"; }
  stark::AirShape shape() const { return {.num_main_columns = Col::kCount, .max_degree = 3}; }

  template <typename E>
  void Evaluate(E& e) const {
    auto m = [&](size_t c) { return e.main(c); };
    const auto real = m(Col::kReal);
    const auto clk = m(Col::kClk);
    const auto zero = e.constant(0);
    BooleanAir(e, real);
    FrameAir(e, real, m(Col::kPc), clk, m(Col::kPc) + e.constant(4) * real,
             e.constant(static_cast<uint64_t>(Uop::kConst)) * real, m(Col::kRd), zero, zero,
             m(Col::kC));
    AccessAir(e, real, SpaceConst(e, Space::kReg), m(Col::kRd), TimestampAir(e, clk, kSlotRd),
              m(Col::kPRd), m(Col::kDRd), m(Col::kOldRd), m(Col::kC));
  }
};

}  // namespace zkvm::prover
