// zkvm::KeccakF1600 for the zkvm: the KECCAK_F1600 precompile (abi::kSysKeccakF1600), proved
// by its own table. The qemu variant links keccak_software.cc instead.

#include <stdint.h>

#include "syscalls/ecall.h"
#include "syscalls/exit_codes.h"
#include "syscalls/zkvm.h"

namespace zkvm {

void KeccakF1600(uint64_t state[25]) {
  if (reinterpret_cast<uintptr_t>(state) % 8 != 0) {
    DebugPrint("zkvm runtime: KeccakF1600: state is not 8-byte aligned\n");
    Halt(kExitMisalignedKeccakState);
  }
  detail::KeccakF1600Ecall(state);
}

}  // namespace zkvm
