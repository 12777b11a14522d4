// Tests of the STORE_W and STORE_BH tables (store_table.h): rows filled from executed sw, sb and
// sh of edge values at every offset, with carries in the address, satisfy the constraints and
// make valid lookups; the new word is the old one with exactly the stored byte or half
// replaced; every single-cell change of a real row breaks a constraint or changes the table's
// bus interactions; wrong new words with consistent cells are rejected by the row checker or
// by the BYTE table.
#include "prover/tables/store_table.h"

#include <gtest/gtest.h>

#include "stark/air/air.h"
#include "stark/air/bus_ledger.h"
#include "testing/encoder.h"
#include "testing/tables/table_expectations.h"
#include "testing/tables/table_testing.h"

namespace zkvm::prover {
namespace {

using testing::ExpectNoUndetectedMutations;

using testing::ExpectShape;

using testing::WithHalt;

using executor::Opcode;
using zkvm::testing::I;
using zkvm::testing::S;
using zkvm::testing::U;

using testing::kMinusOne;

// x5 = 0xBFFFF000 (stack), x6 = 0x80FF7F01, x7 = 0x7FFF8000, x8 = -1, x9 = 0x12345678,
// x10 = 0x7F, x11 = 0x80, x14 = x5 + 2047.
std::vector<uint32_t> Values() {
  return {U(Opcode::kLui, 5, 0xBFFFF),   U(Opcode::kLui, 6, 0x80FF8),
          I(Opcode::kAddi, 6, 6, -255),  U(Opcode::kLui, 7, 0x7FFF8),
          I(Opcode::kAddi, 8, 0, -1),    U(Opcode::kLui, 9, 0x12345),
          I(Opcode::kAddi, 9, 9, 0x678), I(Opcode::kAddi, 10, 0, 0x7F),
          I(Opcode::kAddi, 11, 0, 0x80), I(Opcode::kAddi, 14, 5, 2047)};
}

// Word stores, then byte and half stores at every offset, then loads of what was stored.
std::vector<uint32_t> Stores() {
  std::vector<uint32_t> code = Values();
  for (unsigned rs2 : {6u, 7u, 8u, 9u, 0u}) {
    code.push_back(S(Opcode::kSw, rs2, 5, static_cast<int32_t>(4 * (rs2 % 5))));
  }
  code.push_back(S(Opcode::kSw, 9, 14, -2047));  // c = -2047: a + c carries
  code.push_back(S(Opcode::kSw, 6, 2, -16));     // below the initial stack pointer
  for (int32_t o = 0; o < 4; ++o) {
    for (unsigned rs2 : {0u, 10u, 11u, 8u, 9u, 6u}) code.push_back(S(Opcode::kSb, rs2, 5, o));
  }
  for (int32_t o = 0; o < 4; o += 2) {
    for (unsigned rs2 : {0u, 7u, 8u, 9u, 10u}) code.push_back(S(Opcode::kSh, rs2, 5, 8 + o));
  }
  code.push_back(S(Opcode::kSb, 11, 14, -2047 + 2));
  code.push_back(S(Opcode::kSh, 7, 14, -2047 + 2));
  // Loads of the stored bytes and halves (LOAD_BH rows, not this table's).
  code.push_back(I(Opcode::kLb, 12, 5, 3));
  code.push_back(I(Opcode::kLhu, 12, 5, 2));
  code.push_back(I(Opcode::kLw, 12, 5, 8));
  return WithHalt(code);
}

TEST(StoreTableTest, Shapes) {
  ExpectShape(StoreWAir(), 15);
  ExpectShape(StoreBhAir(), 19);
  EXPECT_EQ(StoreWTable().num_columns(), 16u);
  EXPECT_EQ(StoreBhTable().num_columns(), 27u);
}

TEST(StoreTableTest, WordStores) {
  Result<testing::FilledTable> filled =
      testing::FillFromProgram(StoreWTable(), TableId::kStoreW, Stores());
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  ASSERT_EQ(filled->real_rows, 7u);
  using Col = StoreWColumns;
  EXPECT_EQ(filled->trace(0, Col::kB).value(), 0x80FF7F01u);
  EXPECT_EQ(filled->trace(4, Col::kB).value(), 0u);
  EXPECT_EQ(filled->trace(5, Col::kK).value(), 1u);
  EXPECT_EQ(filled->trace(0, Col::kK).value(), 0u);
  ExpectNoUndetectedMutations(StoreWTable(), *filled);
}

TEST(StoreTableTest, ByteHalfStores) {
  Result<testing::FilledTable> filled =
      testing::FillFromProgram(StoreBhTable(), TableId::kStoreBh, Stores());
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  ASSERT_EQ(filled->real_rows, 24u + 10 + 2);
  using Col = StoreBhColumns;
  for (size_t r = 0; r < filled->real_rows; ++r) {
    auto cell = [&](size_t c) { return static_cast<uint32_t>(filled->trace(r, c).value()); };
    const uint32_t old =
        cell(Col::kV0) | cell(Col::kV1) << 8 | cell(Col::kV2) << 16 | cell(Col::kV3) << 24;
    const uint32_t o = cell(Col::kO0) + 2 * cell(Col::kO1);
    const uint32_t mask = (cell(Col::kFSh) ? 0xFFFFu : 0xFFu) << (8 * o);
    const uint32_t n = cell(Col::kN);
    EXPECT_EQ(n & ~mask, old & ~mask) << "row " << r;
    EXPECT_EQ(n & mask, (cell(Col::kB) << (8 * o)) & mask) << "row " << r;
  }
  // sb x11 (0x80) at offset 2 through a carrying address; sh x7 (0x8000) at offset 2 likewise.
  EXPECT_EQ(filled->trace(34, Col::kK).value(), 1u);
  EXPECT_EQ(filled->trace(34, Col::kO1).value(), 1u);
  EXPECT_EQ((filled->trace(34, Col::kN).value() >> 16) & 0xFF, 0x80u);
  EXPECT_EQ((filled->trace(35, Col::kN).value() >> 16) & 0xFFFF, 0x8000u);
  ExpectNoUndetectedMutations(StoreBhTable(), *filled);
}

// Wrong new words with the other cells kept consistent.
TEST(StoreTableTest, WrongNewWordsFail) {
  Result<testing::FilledTable> filled =
      testing::FillFromProgram(StoreBhTable(), TableId::kStoreBh, Stores());
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  using Col = StoreBhColumns;
  auto checks = [&](const crypto::ColumnMajorMatrix& m) {
    return StoreBhTable().air().Check({m.view(), {}, {}}, nullptr).ok();
  };
  auto cell = [&](size_t r, size_t c) { return filled->trace(r, c).value(); };

  // Row 9: sb x8 (0xFF) at offset 1. Store 0x7F instead: N and β0 agree, but β0 is no longer
  // b's low byte, so the R16 lookup asks for a non-integer (b - β0 - 2^8 β1) / 2^16.
  const size_t sb_row = 9;
  ASSERT_EQ(cell(sb_row, Col::kFSb), 1u);
  ASSERT_EQ(cell(sb_row, Col::kO0), 1u);
  ASSERT_EQ(cell(sb_row, Col::kBeta0), 0xFFu);
  crypto::ColumnMajorMatrix bad = testing::CopyOf(filled->trace);
  bad(sb_row, Col::kBeta0) = Felt::FromU64(0x7F);
  bad(sb_row, Col::kN) = Felt::FromU64(cell(sb_row, Col::kN) - (0x80u << 8));
  EXPECT_TRUE(checks(bad));
  const Felt r16 = (bad(sb_row, Col::kB) - bad(sb_row, Col::kBeta0) -
                    Felt::FromU64(256) * bad(sb_row, Col::kBeta1)) *
                   Felt::FromU64(kInvTwo16);
  EXPECT_GE(r16.value(), kTwo16);

  // The same row writing the byte at offset 0 while claiming offset 1 (W = 1).
  bad = testing::CopyOf(filled->trace);
  const uint64_t old_byte1 = cell(sb_row, Col::kV1), old_byte0 = cell(sb_row, Col::kV0);
  bad(sb_row, Col::kW) = Felt::One();
  bad(sb_row, Col::kS) = Felt::FromU64(old_byte0);
  bad(sb_row, Col::kN) =
      Felt::FromU64(cell(sb_row, Col::kN) - (0xFF << 8) + (old_byte1 << 8) - old_byte0 + 0xFF);
  EXPECT_FALSE(checks(bad));

  // Selecting another old byte than the one at o, N consistent.
  bad = testing::CopyOf(filled->trace);
  bad(sb_row, Col::kS) = Felt::FromU64(old_byte0);
  bad(sb_row, Col::kN) = Felt::FromU64(cell(sb_row, Col::kN) + (old_byte1 << 8) - (old_byte0 << 8));
  EXPECT_FALSE(checks(bad));

  // Row 24: sh x0 at offset 0. Claim a misaligned half at offset 1 (a - 1 keeps the word).
  const size_t sh_row = 24;
  ASSERT_EQ(cell(sh_row, Col::kFSh), 1u);
  bad = testing::CopyOf(filled->trace);
  bad(sh_row, Col::kO0) = Felt::One();
  bad(sh_row, Col::kA) = Felt::FromU64(cell(sh_row, Col::kA) + 1);
  bad(sh_row, Col::kW) = Felt::FromU64(256);
  EXPECT_FALSE(checks(bad));
}

}  // namespace
}  // namespace zkvm::prover
