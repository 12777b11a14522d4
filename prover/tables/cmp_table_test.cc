// Tests of the CMP_I and CMP_R tables (cmp_table.h): rows filled from executed slti / sltiu and
// slt / sltu on edge values satisfy the constraints, make valid lookups and write the
// architectural result; every single-cell change of a real row breaks a constraint or changes
// the table's bus interactions; a flipped result needs a difference limb outside 16 bits; the
// sign bit cannot be faked through the 15-bit limb.
#include "prover/tables/cmp_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <utility>

#include "stark/air/air.h"
#include "testing/encoder.h"
#include "testing/tables/table_expectations.h"
#include "testing/tables/table_testing.h"

namespace zkvm::prover {
namespace {

using testing::WithHalt;

using executor::Opcode;
using zkvm::testing::I;
using zkvm::testing::Li;
using zkvm::testing::R;
using zkvm::testing::U;

using testing::kMinusOne;

const std::vector<uint32_t> kValues = {0,           1,           0xFFFF'FFFF, 0x8000'0000,
                                       0x7FFF'FFFF, 0x0000'7FFF, 0x0000'8000, 0x0000'FFFF,
                                       0x0001'0000, 0x8000'7FFF, 0x8000'8000, 0xFFFF'8000,
                                       0x0000'07FF, 0xFFFF'F800, 0x1234'5678, 0xA5C3'F00F};
constexpr unsigned kFirstReg = 5;

std::vector<uint32_t> LoadValues() {
  std::vector<uint32_t> code;
  for (size_t i = 0; i < kValues.size(); ++i) Li(code, kFirstReg + i, kValues[i]);
  return code;
}

uint32_t Compare(bool is_signed, uint32_t a, uint32_t b) {
  return is_signed ? static_cast<int32_t>(a) < static_cast<int32_t>(b) : a < b;
}

crypto::ColumnMajorMatrix Clone(const crypto::ColumnMajorMatrix& m) {
  crypto::ColumnMajorMatrix copy(m.num_rows(), m.num_cols());
  std::copy(m.data(), m.data() + m.size(), copy.data());
  return copy;
}

// Deltas for the compare tables: 2^31 too (the sign bit of the compared words).
constexpr std::initializer_list<uint64_t> kCmpDeltas = {1, uint64_t{1} << 16, uint64_t{1} << 31,
                                                        testing::kMinusOne};

// For every real row: flipping lt and adjusting d1 so that the comparison constraint holds
// passes the row checker, but the difference it then needs is not below 2^32, so no pair of
// 16-bit limbs (the R16 lookups) can hold it.
template <bool kRegisterForm>
void ExpectFlippedResultNeedsWideLimb(const VmTable& table, const testing::FilledTable& filled) {
  using Col = CmpColumns<kRegisterForm>;
  for (size_t row = 0; row < filled.real_rows; ++row) {
    crypto::ColumnMajorMatrix copy = Clone(filled.trace);
    const bool lt = copy(row, Col::kLt) == Felt::One();
    copy(row, Col::kLt) = Felt::FromU64(!lt);
    const Felt shift = Felt::FromU64(kTwo16);
    copy(row, Col::kD1) = lt ? copy(row, Col::kD1) - shift : copy(row, Col::kD1) + shift;
    EXPECT_TRUE(table.air().Check({copy.view(), {}, {}}, nullptr).ok()) << "row " << row;
    const Felt d = copy(row, Col::kD0) + Felt::FromU64(kTwo16) * copy(row, Col::kD1);
    EXPECT_GE(d.value(), kTwo32) << "row " << row;
    EXPECT_GE(copy(row, Col::kD1).value(), kTwo16) << "row " << row;
  }
}

// Columns, interactions and degrees as the header states them: every tuple entry and
// multiplicity of degree 1 (two interactions per aux column), constraints of degree <= 3.
TEST(CmpTableTest, Shape) {
  EXPECT_EQ(CmpIAir().shape().num_main_columns, 18u);
  testing::ExpectShape(CmpIAir(), 15, 1);
  EXPECT_EQ(CmpRAir().shape().num_main_columns, 23u);
  testing::ExpectShape(CmpRAir(), 21, 1);
}

TEST(CmpTableTest, ImmediateFormEdgeCases) {
  std::vector<uint32_t> code = LoadValues();
  std::vector<uint32_t> expected;
  for (size_t i = 0; i < kValues.size(); ++i) {
    for (int32_t imm : {0, 1, -1, 2047, -2048, 0x7FF - 1, -2047}) {
      code.push_back(I(Opcode::kSlti, 28, kFirstReg + i, imm));
      expected.push_back(Compare(true, kValues[i], static_cast<uint32_t>(imm)));
      code.push_back(I(Opcode::kSltiu, 29, kFirstReg + i, imm));
      expected.push_back(Compare(false, kValues[i], static_cast<uint32_t>(imm)));
    }
  }
  Result<testing::FilledTable> filled =
      testing::FillFromProgram(CmpITable(), TableId::kCmpI, WithHalt(code));
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  ASSERT_EQ(filled->real_rows, expected.size());
  EXPECT_EQ(filled->byte_lookups.size(), expected.size() * 8);  // 4 limbs + 2 accesses x 2
  for (size_t r = 0; r < expected.size(); ++r) {
    EXPECT_EQ(filled->trace(r, CmpColumns<false>::kLt), Felt::FromU64(expected[r])) << r;
  }
  ExpectFlippedResultNeedsWideLimb<false>(CmpITable(), *filled);
}

TEST(CmpTableTest, RegisterFormEdgeCases) {
  std::vector<uint32_t> code = LoadValues();
  std::vector<uint32_t> expected;
  for (size_t i = 0; i < kValues.size(); ++i) {
    for (size_t j = 0; j < kValues.size(); ++j) {
      code.push_back(R(Opcode::kSlt, 28, kFirstReg + i, kFirstReg + j));
      expected.push_back(Compare(true, kValues[i], kValues[j]));
      code.push_back(R(Opcode::kSltu, 29, kFirstReg + i, kFirstReg + j));
      expected.push_back(Compare(false, kValues[i], kValues[j]));
    }
  }
  // x0 operands stay in CMP_R: sltu rd, x0, rs2 (snez) and slt rd, rs1, x0 (sign test).
  code.push_back(R(Opcode::kSltu, 30, 0, kFirstReg + 2));
  expected.push_back(1);
  code.push_back(R(Opcode::kSlt, 30, kFirstReg + 3, 0));
  expected.push_back(1);
  Result<testing::FilledTable> filled =
      testing::FillFromProgram(CmpRTable(), TableId::kCmpR, WithHalt(code));
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  ASSERT_EQ(filled->real_rows, expected.size());
  for (size_t r = 0; r < expected.size(); ++r) {
    EXPECT_EQ(filled->trace(r, CmpColumns<true>::kLt), Felt::FromU64(expected[r])) << r;
  }
  ExpectFlippedResultNeedsWideLimb<true>(CmpRTable(), *filled);
}

// Single-cell mutations on a smaller program (the mutation harness re-checks the whole trace
// per cell): each value against a spread of partners, both signs, and the INT_MIN / INT_MAX /
// -1 / 0 corners.
TEST(CmpTableTest, ImmediateFormMutations) {
  const int32_t imms[] = {0, 1, -1, 2047, -2048, 0x7FE, -2047};
  std::vector<uint32_t> code = LoadValues();
  for (size_t i = 0; i < kValues.size(); ++i) {
    code.push_back(I(Opcode::kSlti, 28, kFirstReg + i, imms[i % 7]));
    code.push_back(I(Opcode::kSltiu, 29, kFirstReg + i, imms[(i + 3) % 7]));
  }
  Result<testing::FilledTable> filled =
      testing::FillFromProgram(CmpITable(), TableId::kCmpI, WithHalt(code));
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  ASSERT_EQ(filled->real_rows, 2 * kValues.size());
  testing::ExpectNoUndetectedMutations(CmpITable(), *filled, kCmpDeltas);
}

TEST(CmpTableTest, RegisterFormMutations) {
  std::vector<uint32_t> code = LoadValues();
  const size_t n = kValues.size();
  for (size_t i = 0; i < n; ++i) {
    code.push_back(R(Opcode::kSlt, 28, kFirstReg + i, kFirstReg + (5 * i + 3) % n));
    code.push_back(R(Opcode::kSltu, 29, kFirstReg + i, kFirstReg + (3 * i + 7) % n));
  }
  // INT_MIN vs INT_MAX both ways, -1 vs 0 both ways, equal operands.
  for (auto [i, j] : {std::pair{3, 4}, {4, 3}, {2, 0}, {0, 2}, {3, 3}}) {
    code.push_back(R(Opcode::kSlt, 28, kFirstReg + i, kFirstReg + j));
    code.push_back(R(Opcode::kSltu, 29, kFirstReg + i, kFirstReg + j));
  }
  Result<testing::FilledTable> filled =
      testing::FillFromProgram(CmpRTable(), TableId::kCmpR, WithHalt(code));
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  ASSERT_EQ(filled->real_rows, 2 * n + 10);
  testing::ExpectNoUndetectedMutations(CmpRTable(), *filled, kCmpDeltas);
}

// The sign bit is bound: with the limb layout a = 2^31 s + 2^15 q1 + q0, R16(2 q0), R16(q1),
// every q0 the lookup accepts is y / 2 mod p for some y < 2^16; for odd y the composed value is
// at least (p + 1) / 2, never a u32 a register can hold. The layout with the 15-bit limb at
// weight 2^16 (a = 2^31 s + q0 + 2^16 q1, R16(q0), R16(2 q1)) would let INT_MIN pass with s = 0.
TEST(CmpTableTest, SignBitCannotBeAliased) {
  const Felt half = Felt::FromU64(2).Inverse();
  for (uint32_t y = 0; y < kTwo16; ++y) {
    const Felt q0 = Felt::FromU64(y) * half;
    for (uint64_t s : {0, 1}) {
      for (uint64_t q1 : {uint64_t{0}, kTwo16 - 1}) {
        const Felt v = Felt::FromU64(s << 31) + Felt::FromU64(q1 << 15) + q0;
        if (y % 2 == 0) {
          ASSERT_LT(v.value(), kTwo32);
        } else {
          ASSERT_GE(v.value(), (Felt::kModulus + 1) / 2) << y;
        }
      }
    }
  }
  // The other layout: q1 = (2^16 - 1) / 2 mod p passes R16(2 q1) and composes INT_MIN with s = 0.
  const Felt q1 = Felt::FromU64(kTwo16 - 1) * half;
  const Felt v = Felt::FromU64(kTwo16 / 2) + Felt::FromU64(kTwo16) * q1;
  EXPECT_EQ(v.value(), uint64_t{0x8000'0000});
}

}  // namespace
}  // namespace zkvm::prover
