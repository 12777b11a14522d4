// The tables that open and close the memory argument's token chains (docs/tables.md sections
// 4.2-4.4 and 5): every address's initial token and its final token, and REFRESH, which
// renews old tokens so that runs can be longer than a token's age range.
//
// Initial timestamps are free (a main column init_ts, any value): an address has exactly one
// initial token (one row of one of these tables), the start of its path of tokens, and the
// path argument needs no bound on the start (docs/tables.md section 5). The prover sets it
// below the address's first access by less than a refresh period (InitTimestamp), so that the
// first access's age check passes however late in the run it comes.
//
// REGISTER (preprocessed, 64 rows; row i is register i for i < 34, the rest padding)
//   preprocessed 0 idx   register number: x0..x31, the sink x32, the output cursor x33
//                1 init  its value at the start: kStackTop for x2 (sp), else 0
//                2 real  1 for idx < 34
//   main         0 fin_ts, 1 fin_val: the register's last token; 2 init_ts: its first
//   public values: the verifying-key digest as 8 little-endian u32 words (not constrained; the
//   table carries them so the digest is absorbed into the transcript with the statement)
//   interactions: Send MEM (REG, idx, init_ts, init) x real; Receive MEM (REG, idx, fin_ts,
//   fin_val) x real.
//
// PAGE_ELF (preprocessed; one row per word of [kImageBase, image_end), padded)
//   preprocessed 0 space  ROM for words of the executable range [text_begin, text_end), else RAM
//                1 w      word index (byte address / 4)
//                2 init   the word as the ELF image loads it (0 for bss and gaps)
//                3 real   1 on rows of the image, 0 on padding
//   main         0 fin_ts, 1 fin_val, 2 init_ts
//   interactions: Send MEM (space, w, init_ts, init) x real; Receive MEM (space, w, fin_ts,
//   fin_val) x real. Executable words exist only in space ROM, and stores write space RAM, so a
//   store into code consumes a token no table emitted.
//
// PAGE_ZERO, PAGE_INPUT (witness; one row per touched word of their range, sorted)
//   main 0 w       word index
//        1 real    1 on rows of touched words; 0 on the sentinels and padding
//        2 fin_ts, 3 fin_val
//        4 g0, 5 g1  16-bit limbs of the gap to the previous row: w - w_prev - real
//        6 init_ts   the timestamp of the initial token
//   public values: lo, hi (word indices; the verifier computes them from the verifying key)
//   constraints: real boolean; last row: w = hi, real = 0; transition: w_next - w - real_next
//   = g0_next + 2^16 g1_next. PAGE_ZERO's first row is a non-real sentinel w = lo.
//   interactions: R16(g0), R16(g1) on every row; Send MEM (RAM, w, init_ts, init) x real;
//   Receive MEM (RAM, w, fin_ts, fin_val) x real. PAGE_ZERO: init = 0.
//   Guarantees: the real rows' addresses are distinct (strictly increasing: each gap is in
//   [0, 2^32) and the rows are fewer than 2^26, so no sum of gaps wraps mod p) and inside
//   (lo, hi] (PAGE_INPUT: [lo, hi]), so every word of the range has at most one initial token.
//   Ranges: PAGE_ZERO covers [image_end, kInputBase) (heap and stack), PAGE_INPUT covers
//   [kInputBase, kInputEnd). The guard region and the reserved region have no tokens at all.
//
// PAGE_INPUT adds the input file's shape (DESIGN.md section 2): with W0 = kInputBase / 4, the
// word W0 holds the payload length len, words W0+1..W0+3 are reserved zero, payload byte j is
// byte j mod 4 of word W0 + 4 + j / 4, and every byte past len is zero. Its rows are the header
// words W0..W0+3 (always present: a word the guest never touches emits and consumes the same
// token), the touched payload words, and the "boundary" word wB = W0 + 3 + ceil(len / 4), the
// last word holding payload bytes (W0+3 when len = 0), also always present.
//   main 7 i0, 8 i1  16-bit limbs of the initial value: init = i0 + 2^16 i1
//        9 head      1 on the header rows W0..W0+3, then 0
//       10 past      0 up to the boundary row wB, then 1
//       11 len       the payload length, the same on every row
//       12 z0, 13 z1 bits of z = 4 (wB - W0 - 3) - len in [0, 4) on the boundary row: the zero
//                    bytes at the top of its word (0 on the other rows)
//       14 v0, 15 v1 16-bit limbs of P - 1 - init, P = 2^(32 - 8 z) = 2^32 (1 + (2^-8 - 1) z0)
//                    (1 + (2^-16 - 1) z1): the word is below P
//   public values: lo = W0 (the first row), hi = kInputEnd / 4 - 1
//   constraints, beyond the shared ones (C = past_next - past):
//     head       boolean; 1 on the first row; (head - head_next) (w - W0 - 3) = 0
//     len        init = len on the first row; len_next = len
//     past       0 on the first row, 1 on the last; C (1 - real) = 0;
//                C (4 (w - W0 - 3) - len - z0 - 2 z1) = 0; z0, z1 boolean
//     zeros      (head + past - is_first_row) init = 0
//     bound      v0 + 2^16 v1 = P - 1 - init
//   interactions, beyond the shared ones: R16(i0), R16(i1), R16(v0), R16(v1) x real.
//   Guarantees: the real rows' initial values are those of an input file of length
//   len <= kMaxInputPayload (len is a u32 through the first row's limbs).
//   - head: it starts at 1 and changes only across a row at W0+3, and addresses never
//     decrease, so every row below W0+3 has head = 1, and so does a real row at W0+3 (a real
//     row's predecessor lies strictly below it). Real rows are distinct and at least W0, so the
//     reserved words' rows have head = 1 and start at zero; W0, the first row if it is real,
//     starts at len.
//   - past: it goes from 0 to 1, so it changes somewhere, and only across a real row with
//     4 (w - W0 - 3) - len in [0, 4) (z0, z1 bits): exactly one integer w qualifies, wB, and a
//     real row for it is unique. So past = 0 up to the wB row and 1 after it: real rows after
//     it (w > wB) hold no payload byte and start at zero. The wB row's word is below
//     2^(8 (4 - z)): its bytes past len are zero. Real rows before it (w < wB) are header
//     words or whole payload words. Without C (1 - real), a non-real copy of wB placed after
//     its real row could take the change and leave the real word's top bytes free.
//   The constraints do not force head to stay 0 after the header or z to be 0 off the boundary
//   row: either could only add zeros to force. The builder writes the canonical values.
//   Cost: 16 main + 15 aux (8 interactions) = 31 cells per row (PAGE_ZERO: 7 + 9 = 16), and up
//   to 5 rows the guest did not touch. A run that touches no input word has no PAGE_INPUT table
//   at all (no input token exists, so no input value can be read).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "prover/tables/air_common.h"
#include "syscalls/abi.h"

namespace zkvm::prover {

// ---- REGISTER ----------------------------------------------------------------------------------

inline constexpr size_t kRegisterTableRows = 64;
inline constexpr size_t kNumRegisterPublicValues = NumPublicValues(PublicValues::kVkDigest);

class RegisterAir {
 public:
  const char* name() const { return "register"; }
  stark::AirShape shape() const {
    return {.num_main_columns = 3,
            .num_preprocessed_columns = 3,
            .num_public_values = kNumRegisterPublicValues,
            .max_degree = 3};
  }
  template <typename E>
  void Evaluate(E& e) const {
    const auto reg = SpaceConst(e, Space::kReg);
    const auto idx = e.preprocessed(0), real = e.preprocessed(2);
    e.Send(kMemBus, real, {reg, idx, e.main(2), e.preprocessed(1)});
    e.Receive(kMemBus, real, {reg, idx, e.main(0), e.main(1)});
  }
};

// ---- PAGE_ELF -----------------------------------------------------------------------------------

class PageElfAir {
 public:
  const char* name() const { return "page_elf"; }
  stark::AirShape shape() const {
    return {.num_main_columns = 3, .num_preprocessed_columns = 4, .max_degree = 3};
  }
  template <typename E>
  void Evaluate(E& e) const {
    const auto space = e.preprocessed(0), w = e.preprocessed(1), real = e.preprocessed(3);
    e.Send(kMemBus, real, {space, w, e.main(2), e.preprocessed(2)});
    e.Receive(kMemBus, real, {space, w, e.main(0), e.main(1)});
  }
};

// ---- PAGE_ZERO / PAGE_INPUT -----------------------------------------------------------------

template <bool kInput>
class PageAir {
 public:
  enum Col : size_t {
    kW,
    kReal,
    kFinTs,
    kFinVal,
    kG0,
    kG1,
    kInitTs,
    // PAGE_INPUT only:
    kI0,
    kI1,
    kHead,
    kPast,
    kLen,
    kZ0,
    kZ1,
    kV0,
    kV1,
    kNumInputCols
  };
  static constexpr size_t kNumCols = kInput ? kNumInputCols : kI0;

  const char* name() const { return kInput ? "page_input" : "page_zero"; }
  stark::AirShape shape() const {
    return {.num_main_columns = kNumCols, .num_public_values = 2, .max_degree = 3};
  }
  template <typename E>
  void Evaluate(E& e) const {
    const auto w = e.main(kW), real = e.main(kReal);
    BooleanAir(e, real);
    e.Constrain(e.is_first_row() * (w - e.public_value(0)));
    e.Constrain(e.is_last_row() * (w - e.public_value(1)));
    e.Constrain(e.is_last_row() * real);
    e.Constrain(e.is_transition() * (e.main_next(kW) - w - e.main_next(kReal) - e.main_next(kG0) -
                                     e.constant(kTwo16) * e.main_next(kG1)));
    const auto one = e.constant(1);
    R16Air(e, one, e.main(kG0));
    R16Air(e, one, e.main(kG1));
    const auto ram = SpaceConst(e, Space::kRam);
    ExprOf<E> init = e.constant(0);
    if constexpr (kInput) {
      init = e.main(kI0) + e.constant(kTwo16) * e.main(kI1);
      R16Air(e, real, e.main(kI0));
      R16Air(e, real, e.main(kI1));
      InputShape(e, init);
    } else {
      e.Constrain(e.is_first_row() * real);
    }
    e.Send(kMemBus, real, {ram, w, e.main(kInitTs), init});
    e.Receive(kMemBus, real, {ram, w, e.main(kFinTs), e.main(kFinVal)});
  }

 private:
  // PAGE_INPUT's rows hold an input file: header, reserved zeros, payload, zeros past it.
  template <typename E>
  void InputShape(E& e, ExprOf<E> init) const {
    const auto one = e.constant(1);
    const auto first = e.is_first_row(), last = e.is_last_row(), step = e.is_transition();
    const auto real = e.main(kReal), len = e.main(kLen), head = e.main(kHead);
    const auto past = e.main(kPast), z0 = e.main(kZ0), z1 = e.main(kZ1);
    // w - (W0 + 3): 0 on the last reserved word.
    const auto from_w3 = e.main(kW) - e.constant(abi::kInputBase / 4 + 3);
    // The header rows: head is 1 from the first row (w = lo = W0) and changes only on rows of
    // the last reserved word.
    BooleanAir(e, head);
    e.Constrain(first * (one - head));
    e.Constrain(step * (head - e.main_next(kHead)) * from_w3);
    // The payload length: the header word's initial value, the same on every row.
    e.Constrain(first * (init - len));
    e.Constrain(step * (e.main_next(kLen) - len));
    // past is 0 on the first row, 1 on the last, and changes only on a real row at wB, where
    // z = 4 (w - W0 - 3) - len is in [0, 4).
    const auto change = e.main_next(kPast) - past;
    BooleanAir(e, z0);
    BooleanAir(e, z1);
    e.Constrain(first * past);
    e.Constrain(last * (one - past));
    e.Constrain(step * change * (one - real));
    e.Constrain(step * change * (e.constant(4) * from_w3 - len - z0 - e.constant(2) * z1));
    // Reserved words and words past the payload start at zero.
    e.Constrain((head + past - first) * init);
    // Each word is below P = 2^(32 - 8 z): on the boundary row its top z bytes are zero (z is
    // free elsewhere, where it can only tighten the bound).
    const auto bound = e.constant(kTwo32) * (one + e.constant(kInvTwo8 - 1) * z0) *
                       (one + e.constant(kInvTwo16 - 1) * z1);
    e.Constrain(e.main(kV0) + e.constant(kTwo16) * e.main(kV1) - (bound - one - init));
    R16Air(e, real, e.main(kV0));
    R16Air(e, real, e.main(kV1));
  }
};
using PageZeroAir = PageAir<false>;
using PageInputAir = PageAir<true>;

// The word-index bounds (lo, hi) of PAGE_ZERO and PAGE_INPUT (their public values): real rows
// lie in (lo, hi] (PAGE_INPUT: [lo, hi], its first row being the header word lo).
struct PageBounds {
  uint32_t lo = 0;
  uint32_t hi = 0;
};
constexpr PageBounds PageZeroBounds(uint32_t image_end) {
  return {.lo = image_end / 4 - 1, .hi = abi::kInputBase / 4 - 1};
}
constexpr PageBounds PageInputBounds() {
  return {.lo = abi::kInputBase / 4, .hi = abi::kInputEnd / 4 - 1};
}

// The word PAGE_INPUT's boundary row is at for a payload of `len` bytes: the last word holding
// payload bytes, or the last reserved header word when len = 0.
constexpr uint32_t InputBoundaryWord(uint32_t len) {
  return abi::kInputBase / 4 + 3 + (len + 3) / 4;
}

// ---- REFRESH ------------------------------------------------------------------------------------
//
// REFRESH (witness; the rows the router makes at a segment that starts at a multiple of
// 2^kRefreshLogCycles cycles: one per address whose token is older than that)
//   main 0 real, 1 space, 2 addr, 3 p (the old token's timestamp), 4 v (its value), 5 d (the
//        low 16 bits of its age r - p - 1)
//   public value: r = 4 c - 1, c the segment's first clock (2^k s + 1 for segment s of 2^k
//   cycles): the verifier computes it (VmChunkPublicValues)
//   constraints: real boolean
//   interactions: the access gadget (AccessAir) at timestamp r with old = new = v: Receive MEM
//   (space, addr, p, v) x real; Send MEM (space, addr, r, v) x real; R16(d), R16((r - p - 1 -
//   d) / 2^16) x real.
//   Guarantees: a row moves a token forward in time without changing its value, so it is one
//   more read on the address's path (docs/tables.md section 5): the path stays one chain in
//   strictly increasing time (r is bounded, p < r is checked), and every access still reads the
//   last value written. Which addresses are refreshed, in which segments, is the prover's
//   choice: any choice is sound. real must be boolean: a multiplicity of -1 would consume the
//   newer token and emit the older one, a step back in time.
//   Cost: 6 main columns; 4 interactions.
class RefreshAir {
 public:
  enum Col : size_t { kReal, kSpace, kAddr, kP, kV, kD, kCount };
  const char* name() const { return "refresh"; }
  stark::AirShape shape() const {
    return {.num_main_columns = kCount, .num_public_values = 1, .max_degree = 3};
  }
  template <typename E>
  void Evaluate(E& e) const {
    const auto real = e.main(kReal), v = e.main(kV);
    BooleanAir(e, real);
    AccessAir(e, real, e.main(kSpace), e.main(kAddr), e.public_value(0), e.main(kP), e.main(kD), v,
              v);
  }
};

// The timestamp REFRESH emits its tokens at in a segment whose first clock is `first_clk`: slot
// 3 of the clock before, which no refreshed address was accessed at (its token is older).
constexpr uint64_t RefreshTimestamp(uint64_t first_clk) { return Timestamp(first_clk, 0) - 1; }

// The initial timestamp the prover gives an address first accessed at timestamp t when it
// refreshes every 2^log_period cycles: t - 1 rounded down to a multiple of 2^(log_period + 2)
// (0 in the first period), so the first access's age is below one period's timestamps, like
// every other (air_common.h), and the router keeps a 16-bit epoch per word, not a timestamp.
constexpr uint64_t InitTimestamp(uint64_t t, uint32_t log_period) {
  return (t - 1) >> (log_period + 2) << (log_period + 2);
}

}  // namespace zkvm::prover
