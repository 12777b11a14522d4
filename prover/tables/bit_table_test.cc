// Tests of the BIT_I and BIT_R tables (bit_table.h): rows filled from executed xori / ori /
// andi and xor / or / and on edge values satisfy the constraints, make valid lookups and write
// the architectural result; every single-cell change of a real row breaks a constraint or
// changes the table's bus interactions; a wrong result byte is caught by its BYTE lookup.
#include "prover/tables/bit_table.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "stark/air/air.h"
#include "testing/encoder.h"
#include "testing/tables/table_expectations.h"
#include "testing/tables/table_testing.h"

namespace zkvm::prover {
namespace {

using testing::ExpectNoUndetectedMutations;

using testing::WithHalt;

using executor::Opcode;
using zkvm::testing::I;
using zkvm::testing::Li;
using zkvm::testing::R;
using zkvm::testing::U;

using testing::kMinusOne;

const std::vector<uint32_t> kValues = {0,           1,           0xFFFF'FFFF, 0x8000'0000,
                                       0x7FFF'FFFF, 0x0000'FFFF, 0x0000'8000, 0x00FF'00FF,
                                       0x1234'5678, 0xA5C3'F00F};
constexpr unsigned kFirstReg = 5;

std::vector<uint32_t> LoadValues() {
  std::vector<uint32_t> code;
  for (size_t i = 0; i < kValues.size(); ++i) Li(code, kFirstReg + i, kValues[i]);
  return code;
}

uint32_t Apply(Opcode op, uint32_t a, uint32_t b) {
  switch (op) {
    case Opcode::kAnd:
    case Opcode::kAndi:
      return a & b;
    case Opcode::kOr:
    case Opcode::kOri:
      return a | b;
    default:
      return a ^ b;
  }
}

template <bool kRegisterForm>
uint32_t ResultOf(const testing::FilledTable& filled, size_t row) {
  using Col = BitColumns<kRegisterForm>;
  uint32_t r = 0;
  for (size_t i = 0; i < 4; ++i) {
    r |= static_cast<uint32_t>(filled.trace(row, Col::kR0 + i).value()) << (8 * i);
  }
  return r;
}

crypto::ColumnMajorMatrix Clone(const crypto::ColumnMajorMatrix& m) {
  crypto::ColumnMajorMatrix copy(m.num_rows(), m.num_cols());
  std::copy(m.data(), m.data() + m.size(), copy.data());
  return copy;
}

// Columns, interactions and degrees as the header states them: every tuple entry and
// multiplicity of degree 1 (two interactions per aux column), constraints of degree <= 3.
TEST(BitTableTest, Shape) {
  EXPECT_EQ(BitIAir().shape().num_main_columns, 24u);
  testing::ExpectShape(BitIAir(), 15, 1);
  EXPECT_EQ(BitRAir().shape().num_main_columns, 27u);
  testing::ExpectShape(BitRAir(), 19, 1);
}

TEST(BitTableTest, ImmediateFormEdgeCases) {
  std::vector<uint32_t> code = LoadValues();
  std::vector<uint32_t> expected;
  for (size_t i = 0; i < kValues.size(); ++i) {
    for (Opcode op : {Opcode::kXori, Opcode::kOri, Opcode::kAndi}) {
      for (int32_t imm : {0, 1, -1, 2047, -2048, 0x555}) {
        code.push_back(I(op, 20, kFirstReg + i, imm));
        expected.push_back(Apply(op, kValues[i], static_cast<uint32_t>(imm)));
      }
    }
  }
  Result<testing::FilledTable> filled =
      testing::FillFromProgram(BitITable(), TableId::kBitI, WithHalt(code));
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  ASSERT_EQ(filled->real_rows, expected.size());
  EXPECT_EQ(filled->byte_lookups.size(), expected.size() * 8);  // 4 bytes + 2 accesses x 2
  for (size_t r = 0; r < expected.size(); ++r) EXPECT_EQ(ResultOf<false>(*filled, r), expected[r]);
}

TEST(BitTableTest, RegisterFormEdgeCases) {
  std::vector<uint32_t> code = LoadValues();
  std::vector<uint32_t> expected;
  for (size_t i = 0; i < kValues.size(); ++i) {
    for (size_t j = 0; j < kValues.size(); ++j) {
      for (Opcode op : {Opcode::kXor, Opcode::kOr, Opcode::kAnd}) {
        code.push_back(R(op, 20, kFirstReg + i, kFirstReg + j));
        expected.push_back(Apply(op, kValues[i], kValues[j]));
      }
    }
  }
  // rs2 = x0 stays in BIT_R.
  code.push_back(R(Opcode::kOr, 21, kFirstReg + 8, 0));
  expected.push_back(kValues[8]);
  Result<testing::FilledTable> filled =
      testing::FillFromProgram(BitRTable(), TableId::kBitR, WithHalt(code));
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  ASSERT_EQ(filled->real_rows, expected.size());
  for (size_t r = 0; r < expected.size(); ++r) EXPECT_EQ(ResultOf<true>(*filled, r), expected[r]);
}

// Single-cell mutations on a smaller program (the mutation harness re-checks the whole trace
// per cell).
TEST(BitTableTest, ImmediateFormMutations) {
  std::vector<uint32_t> code = LoadValues();
  const int32_t imms[] = {0, 1, -1, 2047, -2048, 0x555};
  const Opcode ops[] = {Opcode::kXori, Opcode::kOri, Opcode::kAndi};
  for (size_t i = 0; i < kValues.size(); ++i) {
    for (size_t k = 0; k < 3; ++k) code.push_back(I(ops[k], 20, kFirstReg + i, imms[(i + k) % 6]));
  }
  Result<testing::FilledTable> filled =
      testing::FillFromProgram(BitITable(), TableId::kBitI, WithHalt(code));
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  ASSERT_EQ(filled->real_rows, 3 * kValues.size());
  ExpectNoUndetectedMutations(BitITable(), *filled);
}

TEST(BitTableTest, RegisterFormMutations) {
  std::vector<uint32_t> code = LoadValues();
  const size_t n = kValues.size();
  const Opcode ops[] = {Opcode::kXor, Opcode::kOr, Opcode::kAnd};
  for (size_t i = 0; i < n; ++i) {
    for (size_t k = 0; k < 3; ++k) {
      code.push_back(R(ops[k], 20, kFirstReg + i, kFirstReg + (3 * i + 2 * k + 1) % n));
    }
  }
  Result<testing::FilledTable> filled =
      testing::FillFromProgram(BitRTable(), TableId::kBitR, WithHalt(code));
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  ASSERT_EQ(filled->real_rows, 3 * n);
  ExpectNoUndetectedMutations(BitRTable(), *filled);
}

// A wrong result byte satisfies every constraint (the result bytes are only constrained by
// their lookups), so the guard is the BYTE lookup: (op, a_i, b_i, r_i') is not a row.
TEST(BitTableTest, WrongResultByteIsNotAByteRow) {
  using Col = BitColumns<true>;
  std::vector<uint32_t> code = LoadValues();
  code.push_back(R(Opcode::kXor, 20, kFirstReg + 8, kFirstReg + 9));
  code.push_back(R(Opcode::kOr, 20, kFirstReg + 8, kFirstReg + 9));
  code.push_back(R(Opcode::kAnd, 20, kFirstReg + 8, kFirstReg + 9));
  Result<testing::FilledTable> filled =
      testing::FillFromProgram(BitRTable(), TableId::kBitR, WithHalt(code));
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  ASSERT_EQ(filled->real_rows, 3u);
  const ByteOp ops[] = {ByteOp::kXor, ByteOp::kOr, ByteOp::kAnd};
  for (size_t row = 0; row < 3; ++row) {
    EXPECT_EQ(filled->trace(row, Col::kFAnd) * Felt::FromU64(1) +
                  filled->trace(row, Col::kFOr) * Felt::FromU64(2) +
                  filled->trace(row, Col::kFXor) * Felt::FromU64(3),
              Felt::FromU64(static_cast<uint64_t>(ops[row])));
    for (size_t i = 0; i < 4; ++i) {
      const auto a = static_cast<uint32_t>(filled->trace(row, Col::kA0 + i).value());
      const auto b = static_cast<uint32_t>(filled->trace(row, Col::kB0 + i).value());
      const auto r = static_cast<uint32_t>(filled->trace(row, Col::kR0 + i).value());
      EXPECT_TRUE(ByteRowOf({ops[row], a, b, r}).ok());
      crypto::ColumnMajorMatrix copy = Clone(filled->trace);
      copy(row, Col::kR0 + i) = Felt::FromU64(r ^ 0x10);
      EXPECT_TRUE(BitRTable().air().Check({copy.view(), {}, {}}, nullptr).ok());
      EXPECT_FALSE(ByteRowOf({ops[row], a, b, r ^ 0x10}).ok());
    }
  }
}

// Two flags set at once (an op id of 3 = f_and + f_or, the XOR id) is rejected by the
// constraints.
TEST(BitTableTest, TwoFlagsAreRejected) {
  using Col = BitColumns<false>;
  std::vector<uint32_t> code = LoadValues();
  code.push_back(I(Opcode::kAndi, 20, kFirstReg + 8, 0x0F0));
  Result<testing::FilledTable> filled =
      testing::FillFromProgram(BitITable(), TableId::kBitI, WithHalt(code));
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  crypto::ColumnMajorMatrix copy = Clone(filled->trace);
  copy(0, Col::kFOr) = Felt::FromU64(1);
  EXPECT_FALSE(BitITable().air().Check({copy.view(), {}, {}}, nullptr).ok());
}

}  // namespace
}  // namespace zkvm::prover
