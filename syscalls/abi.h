// The guest ABI of zkvm: the memory map, the syscall numbers, the private-input header and
// the step-marker convention (DESIGN.md section 2). This header is the single source of these
// constants: the executor, the prover's tables, the guest runtime and the tools include it.
// It is plain C++ with no dependencies so that it compiles for the host and for rv32im guests.
#pragma once

#include <stdint.h>

namespace zkvm::abi {

// ---- Memory map (32-bit address space) -------------------------------------------------------

// [0, kImageBase): unmapped guard; any access traps.
inline constexpr uint32_t kGuardEnd = 0x0001'0000;
// ELF PT_LOAD segments start here (toolchain/guest.ld places the image at this address).
inline constexpr uint32_t kImageBase = 0x0001'0000;
// The heap runs from `_end` up to (not including) kHeapEnd; the stack sits above it.
inline constexpr uint32_t kHeapEnd = 0xBF00'0000;
// ELF segments must lie inside [kImageBase, kImageLimit): they may not reach the stack.
inline constexpr uint32_t kImageLimit = kHeapEnd;
// Initial stack pointer; the stack grows down from here to kStackBottom (16 MiB). The executor
// reports a stack overflow when `sp` is moved by arithmetic on itself (`addi sp, sp, -N`,
// `add`/`sub sp, sp, rs2`) from inside the stack to below kStackBottom: a function's prologue
// that would run into the heap. Setting `sp` from another register (a stack switch) is allowed.
inline constexpr uint32_t kStackTop = 0xBFFF'FFF0;
inline constexpr uint32_t kStackBottom = kHeapEnd;
// Private input region [kInputBase, kInputEnd): a 16-byte header, then the payload.
inline constexpr uint32_t kInputBase = 0xC000'0000;
inline constexpr uint32_t kInputEnd = 0xE000'0000;
// [kReservedBase, 2^32): reserved; any access traps.
inline constexpr uint32_t kReservedBase = 0xE000'0000;

// ---- Private input header --------------------------------------------------------------------
//
// At kInputBase: u32 little-endian payload length, then 12 reserved zero bytes. The payload
// starts at kInputPayload, so it is 16-aligned and can be read in place with aligned loads.
inline constexpr uint32_t kInputHeaderSize = 16;
inline constexpr uint32_t kInputPayload = kInputBase + kInputHeaderSize;
inline constexpr uint32_t kMaxInputPayload = kInputEnd - kInputPayload;

// ---- Syscalls (a7 = number, a0..a2 = arguments, result in a0) --------------------------------

// Stop; a0 = exit code.
inline constexpr uint32_t kSysHalt = 93;
// a0 = fd, a1 = buffer, a2 = length; returns the length. fd 1 appends to the public output,
// fd 2 is debug text (not part of the statement).
inline constexpr uint32_t kSysWrite = 64;
// a0 = 8-aligned pointer to a 200-byte Keccak-f[1600] state (25 little-endian lanes),
// permuted in place.
inline constexpr uint32_t kSysKeccakF1600 = 0x0001'0001;
// a0 = 8-aligned pointer to 12 Goldilocks elements (little-endian u64, each < p = 2^64 - 2^32 +
// 1), permuted in place by Poseidon2 (crypto/hash/poseidon2.h); a non-canonical element traps.
inline constexpr uint32_t kSysPoseidon2 = 0x0001'0002;

inline constexpr uint32_t kFdPublicOutput = 1;
inline constexpr uint32_t kFdDebug = 2;

inline constexpr uint32_t kKeccakStateBytes = 200;
inline constexpr uint32_t kPoseidon2StateElements = 12;
inline constexpr uint32_t kPoseidon2StateBytes = 8 * kPoseidon2StateElements;

// ---- Step markers ----------------------------------------------------------------------------
//
// `addi x0, x0, N` with N != 0 is an architectural no-op; the profiler reads it as "step N
// begins here". Encoding: imm[11:0] << 20 | 0x13.
constexpr uint32_t StepMarkerWord(int32_t n) { return (static_cast<uint32_t>(n) << 20) | 0x13u; }

}  // namespace zkvm::abi
