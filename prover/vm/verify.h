// Verifying proofs of RV32IM programs (DESIGN.md sections 7, 8); the mirror of prove.h:
//
//   Verify(proof, program or vk, policy)  -> the verified statement (exit code, output, cycles)
//
// Verify reads the proof once (ParsedProof), recomputes (or takes) the verifying key and runs
// the freestanding VM verifier (vm_verifier.h, the recursion guest's too): the proof names the
// key and carries its options, its chunk list is one the key allows, the STARK statement is
// rebuilt and the STARK verifier accepts the proof. The verifier, not the proof, decides which
// options it accepts (VerifyPolicy): options pinned by the caller or a verifying key, and in any
// case at least 100 provable bits for the proof's own statement by the verifier's calculation; the
// insecure test preset only when the caller asks for it.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <optional>
#include <span>
#include <vector>

#include "base/result.h"
#include "executor/program.h"
#include "prover/vm/verifying_key.h"
#include "prover/vm/vm_proof_view.h"
#include "stark/proof/proof_host.h"
#include "stark/security/proof_options.h"
#include "stark/security/security.h"

namespace zkvm::prover {

// What a verifier accepts (DESIGN.md section 8: the verifier chooses the options, never the
// prover). The default accepts a proof whose options reach 100 provable bits for its own
// statement, and never the insecure test preset.
struct VerifyPolicy {
  // When set, the proof must carry these options but for the hash (a pinned preset or blowup).
  std::optional<stark::ProofOptions> options;
  // When set, the proof must be hashed with this (zkvm verify --hash); otherwise either hash is
  // accepted, each proof verified with the one its options name.
  std::optional<crypto::HashId> hash;
  // The floor the options must reach for the proof's statement, and whether the insecure test
  // preset is accepted anyway.
  stark::SecurityFloor security;
};

// For tests and benchmarks that prove at the insecure test preset on purpose.
inline constexpr VerifyPolicy kAllowInsecurePreset{
    .options = std::nullopt, .hash = std::nullopt, .security = {.allow_insecure_preset = true}};

// The statement a valid proof established.
struct VerifiedStatement {
  VkDigest vk_digest{};
  stark::ProofOptions options;
  // The run's query count: options.num_queries, or more where the run needed more to reach
  // 100 bits (stark::RunOptions).
  uint32_t num_queries = 0;
  // The run's provable bits (at num_queries), by the verifier's calculation.
  double security_bits = 0;
  uint32_t exit_code = 0;
  uint64_t cycles = 0;
  std::vector<uint8_t> output;
  uint32_t segments = 1;            // the run's segments (docs/continuations.md)
  uint32_t log_segment_cycles = 0;  // of 2^k cycles each
};

// A proof file read once: its statement part parsed in place (ParseVmProof), the bytes kept
// 16-aligned (one copy only when they are not). What it claims is not established until Verify
// accepts it.
class ParsedProof {
 public:
  // `bytes` must outlive the result when they are 16-aligned (no copy is made then).
  static Result<ParsedProof> Parse(std::span<const uint8_t> bytes);

  const VmProofView& view() const { return view_; }
  const stark::ProofOptions& options() const { return view_.options; }
  size_t size() const { return bytes_.size(); }

 private:
  explicit ParsedProof(stark::AlignedProofCopy bytes) : bytes_(std::move(bytes)) {}

  stark::AlignedProofCopy bytes_;
  VmProofView view_;
};

// Verifies against a verifying key, which pins the options; `policy` still applies (its pin
// must agree with the key's options, and the options must reach its floor).
Result<VerifiedStatement> Verify(const ParsedProof& proof, const VerifyingKey& vk,
                                 const VerifyPolicy& policy = {});
// The verifying key of `program` for the options the proof names, or the reason the policy's
// pin refuses them. The options are only judged here; the floor is checked when the proof is
// verified against the key.
Result<VerifyingKey> VerifyingKeyFor(const ParsedProof& proof, const executor::Program& program,
                                     const VerifyPolicy& policy);

// Parse, then Verify against `vk`.
Result<VerifiedStatement> Verify(std::span<const uint8_t> proof, const VerifyingKey& vk,
                                 const VerifyPolicy& policy = {});
// Parse, compute the verifying key of `program` for the options the proof names once `policy`
// has accepted them (VerifyingKeyFor), then Verify.
Result<VerifiedStatement> Verify(std::span<const uint8_t> proof, const executor::Program& program,
                                 const VerifyPolicy& policy = {});

}  // namespace zkvm::prover
