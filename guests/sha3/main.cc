// SHA3-256 of the whole private input with the software Keccak-f[1600] (crypto/hash/sha3.h):
// the reference for keccak_precompile and a workload of plain RV32IM 64-bit arithmetic.
//
// Payload: any bytes. Public output: the 32-byte digest.

#include <stdint.h>

#include "crypto/hash/sha3.h"
#include "syscalls/zkvm.h"

int main() {
  const std::span<const uint8_t> input = zkvm::PrivateInput();
  uint8_t digest[zkvm::crypto::kSha3_256DigestBytes];
  zkvm::crypto::Sha3_256Digest(input.data(), input.size(), digest);
  zkvm::Commit(digest, sizeof(digest));
  return 0;
}
