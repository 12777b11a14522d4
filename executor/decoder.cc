#include "executor/decoder.h"

namespace zkvm::executor {
namespace {

constexpr int32_t SignExtend(uint32_t value, int bits) {
  const uint32_t m = 1u << (bits - 1);
  return static_cast<int32_t>((value ^ m) - m);
}

constexpr int32_t ImmI(uint32_t w) { return static_cast<int32_t>(w) >> 20; }

constexpr int32_t ImmS(uint32_t w) { return SignExtend(((w >> 25) << 5) | ((w >> 7) & 0x1f), 12); }

constexpr int32_t ImmB(uint32_t w) {
  const uint32_t imm = (((w >> 31) & 1) << 12) | (((w >> 7) & 1) << 11) |
                       (((w >> 25) & 0x3f) << 5) | (((w >> 8) & 0xf) << 1);
  return SignExtend(imm, 13);
}

constexpr int32_t ImmJ(uint32_t w) {
  const uint32_t imm = (((w >> 31) & 1) << 20) | (((w >> 12) & 0xff) << 12) |
                       (((w >> 20) & 1) << 11) | (((w >> 21) & 0x3ff) << 1);
  return SignExtend(imm, 21);
}

}  // namespace

Instruction Decode(uint32_t word) {
  Instruction insn;
  for (const IsaEntry& entry : kIsaTable) {
    if ((word & entry.mask) != entry.match) continue;
    insn.opcode = entry.opcode;
    insn.rd = static_cast<uint8_t>((word >> 7) & 0x1f);
    insn.rs1 = static_cast<uint8_t>((word >> 15) & 0x1f);
    insn.rs2 = static_cast<uint8_t>((word >> 20) & 0x1f);
    // Register fields the format does not use are cleared, so every record reads exactly its
    // operands and "rd = 0" means "writes no register".
    switch (entry.format) {
      case Format::kU:
      case Format::kJal:
        insn.rs1 = 0;
        [[fallthrough]];
      case Format::kI:
      case Format::kShiftI:
      case Format::kLoad:
      case Format::kJalr:
        insn.rs2 = 0;
        break;
      case Format::kStore:
      case Format::kBranch:
        insn.rd = 0;
        break;
      case Format::kFence:
      case Format::kSystem:
        insn.rd = insn.rs1 = insn.rs2 = 0;
        break;
      case Format::kR:
        break;
    }
    switch (entry.format) {
      case Format::kR:
      case Format::kSystem:
        insn.imm = 0;
        break;
      case Format::kI:
      case Format::kLoad:
      case Format::kJalr:
        insn.imm = ImmI(word);
        break;
      case Format::kFence:
        insn.imm = static_cast<int32_t>(word >> 20);  // fm, pred, succ
        break;
      case Format::kShiftI:
        insn.imm = static_cast<int32_t>((word >> 20) & 0x1f);
        break;
      case Format::kStore:
        insn.imm = ImmS(word);
        break;
      case Format::kBranch:
        insn.imm = ImmB(word);
        break;
      case Format::kU:
        insn.imm = static_cast<int32_t>(word & 0xfffff000u);
        break;
      case Format::kJal:
        insn.imm = ImmJ(word);
        break;
    }
    return insn;
  }
  return Instruction{};
}

}  // namespace zkvm::executor
