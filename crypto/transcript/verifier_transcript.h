// The verifier's transcript: the shared core (transcript.h) plus the grinding check. Mirrors
// prover_transcript.h operation for operation. Freestanding; `Permutation` lets the recursion
// guest use the KECCAK_F1600 precompile.
#pragma once

#include "crypto/transcript/transcript.h"

namespace zkvm::crypto {

template <typename Permutation = KeccakF1600Software>
class VerifierTranscript : public TranscriptCore<Permutation> {
 public:
  explicit constexpr VerifierTranscript(const char* protocol)
      : TranscriptCore<Permutation>(protocol) {}

  constexpr VerifierTranscript Fork() const { return VerifierTranscript(*this, ForkTag{}); }

  // Checks the prover's proof-of-work nonce against a fresh grinding seed and absorbs it.
  // False means the proof is invalid.
  constexpr bool CheckGrinding(uint64_t nonce, int bits) {
    uint8_t seed[kDigestBytes];
    this->GrindingSeed(seed);
    if (!TranscriptCore<Permutation>::GrindingHashOk(seed, nonce, bits)) return false;
    this->AbsorbGrindingNonce(nonce);
    return true;
  }

 private:
  using ForkTag = typename TranscriptCore<Permutation>::ForkTag;
  constexpr VerifierTranscript(const VerifierTranscript& other, ForkTag tag)
      : TranscriptCore<Permutation>(other, tag) {}
};

}  // namespace zkvm::crypto
