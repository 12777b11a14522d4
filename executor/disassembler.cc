#include "executor/disassembler.h"

#include <fmt/format.h>

namespace zkvm::executor {
namespace {

constexpr const char* kRegisterNames[32] = {"zero", "ra", "sp",  "gp",  "tp", "t0", "t1", "t2",
                                            "s0",   "s1", "a0",  "a1",  "a2", "a3", "a4", "a5",
                                            "a6",   "a7", "s2",  "s3",  "s4", "s5", "s6", "s7",
                                            "s8",   "s9", "s10", "s11", "t3", "t4", "t5", "t6"};

std::string FenceSet(uint32_t bits) {
  if (bits == 0) return "unknown";
  std::string s;
  if (bits & 8) s += 'i';
  if (bits & 4) s += 'o';
  if (bits & 2) s += 'r';
  if (bits & 1) s += 'w';
  return s;
}

// objdump prints a symbolized target as "10074 <main+0x20>" and a bare one as "0x10074".
std::string Target(uint32_t target, const DisassemblyOptions& options) {
  if (options.symbolize) {
    std::string name = options.symbolize(target);
    if (!name.empty()) return fmt::format("{:x} <{}>", target, name);
  }
  return fmt::format("{:#x}", target);
}

std::string Op(std::string_view mnemonic, std::string_view operands) {
  return operands.empty() ? std::string(mnemonic) : fmt::format("{}\t{}", mnemonic, operands);
}

}  // namespace

const char* RegisterName(unsigned index) { return kRegisterNames[index & 31]; }

std::string Disassemble(uint32_t word, uint32_t pc, const DisassemblyOptions& options) {
  const Instruction insn = Decode(word);
  if (insn.opcode == Opcode::kIllegal) return fmt::format(".4byte\t{:#x}", word);
  const IsaEntry& info = IsaInfo(insn.opcode);
  const char* rd = RegisterName(insn.rd);
  const char* rs1 = RegisterName(insn.rs1);
  const char* rs2 = RegisterName(insn.rs2);
  const int32_t imm = insn.imm;
  const uint32_t target = pc + static_cast<uint32_t>(imm);
  const bool alias = options.aliases;

  if (alias) {
    switch (insn.opcode) {
      case Opcode::kAddi:
        if (insn.rd == 0 && insn.rs1 == 0 && imm == 0) return "nop";
        if (insn.rs1 == 0) return Op("li", fmt::format("{},{}", rd, imm));
        if (imm == 0) return Op("mv", fmt::format("{},{}", rd, rs1));
        return Op("add", fmt::format("{},{},{}", rd, rs1, imm));
      case Opcode::kSltiu:
        if (imm == 1) return Op("seqz", fmt::format("{},{}", rd, rs1));
        break;
      case Opcode::kXori:
        if (imm == -1) return Op("not", fmt::format("{},{}", rd, rs1));
        return Op("xor", fmt::format("{},{},{}", rd, rs1, imm));
      case Opcode::kOri:
        return Op("or", fmt::format("{},{},{}", rd, rs1, imm));
      case Opcode::kAndi:
        if (imm == 255) return Op("zext.b", fmt::format("{},{}", rd, rs1));
        return Op("and", fmt::format("{},{},{}", rd, rs1, imm));
      case Opcode::kSlli:
      case Opcode::kSrli:
      case Opcode::kSrai:
        return Op(info.mnemonic.substr(0, 3), fmt::format("{},{},{:#x}", rd, rs1, imm));
      case Opcode::kSub:
        if (insn.rs1 == 0) return Op("neg", fmt::format("{},{}", rd, rs2));
        break;
      case Opcode::kSlt:
        if (insn.rs2 == 0) return Op("sltz", fmt::format("{},{}", rd, rs1));
        if (insn.rs1 == 0) return Op("sgtz", fmt::format("{},{}", rd, rs2));
        break;
      case Opcode::kSltu:
        if (insn.rs1 == 0) return Op("snez", fmt::format("{},{}", rd, rs2));
        break;
      case Opcode::kBeq:
        if (insn.rs2 == 0) return Op("beqz", fmt::format("{},{}", rs1, Target(target, options)));
        break;
      case Opcode::kBne:
        if (insn.rs2 == 0) return Op("bnez", fmt::format("{},{}", rs1, Target(target, options)));
        break;
      case Opcode::kBge:
        if (insn.rs1 == 0) return Op("blez", fmt::format("{},{}", rs2, Target(target, options)));
        if (insn.rs2 == 0) return Op("bgez", fmt::format("{},{}", rs1, Target(target, options)));
        break;
      case Opcode::kBlt:
        if (insn.rs2 == 0) return Op("bltz", fmt::format("{},{}", rs1, Target(target, options)));
        if (insn.rs1 == 0) return Op("bgtz", fmt::format("{},{}", rs2, Target(target, options)));
        break;
      case Opcode::kJal:
        if (insn.rd == 0) return Op("j", Target(target, options));
        if (insn.rd == 1) return Op("jal", Target(target, options));
        break;
      case Opcode::kJalr:
        if (insn.rd == 0) {
          if (imm == 0) return insn.rs1 == 1 ? "ret" : Op("jr", rs1);
          return Op("jr", fmt::format("{}({})", imm, rs1));
        }
        if (imm == 0) {
          return insn.rd == 1 ? Op("jalr", rs1) : Op("jalr", fmt::format("{},{}", rd, rs1));
        }
        if (insn.rd == 1) return Op("jalr", fmt::format("{}({})", imm, rs1));
        break;
      case Opcode::kFence:
        if (imm == 0x0ff) return "fence";
        break;
      default:
        break;
    }
  }

  switch (info.format) {
    case Format::kR:
      return Op(info.mnemonic, fmt::format("{},{},{}", rd, rs1, rs2));
    case Format::kI:
      return Op(info.mnemonic, fmt::format("{},{},{}", rd, rs1, imm));
    case Format::kShiftI:
      return Op(info.mnemonic, fmt::format("{},{},{:#x}", rd, rs1, imm));
    case Format::kLoad:
    case Format::kJalr:
      return Op(info.mnemonic, fmt::format("{},{}({})", rd, imm, rs1));
    case Format::kStore:
      return Op(info.mnemonic, fmt::format("{},{}({})", rs2, imm, rs1));
    case Format::kBranch:
      return Op(info.mnemonic, fmt::format("{},{},{}", rs1, rs2, Target(target, options)));
    case Format::kU:
      return Op(info.mnemonic, fmt::format("{},{:#x}", rd, static_cast<uint32_t>(imm) >> 12));
    case Format::kJal:
      return Op(info.mnemonic, fmt::format("{},{}", rd, Target(target, options)));
    case Format::kFence: {
      const uint32_t fm = (static_cast<uint32_t>(imm) >> 8) & 0xf;
      const uint32_t pred = (static_cast<uint32_t>(imm) >> 4) & 0xf;
      const uint32_t succ = static_cast<uint32_t>(imm) & 0xf;
      if (fm == 8 && pred == 3 && succ == 3) return "fence.tso";
      if (fm != 0) return fmt::format(".4byte\t{:#x}", word);
      return Op("fence", fmt::format("{},{}", FenceSet(pred), FenceSet(succ)));
    }
    case Format::kSystem:
      return std::string(info.mnemonic);
  }
  return fmt::format(".4byte\t{:#x}", word);
}

}  // namespace zkvm::executor
