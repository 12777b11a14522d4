// The guest-side API of the zkvm runtime (DESIGN.md section 2): halting, committing public
// output, debug text, the private input and the KECCAK_F1600 and POSEIDON2 precompiles.
//
// A guest is a freestanding RV32IM program with `int main()`; the runtime's start-up code
// (syscalls/start.S) runs global constructors, calls main and HALTs with its return value. Every
// call here is a thin wrapper over one `ecall` from syscalls/abi.h, so the same program runs
// under the zkvm executor and, for differential tests, under qemu-riscv32 (where HALT and WRITE
// are Linux's exit and write). C guests use syscalls/zkvm_c.h instead.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <span>
#include <string_view>

#include "syscalls/abi.h"
#include "syscalls/exit_codes.h"

namespace zkvm {

namespace crypto {
class Felt;  // crypto/field/felt.h: a canonical u64, layout-identical to uint64_t
}  // namespace crypto

// Stops the program with `code` as its exit code (0 = success). Never returns.
[[noreturn]] void Halt(uint32_t code);

// Appends bytes to the public output (WRITE to fd 1), which the proof binds byte by byte.
void Commit(std::span<const uint8_t> bytes);
void Commit(const void* data, size_t size);

// Writes debug text (WRITE to fd 2): shown by the host, not part of the proved statement.
void DebugPrint(std::string_view text);

// The private input payload, read in place at abi::kInputPayload (16-byte aligned). Checks the
// header first and halts with kExitBadInputHeader / kExitInputTooLarge if it is malformed.
std::span<const uint8_t> PrivateInput();

// Applies Keccak-f[1600] to the 25 little-endian lanes at `state` (8-byte aligned) with the
// KECCAK_F1600 precompile; halts with kExitMisalignedKeccakState on a misaligned state. In the
// qemu variant of a guest this is a software permutation with the same result.
void KeccakF1600(uint64_t state[25]);

// KeccakF1600 as a callable, to plug the precompile into crypto::Sha3_256:
//   crypto::Sha3_256<zkvm::KeccakF1600Syscall> hasher;
struct KeccakF1600Syscall {
  void operator()(uint64_t state[25]) const { KeccakF1600(state); }
};

// Applies the Poseidon2 permutation (crypto/hash/poseidon2.h: Goldilocks, width 12) to the 12
// little-endian u64 elements at `state` (8-byte aligned) with the POSEIDON2 precompile; each
// element must be canonical (< p = 2^64 - 2^32 + 1). Halts with kExitMisalignedPoseidon2State on
// a misaligned state; a non-canonical element makes the executor trap (no proof). In the qemu
// variant of a guest this is the software permutation with the same result (a non-canonical
// element halts with kExitNonCanonicalPoseidon2State).
void Poseidon2Permute(uint64_t state[12]);

// Poseidon2Permute as a callable with the calling convention of crypto::Poseidon2Permute
// (Felt is a canonical u64), to plug the precompile into code generic over the permutation.
struct Poseidon2Syscall {
  void operator()(crypto::Felt state[12]) const;
};

}  // namespace zkvm
