// The scalar instantiation of the NTT kernels (see ntt_kernels.h).
#include "crypto/field/packed_scalar.h"
#define ZKVM_NTT_KERNELS_IMPL
#include "crypto/ntt/ntt_kernels.h"

namespace zkvm::crypto::detail {

const NttKernels& ScalarNttKernels() {
  static constexpr NttKernels kTable = NttKernelsImpl<PackedScalar>::Table(SimdPath::kScalar);
  return kTable;
}

}  // namespace zkvm::crypto::detail
