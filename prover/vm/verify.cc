#include "prover/vm/verify.h"

#include <memory>
#include <string>

#include "prover/vm/vm_statement.h"
#include "prover/vm/vm_verifier.h"
#include "stark/protocol/stark_hash.h"
#include "stark/verifier/stark_verifier_host.h"

namespace zkvm::prover {

Result<ParsedProof> ParsedProof::Parse(std::span<const uint8_t> bytes) {
  ParsedProof proof{stark::AlignedProofCopy(bytes)};
  const VmProofCheck check = ParseVmProof(proof.bytes_.data(), proof.bytes_.size(), &proof.view_);
  if (!check.ok()) return Error{VmProofMessage(check, proof.view_, bytes.size())};
  return proof;
}

namespace {

// The security rule for a run whose segments' parameters are `params`, proved with `run` under
// a key with options `key`.
Status AdmitRun(const stark::ProofOptions& run, const stark::ProofOptions& key,
                std::span<const stark::SecurityParameters> params,
                const stark::SecurityFloor& floor) {
  Result<stark::ProofOptions> expected = stark::RunOptions(key, params);
  if (!expected.ok()) return Error{expected.error().message};
  if (!SameOptions(run, *expected)) {
    return MakeError(
        "the run's statement calls for {} queries under the key's {} (the fewest that reach "
        "{:.0f} bits for this run, never fewer than the key's), but the proof was made with {}",
        expected->num_queries, stark::DescribeOptions(key), stark::kMinSecurityBits,
        run.num_queries);
  }
  return stark::ValidateRunSecurity(run, params, floor);
}

// A pin (VerifyPolicy::options) fixes the preset and the FRI fields; the hash has its own pin.
bool PinMatches(const stark::ProofOptions& options, const stark::ProofOptions& pin) {
  return options.preset == pin.preset && options.SameFields(pin);
}

}  // namespace

Result<VerifiedStatement> Verify(const ParsedProof& proof, const VerifyingKey& vk,
                                 const VerifyPolicy& policy) {
  if (policy.options && !PinMatches(vk.options, *policy.options)) {
    return MakeError("the verifying key is for options {}, not the required {}",
                     stark::DescribeOptions(vk.options), stark::DescribeOptions(*policy.options));
  }
  if (policy.hash && vk.options.hash != *policy.hash) {
    return MakeError("the verifying key is for {} proofs, not the required {}",
                     crypto::HashName(vk.options.hash), crypto::HashName(*policy.hash));
  }
  const VmProofView& view = proof.view();
  const VkDigest digest = vk.Digest();
  std::vector<stark::StarkPublicInteraction> interactions(2 + size_t{view.output_size});
  // The admission rule (before any STARK proof byte is read): the run's options must be the
  // ones its statement calls for under the key (the key's, or its query count raised to reach
  // 100 bits for this run: stark::RunOptions), and they must reach the policy's floor, by the
  // calculator's measure over all its segments.
  Status security_status;
  std::vector<stark::SecurityParameters> params;
  double security_bits = 0;
  auto admit = [&](const stark::StarkStatement& st, const stark::StarkLayout& layout,
                   uint32_t segment, uint32_t num_segments) {
    if (segment == 0) params.clear();
    params.push_back(stark::StatementSecurityParameters(st, layout));
    if (segment + 1 < num_segments) return true;
    security_status = AdmitRun(st.options, vk.options, params, policy.security);
    if (security_status.ok()) security_bits = stark::RunProvableBits(st.options, params);
    return security_status.ok();
  };
  // The verifier of the key's hash (the proof's must be the same: its options are checked
  // against the key's before any STARK work).
  VmVerifyStatus status;
  std::string stark_message;
  auto verify_with = [&]<typename Hash>(Hash) {
    auto verifier = std::make_unique<VmVerifier<Hash>>();
    status = verifier->Verify(view, vk, digest.data(), interactions.data(),
                              static_cast<uint32_t>(interactions.size()), admit);
    if (status.step == VmVerifyStep::kStark && status.segment != stark::kStarkNoPlace) {
      stark_message = stark::StarkStatusMessage(status.stark, verifier->statement());
    }
  };
  if (vk.options.hash == crypto::HashId::kPoseidon2) {
    verify_with(stark::Poseidon2StarkHash<>());
  } else {
    verify_with(stark::Sha3StarkHash<>());
  }
  switch (status.step) {
    case VmVerifyStep::kOk:
      break;
    case VmVerifyStep::kShape:
      return Error{VmProofMessage(status.proof, view, proof.size())};
    case VmVerifyStep::kProgram: {
      VkDigest named;
      std::copy(view.vk_digest, view.vk_digest + 32, named.begin());
      return MakeError(
          "the proof is for another program or other options: its vk_digest {} is not the "
          "verifying key's {}",
          HexDigest(named), HexDigest(digest));
    }
    case VmVerifyStep::kOptions:
      // The digest names the key, and the key pins the options but for a raised query count
      // (RunOptionsOfKey): a proof that carries other options (say, fewer queries at the key's
      // blowup) under the key's digest is not the key's proof.
      if (SameOptions(view.options, vk.options)) {
        return MakeError(
            "proof rejected: it claims {} queries, but the verifying key is for {} (a run may "
            "raise the key's query count, never lower it, and never at the insecure preset)",
            view.num_queries, stark::DescribeOptions(vk.options));
      }
      return MakeError("proof rejected: it was made with {}, but the verifying key is for {}",
                       stark::DescribeOptions(view.options), stark::DescribeOptions(vk.options));
    case VmVerifyStep::kStorage:
      return MakeError("statement: public output too large");
    case VmVerifyStep::kStatement:
      return MakeError("proof rejected: statement: {} (table or tree {})",
                       stark::StatementErrorName(status.stark.statement.error),
                       status.stark.statement.where);
    case VmVerifyStep::kAdmission:
      return MakeError("proof rejected: {}", security_status.message());
    case VmVerifyStep::kStark:
      if (status.segment == stark::kStarkNoPlace) {
        return MakeError(
            "proof rejected: the bus totals of the {} segments do not sum to zero (a segment is "
            "missing, repeated, out of order or from another run, or a value changed between "
            "segments)",
            view.num_segments);
      }
      if (view.num_segments > 1) {
        return MakeError("proof rejected: segment {} of {}: {}", status.segment, view.num_segments,
                         stark_message);
      }
      return MakeError("proof rejected: {}", stark_message);
  }
  VerifiedStatement out{.vk_digest = digest,
                        .options = view.options,
                        .num_queries = view.num_queries,
                        .security_bits = security_bits,
                        .exit_code = view.exit_code,
                        .cycles = view.cycles,
                        .output = {}};
  out.output.assign(view.output, view.output + view.output_size);
  out.segments = view.num_segments;
  out.log_segment_cycles = view.log_segment_cycles;
  return out;
}

Result<VerifyingKey> VerifyingKeyFor(const ParsedProof& proof, const executor::Program& program,
                                     const VerifyPolicy& policy) {
  // The options come from the proof only to be judged: a pin must match them, and the verifier
  // measures them against the floor for this statement before reading the STARK proof.
  if (policy.options && !PinMatches(proof.options(), *policy.options)) {
    return MakeError("proof rejected: it was made with {}, not the required {}",
                     stark::DescribeOptions(proof.options()),
                     stark::DescribeOptions(*policy.options));
  }
  if (policy.hash && proof.options().hash != *policy.hash) {
    return MakeError("proof rejected: it is a {} proof, not a {} proof (--hash)",
                     crypto::HashName(proof.options().hash), crypto::HashName(*policy.hash));
  }
  return ComputeVerifyingKey(program, proof.options());
}

Result<VerifiedStatement> Verify(std::span<const uint8_t> proof, const VerifyingKey& vk,
                                 const VerifyPolicy& policy) {
  Result<ParsedProof> parsed = ParsedProof::Parse(proof);
  if (!parsed.ok()) return parsed.error();
  return Verify(*parsed, vk, policy);
}

Result<VerifiedStatement> Verify(std::span<const uint8_t> proof, const executor::Program& program,
                                 const VerifyPolicy& policy) {
  Result<ParsedProof> parsed = ParsedProof::Parse(proof);
  if (!parsed.ok()) return parsed.error();
  Result<VerifyingKey> vk = VerifyingKeyFor(*parsed, program, policy);
  if (!vk.ok()) return vk.error();
  return Verify(*parsed, *vk, policy);
}

}  // namespace zkvm::prover
