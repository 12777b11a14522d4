// The AIR layer on the test AIRs: valid traces pass the row checker with balanced buses; every
// single-cell mutation of the Fibonacci trace, a wrong public value, an out-of-range byte, a
// changed multiplicity and a dropped row are each caught (by a constraint or by the bus
// ledger, with the place named); declared degrees are checked symbolically.
#include <gtest/gtest.h>

#include "stark/air/row_checker.h"
#include "testing/airs/test_traces.h"

namespace zkvm::stark {
namespace {

using testing::ByteRangeAir;
using testing::BytesAir;
using testing::FibonacciAir;
using testing::PipelineTrace;
using testing::WordSourceAir;

std::vector<Felt> FibPublics(const crypto::ColumnMajorMatrix& m) {
  return {m(0, 0), m(0, 1), m(m.num_rows() - 1, 1)};
}

TEST(AirTest, FibonacciTracePassesAndEveryCellIsConstrained) {
  auto trace = testing::FibonacciTrace(32, 1, 1);
  const std::vector<Felt> publics = FibPublics(trace);
  FibonacciAir air;
  ASSERT_TRUE(CheckTable(air, {trace, {}, publics}).ok());
  int caught = 0;
  for (size_t c = 0; c < 2; ++c) {
    for (size_t r = 0; r < trace.num_rows(); ++r) {
      const Felt saved = trace(r, c);
      trace(r, c) += Felt::One();
      const Status s = CheckTable(air, {trace, {}, publics});
      EXPECT_FALSE(s.ok()) << "cell (" << r << ", " << c << ") changed and accepted";
      caught += !s.ok();
      trace(r, c) = saved;
    }
  }
  EXPECT_EQ(caught, 64);
  std::vector<Felt> wrong = publics;
  wrong[2] += Felt::One();
  const Status s = CheckTable(air, {trace, {}, wrong});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message().rfind("table fibonacci, row 31: constraint 4 evaluates to", 0), 0u)
      << s.message();
}

TEST(AirTest, ShapeMismatchesAreNamed) {
  auto trace = testing::FibonacciTrace(32, 1, 1);
  const std::vector<Felt> publics = FibPublics(trace);
  FibonacciAir air;
  EXPECT_EQ(CheckTable(air, {trace, {}, std::span(publics).first(2)}).message(),
            "table fibonacci: 2 public values, the AIR declares 3");
  crypto::ColumnMajorMatrix one_col(32, 1);
  EXPECT_EQ(CheckTable(air, {one_col, {}, publics}).message(),
            "table fibonacci: 1 main columns, the AIR declares 2");
}

// A table that claims degree 2 but has a degree-3 constraint.
class UnderDeclaredAir {
 public:
  const char* name() const { return "under_declared"; }
  AirShape shape() const { return {.num_main_columns = 1, .max_degree = 2}; }
  template <typename E>
  void Evaluate(E& e) const {
    const auto x = e.main(0);
    e.Constrain(e.is_transition() * (e.main_next(0) - x));
    e.Constrain(e.is_transition() * x * x);  // degree 3
  }
};

TEST(AirTest, DegreesAreCheckedNotTrusted) {
  DegreeEvaluator d;
  FibonacciAir().Evaluate(d);
  EXPECT_EQ(d.num_constraints(), 5u);
  EXPECT_EQ(d.max_constraint_degree(), 2);
  EXPECT_EQ(FirstConstraintAboveDegree(FibonacciAir()), -1);
  EXPECT_EQ(FirstConstraintAboveDegree(UnderDeclaredAir()), 1);
  crypto::ColumnMajorMatrix zeros(8, 1);
  EXPECT_EQ(CheckTable(UnderDeclaredAir(), {zeros, {}, {}}).message(),
            "table under_declared: constraint 1 has degree 3, above the declared bound 2");

  DegreeEvaluator bytes;
  BytesAir().Evaluate(bytes);
  EXPECT_EQ(bytes.num_interactions(), 5u);
  EXPECT_EQ(bytes.max_multiplicity_degree(), 1);
  EXPECT_EQ(bytes.max_fingerprint_degree(), 1);
}

struct Pipeline {
  testing::PipelineTraces t = PipelineTrace(0x01020304, 0x00ff0001);
  // Checks all three tables; returns the first constraint error, or "" and fills `ledger`.
  std::string Check(BusLedger& ledger) const {
    if (Status s = CheckTable(WordSourceAir(), {t.words, {}, t.word_publics}, &ledger); !s) {
      return s.message();
    }
    if (Status s = CheckTable(BytesAir(), {t.bytes, {}, {}}, &ledger); !s) return s.message();
    if (Status s = CheckTable(ByteRangeAir(), {t.range, t.range_fixed, {}}, &ledger); !s) {
      return s.message();
    }
    return "";
  }
};

TEST(AirTest, PipelineOfThreeHeightsBalancesItsBuses) {
  Pipeline p;
  BusLedger ledger;
  ASSERT_EQ(p.Check(ledger), "");
  EXPECT_TRUE(ledger.Balanced()) << ledger.Report();
  // 8 word sends, 8 word receives, 32 byte sends, and one receive per distinct byte value.
  EXPECT_GE(ledger.num_interactions(), 8u + 8u + 32u + 1u);
  EXPECT_EQ(ledger.Report(), "");
}

TEST(AirTest, PipelineMutationsAreCaughtByConstraintsOrBuses) {
  {  // A byte out of range that keeps the decomposition: x = b0 + 256 b1 with b0 = 256 + ...
    Pipeline p;
    p.t.bytes(0, 2) += Felt::FromU64(256);
    p.t.bytes(0, 3) -= Felt::One();
    BusLedger ledger;
    ASSERT_EQ(p.Check(ledger), "");   // every constraint still holds...
    EXPECT_FALSE(ledger.Balanced());  // ...but the byte bus catches it
    EXPECT_NE(ledger.Report().find("bus 2, tuple ("), std::string::npos) << ledger.Report();
    EXPECT_NE(ledger.Report().find("sent by bytes row 0"), std::string::npos) << ledger.Report();
  }
  {  // A changed multiplicity in the lookup table.
    Pipeline p;
    p.t.range(7, 0) += Felt::One();
    BusLedger ledger;
    ASSERT_EQ(p.Check(ledger), "");
    EXPECT_EQ(ledger.Report(),
              "bus 2, tuple (7): net multiplicity -1 (sent by bytes row 3; sent by bytes row 7; "
              "received by byte_range row 7 x3)\n");
  }
  {  // A dropped row: one word never received.
    Pipeline p;
    for (size_t c = 0; c < 6; ++c) p.t.bytes(3, c) = Felt::Zero();
    BusLedger ledger;
    ASSERT_EQ(p.Check(ledger), "");
    EXPECT_FALSE(ledger.Balanced());
    EXPECT_NE(ledger.Report().find("bus 1, tuple ("), std::string::npos) << ledger.Report();
  }
  {  // A duplicated row: one word received twice.
    Pipeline p;
    for (size_t c = 0; c < 6; ++c) p.t.bytes(8, c) = p.t.bytes(2, c);
    BusLedger ledger;
    ASSERT_EQ(p.Check(ledger), "");
    EXPECT_FALSE(ledger.Balanced());
  }
  {  // A broken decomposition is a constraint failure.
    Pipeline p;
    p.t.bytes(5, 1) += Felt::One();
    BusLedger ledger;
    EXPECT_EQ(p.Check(ledger).rfind("table bytes, row 5: constraint 1 evaluates to", 0), 0u);
  }
  {  // A non-boolean `active`.
    Pipeline p;
    p.t.bytes(9, 0) = Felt::FromU64(2);
    BusLedger ledger;
    EXPECT_EQ(p.Check(ledger).rfind("table bytes, row 9: constraint 0", 0), 0u);
  }
}

TEST(AirTest, ExternalContributionsBalanceAgainstTables) {
  // The verifier can supply one side of a bus from public data.
  BusLedger ledger;
  ledger.Add(5, {Felt::FromU64(42)}, Felt::One(), /*send=*/true, "commit", 3);
  EXPECT_FALSE(ledger.Balanced());
  ledger.AddExternal(5, {Felt::FromU64(42)}, Felt::One(), /*send=*/false, "public output");
  EXPECT_TRUE(ledger.Balanced());
}

TEST(AirTest, OodEvaluatorFoldsConstraintsWithAlpha) {
  // With every constraint's inputs chosen so that constraint i evaluates to a known value,
  // the fold is the Horner sum.
  const Ext3 a(Felt::FromU64(3), Felt::FromU64(1), Felt::Zero());
  const Ext3 b(Felt::FromU64(5), Felt::Zero(), Felt::FromU64(2));
  const Ext3 main[2] = {a, b};
  const Ext3 next[2] = {b, a + b + Ext3::One()};
  const Felt publics[3] = {Felt::FromU64(3), Felt::FromU64(5), Felt::FromU64(9)};
  OodEvaluator::Inputs in;
  in.main = main;
  in.main_next = next;
  in.public_values = publics;
  in.is_first_row = Ext3(Felt::FromU64(2));
  in.is_last_row = Ext3(Felt::FromU64(7));
  in.is_transition = Ext3(Felt::FromU64(11));
  in.alpha = Ext3(Felt::FromU64(10), Felt::One(), Felt::Zero());
  OodEvaluator e(in);
  FibonacciAir().Evaluate(e);
  const Ext3 c[5] = {in.is_first_row * (a - Ext3(publics[0])),
                     in.is_first_row * (b - Ext3(publics[1])), in.is_transition * (next[0] - b),
                     in.is_transition * (next[1] - (a + b)),
                     in.is_last_row * (b - Ext3(publics[2]))};
  Ext3 expected;
  for (const Ext3& x : c) expected = expected * in.alpha + x;
  EXPECT_EQ(e.folded(), expected);
  EXPECT_FALSE(e.folded().IsZero());
}

}  // namespace
}  // namespace zkvm::stark
