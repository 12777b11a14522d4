// The BIT_I and BIT_R tables (docs/tables.md section 4.7): one row per executed xori / ori /
// andi (BIT_I) or xor / or / and (BIT_R). One AIR template, two shapes: the immediate form takes
// its second operand from DECODE's c, the register form from a second register read. Bitwise
// ops work on 4 x 8-bit limbs (section 2): BYTE answers (op, x, y, x op y) for bytes x, y.
//
// Columns (BIT_R; BIT_I has no rs2, p_rs2, d_rs2):
//    f_and, f_or, f_xor   one-hot op flags; real = f_and + f_or + f_xor (1 on rows of executed
//                         instructions, 0 on padding)
//    pc, clk              the frame (section 4.0): EXEC (pc, clk) -> (pc + 4, clk + 1)
//    rd, rs1 (, rs2)      register numbers, as DECODE says
//    a0..a3               the bytes of the value read from rs1: a = sum a_i 256^i
//    b0..b3               the bytes of the second operand: BIT_R the value read from rs2,
//                         BIT_I the sign-extended immediate (DECODE's c = sum b_i 256^i)
//    r0..r3               the bytes of the result: r = sum r_i 256^i
//    p_rs1, d_rs1 (, p_rs2, d_rs2), p_rd, d_rd, old_rd   the memory accesses (section 5)
// Constraints:
//    f_and, f_or, f_xor boolean, real boolean (so at most one flag is set).
// Interactions: the frame with uop = f_and uop_and + f_or uop_or + f_xor uop_xor (the andi /
// ori / xori ids in BIT_I) and c = sum b_i 256^i (BIT_I) or 0 (BIT_R); the read of rs1 (slot 0)
// with value a, BIT_R: the read of rs2 (slot 1) with value b; the write of r to rd (slot 3);
// Send BYTE (op, a_i, b_i, r_i) for i = 0..3 with op = f_and AND + f_or OR + f_xor XOR = f_and +
// 2 f_or + 3 f_xor (the ByteOp ids), all with multiplicity real.
// BIT_I: 24 main, I = 15, 24 + 3 * 9 = 51 cells; BIT_R: 27 main, I = 19, 27 + 3 * 11 = 60.
// Guarantees: the four BYTE lookups prove every a_i, b_i, r_i is a byte and r_i = a_i op b_i for
// the one op the flags select. Bytes give a unique base-256 decomposition below 2^32, so a and b
// are the register values (and c the immediate), and rd receives a op b, a u32.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "prover/tables/air_common.h"

namespace zkvm::prover {

template <bool kRegisterForm>
struct BitColumns {
  static constexpr size_t kR = kRegisterForm ? 1 : 0;
  enum : size_t {
    kFAnd = 0,
    kFOr,
    kFXor,
    kPc,
    kClk,
    kRd,
    kRs1,
    kRs2,  // register form only (else an alias of kA0)
    kA0 = kRs2 + kR,
    kB0 = kA0 + 4,
    kR0 = kB0 + 4,
    kPRs1 = kR0 + 4,
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
class BitAir {
 public:
  using Col = BitColumns<kRegisterForm>;
  const char* name() const { return kRegisterForm ? "bit_r" : "bit_i"; }
  stark::AirShape shape() const { return {.num_main_columns = Col::kCount, .max_degree = 3}; }

  template <typename E>
  void Evaluate(E& e) const {
    auto m = [&](size_t c) { return e.main(c); };
    auto id = [&](Uop u) { return e.constant(static_cast<uint64_t>(u)); };
    const auto f_and = m(Col::kFAnd), f_or = m(Col::kFOr), f_xor = m(Col::kFXor);
    const auto real = f_and + f_or + f_xor;
    const auto clk = m(Col::kClk);
    BooleanAir(e, f_and);
    BooleanAir(e, f_or);
    BooleanAir(e, f_xor);
    BooleanAir(e, real);
    // The bytes' base-256 compositions.
    auto word = [&](size_t first) {
      return m(first) + e.constant(1u << 8) * m(first + 1) + e.constant(1u << 16) * m(first + 2) +
             e.constant(1u << 24) * m(first + 3);
    };
    const auto a = word(Col::kA0), b = word(Col::kB0), r = word(Col::kR0);
    const auto next_pc = m(Col::kPc) + e.constant(4) * real;
    if constexpr (kRegisterForm) {
      const auto uop = id(Uop::kAnd) * f_and + id(Uop::kOr) * f_or + id(Uop::kXor) * f_xor;
      FrameAir(e, real, m(Col::kPc), clk, next_pc, uop, m(Col::kRd), m(Col::kRs1), m(Col::kRs2),
               e.constant(0));
    } else {
      const auto uop = id(Uop::kAndi) * f_and + id(Uop::kOri) * f_or + id(Uop::kXori) * f_xor;
      FrameAir(e, real, m(Col::kPc), clk, next_pc, uop, m(Col::kRd), m(Col::kRs1), e.constant(0),
               b);
    }
    const auto reg = SpaceConst(e, Space::kReg);
    AccessAir(e, real, reg, m(Col::kRs1), TimestampAir(e, clk, kSlotRs1), m(Col::kPRs1),
              m(Col::kDRs1), a, a);
    if constexpr (kRegisterForm) {
      AccessAir(e, real, reg, m(Col::kRs2), TimestampAir(e, clk, kSlotRs2), m(Col::kPRs2),
                m(Col::kDRs2), b, b);
    }
    AccessAir(e, real, reg, m(Col::kRd), TimestampAir(e, clk, kSlotRd), m(Col::kPRd), m(Col::kDRd),
              m(Col::kOldRd), r);
    const auto op = e.constant(static_cast<uint64_t>(ByteOp::kAnd)) * f_and +
                    e.constant(static_cast<uint64_t>(ByteOp::kOr)) * f_or +
                    e.constant(static_cast<uint64_t>(ByteOp::kXor)) * f_xor;
    for (size_t i = 0; i < 4; ++i) {
      e.Send(kByteBus, real, {op, m(Col::kA0 + i), m(Col::kB0 + i), m(Col::kR0 + i)});
    }
  }
};

using BitIAir = BitAir<false>;
using BitRAir = BitAir<true>;

}  // namespace zkvm::prover
