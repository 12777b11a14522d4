// SimdPath: which instruction set the host-side field kernels (felt_array.h, crypto/ntt) use.
//
// Every kernel exists in a portable scalar form; on x86-64 there are also AVX2 (4 lanes) and
// AVX-512F (8 lanes) forms, compiled in their own translation units with the matching -m flag
// so that the rest of the build stays portable. The path is chosen at run time from what the
// CPU supports (BestSimdPath); every kernel entry point also takes an explicit path, which is
// how tests compare the paths against each other and benchmarks measure each one. All paths
// compute the same canonical field elements, so the choice never changes a result.
#pragma once

#include <string_view>

namespace zkvm::crypto {

enum class SimdPath { kScalar, kAvx2, kAvx512 };

inline constexpr SimdPath kAllSimdPaths[] = {SimdPath::kScalar, SimdPath::kAvx2, SimdPath::kAvx512};

// "scalar", "avx2", "avx512".
std::string_view SimdPathName(SimdPath path);

// True when the path was compiled into this build and the CPU can run it.
bool SimdPathSupported(SimdPath path);

// The fastest supported path, detected once.
SimdPath BestSimdPath();

}  // namespace zkvm::crypto
