// Decoding of 32-bit RV32IM instruction words into compact records, once per instruction at
// load time (the executor never decodes in its hot loop). Driven by the ISA table in isa.h.
#pragma once

#include <cstdint>

#include "executor/isa.h"

namespace zkvm::executor {

// A pre-decoded instruction: 8 bytes. Register fields the format does not use are 0 (so rd is
// 0 for stores, branches, fence and system instructions, rs2 is 0 for I/U/J formats); `imm` is
// the sign-extended immediate of the format (the shift amount for kShiftI, imm[31:12] << 12
// for kU, the byte offset for branches/jal, the raw imm[11:0] field for fence).
struct Instruction {
  Opcode opcode = Opcode::kIllegal;
  uint8_t rd = 0;
  uint8_t rs1 = 0;
  uint8_t rs2 = 0;
  int32_t imm = 0;
};
static_assert(sizeof(Instruction) == 8);

// Decodes one word. Words that match no table entry decode to Opcode::kIllegal.
Instruction Decode(uint32_t word);

}  // namespace zkvm::executor
