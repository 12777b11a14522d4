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

#include <vector>

#include "base/result.h"
#include "crypto/field/matrix.h"
#include "executor/decoder.h"
#include "executor/program.h"
#include "prover/tables/buses.h"
#include "stark/air/air.h"

namespace zkvm::prover {

using crypto::ColumnMajorMatrix;
using crypto::Felt;
using stark::AirShape;

// Micro-op ids (docs/tables.md section 3.2). 0 is the padding value, never sent. Each id names
// the table that executes it (in brackets).
enum class Uop : uint8_t {
  kNop = 1,    // [NOP] fence, step markers, rd = x0 without other effect, jal x0
  kConst = 2,  // [CONST] lui, auipc, op-imm with rs1 = x0
  kAddi,       // [ADD_I]
  kAdd,        // [ADD_R]
  kSub,
  kXori,  // [BIT_I]
  kOri,
  kAndi,
  kXor,  // [BIT_R]
  kOr,
  kAnd,
  kSlli,  // [SHIFT_I]
  kSrli,
  kSrai,
  kSll,  // [SHIFT_R]
  kSrl,
  kSra,
  kSlti,  // [CMP_I]
  kSltiu,
  kSlt,  // [CMP_R]
  kSltu,
  kBeq,  // [BRANCH_EQ]
  kBne,
  kBlt,  // [BRANCH_LT]
  kBge,
  kBltu,
  kBgeu,
  kJal,   // [JAL] rd != x0
  kJalr,  // [JALR]
  kLw,    // [LOAD_W]
  kLb,    // [LOAD_BH]
  kLh,
  kLbu,
  kLhu,
  kSw,  // [STORE_W]
  kSb,  // [STORE_BH]
  kSh,
  kMul,  // [MUL]
  kMulh,
  kMulhsu,
  kMulhu,
  kDiv,  // [DIVREM]
  kDivu,
  kRem,
  kRemu,
  kEcall,    // [HALT, WRITE, KECCAK_CALL] rd = a0, rs1 = a7, rs2 = a0
  kIllegal,  // ebreak, illegal and data words: sent by no table
};

// The register number of the sink x32: loads and jalr with rd = x0 write it, nothing reads it.
inline constexpr uint32_t kSinkRegister = 32;

// One DECODE row's fields besides pc.
struct DecodedRow {
  Uop uop = Uop::kIllegal;
  uint32_t rd = 0, rs1 = 0, rs2 = 0;
  uint32_t c = 0;

  bool operator==(const DecodedRow&) const = default;
};

// The micro-op of the instruction `inst` at `pc` (the one mapping of section 3.2, shared by
// the DECODE generator and the trace builder).
DecodedRow DecodeRow(uint32_t pc, const executor::Instruction& inst);

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

// The table's height: the number of words of the executable range, rounded up to a power of
// two (at least 2).
size_t DecodeTableRows(const executor::Program& program);

// The preprocessed matrix of `program`: DecodeTableRows(program) x 6, as laid out above.
ColumnMajorMatrix DecodePreprocessed(const executor::Program& program);

// Accumulates how often each pc ran, then writes the main trace.
class DecodeCounts {
 public:
  explicit DecodeCounts(const executor::Program& program);
  // Counts one execution (or `times`) of `pc`; an error, and nothing counted, when pc is not a
  // 4-aligned address of the executable range or holds a kIllegal word (no DEC send can match).
  Status Add(uint32_t pc, uint64_t times = 1);
  uint64_t count(uint32_t pc) const;
  // The main trace: DecodeTableRows(program) x 1.
  ColumnMajorMatrix Trace() const;

 private:
  const executor::Program& program_;
  std::vector<uint64_t> counts_;
};

}  // namespace zkvm::prover
