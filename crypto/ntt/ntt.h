// Number-theoretic transforms over the Goldilocks field F_p (DESIGN.md section 4): the
// evaluation/interpolation engine of the prover (traces to LDEs, quotients, FRI codewords).
//
// Conventions. n = 2^L with L <= 32 (p - 1 = 2^32 * odd), omega_n = Felt::TwoAdicRoot(L), and
// bitrev_L(j) reverses the L low bits of j (BitReverse below).
//  - ForwardNtt takes the coefficients a_0, ..., a_{n-1} of A(X) = sum a_i X^i in natural
//    order and leaves values[j] = A(omega_n^bitrev_L(j)): the evaluations on the subgroup
//    H = <omega_n> in bit-reversed order. It is the DIF (Gentleman-Sande) transform, which
//    needs no permutation pass.
//  - InverseNtt is its exact inverse: evaluations in bit-reversed order in, natural-order
//    coefficients out (the DIT (Cooley-Tukey) transform with omega_n^-1, then 1/n).
// Bit-reversed evaluation order is what the commitment layer wants: the FRI siblings x and -x
// (indices bitrev(j) and bitrev(j) + n/2) sit in adjacent rows 2k and 2k + 1.
// Evaluations in natural order (a trace column: row i is the value at omega_n^i) go through
// BitReversePermute first, or use Interpolate in lde.h.
//
// Implementation (see ntt_kernels.h): radix-2 layers fused in pairs into radix-4 steps, over
// SIMD vectors (simd_path.h); the top layers of a large transform in one cache-friendly strided
// pass and the rest on L2-sized blocks, both split across threads with TBB; twiddles come from
// per-layer tables cached for the process (twiddles.h). Field arithmetic is exact, so the
// output does not depend on the path or the thread count.
//
// Sizes must be powers of two (ZKVM_CHECK); the transforms run in place.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <span>

#include "crypto/field/felt.h"
#include "crypto/field/matrix.h"
#include "crypto/field/simd_path.h"

namespace zkvm::crypto {

// Natural-order coefficients -> bit-reversed evaluations on <omega_n>, n = values.size().
void ForwardNtt(std::span<Felt> values, SimdPath path = BestSimdPath());
// Bit-reversed evaluations on <omega_n> -> natural-order coefficients.
void InverseNtt(std::span<Felt> values, SimdPath path = BestSimdPath());

// The same on every column of a column-major matrix, in parallel over the columns.
void ForwardNttColumns(MatrixView columns, SimdPath path = BestSimdPath());
void InverseNttColumns(MatrixView columns, SimdPath path = BestSimdPath());

// j with its log_n low bits reversed (log_n <= 64, j < 2^log_n).
constexpr uint64_t BitReverse(uint64_t j, int log_n) {
  j = ((j >> 1) & 0x5555'5555'5555'5555ull) | ((j & 0x5555'5555'5555'5555ull) << 1);
  j = ((j >> 2) & 0x3333'3333'3333'3333ull) | ((j & 0x3333'3333'3333'3333ull) << 2);
  j = ((j >> 4) & 0x0F0F'0F0F'0F0F'0F0Full) | ((j & 0x0F0F'0F0F'0F0F'0F0Full) << 4);
  return log_n == 0 ? 0 : __builtin_bswap64(j) >> (64 - log_n);
}

// values[j] <-> values[bitrev(j)], in place (cache-blocked).
void BitReversePermute(std::span<Felt> values);
// out[bitrev(j)] = in[j]; in and out have the same power-of-two size and do not overlap.
void BitReverseCopy(std::span<const Felt> in, std::span<Felt> out);

namespace detail {

// How a transform is split (ntt_kernels.h): up to 2^block_log elements (256 KiB by default,
// sized for a core's L2) run layer by layer in the cache; a larger one first runs up to
// max_strided_layers (1..9) top layers in one strided pass, then the rest on blocks. Tests
// shrink the plan to reach the deeper paths at small sizes; block_log >= 4.
struct NttPlan {
  int block_log = 15;
  int max_strided_layers = 9;
};

// The raw transforms on 2^log_n elements at x: ForwardNtt, and InverseNtt without the final
// 1/n (callers fold it into a scaling they do anyway).
void ForwardNttInPlace(Felt* x, int log_n, SimdPath path, const NttPlan& plan = {});
void InverseNttUnscaledInPlace(Felt* x, int log_n, SimdPath path, const NttPlan& plan = {});

}  // namespace detail
}  // namespace zkvm::crypto
