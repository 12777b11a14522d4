// Tests of the SHIFT_I and SHIFT_R tables (shift_table.h): rows filled from executed slli, srli,
// srai, sll, srl and sra on edge values (0, 1, -1, INT_MIN, INT_MAX, 16-bit boundaries; shift
// amounts 0, 1, 15, 16, 31 and rs2 values with bits above 5 set) satisfy the constraints, make
// valid lookups and write the architectural result; every single-cell change of a real row
// breaks a constraint or changes the table's bus interactions; and forged rows whose cells are
// kept consistent (a wrong sign bit, a wrong shift amount, a carry moved between the product's
// words, srl by 0 taking the high word) need a lookup that no BYTE or POW row answers.
#include "prover/tables/shift_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "stark/air/row_checker.h"
#include "testing/encoder.h"
#include "testing/tables/table_testing.h"

namespace zkvm::prover {
namespace {

using testing::WithHalt;

using executor::Opcode;
using zkvm::testing::I;
using zkvm::testing::R;
using zkvm::testing::U;

// rd := value (lui + addi, or addi alone).
void Li(std::vector<uint32_t>& code, unsigned rd, uint32_t value) {
  const uint32_t hi = (value + 0x800) >> 12;
  const auto lo = static_cast<int32_t>(value - (hi << 12));
  if (hi == 0) {
    code.push_back(I(Opcode::kAddi, rd, 0, lo));
    return;
  }
  code.push_back(U(Opcode::kLui, rd, hi & 0xFFFFF));
  if (lo != 0) code.push_back(I(Opcode::kAddi, rd, rd, lo));
}

// Values shifted (x5..x14) and register shift amounts (x15..x25).
constexpr uint32_t kValues[] = {0,      1,      0xFFFF'FFFF, 0x8000'0000, 0x7FFF'FFFF,
                                0x8000, 0xFFFF, 0x8000'0064, 0x1234'5678, 0xFFFF'8000};
constexpr uint32_t kAmounts[] = {0,  1,           15,          16,          31,         32,
                                 33, 0xFFFF'FFFF, 0x8000'0000, 0xFFFF'FFE0, 0x1234'5678};
constexpr unsigned kFirstValue = 5;
constexpr unsigned kFirstAmount = 15;

std::vector<uint32_t> LoadEdgeValues() {
  std::vector<uint32_t> code;
  for (unsigned i = 0; i < std::size(kValues); ++i) Li(code, kFirstValue + i, kValues[i]);
  for (unsigned i = 0; i < std::size(kAmounts); ++i) Li(code, kFirstAmount + i, kAmounts[i]);
  return code;
}

uint32_t Value(const ColumnMajorMatrix& t, size_t row, size_t col) {
  return static_cast<uint32_t>(t(row, col).value());
}

// The architectural result of a row, from its flags and operands.
template <bool kRegisterForm>
uint32_t Expected(const ColumnMajorMatrix& t, size_t row) {
  using Col = ShiftColumns<kRegisterForm>;
  const uint32_t a = Value(t, row, Col::kA);
  const uint32_t s = kRegisterForm ? Value(t, row, Col::kB) & 31 : Value(t, row, Col::kS);
  if (Value(t, row, Col::kFSll) == 1) return a << s;
  if (Value(t, row, Col::kFSra) == 1) return static_cast<uint32_t>(static_cast<int32_t>(a) >> s);
  return a >> s;
}

template <bool kRegisterForm>
void ExpectArchitecturalResults(const testing::FilledTable& filled) {
  using Col = ShiftColumns<kRegisterForm>;
  for (size_t r = 0; r < filled.real_rows; ++r) {
    EXPECT_EQ(Value(filled.trace, r, Col::kR), Expected<kRegisterForm>(filled.trace, r))
        << "row " << r;
  }
}

// Whether a row passes the constraints and each of its BYTE and POW lookups is a row of those
// tables. A forged row must fail one of the two to be rejected (a lookup no row answers
// cannot balance, whatever the multiplicities).
template <typename Air>
bool RowAccepted(const Air& air, const ColumnMajorMatrix& trace, size_t row) {
  const stark::TableTrace t{trace.view(), {}, {}};
  stark::RowEvaluator e(t, row);
  air.Evaluate(e);
  if (e.failed_constraint() >= 0) return false;
  for (const auto& i : e.interactions()) {
    if (i.bus == kByteBus) {
      for (const Felt& v : i.tuple) {
        if (v.value() >= kTwo32) return false;
      }
      const ByteLookup l{
          static_cast<ByteOp>(i.tuple[0].value()), static_cast<uint32_t>(i.tuple[1].value()),
          static_cast<uint32_t>(i.tuple[2].value()), static_cast<uint32_t>(i.tuple[3].value())};
      if (!ByteRowOf(l).ok()) return false;
    } else if (i.bus == kPowBus) {
      const uint64_t s = i.tuple[0].value(), dir = i.tuple[1].value();
      if (s >= 32 || dir >= 2) return false;
      const PowValues v = PowOf(static_cast<uint32_t>(s), static_cast<uint32_t>(dir));
      if (i.tuple[2].value() != v.p || i.tuple[3].value() != v.f || i.tuple[4].value() != v.z) {
        return false;
      }
    }
  }
  return true;
}

// The row's constraints all vanish.
template <typename Air>
bool ConstraintsHold(const Air& air, const ColumnMajorMatrix& trace, size_t row) {
  const stark::TableTrace t{trace.view(), {}, {}};
  stark::RowEvaluator e(t, row);
  air.Evaluate(e);
  return e.failed_constraint() < 0;
}

// The BYTE and POW lookups the AIR sends on the real rows are exactly those Fill reported.
template <typename Air>
void ExpectReportedLookups(const Air& air, const testing::FilledTable& filled) {
  using Tuple = std::vector<uint64_t>;
  std::vector<Tuple> sent, reported;
  const stark::TableTrace t{filled.trace.view(), {}, {}};
  for (size_t row = 0; row < filled.trace.num_rows(); ++row) {
    stark::RowEvaluator e(t, row);
    air.Evaluate(e);
    for (const auto& i : e.interactions()) {
      if (i.bus != kByteBus && i.bus != kPowBus) continue;
      ASSERT_TRUE(i.send);
      if (i.multiplicity.IsZero()) continue;
      ASSERT_EQ(i.multiplicity, Felt::One());
      Tuple tuple{i.bus};
      for (const Felt& v : i.tuple) tuple.push_back(v.value());
      sent.push_back(tuple);
    }
  }
  for (const ByteLookup& l : filled.byte_lookups) {
    reported.push_back({kByteBus, static_cast<uint64_t>(l.op), l.x, l.y, l.z});
  }
  for (auto [s, dir] : filled.pow_lookups) {
    const PowValues v = PowOf(s, dir);
    reported.push_back({kPowBus, s, dir, v.p, v.f, v.z});
  }
  std::sort(sent.begin(), sent.end());
  std::sort(reported.begin(), reported.end());
  EXPECT_EQ(sent, reported);
}

// The first real row with the given flag column set, operand a and shift amount s.
template <bool kRegisterForm>
size_t FindRow(const testing::FilledTable& filled, size_t flag, uint32_t a, uint32_t s) {
  using Col = ShiftColumns<kRegisterForm>;
  for (size_t r = 0; r < filled.real_rows; ++r) {
    if (Value(filled.trace, r, flag) == 1 && Value(filled.trace, r, Col::kA) == a &&
        Value(filled.trace, r, Col::kS) == s) {
      return r;
    }
  }
  ADD_FAILURE() << "no row with a = " << a << ", s = " << s;
  return 0;
}

// Rewrites the product, POW and result cells of a row for shift amount s and sign sa, as an
// honest fill would from those (the limbs stay in range).
template <bool kRegisterForm>
void SetShift(ColumnMajorMatrix& t, size_t row, uint32_t s, uint32_t sa) {
  using Col = ShiftColumns<kRegisterForm>;
  const uint32_t a = Value(t, row, Col::kA);
  const bool left = Value(t, row, Col::kFSll) == 1;
  const PowValues pow = PowOf(s, left ? 0 : 1);
  const uint64_t product = uint64_t{a} * pow.p;
  const auto l = static_cast<uint32_t>(product), h = static_cast<uint32_t>(product >> 32);
  t(row, Col::kS) = Felt::FromU64(s);
  t(row, Col::kP) = Felt::FromU64(pow.p);
  t(row, Col::kF) = Felt::FromU64(pow.f);
  t(row, Col::kZ) = Felt::FromU64(pow.z);
  t(row, Col::kL0) = Felt::FromU64(l & 0xFFFF);
  t(row, Col::kL1) = Felt::FromU64(l >> 16);
  t(row, Col::kH0) = Felt::FromU64(h & 0xFFFF);
  t(row, Col::kH1) = Felt::FromU64(h >> 16);
  t(row, Col::kSa) = Felt::FromU64(sa);
  uint64_t r = left ? l : (s == 0 ? l : h);
  if (Value(t, row, Col::kFSra) == 1) r += sa * pow.f;
  t(row, Col::kR) = Felt::FromU64(r);
}

TEST(ShiftTableTest, ShapeAndPacking) {
  const ShiftIAir i_air;
  const ShiftRAir r_air;
  const stark::ProverAirAdapter<ShiftIAir> i_adapter(i_air);
  const stark::ProverAirAdapter<ShiftRAir> r_adapter(r_air);
  ASSERT_TRUE(i_adapter.valid());
  ASSERT_TRUE(r_adapter.valid());
  EXPECT_EQ(i_adapter.logup().per_column, 2u);
  EXPECT_EQ(r_adapter.logup().per_column, 2u);
  EXPECT_EQ(stark::FirstConstraintAboveDegree(i_air), -1);
  EXPECT_EQ(stark::FirstConstraintAboveDegree(r_air), -1);
  stark::DegreeEvaluator i_deg, r_deg;
  i_air.Evaluate(i_deg);
  r_air.Evaluate(r_deg);
  EXPECT_EQ(i_deg.num_interactions(), 18u);
  EXPECT_EQ(r_deg.num_interactions(), 24u);
  EXPECT_EQ(i_air.shape().num_main_columns, 24u);
  EXPECT_EQ(r_air.shape().num_main_columns, 29u);
}

std::vector<uint32_t> ImmediateProgram() {
  std::vector<uint32_t> code = LoadEdgeValues();
  for (unsigned i = 0; i < std::size(kValues); ++i) {
    for (int32_t s : {0, 4, 31}) {
      code.push_back(I(Opcode::kSlli, 26, kFirstValue + i, s));
      code.push_back(I(Opcode::kSrli, 27, kFirstValue + i, s));
      code.push_back(I(Opcode::kSrai, 28, kFirstValue + i, s));
    }
  }
  return WithHalt(code);
}

// Every shift of the edge values by the edge amounts gives the architectural result, with
// valid lookups (FillFromProgram checks the constraints and the lookups).
TEST(ShiftTableTest, ImmediateFormEdgeCases) {
  std::vector<uint32_t> code = LoadEdgeValues();
  for (unsigned i = 0; i < std::size(kValues); ++i) {
    for (int32_t s : {0, 1, 4, 15, 16, 30, 31}) {
      code.push_back(I(Opcode::kSlli, 26, kFirstValue + i, s));
      code.push_back(I(Opcode::kSrli, 27, kFirstValue + i, s));
      code.push_back(I(Opcode::kSrai, 28, kFirstValue + i, s));
    }
  }
  Result<testing::FilledTable> filled =
      testing::FillFromProgram(ShiftITable(), TableId::kShiftI, WithHalt(code));
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  EXPECT_EQ(filled->real_rows, 210u);
  EXPECT_EQ(filled->pow_lookups.size(), 210u);
  ExpectArchitecturalResults<false>(*filled);
  ExpectReportedLookups(ShiftIAir(), *filled);
}

TEST(ShiftTableTest, RegisterFormEdgeCases) {
  std::vector<uint32_t> code = LoadEdgeValues();
  for (unsigned i = 0; i < std::size(kValues); ++i) {
    for (unsigned j = 0; j < std::size(kAmounts); ++j) {
      code.push_back(R(Opcode::kSll, 26, kFirstValue + i, kFirstAmount + j));
      code.push_back(R(Opcode::kSrl, 27, kFirstValue + i, kFirstAmount + j));
      code.push_back(R(Opcode::kSra, 28, kFirstValue + i, kFirstAmount + j));
    }
  }
  // x0 as either operand, and one register as both.
  code.push_back(R(Opcode::kSll, 26, 0, kFirstAmount + 1));
  code.push_back(R(Opcode::kSra, 26, kFirstValue + 3, 0));
  code.push_back(R(Opcode::kSrl, 26, kFirstValue + 8, kFirstValue + 8));
  Result<testing::FilledTable> filled =
      testing::FillFromProgram(ShiftRTable(), TableId::kShiftR, WithHalt(code));
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  EXPECT_EQ(filled->real_rows, 333u);
  EXPECT_EQ(filled->pow_lookups.size(), 333u);
  ExpectArchitecturalResults<true>(*filled);
  ExpectReportedLookups(ShiftRAir(), *filled);
}

// Single-cell changes of every real row (shifts by 0, 4 and 31 of every edge value).
TEST(ShiftTableTest, ImmediateFormMutations) {
  Result<testing::FilledTable> filled =
      testing::FillFromProgram(ShiftITable(), TableId::kShiftI, ImmediateProgram());
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  ASSERT_EQ(filled->real_rows, 90u);
  for (uint64_t delta : {uint64_t{1}, uint64_t{1} << 16, uint64_t{0xFFFF'FFFF'0000'0000}}) {
    const std::vector<std::string> undetected =
        testing::UndetectedMutations(ShiftITable(), *filled, filled->real_rows, delta);
    EXPECT_TRUE(undetected.empty()) << "delta " << delta << ": " << undetected.front();
  }
}

// Single-cell changes of every real row: sll, srl, sra of 0, -1, INT_MIN, INT_MAX, 2^31 + 100
// and 0x12345678 by rs2 = 0, 31, 33, -1 and -32.
TEST(ShiftTableTest, RegisterFormMutations) {
  std::vector<uint32_t> code = LoadEdgeValues();
  for (unsigned i : {0, 2, 3, 4, 7, 8}) {
    for (unsigned j : {0, 4, 6, 7, 9}) {
      code.push_back(R(Opcode::kSll, 26, kFirstValue + i, kFirstAmount + j));
      code.push_back(R(Opcode::kSrl, 27, kFirstValue + i, kFirstAmount + j));
      code.push_back(R(Opcode::kSra, 28, kFirstValue + i, kFirstAmount + j));
    }
  }
  Result<testing::FilledTable> filled =
      testing::FillFromProgram(ShiftRTable(), TableId::kShiftR, WithHalt(code));
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  ASSERT_EQ(filled->real_rows, 90u);
  for (uint64_t delta : {uint64_t{1}, uint64_t{1} << 16, uint64_t{0xFFFF'FFFF'0000'0000}}) {
    const std::vector<std::string> undetected =
        testing::UndetectedMutations(ShiftRTable(), *filled, filled->real_rows, delta);
    EXPECT_TRUE(undetected.empty()) << "delta " << delta << ": " << undetected.front();
  }
}

// sra of a negative value with the sign bit claimed 0 (the result is then the logical shift).
// With a = 2^31 + 100, the split a = 2^31 sa + q0 + 2^16 q1 checked by R16(q0), R16(2 q1)
// would accept sa = 0, q0 = 2^15 + 100, 2 q1 = 2^16 - 1; this table's split does not.
TEST(ShiftTableTest, ForgedSignBitIsRejected) {
  Result<testing::FilledTable> filled =
      testing::FillFromProgram(ShiftITable(), TableId::kShiftI, ImmediateProgram());
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  using Col = ShiftColumns<false>;
  const ShiftIAir air;
  for (uint32_t a : {0x8000'0064u, 0x8000'0000u, 0xFFFF'FFFFu, 0xFFFF'8000u}) {
    const size_t row = FindRow<false>(*filled, Col::kFSra, a, 4);
    ColumnMajorMatrix t = testing::CopyOf(filled->trace);
    EXPECT_TRUE(RowAccepted(air, t, row));
    SetShift<false>(t, row, 4, 0);
    EXPECT_EQ(Value(t, row, Col::kR), a >> 4);
    EXPECT_TRUE(ConstraintsHold(air, t, row));
    for (uint64_t q0 : {uint64_t{a & 0x7FFF}, uint64_t{a & 0xFFFF}, uint64_t{0x8000 + 100},
                        uint64_t{0}, uint64_t{0x7FFF}}) {
      t(row, Col::kQ0) = Felt::FromU64(q0);
      EXPECT_FALSE(RowAccepted(air, t, row)) << "a = " << a << ", q0 = " << q0;
    }
    // q0 a half integer: 2 q0 = u odd.
    t(row, Col::kQ0) = Felt::FromU64(0xFFFF) * Felt::FromU64(2).Inverse();
    EXPECT_FALSE(RowAccepted(air, t, row));
  }
  // And a positive value claimed negative.
  const size_t row = FindRow<false>(*filled, Col::kFSra, 0x7FFF'FFFF, 4);
  ColumnMajorMatrix t = testing::CopyOf(filled->trace);
  SetShift<false>(t, row, 4, 1);
  EXPECT_EQ(Value(t, row, Col::kR), 0xF7FF'FFFFu);
  EXPECT_FALSE(RowAccepted(air, t, row));
}

// srl by 0 claiming the high word (0) with z = 0: the POW tuple (0, 1, 1, 0, 0) is no row.
TEST(ShiftTableTest, ShiftByZeroTakesTheLowWord) {
  Result<testing::FilledTable> filled =
      testing::FillFromProgram(ShiftITable(), TableId::kShiftI, ImmediateProgram());
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  using Col = ShiftColumns<false>;
  const ShiftIAir air;
  for (size_t flag : {size_t{Col::kFSrl}, size_t{Col::kFSra}}) {
    const size_t row = FindRow<false>(*filled, flag, 0x8000'0064u, 0);
    ColumnMajorMatrix t = testing::CopyOf(filled->trace);
    EXPECT_EQ(Value(t, row, Col::kR), 0x8000'0064u);
    t(row, Col::kZ) = Felt::Zero();
    t(row, Col::kR) = Felt::Zero();
    EXPECT_TRUE(ConstraintsHold(air, t, row));
    EXPECT_FALSE(RowAccepted(air, t, row));
  }
}

// A carry moved from the high word into the low word keeps a P = L + 2^32 H but puts L1 out
// of range; moving it the other way makes a limb negative.
TEST(ShiftTableTest, MovedProductCarryIsRejected) {
  Result<testing::FilledTable> filled =
      testing::FillFromProgram(ShiftITable(), TableId::kShiftI, ImmediateProgram());
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  using Col = ShiftColumns<false>;
  const ShiftIAir air;
  const Felt two16 = Felt::FromU64(kTwo16);
  for (size_t flag : {size_t{Col::kFSll}, size_t{Col::kFSrl}}) {
    const size_t row = FindRow<false>(*filled, flag, 0xFFFF'FFFFu, 4);
    for (int dir : {1, -1}) {
      ColumnMajorMatrix t = testing::CopyOf(filled->trace);
      const Felt sign = dir > 0 ? Felt::One() : Felt::Zero() - Felt::One();
      t(row, Col::kL1) = t(row, Col::kL1) + sign * two16;
      t(row, Col::kH0) = t(row, Col::kH0) - sign;
      const bool left = flag == Col::kFSll;
      const Felt l = t(row, Col::kL0) + two16 * t(row, Col::kL1);
      const Felt h = t(row, Col::kH0) + two16 * t(row, Col::kH1);
      t(row, Col::kR) = left ? l : h;
      EXPECT_TRUE(ConstraintsHold(air, t, row));  // the constraints alone are satisfied
      EXPECT_FALSE(RowAccepted(air, t, row));
    }
  }
}

// sll/srl/sra by registers with bits above 5 set (b = 33, -1, 0x12345678), each row rewritten
// consistently for every other shift amount s < 32: only s = b & 31 splits b as s + 32 t.
TEST(ShiftTableTest, WrongRegisterShiftAmountIsRejected) {
  std::vector<uint32_t> code = LoadEdgeValues();
  for (unsigned i = 0; i < std::size(kValues); ++i) {
    code.push_back(R(Opcode::kSll, 26, kFirstValue + i, kFirstAmount + 6));   // b = 33
    code.push_back(R(Opcode::kSrl, 26, kFirstValue + i, kFirstAmount + 7));   // b = -1
    code.push_back(R(Opcode::kSra, 26, kFirstValue + i, kFirstAmount + 10));  // b & 31 = 24
  }
  Result<testing::FilledTable> filled =
      testing::FillFromProgram(ShiftRTable(), TableId::kShiftR, WithHalt(code));
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  using Col = ShiftColumns<true>;
  const ShiftRAir air;
  for (size_t row = 0; row < filled->real_rows; ++row) {
    const uint32_t b = Value(filled->trace, row, Col::kB);
    const uint32_t a = Value(filled->trace, row, Col::kA);
    ASSERT_TRUE(RowAccepted(air, filled->trace, row));
    for (uint32_t s = 0; s < 32; ++s) {
      if (s == (b & 31)) continue;
      ColumnMajorMatrix t = testing::CopyOf(filled->trace);
      SetShift<true>(t, row, s, a >> 31);
      ASSERT_TRUE(ConstraintsHold(air, t, row));
      // Any t0 the prover picks: the honest one, or the one of b - s.
      for (uint64_t t0 : {uint64_t{(b >> 5) & 0xFFFF}, uint64_t{((b - s) >> 5) & 0xFFFF}}) {
        t(row, Col::kT0) = Felt::FromU64(t0);
        EXPECT_FALSE(RowAccepted(air, t, row)) << "b = " << b << ", s = " << s;
      }
    }
  }
}

}  // namespace
}  // namespace zkvm::prover
