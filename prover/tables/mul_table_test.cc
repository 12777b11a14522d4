// Tests of the MUL table (mul_table.h): rows filled from executed mul, mulh, mulhsu and mulhu on
// all pairs of edge values satisfy the constraints and make valid lookups and write the RV32M
// result; every single-cell change of a real row breaks a constraint or changes the table's bus
// interactions; and forged rows with a wrong high word are rejected.
#include "prover/tables/mul_table.h"

#include <gtest/gtest.h>

#include <random>
#include <utility>

#include "base/check.h"
#include "stark/air/row_checker.h"
#include "testing/encoder.h"
#include "testing/tables/table_expectations.h"
#include "testing/tables/table_testing.h"

namespace zkvm::prover {
namespace {

using Col = MulColumns;
using executor::Opcode;
using zkvm::testing::I;
using zkvm::testing::Li;
using zkvm::testing::R;
using zkvm::testing::U;

constexpr const uint32_t* kValues = testing::kEdgeValues;
constexpr size_t kNumValues = testing::kNumEdgeValues;
using testing::PairsProgram;

uint32_t Expected(Opcode op, uint32_t a, uint32_t b) {
  const auto sa = static_cast<int64_t>(static_cast<int32_t>(a));
  const auto sb = static_cast<int64_t>(static_cast<int32_t>(b));
  switch (op) {
    case Opcode::kMul:
      return a * b;
    case Opcode::kMulh:
      return static_cast<uint32_t>(static_cast<uint64_t>(sa * sb) >> 32);
    case Opcode::kMulhsu:
      return static_cast<uint32_t>(static_cast<uint64_t>(sa * static_cast<int64_t>(b)) >> 32);
    default:
      return static_cast<uint32_t>((uint64_t{a} * b) >> 32);
  }
}

uint64_t Cell(const testing::FilledTable& f, size_t row, size_t col) {
  return f.trace(row, col).value();
}

// Whether a row of a MUL trace is accepted: every constraint vanishes and every BYTE lookup
// with a nonzero multiplicity is a row of BYTE.
bool RowAccepted(const crypto::ColumnMajorMatrix& trace, size_t row) {
  const stark::TableTrace t{trace.view(), {}, {}};
  stark::RowEvaluator e(t, row);
  MulAir().Evaluate(e);
  if (e.failed_constraint() >= 0) return false;
  for (const auto& i : e.interactions()) {
    if (i.bus != kByteBus || i.multiplicity.IsZero()) continue;
    for (const Felt& v : i.tuple) {
      if (v.value() >= kTwo32) return false;
    }
    const ByteLookup l{
        static_cast<ByteOp>(i.tuple[0].value()), static_cast<uint32_t>(i.tuple[1].value()),
        static_cast<uint32_t>(i.tuple[2].value()), static_cast<uint32_t>(i.tuple[3].value())};
    if (!ByteRowOf(l).ok()) return false;
  }
  return true;
}

TEST(MulTableTest, Shape) {
  testing::ExpectShape(MulAir(), 26);
  EXPECT_EQ(MulTable().num_columns(), 29u);
}

TEST(MulTableTest, AllOpsOnEdgePairs) {
  const auto ops = {Opcode::kMul, Opcode::kMulh, Opcode::kMulhsu, Opcode::kMulhu};
  Result<testing::FilledTable> filled =
      testing::FillFromProgram(MulTable(), TableId::kMul, PairsProgram(ops));
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  ASSERT_EQ(filled->real_rows, 4 * kNumValues * kNumValues);
  size_t row = 0;
  for (Opcode op : ops) {
    for (size_t i = 0; i < kNumValues; ++i) {
      for (size_t j = 0; j < kNumValues; ++j, ++row) {
        const uint64_t r = Cell(*filled, row, Col::kR0) + kTwo16 * Cell(*filled, row, Col::kR1);
        EXPECT_EQ(r, Expected(op, kValues[i], kValues[j]))
            << "op " << static_cast<int>(op) << " a " << kValues[i] << " b " << kValues[j];
      }
    }
  }
}

// Random operands (fixed seed; small divisors too, so quotients are large).
TEST(MulTableTest, RandomOperands) {
  std::mt19937 rng(20240611);
  const auto ops = {Opcode::kMul, Opcode::kMulh, Opcode::kMulhsu, Opcode::kMulhu};
  std::vector<uint32_t> code;
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  for (Opcode op : ops) {
    for (int n = 0; n < 64; ++n) {
      const uint32_t a = rng(), b = n % 2 == 0 ? rng() : rng() >> (rng() % 32);
      Li(code, 5, a);
      Li(code, 6, b);
      code.push_back(R(op, 20, 5, 6));
      pairs.emplace_back(a, b);
    }
  }
  for (uint32_t w : testing::HaltCode()) code.push_back(w);
  Result<testing::FilledTable> filled = testing::FillFromProgram(MulTable(), TableId::kMul, code);
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  ASSERT_EQ(filled->real_rows, pairs.size());
  size_t row = 0;
  for (Opcode op : ops) {
    for (int n = 0; n < 64; ++n, ++row) {
      const auto [a, b] = pairs[row];
      EXPECT_EQ(Cell(*filled, row, Col::kR0) + kTwo16 * Cell(*filled, row, Col::kR1),
                Expected(op, a, b))
          << "op " << static_cast<int>(op) << " a " << a << " b " << b;
    }
  }
}

// One trace per op and first operand: the mutation check re-checks the whole trace per cell.
TEST(MulTableTest, NoUndetectedMutations) {
  for (Opcode op : {Opcode::kMul, Opcode::kMulh, Opcode::kMulhsu, Opcode::kMulhu}) {
    for (size_t i = 0; i < kNumValues; ++i) {
      Result<testing::FilledTable> filled =
          testing::FillFromProgram(MulTable(), TableId::kMul, PairsProgram({op}, i, i + 1));
      ASSERT_TRUE(filled.ok()) << filled.error().message;
      ASSERT_EQ(filled->real_rows, kNumValues);
      for (uint64_t delta : {uint64_t{1}, kTwo16, Felt::kModulus - 1}) {
        const std::vector<std::string> undetected =
            testing::UndetectedMutations(MulTable(), *filled, filled->real_rows, delta);
        EXPECT_TRUE(undetected.empty()) << "op " << static_cast<int>(op) << " a " << kValues[i]
                                        << " delta " << delta << ": " << undetected.front();
      }
    }
  }
}

// A trace with one row: op on a (in x5) and b (in x6).
testing::FilledTable OneRow(Opcode op, uint32_t a, uint32_t b) {
  std::vector<uint32_t> code;
  Li(code, 5, a);
  Li(code, 6, b);
  code.push_back(R(op, 20, 5, 6));
  for (uint32_t w : testing::HaltCode()) code.push_back(w);
  Result<testing::FilledTable> filled = testing::FillFromProgram(MulTable(), TableId::kMul, code);
  ZKVM_CHECK(filled.ok(), "the program runs");
  ZKVM_CHECK(filled->real_rows == 1, "one MUL row");
  return std::move(*filled);
}

// Row 0 of a trace, to restore it after a forgery.
std::vector<Felt> SaveRow(const crypto::ColumnMajorMatrix& t) {
  std::vector<Felt> row(t.num_cols());
  for (size_t c = 0; c < row.size(); ++c) row[c] = t(0, c);
  return row;
}
void RestoreRow(crypto::ColumnMajorMatrix& t, const std::vector<Felt>& row) {
  for (size_t c = 0; c < row.size(); ++c) t(0, c) = row[c];
}

void SetResult(testing::FilledTable& f, uint64_t r0, uint64_t r1) {
  f.trace(0, Col::kR0) = Felt::FromU64(r0);
  f.trace(0, Col::kR1) = Felt::FromU64(r1);
}

TEST(MulTableTest, ForgedHighWordRejected) {
  // mulh(-1, 7) = 0xFFFF_FFFF; the unsigned high word is 6 (m = 1).
  testing::FilledTable f = OneRow(Opcode::kMulh, 0xFFFF'FFFFu, 7);
  ASSERT_TRUE(RowAccepted(f.trace, 0));
  ASSERT_EQ(Cell(f, 0, Col::kR0), 0xFFFFu);
  ASSERT_EQ(Cell(f, 0, Col::kR1), 0xFFFFu);
  ASSERT_EQ(Cell(f, 0, Col::kM), 1u);
  const std::vector<Felt> good = SaveRow(f.trace);
  // The unsigned high word with the right low word (the correction dropped), m = 0 or 1.
  SetResult(f, 6, 0);
  EXPECT_FALSE(RowAccepted(f.trace, 0));
  f.trace(0, Col::kM) = Felt::Zero();
  EXPECT_FALSE(RowAccepted(f.trace, 0));
  // The high word off by 2^32 with a consistent wrap count: r1 = 0xFFFF - 2^16 is no limb.
  RestoreRow(f.trace, good);
  f.trace(0, Col::kM) = Felt::Zero();
  SetResult(f, 0xFFFF, 0);
  f.trace(0, Col::kR1) = Felt::FromU64(0xFFFF) - Felt::FromU64(kTwo16);
  EXPECT_FALSE(RowAccepted(f.trace, 0));
  // The high word off by one, the carry moved to keep P2: P1 breaks.
  RestoreRow(f.trace, good);
  SetResult(f, 0xFFFE, 0xFFFF);
  f.trace(0, Col::kC1) = f.trace(0, Col::kC1) - Felt::One();
  EXPECT_FALSE(RowAccepted(f.trace, 0));
  // The carry moved by one and the low word by 2^32 (P1 and P2 hold): x1 is no limb.
  RestoreRow(f.trace, good);
  SetResult(f, 0xFFFE, 0xFFFF);
  f.trace(0, Col::kC1) = f.trace(0, Col::kC1) - Felt::One();
  f.trace(0, Col::kX1) = f.trace(0, Col::kX1) + Felt::FromU64(kTwo16);
  EXPECT_FALSE(RowAccepted(f.trace, 0));
}

TEST(MulTableTest, ForgedSignednessRejected) {
  // mulhu(-1, -1) = 0xFFFF_FFFE; forging mulh's answer 0 or mulhsu's 0xFFFF_FFFF fails.
  testing::FilledTable f = OneRow(Opcode::kMulhu, 0xFFFF'FFFFu, 0xFFFF'FFFFu);
  ASSERT_TRUE(RowAccepted(f.trace, 0));
  for (uint64_t m : {0, 1, 2}) {
    f.trace(0, Col::kM) = Felt::FromU64(m);
    SetResult(f, 0, 0);
    EXPECT_FALSE(RowAccepted(f.trace, 0));
    SetResult(f, 0xFFFF, 0xFFFF);
    EXPECT_FALSE(RowAccepted(f.trace, 0));
  }
  // mul's low word stays the right one whatever the high word says.
  testing::FilledTable g = OneRow(Opcode::kMul, 0x1234'5678u, 0x8000'0000u);
  ASSERT_TRUE(RowAccepted(g.trace, 0));
  g.trace(0, Col::kR1) = g.trace(0, Col::kR1) + Felt::One();
  EXPECT_FALSE(RowAccepted(g.trace, 0));
}

}  // namespace
}  // namespace zkvm::prover
