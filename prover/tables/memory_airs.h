// The tables that open and close the memory argument's token chains (docs/tables.md sections
// 4.2-4.4 and 5): every address's initial token (timestamp 0) and its final token.
//
// REGISTER (preprocessed, 64 rows; row i is register i for i < 34, the rest padding)
//   preprocessed 0 idx   register number: x0..x31, the sink x32, the output cursor x33
//                1 init  its value at the start: kStackTop for x2 (sp), else 0
//                2 real  1 for idx < 34
//   main         0 fin_ts, 1 fin_val: the register's last token
//   public values: the verifying-key digest as 8 little-endian u32 words (not constrained; the
//   table carries them so the digest is absorbed into the transcript with the statement)
//   interactions: Send MEM (REG, idx, 0, init) x real; Receive MEM (REG, idx, fin_ts, fin_val)
//   x real.
//
// PAGE_ELF (preprocessed; one row per word of [kImageBase, image_end), padded)
//   preprocessed 0 space  ROM for words of the executable range [text_begin, text_end), else RAM
//                1 w      word index (byte address / 4)
//                2 init   the word as the ELF image loads it (0 for bss and gaps)
//                3 real   1 on rows of the image, 0 on padding
//   main         0 fin_ts, 1 fin_val
//   interactions: Send MEM (space, w, 0, init) x real; Receive MEM (space, w, fin_ts, fin_val)
//   x real. Executable words exist only in space ROM, and stores write space RAM, so a store
//   into code consumes a token no table emitted.
//
// PAGE_ZERO, PAGE_INPUT (witness; one row per touched word of their range, sorted)
//   main 0 w       word index
//        1 real    1 on rows of touched words; 0 on the sentinels and padding
//        2 fin_ts, 3 fin_val
//        4 g0, 5 g1  16-bit limbs of the gap to the previous row: w - w_prev - real
//        PAGE_INPUT only: 6 i0, 7 i1  16-bit limbs of the initial value
//   public values: lo, hi (word indices; the verifier computes them from the verifying key)
//   constraints: real boolean; first row: w = lo, real = 0; last row: w = hi, real = 0;
//   transition: w_next - w - real_next = g0_next + 2^16 g1_next.
//   interactions: R16(g0), R16(g1) on every row; Send MEM (RAM, w, 0, init) x real (init = 0,
//   or i0 + 2^16 i1 with R16(i0), R16(i1) x real); Receive MEM (RAM, w, fin_ts, fin_val) x real.
//   Guarantees: the real rows' addresses are distinct (strictly increasing: each gap is in
//   [0, 2^32) and the rows are fewer than 2^26, so no sum of gaps wraps mod p) and inside
//   (lo, hi], so every word of the range has at most one initial token; PAGE_ZERO's are zero,
//   PAGE_INPUT's are u32s chosen by the prover (the private input).
//   Ranges: PAGE_ZERO covers [image_end, kInputBase) (heap and stack), PAGE_INPUT covers
//   [kInputBase, kInputEnd). The guard region and the reserved region have no tokens at all.
//
// Not enforced yet: PAGE_INPUT does not force the input header's reserved bytes and the bytes
// past the payload length to zero, so the statement is "some content of the input region", a
// superset of the contents an input file produces (docs/tables.md section 4.4).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "prover/tables/air_common.h"
#include "syscalls/abi.h"

namespace zkvm::prover {

// ---- REGISTER ----------------------------------------------------------------------------------

inline constexpr size_t kRegisterTableRows = 64;
inline constexpr size_t kNumRegisterPublicValues = 8;

class RegisterAir {
 public:
  const char* name() const { return "register"; }
  stark::AirShape shape() const {
    return {.num_main_columns = 2,
            .num_preprocessed_columns = 3,
            .num_public_values = kNumRegisterPublicValues,
            .max_degree = 3};
  }
  template <typename E>
  void Evaluate(E& e) const {
    const auto reg = SpaceConst(e, Space::kReg);
    const auto idx = e.preprocessed(0), real = e.preprocessed(2);
    e.Send(kMemBus, real, {reg, idx, e.constant(0), e.preprocessed(1)});
    e.Receive(kMemBus, real, {reg, idx, e.main(0), e.main(1)});
  }
};

// ---- PAGE_ELF -----------------------------------------------------------------------------------

class PageElfAir {
 public:
  const char* name() const { return "page_elf"; }
  stark::AirShape shape() const {
    return {.num_main_columns = 2, .num_preprocessed_columns = 4, .max_degree = 3};
  }
  template <typename E>
  void Evaluate(E& e) const {
    const auto space = e.preprocessed(0), w = e.preprocessed(1), real = e.preprocessed(3);
    e.Send(kMemBus, real, {space, w, e.constant(0), e.preprocessed(2)});
    e.Receive(kMemBus, real, {space, w, e.main(0), e.main(1)});
  }
};

// ---- PAGE_ZERO / PAGE_INPUT -----------------------------------------------------------------

template <bool kInput>
class PageAir {
 public:
  enum Col : size_t { kW, kReal, kFinTs, kFinVal, kG0, kG1, kI0, kI1 };
  const char* name() const { return kInput ? "page_input" : "page_zero"; }
  stark::AirShape shape() const {
    return {.num_main_columns = kInput ? 8u : 6u, .num_public_values = 2, .max_degree = 3};
  }
  template <typename E>
  void Evaluate(E& e) const {
    const auto w = e.main(kW), real = e.main(kReal);
    BooleanAir(e, real);
    e.Constrain(e.is_first_row() * (w - e.public_value(0)));
    e.Constrain(e.is_first_row() * real);
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
    }
    e.Send(kMemBus, real, {ram, w, e.constant(0), init});
    e.Receive(kMemBus, real, {ram, w, e.main(kFinTs), e.main(kFinVal)});
  }
};
using PageZeroAir = PageAir<false>;
using PageInputAir = PageAir<true>;

// The word-index bounds (lo, hi) of PAGE_ZERO and PAGE_INPUT (their public values): real rows
// lie in (lo, hi].
struct PageBounds {
  uint32_t lo = 0;
  uint32_t hi = 0;
};
constexpr PageBounds PageZeroBounds(uint32_t image_end) {
  return {.lo = image_end / 4 - 1, .hi = abi::kInputBase / 4 - 1};
}
constexpr PageBounds PageInputBounds() {
  return {.lo = abi::kInputBase / 4 - 1, .hi = abi::kInputEnd / 4 - 1};
}

}  // namespace zkvm::prover
