// The POSEIDON2 precompile's tables (docs/tables.md section 4.14): the call and the whole
// permutation on one row, and its memory port.
//
// The permutation (crypto/hash/poseidon2.h, poseidon2_constants.h): x = M_E in; 4 full rounds
// (x_i += c_r,i, x_i = x_i^7 for all i, x = M_E x); 22 partial rounds (x_0 += c_r,0,
// x_0 = x_0^7, x = M_I x); 4 full rounds. With the degree bound 3, an S-box on u (a degree-1
// expression) commits y = u^3 (constraint y - u^3) and s = u y^2 (constraint s - u y^2 = u^7);
// everything between S-boxes is linear, so every S-box input is again of degree 1 in the
// committed s columns and needs no column of its own.
//
// POSEIDON2 (instruction table; one row per `ecall` with a7 = 0x1_0002)
//   columns 0 real, 1 pc, 2 clk, 3 x (a0: the state's byte address), 4 l0, 5 l1, 6 h0, 7 h1,
//   8 p_a7, 9 d_a7, 10 p_a0, 11 d_a0, then
//     in[12]         the input elements
//     full[8][2][12] per full round f (rounds 0..3 and 26..29): y[12], then s[12]
//     partial[22][2] per partial round (rounds 4..25): y, then s (element 0's S-box)
//   with q = 0x2000 + l0 + 2^16 l1 (the state's address / 8) and u the S-box input of the
//   permutation of `in` in which every round constant is multiplied by real:
//   constraints (the call part is StateCallAir, air_common.h, shared with KECCAK_CALL): real
//   boolean; real (x - 8 q) = 0; real (0x1BFF_FFF4 - q - h0 - 2^16 h1) = 0;
//   for every S-box y - u^3 = 0 and s - u y^2 = 0 (degree 3).
//   interactions: the frame (next pc = pc + 4, uop ECALL, rd 10, rs1 17, rs2 10, c 0); reads of
//   a7 (slot 0, value 0x1_0002) and a0 (slot 1, x); R16 of l0, l1, h0, h1 x real; for g = 0..3
//   Send P2IO (clk, 2 q + 6 g, in[3g .. 3g + 2], out[3g .. 3g + 2]) x real, out = M_E s of the
//   last round (degree 1).
//   Guarantees: x is a multiple of 8 with 0x1_0000 <= x and x + 96 <= 0xE000_0000 (the
//   executor's check; 8 q = x as integers because q < 2^33); on a real row, out is
//   Poseidon2(in) (the constants are the permutation's when real = 1, and each s is u^7). A row
//   of zeros satisfies every constraint (the constants vanish with real), so padding rows are
//   zero. a0 keeps its value.
//
// POSEIDON2_MEM (4 rows per call, row g covers elements 3g .. 3g + 2, words 6g .. 6g + 5)
//   columns 0 real, 1 clk, 2 w (word index of the group's first word), 3-8 old (u32 words),
//   9-20 n (16-bit limbs of the new words: word k = n[2k] + 2^16 n[2k + 1]), 21-23 vi, 24-26 vo
//   (canonicity witnesses of the input and output elements), 27-32 p, 33-38 d
//   with element j of the group in_j = lo + 2^32 hi of old words 2j, 2j + 1 (out_j likewise of
//   the new words) and z = hi - 0xFFFF_FFFF real, t = 1 - z v for its witness v:
//   constraints: real boolean; for each of the 6 elements z t = 0 (z != 0 forces v = 1/z, so
//   t = 0), v t = 0 (z = 0 forces v = 0) and lo t = 0 (z = 0, i.e. hi = 0xFFFF_FFFF, forces
//   lo = 0: the element is canonical). Zero rows satisfy them (real = 0 makes z = 0, lo = 0).
//   interactions: Receive P2IO (clk, w, in_0..2, out_0..2) x real; for k < 6 a read-modify-write
//   of (RAM, w + k) at ts 4 clk + 2 from old_k to new_k; R16 of the 12 limbs x real.
//   Guarantees: the 24 words at the state's address held 12 canonical elements (old words are
//   u32 by the memory argument's invariant) at the call's RAM slot and hold the 12 canonical
//   elements of the permutation's output afterwards, each word a u32 (its limbs are looked up).
//   Canonical pairs (lo, hi) and elements lo + 2^32 hi correspond one to one, so the tuple's
//   elements name the words.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "crypto/hash/poseidon2.h"
#include "prover/tables/air_common.h"
#include "syscalls/abi.h"

namespace zkvm::prover {

inline constexpr size_t kPoseidon2Width = crypto::kPoseidon2Width;
inline constexpr size_t kPoseidon2StateWords = 2 * kPoseidon2Width;
inline constexpr size_t kPoseidon2GroupElements = 3;
inline constexpr size_t kPoseidon2GroupWords = 2 * kPoseidon2GroupElements;
inline constexpr size_t kPoseidon2Groups = kPoseidon2Width / kPoseidon2GroupElements;
inline constexpr size_t kPoseidon2MemRowsPerCall = kPoseidon2Groups;
inline constexpr int kPoseidon2HalfFull = crypto::kPoseidon2FullRounds / 2;

// The state's address / 8 lies in [kPoseidon2MinQ, kPoseidon2MaxQ].
inline constexpr uint64_t kPoseidon2MinQ = abi::kGuardEnd / 8;
inline constexpr uint64_t kPoseidon2MaxQ = (abi::kReservedBase - abi::kPoseidon2StateBytes) / 8;
static_assert(kPoseidon2MaxQ == 0x1BFF'FFF4);

namespace poseidon2_cols {
inline constexpr size_t kReal = 0, kPc = 1, kClk = 2, kX = 3, kL0 = 4, kL1 = 5, kH0 = 6, kH1 = 7;
inline constexpr size_t kPA7 = 8, kDA7 = 9, kPA0 = 10, kDA0 = 11;
inline constexpr size_t kIn = 12;
inline constexpr size_t kFull = kIn + kPoseidon2Width;
inline constexpr size_t kPartial = kFull + crypto::kPoseidon2FullRounds * 2 * kPoseidon2Width;
inline constexpr size_t kCount = kPartial + 2 * crypto::kPoseidon2PartialRounds;
// The S-box columns of element i in full round f (0..7: rounds 0..3, then 26..29).
constexpr size_t FullY(size_t f, size_t i) { return kFull + 2 * kPoseidon2Width * f + i; }
constexpr size_t FullS(size_t f, size_t i) { return FullY(f, i) + kPoseidon2Width; }
// The S-box columns of partial round p (0..21: rounds 4..25).
constexpr size_t PartialY(size_t p) { return kPartial + 2 * p; }
constexpr size_t PartialS(size_t p) { return kPartial + 2 * p + 1; }
}  // namespace poseidon2_cols

// The permutation's S-box constraints on the row's columns, and its output: `in` is the input
// state, `rc_scale` multiplies every round constant (real; 1 in the fill's cross-checks),
// `y(k)` / `s(k)` read the committed y and s of S-box k (k counts S-boxes in permutation order:
// full rounds 12 each, partial rounds 1), `sbox(u, y, s)` states the constraints of one S-box.
// Writes the output state to `out`.
template <typename X, typename Const, typename Y, typename S, typename Sbox>
constexpr void Poseidon2Rounds(const X* in, const X& rc_scale, Const constant, Y y, S s, Sbox sbox,
                               X* out) {
  using crypto::kPoseidon2RoundConstants;
  X x[kPoseidon2Width];
  for (size_t i = 0; i < kPoseidon2Width; ++i) x[i] = in[i];
  crypto::poseidon2_internal::ExternalLayer(x);
  size_t k = 0;
  auto full_round = [&](int r) {
    for (size_t i = 0; i < kPoseidon2Width; ++i, ++k) {
      const X u = x[i] + rc_scale * constant(kPoseidon2RoundConstants[r][i]);
      sbox(u, y(k), s(k));
      x[i] = s(k);
    }
    crypto::poseidon2_internal::ExternalLayer(x);
  };
  for (int r = 0; r < kPoseidon2HalfFull; ++r) full_round(r);
  for (int r = kPoseidon2HalfFull; r < kPoseidon2HalfFull + crypto::kPoseidon2PartialRounds;
       ++r, ++k) {
    const X u = x[0] + rc_scale * constant(kPoseidon2RoundConstants[r][0]);
    sbox(u, y(k), s(k));
    x[0] = s(k);
    // M_I = J + diag(d).
    X sum = x[0];
    for (size_t i = 1; i < kPoseidon2Width; ++i) sum = sum + x[i];
    for (size_t i = 0; i < kPoseidon2Width; ++i) {
      x[i] = sum + constant(crypto::kPoseidon2InternalDiagonal[i]) * x[i];
    }
  }
  for (int r = kPoseidon2HalfFull + crypto::kPoseidon2PartialRounds; r < crypto::kPoseidon2Rounds;
       ++r) {
    full_round(r);
  }
  for (size_t i = 0; i < kPoseidon2Width; ++i) out[i] = x[i];
}

// The committed column of S-box k (in Poseidon2Rounds' order): y when `which` is 0, s when 1.
constexpr size_t Poseidon2SboxColumn(size_t k, size_t which) {
  using namespace poseidon2_cols;
  constexpr size_t kFirstHalf = kPoseidon2HalfFull * kPoseidon2Width;
  constexpr size_t kPartialEnd = kFirstHalf + crypto::kPoseidon2PartialRounds;
  if (k < kFirstHalf) return which ? FullS(k / 12, k % 12) : FullY(k / 12, k % 12);
  if (k < kPartialEnd) return which ? PartialS(k - kFirstHalf) : PartialY(k - kFirstHalf);
  const size_t f = kPoseidon2HalfFull + (k - kPartialEnd) / 12;
  return which ? FullS(f, (k - kPartialEnd) % 12) : FullY(f, (k - kPartialEnd) % 12);
}

class Poseidon2Air {
 public:
  const char* name() const { return "poseidon2"; }
  stark::AirShape shape() const {
    return {.num_main_columns = poseidon2_cols::kCount, .max_degree = 3};
  }
  template <typename E>
  void Evaluate(E& e) const {
    using namespace poseidon2_cols;
    using X = ExprOf<E>;
    auto m = [&](size_t c) { return e.main(c); };
    static_assert(kDA0 == size_t{kCallDA0} && kIn == size_t{kStateCallCols},
                  "the shared call-row layout");
    const X real = m(kReal), clk = m(kClk);
    const X q = StateCallAir(e, kPoseidon2MinQ, kPoseidon2MaxQ, abi::kSysPoseidon2);

    X in[kPoseidon2Width], out[kPoseidon2Width];
    for (size_t i = 0; i < kPoseidon2Width; ++i) in[i] = m(kIn + i);
    Poseidon2Rounds(
        in, real, [&](uint64_t c) { return e.constant(c); },
        [&](size_t k) { return m(Poseidon2SboxColumn(k, 0)); },
        [&](size_t k) { return m(Poseidon2SboxColumn(k, 1)); },
        [&](const X& u, const X& y, const X& s) {
          e.Constrain(y - u * u * u);
          e.Constrain(s - u * y * y);
        },
        out);
    const X ptr = e.constant(2) * q;
    for (size_t g = 0; g < kPoseidon2Groups; ++g) {
      const size_t j = kPoseidon2GroupElements * g;
      e.Send(kP2ioBus, real,
             {clk, ptr + e.constant(kPoseidon2GroupWords * g), in[j], in[j + 1], in[j + 2], out[j],
              out[j + 1], out[j + 2]});
    }
  }
};

// ---- POSEIDON2_MEM ------------------------------------------------------------------------------

class Poseidon2MemAir {
 public:
  enum Col : size_t {
    kReal,
    kClk,
    kW,
    kOld,
    kNew = kOld + kPoseidon2GroupWords,
    kVi = kNew + 2 * kPoseidon2GroupWords,
    kVo = kVi + kPoseidon2GroupElements,
    kP = kVo + kPoseidon2GroupElements,
    kD = kP + kPoseidon2GroupWords,
    kCount = kD + kPoseidon2GroupWords,
  };
  const char* name() const { return "poseidon2_mem"; }
  stark::AirShape shape() const { return {.num_main_columns = kCount, .max_degree = 3}; }
  template <typename E>
  void Evaluate(E& e) const {
    using X = ExprOf<E>;
    auto m = [&](size_t c) { return e.main(c); };
    const X real = m(kReal), clk = m(kClk), w = m(kW), one = e.constant(1);
    const X two32 = e.constant(kTwo32), max_hi = e.constant(0xFFFF'FFFF);
    BooleanAir(e, real);
    X old_word[kPoseidon2GroupWords], new_word[kPoseidon2GroupWords];
    for (size_t k = 0; k < kPoseidon2GroupWords; ++k) {
      old_word[k] = m(kOld + k);
      new_word[k] = m(kNew + 2 * k) + e.constant(kTwo16) * m(kNew + 2 * k + 1);
    }
    // The element lo + 2^32 hi, and the constraints that make it canonical.
    auto element = [&](const X& lo, const X& hi, const X& v) {
      const X z = hi - max_hi * real;
      const X t = one - z * v;
      e.Constrain(z * t);
      e.Constrain(v * t);
      e.Constrain(lo * t);
      return lo + two32 * hi;
    };
    X in[kPoseidon2GroupElements], out[kPoseidon2GroupElements];
    for (size_t j = 0; j < kPoseidon2GroupElements; ++j) {
      in[j] = element(old_word[2 * j], old_word[2 * j + 1], m(kVi + j));
      out[j] = element(new_word[2 * j], new_word[2 * j + 1], m(kVo + j));
    }
    e.Receive(kP2ioBus, real, {clk, w, in[0], in[1], in[2], out[0], out[1], out[2]});
    const X ram = SpaceConst(e, Space::kRam);
    const X t = TimestampAir(e, clk, kSlotRam);
    for (size_t k = 0; k < kPoseidon2GroupWords; ++k) {
      AccessAir(e, real, ram, w + e.constant(k), t, m(kP + k), m(kD + k), old_word[k], new_word[k]);
    }
    for (size_t k = 0; k < 2 * kPoseidon2GroupWords; ++k) R16Air(e, real, m(kNew + k));
  }
};

}  // namespace zkvm::prover
