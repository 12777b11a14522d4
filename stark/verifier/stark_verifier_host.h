// Host entry point of the STARK verifier (stark_verifier.h): takes proof bytes of any alignment
// (one aligned copy when needed, AlignedProofCopy), checks the options' provable security for
// the statement (stark/security: at least 100 bits unless the options carry the insecure test
// preset, whose proofs are flagged), runs the freestanding core and renders its status as a
// message that names the check and the proof section:
//   "section 6 (ood values), table fibonacci: constraints at the out-of-domain point do not
//    match the quotient"
//   "section 9 (main openings): Merkle opening rejected: root mismatch (query 3)"
// Host only (std::string, heap for the verifier object).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <span>
#include <string>

#include "base/result.h"
#include "stark/security/security.h"
#include "stark/verifier/stark_protocol.h"
#include "stark/verifier/stark_verifier.h"

namespace zkvm::stark {

struct VerifyConfig {
  // Reject options below this many provable bits for the statement (insecure preset excepted).
  double min_security_bits = kMinSecurityBits;
};

// The security calculator's view of a statement (StarkLayout must have accepted it).
SecurityParameters StatementSecurityParameters(const StarkStatement& statement,
                                               const StarkLayout& layout);

// "section 6 (ood values), table fibonacci: ...".
std::string StarkStatusMessage(const StarkStatus& status, const StarkStatement& statement);

// Verifies `proof` for `statement`.
Status VerifyStark(std::span<const uint8_t> proof, const StarkStatement& statement,
                   const VerifyConfig& config = {});

}  // namespace zkvm::stark
