// Tests of the BYTE table (byte_table.h): the preprocessed rows, the lookup-to-row mapping, the
// row checker on a valid trace, and a test "user" table whose lookups balance with BYTE in the
// bus ledger and prove and verify with the STARK engine; an invalid lookup (a wrong XOR result,
// a value out of range) and a mutated multiplicity leave the bus unbalanced and a forced proof
// is rejected.
#include "prover/tables/byte_table.h"

#include <gtest/gtest.h>

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

// A test table that sends one BYTE lookup per row. Columns: op, x, y, z, m (the multiplicity,
// 0 on padding rows).
class ByteUserAir {
 public:
  const char* name() const { return "byte_user"; }
  AirShape shape() const { return {.num_main_columns = 5, .max_degree = 3}; }
  template <typename E>
  void Evaluate(E& e) const {
    e.Send(kByteBus, e.main(4), {e.main(0), e.main(1), e.main(2), e.main(3)});
  }
};

ColumnMajorMatrix UserTrace(const std::vector<ByteLookup>& lookups, size_t rows) {
  ColumnMajorMatrix m(rows, 5);
  for (size_t r = 0; r < lookups.size(); ++r) {
    m(r, 0) = Felt::FromU64(static_cast<uint64_t>(lookups[r].op));
    m(r, 1) = Felt::FromU64(lookups[r].x);
    m(r, 2) = Felt::FromU64(lookups[r].y);
    m(r, 3) = Felt::FromU64(lookups[r].z);
    m(r, 4) = Felt::One();
  }
  return m;
}

std::vector<ByteLookup> ValidLookups() {
  return {ByteLookup::And(0xF0, 0x3C), ByteLookup::Or(0x12, 0x81), ByteLookup::Xor(0xFF, 0x0F),
          ByteLookup::Pair(255, 0),    ByteLookup::Msb(0x80),      ByteLookup::Msb(0x7F),
          ByteLookup::R16(0xFFFF),     ByteLookup::R16(0),         ByteLookup::Xor(0xFF, 0x0F),
          ByteLookup::R16(0x1234)};
}

stark::ProofOptions TestOptions() {
  stark::ProofOptions o = stark::kInsecureTestOptions;
  o.log_blowup = 1;
  o.num_queries = 8;
  return o;
}

// The BYTE table and a user table, with their traces, as one statement.
struct ByteStatement {
  ByteAir byte_air;
  ByteUserAir user_air;
  ProverAirAdapter<ByteAir> byte{byte_air};
  ProverAirAdapter<ByteUserAir> user{user_air};
  ColumnMajorMatrix fixed = BytePreprocessed();
  ColumnMajorMatrix byte_main;
  ColumnMajorMatrix user_main;

  // `sent`: what the user table sends; `counted`: what the BYTE trace is built from.
  ByteStatement(const std::vector<ByteLookup>& sent, const std::vector<ByteLookup>& counted) {
    Result<ColumnMajorMatrix> m = BuildByteTrace(counted);
    EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().message);
    if (m.ok()) byte_main = std::move(m).value();
    user_main = UserTrace(sent, 16);
  }

  ProverStatement Statement() const {
    ProverStatement s;
    s.tables.push_back({&byte, byte_main, fixed, {}});
    s.tables.push_back({&user, user_main, {}, {}});
    s.options = TestOptions();
    return s;
  }

  // The row checker on both tables, with their interactions in one ledger.
  BusLedger Ledger() const {
    BusLedger ledger;
    EXPECT_TRUE(stark::CheckTable(byte_air, TableTrace{byte_main, fixed, {}}, &ledger).ok());
    EXPECT_TRUE(stark::CheckTable(user_air, TableTrace{user_main, {}, {}}, &ledger).ok());
    return ledger;
  }
};

TEST(ByteTableTest, PreprocessedRows) {
  const ColumnMajorMatrix m = BytePreprocessed();
  ASSERT_EQ(m.num_rows(), kByteTableRows);
  ASSERT_EQ(m.num_cols(), size_t{kNumBytePreprocessedColumns});
  for (size_t r : {size_t{0}, size_t{1}, size_t{0x80}, size_t{0x3CF0}, size_t{0xFFFF}}) {
    const uint64_t x = r % 256, y = r / 256;
    EXPECT_EQ(m(r, kByteX).value(), x);
    EXPECT_EQ(m(r, kByteY).value(), y);
    EXPECT_EQ(m(r, kByteAnd).value(), x & y);
    EXPECT_EQ(m(r, kByteOr).value(), x | y);
    EXPECT_EQ(m(r, kByteXor).value(), x ^ y);
    EXPECT_EQ(m(r, kByteMsb).value(), x >> 7);
    EXPECT_EQ(m(r, kByteX).value() + 256 * m(r, kByteY).value(), r);
  }
}

TEST(ByteTableTest, RowOfLookups) {
  EXPECT_EQ(*ByteRowOf(ByteLookup::And(0xF0, 0x3C)), 0x3CF0u);
  EXPECT_EQ(*ByteRowOf(ByteLookup::Msb(0x80)), 0x80u);
  EXPECT_EQ(*ByteRowOf(ByteLookup::R16(0xABCD)), 0xABCDu);
  EXPECT_FALSE(ByteRowOf({ByteOp::kXor, 1, 2, 4}).ok());
  EXPECT_FALSE(ByteRowOf(ByteLookup::And(256, 0)).ok());
  EXPECT_FALSE(ByteRowOf(ByteLookup::Pair(0, 256)).ok());
  EXPECT_FALSE(ByteRowOf({ByteOp::kPair, 1, 2, 1}).ok());
  EXPECT_FALSE(ByteRowOf({ByteOp::kMsb, 0x80, 0, 0}).ok());
  EXPECT_FALSE(ByteRowOf(ByteLookup::Msb(256)).ok());
  EXPECT_FALSE(ByteRowOf(ByteLookup::R16(0x10000)).ok());
  EXPECT_FALSE(ByteRowOf({ByteOp::kR16, 5, 1, 0}).ok());
  EXPECT_FALSE(ByteRowOf({static_cast<ByteOp>(7), 0, 0, 0}).ok());
}

TEST(ByteTableTest, CountsPerRow) {
  ByteCounts counts;
  ASSERT_TRUE(counts.Add(ByteLookup::Xor(1, 2)).ok());
  ASSERT_TRUE(counts.Add(ByteLookup::Xor(1, 2), 3).ok());
  ASSERT_TRUE(counts.Add(ByteLookup::R16(1 + 2 * 256)).ok());
  EXPECT_FALSE(counts.Add({ByteOp::kXor, 1, 2, 0}).ok());
  EXPECT_EQ(counts.count(ByteOp::kXor, 1 + 2 * 256), 4u);
  EXPECT_EQ(counts.count(ByteOp::kR16, 1 + 2 * 256), 1u);
  EXPECT_EQ(counts.count(ByteOp::kAnd, 1 + 2 * 256), 0u);
  const ColumnMajorMatrix m = counts.Trace();
  EXPECT_EQ(m(1 + 2 * 256, static_cast<size_t>(ByteOp::kXor) - 1).value(), 4u);
}

TEST(ByteTableTest, ShapeAndPacking) {
  const ByteAir air;
  const ProverAirAdapter<ByteAir> adapter(air);
  ASSERT_TRUE(adapter.valid());
  EXPECT_EQ(adapter.logup().per_column, 2u);
  EXPECT_EQ(stark::FirstConstraintAboveDegree(air), -1);
}

TEST(ByteTableTest, RowCheckerAcceptsValidTrace) {
  const ByteStatement s(ValidLookups(), ValidLookups());
  const ColumnMajorMatrix& fixed = s.fixed;
  const Status status = stark::CheckTable(s.byte_air, TableTrace{s.byte_main, fixed, {}});
  EXPECT_TRUE(status.ok()) << status.message();
}

TEST(ByteTableTest, ValidLookupsBalanceProveAndVerify) {
  const ByteStatement s(ValidLookups(), ValidLookups());
  const BusLedger ledger = s.Ledger();
  EXPECT_TRUE(ledger.Balanced()) << ledger.Report();
  const ProverStatement statement = s.Statement();
  Result<std::vector<uint8_t>> proof = stark::ProveStark(statement);
  ASSERT_TRUE(proof.ok()) << proof.error().message;
  const Status v = zkvm::testing::VerifyProverStatement(*proof, statement);
  EXPECT_TRUE(v.ok()) << v.message();
}

// An invalid lookup has no BYTE row to count it on, so the bus cannot balance.
void ExpectRejected(const ByteLookup& bad) {
  ASSERT_FALSE(ByteRowOf(bad).ok());
  std::vector<ByteLookup> sent = ValidLookups();
  sent.push_back(bad);
  const ByteStatement s(sent, ValidLookups());
  const BusLedger ledger = s.Ledger();
  EXPECT_FALSE(ledger.Balanced());
  EXPECT_NE(ledger.Report().find("byte_user"), std::string::npos) << ledger.Report();
  const ProverStatement statement = s.Statement();
  EXPECT_FALSE(stark::ProveStark(statement).ok());  // the debug checks refuse it
  EXPECT_FALSE(ForceProveAndVerify(statement).ok());
}

TEST(ByteTableTest, WrongXorResultIsRejected) { ExpectRejected({ByteOp::kXor, 0xFF, 0x0F, 0xF1}); }

TEST(ByteTableTest, OutOfRangeR16IsRejected) { ExpectRejected(ByteLookup::R16(0x10000)); }

TEST(ByteTableTest, NonBytePairIsRejected) { ExpectRejected(ByteLookup::Pair(256, 1)); }

TEST(ByteTableTest, MutatedMultiplicityIsRejected) {
  ByteStatement s(ValidLookups(), ValidLookups());
  const size_t row = *ByteRowOf(ByteLookup::Xor(0xFF, 0x0F));
  const size_t col = static_cast<size_t>(ByteOp::kXor) - 1;
  ASSERT_EQ(s.byte_main(row, col).value(), 2u);
  s.byte_main(row, col) = Felt::One();
  const BusLedger ledger = s.Ledger();
  EXPECT_FALSE(ledger.Balanced());
  EXPECT_NE(ledger.Report().find("byte"), std::string::npos) << ledger.Report();
  EXPECT_FALSE(ForceProveAndVerify(s.Statement()).ok());
  // A count on a row nobody looked up.
  ByteStatement extra(ValidLookups(), ValidLookups());
  extra.byte_main(7, static_cast<size_t>(ByteOp::kR16) - 1) = Felt::One();
  EXPECT_FALSE(extra.Ledger().Balanced());
  EXPECT_FALSE(ForceProveAndVerify(extra.Statement()).ok());
}

}  // namespace
}  // namespace zkvm::prover
