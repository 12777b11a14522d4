/* The zkvm guest API for C guests (such as the picolibc ones): the same calls as
 * syscalls/zkvm.h, which documents them, with C linkage and C types. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "syscalls/exit_codes.h"

#ifdef __cplusplus
extern "C" {
#endif

__attribute__((noreturn)) void zkvm_halt(uint32_t code);
void zkvm_commit(const void* data, size_t size);
void zkvm_debug_print(const char* text, size_t size);
/* Returns the payload and stores its length in *size. */
const uint8_t* zkvm_private_input(size_t* size);
void zkvm_keccak_f1600(uint64_t state[25]);
void zkvm_poseidon2_permute(uint64_t state[12]);

#ifdef __cplusplus
}
#endif
