#include "crypto/ntt/lde.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>

#include "base/check.h"
#include "crypto/field/felt_array.h"
#include "crypto/ntt/ntt.h"

namespace zkvm::crypto {
namespace {

constexpr size_t kGrain = size_t{1} << 14;

int Log2Size(size_t n) {
  ZKVM_CHECK(n != 0 && (n & (n - 1)) == 0, "size must be a power of two");
  return __builtin_ctzll(n);
}

// dst[i] = src[i] * start * step^i for n elements, in parallel (dst may be src).
void MulPowers(Felt* dst, const Felt* src, size_t n, Felt start, Felt step, SimdPath path) {
  tbb::parallel_for(tbb::blocked_range<size_t>(0, n, kGrain), [&](const auto& r) {
    ArrayMulPowers({dst + r.begin(), r.size()}, {src + r.begin(), r.size()},
                   start * step.Pow(r.begin()), step, path);
  });
}

// Block k < 2^log_blocks of `out` (2^log_m elements each) becomes the bit-reversed evaluations
// of P(s_k X) on <omega_m>, s_k = shift * omega_{m 2^log_blocks}^bitrev(k), where P =
// scale * sum coeffs[i] X^i (num_coeffs <= 2^log_m coefficients): together, P on the coset
// shift * <omega_N> in bit-reversed order (lde.h). `coeffs` may be block 0 of `out`.
void EvaluateBlocks(const Felt* coeffs, size_t num_coeffs, int log_m, Felt shift, Felt scale,
                    Felt* out, int log_blocks, SimdPath path) {
  const size_t m = size_t{1} << log_m;
  const Felt root = Felt::TwoAdicRoot(log_m + log_blocks);
  auto evaluate_block = [&](size_t k) {
    const Felt s = shift * root.Pow(BitReverse(k, log_blocks));
    Felt* block = out + k * m;
    MulPowers(block, coeffs, num_coeffs, scale, s, path);
    std::fill(block + num_coeffs, block + m, Felt::Zero());
    detail::ForwardNttInPlace(block, log_m, path);
  };
  // Block 0 last: it may hold the coefficients the others read.
  tbb::parallel_for(size_t{1}, size_t{1} << log_blocks, evaluate_block);
  evaluate_block(0);
}

void CheckNoOverlap(const Felt* a, size_t a_size, const Felt* b, size_t b_size) {
  const uintptr_t a_begin = reinterpret_cast<uintptr_t>(a),
                  b_begin = reinterpret_cast<uintptr_t>(b);
  ZKVM_CHECK(
      a_begin + a_size * sizeof(Felt) <= b_begin || b_begin + b_size * sizeof(Felt) <= a_begin,
      "input and output overlap");
}

}  // namespace

Felt LdePoint(int log_lde_size, size_t row) {
  return kLdeShift * Felt::TwoAdicRoot(log_lde_size).Pow(BitReverse(row, log_lde_size));
}

void Interpolate(std::span<const Felt> evals, std::span<Felt> coeffs, SimdPath path) {
  CheckNoOverlap(evals.data(), evals.size(), coeffs.data(), coeffs.size());
  BitReverseCopy(evals, coeffs);
  InverseNtt(coeffs, path);
}

void InterpolateColumns(ConstMatrixView evals, MatrixView coeffs, SimdPath path) {
  ZKVM_CHECK(evals.num_rows() == coeffs.num_rows() && evals.num_cols() == coeffs.num_cols(),
             "interpolation shapes differ");
  tbb::parallel_for(size_t{0}, evals.num_cols(),
                    [&](size_t c) { Interpolate(evals.column(c), coeffs.column(c), path); });
}

void EvaluateOnCoset(std::span<const Felt> coeffs, Felt shift, std::span<Felt> out, SimdPath path) {
  const int log_n = Log2Size(out.size());
  ZKVM_CHECK(coeffs.size() <= out.size(), "more coefficients than evaluation points");
  CheckNoOverlap(coeffs.data(), coeffs.size(), out.data(), out.size());
  int log_m = 0;
  while ((size_t{1} << log_m) < coeffs.size()) ++log_m;
  EvaluateBlocks(coeffs.data(), coeffs.size(), log_m, shift, Felt::One(), out.data(), log_n - log_m,
                 path);
}

void EvaluateColumnsOnCoset(ConstMatrixView coeffs, Felt shift, MatrixView out, SimdPath path) {
  ZKVM_CHECK(coeffs.num_cols() == out.num_cols(), "column counts differ");
  tbb::parallel_for(size_t{0}, coeffs.num_cols(), [&](size_t c) {
    EvaluateOnCoset(coeffs.column(c), shift, out.column(c), path);
  });
}

void CosetLde(ConstMatrixView trace, int log_blowup, MatrixView out, SimdPath path) {
  const int log_n = Log2Size(trace.num_rows());
  ZKVM_CHECK(log_blowup >= 0 && log_n + log_blowup <= Felt::kTwoAdicity,
             "LDE domain larger than the field's two-adicity");
  ZKVM_CHECK(out.num_rows() == trace.num_rows() << log_blowup && out.num_cols() == trace.num_cols(),
             "LDE output shape does not match the trace and blowup");
  CheckNoOverlap(trace.data(), trace.size(), out.data(), out.size());
  const Felt inv_n = Felt::FromU64(trace.num_rows()).Inverse();
  tbb::parallel_for(size_t{0}, trace.num_cols(), [&](size_t c) {
    std::span<Felt> column = out.column(c);
    // Block 0 of the output holds n times the coefficients until the last block is evaluated.
    std::span<Felt> coeffs = column.first(trace.num_rows());
    BitReverseCopy(trace.column(c), coeffs);
    detail::InverseNttUnscaledInPlace(coeffs.data(), log_n, path);
    EvaluateBlocks(coeffs.data(), coeffs.size(), log_n, kLdeShift, inv_n, column.data(), log_blowup,
                   path);
  });
}

ColumnMajorMatrix CosetLde(ConstMatrixView trace, int log_blowup, SimdPath path) {
  ColumnMajorMatrix out =
      ColumnMajorMatrix::Uninitialized(trace.num_rows() << log_blowup, trace.num_cols());
  CosetLde(trace, log_blowup, out, path);
  return out;
}

}  // namespace zkvm::crypto
