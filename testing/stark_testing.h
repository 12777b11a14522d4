// Proving and verifying a prover-side statement in one step, for the tests of the STARK and of
// single VM tables. Both accept the insecure test preset (the tests' options).
#pragma once

#include <stdint.h>

#include <span>

#include "base/result.h"
#include "stark/prover/stark_prover.h"

namespace zkvm::testing {

// Verifies `proof` against the verifier's view of `statement` (its preprocessed root
// recomputed).
Status VerifyProverStatement(std::span<const uint8_t> proof,
                             const stark::ProverStatement& statement);

// Proves with the debug checks off (so an unbalanced or unsatisfied statement is still proved)
// and verifies.
Status ForceProveAndVerify(const stark::ProverStatement& statement);

}  // namespace zkvm::testing
