// The verifier of a run of several STARK instances (stark_protocol.h, "Runs of several
// instances"; docs/continuations.md), freestanding: the VM verifier and the recursion guest run
// it over their segments.
//
//   0. The run header: the instance count and the caller's run tag (stark_protocol.h).
//   1. For each instance in order: its statement (from the caller), the proof's structure
//      against it, and its main root, absorbed into the run transcript with the statement.
//   2. The shared challenges z, a and the binding block (DrawSharedLogup).
//   3. For each instance in order: the whole STARK verification (stark_verifier.h) with the
//      shared challenges; its bus sum is added to the run's.
//   4. The run's bus sum (every instance's totals plus the public contributions of the
//      statements) is zero.
// The caller supplies the instances through an object with
//   const StarkStatement* Statement(uint32_t i)  the statement of instance i, valid until the
//                                                next call (null: the caller refuses it; the
//                                                run fails at that instance with kStatement)
//   void Proof(uint32_t i, const uint8_t** data, size_t* size)   its proof bytes (16-aligned)
// so that a statement can be rebuilt in one buffer for each instance in turn (the guest keeps
// one). Statements are asked for twice (steps 1 and 3): they must be the same both times.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "crypto/transcript/verifier_transcript.h"
#include "stark/protocol/stark_protocol.h"
#include "stark/verifier/stark_verifier.h"

namespace zkvm::stark {

struct StarkRunStatus {
  StarkStatus stark;                  // the failing instance's status (kBusImbalance: the run's)
  uint32_t instance = kStarkNoPlace;  // the failing instance; kStarkNoPlace for the run's sum
  bool refused_statement = false;     // the caller returned no statement for `instance`
  constexpr bool ok() const { return stark.ok() && !refused_statement; }
};

template <typename Hash, typename Instances>
constexpr StarkRunStatus VerifyStarkRun(StarkVerifier<Hash>& verifier, uint32_t num_instances,
                                        Instances& instances, uint64_t run_tag = 0) {
  StarkRunStatus status;
  if (num_instances == 0 || num_instances > kStarkMaxInstances) {
    status.stark.error = StarkError::kStatement;
    return status;
  }
  typename Hash::Transcript run(kStarkRunProtocol);
  AbsorbRunHeader(run, num_instances, run_tag);
  for (uint32_t i = 0; i < num_instances; ++i) {
    status.instance = i;
    const StarkStatement* statement = instances.Statement(i);
    if (statement == nullptr) {
      status.refused_statement = true;
      return status;
    }
    const uint8_t* proof = nullptr;
    size_t size = 0;
    instances.Proof(i, &proof, &size);
    crypto::MerkleDigest main_root;
    status.stark = verifier.ReadMainRoot(*statement, proof, size, &main_root);
    if (!status.stark.ok()) return status;
    AbsorbRunInstance(run, i, *statement, main_root);
  }
  SharedLogup shared = DrawSharedLogup(run, num_instances);
  Ext3 sum;
  for (uint32_t i = 0; i < num_instances; ++i) {
    status.instance = i;
    const StarkStatement* given = instances.Statement(i);
    if (given == nullptr) {
      status.refused_statement = true;
      return status;
    }
    StarkStatement statement = *given;
    shared.instance = i;
    statement.shared_logup = &shared;
    const uint8_t* proof = nullptr;
    size_t size = 0;
    instances.Proof(i, &proof, &size);
    status.stark = verifier.Verify(statement, proof, size);
    if (!status.stark.ok()) return status;
    sum += verifier.bus_sum();
  }
  status.instance = kStarkNoPlace;
  if (!sum.IsZero()) {
    status.stark.error = StarkError::kBusImbalance;
    status.stark.section = kSectionBusTotals;
  }
  return status;
}

}  // namespace zkvm::stark
