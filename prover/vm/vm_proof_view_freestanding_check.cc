// Compiled for rv32im, freestanding, by the vm_proof_view_rv32_compile test: the VM proof's
// parser, shape check and STARK statement (vm_proof_view.h), as the recursion guest uses them.
#include "prover/vm/vm_proof_view.h"

namespace {
zkvm::prover::VmStarkStatement<64> g_statement;
}  // namespace

bool BuildVmStatement(const uint8_t* proof, size_t size, const uint8_t* vk_bytes) {
  zkvm::prover::VkFields vk;
  if (zkvm::prover::DecodeVkFields(vk_bytes, zkvm::prover::kVkBytes, &vk) !=
      zkvm::prover::VkError::kOk) {
    return false;
  }
  zkvm::prover::VmProofView view;
  if (!zkvm::prover::ParseVmProof(proof, size, &view).ok()) return false;
  if (!zkvm::prover::CheckVmProofShape(view, vk).ok()) return false;
  return g_statement.Build(view, vk);
}
