// Recursion on the host side (DESIGN.md section 8): the blob the recursion guest reads
// (prover/vm/recursion_blob.h), and the consumer's check of an outer proof's claim.
//
// The recursion guest commits vk_digest (32 bytes) || inner exit code (u32 LE) || inner public
// output. An outer proof of the guest therefore says "some proof for the program with this
// vk_digest verified, with this exit code and output". A consumer who trusts an inner ELF
// recomputes its verifying key natively and compares digests: CheckRecursionOutput.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <span>
#include <vector>

#include "base/result.h"
#include "executor/program.h"
#include "prover/vm/verifying_key.h"
#include "stark/security/proof_options.h"
#include "stark/security/security.h"

namespace zkvm::prover {

// The blob: prefix, the 96-byte verifying key, the proof.
std::vector<uint8_t> MakeRecursionBlob(const VerifyingKey& vk, std::span<const uint8_t> proof);

// What an outer proof of the recursion guest established about the inner run.
struct InnerClaim {
  VkDigest vk_digest{};
  uint32_t exit_code = 0;
  std::vector<uint8_t> output;
};

// Splits the recursion guest's public output.
Result<InnerClaim> ParseRecursionOutput(std::span<const uint8_t> outer_output);

// Checks the recursion guest's public output against a trusted inner ELF proved with
// `inner_options`: its vk_digest must be the one recomputed here. Returns the inner claim.
// Inner options at the insecure test preset (the recursion_test guest's) are refused unless
// `floor` allows that preset. The floor's bits are the recursion guest's to enforce: it refuses
// inner statements beyond the one its compiled-in preset reaches 100 bits for.
Result<InnerClaim> CheckRecursionOutput(std::span<const uint8_t> outer_output,
                                        const executor::Program& inner_program,
                                        const stark::ProofOptions& inner_options,
                                        const stark::SecurityFloor& floor = {});

}  // namespace zkvm::prover
