#include "crypto/transcript/prover_transcript.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_reduce.h>

#include <algorithm>
#include <cstdint>

#include "base/check.h"
#include "crypto/hash/poseidon2_batch.h"

namespace zkvm::crypto {
namespace {

// The smallest nonce of [begin, end) below `best` whose grinding hash passes, or `best`.
uint64_t SearchSha3(const uint8_t* seed, int bits, uint64_t begin, uint64_t end, uint64_t best) {
  for (uint64_t nonce = begin; nonce < end && nonce < best; ++nonce) {
    if (Sha3TranscriptCore<>::GrindingHashOk(seed, nonce, bits)) return nonce;
  }
  return best;
}

// The same for Poseidon2, several nonces per SIMD permutation.
uint64_t SearchPoseidon2(const uint8_t* seed, int bits, uint64_t begin, uint64_t end,
                         uint64_t best) {
  using Core = Poseidon2TranscriptCore<>;
  const Poseidon2BatchPermutation perm = GetPoseidon2BatchPermutation(BestSimdPath());
  const size_t ways = perm.ways;
  Felt lanes[kPoseidon2Width * kPoseidon2MaxWays];
  Felt state[kPoseidon2Width];
  for (uint64_t first = begin; first < end && first < best; first += ways) {
    for (size_t s = 0; s < ways; ++s) {
      Core::GrindingInput(seed, first + s, state);
      for (size_t i = 0; i < kPoseidon2Width; ++i) lanes[i * ways + s] = state[i];
    }
    perm.permute(lanes);
    for (size_t s = 0; s < ways && first + s < end; ++s) {
      if (Core::GrindingOutputOk(&lanes[s], bits)) return std::min(best, first + s);
    }
  }
  return best;
}

}  // namespace

ProverTranscript::ProverTranscript(const char* protocol, HashId hash)
    : core_(hash == HashId::kSha3
                ? std::variant<Sha3Core, Poseidon2Core>(Sha3Core(protocol))
                : std::variant<Sha3Core, Poseidon2Core>(Poseidon2Core(protocol))) {
  ZKVM_CHECK(hash == HashId::kSha3 || hash == HashId::kPoseidon2, "unknown transcript hash");
}

uint64_t ProverTranscript::Grind(int bits) {
  ZKVM_CHECK(bits >= 0 && bits <= 64, "grinding bits out of range");
  uint8_t seed[kDigestBytes];
  std::visit([&](auto& c) { c.GrindingSeed(seed); }, core_);
  const bool poseidon2 = hash() == HashId::kPoseidon2;
  constexpr uint64_t kBatch = uint64_t{1} << 14;
  constexpr uint64_t kNone = UINT64_MAX;
  for (uint64_t start = 0;; start += kBatch) {
    const uint64_t found = tbb::parallel_reduce(
        tbb::blocked_range<uint64_t>(start, start + kBatch, 256), kNone,
        [&](const tbb::blocked_range<uint64_t>& range, uint64_t best) {
          return poseidon2 ? SearchPoseidon2(seed, bits, range.begin(), range.end(), best)
                           : SearchSha3(seed, bits, range.begin(), range.end(), best);
        },
        [](uint64_t a, uint64_t b) { return std::min(a, b); });
    if (found != kNone) {
      std::visit([&](auto& c) { c.AbsorbGrindingNonce(found); }, core_);
      return found;
    }
    ZKVM_CHECK(start < UINT64_MAX - 2 * kBatch, "grinding nonce space exhausted");
  }
}

}  // namespace zkvm::crypto
