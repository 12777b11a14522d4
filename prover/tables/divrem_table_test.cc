// Tests of the DIVREM table (divrem_table.h): rows filled from executed div, divu, rem and remu
// on all pairs of edge values (division by zero and INT_MIN / -1 included) satisfy the
// constraints, make valid lookups and write the RV32M result; every single-cell change of a
// real row breaks a constraint or changes the table's bus interactions; and forged rows whose
// quotient and remainder satisfy b q + r = a but are not the truncating division are rejected.
#include "prover/tables/divrem_table.h"

#include <gtest/gtest.h>

#include <random>
#include <utility>

#include <tuple>

#include "base/check.h"
#include "stark/air/row_checker.h"
#include "testing/encoder.h"
#include "testing/tables/table_expectations.h"
#include "testing/tables/table_testing.h"

namespace zkvm::prover {
namespace {

using Col = DivRemColumns;
using executor::Opcode;
using zkvm::testing::I;
using zkvm::testing::Li;
using zkvm::testing::R;
using zkvm::testing::U;

constexpr const uint32_t* kValues = testing::kEdgeValues;
constexpr size_t kNumValues = testing::kNumEdgeValues;
using testing::PairsProgram;

// The RV32M result, written from the spec's cases (independently of the table's filler).
uint32_t Expected(Opcode op, uint32_t a, uint32_t b) {
  const auto sa = static_cast<int64_t>(static_cast<int32_t>(a));
  const auto sb = static_cast<int64_t>(static_cast<int32_t>(b));
  switch (op) {
    case Opcode::kDiv:
      return b == 0 ? 0xFFFF'FFFFu : static_cast<uint32_t>(sa / sb);  // INT_MIN / -1 wraps
    case Opcode::kRem:
      return b == 0 ? a : static_cast<uint32_t>(sa % sb);
    case Opcode::kDivu:
      return b == 0 ? 0xFFFF'FFFFu : a / b;
    default:
      return b == 0 ? a : a % b;
  }
}

uint64_t Cell(const crypto::ColumnMajorMatrix& t, size_t row, size_t col) {
  return t(row, col).value();
}

// Whether a row of a DIVREM trace is accepted: every constraint vanishes and every BYTE lookup
// with a nonzero multiplicity is a row of BYTE.
bool RowAccepted(const crypto::ColumnMajorMatrix& trace, size_t row) {
  const stark::TableTrace t{trace.view(), {}, {}};
  stark::RowEvaluator e(t, row);
  DivRemAir().Evaluate(e);
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

TEST(DivRemTableTest, Shape) {
  testing::ExpectShape(DivRemAir(), 30);
  EXPECT_EQ(DivRemTable().num_columns(), 35u);
}

TEST(DivRemTableTest, AllOpsOnEdgePairs) {
  const auto ops = {Opcode::kDiv, Opcode::kDivu, Opcode::kRem, Opcode::kRemu};
  Result<testing::FilledTable> filled =
      testing::FillFromProgram(DivRemTable(), TableId::kDivRem, PairsProgram(ops));
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  ASSERT_EQ(filled->real_rows, 4 * kNumValues * kNumValues);
  size_t row = 0;
  for (Opcode op : ops) {
    for (size_t i = 0; i < kNumValues; ++i) {
      for (size_t j = 0; j < kNumValues; ++j, ++row) {
        EXPECT_EQ(Cell(filled->trace, row, Col::kRes), Expected(op, kValues[i], kValues[j]))
            << "op " << static_cast<int>(op) << " a " << kValues[i] << " b " << kValues[j];
      }
    }
  }
}

// Random operands (fixed seed; small divisors too, so quotients are large).
TEST(DivRemTableTest, RandomOperands) {
  std::mt19937 rng(20240611);
  const auto ops = {Opcode::kDiv, Opcode::kDivu, Opcode::kRem, Opcode::kRemu};
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
  Result<testing::FilledTable> filled =
      testing::FillFromProgram(DivRemTable(), TableId::kDivRem, code);
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  ASSERT_EQ(filled->real_rows, pairs.size());
  size_t row = 0;
  for (Opcode op : ops) {
    for (int n = 0; n < 64; ++n, ++row) {
      const auto [a, b] = pairs[row];
      EXPECT_EQ(Cell(filled->trace, row, Col::kRes), Expected(op, a, b))
          << "op " << static_cast<int>(op) << " a " << a << " b " << b;
    }
  }
}

// One trace per op and first operand: the mutation check re-checks the whole trace per cell.
TEST(DivRemTableTest, NoUndetectedMutations) {
  for (Opcode op : {Opcode::kDiv, Opcode::kDivu, Opcode::kRem, Opcode::kRemu}) {
    for (size_t i = 0; i < kNumValues; ++i) {
      Result<testing::FilledTable> filled =
          testing::FillFromProgram(DivRemTable(), TableId::kDivRem, PairsProgram({op}, i, i + 1));
      ASSERT_TRUE(filled.ok()) << filled.error().message;
      ASSERT_EQ(filled->real_rows, kNumValues);
      for (uint64_t delta : {uint64_t{1}, kTwo16, Felt::kModulus - 1}) {
        const std::vector<std::string> undetected =
            testing::UndetectedMutations(DivRemTable(), *filled, filled->real_rows, delta);
        EXPECT_TRUE(undetected.empty()) << "op " << static_cast<int>(op) << " a " << kValues[i]
                                        << " delta " << delta << ": " << undetected.front();
      }
    }
  }
}

// A trace with one row: op on a (in x5) and b (in x6).
crypto::ColumnMajorMatrix OneRow(Opcode op, uint32_t a, uint32_t b) {
  std::vector<uint32_t> code;
  Li(code, 5, a);
  Li(code, 6, b);
  code.push_back(R(op, 20, 5, 6));
  for (uint32_t w : testing::HaltCode()) code.push_back(w);
  Result<testing::FilledTable> filled =
      testing::FillFromProgram(DivRemTable(), TableId::kDivRem, code);
  ZKVM_CHECK(filled.ok(), "the program runs");
  ZKVM_CHECK(filled->real_rows == 1, "one DIVREM row");
  return std::move(filled->trace);
}

// Row 0 of a trace.
std::vector<Felt> SaveRow(const crypto::ColumnMajorMatrix& t) {
  std::vector<Felt> row(t.num_cols());
  for (size_t c = 0; c < row.size(); ++c) row[c] = t(0, c);
  return row;
}

Felt F(uint64_t v) { return Felt::FromU64(v); }

constexpr uint64_t kTwo17 = uint64_t{1} << 17;

// Rewrites row 0 with the witnesses q, r and ovf, keeping a, b and the op, and fills the
// derived cells (k, d, res) so that C1, D and the res constraint hold whenever the values
// allow: a forger's best attempt. Limbs that do not fit stay field elements (their lookups
// then fail).
void Forge(crypto::ColumnMajorMatrix& t, uint32_t q, uint32_t r, bool ovf) {
  const bool is_signed = !t(0, Col::kFDiv).IsZero() || !t(0, Col::kFRem).IsZero();
  const bool wants_q = !t(0, Col::kFDiv).IsZero() || !t(0, Col::kFDivu).IsZero();
  const uint64_t a =
      Cell(t, 0, Col::kA0) + kTwo16 * (Cell(t, 0, Col::kA1l) + (Cell(t, 0, Col::kSa) << 15));
  const uint64_t b =
      Cell(t, 0, Col::kB0) + kTwo16 * (Cell(t, 0, Col::kB1l) + (Cell(t, 0, Col::kSb) << 15));
  t(0, Col::kQ0) = F(q & 0xFFFF);
  t(0, Col::kQ1l) = F((q >> 16) & 0x7FFF);
  t(0, Col::kSq) = F(q >> 31);
  t(0, Col::kR0) = F(r & 0xFFFF);
  t(0, Col::kR1l) = F((r >> 16) & 0x7FFF);
  t(0, Col::kSr) = F(r >> 31);
  t(0, Col::kOvf) = F(ovf);
  t(0, Col::kRes) = F(wants_q ? q : r);
  const Felt low = F(b & 0xFFFF) * F(q & 0xFFFF) +
                   F(kTwo16) * (F(b & 0xFFFF) * F(q >> 16) + F(b >> 16) * F(q & 0xFFFF)) + F(r) -
                   F(a);
  const Felt k1 = low * F(kTwo32).Inverse() + Felt::One();
  t(0, Col::kK0) = k1.value() < kTwo17 ? F(k1.value() & 0xFFFF) : k1;
  t(0, Col::kKh) = k1.value() < kTwo17 ? F(k1.value() >> 16) : Felt::Zero();
  auto magnitude = [&](uint64_t x) { return is_signed && (x >> 31) != 0 ? kTwo32 - x : x; };
  const Felt d = F(magnitude(b)) - F(magnitude(r)) - Felt::One();
  t(0, Col::kD0) = d.value() < kTwo32 ? F(d.value() & 0xFFFF) : d;
  t(0, Col::kD1) = d.value() < kTwo32 ? F(d.value() >> 16) : Felt::Zero();
}

TEST(DivRemTableTest, ForgerReproducesHonestRows) {
  for (auto [op, a, b] : {std::tuple{Opcode::kDivu, 7u, 2u}, std::tuple{Opcode::kDiv, -7u, 2u},
                          std::tuple{Opcode::kRem, 0x8000'0000u, 0xFFFF'FFFFu}}) {
    crypto::ColumnMajorMatrix t = OneRow(op, a, b);
    const std::vector<Felt> good = SaveRow(t);
    ASSERT_TRUE(RowAccepted(t, 0));
    const uint32_t q = static_cast<uint32_t>(
        Cell(t, 0, Col::kQ0) + kTwo16 * (Cell(t, 0, Col::kQ1l) + (Cell(t, 0, Col::kSq) << 15)));
    const uint32_t r = static_cast<uint32_t>(
        Cell(t, 0, Col::kR0) + kTwo16 * (Cell(t, 0, Col::kR1l) + (Cell(t, 0, Col::kSr) << 15)));
    Forge(t, q, r, !t(0, Col::kOvf).IsZero());
    EXPECT_TRUE(RowAccepted(t, 0));
    for (size_t c = 0; c < Col::kCount; ++c) EXPECT_EQ(t(0, c), good[c]) << "column " << c;
  }
}

TEST(DivRemTableTest, RemainderNotBelowDivisorRejected) {
  // divu 7 / 2: q = 2, r = 3 satisfies 2 q + r = 7 but r >= b.
  crypto::ColumnMajorMatrix t = OneRow(Opcode::kDivu, 7, 2);
  Forge(t, 2, 3, false);
  EXPECT_FALSE(RowAccepted(t, 0));
  // The same with d forced into range: D breaks.
  t(0, Col::kD0) = F(0xFFFE);
  t(0, Col::kD1) = F(0xFFFF);
  EXPECT_FALSE(RowAccepted(t, 0));
  // q = 0, r = 7 (remu-style answer for the quotient).
  t = OneRow(Opcode::kRemu, 7, 2);
  Forge(t, 0, 7, false);
  EXPECT_FALSE(RowAccepted(t, 0));
  // Signed: div -7 / 2 = -3 rem -1. q = -2, r = -3 has |r| >= |b|.
  t = OneRow(Opcode::kDiv, -7u, 2);
  Forge(t, -2u, -3u, false);
  EXPECT_FALSE(RowAccepted(t, 0));
  // q = -4, r = 1 is floor division: the remainder's sign differs from the dividend's.
  Forge(t, -4u, 1, false);
  EXPECT_FALSE(RowAccepted(t, 0));
  // rem 7 / -2 = 1: q = -4, r = -1 has the divisor's sign.
  t = OneRow(Opcode::kRem, 7, -2u);
  Forge(t, -4u, -1u, false);
  EXPECT_FALSE(RowAccepted(t, 0));
  // A product that needs the high part: divu 0xFFFF_FFFF / 0x1_0000 with q one too small.
  t = OneRow(Opcode::kDivu, 0xFFFF'FFFFu, 0x1'0000u);
  Forge(t, 0xFFFE, 0x1'FFFF, false);
  EXPECT_FALSE(RowAccepted(t, 0));
}

TEST(DivRemTableTest, DivisionByZeroForced) {
  for (Opcode op : {Opcode::kDiv, Opcode::kDivu, Opcode::kRem, Opcode::kRemu}) {
    crypto::ColumnMajorMatrix t = OneRow(op, 0x1234'5678u, 0);
    ASSERT_TRUE(RowAccepted(t, 0));
    // Any other quotient with r = a (b q + r = a holds for every q).
    Forge(t, 0, 0x1234'5678u, false);
    EXPECT_FALSE(RowAccepted(t, 0)) << static_cast<int>(op);
    Forge(t, 0x7FFF'FFFFu, 0x1234'5678u, false);
    EXPECT_FALSE(RowAccepted(t, 0)) << static_cast<int>(op);
    // Another remainder.
    Forge(t, 0xFFFF'FFFFu, 0, false);
    EXPECT_FALSE(RowAccepted(t, 0)) << static_cast<int>(op);
    // The zero flag claimed off: nz = b inv is 0 whatever inv is.
    t = OneRow(op, 0x1234'5678u, 0);
    t(0, Col::kInv) = Felt::One();
    EXPECT_FALSE(RowAccepted(t, 0)) << static_cast<int>(op);
  }
}

TEST(DivRemTableTest, OverflowCaseForced) {
  // div INT_MIN / -1: without the overflow flag no quotient fits; with it only INT_MIN, 0.
  for (Opcode op : {Opcode::kDiv, Opcode::kRem}) {
    crypto::ColumnMajorMatrix t = OneRow(op, 0x8000'0000u, 0xFFFF'FFFFu);
    ASSERT_TRUE(RowAccepted(t, 0));
    ASSERT_EQ(Cell(t, 0, Col::kOvf), 1u);
    for (uint32_t q : {0x8000'0000u, 0x7FFF'FFFFu, 0u, 1u, 0xFFFF'FFFFu}) {
      for (uint32_t r : {0u, 1u, 0xFFFF'FFFFu, 0x8000'0000u}) {
        Forge(t, q, r, false);
        EXPECT_FALSE(RowAccepted(t, 0)) << q << " " << r;
        if (q == 0x8000'0000u && r == 0) continue;
        Forge(t, q, r, true);
        EXPECT_FALSE(RowAccepted(t, 0)) << q << " " << r;
      }
    }
  }
  // The flag on an unsigned op: divu INT_MIN / 0xFFFF_FFFF with q = 1, r = 2^31 + 1 satisfies
  // b q + r = a + 2^32 and r < b.
  crypto::ColumnMajorMatrix t = OneRow(Opcode::kDivu, 0x8000'0000u, 0xFFFF'FFFFu);
  Forge(t, 1, 0x8000'0001u, true);
  EXPECT_FALSE(RowAccepted(t, 0));
  // The flag with another divisor: div INT_MIN / 1.
  t = OneRow(Opcode::kDiv, 0x8000'0000u, 1);
  Forge(t, 0x8000'0000u, 0, true);
  EXPECT_FALSE(RowAccepted(t, 0));
}

}  // namespace
}  // namespace zkvm::prover
