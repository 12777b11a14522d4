// The avx512 instantiation of the felt_array.h kernels (see felt_array_kernels.h). Compiled with
// -mavx512f and entered only after SimdPathSupported(SimdPath::kAvx512). The packed type's header
// comes first: it sets up the intrinsic headers.
#include "crypto/field/packed_avx512.h"
#define ZKVM_FELT_ARRAY_KERNELS_IMPL
#include "crypto/field/felt_array_kernels.h"

namespace zkvm::crypto::detail {

const FeltArrayKernels& Avx512FeltArrayKernels() {
  static constexpr FeltArrayKernels kTable =
      FeltArrayKernelsImpl<PackedAvx512>::Table(SimdPath::kAvx512);
  return kTable;
}

}  // namespace zkvm::crypto::detail
