// The LOAD_W and LOAD_BH tables (docs/tables.md section 4.10): one row per executed lw (LOAD_W)
// or lb / lh / lbu / lhu (LOAD_BH). A load reads rs1 (slot 0), reads the aligned word that holds
// the effective address (slot 2, space RAM, or ROM for words of the executable range) and
// writes the result to rd (slot 3; rd is the sink x32 when the instruction's rd is x0).
//
// Effective address E = a + c - 2^32 k (a = rs1's value, c = DECODE's sign-extended immediate,
// k boolean). The word index on the MEM tuple is the field expression
// w = (E - o0 - 2 o1) * 4^-1 (degree 1; LOAD_W has no offset bits). No range check is made on
// E: because a and c are u32, E - o lies in (-2^32 - 4, 2^33), and an integer in that range
// whose field quotient by 4 is a word index below 2^30 must equal 4 w exactly. So a token
// exists for w only when k is the carry of a + c, E is below 2^32 and o0 + 2 o1 = E mod 4. A
// wrong k, a misaligned lw / lh / lhu (o0 = 0 is enforced for halves, LOAD_W has no offset
// at all), or an address in the guard or reserved region names a token no init table emitted,
// so MEM does not balance. The space is 1 + ro: a load from the executable range must say
// ro = 1 (code words exist only in space ROM), any other load ro = 0.
//
// LOAD_W columns:
//    real        1 on rows of executed instructions, 0 on padding
//    pc, clk     the frame (section 4.0): EXEC (pc, clk) -> (pc + 4, clk + 1)
//    rd, rs1     register numbers, as DECODE says (rd = 32 for the sink)
//    c           the sign-extended immediate
//    a           the value read from rs1
//    k           the carry of a + c out of bit 31
//    ro          the word lies in the executable range (space ROM)
//    v           the word read, which rd receives
//    p_rs1, d_rs1, p_mem, d_mem, p_rd, d_rd, old_rd   the memory accesses (section 5)
// LOAD_W constraints: real, k, ro boolean.
// LOAD_W interactions (15): the frame with DEC (pc, kLw, rd, rs1, 0, c); the read of rs1; the
// read of (1 + ro, (a + c - 2^32 k) / 4) with value v; the write of v to rd.
// LOAD_W guarantees: rd receives the word at the aligned address a + c mod 2^32; it is a u32
// because it is the value of a memory token (invariant U32).
//
// LOAD_BH columns:
//    f_lb, f_lh, f_lbu, f_lhu   one-hot op flags; real = their sum
//    pc, clk, rd, rs1, c, a, k, ro   as in LOAD_W
//    o0, o1      the bits of E mod 4 (o0 = 0 for halves)
//    v0..v3      the bytes of the word read, V = v0 + 2^8 v1 + 2^16 v2 + 2^24 v3
//    T           the top byte of the loaded value: v_o for bytes, v_(o+1) for halves
//    sg          the sign bit of T (signed loads; 0 for unsigned ones)
//    r           the value rd receives
//    p_rs1, d_rs1, p_mem, d_mem, p_rd, d_rd, old_rd   the memory accesses
// LOAD_BH constraints, with f_h = f_lh + f_lhu and e0 = o0 + f_h (the bit selecting T):
//    the flags, real, k, ro, o0, o1 boolean;  f_h o0 = 0 (halves are aligned, so e0 is a bit);
//    T = (1 - e0)(1 - o1) v0 + e0 (1 - o1) v1 + (1 - e0) o1 v2 + e0 o1 v3;
//    r = (f_lb + f_lbu) T + f_h (o1 v2 + (1 - o1) v0 + 2^8 T)
//        + sg (f_lb (2^32 - 2^8) + f_lh (2^32 - 2^16));
//    sg (f_lbu + f_lhu) = 0.
// LOAD_BH interactions (18): the frame with DEC (pc, sum f_i uop_i, rd, rs1, 0, c); the read of
// rs1; the read of (1 + ro, (a + c - 2^32 k - o0 - 2 o1) / 4) with value V; the write of r to
// rd; PAIR(v0, v1), PAIR(v2, v3) x real; MSB(T, sg) x (f_lb + f_lh).
// LOAD_BH guarantees: the bytes are the word's bytes (PAIR, and V is the token's value), T is
// exactly one of them (selectors are bits), sg its top bit for signed loads, so r is the byte or
// half at E zero- or sign-extended to 32 bits: a u32 by construction.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "prover/tables/air_common.h"

namespace zkvm::prover {

// 4^-1 in the field.
inline constexpr uint64_t kInvFour = Felt::FromU64(4).Inverse().value();

// The word index (E - o) / 4 of effective address E = a + c - 2^32 k and offset o, as a field
// expression of degree 1.
template <typename E>
ExprOf<E> WordIndexAir(E& e, ExprOf<E> a, ExprOf<E> c, ExprOf<E> k, ExprOf<E> offset) {
  return (a + c - e.constant(kTwo32) * k - offset) * e.constant(kInvFour);
}

// The carry k of a + c out of bit 31 (fill side).
inline bool AddressCarry(uint32_t a, uint32_t c) { return uint64_t{a} + c >= kTwo32; }

struct LoadWColumns {
  enum : size_t {
    kReal = 0,
    kPc,
    kClk,
    kRd,
    kRs1,
    kC,
    kA,
    kK,
    kRo,
    kV,
    kPRs1,
    kDRs1,
    kPMem,
    kDMem,
    kPRd,
    kDRd,
    kOldRd,
    kCount,
  };
};

class LoadWAir {
 public:
  using Col = LoadWColumns;
  const char* name() const { return "load_w"; }
  stark::AirShape shape() const { return {.num_main_columns = Col::kCount, .max_degree = 3}; }

  template <typename E>
  void Evaluate(E& e) const {
    auto m = [&](size_t c) { return e.main(c); };
    const auto real = m(Col::kReal);
    const auto clk = m(Col::kClk);
    BooleanAir(e, real);
    BooleanAir(e, m(Col::kK));
    BooleanAir(e, m(Col::kRo));
    FrameAir(e, real, m(Col::kPc), clk, m(Col::kPc) + e.constant(4) * real,
             e.constant(static_cast<uint64_t>(Uop::kLw)) * real, m(Col::kRd), m(Col::kRs1),
             e.constant(0), m(Col::kC));
    const auto reg = SpaceConst(e, Space::kReg);
    AccessAir(e, real, reg, m(Col::kRs1), TimestampAir(e, clk, kSlotRs1), m(Col::kPRs1),
              m(Col::kDRs1), m(Col::kA), m(Col::kA));
    const auto w = WordIndexAir(e, m(Col::kA), m(Col::kC), m(Col::kK), e.constant(0));
    AccessAir(e, real, SpaceConst(e, Space::kRam) + m(Col::kRo), w, TimestampAir(e, clk, kSlotRam),
              m(Col::kPMem), m(Col::kDMem), m(Col::kV), m(Col::kV));
    AccessAir(e, real, reg, m(Col::kRd), TimestampAir(e, clk, kSlotRd), m(Col::kPRd), m(Col::kDRd),
              m(Col::kOldRd), m(Col::kV));
  }
};

struct LoadBhColumns {
  enum : size_t {
    kFLb = 0,
    kFLh,
    kFLbu,
    kFLhu,
    kPc,
    kClk,
    kRd,
    kRs1,
    kC,
    kA,
    kK,
    kRo,
    kO0,
    kO1,
    kV0,
    kV1,
    kV2,
    kV3,
    kT,
    kSg,
    kR,
    kPRs1,
    kDRs1,
    kPMem,
    kDMem,
    kPRd,
    kDRd,
    kOldRd,
    kCount,
  };
};

class LoadBhAir {
 public:
  using Col = LoadBhColumns;
  const char* name() const { return "load_bh"; }
  stark::AirShape shape() const { return {.num_main_columns = Col::kCount, .max_degree = 3}; }

  template <typename E>
  void Evaluate(E& e) const {
    auto m = [&](size_t c) { return e.main(c); };
    const auto one = e.constant(1);
    const auto f_lb = m(Col::kFLb), f_lh = m(Col::kFLh), f_lbu = m(Col::kFLbu),
               f_lhu = m(Col::kFLhu);
    const auto real = f_lb + f_lh + f_lbu + f_lhu;
    const auto f_h = f_lh + f_lhu;
    const auto clk = m(Col::kClk);
    const auto o0 = m(Col::kO0), o1 = m(Col::kO1);
    const auto v0 = m(Col::kV0), v1 = m(Col::kV1), v2 = m(Col::kV2), v3 = m(Col::kV3);
    const auto top = m(Col::kT), sg = m(Col::kSg);
    BooleanAir(e, f_lb);
    BooleanAir(e, f_lh);
    BooleanAir(e, f_lbu);
    BooleanAir(e, f_lhu);
    BooleanAir(e, real);
    BooleanAir(e, m(Col::kK));
    BooleanAir(e, m(Col::kRo));
    BooleanAir(e, o0);
    BooleanAir(e, o1);
    e.Constrain(f_h * o0);
    const auto e0 = o0 + f_h;
    e.Constrain(top - (one - e0) * (one - o1) * v0 - e0 * (one - o1) * v1 - (one - e0) * o1 * v2 -
                e0 * o1 * v3);
    e.Constrain(m(Col::kR) - (f_lb + f_lbu) * top -
                f_h * (o1 * v2 + (one - o1) * v0 + e.constant(256) * top) -
                sg * (f_lb * e.constant(kTwo32 - 256) + f_lh * e.constant(kTwo32 - kTwo16)));
    e.Constrain(sg * (f_lbu + f_lhu));
    const auto uop = e.constant(static_cast<uint64_t>(Uop::kLb)) * f_lb +
                     e.constant(static_cast<uint64_t>(Uop::kLh)) * f_lh +
                     e.constant(static_cast<uint64_t>(Uop::kLbu)) * f_lbu +
                     e.constant(static_cast<uint64_t>(Uop::kLhu)) * f_lhu;
    FrameAir(e, real, m(Col::kPc), clk, m(Col::kPc) + e.constant(4) * real, uop, m(Col::kRd),
             m(Col::kRs1), e.constant(0), m(Col::kC));
    const auto reg = SpaceConst(e, Space::kReg);
    AccessAir(e, real, reg, m(Col::kRs1), TimestampAir(e, clk, kSlotRs1), m(Col::kPRs1),
              m(Col::kDRs1), m(Col::kA), m(Col::kA));
    const auto w = WordIndexAir(e, m(Col::kA), m(Col::kC), m(Col::kK), o0 + e.constant(2) * o1);
    const auto word =
        v0 + e.constant(1u << 8) * v1 + e.constant(1u << 16) * v2 + e.constant(1u << 24) * v3;
    AccessAir(e, real, SpaceConst(e, Space::kRam) + m(Col::kRo), w, TimestampAir(e, clk, kSlotRam),
              m(Col::kPMem), m(Col::kDMem), word, word);
    AccessAir(e, real, reg, m(Col::kRd), TimestampAir(e, clk, kSlotRd), m(Col::kPRd), m(Col::kDRd),
              m(Col::kOldRd), m(Col::kR));
    PairAir(e, real, v0, v1);
    PairAir(e, real, v2, v3);
    e.Send(kByteBus, f_lb + f_lh,
           {e.constant(static_cast<uint64_t>(ByteOp::kMsb)), top, e.constant(0), sg});
  }
};

}  // namespace zkvm::prover
