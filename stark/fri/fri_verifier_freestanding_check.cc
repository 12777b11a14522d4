// Compiled for the rv32im guest by the fri_verifier_rv32_compile test (see CMakeLists.txt):
// instantiates every step of the FRI verifier so the whole template is checked to be
// freestanding (no heap, exceptions, RTTI or standard library).
#include "crypto/transcript/verifier_transcript.h"
#include "stark/fri/fri_verifier.h"

namespace {

zkvm::stark::FriVerifier<64, 16> g_verifier;

// Inputs read from a caller table laid out [input][query] of pairs.
struct TablePairs {
  const zkvm::stark::FriPair* pairs;
  uint32_t num_queries;

  constexpr zkvm::stark::FriPair operator()(uint32_t input, uint32_t query, uint32_t) const {
    return pairs[input * num_queries + query];
  }
};

}  // namespace

extern "C" int zkvm_fri_verify_check(const zkvm::stark::FriOptions* options,
                                     const uint32_t* input_log_sizes, size_t num_inputs,
                                     const uint8_t* proof, size_t proof_size,
                                     const zkvm::stark::FriPair* pairs) {
  zkvm::crypto::VerifierTranscript<> transcript("fri-check");
  zkvm::stark::FriStatus status =
      g_verifier.ReadProof(*options, input_log_sizes, num_inputs, proof, proof_size);
  if (status.ok()) status = g_verifier.ReplayTranscript(transcript);
  if (status.ok()) status = g_verifier.VerifyQueries(TablePairs{pairs, options->num_queries});
  return static_cast<int>(status.error);
}
