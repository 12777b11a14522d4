// Which hash a proof commits and derives its challenges with (DESIGN.md section 4): SHA3-256 for
// application proofs, Poseidon2 over Goldilocks for proofs a guest will verify. The proof
// options carry it (stark/security/proof_options.h), so the verifying key and the proof header
// bind it; crypto/merkle and crypto/transcript have one construction per hash.
//
// Freestanding (DESIGN.md section 7).
#pragma once

#include <stdint.h>

namespace zkvm::crypto {

enum class HashId : uint8_t {
  kSha3 = 0,       // SHA3-256: byte-oriented Merkle tree and transcript
  kPoseidon2 = 1,  // Poseidon2 (Goldilocks, width 12): field-native tree and transcript
};
inline constexpr uint8_t kNumHashIds = 2;

constexpr const char* HashName(HashId id) {
  switch (id) {
    case HashId::kSha3:
      return "sha3";
    case HashId::kPoseidon2:
      return "poseidon2";
  }
  return "unknown";
}

}  // namespace zkvm::crypto
