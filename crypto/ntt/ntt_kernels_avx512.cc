// The avx512 instantiation of the NTT kernels (see ntt_kernels.h). Compiled with -mavx512f and
// entered only after SimdPathSupported(SimdPath::kAvx512). The packed type's header comes first: it
// sets up the intrinsic headers.
#include "crypto/field/packed_avx512.h"
#define ZKVM_NTT_KERNELS_IMPL
#include "crypto/ntt/ntt_kernels.h"

namespace zkvm::crypto::detail {

const NttKernels& Avx512NttKernels() {
  static constexpr NttKernels kTable = NttKernelsImpl<PackedAvx512>::Table(SimdPath::kAvx512);
  return kTable;
}

}  // namespace zkvm::crypto::detail
