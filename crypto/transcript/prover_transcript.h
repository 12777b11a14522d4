// The prover's transcript: the shared core (transcript.h) plus the grinding search. Mirrors
// verifier_transcript.h operation for operation. Host-only (the search runs on TBB threads).
#pragma once

#include "crypto/transcript/transcript.h"

namespace zkvm::crypto {

class ProverTranscript : public TranscriptCore<KeccakF1600Software> {
 public:
  explicit ProverTranscript(const char* protocol) : TranscriptCore(protocol) {}

  ProverTranscript Fork() const { return ProverTranscript(*this, ForkTag{}); }

  // Finds the smallest nonce whose grinding hash has `bits` leading zero bits, absorbs it and
  // returns it. The result is the same whatever the number of threads: nonces are searched in
  // batches, in parallel within a batch, and the smallest hit of the first batch with a hit
  // wins.
  uint64_t Grind(int bits);

 private:
  ProverTranscript(const ProverTranscript& other, ForkTag tag) : TranscriptCore(other, tag) {}
};

}  // namespace zkvm::crypto
