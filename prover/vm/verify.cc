#include "prover/vm/verify.h"

#include "prover/vm/vm_statement.h"
#include "stark/verifier/stark_verifier_host.h"

namespace zkvm::prover {

Result<VerifiedStatement> Verify(std::span<const uint8_t> proof, const VerifyingKey& vk,
                                 const VerifyPolicy& policy) {
  std::span<const uint8_t> stark_proof;
  Result<VmStatement> statement = DecodeVmProof(proof, &stark_proof);
  if (!statement.ok()) return statement.error();
  if (policy.options && !(vk.options == *policy.options)) {
    return MakeError("the verifying key is for options {}, not the required {}",
                     stark::DescribeOptions(vk.options), stark::DescribeOptions(*policy.options));
  }
  if (statement->vk_digest != vk.Digest()) {
    return MakeError(
        "the proof is for another program or other options: its vk_digest {} is "
        "not the verifying key's {}",
        HexDigest(statement->vk_digest), HexDigest(vk.Digest()));
  }
  // The digest names the key, and the key pins the options: a proof that carries other options
  // (say, fewer queries at the key's blowup) under the key's digest is not the key's proof.
  if (!(statement->options == vk.options)) {
    return MakeError("proof rejected: it was made with {}, but the verifying key is for {}",
                     stark::DescribeOptions(statement->options),
                     stark::DescribeOptions(vk.options));
  }
  if (Status s = CheckStatementShape(*statement, vk); !s.ok()) return Error{s.message()};
  const StarkStatementStorage storage(*statement, vk);
  stark::SecurityReport security;
  if (Status s = stark::VerifyStark(stark_proof, storage.statement(), {.security = policy.security},
                                    &security);
      !s.ok()) {
    return MakeError("proof rejected: {}", s.message());
  }
  return VerifiedStatement{.vk_digest = statement->vk_digest,
                           .options = statement->options,
                           .security_bits = security.provable_bits,
                           .exit_code = statement->exit_code,
                           .cycles = statement->cycles,
                           .output = statement->output};
}

Result<VerifyingKey> VerifyingKeyFor(std::span<const uint8_t> proof,
                                     const executor::Program& program, const VerifyPolicy& policy) {
  std::span<const uint8_t> stark_proof;
  Result<VmStatement> statement = DecodeVmProof(proof, &stark_proof);
  if (!statement.ok()) return statement.error();
  // The options come from the proof only to be judged: a pin must match them, and the STARK
  // verifier measures them against the floor for this statement before reading the proof.
  if (policy.options && !(statement->options == *policy.options)) {
    return MakeError("proof rejected: it was made with {}, not the required {}",
                     stark::DescribeOptions(statement->options),
                     stark::DescribeOptions(*policy.options));
  }
  return ComputeVerifyingKey(program, statement->options);
}

Result<VerifiedStatement> Verify(std::span<const uint8_t> proof, const executor::Program& program,
                                 const VerifyPolicy& policy) {
  Result<VerifyingKey> vk = VerifyingKeyFor(proof, program, policy);
  if (!vk.ok()) return vk.error();
  return Verify(proof, *vk, policy);
}

}  // namespace zkvm::prover
