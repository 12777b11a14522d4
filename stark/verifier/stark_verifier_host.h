// Host entry point of the STARK verifier (stark_verifier.h): takes proof bytes of any alignment
// (one aligned copy when needed, AlignedProofCopy), checks the options' provable security for
// the statement by its own calculation (stark/security: at least 100 bits; the insecure test
// preset only when the caller allows it), runs the freestanding core and renders its status as
// a message that names the check and the proof section:
//   "section 6 (ood values), table fibonacci: constraints at the out-of-domain point do not
//    match the quotient"
//   "section 9 (main openings): Merkle opening rejected: root mismatch (query 3)"
// Host only (std::string, heap for the verifier object).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "stark/protocol/stark_protocol.h"
#include "stark/security/security.h"
#include "stark/verifier/stark_verifier.h"

namespace zkvm::stark {

struct VerifyConfig {
  // The floor the statement's options must reach (the verifier's choice, never the proof's).
  SecurityFloor security;
};

// For tests and benchmarks that prove at the insecure test preset on purpose.
inline constexpr VerifyConfig kAllowInsecurePreset{.security = {.allow_insecure_preset = true}};

// The security calculator's view of a statement (StarkLayout must have accepted it).
SecurityParameters StatementSecurityParameters(const StarkStatement& statement,
                                               const StarkLayout& layout);

// "section 6 (ood values), table fibonacci: ...".
std::string StarkStatusMessage(const StarkStatus& status, const StarkStatement& statement);

// Verifies `proof` for `statement`. When `security` is given it receives the calculator's
// report for the statement's options (computed before any proof byte is read).
Status VerifyStark(std::span<const uint8_t> proof, const StarkStatement& statement,
                   const VerifyConfig& config = {}, SecurityReport* security = nullptr);

// The security parameters of a run's instances (StatementSecurityParameters of each).
std::vector<SecurityParameters> RunSecurityParameters(std::span<const StarkStatement> statements);

// The provable bits of a run (RunProvableBits, security.h).
double RunSecurityBits(const ProofOptions& options, std::span<const StarkStatement> statements);

// Verifies the proofs of a run's instances (stark_run_verifier.h), one per statement, in
// order. The run must reach config.security's floor by RunSecurityBits (checked before any
// proof byte is read).
Status VerifyStarkRun(std::span<const StarkStatement> statements,
                      std::span<const std::vector<uint8_t>> proofs,
                      const VerifyConfig& config = {});

}  // namespace zkvm::stark
