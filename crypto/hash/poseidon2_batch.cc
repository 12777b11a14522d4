#include "crypto/hash/poseidon2_batch.h"

#include "base/check.h"
#include "crypto/hash/poseidon2.h"

namespace zkvm::crypto {
namespace {

void PermuteScalar(Felt* state) { Poseidon2Permute(state); }

}  // namespace

Poseidon2BatchPermutation GetPoseidon2BatchPermutation(SimdPath backend) {
  ZKVM_CHECK(SimdPathSupported(backend), "Poseidon2 backend not supported on this CPU");
  switch (backend) {
    case SimdPath::kScalar:
      return {backend, 1, &PermuteScalar};
#if defined(ZKVM_HAVE_X86_SIMD)
    case SimdPath::kAvx2:
      return {backend, 4, &detail::Poseidon2x4Avx2};
    case SimdPath::kAvx512:
      return {backend, 8, &detail::Poseidon2x8Avx512};
#endif
    default:
      break;
  }
  ZKVM_CHECK(false, "unreachable Poseidon2 backend");
  return {};
}

void Poseidon2PermuteMany(std::span<Felt> states, SimdPath backend) {
  ZKVM_CHECK(states.size() % kPoseidon2Width == 0, "states of 12 elements");
  const Poseidon2BatchPermutation perm = GetPoseidon2BatchPermutation(backend);
  const size_t count = states.size() / kPoseidon2Width, ways = perm.ways;
  Felt lanes[kPoseidon2Width * kPoseidon2MaxWays];
  for (size_t first = 0; first < count; first += ways) {
    const size_t n = count - first < ways ? count - first : ways;
    Felt* group = states.data() + first * kPoseidon2Width;
    if (ways == 1) {
      perm.permute(group);
      continue;
    }
    for (size_t s = 0; s < ways; ++s) {
      for (size_t i = 0; i < kPoseidon2Width; ++i) {
        lanes[i * ways + s] = s < n ? group[s * kPoseidon2Width + i] : Felt::Zero();
      }
    }
    perm.permute(lanes);
    for (size_t s = 0; s < n; ++s) {
      for (size_t i = 0; i < kPoseidon2Width; ++i) {
        group[s * kPoseidon2Width + i] = lanes[i * ways + s];
      }
    }
  }
}

}  // namespace zkvm::crypto
