// zkvm::Poseidon2Permute for the qemu variant of a guest: qemu-riscv32 does not know the
// POSEIDON2 syscall, so the permutation runs in software (crypto/hash/poseidon2.h). Same result
// as poseidon2_ecall.cc; where the zkvm executor traps (a non-canonical element), this variant
// halts with kExitNonCanonicalPoseidon2State.

#include <stdint.h>

#include "crypto/field/felt.h"
#include "crypto/hash/poseidon2.h"
#include "syscalls/exit_codes.h"
#include "syscalls/zkvm.h"

namespace zkvm {

static_assert(sizeof(crypto::Felt) == sizeof(uint64_t) && alignof(crypto::Felt) == 8);

void Poseidon2Permute(uint64_t state[12]) {
  if (reinterpret_cast<uintptr_t>(state) % 8 != 0) {
    DebugPrint("zkvm runtime: Poseidon2Permute: state is not 8-byte aligned\n");
    Halt(kExitMisalignedPoseidon2State);
  }
  crypto::Felt x[crypto::kPoseidon2Width];
  for (size_t i = 0; i < crypto::kPoseidon2Width; ++i) {
    if (!crypto::Felt::TryFromCanonical(state[i], &x[i])) {
      DebugPrint("zkvm runtime: Poseidon2Permute: an element is not canonical\n");
      Halt(kExitNonCanonicalPoseidon2State);
    }
  }
  crypto::Poseidon2Permute(x);
  for (size_t i = 0; i < crypto::kPoseidon2Width; ++i) state[i] = x[i].value();
}

void Poseidon2Syscall::operator()(crypto::Felt state[12]) const {
  Poseidon2Permute(reinterpret_cast<uint64_t*>(state));
}

}  // namespace zkvm
