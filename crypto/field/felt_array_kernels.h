// The per-instruction-set kernel tables behind felt_array.h, and the kernel template each
// table instantiates over its packed type (packed_scalar.h, packed_avx2.h, packed_avx512.h).
// Internal: include the template part (ZKVM_FELT_ARRAY_KERNELS_IMPL) only from the
// felt_array_<path>.cc units.
#pragma once

#include <stddef.h>

#include "crypto/field/felt.h"
#include "crypto/field/simd_path.h"

namespace zkvm::crypto::detail {

// Independent chains of powers in ArrayMulPowers, to hide the multiplication latency.
inline constexpr size_t kPowerChains = 4;

struct FeltArrayKernels {
  SimdPath path;
  size_t width;  // lanes per vector
  void (*add)(Felt* out, const Felt* a, const Felt* b, size_t n);
  void (*sub)(Felt* out, const Felt* a, const Felt* b, size_t n);
  void (*mul)(Felt* out, const Felt* a, const Felt* b, size_t n);
  void (*scale)(Felt* out, const Felt* a, Felt s, size_t n);
  void (*add_scaled)(Felt* acc, const Felt* b, Felt c, size_t n);
  // out[i] = a[i] * powers[i] for i < kPowerChains * width, and each further block of
  // kPowerChains * width elements uses the previous block's powers times `stride`.
  void (*mul_powers)(Felt* out, const Felt* a, const Felt* powers, Felt stride, size_t n);
};

const FeltArrayKernels& ScalarFeltArrayKernels();
#if defined(ZKVM_HAVE_X86_SIMD)
const FeltArrayKernels& Avx2FeltArrayKernels();
const FeltArrayKernels& Avx512FeltArrayKernels();
#endif

// The table for `path`, which must be supported (ZKVM_CHECK).
const FeltArrayKernels& FeltArrayKernelsFor(SimdPath path);

#if defined(ZKVM_FELT_ARRAY_KERNELS_IMPL)

template <typename P>
struct FeltArrayKernelsImpl {
  static constexpr size_t W = P::kWidth;

  template <typename Op>
  static void Map2(Felt* out, const Felt* a, const Felt* b, size_t n, Op op) {
    size_t i = 0;
    for (; i + W <= n; i += W) op(P::Load(a + i), P::Load(b + i)).Store(out + i);
    if (i < n) {
      const size_t rest = n - i;
      op(P::LoadPartial(a + i, rest), P::LoadPartial(b + i, rest)).StorePartial(out + i, rest);
    }
  }

  static void Add(Felt* out, const Felt* a, const Felt* b, size_t n) {
    Map2(out, a, b, n, [](P x, P y) { return x + y; });
  }
  static void Sub(Felt* out, const Felt* a, const Felt* b, size_t n) {
    Map2(out, a, b, n, [](P x, P y) { return x - y; });
  }
  static void Mul(Felt* out, const Felt* a, const Felt* b, size_t n) {
    Map2(out, a, b, n, [](P x, P y) { return x * y; });
  }
  static void Scale(Felt* out, const Felt* a, Felt s, size_t n) {
    const P sv = P::Broadcast(s);
    size_t i = 0;
    for (; i + W <= n; i += W) (P::Load(a + i) * sv).Store(out + i);
    if (i < n) (P::LoadPartial(a + i, n - i) * sv).StorePartial(out + i, n - i);
  }
  static void AddScaled(Felt* acc, const Felt* b, Felt c, size_t n) {
    const P cv = P::Broadcast(c);
    size_t i = 0;
    for (; i + W <= n; i += W) (P::Load(acc + i) + P::Load(b + i) * cv).Store(acc + i);
    if (i < n) {
      const size_t rest = n - i;
      (P::LoadPartial(acc + i, rest) + P::LoadPartial(b + i, rest) * cv)
          .StorePartial(acc + i, rest);
    }
  }
  static void MulPowers(Felt* out, const Felt* a, const Felt* powers, Felt stride, size_t n) {
    P chain[kPowerChains];
    for (size_t u = 0; u < kPowerChains; ++u) chain[u] = P::Load(powers + u * W);
    const P stride_v = P::Broadcast(stride);
    size_t i = 0;
    for (; i + kPowerChains * W <= n; i += kPowerChains * W) {
      for (size_t u = 0; u < kPowerChains; ++u) {
        (P::Load(a + i + u * W) * chain[u]).Store(out + i + u * W);
        chain[u] = chain[u] * stride_v;
      }
    }
    for (size_t u = 0; i < n; ++u, i += W) {
      const size_t count = n - i < W ? n - i : W;
      (P::LoadPartial(a + i, count) * chain[u]).StorePartial(out + i, count);
    }
  }

  static constexpr FeltArrayKernels Table(SimdPath path) {
    return {path, W, &Add, &Sub, &Mul, &Scale, &AddScaled, &MulPowers};
  }
};

#endif  // ZKVM_FELT_ARRAY_KERNELS_IMPL

}  // namespace zkvm::crypto::detail
