#include "testing/encoder.h"

#include "base/check.h"

namespace zkvm::testing {

using executor::Format;

uint32_t Encode(Opcode op, unsigned rd, unsigned rs1, unsigned rs2, int32_t imm) {
  const executor::IsaEntry& e = executor::IsaInfo(op);
  const uint32_t u = static_cast<uint32_t>(imm);
  const uint32_t d = (rd & 31) << 7, s1 = (rs1 & 31) << 15, s2 = (rs2 & 31) << 20;
  switch (e.format) {
    case Format::kR:
      return e.match | d | s1 | s2;
    case Format::kI:
    case Format::kLoad:
    case Format::kJalr:
      return e.match | d | s1 | ((u & 0xfff) << 20);
    case Format::kShiftI:
      return e.match | d | s1 | ((u & 31) << 20);
    case Format::kStore:
      return e.match | s1 | s2 | (((u >> 5) & 0x7f) << 25) | ((u & 0x1f) << 7);
    case Format::kBranch:
      return e.match | s1 | s2 | (((u >> 12) & 1) << 31) | (((u >> 5) & 0x3f) << 25) |
             (((u >> 1) & 0xf) << 8) | (((u >> 11) & 1) << 7);
    case Format::kU:
      return e.match | d | (u & 0xfffff000u);
    case Format::kJal:
      return e.match | d | (((u >> 20) & 1) << 31) | (((u >> 1) & 0x3ff) << 21) |
             (((u >> 11) & 1) << 20) | (((u >> 12) & 0xff) << 12);
    case Format::kFence:
      return e.match | ((u & 0xfff) << 20);
    case Format::kSystem:
      return e.match;
  }
  ZKVM_CHECK(false, "unknown format");
}

void Li(std::vector<uint32_t>& code, unsigned rd, uint32_t value) {
  const uint32_t lo = value & 0xfff;
  const int32_t lo_s = lo >= 0x800 ? static_cast<int32_t>(lo) - 4096 : static_cast<int32_t>(lo);
  code.push_back(U(Opcode::kLui, rd, (value - static_cast<uint32_t>(lo_s)) >> 12));
  code.push_back(I(Opcode::kAddi, rd, rd, lo_s));
}

}  // namespace zkvm::testing
