#include "crypto/field/simd_path.h"

namespace zkvm::crypto {

std::string_view SimdPathName(SimdPath path) {
  switch (path) {
    case SimdPath::kScalar:
      return "scalar";
    case SimdPath::kAvx2:
      return "avx2";
    case SimdPath::kAvx512:
      return "avx512";
  }
  return "unknown";
}

bool SimdPathSupported(SimdPath path) {
  switch (path) {
    case SimdPath::kScalar:
      return true;
#if defined(ZKVM_HAVE_X86_SIMD)
    case SimdPath::kAvx2:
      return __builtin_cpu_supports("avx2");
    case SimdPath::kAvx512:
      return __builtin_cpu_supports("avx512f");
#else
    case SimdPath::kAvx2:
    case SimdPath::kAvx512:
      return false;
#endif
  }
  return false;
}

SimdPath BestSimdPath() {
  static const SimdPath best = [] {
    if (SimdPathSupported(SimdPath::kAvx512)) return SimdPath::kAvx512;
    if (SimdPathSupported(SimdPath::kAvx2)) return SimdPath::kAvx2;
    return SimdPath::kScalar;
  }();
  return best;
}

}  // namespace zkvm::crypto
