// Tests of the ADD_I and ADD_R tables (add_table.h): rows filled from executed addi, add and sub
// on edge values satisfy the constraints and make valid lookups, and every single-cell change
// of a real row breaks a constraint or changes the table's bus interactions.
#include "prover/tables/add_table.h"

#include <gtest/gtest.h>

#include "testing/encoder.h"
#include "testing/tables/table_testing.h"

namespace zkvm::prover {
namespace {

using testing::WithHalt;

using executor::Opcode;
using zkvm::testing::I;
using zkvm::testing::R;
using zkvm::testing::U;

// Loads edge values into x5..x9: 0, 1, -1, INT_MIN, INT_MAX.
std::vector<uint32_t> EdgeValues() {
  return {I(Opcode::kAddi, 5, 0, 0),   I(Opcode::kAddi, 6, 0, 1),   I(Opcode::kAddi, 7, 0, -1),
          U(Opcode::kLui, 8, 0x80000), U(Opcode::kLui, 9, 0x80000), I(Opcode::kAddi, 9, 9, -1)};
}

TEST(AddTableTest, ImmediateFormEdgeCases) {
  std::vector<uint32_t> code = EdgeValues();
  for (unsigned rs = 5; rs <= 9; ++rs) {
    for (int32_t imm : {0, 1, -1, 2047, -2048}) code.push_back(I(Opcode::kAddi, 10, rs, imm));
  }
  Result<testing::FilledTable> filled =
      testing::FillFromProgram(AddITable(), TableId::kAddI, WithHalt(code));
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  EXPECT_GE(filled->real_rows, 25u);
  const std::vector<std::string> undetected =
      testing::UndetectedMutations(AddITable(), *filled, filled->real_rows);
  EXPECT_TRUE(undetected.empty()) << undetected.front();
}

TEST(AddTableTest, RegisterFormEdgeCases) {
  std::vector<uint32_t> code = EdgeValues();
  for (unsigned a = 5; a <= 9; ++a) {
    for (unsigned b = 5; b <= 9; ++b) {
      code.push_back(R(Opcode::kAdd, 10, a, b));
      code.push_back(R(Opcode::kSub, 11, a, b));
    }
  }
  code.push_back(R(Opcode::kAdd, 12, 0, 0));
  Result<testing::FilledTable> filled =
      testing::FillFromProgram(AddRTable(), TableId::kAddR, WithHalt(code));
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  EXPECT_EQ(filled->real_rows, 51u);
  const std::vector<std::string> undetected =
      testing::UndetectedMutations(AddRTable(), *filled, filled->real_rows);
  EXPECT_TRUE(undetected.empty()) << undetected.front();
}

}  // namespace
}  // namespace zkvm::prover
