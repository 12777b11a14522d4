#include "testing/stark_testing.h"

#include <vector>

#include "stark/verifier/stark_verifier_host.h"

namespace zkvm::testing {

Status VerifyProverStatement(std::span<const uint8_t> proof,
                             const stark::ProverStatement& statement) {
  Result<crypto::MerkleDigest> root = stark::PreprocessedRoot(statement);
  if (!root.ok()) return root.error();
  std::vector<stark::StarkTable> tables;
  return stark::VerifyStark(proof, stark::VerifierStatement(statement, *root, &tables),
                            stark::kAllowInsecurePreset);
}

Status ForceProveAndVerify(const stark::ProverStatement& statement) {
  Result<std::vector<uint8_t>> proof = stark::ProveStark(statement, {.debug_checks = false});
  if (!proof.ok()) return proof.error();
  return VerifyProverStatement(*proof, statement);
}

}  // namespace zkvm::testing
