// Poseidon2 on 4 lane-interleaved states with AVX2 (see poseidon2_batch.h). This file is
// compiled with -mavx2 and only entered after a CPU check.
#include "crypto/field/packed_avx2.h"
#include "crypto/hash/poseidon2.h"
#include "crypto/hash/poseidon2_batch.h"

namespace zkvm::crypto::detail {

void Poseidon2x4Avx2(Felt* states) {
  PackedAvx2 x[kPoseidon2Width];
  for (size_t i = 0; i < kPoseidon2Width; ++i)
    x[i] = PackedAvx2::Load(states + i * PackedAvx2::kWidth);
  poseidon2_internal::Permute(x);
  for (size_t i = 0; i < kPoseidon2Width; ++i) x[i].Store(states + i * PackedAvx2::kWidth);
}

}  // namespace zkvm::crypto::detail
