// The Fiat-Shamir transcript (DESIGN.md section 4): SHA3-256 over everything the prover has
// sent, from which every verifier challenge is derived. The prover and the verifier each run
// one (prover_transcript.h / verifier_transcript.h); both wrap this core, so the two sides
// cannot drift apart.
//
// Absorbing. Every absorb appends to one running SHA3-256 sponge
//     tag (1 byte: the value's type) || label length (1 byte) || label || u64 LE length || data
// so every value is domain-separated by type and label and length-prefixed: no two different
// absorb sequences produce the same byte stream.
//
// Squeezing. A squeeze absorbs the tag kSqueeze, finalizes a copy of the sponge into a 32-byte
// block d, and restarts the sponge from (kChain || d): each block depends on everything before
// it, and later absorbs depend on every block drawn. Field elements are drawn by rejection from
// 8-byte little-endian chunks of the blocks (a chunk >= p, probability 2^-32, is skipped), so
// they are exactly uniform with no extra PRNG; query indices for a domain of 2^k take the low k
// bits of a chunk (uniform because the domain size is a power of two).
//
// Grinding (proof of work). Before queries the prover finds the smallest nonce such that
// SHA3-256(kGrind || state || nonce) has `bits` leading zero bits, where state is a block
// squeezed for the purpose; the verifier checks it with one hash, then both absorb the nonce.
//
// This is the SHA3-256 transcript (HashId::kSha3); poseidon2_transcript.h has the Poseidon2 one,
// with the same operations and framing over field elements.
//
// Freestanding (DESIGN.md section 7); the permutation is a template parameter so the recursion
// guest can use the KECCAK_F1600 precompile. Transcripts are non-copyable: a second, diverging
// copy is made explicitly with Fork().
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "crypto/field/ext3.h"
#include "crypto/field/felt.h"
#include "crypto/hash/hash_id.h"
#include "crypto/hash/sha3.h"

namespace zkvm::crypto {

inline constexpr size_t kDigestBytes = 32;

enum class TranscriptTag : uint8_t {
  kInit = 1,
  kBytes = 2,
  kU64 = 3,
  kFelts = 4,
  kExt3s = 5,
  kDigest = 6,
  kSqueeze = 7,
  kChain = 8,
  kGrindNonce = 9,
  kGrind = 10,
};

template <typename Permutation = KeccakF1600Software>
class Sha3TranscriptCore {
 public:
  static constexpr HashId kHash = HashId::kSha3;

  // `protocol` names what is being proved (e.g. "zkvm-stark-v1"); transcripts with different
  // protocol labels never agree.
  explicit constexpr Sha3TranscriptCore(const char* protocol) {
    AbsorbTagged(TranscriptTag::kInit, protocol, nullptr, 0);
  }
  Sha3TranscriptCore(const Sha3TranscriptCore&) = delete;
  Sha3TranscriptCore& operator=(const Sha3TranscriptCore&) = delete;
  Sha3TranscriptCore(Sha3TranscriptCore&&) = default;
  Sha3TranscriptCore& operator=(Sha3TranscriptCore&&) = default;

  // An independent copy in the same state (for trial derivations); the original is unchanged.
  constexpr Sha3TranscriptCore Fork() const { return Sha3TranscriptCore(*this, ForkTag{}); }

 protected:
  struct ForkTag {};
  constexpr Sha3TranscriptCore(const Sha3TranscriptCore& other, ForkTag)
      : sponge_(other.sponge_), block_(), used_(other.used_) {
    for (size_t i = 0; i < kDigestBytes; ++i) block_[i] = other.block_[i];
  }

 public:
  constexpr void AbsorbBytes(const char* label, const uint8_t* data, size_t size) {
    AbsorbTagged(TranscriptTag::kBytes, label, data, size);
  }
  constexpr void AbsorbU64(const char* label, uint64_t value) {
    uint8_t bytes[8];
    StoreU64(value, bytes);
    AbsorbTagged(TranscriptTag::kU64, label, bytes, 8);
  }
  constexpr void AbsorbFelts(const char* label, const Felt* values, size_t count) {
    Header(TranscriptTag::kFelts, label, count * Felt::kBytes);
    for (size_t i = 0; i < count; ++i) sponge_.UpdateU64(values[i].value());
  }
  constexpr void AbsorbFelt(const char* label, Felt value) { AbsorbFelts(label, &value, 1); }
  constexpr void AbsorbExt3s(const char* label, const Ext3* values, size_t count) {
    Header(TranscriptTag::kExt3s, label, count * Ext3::kBytes);
    for (size_t i = 0; i < count; ++i) {
      for (size_t c = 0; c < Ext3::kDegree; ++c) sponge_.UpdateU64(values[i][c].value());
    }
  }
  constexpr void AbsorbExt3(const char* label, const Ext3& value) { AbsorbExt3s(label, &value, 1); }
  constexpr void AbsorbDigest(const char* label, const uint8_t digest[kDigestBytes]) {
    AbsorbTagged(TranscriptTag::kDigest, label, digest, kDigestBytes);
  }

  // A uniformly random field element.
  constexpr Felt SampleFelt() {
    for (;;) {
      const uint64_t chunk = NextChunk();
      Felt f;
      if (Felt::TryFromCanonical(chunk, &f)) return f;
    }
  }
  constexpr Ext3 SampleExt3() {
    const Felt c0 = SampleFelt();
    const Felt c1 = SampleFelt();
    const Felt c2 = SampleFelt();
    return Ext3(c0, c1, c2);
  }
  // A uniformly random index in [0, 2^log_size), log_size <= 32.
  constexpr uint32_t SampleIndex(int log_size) {
    const uint64_t chunk = NextChunk();
    return static_cast<uint32_t>(chunk & ((uint64_t{1} << log_size) - 1));
  }

  // A fresh 32-byte block of challenge bytes (consumes one squeeze).
  constexpr void SampleDigest(uint8_t out[kDigestBytes]) {
    Squeeze(out);
    used_ = kDigestBytes;
  }
  // The grinding seed: a fresh block the nonce search runs against (consumes one squeeze).
  constexpr void GrindingSeed(uint8_t seed[kDigestBytes]) {
    Squeeze(seed);
    used_ = kDigestBytes;  // the remaining chunks of this block are not used for sampling
  }
  // True if SHA3-256(kGrind || seed || nonce) has `bits` leading zero bits.
  static constexpr bool GrindingHashOk(const uint8_t seed[kDigestBytes], uint64_t nonce, int bits) {
    Sha3_256<Permutation> h;
    const uint8_t tag = static_cast<uint8_t>(TranscriptTag::kGrind);
    h.Update(&tag, 1);
    h.Update(seed, kDigestBytes);
    uint8_t nonce_bytes[8];
    StoreU64(nonce, nonce_bytes);
    h.Update(nonce_bytes, 8);
    uint8_t digest[kDigestBytes];
    h.Finalize(digest);
    // Leading zero bits, reading the digest as a big-endian bit string.
    for (int i = 0; i < bits; ++i) {
      if ((digest[i / 8] >> (7 - i % 8)) & 1) return false;
    }
    return true;
  }
  // Absorbs the accepted nonce.
  constexpr void AbsorbGrindingNonce(uint64_t nonce) {
    uint8_t bytes[8];
    StoreU64(nonce, bytes);
    AbsorbTagged(TranscriptTag::kGrindNonce, "grinding nonce", bytes, 8);
  }

 private:
  static constexpr void StoreU64(uint64_t value, uint8_t out[8]) {
    for (int i = 0; i < 8; ++i) out[i] = static_cast<uint8_t>(value >> (8 * i));
  }
  static constexpr size_t Length(const char* s) {
    size_t n = 0;
    while (s[n] != '\0') ++n;
    return n;
  }
  constexpr void Header(TranscriptTag tag, const char* label, uint64_t size) {
    used_ = kDigestBytes;  // any absorb invalidates the current squeeze block
    const size_t label_size = Length(label);
    const uint8_t head[2] = {static_cast<uint8_t>(tag),
                             static_cast<uint8_t>(label_size > 255 ? 255 : label_size)};
    sponge_.Update(head, 2);
    sponge_.Update(reinterpret_cast<const uint8_t*>(label), head[1]);
    uint8_t length[8];
    StoreU64(size, length);
    sponge_.Update(length, 8);
  }
  constexpr void AbsorbTagged(TranscriptTag tag, const char* label, const uint8_t* data,
                              size_t size) {
    Header(tag, label, size);
    if (size != 0) sponge_.Update(data, size);
  }
  // Finalizes the sponge into `out` and restarts it from (kChain || out).
  constexpr void Squeeze(uint8_t out[kDigestBytes]) {
    const uint8_t tag = static_cast<uint8_t>(TranscriptTag::kSqueeze);
    sponge_.Update(&tag, 1);
    sponge_.Finalize(out);
    sponge_.Reset();
    const uint8_t chain = static_cast<uint8_t>(TranscriptTag::kChain);
    sponge_.Update(&chain, 1);
    sponge_.Update(out, kDigestBytes);
  }
  constexpr uint64_t NextChunk() {
    if (used_ + 8 > kDigestBytes) {
      Squeeze(block_);
      used_ = 0;
    }
    uint64_t v = 0;
    for (size_t i = 8; i-- > 0;) v = (v << 8) | block_[used_ + i];
    used_ += 8;
    return v;
  }

  Sha3_256<Permutation> sponge_;
  uint8_t block_[kDigestBytes] = {};
  size_t used_ = kDigestBytes;  // bytes of block_ consumed; kDigestBytes = none left
};

}  // namespace zkvm::crypto
