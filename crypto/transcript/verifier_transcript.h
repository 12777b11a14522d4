// The verifier's transcript: a transcript core plus the grinding check. Mirrors
// prover_transcript.h operation for operation. `Core` is the hash's construction:
// Sha3TranscriptCore<Keccak> (transcript.h) or Poseidon2TranscriptCore<Poseidon2>
// (poseidon2_transcript.h), whose permutation the recursion guest replaces with its precompile.
// Freestanding.
#pragma once

#include "crypto/transcript/poseidon2_transcript.h"
#include "crypto/transcript/transcript.h"

namespace zkvm::crypto {

template <typename Core = Sha3TranscriptCore<>>
class VerifierTranscript : public Core {
 public:
  explicit constexpr VerifierTranscript(const char* protocol) : Core(protocol) {}

  constexpr VerifierTranscript Fork() const { return VerifierTranscript(*this, ForkTag{}); }

  // Checks the prover's proof-of-work nonce against a fresh grinding seed and absorbs it.
  // False means the proof is invalid.
  constexpr bool CheckGrinding(uint64_t nonce, int bits) {
    uint8_t seed[kDigestBytes];
    this->GrindingSeed(seed);
    if (!Core::GrindingHashOk(seed, nonce, bits)) return false;
    this->AbsorbGrindingNonce(nonce);
    return true;
  }

 private:
  using ForkTag = typename Core::ForkTag;
  constexpr VerifierTranscript(const VerifierTranscript& other, ForkTag tag) : Core(other, tag) {}
};

}  // namespace zkvm::crypto
