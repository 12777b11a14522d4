// The KECCAK tables in isolation: the AIR's shape and degrees, the rows against our Keccak-f and
// against OpenSSL's SHA3-256 (a sponge whose permutation is read off the table's rows), the
// constraints on traces with real calls and padding, and mutations of every column of a row.
// The whole-system tests (prover/vm) check the buses against the CPU and memory.
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <cstring>
#include <random>
#include <vector>

#include "crypto/hash/sha3.h"
#include "prover/tables/keccak_tables.h"
#include "stark/air/bus_ledger.h"
#include "stark/logup/logup.h"

namespace zkvm::prover {
namespace {

using crypto::ColumnMajorMatrix;

const stark::ProverAirAdapter<KeccakAir>& Air() {
  static const KeccakAir air;
  static const stark::ProverAirAdapter<KeccakAir> adapter(air);
  return adapter;
}

// The 24 rows of one call, row-major, and the state after them.
struct CallRows {
  std::vector<std::vector<Felt>> rows;
  uint64_t out[25];
};

CallRows FillCall(const uint64_t in[25], const KeccakRowContext& ctx) {
  CallRows c;
  std::memcpy(c.out, in, sizeof(c.out));
  for (int r = 0; r < crypto::kKeccakRounds; ++r) {
    c.rows.emplace_back(keccak_cols::kCount, Felt::Zero());
    RowWriter w(c.rows.back());
    FillKeccakRound(c.out, r, ctx, w);
  }
  return c;
}

// A trace of `calls` real calls on random states (seeded), padded with zero-state permutations to
// `height` rows.
ColumnMajorMatrix RandomTrace(size_t calls, size_t height, uint64_t seed) {
  std::mt19937_64 rng(seed);
  ColumnMajorMatrix m(height, keccak_cols::kCount);
  size_t row = 0;
  for (size_t k = 0; row < height; ++k) {
    uint64_t state[25] = {};
    KeccakRowContext ctx;
    if (k < calls) {
      for (uint64_t& lane : state) lane = rng();
      ctx = {.real = true, .clk = 1000 + 7 * k, .ptr = static_cast<uint32_t>(0x4000 + 64 * k)};
    }
    const CallRows c = FillCall(state, ctx);
    for (size_t r = 0; r < c.rows.size() && row < height; ++r, ++row) {
      for (size_t col = 0; col < keccak_cols::kCount; ++col) m(row, col) = c.rows[r][col];
    }
  }
  return m;
}

stark::TableTrace TraceOf(const ColumnMajorMatrix& m) { return {m.view(), {}, {}}; }

TEST(KeccakTableTest, ShapeDegreesAndInteractions) {
  const KeccakAir air;
  stark::DegreeEvaluator d;
  air.Evaluate(d);
  EXPECT_LE(d.max_constraint_degree(), 3);
  EXPECT_EQ(stark::FirstConstraintAboveDegree(air), -1);
  EXPECT_EQ(d.num_interactions(), 22u);  // KRC, KJOB, 10 KIN, 10 KOUT
  EXPECT_TRUE(stark::InteractionsUseOnlyCurrentRow(air));
  EXPECT_TRUE(Air().valid());
  std::printf(
      "keccak: %zu main columns, %zu constraints, %u aux columns (Ext3), %zu cells per "
      "call (main + aux)\n",
      keccak_cols::kCount, d.num_constraints(), Air().logup().num_aux_columns,
      kKeccakRowsPerCall * (keccak_cols::kCount + Air().logup().num_aux_felts()));
  for (const stark::AirShape shape : {KeccakMemAir().shape(), KeccakCallAir().shape()}) {
    EXPECT_EQ(shape.max_degree, 3);
  }
  EXPECT_EQ(stark::FirstConstraintAboveDegree(KeccakMemAir()), -1);
  EXPECT_EQ(stark::FirstConstraintAboveDegree(KeccakCallAir()), -1);
  EXPECT_EQ(stark::FirstConstraintAboveDegree(KeccakRcAir()), -1);
}

TEST(KeccakTableTest, RowsComputeKeccakF) {
  std::mt19937_64 rng(20261202);
  for (int trial = 0; trial < 20; ++trial) {
    uint64_t in[25];
    for (uint64_t& lane : in) lane = trial == 0 ? 0 : rng();
    const CallRows c = FillCall(in, {.real = true, .clk = 5, .ptr = 0x4000});
    uint64_t expected[25];
    std::memcpy(expected, in, sizeof(expected));
    crypto::KeccakF1600(expected);
    EXPECT_EQ(std::memcmp(c.out, expected, sizeof(expected)), 0);
    // The last row's output columns hold the permutation, as KOUT sends them.
    std::vector<Felt> last = c.rows.back();
    const auto words = KeccakRowOutput(RowWriter(last));
    EXPECT_EQ(std::memcmp(words.data(), expected, sizeof(expected)), 0);
    // Each row's output is the next row's input.
    for (size_t r = 0; r + 1 < c.rows.size(); ++r) {
      std::vector<Felt> row = c.rows[r];
      const auto out = KeccakRowOutput(RowWriter(row));
      for (size_t j = 0; j < kKeccakStateWords; ++j) {
        ASSERT_EQ(out[j], c.rows[r + 1][keccak_cols::kA + j].value()) << r << " " << j;
      }
    }
  }
}

// SHA3-256 with the permutation read off KECCAK's rows equals OpenSSL's.
struct TablePermutation {
  void operator()(uint64_t state[25]) const {
    const CallRows c = FillCall(state, {.real = true, .clk = 1, .ptr = 0x4000});
    std::vector<Felt> last = c.rows.back();
    const auto words = KeccakRowOutput(RowWriter(last));
    std::memcpy(state, words.data(), 200);
  }
};

TEST(KeccakTableTest, Sha3FromTheRowsMatchesOpenSsl) {
  std::mt19937_64 rng(99);
  for (size_t len : {0, 1, 135, 136, 137, 272, 1000}) {
    std::vector<uint8_t> msg(len);
    for (uint8_t& b : msg) b = static_cast<uint8_t>(rng());
    crypto::Sha3_256<TablePermutation> ours;
    ours.Update(msg.data(), msg.size());
    uint8_t digest[32];
    ours.Finalize(digest);
    uint8_t expected[32];
    unsigned int n = 0;
    ASSERT_EQ(EVP_Digest(msg.data(), msg.size(), expected, &n, EVP_sha3_256(), nullptr), 1);
    EXPECT_EQ(std::memcmp(digest, expected, 32), 0) << "length " << len;
  }
}

TEST(KeccakTableTest, TracesWithCallsAndPaddingPassTheRowChecker) {
  for (size_t calls : {0, 1, 2, 5}) {
    const ColumnMajorMatrix m = RandomTrace(calls, 128, calls);
    const Status s = Air().Check(TraceOf(m), nullptr);
    EXPECT_TRUE(s.ok()) << calls << ": " << s.message();
  }
}

TEST(KeccakTableTest, AChunkMustStartWithARoundZeroRow) {
  // Rows 24.. of a trace (a chunk starting mid-call would let a cheater choose the state).
  const ColumnMajorMatrix full = RandomTrace(3, 128, 5);
  ColumnMajorMatrix m(64, keccak_cols::kCount);
  for (size_t c = 0; c < m.num_cols(); ++c) {
    for (size_t r = 0; r < 64; ++r) m(r, c) = full(r + 12, c);
  }
  EXPECT_FALSE(Air().Check(TraceOf(m), nullptr).ok());
}

// Every column of a first, a middle and a last round row of a real call: one cell changed
// breaks a constraint or changes the table's bus interactions.
TEST(KeccakTableTest, EveryColumnMutationIsCaught) {
  const ColumnMajorMatrix honest = RandomTrace(2, 64, 11);
  ColumnMajorMatrix m(honest.num_rows(), honest.num_cols());
  std::copy(honest.data(), honest.data() + honest.size(), m.data());
  size_t tried = 0;
  std::vector<std::string> escapes;
  for (size_t row : {24, 37, 47}) {
    for (size_t c = 0; c < honest.num_cols(); ++c) {
      for (uint64_t delta : {uint64_t{1}, Felt::kModulus - 1}) {
        m(row, c) = honest(row, c) + Felt::FromU64(delta);
        stark::BusLedger ledger;
        (void)Air().CheckRows(TraceOf(honest), &ledger, row, row + 1);
        ledger.set_negate(true);
        const bool broken = !Air().CheckRows(TraceOf(m), &ledger, row, row + 1).ok() ||
                            !Air().CheckRows(TraceOf(m), nullptr, row - 1, row).ok();
        if (!broken && ledger.Balanced()) {
          escapes.push_back(fmt::format("row {} column {} delta {}", row, c, delta));
        }
        m(row, c) = honest(row, c);
        ++tried;
      }
    }
  }
  std::printf("%zu mutations, %zu undetected\n", tried, escapes.size());
  EXPECT_TRUE(escapes.empty()) << escapes.front();
}

TEST(KeccakTableTest, RoundTableRowsAndCounts) {
  const ColumnMajorMatrix pre = KeccakRcPreprocessed();
  for (size_t r = 0; r < kKeccakRcRows; ++r) {
    const int round = static_cast<int>(std::min<size_t>(r, 23));
    EXPECT_EQ(pre(r, KeccakRcAir::kRound).value(), static_cast<uint64_t>(round));
    uint64_t rc = 0;
    for (size_t k = 0; k < kKeccakRcBits; ++k) {
      rc |= ((pre(r, KeccakRcAir::kRcPacked).value() >> k) & 1) << kKeccakRcPositions[k];
    }
    EXPECT_EQ(rc, crypto::kKeccakRoundConstants[round]) << r;
  }
  // A 64-row chunk: rounds 0..15 appear three times, 16..23 twice.
  const uint32_t logs[] = {6};
  const ColumnMajorMatrix counts = KeccakRcTrace(logs);
  EXPECT_EQ(counts(0, 0).value(), 3u);
  EXPECT_EQ(counts(15, 0).value(), 3u);
  EXPECT_EQ(counts(16, 0).value(), 2u);
  EXPECT_EQ(counts(24, 0).value(), 0u);
}

}  // namespace
}  // namespace zkvm::prover
