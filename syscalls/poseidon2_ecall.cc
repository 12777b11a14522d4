// zkvm::Poseidon2Permute for the zkvm: the POSEIDON2 precompile (abi::kSysPoseidon2), proved by
// its own table (prover/tables/poseidon2_airs.h). The qemu variant links poseidon2_software.cc.

#include <stdint.h>

#include "crypto/field/felt.h"
#include "syscalls/ecall.h"
#include "syscalls/exit_codes.h"
#include "syscalls/zkvm.h"

namespace zkvm {

static_assert(sizeof(crypto::Felt) == sizeof(uint64_t) && alignof(crypto::Felt) == 8);

void Poseidon2Permute(uint64_t state[12]) {
  if (reinterpret_cast<uintptr_t>(state) % 8 != 0) {
    DebugPrint("zkvm runtime: Poseidon2Permute: state is not 8-byte aligned\n");
    Halt(kExitMisalignedPoseidon2State);
  }
  detail::Poseidon2Ecall(state);
}

void Poseidon2Syscall::operator()(crypto::Felt state[12]) const {
  Poseidon2Permute(reinterpret_cast<uint64_t*>(state));
}

}  // namespace zkvm
