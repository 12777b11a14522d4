// Tests of the POW table (pow_table.h): the preprocessed rows, the counts, and a test "user"
// table whose lookups balance with POW in the bus ledger and prove and verify with the STARK
// engine; a tuple that is not a POW row (a left power on a right shift, a shift amount of 32,
// a wrong sign fill) and a mutated multiplicity leave the bus unbalanced and a forced proof is
// rejected.
#include "prover/tables/pow_table.h"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

#include "stark/air/bus_ledger.h"
#include "stark/air/row_checker.h"
#include "stark/prover/stark_prover.h"
#include "stark/security/proof_options.h"
#include "stark/verifier/stark_verifier_host.h"
#include "testing/stark_testing.h"

namespace zkvm::prover {
namespace {

using zkvm::testing::ForceProveAndVerify;

using stark::BusLedger;
using stark::ProverAirAdapter;
using stark::ProverStatement;
using stark::TableTrace;

// A POW tuple (s, dir, P, F, z).
using PowTuple = std::array<uint64_t, 5>;

PowTuple Tuple(uint32_t s, uint32_t dir) {
  const PowValues v = PowOf(s, dir);
  return {s, dir, v.p, v.f, v.z};
}

// A test table that sends one POW lookup per row. Columns: s, dir, P, F, z, m (the
// multiplicity, 0 on padding rows).
class PowUserAir {
 public:
  const char* name() const { return "pow_user"; }
  AirShape shape() const { return {.num_main_columns = 6, .max_degree = 3}; }
  template <typename E>
  void Evaluate(E& e) const {
    e.Send(kPowBus, e.main(5), {e.main(0), e.main(1), e.main(2), e.main(3), e.main(4)});
  }
};

ColumnMajorMatrix UserTrace(const std::vector<PowTuple>& tuples, size_t rows) {
  ColumnMajorMatrix m(rows, 6);
  for (size_t r = 0; r < tuples.size(); ++r) {
    for (size_t c = 0; c < 5; ++c) m(r, c) = Felt::FromU64(tuples[r][c]);
    m(r, 5) = Felt::One();
  }
  return m;
}

std::vector<PowTuple> ValidTuples() {
  return {Tuple(0, 0),  Tuple(0, 1),  Tuple(1, 0), Tuple(1, 1),  Tuple(31, 0),
          Tuple(31, 1), Tuple(16, 1), Tuple(7, 0), Tuple(16, 1), Tuple(31, 1)};
}

stark::ProofOptions TestOptions() {
  stark::ProofOptions o = stark::kInsecureTestOptions;
  o.log_blowup = 1;
  o.num_queries = 8;
  return o;
}

// The POW table and a user table, with their traces, as one statement.
struct PowStatement {
  PowAir pow_air;
  PowUserAir user_air;
  ProverAirAdapter<PowAir> pow{pow_air};
  ProverAirAdapter<PowUserAir> user{user_air};
  ColumnMajorMatrix fixed = PowPreprocessed();
  ColumnMajorMatrix pow_main;
  ColumnMajorMatrix user_main;

  // `sent`: what the user table sends; `counted`: the (s, dir) the POW trace is built from.
  PowStatement(const std::vector<PowTuple>& sent, const std::vector<PowTuple>& counted) {
    PowCounts counts;
    for (const PowTuple& t : counted) {
      EXPECT_TRUE(counts.Add(static_cast<uint32_t>(t[0]), static_cast<uint32_t>(t[1])).ok());
    }
    pow_main = counts.Trace();
    user_main = UserTrace(sent, 16);
  }

  ProverStatement Statement() const {
    ProverStatement s;
    s.tables.push_back({&pow, pow_main, fixed, {}});
    s.tables.push_back({&user, user_main, {}, {}});
    s.options = TestOptions();
    return s;
  }

  BusLedger Ledger() const {
    BusLedger ledger;
    EXPECT_TRUE(stark::CheckTable(pow_air, TableTrace{pow_main, fixed, {}}, &ledger).ok());
    EXPECT_TRUE(stark::CheckTable(user_air, TableTrace{user_main, {}, {}}, &ledger).ok());
    return ledger;
  }
};

TEST(PowTableTest, PreprocessedRows) {
  const ColumnMajorMatrix m = PowPreprocessed();
  ASSERT_EQ(m.num_rows(), kPowTableRows);
  ASSERT_EQ(m.num_cols(), size_t{kNumPowPreprocessedColumns});
  const auto row = [&](uint32_t s, uint32_t dir) {
    const size_t r = PowRow(s, dir);
    EXPECT_EQ(r, s + 32 * dir);
    return PowTuple{m(r, kPowS).value(), m(r, kPowDir).value(), m(r, kPowP).value(),
                    m(r, kPowF).value(), m(r, kPowZ).value()};
  };
  EXPECT_EQ(row(0, 0), (PowTuple{0, 0, 1, 0, 1}));
  EXPECT_EQ(row(1, 0), (PowTuple{1, 0, 2, 0, 0}));
  EXPECT_EQ(row(31, 0), (PowTuple{31, 0, uint64_t{1} << 31, 0, 0}));
  EXPECT_EQ(row(0, 1), (PowTuple{0, 1, 1, 0, 1}));
  EXPECT_EQ(row(1, 1), (PowTuple{1, 1, uint64_t{1} << 31, uint64_t{1} << 31, 0}));
  EXPECT_EQ(row(16, 1), (PowTuple{16, 1, 1 << 16, 0xFFFF'0000u, 0}));
  EXPECT_EQ(row(31, 1), (PowTuple{31, 1, 2, 0xFFFF'FFFEu, 0}));
  // Every row: a u32 times P stays below 2^63, and a right shift's P and F split 2^32.
  for (uint32_t dir = 0; dir < 2; ++dir) {
    for (uint32_t s = 0; s < 32; ++s) {
      const PowTuple t = row(s, dir);
      EXPECT_LE(t[2], uint64_t{1} << 31);
      if (dir == 1) {
        EXPECT_EQ(t[2] << s, s == 0 ? 1 : uint64_t{1} << 32);
        EXPECT_EQ(t[2] + t[3], s == 0 ? 1 : uint64_t{1} << 32);
      } else {
        EXPECT_EQ(t[3], 0u);
      }
    }
  }
}

TEST(PowTableTest, CountsPerRow) {
  PowCounts counts;
  ASSERT_TRUE(counts.Add(3, 1).ok());
  ASSERT_TRUE(counts.Add(3, 1, 4).ok());
  ASSERT_TRUE(counts.Add(3, 0).ok());
  EXPECT_FALSE(counts.Add(32, 0).ok());
  EXPECT_FALSE(counts.Add(0, 2).ok());
  EXPECT_EQ(counts.count(3, 1), 5u);
  EXPECT_EQ(counts.count(3, 0), 1u);
  EXPECT_EQ(counts.count(4, 1), 0u);
  const ColumnMajorMatrix m = counts.Trace();
  ASSERT_EQ(m.num_rows(), kPowTableRows);
  ASSERT_EQ(m.num_cols(), 1u);
  EXPECT_EQ(m(35, 0).value(), 5u);
  EXPECT_EQ(m(3, 0).value(), 1u);
}

TEST(PowTableTest, ShapeAndPacking) {
  const PowAir air;
  const ProverAirAdapter<PowAir> adapter(air);
  ASSERT_TRUE(adapter.valid());
  EXPECT_EQ(adapter.logup().per_column, 2u);
  EXPECT_EQ(stark::FirstConstraintAboveDegree(air), -1);
}

TEST(PowTableTest, ValidLookupsBalanceProveAndVerify) {
  const PowStatement s(ValidTuples(), ValidTuples());
  const BusLedger ledger = s.Ledger();
  EXPECT_TRUE(ledger.Balanced()) << ledger.Report();
  const ProverStatement statement = s.Statement();
  Result<std::vector<uint8_t>> proof = stark::ProveStark(statement);
  ASSERT_TRUE(proof.ok()) << proof.error().message;
  const Status v = zkvm::testing::VerifyProverStatement(*proof, statement);
  EXPECT_TRUE(v.ok()) << v.message();
}

// A tuple that is no POW row cannot balance, whatever the counts: `counted` is the honest
// prover's best guess, the row (s, dir) the tuple claims.
void ExpectRejected(const PowTuple& bad) {
  std::vector<PowTuple> sent = ValidTuples();
  sent.push_back(bad);
  std::vector<PowTuple> counted = ValidTuples();
  if (bad[0] < 32 && bad[1] < 2) counted.push_back(bad);
  const PowStatement s(sent, counted);
  const BusLedger ledger = s.Ledger();
  EXPECT_FALSE(ledger.Balanced());
  EXPECT_NE(ledger.Report().find("pow_user"), std::string::npos) << ledger.Report();
  const ProverStatement statement = s.Statement();
  EXPECT_FALSE(stark::ProveStark(statement).ok());  // the debug checks refuse it
  EXPECT_FALSE(ForceProveAndVerify(statement).ok());
}

TEST(PowTableTest, LeftPowerOnRightShiftIsRejected) {
  ExpectRejected({3, 1, 8, 0, 0});  // srl by 3 as a multiplication by 2^3
}

TEST(PowTableTest, WrongZeroFlagIsRejected) {
  ExpectRejected({0, 1, 1, 0, 0});  // srl by 0 claiming the high word
}

TEST(PowTableTest, ShiftOf32IsRejected) { ExpectRejected({32, 0, uint64_t{1} << 32, 0, 0}); }

TEST(PowTableTest, WrongSignFillIsRejected) {
  ExpectRejected({4, 1, 1 << 28, 0, 0});  // sra by 4 without the fill
}

TEST(PowTableTest, MutatedMultiplicityIsRejected) {
  PowStatement s(ValidTuples(), ValidTuples());
  const size_t row = PowRow(16, 1);
  ASSERT_EQ(s.pow_main(row, 0).value(), 2u);
  s.pow_main(row, 0) = Felt::One();
  EXPECT_FALSE(s.Ledger().Balanced());
  EXPECT_FALSE(ForceProveAndVerify(s.Statement()).ok());
  PowStatement extra(ValidTuples(), ValidTuples());
  extra.pow_main(PowRow(5, 0), 0) = Felt::One();
  EXPECT_FALSE(extra.Ledger().Balanced());
  EXPECT_FALSE(ForceProveAndVerify(extra.Statement()).ok());
}

}  // namespace
}  // namespace zkvm::prover
