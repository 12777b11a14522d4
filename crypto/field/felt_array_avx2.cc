// The avx2 instantiation of the felt_array.h kernels (see felt_array_kernels.h). Compiled with
// -mavx2 and entered only after SimdPathSupported(SimdPath::kAvx2). The packed type's header comes
// first: it sets up the intrinsic headers.
#include "crypto/field/packed_avx2.h"
#define ZKVM_FELT_ARRAY_KERNELS_IMPL
#include "crypto/field/felt_array_kernels.h"

namespace zkvm::crypto::detail {

const FeltArrayKernels& Avx2FeltArrayKernels() {
  static constexpr FeltArrayKernels kTable =
      FeltArrayKernelsImpl<PackedAvx2>::Table(SimdPath::kAvx2);
  return kTable;
}

}  // namespace zkvm::crypto::detail
