#include "crypto/hash/keccak_batch.h"

#include "base/check.h"
#include "crypto/hash/keccak.h"

namespace zkvm::crypto {
namespace {

void PermuteScalar(uint64_t* state) { KeccakF1600(state); }

}  // namespace

bool KeccakBackendSupported(KeccakBackend backend) {
  switch (backend) {
    case KeccakBackend::kScalar:
      return true;
    case KeccakBackend::kAvx2:
#if defined(ZKVM_HAVE_X86_SIMD)
      return __builtin_cpu_supports("avx2");
#else
      return false;
#endif
    case KeccakBackend::kAvx512:
#if defined(ZKVM_HAVE_X86_SIMD)
      return __builtin_cpu_supports("avx512f");
#else
      return false;
#endif
  }
  return false;
}

KeccakBackend BestKeccakBackend() {
  static const KeccakBackend best = [] {
    if (KeccakBackendSupported(KeccakBackend::kAvx512)) return KeccakBackend::kAvx512;
    if (KeccakBackendSupported(KeccakBackend::kAvx2)) return KeccakBackend::kAvx2;
    return KeccakBackend::kScalar;
  }();
  return best;
}

const char* KeccakBackendName(KeccakBackend backend) {
  switch (backend) {
    case KeccakBackend::kScalar:
      return "scalar";
    case KeccakBackend::kAvx2:
      return "avx2";
    case KeccakBackend::kAvx512:
      return "avx512";
  }
  return "unknown";
}

KeccakBatchPermutation GetKeccakBatchPermutation(KeccakBackend backend) {
  ZKVM_CHECK(KeccakBackendSupported(backend), "Keccak backend not supported on this CPU");
  switch (backend) {
    case KeccakBackend::kScalar:
      return {backend, 1, &PermuteScalar};
#if defined(ZKVM_HAVE_X86_SIMD)
    case KeccakBackend::kAvx2:
      return {backend, 4, &detail::KeccakF1600x4Avx2};
    case KeccakBackend::kAvx512:
      return {backend, 8, &detail::KeccakF1600x8Avx512};
#endif
    default:
      break;
  }
  ZKVM_CHECK(false, "unreachable Keccak backend");
  return {};
}

}  // namespace zkvm::crypto
