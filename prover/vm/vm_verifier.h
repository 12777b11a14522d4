// The VM verifier, freestanding: the one sequence that decides a VM proof, run by the host's
// Verify (verify.cc, which adds messages and the security calculator) and by the recursion
// guest (guests/recursion, with the KECCAK_F1600 precompile), over storage the caller owns.
//
//   ParseVmProof(proof)  the caller reads the statement part of the proof file once, in place
//                        (vm_proof_view.h), into a VmProofView: the claim
//   Verify(view, vk,     1. the proof names the key: vk_digest equal to the key's digest
//          digest,       2. it carries the key's options (the key pins them)
//          storage,      3. its chunk list is one the key allows (CheckVmProofShape)
//          admit)
//                        4. each segment's STARK statement is rebuilt from the key and the
//                           claim (VmStarkStatement; public interactions in the caller's
//                           storage, for the last segment)
//                        5. the caller's admission rule accepts every segment's statement and
//                           layout (the host: the run reaches the policy's provable bits; the
//                           guest: within the statement its compiled-in preset is pinned for)
//                        6. the STARK run verifier (stark_run_verifier.h) accepts the
//                           segments' proofs with their shared LogUp challenges, and their bus
//                           sums add up to zero
// A failure names the step (VmVerifyStep) and carries that step's detail.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "prover/vm/vm_proof_view.h"
#include "stark/verifier/stark_run_verifier.h"
#include "stark/verifier/stark_verifier.h"

namespace zkvm::prover {

enum class VmVerifyStep : uint8_t {
  kOk = 0,
  kProgram,    // the proof names another vk_digest: another program or other options
  kOptions,    // the proof's options are not the key's
  kShape,      // the chunk list does not fit the key (VmVerifyStatus::proof)
  kStorage,    // the caller's storage holds fewer public interactions than the output needs
  kStatement,  // the rebuilt statement is not a valid STARK statement (VmVerifyStatus::stark)
  kAdmission,  // the caller's admission rule refused the statement
  kStark,      // the STARK verifier rejected the proof (VmVerifyStatus::stark)
};

struct VmVerifyStatus {
  VmVerifyStep step = VmVerifyStep::kOk;
  // The segment concerned (kStorage, kStatement, kAdmission, kStark); stark::kStarkNoPlace
  // when a kStark failure is the run's bus sum.
  uint32_t segment = 0;
  VmProofCheck proof;        // kShape
  stark::StarkStatus stark;  // kStatement, kStark
  constexpr bool ok() const { return step == VmVerifyStep::kOk; }
};

constexpr bool SameOptions(const stark::ProofOptions& a, const stark::ProofOptions& b) {
  uint8_t x[stark::kProofOptionsBytes] = {}, y[stark::kProofOptionsBytes] = {};
  a.Encode(x);
  b.Encode(y);
  for (size_t i = 0; i < stark::kProofOptionsBytes; ++i) {
    if (x[i] != y[i]) return false;
  }
  return true;
}

// Large (the STARK verifier's buffers): a guest keeps it in static storage, the host on the heap.
template <typename Hash = stark::Sha3StarkHash<>>
class VmVerifier {
 public:
  using PhaseHook = typename stark::StarkVerifier<Hash>::PhaseHook;

  void set_phase_hook(PhaseHook hook) { stark_.set_phase_hook(hook); }

  // Verifies the proof whose statement is `view` (ParseVmProof; its segments' STARK proofs
  // 16-byte aligned) against the verifying key `vk` whose digest is `vk_digest` (32 bytes).
  // `interactions` holds `capacity` entries; the last segment needs 2 + the output's length.
  // `admit(const StarkStatement&, const StarkLayout&, uint32_t segment, uint32_t
  // num_segments)` is called for every segment in order before any STARK proof byte is read
  // and returns whether the run may be verified at all: the security rule, which also decides
  // whether the run's query count (the statement's options) is the one the run calls for.
  template <typename Admit>
  VmVerifyStatus Verify(const VmProofView& view, const VkFields& vk, const uint8_t* vk_digest,
                        stark::StarkPublicInteraction* interactions, uint32_t capacity,
                        Admit&& admit) {
    VmVerifyStatus status;
    for (size_t i = 0; i < 32; ++i) {
      if (view.vk_digest[i] != vk_digest[i]) return Failed(status, VmVerifyStep::kProgram);
    }
    // The key pins the options; a run may only raise the query count (stark::RunOptions), and
    // the admission rule decides whether it is the count its statement calls for.
    if (!SameOptions(view.options, vk.options) ||
        (view.num_queries != vk.options.num_queries &&
         (vk.options.insecure() || view.num_queries < vk.options.num_queries))) {
      return Failed(status, VmVerifyStep::kOptions);
    }
    status.proof = CheckVmProofShape(view, vk);
    if (!status.proof.ok()) return Failed(status, VmVerifyStep::kShape);
    for (uint32_t s = 0; s < view.num_segments; ++s) {
      status.segment = s;
      if (!statement_.Build(view, vk, s, interactions, capacity)) {
        return Failed(status, VmVerifyStep::kStorage);
      }
      const stark::StatementCheck layout = stark::MakeStarkLayout(statement_.statement(), &layout_);
      if (!layout.ok()) {
        status.stark.error = stark::StarkError::kStatement;
        status.stark.statement = layout;
        return Failed(status, VmVerifyStep::kStatement);
      }
      if (!admit(statement_.statement(), layout_, s, view.num_segments)) {
        return Failed(status, VmVerifyStep::kAdmission);
      }
    }
    Segments segments{view, vk, interactions, capacity, statement_};
    // The run tag binds the segment size k: the transcript fixes every header field.
    const stark::StarkRunStatus run =
        stark::VerifyStarkRun(stark_, view.num_segments, segments, view.log_segment_cycles);
    if (!run.ok()) {
      status.stark = run.stark;
      status.segment = run.instance;
      return Failed(status, VmVerifyStep::kStark);
    }
    return {};
  }

  // The STARK statement of the segment Verify failed in (valid once it reached step 5).
  const stark::StarkStatement& statement() const { return statement_.statement(); }

 private:
  // The run's instances for VerifyStarkRun: segment s's statement rebuilt in one buffer.
  struct Segments {
    const VmProofView& view;
    const VkFields& vk;
    stark::StarkPublicInteraction* interactions;
    uint32_t capacity;
    VmStarkStatement& statement;

    const stark::StarkStatement* Statement(uint32_t s) {
      if (!statement.Build(view, vk, s, interactions, capacity)) return nullptr;
      return &statement.statement();
    }
    void Proof(uint32_t s, const uint8_t** data, size_t* size) const {
      *data = view.segment_proof(s);
      *size = view.segment_proof_size(s);
    }
  };

  static constexpr VmVerifyStatus Failed(VmVerifyStatus status, VmVerifyStep step) {
    status.step = step;
    return status;
  }

  VmStarkStatement statement_;
  stark::StarkLayout layout_;
  stark::StarkVerifier<Hash> stark_;
};

}  // namespace zkvm::prover
