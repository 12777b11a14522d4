// The one ISA table of zkvm: every RV32IM instruction the VM executes, with its mnemonic, its
// encoding (mask/match as in the RISC-V opcode tables: a 32-bit word w encodes the instruction
// iff (w & mask) == match), its operand format and the unit (table of DESIGN.md section 6) that
// executes it. The opcode enum, the decoder, the disassembler, the executor's dispatch, the
// prover's decode table and the tests are all driven from ZKVM_RV32IM_ISA; nothing else lists
// instructions. Reference: The RISC-V Instruction Set Manual, Volume I, chapters 2 (RV32I) and
// 7 ("M" extension); the encodings match riscv-opcodes.
//
// Not in the table, so decoded as illegal and trapping when executed: CSR instructions
// (Zicsr), FENCE.I (Zifencei), xRET/WFI, shift immediates with imm[5] set (reserved in RV32)
// and every other encoding. EBREAK is in the table because it has a defined meaning: it traps.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace zkvm::executor {

// Operand formats (how the disassembler prints an instruction and which immediate it has).
enum class Format : uint8_t {
  kR,       // rd, rs1, rs2
  kI,       // rd, rs1, imm[11:0] (sign-extended)
  kShiftI,  // rd, rs1, shamt[4:0]
  kLoad,    // rd, imm(rs1)
  kStore,   // rs2, imm(rs1)
  kBranch,  // rs1, rs2, pc-relative target
  kU,       // rd, imm[31:12]
  kJal,     // rd, pc-relative target
  kJalr,    // rd, imm(rs1)
  kFence,   // pred, succ (executed as a no-op)
  kSystem,  // no operands
};

// The unit (AIR table family, DESIGN.md section 6) that proves an instruction.
enum class Unit : uint8_t {
  kAlu,      // add/sub and bitwise
  kShift,    // sll/srl/sra
  kCompare,  // slt/sltu
  kUpper,    // lui/auipc
  kMul,      // mul/mulh/mulhsu/mulhu
  kDivRem,   // div/divu/rem/remu
  kBranch,   // conditional branches
  kJump,     // jal/jalr
  kLoad,     // lb/lh/lw/lbu/lhu
  kStore,    // sb/sh/sw
  kSystem,   // ecall/ebreak/fence
};

// X(Name, "mnemonic", mask, match, Format, Unit)
#define ZKVM_RV32IM_ISA(X)                                       \
  X(kLui, "lui", 0x0000007f, 0x00000037, kU, kUpper)             \
  X(kAuipc, "auipc", 0x0000007f, 0x00000017, kU, kUpper)         \
  X(kJal, "jal", 0x0000007f, 0x0000006f, kJal, kJump)            \
  X(kJalr, "jalr", 0x0000707f, 0x00000067, kJalr, kJump)         \
  X(kBeq, "beq", 0x0000707f, 0x00000063, kBranch, kBranch)       \
  X(kBne, "bne", 0x0000707f, 0x00001063, kBranch, kBranch)       \
  X(kBlt, "blt", 0x0000707f, 0x00004063, kBranch, kBranch)       \
  X(kBge, "bge", 0x0000707f, 0x00005063, kBranch, kBranch)       \
  X(kBltu, "bltu", 0x0000707f, 0x00006063, kBranch, kBranch)     \
  X(kBgeu, "bgeu", 0x0000707f, 0x00007063, kBranch, kBranch)     \
  X(kLb, "lb", 0x0000707f, 0x00000003, kLoad, kLoad)             \
  X(kLh, "lh", 0x0000707f, 0x00001003, kLoad, kLoad)             \
  X(kLw, "lw", 0x0000707f, 0x00002003, kLoad, kLoad)             \
  X(kLbu, "lbu", 0x0000707f, 0x00004003, kLoad, kLoad)           \
  X(kLhu, "lhu", 0x0000707f, 0x00005003, kLoad, kLoad)           \
  X(kSb, "sb", 0x0000707f, 0x00000023, kStore, kStore)           \
  X(kSh, "sh", 0x0000707f, 0x00001023, kStore, kStore)           \
  X(kSw, "sw", 0x0000707f, 0x00002023, kStore, kStore)           \
  X(kAddi, "addi", 0x0000707f, 0x00000013, kI, kAlu)             \
  X(kSlti, "slti", 0x0000707f, 0x00002013, kI, kCompare)         \
  X(kSltiu, "sltiu", 0x0000707f, 0x00003013, kI, kCompare)       \
  X(kXori, "xori", 0x0000707f, 0x00004013, kI, kAlu)             \
  X(kOri, "ori", 0x0000707f, 0x00006013, kI, kAlu)               \
  X(kAndi, "andi", 0x0000707f, 0x00007013, kI, kAlu)             \
  X(kSlli, "slli", 0xfe00707f, 0x00001013, kShiftI, kShift)      \
  X(kSrli, "srli", 0xfe00707f, 0x00005013, kShiftI, kShift)      \
  X(kSrai, "srai", 0xfe00707f, 0x40005013, kShiftI, kShift)      \
  X(kAdd, "add", 0xfe00707f, 0x00000033, kR, kAlu)               \
  X(kSub, "sub", 0xfe00707f, 0x40000033, kR, kAlu)               \
  X(kSll, "sll", 0xfe00707f, 0x00001033, kR, kShift)             \
  X(kSlt, "slt", 0xfe00707f, 0x00002033, kR, kCompare)           \
  X(kSltu, "sltu", 0xfe00707f, 0x00003033, kR, kCompare)         \
  X(kXor, "xor", 0xfe00707f, 0x00004033, kR, kAlu)               \
  X(kSrl, "srl", 0xfe00707f, 0x00005033, kR, kShift)             \
  X(kSra, "sra", 0xfe00707f, 0x40005033, kR, kShift)             \
  X(kOr, "or", 0xfe00707f, 0x00006033, kR, kAlu)                 \
  X(kAnd, "and", 0xfe00707f, 0x00007033, kR, kAlu)               \
  X(kFence, "fence", 0x0000707f, 0x0000000f, kFence, kSystem)    \
  X(kEcall, "ecall", 0xffffffff, 0x00000073, kSystem, kSystem)   \
  X(kEbreak, "ebreak", 0xffffffff, 0x00100073, kSystem, kSystem) \
  X(kMul, "mul", 0xfe00707f, 0x02000033, kR, kMul)               \
  X(kMulh, "mulh", 0xfe00707f, 0x02001033, kR, kMul)             \
  X(kMulhsu, "mulhsu", 0xfe00707f, 0x02002033, kR, kMul)         \
  X(kMulhu, "mulhu", 0xfe00707f, 0x02003033, kR, kMul)           \
  X(kDiv, "div", 0xfe00707f, 0x02004033, kR, kDivRem)            \
  X(kDivu, "divu", 0xfe00707f, 0x02005033, kR, kDivRem)          \
  X(kRem, "rem", 0xfe00707f, 0x02006033, kR, kDivRem)            \
  X(kRemu, "remu", 0xfe00707f, 0x02007033, kR, kDivRem)

enum class Opcode : uint8_t {
#define ZKVM_ISA_ENUM(name, mnemonic, mask, match, format, unit) name,
  ZKVM_RV32IM_ISA(ZKVM_ISA_ENUM)
#undef ZKVM_ISA_ENUM
  // Any word that matches no table entry. Executing it traps.
  kIllegal,
};

inline constexpr int kNumOpcodes = static_cast<int>(Opcode::kIllegal);

struct IsaEntry {
  Opcode opcode;
  std::string_view mnemonic;
  uint32_t mask;
  uint32_t match;
  Format format;
  Unit unit;
};

inline constexpr std::array<IsaEntry, kNumOpcodes> kIsaTable = {{
#define ZKVM_ISA_ENTRY(name, mnemonic, mask, match, format, unit) \
  {Opcode::name, mnemonic, mask, match, Format::format, Unit::unit},
    ZKVM_RV32IM_ISA(ZKVM_ISA_ENTRY)
#undef ZKVM_ISA_ENTRY
}};

constexpr const IsaEntry& IsaInfo(Opcode op) { return kIsaTable[static_cast<int>(op)]; }

}  // namespace zkvm::executor
