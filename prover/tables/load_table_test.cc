// Tests of the LOAD_W and LOAD_BH tables (load_table.h): rows filled from executed loads of
// every width and sign at every offset, of words just stored, with carries in the address and
// with rd = x0 satisfy the constraints and make valid lookups; every single-cell change of a
// real row breaks a constraint or changes the table's bus interactions; wrong results with
// consistent cells are rejected by the row checker or by the BYTE table.
#include "prover/tables/load_table.h"

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

// x5 = 0xBFFFF000 (stack), then five words at x5 + 0 .. 16:
// 0x80FF7F01, 0x7FFF8000, 0x00FF0080, 0xFFFFFFFF, 0.
std::vector<uint32_t> StoreData() {
  return {U(Opcode::kLui, 5, 0xBFFFF), U(Opcode::kLui, 6, 0x80FF8), I(Opcode::kAddi, 6, 6, -255),
          U(Opcode::kLui, 7, 0x7FFF8), U(Opcode::kLui, 8, 0x00FF0), I(Opcode::kAddi, 8, 8, 0x80),
          I(Opcode::kAddi, 9, 0, -1),  S(Opcode::kSw, 6, 5, 0),     S(Opcode::kSw, 7, 5, 4),
          S(Opcode::kSw, 8, 5, 8),     S(Opcode::kSw, 9, 5, 12),    S(Opcode::kSw, 0, 5, 16)};
}

// Every byte and half load at every offset of the five words.
std::vector<uint32_t> ByteHalfLoads() {
  std::vector<uint32_t> code = StoreData();
  for (int32_t base = 0; base <= 16; base += 4) {
    for (int32_t o = 0; o < 4; ++o) {
      code.push_back(I(Opcode::kLb, 10, 5, base + o));
      code.push_back(I(Opcode::kLbu, 11, 5, base + o));
    }
    for (int32_t o = 0; o < 4; o += 2) {
      code.push_back(I(Opcode::kLh, 12, 5, base + o));
      code.push_back(I(Opcode::kLhu, 13, 5, base + o));
    }
  }
  // A negative offset (the address wraps: k = 1), rd = x0 (the sink), and sub-word stores read
  // back.
  code.push_back(I(Opcode::kAddi, 14, 5, 64));
  code.push_back(I(Opcode::kLb, 10, 14, -64 + 3));
  code.push_back(I(Opcode::kLhu, 10, 14, -64 + 6));
  code.push_back(I(Opcode::kLb, 0, 5, 1));
  code.push_back(I(Opcode::kLhu, 0, 5, 2));
  code.push_back(S(Opcode::kSb, 6, 5, 21));  // byte 0x01 at offset 1
  code.push_back(S(Opcode::kSh, 7, 5, 22));  // half 0x8000 at offset 2
  code.push_back(I(Opcode::kLb, 10, 5, 21));
  code.push_back(I(Opcode::kLbu, 10, 5, 22));
  code.push_back(I(Opcode::kLh, 10, 5, 22));
  code.push_back(I(Opcode::kLhu, 10, 5, 20));
  return WithHalt(code);
}

std::vector<uint32_t> WordLoads() {
  std::vector<uint32_t> code = StoreData();
  for (int32_t base = 0; base <= 16; base += 4) code.push_back(I(Opcode::kLw, 10, 5, base));
  code.push_back(I(Opcode::kAddi, 14, 5, 2047));
  code.push_back(I(Opcode::kLw, 10, 14, -2047));  // c = -2047: a + c carries
  code.push_back(I(Opcode::kLw, 0, 5, 4));        // rd = x0: the sink
  code.push_back(I(Opcode::kLw, 10, 2, -16));     // below the initial stack pointer
  // A word of the program's own code (ROM; see RomLoadRow for the space).
  code.push_back(U(Opcode::kAuipc, 15, 0));
  code.push_back(I(Opcode::kLw, 10, 15, 0));
  code.push_back(I(Opcode::kLw, 10, 15, -4));
  return WithHalt(code);
}

bool ChecksAndMatches(const VmTable& table, const crypto::ColumnMajorMatrix& a,
                      const crypto::ColumnMajorMatrix& b) {
  stark::BusLedger ledger;
  (void)table.air().Check({a.view(), {}, {}}, &ledger);
  ledger.set_negate(true);
  if (!table.air().Check({b.view(), {}, {}}, &ledger).ok()) return false;
  return ledger.Balanced();
}

TEST(LoadTableTest, Shapes) {
  ExpectShape(LoadWAir(), 15);
  ExpectShape(LoadBhAir(), 18);
  EXPECT_EQ(LoadWTable().num_columns(), 17u);
  EXPECT_EQ(LoadBhTable().num_columns(), 28u);
}

TEST(LoadTableTest, WordLoads) {
  Result<testing::FilledTable> filled =
      testing::FillFromProgram(LoadWTable(), TableId::kLoadW, WordLoads());
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  ASSERT_EQ(filled->real_rows, 10u);
  using Col = LoadWColumns;
  const uint32_t expected[5] = {0x80FF7F01, 0x7FFF8000, 0x00FF0080, 0xFFFFFFFF, 0};
  for (size_t r = 0; r < 5; ++r) EXPECT_EQ(filled->trace(r, Col::kV).value(), expected[r]);
  EXPECT_EQ(filled->trace(5, Col::kK).value(), 1u);
  EXPECT_EQ(filled->trace(5, Col::kV).value(), expected[0]);
  EXPECT_EQ(filled->trace(6, Col::kRd).value(), kSinkRegister);
  EXPECT_EQ(filled->trace(0, Col::kK).value(), 0u);
  ExpectNoUndetectedMutations(LoadWTable(), *filled);
}

TEST(LoadTableTest, ByteHalfLoads) {
  Result<testing::FilledTable> filled =
      testing::FillFromProgram(LoadBhTable(), TableId::kLoadBh, ByteHalfLoads());
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  ASSERT_EQ(filled->real_rows, 5u * 12 + 8);
  using Col = LoadBhColumns;
  // Word 0 = 0x80FF7F01: lb / lbu at offsets 0..3, then lh / lhu at 0 and 2.
  const uint32_t word0[12] = {0x01,       0x01, 0x7F,   0x7F,   0xFFFFFFFF, 0xFF,
                              0xFFFFFF80, 0x80, 0x7F01, 0x7F01, 0xFFFF80FF, 0x80FF};
  for (size_t r = 0; r < 12; ++r) EXPECT_EQ(filled->trace(r, Col::kR).value(), word0[r]) << r;
  // Word 1 = 0x7FFF8000: halves 0x8000 (negative) and 0x7FFF (positive).
  EXPECT_EQ(filled->trace(12 + 8, Col::kR).value(), 0xFFFF8000u);
  EXPECT_EQ(filled->trace(12 + 10, Col::kR).value(), 0x7FFFu);
  // The wrapping address, the sink, the stored byte and half read back.
  const size_t tail = 60;
  EXPECT_EQ(filled->trace(tail, Col::kK).value(), 1u);
  EXPECT_EQ(filled->trace(tail, Col::kR).value(), 0xFFFFFF80u);
  EXPECT_EQ(filled->trace(tail + 1, Col::kR).value(), 0x7FFFu);
  EXPECT_EQ(filled->trace(tail + 2, Col::kRd).value(), kSinkRegister);
  EXPECT_EQ(filled->trace(tail + 2, Col::kR).value(), 0x7Fu);
  EXPECT_EQ(filled->trace(tail + 4, Col::kR).value(), 0x01u);
  EXPECT_EQ(filled->trace(tail + 5, Col::kR).value(), 0x00u);
  EXPECT_EQ(filled->trace(tail + 6, Col::kR).value(), 0xFFFF8000u);
  EXPECT_EQ(filled->trace(tail + 7, Col::kR).value(), 0x0100u);
  ExpectNoUndetectedMutations(LoadBhTable(), *filled);
}

// A load from the executable range uses space ROM (ro = 1): filled with rom = true the row
// satisfies the constraints, and its word read differs from the RAM one only on the bus.
TEST(LoadTableTest, RomLoadRow) {
  Result<testing::FilledTable> filled =
      testing::FillFromProgram(LoadWTable(), TableId::kLoadW, WordLoads());
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  using Col = LoadWColumns;
  const size_t row = 8;  // lw x10, 0(x15) with x15 = its own pc - 4
  EXPECT_EQ(filled->trace(row, Col::kA).value() + 4, filled->trace(row, Col::kPc).value());
  // The filler reads the code word from space ROM; the same row read as RAM differs only on
  // the bus.
  EXPECT_EQ(filled->trace(row, Col::kRo), Felt::One());
  crypto::ColumnMajorMatrix rom = testing::CopyOf(filled->trace);
  rom(row, Col::kRo) = Felt::Zero();
  EXPECT_TRUE(LoadWTable().air().Check({rom.view(), {}, {}}, nullptr).ok());
  EXPECT_FALSE(ChecksAndMatches(LoadWTable(), filled->trace, rom));

  // The same through the filler.
  executor::StepRecord step{.pc = 0x10010,
                            .rs1_value = 0x10000,
                            .rs2_value = 0,
                            .rd_value = 0x12345678,
                            .mem_addr = 0x10004,
                            .mem_before = 0x12345678,
                            .mem_after = 0x12345678,
                            .next_pc = 0x10014};
  RoutedRow routed;
  routed.prev_gap[0] = 16;  // clk 5: tokens of timestamps 3, 0 and 7
  routed.prev_gap[1] = 21;
  routed.prev_gap[2] = 15;
  routed.prev_value[0] = step.rs1_value;
  routed.prev_value[1] = step.mem_before;
  routed.prev_value[2] = 9;
  RowInput in{.clk = 5,
              .step = &step,
              .dec = {.uop = Uop::kLw, .rd = 6, .rs1 = 5, .rs2 = 0, .c = 4},
              .routed = &routed,
              .syscall = nullptr};
  crypto::ColumnMajorMatrix trace(2, LoadWTable().num_columns());
  std::vector<Felt> scratch(trace.num_cols());
  RowWriter writer(scratch);
  FillLoadW(in, /*rom=*/true, writer, nullptr);
  for (size_t c = 0; c < scratch.size(); ++c) trace(0, c) = scratch[c];
  EXPECT_EQ(trace(0, Col::kRo).value(), 1u);
  EXPECT_TRUE(LoadWTable().air().Check({trace.view(), {}, {}}, nullptr).ok());
}

// A signed byte load that returns the unsigned byte (sg = 0, r = T) satisfies the row's
// constraints but asks BYTE for (MSB, T, 0, 0) with T >= 128, which is no row.
TEST(LoadTableTest, DroppedSignIsNoByteRow) {
  Result<testing::FilledTable> filled =
      testing::FillFromProgram(LoadBhTable(), TableId::kLoadBh, ByteHalfLoads());
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  using Col = LoadBhColumns;
  const size_t row = 4;  // lb of 0xFF
  ASSERT_EQ(filled->trace(row, Col::kFLb).value(), 1u);
  ASSERT_EQ(filled->trace(row, Col::kSg).value(), 1u);
  crypto::ColumnMajorMatrix bad = testing::CopyOf(filled->trace);
  bad(row, Col::kSg) = Felt::Zero();
  bad(row, Col::kR) = filled->trace(row, Col::kT);
  EXPECT_TRUE(LoadBhTable().air().Check({bad.view(), {}, {}}, nullptr).ok());
  EXPECT_FALSE(ChecksAndMatches(LoadBhTable(), filled->trace, bad));
  const uint32_t top = static_cast<uint32_t>(bad(row, Col::kT).value());
  EXPECT_FALSE(ByteRowOf({ByteOp::kMsb, top, 0, 0}).ok());
}

// Wrong results with cells kept consistent fail the row checker: a sign-extended lbu, a byte of
// another offset, a misaligned half, a half taken from the wrong side of the word.
TEST(LoadTableTest, WrongSelectionsFail) {
  Result<testing::FilledTable> filled =
      testing::FillFromProgram(LoadBhTable(), TableId::kLoadBh, ByteHalfLoads());
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  using Col = LoadBhColumns;
  auto rejects = [&](size_t row, std::initializer_list<std::pair<size_t, uint64_t>> cells) {
    crypto::ColumnMajorMatrix bad = testing::CopyOf(filled->trace);
    for (auto [c, v] : cells) bad(row, c) = Felt::FromU64(v);
    return !LoadBhTable().air().Check({bad.view(), {}, {}}, nullptr).ok();
  };
  // Row 5: lbu of 0xFF. Claim it sign extends.
  ASSERT_EQ(filled->trace(5, Col::kFLbu).value(), 1u);
  EXPECT_TRUE(rejects(5, {{Col::kSg, 1}, {Col::kR, 0xFFFFFFFF}}));
  // Row 0: lb at offset 0 of 0x80FF7F01. Select byte 1 (0x7F) instead, same address.
  EXPECT_TRUE(rejects(0, {{Col::kT, 0x7F}, {Col::kR, 0x7F}}));
  // Row 8: lh at offset 0. Claim offset 1 with the address unchanged (o0 = 1, a - 1).
  ASSERT_EQ(filled->trace(8, Col::kFLh).value(), 1u);
  const uint64_t a = filled->trace(8, Col::kA).value();
  EXPECT_TRUE(rejects(8, {{Col::kO0, 1}, {Col::kA, a + 1}, {Col::kT, 0xFF}}));
  // Row 10: lh at offset 2 (0x80FF). Return the low half with the high half's top byte.
  ASSERT_EQ(filled->trace(10, Col::kFLh).value(), 1u);
  EXPECT_TRUE(rejects(10, {{Col::kR, 0x7F01}}));
}

}  // namespace
}  // namespace zkvm::prover
