#include "crypto/hash/keccak_batch.h"

#include "base/check.h"
#include "crypto/hash/keccak.h"

namespace zkvm::crypto {
namespace {

void PermuteScalar(uint64_t* state) { KeccakF1600(state); }

}  // namespace

KeccakBatchPermutation GetKeccakBatchPermutation(SimdPath backend) {
  ZKVM_CHECK(SimdPathSupported(backend), "Keccak backend not supported on this CPU");
  switch (backend) {
    case SimdPath::kScalar:
      return {backend, 1, &PermuteScalar};
#if defined(ZKVM_HAVE_X86_SIMD)
    case SimdPath::kAvx2:
      return {backend, 4, &detail::KeccakF1600x4Avx2};
    case SimdPath::kAvx512:
      return {backend, 8, &detail::KeccakF1600x8Avx512};
#endif
    default:
      break;
  }
  ZKVM_CHECK(false, "unreachable Keccak backend");
  return {};
}

}  // namespace zkvm::crypto
