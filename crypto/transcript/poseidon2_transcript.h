// The Fiat-Shamir transcript over Poseidon2 (crypto/hash/poseidon2.h), for proofs a guest
// verifies (HashId::kPoseidon2): the same operations, labels and framing as the SHA3-256
// transcript of transcript.h, on a duplex sponge over Goldilocks elements instead of bytes, so a
// guest derives every challenge with a few POSEIDON2 calls and no byte packing.
//
// The sponge: 12 elements, rate 8 (elements 0..7), capacity 4, all zero at the start. Absorbing
// an element adds it to the next rate element; when the 8th is filled the state is permuted.
//
// Framing (injective, as in transcript.h): every absorb is the element sequence
//     tag || label length || label bytes, 7 per element || size (u32 low, u32 high) || data
// with data encoded as: field elements (kFelts, and kExt3s coefficient by coefficient) as they
// are; bytes (kBytes) 7 per element, little-endian, the last element holding the remainder;
// u64 values (kU64, kGrindNonce) and 32-byte digests (kDigest) as 32-bit limbs, low first, so
// any byte string is absorbed as it is (a digest need not be canonical to be absorbed; a tree's
// verifier checks canonicity where it matters).
//
// Squeezing: absorb the tag kSqueeze, then the padding element 1, permute (the padding ends the
// block, so the last block of any absorb sequence is unambiguous) and take the 8 rate elements
// as the next challenge block. Field elements are drawn one per element: a permutation output is
// uniform in the field, so no rejection is needed. A query index for a domain of 2^k (k <= 32)
// takes the low k bits of an element; as p = 2^64 - 2^32 + 1, each residue class mod 2^k holds
// (p - 1) / 2^k elements, and one more for 0: statistical distance below 2^-(64 - k).
//
// Grinding: the prover finds the smallest nonce such that the first element of
// Poseidon2(kGrind, seed[0..4), nonce low, nonce high, 0 | 7, kGrind, 0, 0) has `bits` leading
// zero bits (as a 64-bit integer), the seed being 4 elements squeezed for the purpose.
//
// Freestanding (DESIGN.md section 7); the permutation is a template parameter (a guest plugs in
// the POSEIDON2 precompile). Non-copyable; Fork() makes an explicit copy.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "crypto/field/ext3.h"
#include "crypto/field/felt.h"
#include "crypto/hash/hash_id.h"
#include "crypto/hash/poseidon2.h"
#include "crypto/transcript/transcript.h"

namespace zkvm::crypto {

template <typename Permutation = Poseidon2Software>
class Poseidon2TranscriptCore {
 public:
  static constexpr HashId kHash = HashId::kPoseidon2;

  explicit constexpr Poseidon2TranscriptCore(const char* protocol) {
    AbsorbTagged(TranscriptTag::kInit, protocol, nullptr, 0);
  }
  Poseidon2TranscriptCore(const Poseidon2TranscriptCore&) = delete;
  Poseidon2TranscriptCore& operator=(const Poseidon2TranscriptCore&) = delete;
  Poseidon2TranscriptCore(Poseidon2TranscriptCore&&) = default;
  Poseidon2TranscriptCore& operator=(Poseidon2TranscriptCore&&) = default;

  constexpr Poseidon2TranscriptCore Fork() const {
    return Poseidon2TranscriptCore(*this, ForkTag{});
  }

 protected:
  struct ForkTag {};
  constexpr Poseidon2TranscriptCore(const Poseidon2TranscriptCore& other, ForkTag)
      : permutation_(other.permutation_), position_(other.position_), used_(other.used_) {
    for (size_t i = 0; i < kPoseidon2Width; ++i) state_[i] = other.state_[i];
    for (size_t i = 0; i < kPoseidon2Rate; ++i) block_[i] = other.block_[i];
  }

 public:
  constexpr void AbsorbBytes(const char* label, const uint8_t* data, size_t size) {
    AbsorbTagged(TranscriptTag::kBytes, label, data, size);
  }
  constexpr void AbsorbU64(const char* label, uint64_t value) {
    Header(TranscriptTag::kU64, label, 8);
    AbsorbU64Limbs(value);
  }
  constexpr void AbsorbFelts(const char* label, const Felt* values, size_t count) {
    Header(TranscriptTag::kFelts, label, count * Felt::kBytes);
    for (size_t i = 0; i < count; ++i) Element(values[i]);
  }
  constexpr void AbsorbFelt(const char* label, Felt value) { AbsorbFelts(label, &value, 1); }
  constexpr void AbsorbExt3s(const char* label, const Ext3* values, size_t count) {
    Header(TranscriptTag::kExt3s, label, count * Ext3::kBytes);
    for (size_t i = 0; i < count; ++i) {
      for (size_t c = 0; c < Ext3::kDegree; ++c) Element(values[i][c]);
    }
  }
  constexpr void AbsorbExt3(const char* label, const Ext3& value) { AbsorbExt3s(label, &value, 1); }
  constexpr void AbsorbDigest(const char* label, const uint8_t digest[kDigestBytes]) {
    Header(TranscriptTag::kDigest, label, kDigestBytes);
    for (size_t i = 0; i < kDigestBytes; i += 4) {
      Element(Felt::FromCanonical(uint64_t{digest[i]} | uint64_t{digest[i + 1]} << 8 |
                                  uint64_t{digest[i + 2]} << 16 | uint64_t{digest[i + 3]} << 24));
    }
  }

  constexpr Felt SampleFelt() { return NextElement(); }
  constexpr Ext3 SampleExt3() {
    const Felt c0 = SampleFelt();
    const Felt c1 = SampleFelt();
    const Felt c2 = SampleFelt();
    return Ext3(c0, c1, c2);
  }
  // A (statistically) uniform index in [0, 2^log_size), log_size <= 32.
  constexpr uint32_t SampleIndex(int log_size) {
    return static_cast<uint32_t>(NextElement().value() & ((uint64_t{1} << log_size) - 1));
  }
  // 4 fresh elements as 32 little-endian bytes (consumes one squeeze).
  constexpr void SampleDigest(uint8_t out[kDigestBytes]) {
    Squeeze();
    for (size_t i = 0; i < 4; ++i) StoreElement(block_[i], out + 8 * i);
    used_ = kPoseidon2Rate;
  }
  constexpr void GrindingSeed(uint8_t seed[kDigestBytes]) { SampleDigest(seed); }

  // The permutation input of the grinding hash for `nonce` (the seed is 4 canonical elements
  // as GrindingSeed wrote them).
  static constexpr void GrindingInput(const uint8_t seed[kDigestBytes], uint64_t nonce,
                                      Felt state[kPoseidon2Width]) {
    for (size_t i = 0; i < kPoseidon2Width; ++i) state[i] = Felt::Zero();
    state[0] = Felt::FromCanonical(static_cast<uint64_t>(TranscriptTag::kGrind));
    for (size_t i = 0; i < 4; ++i) {
      uint64_t v = 0;
      for (size_t b = 8; b-- > 0;) v = (v << 8) | seed[8 * i + b];
      state[1 + i] = Felt::FromU64(v);
    }
    state[5] = Felt::FromCanonical(nonce & 0xFFFF'FFFFu);
    state[6] = Felt::FromCanonical(nonce >> 32);
    state[kPoseidon2Rate] = Felt::FromCanonical(7);
    state[kPoseidon2Rate + 1] = Felt::FromCanonical(static_cast<uint64_t>(TranscriptTag::kGrind));
  }
  // Whether a permuted grinding input has `bits` leading zero bits in its first element.
  static constexpr bool GrindingOutputOk(const Felt* permuted, int bits) {
    return bits == 0 || (permuted[0].value() >> (64 - bits)) == 0;
  }
  static constexpr bool GrindingHashOk(const uint8_t seed[kDigestBytes], uint64_t nonce, int bits) {
    Felt state[kPoseidon2Width];
    GrindingInput(seed, nonce, state);
    Permutation()(state);
    return GrindingOutputOk(state, bits);
  }
  constexpr void AbsorbGrindingNonce(uint64_t nonce) {
    Header(TranscriptTag::kGrindNonce, "grinding nonce", 8);
    AbsorbU64Limbs(nonce);
  }

 private:
  static constexpr void StoreElement(Felt x, uint8_t* out) {
    const uint64_t v = x.value();
    for (size_t b = 0; b < 8; ++b) out[b] = static_cast<uint8_t>(v >> (8 * b));
  }
  constexpr void Element(Felt x) {
    state_[position_] = state_[position_] + x;
    if (++position_ == kPoseidon2Rate) {
      permutation_(state_);
      position_ = 0;
    }
  }
  constexpr void AbsorbU64Limbs(uint64_t value) {
    Element(Felt::FromCanonical(value & 0xFFFF'FFFFu));
    Element(Felt::FromCanonical(value >> 32));
  }
  // Bytes, 7 per element, little-endian within each.
  constexpr void AbsorbPacked(const uint8_t* data, size_t size) {
    for (size_t i = 0; i < size; i += 7) {
      uint64_t v = 0;
      for (size_t b = (size - i < 7 ? size - i : 7); b-- > 0;) v = (v << 8) | data[i + b];
      Element(Felt::FromCanonical(v));
    }
  }
  constexpr void Header(TranscriptTag tag, const char* label, uint64_t size) {
    used_ = kPoseidon2Rate;  // any absorb invalidates the current block
    size_t label_size = 0;
    while (label[label_size] != '\0') ++label_size;
    if (label_size > 255) label_size = 255;
    Element(Felt::FromCanonical(static_cast<uint64_t>(tag)));
    Element(Felt::FromCanonical(label_size));
    AbsorbPacked(reinterpret_cast<const uint8_t*>(label), label_size);
    AbsorbU64Limbs(size);
  }
  constexpr void AbsorbTagged(TranscriptTag tag, const char* label, const uint8_t* data,
                              size_t size) {
    Header(tag, label, size);
    if (size != 0) AbsorbPacked(data, size);
  }
  constexpr void Squeeze() {
    Element(Felt::FromCanonical(static_cast<uint64_t>(TranscriptTag::kSqueeze)));
    state_[position_] = state_[position_] + Felt::One();
    permutation_(state_);
    position_ = 0;
    for (size_t i = 0; i < kPoseidon2Rate; ++i) block_[i] = state_[i];
    used_ = 0;
  }
  constexpr Felt NextElement() {
    if (used_ == kPoseidon2Rate) Squeeze();
    return block_[used_++];
  }

  Permutation permutation_ = Permutation();
  Felt state_[kPoseidon2Width] = {};
  Felt block_[kPoseidon2Rate] = {};
  size_t position_ = 0;           // the next rate element to absorb into
  size_t used_ = kPoseidon2Rate;  // elements of block_ consumed; kPoseidon2Rate = none left
};

}  // namespace zkvm::crypto
