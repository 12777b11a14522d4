// zkvm::KeccakF1600 for the qemu variant of a guest: qemu-riscv32 does not know the
// KECCAK_F1600 syscall, so the permutation runs in software (crypto/hash/keccak.h). Same checks
// and same result as keccak_ecall.cc, so the two variants stay comparable.

#include <stdint.h>

#include "crypto/hash/keccak.h"
#include "syscalls/exit_codes.h"
#include "syscalls/zkvm.h"

namespace zkvm {

void KeccakF1600(uint64_t state[25]) {
  if (reinterpret_cast<uintptr_t>(state) % 8 != 0) {
    DebugPrint("zkvm runtime: KeccakF1600: state is not 8-byte aligned\n");
    Halt(kExitMisalignedKeccakState);
  }
  crypto::KeccakF1600(state);
}

}  // namespace zkvm
