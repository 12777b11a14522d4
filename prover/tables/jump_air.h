// The JAL and JALR tables (docs/tables.md section 4.9): one row per executed jal with rd != x0
// (jal x0 is a NOP, nop_const_table.h) or jalr. Both write the return address pc + 4 to rd.
//
// JAL columns:
//    real     1 on rows of executed instructions, 0 on padding
//    pc, clk  the frame (section 4.0): EXEC (pc, clk) -> (c, clk + 1)
//    rd       the written register (1..31)
//    c        the target pc + imm mod 2^32, as DECODE says
//    p_rd, d_rd, old_rd   the write of pc + 4 real to rd at slot 3 (section 5)
// JAL constraints: real boolean.
// JAL interactions (7): the frame, DEC (pc, kJal, rd, 0, 0, c), the rd write.
//
// JALR columns:
//    real     1 on rows of executed instructions, 0 on padding
//    pc, clk  the frame: EXEC (pc, clk) -> (a + c - 2^32 k - bit0, clk + 1)
//    rd       the written register (1..31, or the sink x32 for rd = x0)
//    rs1, c   the base register and the sign-extended immediate (a u32), as DECODE says
//    a        the value read from rs1
//    k        the carry out of bit 31 of a + c
//    bit0     bit 0 of (a + c) mod 2^32, which jalr clears
//    p_rs1, d_rs1, p_rd, d_rd, old_rd   the read of rs1 (slot 0), the write of rd (slot 3)
// JALR constraints: real, k, bit0 boolean.
// JALR interactions (11): the frame, DEC (pc, kJalr, rd, rs1, 0, c), the rs1 read, the rd
// write.
// Why the target needs no range check: next_pc must be received by the next row, which sends it
// on DEC, so it is a 4-aligned pc of the executable range (below 2^32). a + c is in [0, 2^33).
// If a + c < 2^32, k = 1 gives a negative integer (a field element above p - 2^33): no pc; if
// a + c >= 2^32, k = 0 gives a value >= 2^32 - 1: no pc. So k is the carry. Of T = a + c - 2^32
// k and T - 1 at most one is even, so bit0 is bit 0 of T: next_pc = T with bit 0 cleared, as
// jalr says (when that is not 4-aligned the executor traps and no row exists).
// Guarantees (both tables): rd receives pc + 4, a u32 because DECODE pcs are below 2^32 - 4;
// execution continues at the architectural target.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "prover/tables/air_common.h"

namespace zkvm::prover {

struct JalColumns {
  enum : size_t { kReal = 0, kPc, kClk, kRd, kC, kPRd, kDRd, kOldRd, kCount };
};

struct JalrColumns {
  enum : size_t {
    kReal = 0,
    kPc,
    kClk,
    kRd,
    kRs1,
    kC,
    kA,
    kK,
    kBit0,
    kPRs1,
    kDRs1,
    kPRd,
    kDRd,
    kOldRd,
    kCount,
  };
};

class JalAir {
 public:
  using Col = JalColumns;
  const char* name() const { return "jal"; }
  stark::AirShape shape() const { return {.num_main_columns = Col::kCount, .max_degree = 3}; }

  template <typename E>
  void Evaluate(E& e) const {
    auto m = [&](size_t c) { return e.main(c); };
    const auto real = m(Col::kReal);
    const auto clk = m(Col::kClk);
    const auto zero = e.constant(0);
    BooleanAir(e, real);
    FrameAir(e, real, m(Col::kPc), clk, m(Col::kC),
             e.constant(static_cast<uint64_t>(Uop::kJal)) * real, m(Col::kRd), zero, zero,
             m(Col::kC));
    AccessAir(e, real, SpaceConst(e, Space::kReg), m(Col::kRd), TimestampAir(e, clk, kSlotRd),
              m(Col::kPRd), m(Col::kDRd), m(Col::kOldRd), m(Col::kPc) + e.constant(4) * real);
  }
};

class JalrAir {
 public:
  using Col = JalrColumns;
  const char* name() const { return "jalr"; }
  stark::AirShape shape() const { return {.num_main_columns = Col::kCount, .max_degree = 3}; }

  template <typename E>
  void Evaluate(E& e) const {
    auto m = [&](size_t c) { return e.main(c); };
    const auto real = m(Col::kReal);
    const auto clk = m(Col::kClk);
    BooleanAir(e, real);
    BooleanAir(e, m(Col::kK));
    BooleanAir(e, m(Col::kBit0));
    const auto next_pc = m(Col::kA) + m(Col::kC) - e.constant(kTwo32) * m(Col::kK) - m(Col::kBit0);
    FrameAir(e, real, m(Col::kPc), clk, next_pc,
             e.constant(static_cast<uint64_t>(Uop::kJalr)) * real, m(Col::kRd), m(Col::kRs1),
             e.constant(0), m(Col::kC));
    const auto reg = SpaceConst(e, Space::kReg);
    AccessAir(e, real, reg, m(Col::kRs1), TimestampAir(e, clk, kSlotRs1), m(Col::kPRs1),
              m(Col::kDRs1), m(Col::kA), m(Col::kA));
    AccessAir(e, real, reg, m(Col::kRd), TimestampAir(e, clk, kSlotRd), m(Col::kPRd), m(Col::kDRd),
              m(Col::kOldRd), m(Col::kPc) + e.constant(4) * real);
  }
};

}  // namespace zkvm::prover
