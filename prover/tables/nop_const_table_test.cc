// Tests of the NOP and CONST tables (nop_const_table.h): rows filled from executed fences, step
// markers, rd = x0 instructions and jal x0 (NOP), and lui, auipc and op-imm with rs1 = x0
// (CONST) satisfy the constraints, carry DECODE's next pc or constant, and every single-cell
// change of a real row breaks a constraint or changes the table's bus interactions.
#include "prover/tables/nop_const_table.h"

#include <gtest/gtest.h>

#include <map>

#include "stark/air/air.h"
#include "testing/encoder.h"
#include "testing/tables/table_expectations.h"
#include "testing/tables/table_testing.h"

namespace zkvm::prover {
namespace {

using testing::ExpectShape;

using testing::WithHalt;

using executor::Opcode;
using zkvm::testing::Encode;
using zkvm::testing::I;
using zkvm::testing::J;
using zkvm::testing::R;
using zkvm::testing::U;

constexpr uint32_t kBase = 0x10000;
using testing::kMinusOne;

TEST(NopConstTableTest, Shapes) {
  ExpectShape(NopAir(), 3);
  ExpectShape(ConstAir(), 7);
  EXPECT_EQ(NopTable().num_columns(), 4u);
  EXPECT_EQ(ConstTable().num_columns(), 8u);
}

TEST(NopConstTableTest, NopRows) {
  // expected[pc] = the next pc DECODE gives the NOP at pc.
  std::vector<uint32_t> code;
  std::map<uint32_t, uint32_t> expected;
  auto pc_of = [&](size_t i) { return kBase + 4 * static_cast<uint32_t>(i); };
  auto add = [&](uint32_t word, int32_t next_offset = 4) {
    expected[pc_of(code.size())] = pc_of(code.size()) + static_cast<uint32_t>(next_offset);
    code.push_back(word);
  };
  code.push_back(I(Opcode::kAddi, 5, 0, -1));  // CONST, not a NOP
  code.push_back(U(Opcode::kLui, 6, 0x80000));
  add(Encode(Opcode::kFence, 0, 0, 0, 0x0FF));
  add(I(Opcode::kAddi, 0, 0, 7));  // a step marker
  add(I(Opcode::kAddi, 0, 0, -1));
  add(R(Opcode::kAdd, 0, 5, 6));
  add(R(Opcode::kSub, 0, 5, 6));
  add(U(Opcode::kLui, 0, 0x12345));
  add(U(Opcode::kAuipc, 0, 0xFFFFF));
  add(I(Opcode::kSltiu, 0, 0, 1));
  add(I(Opcode::kSrai, 0, 5, 31));
  add(R(Opcode::kMul, 0, 5, 6));
  add(R(Opcode::kDiv, 0, 5, 0));  // division by zero does not trap
  add(R(Opcode::kRem, 0, 6, 5));  // INT_MIN % -1
  // jal x0 forward over one instruction, then a backward jal x0:
  //   i:   j i+3   (+12)
  //   i+1: addi x7, x0, 1 (skipped)
  //   i+2: j i+4   (+8)
  //   i+3: j i+2   (-4)
  //   i+4: ...
  add(J(0, 12), 12);
  code.push_back(I(Opcode::kAddi, 7, 0, 1));
  add(J(0, 8), 8);
  add(J(0, -4), -4);
  add(J(0, 4), 4);
  Result<testing::FilledTable> filled =
      testing::FillFromProgram(NopTable(), TableId::kNop, WithHalt(code));
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  ASSERT_EQ(filled->real_rows, expected.size());
  for (size_t r = 0; r < filled->real_rows; ++r) {
    const uint32_t pc = static_cast<uint32_t>(filled->trace(r, NopColumns::kPc).value());
    ASSERT_EQ(expected.count(pc), 1u) << std::hex << pc;
    EXPECT_EQ(filled->trace(r, NopColumns::kC).value(), expected[pc]) << std::hex << pc;
  }
  EXPECT_TRUE(filled->byte_lookups.empty());
  for (uint64_t delta : {uint64_t{1}, kMinusOne, uint64_t{1} << 16}) {
    const std::vector<std::string> undetected =
        testing::UndetectedMutations(NopTable(), *filled, filled->real_rows, delta);
    EXPECT_TRUE(undetected.empty()) << undetected.front();
  }
}

TEST(NopConstTableTest, ConstRows) {
  std::vector<uint32_t> code;
  std::vector<uint32_t> expected;  // the constant of each CONST row, in order
  auto add = [&](uint32_t word, uint32_t value) {
    code.push_back(word);
    expected.push_back(value);
  };
  const uint32_t pc0 = kBase;
  add(U(Opcode::kLui, 5, 0x80000), 0x8000'0000u);
  add(U(Opcode::kLui, 6, 0xFFFFF), 0xFFFF'F000u);
  add(U(Opcode::kLui, 7, 0), 0);
  add(U(Opcode::kLui, 8, 0x7FFFF), 0x7FFF'F000u);
  add(U(Opcode::kAuipc, 9, 0), pc0 + 16);
  add(U(Opcode::kAuipc, 10, 0xFFFFF), pc0 + 20 + 0xFFFF'F000u);  // wraps mod 2^32
  add(U(Opcode::kAuipc, 11, 0x80000), pc0 + 24 + 0x8000'0000u);
  add(I(Opcode::kAddi, 12, 0, -1), 0xFFFF'FFFFu);
  add(I(Opcode::kAddi, 12, 0, 2047), 2047);
  add(I(Opcode::kAddi, 12, 0, -2048), 0xFFFF'F800u);
  add(I(Opcode::kAddi, 12, 0, 0), 0);
  add(I(Opcode::kXori, 13, 0, -1), 0xFFFF'FFFFu);
  add(I(Opcode::kOri, 14, 0, 0x7FF), 0x7FF);
  add(I(Opcode::kAndi, 15, 0, -1), 0);
  add(I(Opcode::kSlti, 16, 0, 5), 1);
  add(I(Opcode::kSlti, 16, 0, -5), 0);
  add(I(Opcode::kSlti, 16, 0, 0), 0);
  add(I(Opcode::kSltiu, 17, 0, -1), 1);
  add(I(Opcode::kSltiu, 17, 0, 0), 0);
  add(I(Opcode::kSlli, 18, 0, 31), 0);
  add(I(Opcode::kSrli, 19, 0, 1), 0);
  add(I(Opcode::kSrai, 20, 0, 0), 0);
  add(I(Opcode::kAddi, 31, 0, 1), 1);
  add(I(Opcode::kAddi, 31, 0, 1), 1);  // the same value again (old = new)
  Result<testing::FilledTable> filled =
      testing::FillFromProgram(ConstTable(), TableId::kConst, WithHalt(code));
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  // The halt code's li a7, 93 is a CONST row too.
  ASSERT_EQ(filled->real_rows, expected.size() + 1);
  for (size_t r = 0; r < expected.size(); ++r) {
    EXPECT_EQ(filled->trace(r, ConstColumns::kC).value(), expected[r]) << "row " << r;
  }
  for (uint64_t delta : {uint64_t{1}, kMinusOne, uint64_t{1} << 32}) {
    const std::vector<std::string> undetected =
        testing::UndetectedMutations(ConstTable(), *filled, filled->real_rows, delta);
    EXPECT_TRUE(undetected.empty()) << undetected.front();
  }
}

}  // namespace
}  // namespace zkvm::prover
