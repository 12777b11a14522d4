// The POSEIDON2 tables in isolation: the AIRs' shapes, degrees and interaction counts (and the
// cells per permutation), the permutation columns against crypto::Poseidon2Permute, the row
// checker on real and padding rows, the canonicity constraints of POSEIDON2_MEM, and mutations
// of every column of real rows. The whole-system tests (prover/vm) check the buses against the
// CPU and memory.
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <vector>

#include "crypto/hash/poseidon2.h"
#include "prover/tables/poseidon2_tables.h"
#include "stark/air/bus_ledger.h"
#include "stark/logup/logup.h"

namespace zkvm::prover {
namespace {

using crypto::ColumnMajorMatrix;

template <typename A>
const stark::ProverAirAdapter<A>& Adapter() {
  static const A air;
  static const stark::ProverAirAdapter<A> adapter(air);
  return adapter;
}

std::array<Felt, kPoseidon2Width> RandomState(std::mt19937_64& rng) {
  std::array<Felt, kPoseidon2Width> s;
  for (Felt& x : s) x = Felt::FromU64(rng() % Felt::kModulus);
  return s;
}

// A POSEIDON2 row of a call at `clk` on the state at byte address x (without the accesses'
// timestamps, which only the buses see).
std::vector<Felt> CallRow(const std::array<Felt, kPoseidon2Width>& in, uint64_t clk, uint32_t x,
                          std::array<Felt, kPoseidon2Width>* out = nullptr) {
  using namespace poseidon2_cols;
  std::vector<Felt> row(kCount, Felt::Zero());
  RowWriter w(row);
  const uint32_t lo = x / 8 - static_cast<uint32_t>(kPoseidon2MinQ);
  const uint32_t hi = static_cast<uint32_t>(kPoseidon2MaxQ) - x / 8;
  w.Set(kReal, 1);
  w.Set(kPc, 0x10000);
  w.Set(kClk, clk);
  w.Set(kX, x);
  w.Set(kL0, lo & 0xFFFF);
  w.Set(kL1, lo >> 16);
  w.Set(kH0, hi & 0xFFFF);
  w.Set(kH1, hi >> 16);
  const auto result = FillPoseidon2Permutation(in, w);
  if (out != nullptr) *out = result;
  return row;
}

// A trace of `calls` random calls (seeded), padded with zero rows to `height`.
ColumnMajorMatrix CallTrace(size_t calls, size_t height, uint64_t seed) {
  std::mt19937_64 rng(seed);
  ColumnMajorMatrix m(height, poseidon2_cols::kCount);
  for (size_t k = 0; k < calls; ++k) {
    const std::vector<Felt> row =
        CallRow(RandomState(rng), 100 + 3 * k, static_cast<uint32_t>(0x20000 + 96 * k));
    for (size_t c = 0; c < row.size(); ++c) m(k, c) = row[c];
  }
  return m;
}

// The 4 POSEIDON2_MEM rows of `calls` random calls, padded with zero rows to `height`.
ColumnMajorMatrix MemTrace(size_t calls, size_t height, uint64_t seed) {
  std::mt19937_64 rng(seed);
  ColumnMajorMatrix m(height, Poseidon2MemAir::kCount);
  for (size_t k = 0; k < calls; ++k) {
    std::array<Felt, kPoseidon2Width> in = RandomState(rng), out = in;
    if (k == 0) in[4] = Felt::FromU64(Felt::kModulus - 1);  // hi = 0xFFFF_FFFF, lo = 0
    out = in;
    crypto::Poseidon2Permute(out.data());
    Poseidon2CallRecord call{.clk = 100 + 3 * k, .ptr = static_cast<uint32_t>(0x8000 + 24 * k)};
    for (size_t i = 0; i < kPoseidon2Width; ++i) {
      call.before[2 * i] = static_cast<uint32_t>(in[i].value());
      call.before[2 * i + 1] = static_cast<uint32_t>(in[i].value() >> 32);
      call.after[2 * i] = static_cast<uint32_t>(out[i].value());
      call.after[2 * i + 1] = static_cast<uint32_t>(out[i].value() >> 32);
    }
    for (uint32_t& g : call.gap) g = static_cast<uint32_t>(rng() % 300);
    for (size_t g = 0; g < kPoseidon2MemRowsPerCall; ++g) {
      std::vector<Felt> row(Poseidon2MemAir::kCount, Felt::Zero());
      RowWriter w(row);
      FillPoseidon2Mem(call, g, w, nullptr);
      for (size_t c = 0; c < row.size(); ++c) m(4 * k + g, c) = row[c];
    }
  }
  return m;
}

stark::TableTrace TraceOf(const ColumnMajorMatrix& m) { return {m.view(), {}, {}}; }

TEST(Poseidon2TableTest, ShapeDegreesInteractionsAndCells) {
  stark::DegreeEvaluator d;
  Poseidon2Air().Evaluate(d);
  EXPECT_LE(d.max_constraint_degree(), 3);
  EXPECT_EQ(stark::FirstConstraintAboveDegree(Poseidon2Air()), -1);
  EXPECT_EQ(d.num_interactions(), 19u);  // frame 3, two accesses 8, R16 4, P2IO 4
  EXPECT_EQ(d.num_constraints(), 3u + 2 * (8 * 12 + 22));
  EXPECT_TRUE(stark::InteractionsUseOnlyCurrentRow(Poseidon2Air()));
  EXPECT_TRUE(Adapter<Poseidon2Air>().valid());
  stark::DegreeEvaluator dm;
  Poseidon2MemAir().Evaluate(dm);
  EXPECT_LE(dm.max_constraint_degree(), 3);
  EXPECT_EQ(stark::FirstConstraintAboveDegree(Poseidon2MemAir()), -1);
  EXPECT_EQ(dm.num_interactions(), 37u);  // P2IO 1, six accesses 24, R16 12
  EXPECT_EQ(dm.num_constraints(), 1u + 3 * 6);
  EXPECT_TRUE(stark::InteractionsUseOnlyCurrentRow(Poseidon2MemAir()));
  EXPECT_TRUE(Adapter<Poseidon2MemAir>().valid());
  const size_t call_cells =
      poseidon2_cols::kCount + Adapter<Poseidon2Air>().logup().num_aux_felts();
  const size_t mem_cells =
      Poseidon2MemAir::kCount + Adapter<Poseidon2MemAir>().logup().num_aux_felts();
  std::printf(
      "poseidon2: %zu main + %zu aux cells, %zu constraints; poseidon2_mem: %zu main + %zu aux "
      "cells, %zu constraints, x %zu rows; %zu cells per permutation\n",
      poseidon2_cols::kCount, call_cells - poseidon2_cols::kCount, d.num_constraints(),
      size_t{Poseidon2MemAir::kCount}, mem_cells - Poseidon2MemAir::kCount, dm.num_constraints(),
      kPoseidon2MemRowsPerCall, call_cells + kPoseidon2MemRowsPerCall * mem_cells);
  EXPECT_EQ(call_cells + kPoseidon2MemRowsPerCall * mem_cells, 260u + 33 + 4 * (39 + 60));
}

TEST(Poseidon2TableTest, PermutationColumnsComputePoseidon2) {
  std::mt19937_64 rng(20260302);
  for (int trial = 0; trial < 20; ++trial) {
    std::array<Felt, kPoseidon2Width> in;
    for (size_t i = 0; i < kPoseidon2Width; ++i) in[i] = Felt::FromU64(i);
    if (trial > 0) in = RandomState(rng);
    std::array<Felt, kPoseidon2Width> expected = in, out;
    crypto::Poseidon2Permute(expected.data());
    const std::vector<Felt> row = CallRow(in, 5, 0x20000, &out);
    EXPECT_EQ(out, expected) << trial;
    if (trial == 0) {
      EXPECT_EQ(out[0].value(), 0x01EA'EF96'BDF1'C0C1ull);
    }
    // Every S-box's columns: y = u^3 and s = u^7, so s^3 = y^7.
    for (size_t k = 0; k < 8 * 12 + 22; ++k) {
      const Felt y = row[Poseidon2SboxColumn(k, 0)], s = row[Poseidon2SboxColumn(k, 1)];
      EXPECT_EQ(s * s * s, y.Pow(7)) << k;
    }
  }
}

TEST(Poseidon2TableTest, TracesWithCallsAndZeroPaddingPassTheRowChecker) {
  for (size_t calls : {0, 1, 2, 5}) {
    const ColumnMajorMatrix m = CallTrace(calls, 8, calls);
    const Status s = Adapter<Poseidon2Air>().Check(TraceOf(m), nullptr);
    EXPECT_TRUE(s.ok()) << calls << ": " << s.message();
    const ColumnMajorMatrix mem = MemTrace(calls, 32, calls);
    const Status sm = Adapter<Poseidon2MemAir>().Check(TraceOf(mem), nullptr);
    EXPECT_TRUE(sm.ok()) << calls << ": " << sm.message();
  }
}

// A non-canonical element (hi = 0xFFFF_FFFF, lo != 0), as input or as output, has no witness
// that satisfies POSEIDON2_MEM's constraints.
TEST(Poseidon2TableTest, NonCanonicalElementsHaveNoWitness) {
  const ColumnMajorMatrix honest = MemTrace(1, 4, 7);
  using Col = Poseidon2MemAir::Col;
  const Felt max_hi = Felt::FromU64(0xFFFF'FFFF);
  for (const bool output : {false, true}) {
    for (const Felt v :
         {Felt::Zero(), Felt::One(), Felt::FromU64(Felt::kModulus - 1), Felt::FromU64(12345)}) {
      ColumnMajorMatrix m(honest.num_rows(), honest.num_cols());
      std::copy(honest.data(), honest.data() + honest.size(), m.data());
      if (output) {
        m(0, Col::kNew + 0) = Felt::FromU64(5);  // lo = 5
        m(0, Col::kNew + 1) = Felt::Zero();
        m(0, Col::kNew + 2) = Felt::FromU64(0xFFFF);  // hi = 0xFFFF_FFFF
        m(0, Col::kNew + 3) = Felt::FromU64(0xFFFF);
        m(0, Col::kVo) = v;
      } else {
        m(0, Col::kOld + 0) = Felt::FromU64(5);
        m(0, Col::kOld + 1) = max_hi;
        m(0, Col::kVi) = v;
      }
      EXPECT_FALSE(Adapter<Poseidon2MemAir>().CheckRows(TraceOf(m), nullptr, 0, 1).ok())
          << output << " " << v.value();
    }
  }
}

// Every column of real rows: one cell changed breaks a constraint or changes the table's bus
// interactions.
template <typename A>
void EveryColumnMutationIsCaught(const ColumnMajorMatrix& honest, std::vector<size_t> rows) {
  ColumnMajorMatrix m(honest.num_rows(), honest.num_cols());
  std::copy(honest.data(), honest.data() + honest.size(), m.data());
  size_t tried = 0;
  std::vector<std::string> escapes;
  for (size_t row : rows) {
    for (size_t c = 0; c < honest.num_cols(); ++c) {
      for (uint64_t delta : {uint64_t{1}, uint64_t{1} << 16, Felt::kModulus - 1}) {
        m(row, c) = honest(row, c) + Felt::FromU64(delta);
        stark::BusLedger ledger;
        (void)Adapter<A>().CheckRows(TraceOf(honest), &ledger, row, row + 1);
        ledger.set_negate(true);
        const bool broken = !Adapter<A>().CheckRows(TraceOf(m), &ledger, row, row + 1).ok();
        if (!broken && ledger.Balanced()) {
          escapes.push_back(fmt::format("row {} column {} delta {}", row, c, delta));
        }
        m(row, c) = honest(row, c);
        ++tried;
      }
    }
  }
  std::printf("%s: %zu mutations, %zu undetected\n", Adapter<A>().name(), tried, escapes.size());
  EXPECT_TRUE(escapes.empty()) << escapes.front();
}

TEST(Poseidon2TableTest, EveryColumnMutationIsCaught) {
  EveryColumnMutationIsCaught<Poseidon2Air>(CallTrace(3, 4, 11), {0, 2});
  // Call 0's group 1 holds the element p - 1 (hi = 0xFFFF_FFFF, lo = 0).
  EveryColumnMutationIsCaught<Poseidon2MemAir>(MemTrace(2, 8, 12), {0, 1, 7});
}

}  // namespace
}  // namespace zkvm::prover
