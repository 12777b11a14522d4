#include "crypto/field/matrix.h"

#include <sys/mman.h>

#include <cstring>
#include <new>
#include <utility>

namespace zkvm::crypto {
namespace {

constexpr size_t kAlignment = 64;
constexpr size_t kMmapThreshold = size_t{4} << 20;

Felt* Allocate(size_t bytes, bool zero) {
  if (bytes == 0) return nullptr;
  if (bytes >= kMmapThreshold) {
    void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    madvise(p, bytes, MADV_HUGEPAGE);
    return static_cast<Felt*>(p);  // anonymous pages read as zero
  }
  void* p = ::operator new (bytes, std::align_val_t{kAlignment});
  if (zero) std::memset(p, 0, bytes);
  return static_cast<Felt*>(p);
}

void Free(Felt* p, size_t bytes) {
  if (p == nullptr) return;
  if (bytes >= kMmapThreshold) {
    munmap(p, bytes);
  } else {
    ::operator delete (p, std::align_val_t{kAlignment});
  }
}

}  // namespace

ColumnMajorMatrix::ColumnMajorMatrix(size_t num_rows, size_t num_cols)
    : ColumnMajorMatrix(num_rows, num_cols, /*zero=*/true) {}

ColumnMajorMatrix ColumnMajorMatrix::Uninitialized(size_t num_rows, size_t num_cols) {
  return ColumnMajorMatrix(num_rows, num_cols, /*zero=*/false);
}

ColumnMajorMatrix::ColumnMajorMatrix(size_t num_rows, size_t num_cols, bool zero)
    : num_rows_(num_rows), num_cols_(num_cols) {
  ZKVM_CHECK(num_rows != 0 && (num_rows & (num_rows - 1)) == 0,
             "matrix height must be a power of two");
  ZKVM_CHECK(num_cols <= (SIZE_MAX / sizeof(Felt)) / num_rows, "matrix size overflows");
  data_ = Allocate(size() * sizeof(Felt), zero);
}

ColumnMajorMatrix::ColumnMajorMatrix(ColumnMajorMatrix&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      num_rows_(std::exchange(other.num_rows_, 0)),
      num_cols_(std::exchange(other.num_cols_, 0)) {}

ColumnMajorMatrix& ColumnMajorMatrix::operator=(ColumnMajorMatrix&& other) noexcept {
  if (this != &other) {
    Release();
    data_ = std::exchange(other.data_, nullptr);
    num_rows_ = std::exchange(other.num_rows_, 0);
    num_cols_ = std::exchange(other.num_cols_, 0);
  }
  return *this;
}

ColumnMajorMatrix::~ColumnMajorMatrix() { Release(); }

void ColumnMajorMatrix::Release() {
  Free(data_, size() * sizeof(Felt));
  data_ = nullptr;
  num_rows_ = 0;
  num_cols_ = 0;
}

}  // namespace zkvm::crypto
