// ColumnMajorMatrix and its views: layout, zero fill (small and mmap-backed), moves, shape
// checks.
#include "crypto/field/matrix.h"

#include <gtest/gtest.h>

#include <type_traits>
#include <utility>

namespace zkvm::crypto {
namespace {

static_assert(!std::is_copy_constructible_v<ColumnMajorMatrix>);
static_assert(!std::is_copy_assignable_v<ColumnMajorMatrix>);
static_assert(std::is_nothrow_move_constructible_v<ColumnMajorMatrix>);
static_assert(std::is_convertible_v<MatrixView, ConstMatrixView>);
static_assert(!std::is_convertible_v<ConstMatrixView, MatrixView>);

TEST(MatrixTest, ColumnMajorLayout) {
  ColumnMajorMatrix m(8, 3);
  EXPECT_EQ(m.num_rows(), 8u);
  EXPECT_EQ(m.num_cols(), 3u);
  EXPECT_EQ(m.size(), 24u);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(m.data()) % 64, 0u);
  for (size_t c = 0; c < 3; ++c) {
    for (size_t r = 0; r < 8; ++r) m(r, c) = Felt::FromU64(100 * c + r);
  }
  for (size_t c = 0; c < 3; ++c) {
    std::span<const Felt> column = std::as_const(m).column(c);
    ASSERT_EQ(column.size(), 8u);
    EXPECT_EQ(column.data(), m.data() + 8 * c);
    for (size_t r = 0; r < 8; ++r) EXPECT_EQ(column[r], Felt::FromU64(100 * c + r));
  }
  ConstMatrixView view = m;
  EXPECT_EQ(view(5, 2), Felt::FromU64(205));
  EXPECT_EQ(view.column(1)[7], Felt::FromU64(107));
}

TEST(MatrixTest, ZeroFilledSmallAndLarge) {
  for (size_t rows : {size_t{1}, size_t{64}, size_t{1} << 20}) {
    ColumnMajorMatrix m(rows, 3);
    for (size_t i = 0; i < m.size(); i += 997) ASSERT_TRUE(m.data()[i].IsZero()) << rows;
    ASSERT_TRUE(m.data()[m.size() - 1].IsZero());
  }
}

TEST(MatrixTest, MovesTransferOwnership) {
  ColumnMajorMatrix a(4, 2);
  a(3, 1) = Felt::FromU64(9);
  const Felt* data = a.data();
  ColumnMajorMatrix b = std::move(a);
  EXPECT_EQ(b.data(), data);
  EXPECT_EQ(b(3, 1), Felt::FromU64(9));
  EXPECT_EQ(a.num_rows(), 0u);  // NOLINT: moved-from is empty by contract
  EXPECT_EQ(a.data(), nullptr);
  ColumnMajorMatrix c(2, 2);
  c = std::move(b);
  EXPECT_EQ(c.data(), data);
  EXPECT_EQ(c.num_rows(), 4u);
  EXPECT_EQ(c.num_cols(), 2u);
  ColumnMajorMatrix empty;
  EXPECT_EQ(empty.size(), 0u);
}

TEST(MatrixTest, ZeroColumnsIsAllowed) {
  ColumnMajorMatrix m(16, 0);
  EXPECT_EQ(m.size(), 0u);
}

TEST(MatrixDeathTest, HeightMustBeAPowerOfTwo) {
  EXPECT_DEATH(ColumnMajorMatrix(3, 2), "power of two");
  EXPECT_DEATH(ColumnMajorMatrix(0, 2), "power of two");
  EXPECT_DEATH(ColumnMajorMatrix::Uninitialized(12, 1), "power of two");
}

TEST(MatrixDeathTest, ColumnIndexIsChecked) {
  ColumnMajorMatrix m(4, 2);
  EXPECT_DEATH(m.column(2), "out of range");
}

}  // namespace
}  // namespace zkvm::crypto
