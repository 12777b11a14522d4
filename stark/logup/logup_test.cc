// LogUp: aux columns built from the test pipeline satisfy every LogUp constraint on every row,
// the tables' totals cancel exactly when the buses balance, and a changed multiplicity or aux
// cell is caught (by the totals or by a constraint at the changed row).
#include "stark/logup/logup.h"

#include <gtest/gtest.h>

#include "stark/logup/logup_prover.h"
#include "testing/airs/test_traces.h"

namespace zkvm::stark {
namespace {

using testing::ByteRangeAir;
using testing::BytesAir;
using testing::WordSourceAir;

const Ext3 kZ(Felt::FromU64(0x1234567), Felt::FromU64(99), Felt::FromU64(5));
const Ext3 kA(Felt::FromU64(0xabcdef), Felt::FromU64(7), Felt::FromU64(123456789));

TEST(LogupTest, GroupSizeFollowsTheDegreeBound) {
  EXPECT_EQ(InteractionsPerColumn(2, 1, 1), 1u);
  EXPECT_EQ(InteractionsPerColumn(3, 1, 1), 2u);
  EXPECT_EQ(InteractionsPerColumn(4, 1, 1), 3u);
  EXPECT_EQ(InteractionsPerColumn(3, 1, 2), 2u);
  EXPECT_EQ(InteractionsPerColumn(3, 2, 1), 1u);
  EXPECT_EQ(InteractionsPerColumn(1, 1, 1), 0u);
  EXPECT_EQ(NumAuxColumns(5, 2), 4u);
  EXPECT_EQ(NumAuxColumns(0, 2), 0u);
}

// Checks every LogUp constraint of `table` on every row; returns the first failing row or -1.
template <typename T>
long FirstBadRow(const T& table, const TableTrace& trace, const LogupAux& aux) {
  const size_t rows = trace.main.num_rows();
  std::vector<Ext3> main, pre, h(aux.h.size()), h_next(aux.h.size());
  for (size_t row = 0; row < rows; ++row) {
    detail::RowAsExt3(trace, row, main, pre);
    InteractionEvaluator<>::Recorder rec;
    InteractionEvaluator<> e(main.data(), pre.data(), trace.public_values.data(), &rec);
    table.Evaluate(e);
    const size_t next = (row + 1) % rows;
    for (size_t j = 0; j < aux.h.size(); ++j) {
      h[j] = aux.h[j][row];
      h_next[j] = aux.h[j][next];
    }
    LogupAuxValues v;
    v.h = h.data();
    v.h_next = h_next.data();
    v.s = aux.s[row];
    v.s_next = aux.s[next];
    v.total = aux.total;
    v.is_first_row = row == 0 ? Ext3::One() : Ext3();
    v.is_last_row = row == rows - 1 ? Ext3::One() : Ext3();
    v.is_transition = row != rows - 1 ? Ext3::One() : Ext3();
    bool ok = true;
    EvaluateLogupConstraints(rec, aux.per_column, kZ, kA, v,
                             [&](const Ext3& c) { ok = ok && c.IsZero(); });
    if (!ok) return static_cast<long>(row);
  }
  return -1;
}

struct PipelineAux {
  testing::PipelineTraces t = testing::PipelineTrace(0x01020304, 0x00ff0001);
  TableTrace words() const { return {t.words, {}, t.word_publics}; }
  TableTrace bytes() const { return {t.bytes, {}, {}}; }
  TableTrace range() const { return {t.range, t.range_fixed, {}}; }
};

TEST(LogupTest, BalancedBusesGiveTotalsThatCancel) {
  PipelineAux p;
  auto words = BuildLogupAux(WordSourceAir(), p.words(), kZ, kA);
  auto bytes = BuildLogupAux(BytesAir(), p.bytes(), kZ, kA);
  auto range = BuildLogupAux(ByteRangeAir(), p.range(), kZ, kA);
  ASSERT_TRUE(words.ok() && bytes.ok() && range.ok());
  EXPECT_EQ(bytes->per_column, 1u);  // BytesAir declares degree 2
  EXPECT_EQ(bytes->h.size(), 5u);
  EXPECT_FALSE(words->total.IsZero());
  EXPECT_EQ(words->total + bytes->total + range->total, Ext3::Zero());
  EXPECT_EQ(FirstBadRow(WordSourceAir(), p.words(), *words), -1);
  EXPECT_EQ(FirstBadRow(BytesAir(), p.bytes(), *bytes), -1);
  EXPECT_EQ(FirstBadRow(ByteRangeAir(), p.range(), *range), -1);
}

TEST(LogupTest, UnbalancedBusesGiveTotalsThatDoNotCancel) {
  PipelineAux p;
  p.t.range(7, 0) += Felt::One();  // one byte claimed once too often
  auto words = BuildLogupAux(WordSourceAir(), p.words(), kZ, kA);
  auto bytes = BuildLogupAux(BytesAir(), p.bytes(), kZ, kA);
  auto range = BuildLogupAux(ByteRangeAir(), p.range(), kZ, kA);
  ASSERT_TRUE(words.ok() && bytes.ok() && range.ok());
  EXPECT_NE(words->total + bytes->total + range->total, Ext3::Zero());
}

TEST(LogupTest, ChangedAuxCellsBreakAConstraintAtThatRow) {
  PipelineAux p;
  auto bytes = BuildLogupAux(BytesAir(), p.bytes(), kZ, kA);
  ASSERT_TRUE(bytes.ok());
  for (size_t j = 0; j < bytes->h.size(); ++j) {
    for (size_t row : {0u, 5u, 15u}) {
      LogupAux changed = *bytes;
      changed.h[j][row] += Ext3::One();
      const long bad = FirstBadRow(BytesAir(), p.bytes(), changed);
      EXPECT_TRUE(bad == static_cast<long>(row) || bad == static_cast<long>(row) - 1)
          << "h" << j << " row " << row << " caught at " << bad;
    }
  }
  for (size_t row = 0; row < 16; ++row) {
    LogupAux changed = *bytes;
    changed.s[row] += Ext3::One();
    EXPECT_GE(FirstBadRow(BytesAir(), p.bytes(), changed), 0) << "s row " << row;
  }
  LogupAux wrong_total = *bytes;
  wrong_total.total += Ext3::One();
  EXPECT_EQ(FirstBadRow(BytesAir(), p.bytes(), wrong_total), 15);
}

class NextRowInteractionAir {
 public:
  const char* name() const { return "next_row_interaction"; }
  AirShape shape() const { return {.num_main_columns = 1, .max_degree = 3}; }
  template <typename E>
  void Evaluate(E& e) const {
    e.Send(1, e.constant(1), {e.main_next(0)});
  }
};

TEST(LogupTest, InteractionsMustUseOnlyTheCurrentRow) {
  EXPECT_TRUE(InteractionsUseOnlyCurrentRow(BytesAir()));
  EXPECT_FALSE(InteractionsUseOnlyCurrentRow(NextRowInteractionAir()));
  crypto::ColumnMajorMatrix m(4, 1);
  auto r = BuildLogupAux(NextRowInteractionAir(), {m, {}, {}}, kZ, kA);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message,
            "table next_row_interaction: a bus interaction uses a next-row value or a selector");
}

}  // namespace
}  // namespace zkvm::stark
