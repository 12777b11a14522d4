// The recursion blob (DESIGN.md section 8): the recursion guest's private-input payload, shared
// by the guest and the host code that builds it (prover/vm/recursion.h). All little-endian;
// the payload starts 16-aligned at 0xC000_0010.
//   0    'Z' 'K' 'V' 'R'   magic
//   4    u32 version       kBlobVersion
//   8    8 zero bytes      reserved
//   16   the verifying key (96 bytes, prover/vm/verifying_key.h)
//   112  the VM proof (prover/vm/vm_statement.h), to the end of the payload
// Both sections are 16-aligned, so the proof is verified where it lies.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace zkvm::prover::recursion_blob {

inline constexpr uint8_t kBlobMagic[4] = {'Z', 'K', 'V', 'R'};
inline constexpr uint32_t kBlobVersion = 1;
inline constexpr size_t kPrefixBytes = 16;
inline constexpr size_t kVkOffset = kPrefixBytes;
inline constexpr size_t kVkSize = 96;
inline constexpr size_t kProofOffset = kVkOffset + kVkSize;

// The most public output bytes an inner proof may carry (the guest's static statement).
inline constexpr uint32_t kMaxInnerOutput = 4096;

// Exit codes. On success the guest commits vk_digest (32 bytes) || inner exit code (u32) ||
// inner public output.
inline constexpr uint32_t kExitOk = 0;
inline constexpr uint32_t kExitBadBlob = 1;            // too short, bad magic, reserved bytes set
inline constexpr uint32_t kExitBadVersion = 2;         // unknown blob version
inline constexpr uint32_t kExitBadVk = 3;              // the verifying key does not decode
inline constexpr uint32_t kExitWrongOptions = 4;       // options other than the guest's preset
inline constexpr uint32_t kExitBadProof = 5;           // the proof's statement is malformed
inline constexpr uint32_t kExitWrongProgram = 6;       // the proof names another vk_digest
inline constexpr uint32_t kExitOutputTooLong = 7;      // inner output above kMaxInnerOutput
inline constexpr uint32_t kExitStatementTooLarge = 8;  // beyond the preset's pinned statement
inline constexpr uint32_t kExitVerifierBase = 10;      // + stark::StarkError: the STARK rejects

}  // namespace zkvm::prover::recursion_blob
