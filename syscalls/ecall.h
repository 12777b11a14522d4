// The raw `ecall` sequences of the guest ABI (DESIGN.md section 2, syscalls/abi.h): number in
// a7, arguments in a0..a2, result in a0. Internal to the runtime; guests call the wrappers in
// syscalls/zkvm.h. Explicit register variables pin each operand to its ABI register, and the
// "memory" clobber makes the compiler store buffers before the call and reload after it.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "syscalls/abi.h"

namespace zkvm::detail {

[[noreturn]] inline void HaltEcall(uint32_t code) {
  register uint32_t a0 asm("a0") = code;
  register uint32_t a7 asm("a7") = abi::kSysHalt;
  while (true) asm volatile("ecall" : : "r"(a0), "r"(a7) : "memory");
}

// Returns the number of bytes written (the zkvm always writes all of them; under qemu this is
// Linux's write, which may write fewer or return a negative errno).
inline int32_t WriteEcall(uint32_t fd, const void* data, size_t size) {
  register uint32_t a0 asm("a0") = fd;
  register uint32_t a1 asm("a1") = reinterpret_cast<uintptr_t>(data);
  register uint32_t a2 asm("a2") = size;
  register uint32_t a7 asm("a7") = abi::kSysWrite;
  asm volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a7) : "memory");
  return static_cast<int32_t>(a0);
}

inline void KeccakF1600Ecall(uint64_t* state) {
  register uint32_t a0 asm("a0") = reinterpret_cast<uintptr_t>(state);
  register uint32_t a7 asm("a7") = abi::kSysKeccakF1600;
  asm volatile("ecall" : "+r"(a0) : "r"(a7) : "memory");
}

inline void Poseidon2Ecall(uint64_t* state) {
  register uint32_t a0 asm("a0") = reinterpret_cast<uintptr_t>(state);
  register uint32_t a7 asm("a7") = abi::kSysPoseidon2;
  asm volatile("ecall" : "+r"(a0) : "r"(a7) : "memory");
}

}  // namespace zkvm::detail
