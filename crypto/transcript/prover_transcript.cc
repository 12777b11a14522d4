#include "crypto/transcript/prover_transcript.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_reduce.h>

#include <algorithm>
#include <cstdint>

#include "base/check.h"

namespace zkvm::crypto {

uint64_t ProverTranscript::Grind(int bits) {
  ZKVM_CHECK(bits >= 0 && bits <= 64, "grinding bits out of range");
  uint8_t seed[kDigestBytes];
  GrindingSeed(seed);
  constexpr uint64_t kBatch = uint64_t{1} << 14;
  constexpr uint64_t kNone = UINT64_MAX;
  for (uint64_t start = 0;; start += kBatch) {
    const uint64_t found = tbb::parallel_reduce(
        tbb::blocked_range<uint64_t>(start, start + kBatch, 256), kNone,
        [&](const tbb::blocked_range<uint64_t>& range, uint64_t best) {
          for (uint64_t nonce = range.begin(); nonce < range.end() && nonce < best; ++nonce) {
            if (GrindingHashOk(seed, nonce, bits)) return nonce;
          }
          return best;
        },
        [](uint64_t a, uint64_t b) { return std::min(a, b); });
    if (found != kNone) {
      AbsorbGrindingNonce(found);
      return found;
    }
    ZKVM_CHECK(start < UINT64_MAX - 2 * kBatch, "grinding nonce space exhausted");
  }
}

}  // namespace zkvm::crypto
