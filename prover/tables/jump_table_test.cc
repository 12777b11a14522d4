// Tests of the JAL and JALR tables (jump_table.h): jal forward and backward writing rd, jalr
// to even and odd targets (bit 0 cleared), with and without a carry out of a + c, with
// rd = x0 (the sink x32) and rd = rs1. Each row's next pc and rd write are checked against the
// RV32I semantics computed here, every single-cell change of a real row breaks a constraint or
// changes the bus interactions, and a wrong carry or bit 0 gives a next pc that no DECODE row
// can hold.
#include "prover/tables/jump_table.h"

#include <gtest/gtest.h>

#include <map>

#include "stark/air/air.h"
#include "testing/encoder.h"
#include "testing/tables/row_eval_testing.h"
#include "testing/tables/table_expectations.h"
#include "testing/tables/table_testing.h"

namespace zkvm::prover {
namespace {

using testing::ExpectShape;

using executor::Opcode;
using zkvm::testing::I;
using zkvm::testing::J;
using zkvm::testing::U;

constexpr uint32_t kBase = 0x10000;
using testing::kMinusOne;

uint32_t PcOf(size_t index) { return kBase + 4 * static_cast<uint32_t>(index); }

// The row's rd write is the token (REG, rd, 4 clk + 3, pc + 4).
template <typename Col, typename Air>
void ExpectReturnAddressWritten(const Air& air, const testing::FilledTable& f, size_t r,
                                uint64_t rd) {
  const testing::RowEvaluator e = testing::EvaluateRow(air, f.trace, r);
  ASSERT_TRUE(e.accepted()) << "row " << r;
  ASSERT_FALSE(e.mem_sends().empty());
  const std::vector<Felt>& w = e.mem_sends().back();
  EXPECT_EQ(w[0].value(), static_cast<uint64_t>(Space::kReg));
  EXPECT_EQ(w[1].value(), rd) << "row " << r;
  EXPECT_EQ(w[2].value(), 4 * f.trace(r, Col::kClk).value() + kSlotRd);
  EXPECT_EQ(w[3].value(), f.trace(r, Col::kPc).value() + 4) << "row " << r;
}

TEST(JumpTableTest, Shapes) {
  ExpectShape(JalAir(), 7);
  ExpectShape(JalrAir(), 11);
  EXPECT_EQ(JalTable().num_columns(), 8u);
  EXPECT_EQ(JalrTable().num_columns(), 14u);
}

TEST(JumpTableTest, JalForwardAndBackward) {
  // pc -> (rd, target)
  std::map<uint32_t, std::pair<uint32_t, uint32_t>> expected;
  std::vector<uint32_t> code;
  auto jal = [&](unsigned rd, int32_t offset) {
    const uint32_t pc = PcOf(code.size());
    expected[pc] = {rd, pc + static_cast<uint32_t>(offset)};
    code.push_back(J(rd, offset));
  };
  jal(1, 12);                                 // 0 -> 3
  jal(2, 12);                                 // 1 -> 4
  code.push_back(I(Opcode::kAddi, 9, 0, 1));  // 2 (skipped)
  jal(3, -8);                                 // 3 -> 1 (backward)
  jal(31, 4);                                 // 4 -> 5
  jal(1, 8);                                  // 5 -> 7 (x1 written again)
  code.push_back(I(Opcode::kAddi, 9, 0, 2));  // 6 (skipped)
  jal(5, 8);                                  // 7 -> 9
  code.push_back(J(0, 8));                    // 8 (skipped; jal x0 is a NOP)
  code.push_back(J(0, 4));                    // 9: jal x0 -> 10, not in this table
  for (uint32_t w : testing::HaltCode()) code.push_back(w);
  Result<testing::FilledTable> filled = testing::FillFromProgram(JalTable(), TableId::kJal, code);
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  ASSERT_EQ(filled->real_rows, expected.size());
  const JalAir air;
  for (size_t r = 0; r < filled->real_rows; ++r) {
    const auto pc = static_cast<uint32_t>(filled->trace(r, JalColumns::kPc).value());
    ASSERT_EQ(expected.count(pc), 1u) << std::hex << pc;
    const auto [rd, target] = expected[pc];
    EXPECT_EQ(testing::EvaluateRow(air, filled->trace, r).next_pc().value(), target);
    ExpectReturnAddressWritten<JalColumns>(air, *filled, r, rd);
  }
  for (uint64_t delta : {uint64_t{1}, kMinusOne, uint64_t{1} << 32}) {
    const std::vector<std::string> undetected =
        testing::UndetectedMutations(JalTable(), *filled, filled->real_rows, delta);
    EXPECT_TRUE(undetected.empty()) << undetected.front();
  }
}

// A program of jalr's; `expected` maps each jalr's pc to its rd (32 for x0) and target.
std::vector<uint32_t> JalrProgram(std::map<uint32_t, std::pair<uint32_t, uint32_t>>& expected) {
  std::vector<uint32_t> code;
  // x5 = B, the pc of index 0; x6 = B + 2084; x10 = B + 85 (set below).
  auto jalr = [&](unsigned rd, unsigned rs1, int32_t imm, size_t target_index) {
    expected[PcOf(code.size())] = {rd == 0 ? kSinkRegister : rd, PcOf(target_index)};
    code.push_back(I(Opcode::kJalr, rd, rs1, imm));
  };
  auto skip = [&] { code.push_back(I(Opcode::kAddi, 9, 0, 1)); };
  code.push_back(U(Opcode::kAuipc, 5, 0));       // 0: x5 = B
  jalr(1, 5, 12, 3);                             // 1: B + 12 -> 3
  skip();                                        // 2
  jalr(2, 5, 21, 5);                             // 3: B + 21, odd -> B + 20 = 5
  skip();                                        // 4
  code.push_back(I(Opcode::kAddi, 6, 5, 2047));  // 5: x6 = B + 2047
  code.push_back(I(Opcode::kAddi, 6, 6, 37));    // 6: x6 = B + 2084
  jalr(0, 6, -2048, 9);                          // 7: carry out of a + c, rd = sink -> 9
  skip();                                        // 8
  jalr(7, 6, -2039, 11);                         // 9: B + 45, carry and odd -> B + 44 = 11
  skip();                                        // 10
  code.push_back(I(Opcode::kAddi, 7, 5, 60));    // 11: x7 = B + 60
  jalr(7, 7, 1, 15);                             // 12: rd = rs1, B + 61 -> B + 60 = 15
  skip();                                        // 13
  skip();                                        // 14
  code.push_back(J(0, 8));                       // 15: -> 17
  code.push_back(J(0, 12));                      // 16: -> 19
  jalr(8, 5, 64, 16);                            // 17: backward to 16
  skip();                                        // 18
  code.push_back(I(Opcode::kAddi, 10, 5, 85));   // 19: x10 = B + 85
  jalr(11, 10, -1, 21);                          // 20: carry, even -> B + 84 = 21
  return code;
}

TEST(JumpTableTest, JalrTargetsAndReturnAddresses) {
  std::map<uint32_t, std::pair<uint32_t, uint32_t>> expected;
  std::vector<uint32_t> code = JalrProgram(expected);
  for (uint32_t w : testing::HaltCode()) code.push_back(w);
  Result<testing::FilledTable> filled = testing::FillFromProgram(JalrTable(), TableId::kJalr, code);
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  ASSERT_EQ(filled->real_rows, expected.size());
  const JalrAir air;
  using Col = JalrColumns;
  for (size_t r = 0; r < filled->real_rows; ++r) {
    const testing::FilledTable& f = *filled;
    const auto pc = static_cast<uint32_t>(f.trace(r, Col::kPc).value());
    ASSERT_EQ(expected.count(pc), 1u) << std::hex << pc;
    const auto [rd, target] = expected[pc];
    const auto a = static_cast<uint32_t>(f.trace(r, Col::kA).value());
    const auto c = static_cast<uint32_t>(f.trace(r, Col::kC).value());
    EXPECT_EQ(target, (a + c) & ~1u);
    EXPECT_EQ(testing::EvaluateRow(air, f.trace, r).next_pc().value(), target) << "row " << r;
    ExpectReturnAddressWritten<Col>(air, f, r, rd);
  }
  for (uint64_t delta : {uint64_t{1}, kMinusOne, uint64_t{1} << 32}) {
    const std::vector<std::string> undetected =
        testing::UndetectedMutations(JalrTable(), *filled, filled->real_rows, delta);
    EXPECT_TRUE(undetected.empty()) << undetected.front();
  }
}

// Every other choice of the carry k and of bit0 satisfies the constraints but sends a next pc
// that is not a 4-aligned value below 2^32, so no DECODE row (and no next row) matches it.
TEST(JumpTableTest, JalrWrongCarryOrBit0NamesNoPc) {
  std::map<uint32_t, std::pair<uint32_t, uint32_t>> expected;
  std::vector<uint32_t> code = JalrProgram(expected);
  for (uint32_t w : testing::HaltCode()) code.push_back(w);
  Result<testing::FilledTable> filled = testing::FillFromProgram(JalrTable(), TableId::kJalr, code);
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  testing::FilledTable& f = *filled;
  const JalrAir air;
  using Col = JalrColumns;
  for (size_t r = 0; r < f.real_rows; ++r) {
    const Felt k = f.trace(r, Col::kK), bit0 = f.trace(r, Col::kBit0);
    for (uint64_t fk : {0, 1}) {
      for (uint64_t fb : {0, 1}) {
        if (fk == k.value() && fb == bit0.value()) continue;
        f.trace(r, Col::kK) = Felt::FromU64(fk);
        f.trace(r, Col::kBit0) = Felt::FromU64(fb);
        const testing::RowEvaluator e = testing::EvaluateRow(air, f.trace, r);
        EXPECT_TRUE(e.accepted());
        const uint64_t next = e.next_pc().value();
        EXPECT_TRUE(next >= kTwo32 || next % 4 != 0) << "row " << r << " next " << next;
      }
    }
    f.trace(r, Col::kK) = k;
    f.trace(r, Col::kBit0) = bit0;
  }
}

}  // namespace
}  // namespace zkvm::prover
