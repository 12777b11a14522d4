#include "crypto/field/felt_array.h"

#include <iterator>

#include "base/check.h"
#include "crypto/field/felt_array_kernels.h"

namespace zkvm::crypto {
namespace detail {

const FeltArrayKernels& FeltArrayKernelsFor(SimdPath path) {
  ZKVM_CHECK(SimdPathSupported(path), "SIMD path not supported by this CPU or build");
  switch (path) {
#if defined(ZKVM_HAVE_X86_SIMD)
    case SimdPath::kAvx2:
      return Avx2FeltArrayKernels();
    case SimdPath::kAvx512:
      return Avx512FeltArrayKernels();
#endif
    default:
      return ScalarFeltArrayKernels();
  }
}

}  // namespace detail

namespace {

void CheckSizes(size_t out, size_t a, size_t b) {
  ZKVM_CHECK(out == a && a == b, "array lengths differ");
}

}  // namespace

void ArrayAdd(std::span<Felt> out, std::span<const Felt> a, std::span<const Felt> b,
              SimdPath path) {
  CheckSizes(out.size(), a.size(), b.size());
  detail::FeltArrayKernelsFor(path).add(out.data(), a.data(), b.data(), out.size());
}

void ArraySub(std::span<Felt> out, std::span<const Felt> a, std::span<const Felt> b,
              SimdPath path) {
  CheckSizes(out.size(), a.size(), b.size());
  detail::FeltArrayKernelsFor(path).sub(out.data(), a.data(), b.data(), out.size());
}

void ArrayMul(std::span<Felt> out, std::span<const Felt> a, std::span<const Felt> b,
              SimdPath path) {
  CheckSizes(out.size(), a.size(), b.size());
  detail::FeltArrayKernelsFor(path).mul(out.data(), a.data(), b.data(), out.size());
}

void ArrayScale(std::span<Felt> out, std::span<const Felt> a, Felt s, SimdPath path) {
  CheckSizes(out.size(), a.size(), a.size());
  detail::FeltArrayKernelsFor(path).scale(out.data(), a.data(), s, out.size());
}

void ArrayAddScaled(std::span<Felt> acc, std::span<const Felt> b, Felt c, SimdPath path) {
  CheckSizes(acc.size(), b.size(), b.size());
  detail::FeltArrayKernelsFor(path).add_scaled(acc.data(), b.data(), c, acc.size());
}

void ArrayMulPowers(std::span<Felt> out, std::span<const Felt> a, Felt start, Felt step,
                    SimdPath path) {
  CheckSizes(out.size(), a.size(), a.size());
  const detail::FeltArrayKernels& kernels = detail::FeltArrayKernelsFor(path);
  const size_t num_powers = detail::kPowerChains * kernels.width;
  Felt powers[detail::kPowerChains * 8];
  ZKVM_CHECK(num_powers <= std::size(powers), "vector wider than 8 lanes");
  Felt power = start;
  for (size_t i = 0; i < num_powers; ++i, power *= step) powers[i] = power;
  kernels.mul_powers(out.data(), a.data(), powers, step.Pow(num_powers), out.size());
}

}  // namespace zkvm::crypto
