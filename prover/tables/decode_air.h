// The DECODE table (docs/tables.md sections 3.2 and 4.1): one preprocessed row per word of the
// program's executable range [text_begin, text_end), giving what the instruction at that pc
// does as a micro-op. Every executed instruction row sends its (pc, uop, rd, rs1, rs2, c) on bus
// DEC (section 6, id 2); this table receives them.
//
// Row i (pc = text_begin + 4 i; rows past the range, up to the power-of-two height, are all
// zero). Preprocessed columns (in the verifying key):
//   0 pc    the instruction's address
//   1 uop   the micro-op id (Uop below; kIllegal for ebreak, illegal and data words; 0 on
//           padding rows)
//   2 rd    the written register, 0..32 (32 is the sink x32 for loads and jalr with rd = x0);
//           0 when unused
//   3 rs1   the first read register, 0 when unused
//   4 rs2   the second read register, 0 when unused
//   5 c     a u32 constant: the sign-extended immediate (I, load, store, jalr), the target
//           pc + imm mod 2^32 (branches, jal), shamt (shift immediates), the immediate with bit
//           31 flipped (slti), the constant result (CONST), pc + 4 or the jump target (NOP),
//           else 0
// Main column: 0 m, how many times the row's pc ran.
// Interaction: Receive DEC (pc, uop, rd, rs1, rs2, c) x m.
// No constraints: m is free, and a lookup table with free multiplicities proves that every
// tuple sent on DEC is a row. So an executed pc is 4-aligned, inside the executable range and
// holds the instruction whose fields the sender used; no table sends kIllegal or 0, so illegal
// words and padding rows can never be executed. 1 main + 3 * (1 + 1) aux = 7 cells per row.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "prover/tables/air_common.h"

namespace zkvm::prover {

enum DecodeColumn : size_t {
  kDecodePc = 0,
  kDecodeUop = 1,
  kDecodeRd = 2,
  kDecodeRs1 = 3,
  kDecodeRs2 = 4,
  kDecodeC = 5,
  kNumDecodePreprocessedColumns = 6,
};
inline constexpr size_t kNumDecodeMainColumns = 1;

class DecodeAir {
 public:
  const char* name() const { return "decode"; }
  AirShape shape() const {
    return {.num_main_columns = kNumDecodeMainColumns,
            .num_preprocessed_columns = kNumDecodePreprocessedColumns,
            .max_degree = 3};
  }
  template <typename E>
  void Evaluate(E& e) const {
    e.Receive(kDecBus, e.main(0),
              {e.preprocessed(kDecodePc), e.preprocessed(kDecodeUop), e.preprocessed(kDecodeRd),
               e.preprocessed(kDecodeRs1), e.preprocessed(kDecodeRs2), e.preprocessed(kDecodeC)});
  }
};

}  // namespace zkvm::prover
