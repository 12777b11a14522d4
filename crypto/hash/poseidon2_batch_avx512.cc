// Poseidon2 on 8 lane-interleaved states with AVX-512F (see poseidon2_batch.h). This file is
// compiled with -mavx512f and only entered after a CPU check.
#include "crypto/field/packed_avx512.h"
#include "crypto/hash/poseidon2.h"
#include "crypto/hash/poseidon2_batch.h"

namespace zkvm::crypto::detail {

void Poseidon2x8Avx512(Felt* states) {
  PackedAvx512 x[kPoseidon2Width];
  for (size_t i = 0; i < kPoseidon2Width; ++i)
    x[i] = PackedAvx512::Load(states + i * PackedAvx512::kWidth);
  poseidon2_internal::Permute(x);
  for (size_t i = 0; i < kPoseidon2Width; ++i) x[i].Store(states + i * PackedAvx512::kWidth);
}

}  // namespace zkvm::crypto::detail
