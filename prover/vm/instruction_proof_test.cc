// Every RV32IM instruction proves and verifies on its edge cases: hand-assembled programs, one
// per instruction family, compute results (zero, negative and overflowing operands, shifts by
// 0/31 and by rs2 values with bits above 4 set, division by zero and INT_MIN / -1, x0 as
// destination, every load/store width, sign and legal offset, signed/unsigned compare edges,
// every branch taken and not taken in both directions, jal/jalr with odd targets, fence and the
// WRITE / HALT syscalls), store each result to memory, WRITE the results to fd 1 and HALT with
// their sum as the exit code. Each program's output is checked against a reference model of
// the instructions, and the verified statement (exit code, output, cycles) against the
// executor's. Misaligned accesses (which trap) are not exercised.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "executor/executor.h"
#include "executor/isa.h"
#include "executor/program.h"
#include "prover/vm/prove.h"
#include "prover/vm/verify.h"
#include "syscalls/abi.h"
#include "testing/elf_builder.h"
#include "testing/encoder.h"

namespace zkvm::prover {
namespace {

using executor::Opcode;
using testing::B;
using testing::Ecall;
using testing::I;
using testing::J;
using testing::R;
using testing::S;
using testing::U;

constexpr uint32_t kCodeBase = 0x10000;     // BuildCodeElf's segment and entry
constexpr uint32_t kOutBase = 0xBFFE0000;   // results buffer (x30 = start, x31 = end)
constexpr uint32_t kDataBase = 0xBFFF0000;  // scratch memory of the load/store tests
constexpr uint32_t kMin = 0x80000000u;
constexpr uint32_t kMax = 0x7fffffffu;
constexpr uint32_t kM1 = 0xffffffffu;

// Registers the harness keeps: x29 = running sum of the results (the exit code), x30 = start of
// the results buffer, x31 = its end. Tests use x1 and x5..x9 freely.
constexpr unsigned kAcc = 29, kOutStart = 30, kOutEnd = 31;

// Reference semantics (RISC-V Volume I, 2.4 and 7) of register-register and register-immediate
// operations; `b` is rs2 or the sign-extended immediate (shamt for shift immediates).
uint32_t Ref(Opcode op, uint32_t a, uint32_t b) {
  const int32_t sa = static_cast<int32_t>(a), sb = static_cast<int32_t>(b);
  switch (op) {
    case Opcode::kAdd:
    case Opcode::kAddi:
      return a + b;
    case Opcode::kSub:
      return a - b;
    case Opcode::kXor:
    case Opcode::kXori:
      return a ^ b;
    case Opcode::kOr:
    case Opcode::kOri:
      return a | b;
    case Opcode::kAnd:
    case Opcode::kAndi:
      return a & b;
    case Opcode::kSll:
    case Opcode::kSlli:
      return a << (b & 31);
    case Opcode::kSrl:
    case Opcode::kSrli:
      return a >> (b & 31);
    case Opcode::kSra:
    case Opcode::kSrai:
      return static_cast<uint32_t>(sa >> (b & 31));
    case Opcode::kSlt:
    case Opcode::kSlti:
      return sa < sb ? 1 : 0;
    case Opcode::kSltu:
    case Opcode::kSltiu:
      return a < b ? 1 : 0;
    case Opcode::kMul:
      return a * b;
    case Opcode::kMulh:
      return static_cast<uint32_t>(static_cast<uint64_t>(int64_t{sa} * int64_t{sb}) >> 32);
    case Opcode::kMulhsu:
      return static_cast<uint32_t>(static_cast<uint64_t>(int64_t{sa} * int64_t{b}) >> 32);
    case Opcode::kMulhu:
      return static_cast<uint32_t>((uint64_t{a} * uint64_t{b}) >> 32);
    case Opcode::kDiv:
      if (b == 0) return kM1;
      if (a == kMin && b == kM1) return kMin;
      return static_cast<uint32_t>(sa / sb);
    case Opcode::kDivu:
      return b == 0 ? kM1 : a / b;
    case Opcode::kRem:
      if (b == 0) return a;
      if (a == kMin && b == kM1) return 0;
      return static_cast<uint32_t>(sa % sb);
    case Opcode::kRemu:
      return b == 0 ? a : a % b;
    default:
      ADD_FAILURE() << "no reference for opcode " << static_cast<int>(op);
      return 0;
  }
}

bool BranchTaken(Opcode op, uint32_t a, uint32_t b) {
  const int32_t sa = static_cast<int32_t>(a), sb = static_cast<int32_t>(b);
  switch (op) {
    case Opcode::kBeq:
      return a == b;
    case Opcode::kBne:
      return a != b;
    case Opcode::kBlt:
      return sa < sb;
    case Opcode::kBge:
      return sa >= sb;
    case Opcode::kBltu:
      return a < b;
    case Opcode::kBgeu:
      return a >= b;
    default:
      ADD_FAILURE() << "not a branch";
      return false;
  }
}

// A straight-line program under construction plus the results it is expected to output.
class Asm {
 public:
  Asm() {
    Emit(U(Opcode::kLui, kOutEnd, kOutBase >> 12));
    Emit(I(Opcode::kAddi, kOutStart, kOutEnd, 0));
    Emit(I(Opcode::kAddi, kAcc, 0, 0));
  }

  void Emit(uint32_t word) { code_.push_back(word); }
  // Index of the next instruction.
  size_t here() const { return code_.size(); }
  // Address of the next instruction.
  uint32_t pc() const { return kCodeBase + static_cast<uint32_t>(4 * code_.size()); }
  // Patches the branch or jump at index `at` to target index `to`.
  void PatchB(size_t at, Opcode op, unsigned rs1, unsigned rs2, size_t to) {
    code_[at] = B(op, rs1, rs2, Offset(at, to));
  }
  void PatchJ(size_t at, unsigned rd, size_t to) { code_[at] = J(rd, Offset(at, to)); }

  // li rd, value: always lui + addi.
  void Li(unsigned rd, uint32_t value) { testing::Li(code_, rd, value); }

  // Stores `reg` to the results buffer and adds it to the exit code; `expected` is its value.
  void Out(unsigned reg, uint32_t expected) {
    Emit(S(Opcode::kSw, reg, kOutEnd, 0));
    Emit(I(Opcode::kAddi, kOutEnd, kOutEnd, 4));
    Emit(R(Opcode::kAdd, kAcc, kAcc, reg));
    expected_.push_back(expected);
  }

  // rd = op(a, b) for an R-type op, then outputs rd.
  void RCase(Opcode op, uint32_t a, uint32_t b) {
    Li(5, a);
    Li(6, b);
    Emit(R(op, 7, 5, 6));
    Out(7, Ref(op, a, b));
  }
  // rd = op(a, imm) for an I-type (or shift-immediate) op, then outputs rd.
  void ICase(Opcode op, uint32_t a, int32_t imm) {
    Li(5, a);
    Emit(I(op, 7, 5, imm));
    Out(7, Ref(op, a, static_cast<uint32_t>(imm)));
  }

  // Bytes written to the public output before the results buffer (by the syscall test).
  void ExpectOutputPrefix(const std::string& s) { prefix_ += s; }

  // Appends WRITE(1, results) and HALT(sum of results); returns the code.
  std::vector<uint32_t> Finish() {
    std::vector<uint32_t> code = code_;
    auto emit = [&](uint32_t w) { code.push_back(w); };
    emit(I(Opcode::kAddi, 17, 0, static_cast<int32_t>(abi::kSysWrite)));
    emit(I(Opcode::kAddi, 10, 0, static_cast<int32_t>(abi::kFdPublicOutput)));
    emit(I(Opcode::kAddi, 11, kOutStart, 0));
    emit(R(Opcode::kSub, 12, kOutEnd, kOutStart));
    emit(Ecall());
    emit(I(Opcode::kAddi, 17, 0, static_cast<int32_t>(abi::kSysHalt)));
    emit(I(Opcode::kAddi, 10, kAcc, 0));
    emit(Ecall());
    return code;
  }

  std::vector<uint8_t> ExpectedOutput() const {
    std::vector<uint8_t> out(prefix_.begin(), prefix_.end());
    for (uint32_t v : expected_) {
      for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
    }
    return out;
  }
  uint32_t ExpectedExitCode() const {
    uint32_t sum = 0;
    for (uint32_t v : expected_) sum += v;
    return sum;
  }

 private:
  static int32_t Offset(size_t at, size_t to) {
    return 4 * (static_cast<int32_t>(to) - static_cast<int32_t>(at));
  }

  std::vector<uint32_t> code_;
  std::vector<uint32_t> expected_;
  std::string prefix_;
};

// Runs the code on the executor (it must halt with the expected exit code and output), proves
// it, verifies the proof and checks the verified statement against the executor's.
void ProveCode(const std::vector<uint32_t>& code, uint32_t expected_exit,
               const std::vector<uint8_t>& expected_output) {
  Result<executor::Program> program = executor::LoadElf(testing::BuildCodeElf(code), "test");
  ASSERT_TRUE(program.ok()) << program.error().message;
  Result<executor::Executor> ex = executor::Executor::Create(*program, {});
  ASSERT_TRUE(ex.ok()) << ex.error().message;
  ex->set_debug_sink([](std::string_view) {});
  const executor::MachineState run = ex->Run({.max_cycles = 1'000'000});
  ASSERT_EQ(run.status, executor::RunStatus::kHalted) << "pc 0x" << std::hex << run.pc;
  EXPECT_EQ(run.exit_code, expected_exit);
  EXPECT_EQ(run.public_output, expected_output);

  ProveConfig config;
  config.options = stark::kInsecureTestOptions;
  ProveStats stats;
  Result<std::vector<uint8_t>> proof = Prove(*program, {}, config, &stats);
  ASSERT_TRUE(proof.ok()) << proof.error().message;
  Result<VerifiedStatement> v = Verify(*proof, *program, kAllowInsecurePreset);
  if (!v.ok()) {
    // Name the table, row and constraint (or bus tuple) that fails.
    config.debug_checks = true;
    Result<std::vector<uint8_t>> checked = Prove(*program, {}, config);
    FAIL() << v.error().message
           << "; debug checks: " << (checked.ok() ? std::string("pass") : checked.error().message);
  }
  EXPECT_EQ(v->exit_code, run.exit_code);
  EXPECT_EQ(v->output, run.public_output);
  EXPECT_EQ(v->cycles, run.cycle);
  std::printf("%llu cycles, proof %zu bytes, %.2f s\n",
              static_cast<unsigned long long>(stats.cycles), stats.proof_bytes,
              stats.total_seconds);
}

void ProveAsm(Asm& a) { ProveCode(a.Finish(), a.ExpectedExitCode(), a.ExpectedOutput()); }

TEST(InstructionProofTest, AddSub) {
  Asm a;
  for (Opcode op : {Opcode::kAdd, Opcode::kSub}) {
    for (uint32_t x : {0u, 1u, kM1, kMin, kMax}) {
      for (uint32_t y : {0u, 1u, kM1, kMin, kMax}) a.RCase(op, x, y);
    }
    a.RCase(op, 0x12345678u, 0xfedcba98u);
  }
  for (int32_t imm : {0, 1, -1, 2047, -2048}) {
    for (uint32_t x : {0u, kM1, kMin, kMax}) a.ICase(Opcode::kAddi, x, imm);
  }
  // x0 as destination: writes are dropped.
  a.Li(5, 7);
  a.Li(6, 9);
  a.Emit(R(Opcode::kAdd, 0, 5, 6));
  a.Out(0, 0);
  a.Emit(R(Opcode::kSub, 0, 5, 6));
  a.Out(0, 0);
  a.Emit(I(Opcode::kAddi, 0, 5, 100));
  a.Out(0, 0);
  // x0 as a source and rd == rs1 == rs2.
  a.Emit(R(Opcode::kSub, 7, 0, 5));
  a.Out(7, static_cast<uint32_t>(-7));
  a.Emit(R(Opcode::kAdd, 5, 5, 5));
  a.Out(5, 14);
  a.Emit(R(Opcode::kSub, 6, 6, 6));
  a.Out(6, 0);
  a.Emit(I(Opcode::kAddi, 5, 5, -2048));
  a.Out(5, static_cast<uint32_t>(14 - 2048));
  ProveAsm(a);
}

TEST(InstructionProofTest, Logic) {
  Asm a;
  for (Opcode op : {Opcode::kXor, Opcode::kOr, Opcode::kAnd}) {
    for (uint32_t x : {0u, kM1, kMin, 0x12345678u}) {
      for (uint32_t y : {0u, kM1, kMax, 0xfedcba98u}) a.RCase(op, x, y);
    }
  }
  for (Opcode op : {Opcode::kXori, Opcode::kOri, Opcode::kAndi}) {
    for (int32_t imm : {0, -1, 2047, -2048, 0x555}) {
      for (uint32_t x : {0u, kM1, 0x12345678u}) a.ICase(op, x, imm);
    }
  }
  a.Li(5, 0xf0f0f0f0u);
  for (Opcode op : {Opcode::kXor, Opcode::kOr, Opcode::kAnd}) {
    a.Emit(R(op, 0, 5, 5));  // x0 destination
    a.Out(0, 0);
    a.Emit(R(op, 7, 5, 0));  // x0 source
    a.Out(7, Ref(op, 0xf0f0f0f0u, 0));
  }
  a.Emit(I(Opcode::kXori, 0, 5, -1));
  a.Out(0, 0);
  a.Emit(I(Opcode::kXori, 5, 5, -1));  // not, in place
  a.Out(5, 0x0f0f0f0fu);
  ProveAsm(a);
}

TEST(InstructionProofTest, Shifts) {
  Asm a;
  const std::vector<uint32_t> values = {0u, 1u, kM1, kMin, kMax, 0x12345678u};
  // Shift amounts 0, 1, 31 and rs2 values with bits above bit 4 set (only the low 5 bits count).
  const std::vector<uint32_t> amounts = {0, 1, 31, 32, 33, 63, kM1, kMin, 0xffffffe0u, 0x104u};
  for (Opcode op : {Opcode::kSll, Opcode::kSrl, Opcode::kSra}) {
    for (uint32_t x : values) {
      for (uint32_t s : amounts) a.RCase(op, x, s);
    }
  }
  for (Opcode op : {Opcode::kSlli, Opcode::kSrli, Opcode::kSrai}) {
    for (uint32_t x : values) {
      for (int32_t s : {0, 1, 4, 16, 31}) a.ICase(op, x, s);
    }
  }
  a.Li(5, kMin);
  a.Li(6, 3);
  for (Opcode op : {Opcode::kSll, Opcode::kSrl, Opcode::kSra}) {
    a.Emit(R(op, 0, 5, 6));
    a.Out(0, 0);
  }
  for (Opcode op : {Opcode::kSlli, Opcode::kSrli, Opcode::kSrai}) {
    a.Emit(I(op, 0, 5, 31));
    a.Out(0, 0);
  }
  a.Emit(R(Opcode::kSra, 5, 5, 5));  // rd == rs1 == rs2: shift by 0x80000000 & 31 = 0
  a.Out(5, kMin);
  ProveAsm(a);
}

TEST(InstructionProofTest, Compares) {
  Asm a;
  const std::vector<uint32_t> values = {0u, 1u, 2u, kM1, 0xfffffffeu, kMin, kMax, 0x80000001u};
  for (Opcode op : {Opcode::kSlt, Opcode::kSltu}) {
    for (uint32_t x : values) {
      for (uint32_t y : values) a.RCase(op, x, y);
    }
  }
  for (Opcode op : {Opcode::kSlti, Opcode::kSltiu}) {
    for (int32_t imm : {0, 1, -1, 2047, -2048}) {
      for (uint32_t x : {0u, 1u, kM1, kMin, kMax, 2047u, 0xfffff800u}) a.ICase(op, x, imm);
    }
  }
  a.Li(5, 5);
  a.Emit(R(Opcode::kSltu, 7, 0, 5));  // snez
  a.Out(7, 1);
  a.Emit(R(Opcode::kSlt, 7, 5, 0));  // sgtz-like: 5 < 0
  a.Out(7, 0);
  a.Emit(R(Opcode::kSlt, 0, 0, 5));
  a.Out(0, 0);
  a.Emit(R(Opcode::kSltu, 0, 0, 5));
  a.Out(0, 0);
  a.Emit(I(Opcode::kSlti, 0, 0, 1));
  a.Out(0, 0);
  a.Emit(I(Opcode::kSltiu, 0, 0, 1));
  a.Out(0, 0);
  a.Emit(R(Opcode::kSlt, 7, 5, 5));
  a.Out(7, 0);
  ProveAsm(a);
}

TEST(InstructionProofTest, LuiAuipc) {
  Asm a;
  for (uint32_t imm : {0u, 1u, 0x12345u, 0x7ffffu, 0x80000u, 0xfffffu}) {
    a.Emit(U(Opcode::kLui, 7, imm));
    a.Out(7, imm << 12);
  }
  for (uint32_t imm : {0u, 1u, 0x12345u, 0x7ffffu, 0x80000u, 0xfffffu, 0xffff0u}) {
    const uint32_t pc = a.pc();
    a.Emit(U(Opcode::kAuipc, 7, imm));  // 0xffff0 wraps past 2^32
    a.Out(7, pc + (imm << 12));
  }
  a.Emit(U(Opcode::kLui, 0, 0x12345));
  a.Out(0, 0);
  a.Emit(U(Opcode::kAuipc, 0, 0x12345));
  a.Out(0, 0);
  // lui then addi with a negative low part (li of a value with bit 11 set).
  a.Li(7, 0xdeadbeefu);
  a.Out(7, 0xdeadbeefu);
  ProveAsm(a);
}

TEST(InstructionProofTest, Branches) {
  Asm a;
  const std::vector<std::pair<uint32_t, uint32_t>> pairs = {{0, 0},       {1, 2},     {2, 1},
                                                            {kM1, 0},     {0, kM1},   {kMin, kMax},
                                                            {kMax, kMin}, {kM1, kM1}, {kMin, 1}};
  const std::vector<Opcode> ops = {Opcode::kBeq, Opcode::kBne,  Opcode::kBlt,
                                   Opcode::kBge, Opcode::kBltu, Opcode::kBgeu};
  for (Opcode op : ops) {
    for (const auto& [x, y] : pairs) {
      // Forward: x7 = 1 if taken (the branch skips the clear), 0 if not.
      a.Li(5, x);
      a.Li(6, y);
      a.Emit(I(Opcode::kAddi, 7, 0, 1));
      a.Emit(B(op, 5, 6, 8));
      a.Emit(I(Opcode::kAddi, 7, 0, 0));
      a.Out(7, BranchTaken(op, x, y) ? 1 : 0);

      // Backward: a taken branch goes back to a block that adds 100 and jumps past the
      // not-taken path (which adds 1).
      a.Emit(I(Opcode::kAddi, 7, 0, 0));
      const size_t skip = a.here();
      a.Emit(0);  // jal x0, over
      const size_t back = a.here();
      a.Emit(I(Opcode::kAddi, 7, 7, 100));
      const size_t to_end = a.here();
      a.Emit(0);  // jal x0, end
      a.PatchJ(skip, 0, a.here());
      a.Li(5, x);
      a.Li(6, y);
      const size_t branch = a.here();
      a.Emit(0);
      a.PatchB(branch, op, 5, 6, back);
      a.Emit(I(Opcode::kAddi, 7, 7, 1));
      a.PatchJ(to_end, 0, a.here());
      a.Out(7, BranchTaken(op, x, y) ? 100 : 1);
    }
    // The same register on both sides, and x0.
    a.Li(5, kMin);
    a.Emit(I(Opcode::kAddi, 7, 0, 1));
    a.Emit(B(op, 5, 5, 8));
    a.Emit(I(Opcode::kAddi, 7, 0, 0));
    a.Out(7, BranchTaken(op, kMin, kMin) ? 1 : 0);
    a.Emit(I(Opcode::kAddi, 7, 0, 1));
    a.Emit(B(op, 0, 5, 8));
    a.Emit(I(Opcode::kAddi, 7, 0, 0));
    a.Out(7, BranchTaken(op, 0, kMin) ? 1 : 0);
  }
  // A counted loop: sum 1..10 with a backward bne taken nine times.
  a.Emit(I(Opcode::kAddi, 5, 0, 0));   // i
  a.Emit(I(Opcode::kAddi, 6, 0, 10));  // n
  a.Emit(I(Opcode::kAddi, 7, 0, 0));   // sum
  const size_t loop = a.here();
  a.Emit(I(Opcode::kAddi, 5, 5, 1));
  a.Emit(R(Opcode::kAdd, 7, 7, 5));
  const size_t br = a.here();
  a.Emit(0);
  a.PatchB(br, Opcode::kBne, 5, 6, loop);
  a.Out(7, 55);
  // A countdown loop with bltu/bge backward branches.
  a.Emit(I(Opcode::kAddi, 5, 0, 5));
  a.Emit(I(Opcode::kAddi, 7, 0, 0));
  const size_t loop2 = a.here();
  a.Emit(I(Opcode::kAddi, 7, 7, 3));
  a.Emit(I(Opcode::kAddi, 5, 5, -1));
  const size_t br2 = a.here();
  a.Emit(0);
  a.PatchB(br2, Opcode::kBltu, 0, 5, loop2);  // while 0 < i (unsigned)
  a.Out(7, 15);
  a.Emit(I(Opcode::kAddi, 5, 0, 3));
  a.Emit(I(Opcode::kAddi, 7, 0, 0));
  const size_t loop3 = a.here();
  a.Emit(I(Opcode::kAddi, 7, 7, 1));
  a.Emit(I(Opcode::kAddi, 5, 5, -1));
  const size_t br3 = a.here();
  a.Emit(0);
  a.PatchB(br3, Opcode::kBge, 5, 0, loop3);  // while i >= 0 (signed): 4 iterations
  a.Out(7, 4);
  ProveAsm(a);
}

TEST(InstructionProofTest, Jumps) {
  Asm a;
  // jal forward with a link: skips one instruction; x1 = address of the jal + 4.
  a.Emit(I(Opcode::kAddi, 7, 0, 0));
  {
    const uint32_t jal_pc = a.pc();
    a.Emit(J(1, 8));
    a.Emit(I(Opcode::kAddi, 7, 7, 1000));  // skipped
    a.Out(7, 0);
    a.Out(1, jal_pc + 4);
  }
  // jal x0 (no link) over several instructions.
  a.Emit(J(0, 16));
  a.Emit(I(Opcode::kAddi, 7, 7, 1000));
  a.Emit(I(Opcode::kAddi, 7, 7, 1000));
  a.Emit(I(Opcode::kAddi, 7, 7, 1000));
  a.Out(7, 0);
  a.Out(0, 0);
  // jal backward: jump over a block, then back into it, then forward past the jal.
  {
    a.Emit(I(Opcode::kAddi, 7, 0, 0));
    const size_t skip = a.here();
    a.Emit(0);
    const size_t back = a.here();
    a.Emit(I(Opcode::kAddi, 7, 7, 5));
    const size_t to_end = a.here();
    a.Emit(0);
    a.PatchJ(skip, 0, a.here());
    const size_t jal = a.here();
    const uint32_t jal_pc = a.pc();
    a.Emit(0);
    a.PatchJ(jal, 8, back);  // jal x8, back
    a.Emit(I(Opcode::kAddi, 7, 7, 1000));
    a.PatchJ(to_end, 0, a.here());
    a.Out(7, 5);
    a.Out(8, jal_pc + 4);
  }
  // jalr to an odd target: bit 0 of rs1 + imm is cleared.
  {
    const uint32_t p0 = a.pc();
    a.Emit(U(Opcode::kAuipc, 5, 0));       // x5 = p0
    a.Emit(I(Opcode::kAddi, 5, 5, 17));    // p0 + 17 -> target p0 + 16
    a.Emit(I(Opcode::kJalr, 1, 5, 0));     // x1 = p0 + 12
    a.Emit(I(Opcode::kAddi, 7, 7, 1000));  // skipped
    a.Out(1, p0 + 12);
    a.Out(7, 5);
  }
  // jalr with an odd positive immediate.
  {
    const uint32_t p0 = a.pc();
    a.Emit(U(Opcode::kAuipc, 5, 0));
    a.Emit(I(Opcode::kJalr, 1, 5, 17));  // target p0 + 16
    a.Emit(I(Opcode::kAddi, 7, 7, 1000));
    a.Emit(I(Opcode::kAddi, 7, 7, 1000));
    a.Out(1, p0 + 8);
    a.Out(7, 5);
  }
  // jalr with a negative immediate (and an odd sum).
  {
    const uint32_t p0 = a.pc();
    a.Emit(U(Opcode::kAuipc, 5, 0));
    a.Emit(I(Opcode::kAddi, 5, 5, 2047));
    a.Emit(I(Opcode::kJalr, 1, 5, -2030));  // p0 + 17 -> p0 + 16
    a.Emit(I(Opcode::kAddi, 7, 7, 1000));
    a.Out(1, p0 + 12);
    a.Out(7, 5);
  }
  // jalr x0 (no link): the plain indirect jump / return.
  {
    a.Emit(U(Opcode::kAuipc, 5, 0));
    a.Emit(I(Opcode::kJalr, 0, 5, 12));
    a.Emit(I(Opcode::kAddi, 7, 7, 1000));
    a.Out(0, 0);
    a.Out(7, 5);
  }
  // jalr with rd == rs1: the target is read before the link is written.
  {
    const uint32_t p0 = a.pc();
    a.Emit(U(Opcode::kAuipc, 5, 0));
    a.Emit(I(Opcode::kAddi, 5, 5, 16));
    a.Emit(I(Opcode::kJalr, 5, 5, 0));  // target p0 + 16, x5 = p0 + 12
    a.Emit(I(Opcode::kAddi, 7, 7, 1000));
    a.Out(5, p0 + 12);
    a.Out(7, 5);
  }
  // jalr backward into a block that returns through the link register (call / ret).
  {
    const size_t skip = a.here();
    a.Emit(0);
    const size_t fn = a.here();
    a.Emit(I(Opcode::kAddi, 7, 7, 10));
    a.Emit(I(Opcode::kJalr, 0, 1, 0));  // ret
    a.PatchJ(skip, 0, a.here());
    const uint32_t p3 = a.pc();
    a.Emit(U(Opcode::kAuipc, 5, 0));
    const int32_t back = static_cast<int32_t>(kCodeBase + 4 * fn) - static_cast<int32_t>(p3);
    a.Emit(I(Opcode::kJalr, 1, 5, back));  // call fn
    a.Out(7, 15);
    a.Out(1, p3 + 8);
    // jal call to the same function.
    const size_t call = a.here();
    const uint32_t call_pc = a.pc();
    a.Emit(0);
    a.PatchJ(call, 1, fn);
    a.Out(7, 25);
    a.Out(1, call_pc + 4);
  }
  ProveAsm(a);
}

TEST(InstructionProofTest, LoadsStores) {
  Asm a;
  std::map<uint32_t, uint8_t> mem;  // model of the scratch memory (zero when absent)
  auto store = [&](uint32_t addr, uint32_t v, int width) {
    for (int i = 0; i < width; ++i) mem[addr + i] = static_cast<uint8_t>(v >> (8 * i));
  };
  auto load = [&](uint32_t addr, int width, bool sign) {
    uint32_t v = 0;
    for (int i = 0; i < width; ++i) v |= uint32_t{mem[addr + i]} << (8 * i);
    if (sign && width < 4 && (v >> (8 * width - 1)) != 0) v |= kM1 << (8 * width);
    return v;
  };
  // x5 = data base.
  a.Emit(U(Opcode::kLui, 5, kDataBase >> 12));
  auto Sw = [&](Opcode op, uint32_t value, int32_t off) {
    a.Li(6, value);
    a.Emit(S(op, 6, 5, off));
    store(kDataBase + off, value, op == Opcode::kSw ? 4 : op == Opcode::kSh ? 2 : 1);
  };
  auto Ld = [&](Opcode op, int32_t off) {
    a.Emit(I(op, 7, 5, off));
    const int width = (op == Opcode::kLw) ? 4 : (op == Opcode::kLh || op == Opcode::kLhu) ? 2 : 1;
    const bool sign = op == Opcode::kLb || op == Opcode::kLh;
    a.Out(7, load(kDataBase + off, width, sign));
  };
  auto AllLoads = [&](int32_t off) {
    for (int32_t b = 0; b < 4; ++b) {
      Ld(Opcode::kLb, off + b);
      Ld(Opcode::kLbu, off + b);
    }
    for (int32_t h = 0; h < 4; h += 2) {
      Ld(Opcode::kLh, off + h);
      Ld(Opcode::kLhu, off + h);
    }
    Ld(Opcode::kLw, off);
  };

  // Words whose bytes and halves have both signs.
  Sw(Opcode::kSw, 0x7f80ff01u, 0);
  AllLoads(0);
  Sw(Opcode::kSw, 0x80017fffu, 4);
  AllLoads(4);
  Sw(Opcode::kSw, kM1, 8);
  AllLoads(8);
  // A never-written word reads as zero.
  AllLoads(64);
  // sb at every byte offset (only the low byte of rs2 is stored), reading back every width.
  for (int32_t b = 0; b < 4; ++b)
    Sw(Opcode::kSb, 0x12345680u + 0x11u * static_cast<uint32_t>(b), 12 + b);
  AllLoads(12);
  // sh at both half offsets.
  Sw(Opcode::kSh, 0xabcd8001u, 16);
  Sw(Opcode::kSh, 0x12347ffeu, 18);
  AllLoads(16);
  // Partial overwrites of a full word.
  Sw(Opcode::kSw, 0x11223344u, 20);
  Sw(Opcode::kSb, 0xeeu, 21);
  Ld(Opcode::kLw, 20);
  Sw(Opcode::kSh, 0xf00du, 22);
  Ld(Opcode::kLw, 20);
  Sw(Opcode::kSb, 0x80u, 20);
  AllLoads(20);
  Sw(Opcode::kSh, 0x8000u, 20);
  Sw(Opcode::kSb, 0x7fu, 23);
  AllLoads(20);
  // Storing x0 at every width.
  Sw(Opcode::kSw, 0xdeadbeefu, 24);
  a.Emit(S(Opcode::kSb, 0, 5, 25));
  store(kDataBase + 25, 0, 1);
  Ld(Opcode::kLw, 24);
  a.Emit(S(Opcode::kSh, 0, 5, 26));
  store(kDataBase + 26, 0, 2);
  Ld(Opcode::kLw, 24);
  a.Emit(S(Opcode::kSw, 0, 5, 24));
  store(kDataBase + 24, 0, 4);
  Ld(Opcode::kLw, 24);
  // The extreme immediates: -2048 and 2047 (byte), 2044 (word).
  Sw(Opcode::kSw, 0xc001d00du, -2048);
  AllLoads(-2048);
  Sw(Opcode::kSb, 0x9au, 2047);
  Ld(Opcode::kLb, 2047);
  Ld(Opcode::kLbu, 2047);
  Sw(Opcode::kSw, 0x8badf00du, 2044);
  AllLoads(2044);
  Sw(Opcode::kSh, 0xbeefu, 2046);
  Ld(Opcode::kLh, 2046);
  Ld(Opcode::kLhu, 2046);
  Ld(Opcode::kLw, 2044);
  // Loads into x0 are dropped (the access still happens).
  for (Opcode op : {Opcode::kLb, Opcode::kLh, Opcode::kLw, Opcode::kLbu, Opcode::kLhu}) {
    a.Emit(I(op, 0, 5, 0));
    a.Out(0, 0);
  }
  // A load with rd == rs1, from a copy of the base.
  a.Emit(I(Opcode::kAddi, 8, 5, 0));
  a.Emit(I(Opcode::kLw, 8, 8, 4));
  a.Out(8, load(kDataBase + 4, 4, false));
  // A store with rs1 == rs2 (stores its own address).
  a.Emit(I(Opcode::kAddi, 8, 5, 32));
  a.Emit(S(Opcode::kSw, 8, 8, 0));
  store(kDataBase + 32, kDataBase + 32, 4);
  Ld(Opcode::kLw, 32);
  Ld(Opcode::kLbu, 33);
  // A base register that is not the word-aligned address: x8 = base + 3, byte and word offsets
  // that make the effective addresses legal.
  a.Emit(I(Opcode::kAddi, 8, 5, 3));
  a.Emit(I(Opcode::kLw, 7, 8, -3));
  a.Out(7, load(kDataBase, 4, false));
  a.Emit(I(Opcode::kLh, 7, 8, 3));
  a.Out(7, load(kDataBase + 6, 2, true));
  a.Emit(I(Opcode::kLb, 7, 8, 0));
  a.Out(7, load(kDataBase + 3, 1, true));
  ProveAsm(a);
}

TEST(InstructionProofTest, Mul) {
  Asm a;
  const std::vector<uint32_t> values = {0u, 1u, kM1, kMin, kMax, 2u, 0x12345678u, 0x9abcdef0u};
  for (Opcode op : {Opcode::kMul, Opcode::kMulh, Opcode::kMulhsu, Opcode::kMulhu}) {
    for (uint32_t x : values) {
      for (uint32_t y : values) a.RCase(op, x, y);
    }
    a.Li(5, 0xdeadbeefu);
    a.Emit(R(op, 0, 5, 5));
    a.Out(0, 0);
    a.Emit(R(op, 5, 5, 5));  // rd == rs1 == rs2
    a.Out(5, Ref(op, 0xdeadbeefu, 0xdeadbeefu));
  }
  ProveAsm(a);
}

TEST(InstructionProofTest, DivRem) {
  Asm a;
  const std::vector<std::pair<uint32_t, uint32_t>> pairs = {
      {7, 0},
      {kM1, 0},
      {0, 0},
      {kMin, 0},
      {kMin, kM1},
      {kMin, 1},
      {kMin, kMin},
      {kMax, kMin},
      {kMin, kMax},
      {7, 2},
      {static_cast<uint32_t>(-7), 2},
      {7, static_cast<uint32_t>(-2)},
      {static_cast<uint32_t>(-7), static_cast<uint32_t>(-2)},
      {kM1, 10},
      {kM1, kM1},
      {1, kM1},
      {0, 5},
      {5, 7},
      {0x12345678u, 0x1234u},
      {kM1, 1},
      {kMax, 2},
      {kMin, 2}};
  for (Opcode op : {Opcode::kDiv, Opcode::kRem, Opcode::kDivu, Opcode::kRemu}) {
    for (const auto& [x, y] : pairs) a.RCase(op, x, y);
    a.Li(5, 13);
    a.Emit(R(op, 7, 5, 0));  // by x0
    a.Out(7, Ref(op, 13, 0));
    a.Emit(R(op, 0, 5, 5));
    a.Out(0, 0);
    a.Emit(R(op, 5, 5, 5));
    a.Out(5, Ref(op, 13, 13));
  }
  ProveAsm(a);
}

TEST(InstructionProofTest, FenceAndSyscalls) {
  Asm a;
  // fence with several predecessor/successor sets; fences are no-ops.
  for (int32_t ps : {0x0ff, 0x033, 0x011, 0x833, 0x000}) a.Emit(I(Opcode::kFence, 0, 0, ps));
  a.Li(7, 42);
  a.Emit(I(Opcode::kFence, 0, 0, 0x0ff));
  a.Out(7, 42);
  // Put "Hi, zkvm!\n" at an odd address of the scratch memory.
  const std::string text = "Hi, zkvm!\n";
  a.Emit(U(Opcode::kLui, 5, kDataBase >> 12));
  for (size_t i = 0; i < text.size(); ++i) {
    a.Emit(I(Opcode::kAddi, 6, 0, text[i]));
    a.Emit(S(Opcode::kSb, 6, 5, static_cast<int32_t>(1 + i)));
  }
  auto write = [&](uint32_t fd, int32_t off, int32_t len) {
    a.Emit(I(Opcode::kAddi, 17, 0, static_cast<int32_t>(abi::kSysWrite)));
    a.Emit(I(Opcode::kAddi, 10, 0, static_cast<int32_t>(fd)));
    a.Emit(I(Opcode::kAddi, 11, 5, off));
    a.Emit(I(Opcode::kAddi, 12, 0, len));
    a.Emit(Ecall());
    a.Out(10, static_cast<uint32_t>(len));  // WRITE returns the length
  };
  write(abi::kFdPublicOutput, 1, 4);  // "Hi, "
  a.ExpectOutputPrefix(text.substr(0, 4));
  write(abi::kFdDebug, 1, static_cast<int32_t>(text.size()));  // debug text: not in the output
  write(abi::kFdPublicOutput, 5, 0);                           // empty write
  write(abi::kFdPublicOutput, 5, 6);                           // "zkvm!\n"
  a.ExpectOutputPrefix(text.substr(4));
  write(abi::kFdDebug, 2, 1);
  // A write of one byte from the end of the text.
  write(abi::kFdPublicOutput, static_cast<int32_t>(text.size()), 1);
  a.ExpectOutputPrefix(text.substr(text.size() - 1));
  ProveAsm(a);
}

// HALT with non-zero exit codes (and no output at all).
TEST(InstructionProofTest, HaltExitCodes) {
  for (uint32_t code : {1u, 255u, 0x80000000u, kM1}) {
    SCOPED_TRACE(code);
    std::vector<uint32_t> words;
    const uint32_t lo = code & 0xfff;
    const int32_t lo_s = lo >= 0x800 ? static_cast<int32_t>(lo) - 4096 : static_cast<int32_t>(lo);
    words.push_back(U(Opcode::kLui, 10, (code - static_cast<uint32_t>(lo_s)) >> 12));
    words.push_back(I(Opcode::kAddi, 10, 10, lo_s));
    words.push_back(I(Opcode::kAddi, 17, 0, static_cast<int32_t>(abi::kSysHalt)));
    words.push_back(Ecall());
    ProveCode(words, code, {});
  }
}

}  // namespace
}  // namespace zkvm::prover
