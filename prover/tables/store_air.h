// The STORE_W and STORE_BH tables (docs/tables.md section 4.10): one row per executed sw
// (STORE_W) or sb / sh (STORE_BH). A store reads rs1 (slot 0) and rs2 (slot 1) and writes the
// aligned word that holds the effective address (slot 2, always space RAM).
//
// Effective address E = a + c - 2^32 k (a = rs1's value, c = DECODE's sign-extended immediate,
// k boolean); the word index on the MEM tuples is the degree-1 field expression
// w = (E - o0 - 2 o1) * 4^-1 (STORE_W has no offset bits). As for loads (load_table.h), no
// range check is needed: only the carry k, an aligned address (o0 = 0 for sh, no offset for sw)
// and o = E mod 4 name a word index below 2^30, and only words of RAM outside the guard and
// reserved regions have init tokens. The space is the constant RAM, so a store into the
// executable range (space ROM) consumes a token no init table emitted.
//
// STORE_W columns:
//    real        1 on rows of executed instructions, 0 on padding
//    pc, clk     the frame (section 4.0): EXEC (pc, clk) -> (pc + 4, clk + 1)
//    rs1, rs2    register numbers, as DECODE says
//    c           the sign-extended immediate
//    a, b        the values read from rs1 and rs2
//    k           the carry of a + c out of bit 31
//    p_rs1, d_rs1, p_rs2, d_rs2, p_mem, d_mem, old   the memory accesses (section 5)
// STORE_W constraints: real, k boolean.
// STORE_W interactions (15): the frame with DEC (pc, kSw, 0, rs1, rs2, c); the reads of rs1 and
// rs2; the write of (RAM, (a + c - 2^32 k) / 4): old -> b.
// STORE_W guarantees: the word at a + c mod 2^32 (aligned, in writable RAM) receives b, a u32
// because it is the value of a register token (invariant U32).
//
// STORE_BH columns:
//    f_sb, f_sh          one-hot op flags; real = f_sb + f_sh
//    pc, clk, rs1, rs2, c, a, b, k   as in STORE_W
//    o0, o1              the bits of E mod 4 (o0 = 0 for sh)
//    v0..v3              the bytes of the old word, old = v0 + 2^8 v1 + 2^16 v2 + 2^24 v3
//    β0, β1              the low bytes of b (beta0, beta1)
//    W                   256^o, the weight of the byte at offset o
//    S                   the old byte (sb) or half (sh) at offset o
//    N                   the new word
//    p_rs1, d_rs1, p_rs2, d_rs2, p_mem, d_mem   the memory accesses
// STORE_BH constraints:
//    f_sb, f_sh, real, k, o0, o1 boolean;  f_sh o0 = 0 (halves are aligned);
//    W = real (1 + 255 o0)(1 + 65535 o1);
//    S = (1 - o0)(1 - o1) v0 + o0 (1 - o1) v1 + (1 - o0) o1 v2 + o0 o1 v3
//        + 2^8 f_sh ((1 - o1) v1 + o1 v3);
//    N = old + W (β0 + 2^8 f_sh β1 - S).
// STORE_BH interactions (19): the frame with DEC (pc, sum f_i uop_i, 0, rs1, rs2, c); the reads
// of rs1 and rs2; the write of (RAM, (a + c - 2^32 k - o0 - 2 o1) / 4): old -> N;
// PAIR(v0, v1), PAIR(v2, v3), PAIR(β0, β1) x real; R16((b - β0 - 2^8 β1) / 2^16) x real.
// STORE_BH guarantees: v0..v3 are the old word's bytes (PAIR, and old is the token's value);
// β0, β1 are b's low bytes (b = β0 + 2^8 β1 + 2^16 t with t < 2^16 has one solution for a u32
// b); S is exactly the old byte or half at o, so N is the old word with that byte (sb) or half
// (sh) replaced by b's low byte or half: a u32 by construction.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "prover/tables/air_common.h"
#include "prover/tables/load_air.h"

namespace zkvm::prover {

struct StoreWColumns {
  enum : size_t {
    kReal = 0,
    kPc,
    kClk,
    kRs1,
    kRs2,
    kC,
    kA,
    kB,
    kK,
    kPRs1,
    kDRs1,
    kPRs2,
    kDRs2,
    kPMem,
    kDMem,
    kOld,
    kCount,
  };
};

class StoreWAir {
 public:
  using Col = StoreWColumns;
  const char* name() const { return "store_w"; }
  stark::AirShape shape() const { return {.num_main_columns = Col::kCount, .max_degree = 3}; }

  template <typename E>
  void Evaluate(E& e) const {
    auto m = [&](size_t c) { return e.main(c); };
    const auto real = m(Col::kReal);
    const auto clk = m(Col::kClk);
    BooleanAir(e, real);
    BooleanAir(e, m(Col::kK));
    FrameAir(e, real, m(Col::kPc), clk, m(Col::kPc) + e.constant(4) * real,
             e.constant(static_cast<uint64_t>(Uop::kSw)) * real, e.constant(0), m(Col::kRs1),
             m(Col::kRs2), m(Col::kC));
    const auto reg = SpaceConst(e, Space::kReg);
    AccessAir(e, real, reg, m(Col::kRs1), TimestampAir(e, clk, kSlotRs1), m(Col::kPRs1),
              m(Col::kDRs1), m(Col::kA), m(Col::kA));
    AccessAir(e, real, reg, m(Col::kRs2), TimestampAir(e, clk, kSlotRs2), m(Col::kPRs2),
              m(Col::kDRs2), m(Col::kB), m(Col::kB));
    const auto w = WordIndexAir(e, m(Col::kA), m(Col::kC), m(Col::kK), e.constant(0));
    AccessAir(e, real, SpaceConst(e, Space::kRam), w, TimestampAir(e, clk, kSlotRam), m(Col::kPMem),
              m(Col::kDMem), m(Col::kOld), m(Col::kB));
  }
};

struct StoreBhColumns {
  enum : size_t {
    kFSb = 0,
    kFSh,
    kPc,
    kClk,
    kRs1,
    kRs2,
    kC,
    kA,
    kB,
    kK,
    kO0,
    kO1,
    kV0,
    kV1,
    kV2,
    kV3,
    kBeta0,
    kBeta1,
    kW,
    kS,
    kN,
    kPRs1,
    kDRs1,
    kPRs2,
    kDRs2,
    kPMem,
    kDMem,
    kCount,
  };
};

class StoreBhAir {
 public:
  using Col = StoreBhColumns;
  const char* name() const { return "store_bh"; }
  stark::AirShape shape() const { return {.num_main_columns = Col::kCount, .max_degree = 3}; }

  template <typename E>
  void Evaluate(E& e) const {
    auto m = [&](size_t c) { return e.main(c); };
    const auto one = e.constant(1);
    const auto f_sb = m(Col::kFSb), f_sh = m(Col::kFSh);
    const auto real = f_sb + f_sh;
    const auto clk = m(Col::kClk);
    const auto o0 = m(Col::kO0), o1 = m(Col::kO1);
    const auto v0 = m(Col::kV0), v1 = m(Col::kV1), v2 = m(Col::kV2), v3 = m(Col::kV3);
    const auto beta0 = m(Col::kBeta0), beta1 = m(Col::kBeta1);
    const auto weight = m(Col::kW), sel = m(Col::kS);
    BooleanAir(e, f_sb);
    BooleanAir(e, f_sh);
    BooleanAir(e, real);
    BooleanAir(e, m(Col::kK));
    BooleanAir(e, o0);
    BooleanAir(e, o1);
    e.Constrain(f_sh * o0);
    e.Constrain(weight - real * (one + e.constant(255) * o0) * (one + e.constant(65535) * o1));
    e.Constrain(sel - (one - o0) * (one - o1) * v0 - o0 * (one - o1) * v1 - (one - o0) * o1 * v2 -
                o0 * o1 * v3 - e.constant(256) * f_sh * ((one - o1) * v1 + o1 * v3));
    const auto old =
        v0 + e.constant(1u << 8) * v1 + e.constant(1u << 16) * v2 + e.constant(1u << 24) * v3;
    e.Constrain(m(Col::kN) - old - weight * (beta0 + e.constant(256) * f_sh * beta1 - sel));
    const auto uop = e.constant(static_cast<uint64_t>(Uop::kSb)) * f_sb +
                     e.constant(static_cast<uint64_t>(Uop::kSh)) * f_sh;
    FrameAir(e, real, m(Col::kPc), clk, m(Col::kPc) + e.constant(4) * real, uop, e.constant(0),
             m(Col::kRs1), m(Col::kRs2), m(Col::kC));
    const auto reg = SpaceConst(e, Space::kReg);
    AccessAir(e, real, reg, m(Col::kRs1), TimestampAir(e, clk, kSlotRs1), m(Col::kPRs1),
              m(Col::kDRs1), m(Col::kA), m(Col::kA));
    AccessAir(e, real, reg, m(Col::kRs2), TimestampAir(e, clk, kSlotRs2), m(Col::kPRs2),
              m(Col::kDRs2), m(Col::kB), m(Col::kB));
    const auto w = WordIndexAir(e, m(Col::kA), m(Col::kC), m(Col::kK), o0 + e.constant(2) * o1);
    AccessAir(e, real, SpaceConst(e, Space::kRam), w, TimestampAir(e, clk, kSlotRam), m(Col::kPMem),
              m(Col::kDMem), old, m(Col::kN));
    PairAir(e, real, v0, v1);
    PairAir(e, real, v2, v3);
    PairAir(e, real, beta0, beta1);
    R16Air(e, real, (m(Col::kB) - beta0 - e.constant(256) * beta1) * e.constant(kInvTwo16));
  }
};

}  // namespace zkvm::prover
