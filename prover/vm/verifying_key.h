// The verifying key of a program (DESIGN.md section 8): everything the verifier needs about it
// that does not depend on a run. Canonical encoding (96 bytes, little-endian):
//    0  magic "ZKVK"
//    4  u32 version (2)
//    8  proof options (32 bytes, stark/security/proof_options.h)
//   40  u32 entry pc
//   44  u32 text_begin, u32 text_end (the executable range)
//   52  u32 image_end (the end of the ELF image; PAGE_ZERO starts there)
//   56  u32 log2 height of DECODE, u32 log2 height of PAGE_ELF
//   64  the preprocessed root: the Merkle root of the LDEs of the fixed tables' preprocessed
//       columns (DECODE, REGISTER, PAGE_ELF, BYTE, POW, KECCAK_RC) at the options' blowup
// vk_digest = SHA3-256 of the encoding. It is absorbed with the statement (as REGISTER's public
// values) and a proof names it, so a proof for another program or other options is rejected
// before any STARK work.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <array>
#include <span>
#include <string>

#include "base/result.h"
#include "crypto/field/matrix.h"
#include "crypto/merkle/merkle_layout.h"
#include "executor/program.h"
#include "prover/vm/vm_proof_view.h"
#include "stark/security/proof_options.h"

namespace zkvm::prover {

inline constexpr size_t kVerifyingKeyBytes = kVkBytes;
inline constexpr uint32_t kVerifyingKeyVersion = kVkVersion;
using VkDigest = std::array<uint8_t, 32>;

// The key's fields are VkFields (vm_proof_view.h, the freestanding decoder's); this adds the
// host's encoding and digest.
struct VerifyingKey : VkFields {
  std::array<uint8_t, kVerifyingKeyBytes> Encode() const;
  static Result<VerifyingKey> Decode(std::span<const uint8_t> bytes);
  VkDigest Digest() const;
};

// The preprocessed matrices of the tables that have them (IsPreprocessed), by table.
struct FixedPreprocessed {
  std::array<crypto::ColumnMajorMatrix, kNumTables> matrices;
  const crypto::ColumnMajorMatrix& of(TableId t) const { return matrices[static_cast<size_t>(t)]; }
};
FixedPreprocessed BuildFixedPreprocessed(const executor::Program& program);

// The verifying key of `program` for proofs with `options`.
Result<VerifyingKey> ComputeVerifyingKey(const executor::Program& program,
                                         const stark::ProofOptions& options);

std::string HexDigest(const VkDigest& digest);

}  // namespace zkvm::prover
