// SHA3-256 of the whole private input with the KECCAK_F1600 precompile plugged into the shared
// sponge (crypto/hash/sha3.h): must commit the same digest as guests/sha3.
//
// Payload: any bytes. Public output: the 32-byte digest.

#include <stdint.h>

#include "crypto/hash/sha3.h"
#include "syscalls/zkvm.h"

int main() {
  const std::span<const uint8_t> input = zkvm::PrivateInput();
  zkvm::crypto::Sha3_256<zkvm::KeccakF1600Syscall> hasher;
  hasher.Update(input.data(), input.size());
  uint8_t digest[zkvm::crypto::kSha3_256DigestBytes];
  hasher.Finalize(digest);
  zkvm::Commit(digest, sizeof(digest));
  return 0;
}
