// An RV32IM assembler for tests, driven by the ISA table: Encode(op, rd, rs1, rs2, imm) puts
// the fields where the op's format wants them (the inverse of executor::Decode).
#pragma once

#include <cstdint>
#include <vector>

#include "executor/isa.h"

namespace zkvm::testing {

using executor::Opcode;

uint32_t Encode(Opcode op, unsigned rd, unsigned rs1, unsigned rs2, int32_t imm);

inline uint32_t R(Opcode op, unsigned rd, unsigned rs1, unsigned rs2) {
  return Encode(op, rd, rs1, rs2, 0);
}
inline uint32_t I(Opcode op, unsigned rd, unsigned rs1, int32_t imm) {
  return Encode(op, rd, rs1, 0, imm);
}
inline uint32_t S(Opcode op, unsigned rs2, unsigned rs1, int32_t imm) {
  return Encode(op, 0, rs1, rs2, imm);
}
inline uint32_t B(Opcode op, unsigned rs1, unsigned rs2, int32_t offset) {
  return Encode(op, 0, rs1, rs2, offset);
}
inline uint32_t U(Opcode op, unsigned rd, uint32_t imm20) {
  return Encode(op, rd, 0, 0, static_cast<int32_t>(imm20 << 12));
}
inline uint32_t J(unsigned rd, int32_t offset) { return Encode(Opcode::kJal, rd, 0, 0, offset); }
inline uint32_t Ecall() { return Encode(Opcode::kEcall, 0, 0, 0, 0); }

// li rd, value as lui + addi: always two instructions, so the code's layout does not depend on
// the value.
void Li(std::vector<uint32_t>& code, unsigned rd, uint32_t value);

}  // namespace zkvm::testing
