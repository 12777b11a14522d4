// The syscall tables (docs/tables.md section 4.12): HALT, WRITE and the two tables that move
// WRITE's fd-1 bytes into the public output, COMMIT_READ and COMMIT.
//
// HALT (one row per `ecall` with a7 = 93; exactly one in a proved run)
//   columns 0 real, 1 pc, 2 clk, 3 x (a0: the exit code), 4 n (the output cursor: bytes
//   written to fd 1), 5 p_a7, 6 d_a7, 7 p_a0, 8 d_a0, 9 p_cur, 10 d_cur
//   interactions: Receive EXEC (pc, clk) x real (no successor: the execution chain ends here);
//   Send DEC (pc, ECALL, 10, 17, 10, 0); reads of a7 (slot 0, value the constant 93), a0
//   (slot 1, x) and the cursor x33 (slot 2, n); Send HALT (x, clk, n) x real, which the
//   verifier balances with the public Receive HALT (exit_code, cycles, output_length).
//   Guarantees: the run ended with this ecall at cycle `cycles`, with exit code a0 and
//   `output_length` bytes of public output.
//
// WRITE (one row per `ecall` with a7 = 64)
//   columns 0 real, 1 pc, 2 clk, 3 out (fd = 2 - out), 4 buf (a1), 5 len (a2), 6 pos (the
//   cursor before), 7 adv (= out * len), 8 has (= [len != 0]), 9 inv_len, 10 bl0, 11 bl1,
//   12 el0, 13 el1, then p/d pairs of the five accesses: 14-15 a7, 16-17 a1, 18-19 a2,
//   20-21 cursor, 22-23 a0
//   constraints: real, out, has boolean; len * inv_len = has; len * (1 - has) = 0;
//   adv = out * len; has * (buf - 2^16 - bl0 - 2^16 bl1) = 0;
//   has * (0xE000_0000 - buf - len - el0 - 2^16 el1) = 0.
//   interactions: the frame (next pc = pc + 4, uop ECALL, rd 10, rs1 17, rs2 10, c 0); reads of
//   a7 (slot 0, value 64), a1 (slot 0, buf), a2 (slot 1, len); the cursor (slot 2, pos ->
//   pos + adv); a0 (slot 3, old 2 - out, new len); R16 of bl0, bl1, el0, el1 x has; Send CJOB
//   (clk, buf, len, pos) x out * has.
//   Guarantees: fd is 1 or 2; a non-empty buffer lies in [0x1_0000, 0xE000_0000) (the
//   executor's check); a0 becomes len; a write to fd 1 appends its bytes at the cursor, which
//   advances by len, so output jobs are placed in execution order.
//
// COMMIT_READ (one row per memory word a fd-1 buffer covers, per WRITE)
//   columns 0 real, 1 ro (the word is in the executable range: space ROM), 2 clk, 3 w (word
//   index), 4-7 v0..v3 (its bytes), 8 p, 9 d, 10-13 m0..m3 (how many COMMIT rows use byte i)
//   interactions: a read of (RAM or ROM, w) at ts 4 clk + 2 with value v0 + 2^8 v1 + 2^16 v2 +
//   2^24 v3; PAIR(v0, v1), PAIR(v2, v3) x real; Receive WBYTE (clk, 4 w + i, v_i) x m_i.
//   Guarantees: each WBYTE fact (clk, addr, byte) is the true content of memory at timestamp
//   4 clk + 2. A row the honest prover would not make is one more true read, harmless; a second
//   row for the same word and clock would need two accesses with one timestamp, which the
//   memory argument's strict ordering rejects.
//
// COMMIT (one row per public output byte)
//   columns 0 real, 1 last, 2 clk, 3 addr, 4 rem (bytes left in the job, this one included),
//   5 idx (the byte's output index), 6 byte, 7 inv (of rem - 1 unless last)
//   constraints: real, last boolean; last (1 - real) = 0; (rem - 1) inv = real - last;
//   (rem - 1) last = 0; last inv = 0 (so inv is fixed on every row).
//   interactions: Receive CJOB (clk, addr, rem, idx) x real; Send CJOB (clk, addr + 1, rem - 1,
//   idx + 1) x (real - last); Send OUT (idx, byte) x real; Send WBYTE (clk, addr, byte) x real.
//   Guarantees: a job of length len started by WRITE yields exactly len rows (rem runs len ..
//   1), covering addresses buf .. buf + len - 1 and indices pos .. pos + len - 1, each byte the
//   memory content; the verifier's public Receive OUT (i, b_i) for i < output_length then
//   forces the output bytes.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "prover/tables/air_common.h"

namespace zkvm::prover {

class HaltAir {
 public:
  enum Col : size_t { kReal, kPc, kClk, kX, kN, kPA7, kDA7, kPA0, kDA0, kPCur, kDCur, kCount };
  const char* name() const { return "halt"; }
  stark::AirShape shape() const { return {.num_main_columns = kCount, .max_degree = 3}; }
  template <typename E>
  void Evaluate(E& e) const {
    const auto real = e.main(kReal), pc = e.main(kPc), clk = e.main(kClk);
    BooleanAir(e, real);
    e.Receive(kExecBus, real, {pc, clk});
    e.Send(kDecBus, real,
           {pc, e.constant(static_cast<uint64_t>(Uop::kEcall)), e.constant(10), e.constant(17),
            e.constant(10), e.constant(0)});
    const auto reg = SpaceConst(e, Space::kReg);
    const auto a7 = e.constant(93);
    AccessAir(e, real, reg, e.constant(17), TimestampAir(e, clk, kSlotRs1), e.main(kPA7),
              e.main(kDA7), a7, a7);
    AccessAir(e, real, reg, e.constant(10), TimestampAir(e, clk, kSlotRs2), e.main(kPA0),
              e.main(kDA0), e.main(kX), e.main(kX));
    AccessAir(e, real, reg, e.constant(kCursorRegister), TimestampAir(e, clk, kSlotRam),
              e.main(kPCur), e.main(kDCur), e.main(kN), e.main(kN));
    e.Send(kHaltBus, real, {e.main(kX), clk, e.main(kN)});
  }
};

class WriteAir {
 public:
  enum Col : size_t {
    kReal,
    kPc,
    kClk,
    kOut,
    kBuf,
    kLen,
    kPos,
    kAdv,
    kHas,
    kInvLen,
    kBl0,
    kBl1,
    kEl0,
    kEl1,
    kPA7,
    kDA7,
    kPA1,
    kDA1,
    kPA2,
    kDA2,
    kPCur,
    kDCur,
    kPA0,
    kDA0,
    kCount,
  };
  const char* name() const { return "write"; }
  stark::AirShape shape() const { return {.num_main_columns = kCount, .max_degree = 3}; }
  template <typename E>
  void Evaluate(E& e) const {
    auto m = [&](size_t c) { return e.main(c); };
    const auto one = e.constant(1);
    const auto real = m(kReal), clk = m(kClk), out = m(kOut), has = m(kHas);
    const auto buf = m(kBuf), len = m(kLen);
    BooleanAir(e, real);
    BooleanAir(e, out);
    BooleanAir(e, has);
    e.Constrain(len * m(kInvLen) - has);
    e.Constrain(len * (one - has));
    e.Constrain(m(kAdv) - out * len);
    e.Constrain(has * (buf - e.constant(0x1'0000) - m(kBl0) - e.constant(kTwo16) * m(kBl1)));
    e.Constrain(has *
                (e.constant(0xE000'0000) - buf - len - m(kEl0) - e.constant(kTwo16) * m(kEl1)));
    FrameAir(e, real, m(kPc), clk, m(kPc) + e.constant(4) * real,
             e.constant(static_cast<uint64_t>(Uop::kEcall)) * real, e.constant(10), e.constant(17),
             e.constant(10), e.constant(0));
    const auto reg = SpaceConst(e, Space::kReg);
    const auto a7 = e.constant(64);
    AccessAir(e, real, reg, e.constant(17), TimestampAir(e, clk, kSlotRs1), m(kPA7), m(kDA7), a7,
              a7);
    AccessAir(e, real, reg, e.constant(11), TimestampAir(e, clk, kSlotRs1), m(kPA1), m(kDA1), buf,
              buf);
    AccessAir(e, real, reg, e.constant(12), TimestampAir(e, clk, kSlotRs2), m(kPA2), m(kDA2), len,
              len);
    AccessAir(e, real, reg, e.constant(kCursorRegister), TimestampAir(e, clk, kSlotRam), m(kPCur),
              m(kDCur), m(kPos), m(kPos) + m(kAdv));
    AccessAir(e, real, reg, e.constant(10), TimestampAir(e, clk, kSlotRd), m(kPA0), m(kDA0),
              e.constant(2) - out, len);
    R16Air(e, has, m(kBl0));
    R16Air(e, has, m(kBl1));
    R16Air(e, has, m(kEl0));
    R16Air(e, has, m(kEl1));
    e.Send(kCjobBus, out * has, {clk, buf, len, m(kPos)});
  }
};

class CommitReadAir {
 public:
  enum Col : size_t { kReal, kRo, kClk, kW, kV0, kP = kV0 + 4, kD, kM0, kCount = kM0 + 4 };
  const char* name() const { return "commit_read"; }
  stark::AirShape shape() const { return {.num_main_columns = kCount, .max_degree = 3}; }
  template <typename E>
  void Evaluate(E& e) const {
    auto m = [&](size_t c) { return e.main(c); };
    const auto real = m(kReal), clk = m(kClk), w = m(kW);
    BooleanAir(e, real);
    BooleanAir(e, m(kRo));
    const auto value = m(kV0) + e.constant(1u << 8) * m(kV0 + 1) +
                       e.constant(1u << 16) * m(kV0 + 2) + e.constant(1u << 24) * m(kV0 + 3);
    AccessAir(e, real, SpaceConst(e, Space::kRam) + m(kRo), w, TimestampAir(e, clk, kSlotRam),
              m(kP), m(kD), value, value);
    PairAir(e, real, m(kV0), m(kV0 + 1));
    PairAir(e, real, m(kV0 + 2), m(kV0 + 3));
    for (size_t i = 0; i < 4; ++i) {
      e.Receive(kWbyteBus, m(kM0 + i), {clk, e.constant(4) * w + e.constant(i), m(kV0 + i)});
    }
  }
};

class CommitAir {
 public:
  enum Col : size_t { kReal, kLast, kClk, kAddr, kRem, kIdx, kByte, kInv, kCount };
  const char* name() const { return "commit"; }
  stark::AirShape shape() const { return {.num_main_columns = kCount, .max_degree = 3}; }
  template <typename E>
  void Evaluate(E& e) const {
    auto m = [&](size_t c) { return e.main(c); };
    const auto one = e.constant(1);
    const auto real = m(kReal), last = m(kLast), clk = m(kClk), addr = m(kAddr), rem = m(kRem);
    const auto idx = m(kIdx), byte = m(kByte);
    BooleanAir(e, real);
    BooleanAir(e, last);
    e.Constrain(last * (one - real));
    e.Constrain((rem - one) * m(kInv) - real + last);
    e.Constrain((rem - one) * last);
    e.Constrain(last * m(kInv));
    e.Receive(kCjobBus, real, {clk, addr, rem, idx});
    e.Send(kCjobBus, real - last, {clk, addr + one, rem - one, idx + one});
    e.Send(kOutBus, real, {idx, byte});
    e.Send(kWbyteBus, real, {clk, addr, byte});
  }
};

}  // namespace zkvm::prover
