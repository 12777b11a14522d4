// Elementwise Goldilocks arithmetic over arrays of Felt, vectorized: the host-side building
// blocks of trace, quotient and FRI computations (crypto/ntt builds its butterflies from the
// same packed types).
//
// Each operation has a portable scalar kernel and, on x86-64, AVX2 and AVX-512F kernels
// (packed_avx2.h, packed_avx512.h: 4 and 8 lanes, 64 x 64-bit products built from 32 x 32-bit
// ones, reduced with 2^64 = 2^32 - 1 mod p). The kernel runs on `path` (default: the best one
// the CPU supports, simd_path.h); every path returns exactly the same canonical elements as
// Felt's operators.
//
// Array lengths must match (ZKVM_CHECK). An output may be the same array as an input (exact
// aliasing, as in ArrayAdd(a, a, b)); partially overlapping arrays are not allowed.
//
// The vector kernels live in their own translation units, compiled with -mavx2 / -mavx512f, so
// the rest of the build stays portable. An inline function compiled in such a unit could be
// emitted with those instructions and then picked by the linker for a caller on a CPU without
// them, so those units instantiate only their own packed type and take everything computed
// with Felt (powers, twiddles) from the caller.
#pragma once

#include <span>

#include "crypto/field/felt.h"
#include "crypto/field/simd_path.h"

namespace zkvm::crypto {

// out[i] = a[i] + b[i].
void ArrayAdd(std::span<Felt> out, std::span<const Felt> a, std::span<const Felt> b,
              SimdPath path = BestSimdPath());
// out[i] = a[i] - b[i].
void ArraySub(std::span<Felt> out, std::span<const Felt> a, std::span<const Felt> b,
              SimdPath path = BestSimdPath());
// out[i] = a[i] * b[i].
void ArrayMul(std::span<Felt> out, std::span<const Felt> a, std::span<const Felt> b,
              SimdPath path = BestSimdPath());
// out[i] = a[i] * s.
void ArrayScale(std::span<Felt> out, std::span<const Felt> a, Felt s,
                SimdPath path = BestSimdPath());
// acc[i] += b[i] * c (the axpy of linear combinations: batching columns with powers of a
// challenge, folding).
void ArrayAddScaled(std::span<Felt> acc, std::span<const Felt> b, Felt c,
                    SimdPath path = BestSimdPath());
// out[i] = a[i] * start * step^i (coset shifts: the coefficients of p(s X) are c_i s^i).
void ArrayMulPowers(std::span<Felt> out, std::span<const Felt> a, Felt start, Felt step,
                    SimdPath path = BestSimdPath());

}  // namespace zkvm::crypto
