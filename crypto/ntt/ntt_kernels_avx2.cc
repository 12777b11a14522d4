// The avx2 instantiation of the NTT kernels (see ntt_kernels.h). Compiled with -mavx2 and entered
// only after SimdPathSupported(SimdPath::kAvx2). The packed type's header comes first: it sets up
// the intrinsic headers.
#include "crypto/field/packed_avx2.h"
#define ZKVM_NTT_KERNELS_IMPL
#include "crypto/ntt/ntt_kernels.h"

namespace zkvm::crypto::detail {

const NttKernels& Avx2NttKernels() {
  static constexpr NttKernels kTable = NttKernelsImpl<PackedAvx2>::Table(SimdPath::kAvx2);
  return kTable;
}

}  // namespace zkvm::crypto::detail
