#include "prover/tables/decode_table.h"

namespace zkvm::prover {

using executor::Instruction;
using executor::Opcode;
using executor::Unit;

namespace {

// The micro-op of an instruction that keeps its own table (everything but NOP, CONST, ECALL
// and ILLEGAL).
Uop OwnUop(Opcode op) {
  switch (op) {
    case Opcode::kAddi:
      return Uop::kAddi;
    case Opcode::kAdd:
      return Uop::kAdd;
    case Opcode::kSub:
      return Uop::kSub;
    case Opcode::kXori:
      return Uop::kXori;
    case Opcode::kOri:
      return Uop::kOri;
    case Opcode::kAndi:
      return Uop::kAndi;
    case Opcode::kXor:
      return Uop::kXor;
    case Opcode::kOr:
      return Uop::kOr;
    case Opcode::kAnd:
      return Uop::kAnd;
    case Opcode::kSlli:
      return Uop::kSlli;
    case Opcode::kSrli:
      return Uop::kSrli;
    case Opcode::kSrai:
      return Uop::kSrai;
    case Opcode::kSll:
      return Uop::kSll;
    case Opcode::kSrl:
      return Uop::kSrl;
    case Opcode::kSra:
      return Uop::kSra;
    case Opcode::kSlti:
      return Uop::kSlti;
    case Opcode::kSltiu:
      return Uop::kSltiu;
    case Opcode::kSlt:
      return Uop::kSlt;
    case Opcode::kSltu:
      return Uop::kSltu;
    case Opcode::kBeq:
      return Uop::kBeq;
    case Opcode::kBne:
      return Uop::kBne;
    case Opcode::kBlt:
      return Uop::kBlt;
    case Opcode::kBge:
      return Uop::kBge;
    case Opcode::kBltu:
      return Uop::kBltu;
    case Opcode::kBgeu:
      return Uop::kBgeu;
    case Opcode::kJal:
      return Uop::kJal;
    case Opcode::kJalr:
      return Uop::kJalr;
    case Opcode::kLw:
      return Uop::kLw;
    case Opcode::kLb:
      return Uop::kLb;
    case Opcode::kLh:
      return Uop::kLh;
    case Opcode::kLbu:
      return Uop::kLbu;
    case Opcode::kLhu:
      return Uop::kLhu;
    case Opcode::kSw:
      return Uop::kSw;
    case Opcode::kSb:
      return Uop::kSb;
    case Opcode::kSh:
      return Uop::kSh;
    case Opcode::kMul:
      return Uop::kMul;
    case Opcode::kMulh:
      return Uop::kMulh;
    case Opcode::kMulhsu:
      return Uop::kMulhsu;
    case Opcode::kMulhu:
      return Uop::kMulhu;
    case Opcode::kDiv:
      return Uop::kDiv;
    case Opcode::kDivu:
      return Uop::kDivu;
    case Opcode::kRem:
      return Uop::kRem;
    case Opcode::kRemu:
      return Uop::kRemu;
    default:
      return Uop::kIllegal;
  }
}

// Op-imm instructions that become CONST when rs1 = x0, and their result with a = 0.
bool ConstantWithZeroSource(Opcode op, int32_t imm, uint32_t* result) {
  const auto u = static_cast<uint32_t>(imm);
  switch (op) {
    case Opcode::kAddi:
    case Opcode::kXori:
    case Opcode::kOri:
      *result = u;
      return true;
    case Opcode::kAndi:
    case Opcode::kSlli:
    case Opcode::kSrli:
    case Opcode::kSrai:
      *result = 0;
      return true;
    case Opcode::kSlti:
      *result = imm > 0 ? 1 : 0;
      return true;
    case Opcode::kSltiu:
      *result = u != 0 ? 1 : 0;
      return true;
    default:
      return false;
  }
}

}  // namespace

DecodedRow DecodeRow(uint32_t pc, const Instruction& inst) {
  const Opcode op = inst.opcode;
  const auto imm = static_cast<uint32_t>(inst.imm);
  if (op == Opcode::kIllegal || op == Opcode::kEbreak) return {};
  if (op == Opcode::kEcall) return {.uop = Uop::kEcall, .rd = 10, .rs1 = 17, .rs2 = 10};
  if (op == Opcode::kFence) return {.uop = Uop::kNop, .c = pc + 4};
  if (op == Opcode::kJal) {
    if (inst.rd == 0) return {.uop = Uop::kNop, .c = pc + imm};
    return {.uop = Uop::kJal, .rd = inst.rd, .c = pc + imm};
  }
  const Unit unit = executor::IsaInfo(op).unit;
  if (unit == Unit::kLoad || op == Opcode::kJalr) {
    return {
        .uop = OwnUop(op), .rd = inst.rd == 0 ? kSinkRegister : inst.rd, .rs1 = inst.rs1, .c = imm};
  }
  if (unit == Unit::kStore) {
    return {.uop = OwnUop(op), .rs1 = inst.rs1, .rs2 = inst.rs2, .c = imm};
  }
  if (unit == Unit::kBranch) {
    return {.uop = OwnUop(op), .rs1 = inst.rs1, .rs2 = inst.rs2, .c = pc + imm};
  }
  // What is left writes rd and has no other effect: ALU, shift, compare, upper, mul/div.
  if (inst.rd == 0) return {.uop = Uop::kNop, .c = pc + 4};
  if (op == Opcode::kLui) return {.uop = Uop::kConst, .rd = inst.rd, .c = imm};
  if (op == Opcode::kAuipc) return {.uop = Uop::kConst, .rd = inst.rd, .c = pc + imm};
  uint32_t constant = 0;
  if (inst.rs1 == 0 && ConstantWithZeroSource(op, inst.imm, &constant)) {
    return {.uop = Uop::kConst, .rd = inst.rd, .c = constant};
  }
  const executor::Format format = executor::IsaInfo(op).format;
  if (format == executor::Format::kR) {
    return {.uop = OwnUop(op), .rd = inst.rd, .rs1 = inst.rs1, .rs2 = inst.rs2};
  }
  // kI and kShiftI: the immediate (shamt for shifts); slti's with bit 31 flipped.
  const uint32_t c = op == Opcode::kSlti ? imm ^ 0x8000'0000u : imm;
  return {.uop = OwnUop(op), .rd = inst.rd, .rs1 = inst.rs1, .c = c};
}

size_t DecodeTableRows(const executor::Program& program) {
  size_t rows = 2;
  while (rows < program.decoded.size()) rows *= 2;
  return rows;
}

ColumnMajorMatrix DecodePreprocessed(const executor::Program& program) {
  ColumnMajorMatrix m(DecodeTableRows(program), kNumDecodePreprocessedColumns);
  for (size_t i = 0; i < program.decoded.size(); ++i) {
    const uint32_t pc = program.text_begin + 4 * static_cast<uint32_t>(i);
    const DecodedRow row = DecodeRow(pc, program.decoded[i]);
    m(i, kDecodePc) = Felt::FromU64(pc);
    m(i, kDecodeUop) = Felt::FromU64(static_cast<uint64_t>(row.uop));
    m(i, kDecodeRd) = Felt::FromU64(row.rd);
    m(i, kDecodeRs1) = Felt::FromU64(row.rs1);
    m(i, kDecodeRs2) = Felt::FromU64(row.rs2);
    m(i, kDecodeC) = Felt::FromU64(row.c);
  }
  return m;
}

DecodeCounts::DecodeCounts(const executor::Program& program)
    : program_(program), counts_(program.decoded.size(), 0) {}

Status DecodeCounts::Add(uint32_t pc, uint64_t times) {
  if (pc < program_.text_begin || pc >= program_.text_end || (pc & 3) != 0) {
    return MakeError("DECODE: pc {:#010x} is not a word of the executable range", pc);
  }
  const size_t i = (pc - program_.text_begin) / 4;
  if (DecodeRow(pc, program_.decoded[i]).uop == Uop::kIllegal) {
    return MakeError("DECODE: pc {:#010x} holds an illegal instruction ({:#010x})", pc,
                     program_.words[i]);
  }
  counts_[i] += times;
  return {};
}

uint64_t DecodeCounts::count(uint32_t pc) const {
  if (pc < program_.text_begin || pc >= program_.text_end || (pc & 3) != 0) return 0;
  return counts_[(pc - program_.text_begin) / 4];
}

ColumnMajorMatrix DecodeCounts::Trace() const {
  ColumnMajorMatrix m(DecodeTableRows(program_), kNumDecodeMainColumns);
  for (size_t i = 0; i < counts_.size(); ++i) m(i, 0) = Felt::FromU64(counts_[i]);
  return m;
}

}  // namespace zkvm::prover
