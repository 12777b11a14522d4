// Polynomial interpolation, coset evaluation and the coset low-degree extension (LDE) of trace
// columns: what the prover commits to (DESIGN.md sections 4 and 5).
//
// A trace column of height n = 2^L holds evaluations in natural order: row i is P(omega_n^i),
// deg P < n. Its LDE with blowup b = 2^B lists P on the coset g H' of H' = <omega_N>,
// N = n b, g = Felt::MultiplicativeGenerator() = 7 (the coset keeps the LDE domain disjoint
// from the trace domain, so the quotient's divisor never vanishes on it), in bit-reversed
// order:
//   lde[j] = P(g * omega_N^bitrev_{L+B}(j)),   j < N,
// so the FRI siblings x and -x are rows 2k and 2k + 1, as the commitment layer wants
// (LdePoint gives the point of a row).
//
// How: interpolate once (bit-reversal into the output, inverse NTT: the natural-order
// coefficients c_i, times n), then evaluate b times at size n instead of once at size N. With
// j = k n + m (k < b, m < n), bitrev_{L+B}(j) = bitrev_L(m) b + bitrev_B(k), so
//   lde[k n + m] = P(s_k omega_n^bitrev_L(m)),   s_k = g omega_N^bitrev_B(k):
// block k of the output is ForwardNtt of the coefficients c_i s_k^i (the zero-padded top
// N - n coefficients drop out). The 1/n of the inverse transform rides on that scaling. Block 0
// holds the coefficients until the other blocks are done, so the LDE needs no scratch memory
// beyond its output. Columns run in parallel, and so do the blocks and the transforms inside a
// column (TBB); the output is the same for any thread count and SIMD path.
#pragma once

#include <stddef.h>

#include <span>

#include "crypto/field/felt.h"
#include "crypto/field/matrix.h"
#include "crypto/field/simd_path.h"

namespace zkvm::crypto {

// The coset shift of the LDE domain.
inline constexpr Felt kLdeShift = Felt::MultiplicativeGenerator();

// The point of row `row` of an LDE of 2^log_lde_size rows: g * omega_N^bitrev(row).
Felt LdePoint(int log_lde_size, size_t row);

// Coefficients (natural order) of the polynomial of degree < n with P(omega_n^i) = evals[i];
// n = evals.size() = coeffs.size(), a power of two. evals and coeffs must not overlap.
void Interpolate(std::span<const Felt> evals, std::span<Felt> coeffs,
                 SimdPath path = BestSimdPath());
void InterpolateColumns(ConstMatrixView evals, MatrixView coeffs, SimdPath path = BestSimdPath());

// out[j] = P(shift * omega_N^bitrev(j)) for P = sum coeffs[i] X^i, N = out.size() a power of
// two, coeffs.size() <= N (any length). coeffs and out must not overlap.
void EvaluateOnCoset(std::span<const Felt> coeffs, Felt shift, std::span<Felt> out,
                     SimdPath path = BestSimdPath());
// The same per column; coeffs.num_cols() == out.num_cols(), coeffs.num_rows() <= out.num_rows().
void EvaluateColumnsOnCoset(ConstMatrixView coeffs, Felt shift, MatrixView out,
                            SimdPath path = BestSimdPath());

// The LDE of every column of `trace` (height n) into `out` (height n << log_blowup, the same
// number of columns), rows in bit-reversed order as above; 1 <= log_blowup <= 4 (blowups 2, 4,
// 8, 16). trace and out must not overlap.
void CosetLde(ConstMatrixView trace, int log_blowup, MatrixView out,
              SimdPath path = BestSimdPath());
// The same into a new matrix.
ColumnMajorMatrix CosetLde(ConstMatrixView trace, int log_blowup, SimdPath path = BestSimdPath());

}  // namespace zkvm::crypto
