// Compiled for rv32im, freestanding, by the vm_verifier_rv32_compile test: the VM proof's parser,
// shape check, STARK statement and the whole VM verifier (vm_verifier.h), as the recursion
// guest uses them.
#include "prover/vm/vm_verifier.h"

namespace {
zkvm::prover::VmVerifier<> g_verifier;
zkvm::stark::StarkPublicInteraction g_interactions[2 + 64];
}  // namespace

bool VerifyVmProof(const uint8_t* proof, size_t size, const uint8_t* vk_bytes,
                   const uint8_t* vk_digest) {
  zkvm::prover::VkFields vk;
  if (zkvm::prover::DecodeVkFields(vk_bytes, zkvm::prover::kVkBytes, &vk) !=
      zkvm::prover::VkError::kOk) {
    return false;
  }
  zkvm::prover::VmProofView view;
  if (!zkvm::prover::ParseVmProof(proof, size, &view).ok()) return false;
  return g_verifier
      .Verify(view, vk, vk_digest, g_interactions, 2 + 64,
              [](const zkvm::stark::StarkStatement&, const zkvm::stark::StarkLayout&, uint32_t,
                 uint32_t) { return true; })
      .ok();
}
