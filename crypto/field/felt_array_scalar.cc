// The scalar instantiation of the felt_array.h kernels (see felt_array_kernels.h).
#include "crypto/field/packed_scalar.h"
#define ZKVM_FELT_ARRAY_KERNELS_IMPL
#include "crypto/field/felt_array_kernels.h"

namespace zkvm::crypto::detail {

const FeltArrayKernels& ScalarFeltArrayKernels() {
  static constexpr FeltArrayKernels kTable =
      FeltArrayKernelsImpl<PackedScalar>::Table(SimdPath::kScalar);
  return kTable;
}

}  // namespace zkvm::crypto::detail
