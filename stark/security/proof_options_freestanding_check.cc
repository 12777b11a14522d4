// Compiled for the rv32im guest by the proof_options_rv32_compile test (see CMakeLists.txt):
// the guest verifier decodes and compares proof options with proof_options.h alone, so the
// header must be freestanding (no heap, exceptions, RTTI or standard library).
#include "stark/security/proof_options.h"

// The recursion guest's fixed options, checked at compile time.
static_assert(zkvm::stark::kRecursionOptions.Check().ok());

extern "C" int zkvm_proof_options_check(const uint8_t* encoding) {
  zkvm::stark::ProofOptions options;
  const zkvm::stark::OptionsCheck check = zkvm::stark::ProofOptions::Decode(encoding, &options);
  if (!check.ok()) return static_cast<int>(check.error);
  uint8_t again[zkvm::stark::kProofOptionsBytes];
  options.Encode(again);
  for (size_t i = 0; i < zkvm::stark::kProofOptionsBytes; ++i) {
    if (again[i] != encoding[i]) return -1;
  }
  return options == zkvm::stark::kRecursionOptions ? 0 : -2;
}
