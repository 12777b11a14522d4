// ColumnMajorMatrix: an owned, move-only matrix of Felt stored column by column, the shape of
// traces, their low-degree extensions and polynomial coefficient tables (STYLE.md item 10):
// column c is the contiguous array of num_rows elements starting at c * num_rows. The number
// of rows is a power of two (evaluation domains are subgroups of size 2^k) and is checked on
// construction; ownership moves, never copies, since an LDE can be gigabytes.
//
// MatrixView / ConstMatrixView are the non-owning forms (pointer plus shape) that kernels take,
// so callers can hand over part of a larger buffer.
//
// Host-only. Storage is 64-byte aligned; blocks of 4 MiB and more come straight from mmap with
// MADV_HUGEPAGE (zero pages from the kernel, one page fault per 2 MiB on first touch).
#pragma once

#include <stddef.h>

#include <span>
#include <type_traits>

#include "base/check.h"
#include "crypto/field/felt.h"

namespace zkvm::crypto {

// A column-major num_rows x num_cols window of Felt (T = Felt or const Felt) that it does not
// own; column c starts at data + c * num_rows.
template <typename T>
class BasicMatrixView {
 public:
  BasicMatrixView() = default;
  BasicMatrixView(T* data, size_t num_rows, size_t num_cols)
      : data_(data), num_rows_(num_rows), num_cols_(num_cols) {}
  // Mutable to const.
  template <typename U>
  requires(std::is_const_v<T>&& std::is_same_v<std::remove_const_t<T>, U>)
      BasicMatrixView(const BasicMatrixView<U>& other)  // NOLINT: implicit like span's
      : BasicMatrixView(other.data(), other.num_rows(), other.num_cols()) {}

  T* data() const { return data_; }
  size_t num_rows() const { return num_rows_; }
  size_t num_cols() const { return num_cols_; }
  size_t size() const { return num_rows_ * num_cols_; }

  std::span<T> column(size_t c) const {
    ZKVM_CHECK(c < num_cols_, "column index out of range");
    return {data_ + c * num_rows_, num_rows_};
  }
  T& operator()(size_t row, size_t col) const { return data_[col * num_rows_ + row]; }

 private:
  T* data_ = nullptr;
  size_t num_rows_ = 0;
  size_t num_cols_ = 0;
};

using MatrixView = BasicMatrixView<Felt>;
using ConstMatrixView = BasicMatrixView<const Felt>;

class ColumnMajorMatrix {
 public:
  // The empty 0 x 0 matrix (also what a moved-from matrix becomes).
  ColumnMajorMatrix() = default;
  // A zero-filled matrix; num_rows must be a power of two.
  ColumnMajorMatrix(size_t num_rows, size_t num_cols);
  // The same shape with unspecified contents, for outputs that are about to be overwritten.
  static ColumnMajorMatrix Uninitialized(size_t num_rows, size_t num_cols);

  ColumnMajorMatrix(ColumnMajorMatrix&& other) noexcept;
  ColumnMajorMatrix& operator=(ColumnMajorMatrix&& other) noexcept;
  ColumnMajorMatrix(const ColumnMajorMatrix&) = delete;
  ColumnMajorMatrix& operator=(const ColumnMajorMatrix&) = delete;
  ~ColumnMajorMatrix();

  size_t num_rows() const { return num_rows_; }
  size_t num_cols() const { return num_cols_; }
  size_t size() const { return num_rows_ * num_cols_; }

  Felt* data() { return data_; }
  const Felt* data() const { return data_; }
  std::span<Felt> column(size_t c) { return view().column(c); }
  std::span<const Felt> column(size_t c) const { return view().column(c); }
  Felt& operator()(size_t row, size_t col) { return data_[col * num_rows_ + row]; }
  Felt operator()(size_t row, size_t col) const { return data_[col * num_rows_ + row]; }

  MatrixView view() { return {data_, num_rows_, num_cols_}; }
  ConstMatrixView view() const { return {data_, num_rows_, num_cols_}; }
  operator MatrixView() { return view(); }             // NOLINT: a view of what it owns
  operator ConstMatrixView() const { return view(); }  // NOLINT

 private:
  ColumnMajorMatrix(size_t num_rows, size_t num_cols, bool zero);
  void Release();

  Felt* data_ = nullptr;
  size_t num_rows_ = 0;
  size_t num_cols_ = 0;
};

}  // namespace zkvm::crypto
