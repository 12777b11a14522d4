// The prover's transcript: the hash's transcript core (transcript.h for SHA3-256,
// poseidon2_transcript.h for Poseidon2), picked at run time from the proof options, plus the
// grinding search. Mirrors verifier_transcript.h operation for operation. Host-only (the
// search runs on TBB threads, Poseidon2's on the batched SIMD permutation).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <utility>
#include <variant>

#include "crypto/hash/hash_id.h"
#include "crypto/transcript/poseidon2_transcript.h"
#include "crypto/transcript/transcript.h"

namespace zkvm::crypto {

class ProverTranscript {
 public:
  explicit ProverTranscript(const char* protocol, HashId hash = HashId::kSha3);
  ProverTranscript(ProverTranscript&&) = default;
  ProverTranscript& operator=(ProverTranscript&&) = default;

  HashId hash() const { return core_.index() == 0 ? HashId::kSha3 : HashId::kPoseidon2; }

  // An independent copy in the same state.
  ProverTranscript Fork() const {
    return std::visit([](const auto& c) { return ProverTranscript(c.Fork()); }, core_);
  }

  void AbsorbBytes(const char* label, const uint8_t* data, size_t size) {
    std::visit([&](auto& c) { c.AbsorbBytes(label, data, size); }, core_);
  }
  void AbsorbU64(const char* label, uint64_t value) {
    std::visit([&](auto& c) { c.AbsorbU64(label, value); }, core_);
  }
  void AbsorbFelts(const char* label, const Felt* values, size_t count) {
    std::visit([&](auto& c) { c.AbsorbFelts(label, values, count); }, core_);
  }
  void AbsorbFelt(const char* label, Felt value) { AbsorbFelts(label, &value, 1); }
  void AbsorbExt3s(const char* label, const Ext3* values, size_t count) {
    std::visit([&](auto& c) { c.AbsorbExt3s(label, values, count); }, core_);
  }
  void AbsorbExt3(const char* label, const Ext3& value) { AbsorbExt3s(label, &value, 1); }
  void AbsorbDigest(const char* label, const uint8_t digest[kDigestBytes]) {
    std::visit([&](auto& c) { c.AbsorbDigest(label, digest); }, core_);
  }
  Felt SampleFelt() {
    return std::visit([](auto& c) { return c.SampleFelt(); }, core_);
  }
  Ext3 SampleExt3() {
    return std::visit([](auto& c) { return c.SampleExt3(); }, core_);
  }
  uint32_t SampleIndex(int log_size) {
    return std::visit([&](auto& c) { return c.SampleIndex(log_size); }, core_);
  }
  void SampleDigest(uint8_t out[kDigestBytes]) {
    std::visit([&](auto& c) { c.SampleDigest(out); }, core_);
  }

  // Finds the smallest nonce whose grinding hash has `bits` leading zero bits, absorbs it and
  // returns it. The result is the same whatever the number of threads: nonces are searched in
  // batches, in parallel within a batch, and the smallest hit of the first batch with a hit
  // wins.
  uint64_t Grind(int bits);

 private:
  using Sha3Core = Sha3TranscriptCore<KeccakF1600Software>;
  using Poseidon2Core = Poseidon2TranscriptCore<Poseidon2Software>;
  explicit ProverTranscript(Sha3Core core) : core_(std::move(core)) {}
  explicit ProverTranscript(Poseidon2Core core) : core_(std::move(core)) {}

  std::variant<Sha3Core, Poseidon2Core> core_;
};

}  // namespace zkvm::crypto
