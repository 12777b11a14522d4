// The KECCAK_F1600 precompile's tables (docs/tables.md section 4.13): the CPU-side call, the
// permutation itself (one row per round), its memory port and the preprocessed round table.
//
// KECCAK_CALL (instruction table; one row per `ecall` with a7 = 0x1_0001)
//   columns 0 real, 1 pc, 2 clk, 3 x (a0: the state's byte address), 4 l0, 5 l1, 6 h0, 7 h1,
//   8 p_a7, 9 d_a7, 10 p_a0, 11 d_a0
//   with q = 0x2000 + l0 + 2^16 l1 (the state's address / 8):
//   constraints (StateCallAir, air_common.h, shared with POSEIDON2): real boolean;
//   real (x - 8 q) = 0; real (0x1BFF_FFE7 - q - h0 - 2^16 h1) = 0.
//   interactions: the frame (next pc = pc + 4, uop ECALL, rd 10, rs1 17, rs2 10, c 0); reads of
//   a7 (slot 0, value 0x1_0001) and a0 (slot 1, x); R16 of l0, l1, h0, h1 x real; Send KJOB
//   (clk, 2 q) x real.
//   Guarantees: x is a multiple of 8 with 0x1_0000 <= x and x + 200 <= 0xE000_0000 (the
//   executor's check; 8 q = x as integers because q < 2^33); the permutation of the 200 bytes at
//   x happens at this clock (KJOB carries the word index x / 4). a0 keeps its value.
//
// KECCAK (24 rows per call, row r = round r; padding rows permute the zero state with real = 0)
//   columns (kCol* below): real, clk, ptr (word index of the state), round, first ([round = 0]),
//   last ([round = 23]), rc0..rc6 (the round constant's bits at positions 0, 1, 3, 7, 15, 31, 63,
//   the only ones any RC sets), then
//     a[50]      the round's input state as u32 words (word 2i + h is half h of lane i)
//     c[5][64]   bits of C[x] = xor_y A[x, y]
//     cp[5][64]  bits of C'[x] = C[x] ^ C[x - 1] ^ rot(C[x + 1], 1)  (= xor_y A'[x, y])
//     ap[25][64] bits of A' = theta(A)
//     app[50]    words of A'' = chi(pi(rho(A')))
//     t[7]       bits of A''[0, 0] at the RC positions
//     appp[2]    words of A'''[0, 0] = A''[0, 0] ^ RC
//   constraints (degree <= 3):
//     booleans: real, rc bits, c, cp, ap;
//     cp[x][z] = xor(c[x][z], c[x - 1][z], c[x + 1][z - 1]);
//     parity: with s = sum_y ap[x, y][z] - cp[x][z], s (s - 2) (s - 4) = 0;
//     a word = sum_z 2^z xor(ap[i][z], c[x][z], cp[x][z]) over the word's 32 bits;
//     app word = sum_z 2^z chi bit (B = ap rotated and moved by rho and pi);
//     t_k = chi bit of lane 0 at position p_k; appp[h] = app[h] + sum 2^p (rc_k - 2 rc_k t_k);
//     transition unless last: next a = (appp for lane 0, app otherwise); real, clk, ptr stay;
//     round advances by one; after a last row comes a first row; the first row of a chunk is a
//     first row.
//   interactions: Send KRC (round, first, last, rc) x 1 (every row, padding included); Receive
//   KJOB (clk, ptr) x real first; Send KIN (clk, ptr + 5g, a[5g .. 5g + 4]) x real first and
//   Send KOUT (clk, ptr + 5g, out[5g .. 5g + 4]) x real last for g = 0..9, out being the round's
//   output (appp for words 0, 1, app otherwise).
//   Guarantees: a real call's KIN words are the state it read, its KOUT words Keccak-f[1600] of
//   them (see docs/tables.md for the argument); a call cut off by the end of its chunk sends KIN
//   without KOUT, which no KECCAK_MEM row can balance.
//
// KECCAK_MEM (10 rows per call, row g covers words 5g .. 5g + 4 of the state)
//   columns 0 real, 1 clk, 2 w (word index of the group's first word), 3-7 old, 8-12 new,
//   13-17 p, 18-22 d
//   constraints: real boolean.
//   interactions: Receive KIN (clk, w, old) x real; Receive KOUT (clk, w, new) x real; for
//   i < 5 a read-modify-write of (RAM, w + i) at ts 4 clk + 2 from old_i to new_i.
//   Guarantees: the 50 words at the state's address held the permutation's input at the call's
//   RAM slot and hold its output afterwards.
//
// KECCAK_RC (preprocessed, 64 rows; row r < 24 is round r, rows 24.. repeat round 23)
//   preprocessed 0 round, 1 first, 2 last, 3 rc (the 7 RC bits packed: sum rc_k 2^k)
//   main 0 m (how many KECCAK rows use the row)
//   interactions: Receive KRC (round, first, last, rc) x m.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "crypto/hash/keccak.h"
#include "prover/tables/air_common.h"
#include "syscalls/abi.h"

namespace zkvm::prover {

inline constexpr size_t kKeccakRowsPerCall = crypto::kKeccakRounds;
inline constexpr size_t kKeccakStateWords = 50;
inline constexpr size_t kKeccakGroupWords = 5;
inline constexpr size_t kKeccakGroups = kKeccakStateWords / kKeccakGroupWords;
inline constexpr size_t kKeccakMemRowsPerCall = kKeccakGroups;
// The bit positions a round constant may set: 2^j - 1 for j = 0..6.
inline constexpr size_t kKeccakRcBits = 7;
inline constexpr int kKeccakRcPositions[kKeccakRcBits] = {0, 1, 3, 7, 15, 31, 63};

// ---- KECCAK_CALL --------------------------------------------------------------------------------

// The state's address / 8 lies in [kKeccakMinQ, kKeccakMaxQ].
inline constexpr uint64_t kKeccakMinQ = abi::kGuardEnd / 8;
inline constexpr uint64_t kKeccakMaxQ = (abi::kReservedBase - abi::kKeccakStateBytes) / 8;

class KeccakCallAir {
 public:
  enum Col : size_t { kReal, kPc, kClk, kX, kL0, kL1, kH0, kH1, kPA7, kDA7, kPA0, kDA0, kCount };
  const char* name() const { return "keccak_call"; }
  stark::AirShape shape() const { return {.num_main_columns = kCount, .max_degree = 3}; }
  static_assert(size_t{kCount} == size_t{kStateCallCols} && size_t{kDA0} == size_t{kCallDA0},
                "the shared call-row layout");
  template <typename E>
  void Evaluate(E& e) const {
    const auto q = StateCallAir(e, kKeccakMinQ, kKeccakMaxQ, abi::kSysKeccakF1600);
    e.Send(kKjobBus, e.main(kReal), {e.main(kClk), e.constant(2) * q});
  }
};

// ---- KECCAK -------------------------------------------------------------------------------------

namespace keccak_cols {
inline constexpr size_t kReal = 0, kClk = 1, kPtr = 2, kRound = 3, kFirst = 4, kLast = 5;
inline constexpr size_t kRc = 6;
inline constexpr size_t kA = kRc + kKeccakRcBits;
inline constexpr size_t kC = kA + kKeccakStateWords;
inline constexpr size_t kCp = kC + 5 * 64;
inline constexpr size_t kAp = kCp + 5 * 64;
inline constexpr size_t kApp = kAp + 25 * 64;
inline constexpr size_t kT = kApp + kKeccakStateWords;
inline constexpr size_t kAppp = kT + kKeccakRcBits;
inline constexpr size_t kCount = kAppp + 2;
}  // namespace keccak_cols

// Rho and pi as a map into the permutation's input: bit z of lane d of B = pi(rho(A')) is bit
// kKeccakBSourceBit[d][z] of lane kKeccakBSourceLane[d] of A'.
struct KeccakBSource {
  int lane[25];
  int rotation[25];
};
constexpr KeccakBSource MakeKeccakBSource() {
  KeccakBSource s{};
  for (int i = 0; i < 25; ++i) {
    s.lane[crypto::kKeccakPiDestination[i]] = i;
    s.rotation[crypto::kKeccakPiDestination[i]] = crypto::kKeccakRotations[i];
  }
  return s;
}
inline constexpr KeccakBSource kKeccakBSource = MakeKeccakBSource();

class KeccakAir {
 public:
  const char* name() const { return "keccak"; }
  stark::AirShape shape() const {
    return {.num_main_columns = keccak_cols::kCount, .max_degree = 3};
  }
  template <typename E>
  void Evaluate(E& e) const {
    using namespace keccak_cols;
    using X = ExprOf<E>;
    auto m = [&](size_t c) { return e.main(c); };
    const X one = e.constant(1), two = e.constant(2);
    auto xor2 = [&](const X& a, const X& b) { return a + b - two * a * b; };
    auto c_bit = [&](int x, int z) { return m(kC + 64 * ((x + 5) % 5) + ((z + 64) % 64)); };
    auto cp_bit = [&](int x, int z) { return m(kCp + 64 * x + z); };
    auto ap_bit = [&](int lane, int z) { return m(kAp + 64 * lane + z); };
    auto b_bit = [&](int lane, int z) {
      return ap_bit(kKeccakBSource.lane[lane], (z - kKeccakBSource.rotation[lane] + 64) % 64);
    };
    auto chi_bit = [&](int lane, int z) {
      const int x = lane % 5, y = lane / 5;
      const X b1 = b_bit((x + 1) % 5 + 5 * y, z), b2 = b_bit((x + 2) % 5 + 5 * y, z);
      return xor2(b_bit(lane, z), (one - b1) * b2);
    };
    const X real = m(kReal), first = m(kFirst), last = m(kLast);

    BooleanAir(e, real);
    for (size_t k = 0; k < kKeccakRcBits; ++k) BooleanAir(e, m(kRc + k));
    for (size_t c = kC; c < kApp; ++c) BooleanAir(e, m(c));
    // Theta: C' from C, the parity of A' against C', and A from A', C and C'.
    for (int x = 0; x < 5; ++x) {
      for (int z = 0; z < 64; ++z) {
        e.Constrain(cp_bit(x, z) - xor2(xor2(c_bit(x, z), c_bit(x - 1, z)), c_bit(x + 1, z - 1)));
        X s = e.constant(0) - cp_bit(x, z);
        for (int y = 0; y < 5; ++y) s = s + ap_bit(x + 5 * y, z);
        e.Constrain(s * (s - two) * (s - e.constant(4)));
      }
    }
    for (int lane = 0; lane < 25; ++lane) {
      const int x = lane % 5;
      for (int h = 0; h < 2; ++h) {
        X word = e.constant(0);
        for (int k = 31; k >= 0; --k) {
          const int z = 32 * h + k;
          word = word * two + xor2(xor2(ap_bit(lane, z), c_bit(x, z)), cp_bit(x, z));
        }
        e.Constrain(m(kA + 2 * lane + h) - word);
      }
    }
    // Rho, pi and chi.
    for (int lane = 0; lane < 25; ++lane) {
      for (int h = 0; h < 2; ++h) {
        X word = e.constant(0);
        for (int k = 31; k >= 0; --k) word = word * two + chi_bit(lane, 32 * h + k);
        e.Constrain(m(kApp + 2 * lane + h) - word);
      }
    }
    // Iota: the bits of A''[0, 0] the constant can flip, and A''' = A'' ^ RC.
    X iota[2] = {m(kApp), m(kApp + 1)};
    for (size_t k = 0; k < kKeccakRcBits; ++k) {
      const int z = kKeccakRcPositions[k];
      const X t = m(kT + k), rc = m(kRc + k);
      e.Constrain(t - chi_bit(0, z));
      iota[z / 32] = iota[z / 32] + e.constant(uint64_t{1} << (z % 32)) * (rc - two * rc * t);
    }
    e.Constrain(m(kAppp) - iota[0]);
    e.Constrain(m(kAppp + 1) - iota[1]);
    // Rows of one call: the state flows on, the call's identity stays, the round advances.
    const X step = e.is_transition() * (one - last);
    for (size_t j = 0; j < kKeccakStateWords; ++j) {
      const size_t out = j < 2 ? kAppp + j : kApp + j;
      e.Constrain(step * (e.main_next(kA + j) - m(out)));
    }
    for (size_t c : {kReal, kClk, kPtr}) e.Constrain(step * (e.main_next(c) - m(c)));
    e.Constrain(step * (e.main_next(kRound) - m(kRound) - one));
    e.Constrain(e.is_transition() * last * (one - e.main_next(kFirst)));
    e.Constrain(e.is_first_row() * (one - first));

    X rc_packed = e.constant(0);
    for (size_t k = kKeccakRcBits; k-- > 0;) rc_packed = rc_packed * two + m(kRc + k);
    e.Send(kKrcBus, one, {m(kRound), first, last, rc_packed});
    const X clk = m(kClk), ptr = m(kPtr);
    e.Receive(kKjobBus, real * first, {clk, ptr});
    for (size_t g = 0; g < kKeccakGroups; ++g) {
      const size_t j = kKeccakGroupWords * g;
      const X w = ptr + e.constant(j);
      e.Send(kKinBus, real * first,
             {clk, w, m(kA + j), m(kA + j + 1), m(kA + j + 2), m(kA + j + 3), m(kA + j + 4)});
      auto out = [&](size_t k) { return m(k < 2 ? kAppp + k : kApp + k); };
      e.Send(kKoutBus, real * last,
             {clk, w, out(j), out(j + 1), out(j + 2), out(j + 3), out(j + 4)});
    }
  }
};

// ---- KECCAK_MEM ---------------------------------------------------------------------------------

class KeccakMemAir {
 public:
  enum Col : size_t {
    kReal,
    kClk,
    kW,
    kOld,
    kNew = kOld + kKeccakGroupWords,
    kP = kNew + kKeccakGroupWords,
    kD = kP + kKeccakGroupWords,
    kCount = kD + kKeccakGroupWords,
  };
  const char* name() const { return "keccak_mem"; }
  stark::AirShape shape() const { return {.num_main_columns = kCount, .max_degree = 3}; }
  template <typename E>
  void Evaluate(E& e) const {
    auto m = [&](size_t c) { return e.main(c); };
    const auto real = m(kReal), clk = m(kClk), w = m(kW);
    BooleanAir(e, real);
    e.Receive(kKinBus, real, {clk, w, m(kOld), m(kOld + 1), m(kOld + 2), m(kOld + 3), m(kOld + 4)});
    e.Receive(kKoutBus, real,
              {clk, w, m(kNew), m(kNew + 1), m(kNew + 2), m(kNew + 3), m(kNew + 4)});
    const auto ram = SpaceConst(e, Space::kRam);
    const auto t = TimestampAir(e, clk, kSlotRam);
    for (size_t i = 0; i < kKeccakGroupWords; ++i) {
      AccessAir(e, real, ram, w + e.constant(i), t, m(kP + i), m(kD + i), m(kOld + i), m(kNew + i));
    }
  }
};

// ---- KECCAK_RC ----------------------------------------------------------------------------------

inline constexpr size_t kKeccakRcRows = 64;

class KeccakRcAir {
 public:
  enum Pre : size_t { kRound, kFirst, kLast, kRcPacked, kNumPre };
  const char* name() const { return "keccak_rc"; }
  stark::AirShape shape() const {
    return {.num_main_columns = 1, .num_preprocessed_columns = kNumPre, .max_degree = 3};
  }
  template <typename E>
  void Evaluate(E& e) const {
    e.Receive(kKrcBus, e.main(0),
              {e.preprocessed(kRound), e.preprocessed(kFirst), e.preprocessed(kLast),
               e.preprocessed(kRcPacked)});
  }
};

}  // namespace zkvm::prover
