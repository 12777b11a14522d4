// The two hash constructions of the mixed-height Merkle tree (the tree rule is in
// merkle_layout.h; crypto/hash/hash_id.h names the hashes). Each hasher computes the tree's three
// kinds of node from the bytes a proof carries (canonical little-endian field elements and
// 32-byte digests), so one verifier (merkle_verifier.h) serves both:
//
//   Sha3MerkleHasher (HashId::kSha3), byte-oriented:
//     leaf   = SHA3-256(rows || 0x00)
//     node   = SHA3-256(left || right || 0x01)
//     inject = SHA3-256(left || right || rows || 0x02)
//
//   Poseidon2MerkleHasher (HashId::kPoseidon2), over field elements (crypto/hash/poseidon2.h):
//     leaf   = Poseidon2Sponge(length n, domain 0) over the n row elements
//     node   = Poseidon2Compress(left, right)            (capacity all zero)
//     inject = Poseidon2Sponge(length 8 + n, domain 2) over left || right || the n row elements
//   A digest is 4 canonical elements, stored as 32 little-endian bytes. The three kinds are
//   separated by the capacity of their first permutation: (n >= 1, 0, 0, 0) for a leaf, zero
//   for a node, (8 + n, 2, 0, 0) for an injecting node; lengths are fixed by the public shapes.
//   A digest read from a proof must be canonical (CanonicalDigest): the same four elements have
//   one encoding only.
//
// The permutation is a template parameter (guests plug in the KECCAK_F1600 or POSEIDON2
// precompile). Freestanding (DESIGN.md section 7).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "crypto/field/felt.h"
#include "crypto/hash/hash_id.h"
#include "crypto/hash/keccak.h"
#include "crypto/hash/poseidon2.h"
#include "crypto/hash/sha3.h"
#include "crypto/merkle/merkle_layout.h"

namespace zkvm::crypto {
namespace detail {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the word loads assume little-endian");

// 8 little-endian bytes at any alignment. Word loads where the target allows them (rv32 traps
// on a misaligned one, so there only at 4-aligned addresses, which opened rows are in a proof
// read in place); bytes at compile time.
// 8 little-endian bytes at a 4-aligned address, as two word loads (not at compile time).
inline uint64_t MerkleLoadLe64Aligned4(const uint8_t* p) {
  const auto* words = static_cast<const uint8_t*>(__builtin_assume_aligned(p, 4));
  uint32_t lo = 0, hi = 0;
  __builtin_memcpy(&lo, words, 4);
  __builtin_memcpy(&hi, words + 4, 4);
  return (static_cast<uint64_t>(hi) << 32) | lo;
}

constexpr uint64_t MerkleLoadLe64(const uint8_t* p) {
  if (!__builtin_is_constant_evaluated()) {
#if defined(__riscv)
    if ((reinterpret_cast<uintptr_t>(p) & 3) == 0) return MerkleLoadLe64Aligned4(p);
#else
    uint64_t v = 0;
    __builtin_memcpy(&v, p, 8);
    return v;
#endif
  }
  uint64_t v = 0;
  for (size_t i = 8; i-- > 0;) v = (v << 8) | p[i];
  return v;
}

// An inner node without injected rows: SHA3-256(left || right || kMerkleNodeTag), 65 bytes and
// so one block, written into the Keccak state directly (the same digest as the sponge's).
template <typename Permutation>
constexpr void CompressMerkleNode(const Permutation& permutation, const uint8_t* left,
                                  const uint8_t* right, MerkleDigest* out) {
  // Every lane written once (no separate zeroing pass).
  alignas(8) uint64_t state[kKeccakLanes];
  for (size_t i = 0; i < 4; ++i) {
    state[i] = MerkleLoadLe64(left + 8 * i);
    state[4 + i] = MerkleLoadLe64(right + 8 * i);
  }
  state[8] = kMerkleNodeTag | (uint64_t{0x06} << 8);  // the tag, then the padding's first byte
  for (size_t i = 9; i < 16; ++i) state[i] = 0;
  state[16] = uint64_t{0x80} << 56;  // the padding's last byte (byte 135)
  for (size_t i = 17; i < kKeccakLanes; ++i) state[i] = 0;
  permutation(state);
  if (!__builtin_is_constant_evaluated()) {
    __builtin_memcpy(out->bytes, state, kMerkleDigestBytes);
    return;
  }
  for (size_t i = 0; i < kMerkleDigestBytes; ++i) {
    out->bytes[i] = static_cast<uint8_t>(state[i / 8] >> (8 * (i % 8)));
  }
}

// Any node: SHA3-256((left || right)? || rows || tag). Rows are whole 8-byte values, so every
// part is lane-aligned; when it all fits one block (a FRI leaf, a narrow table's injected row)
// the state is written directly.
template <typename Permutation>
constexpr void HashMerkleNode(const Permutation& permutation, const uint8_t* left,
                              const uint8_t* right, const uint8_t* rows, size_t row_bytes,
                              uint8_t tag, MerkleDigest* out) {
  const size_t digest_lanes = left != nullptr ? 8 : 0;
  if (!__builtin_is_constant_evaluated() && digest_lanes * 8 + row_bytes < kSha3_256RateBytes &&
      row_bytes % 8 == 0) {
    alignas(8) uint64_t state[kKeccakLanes] = {};
    for (size_t i = 0; i < digest_lanes / 2; ++i) {
      state[i] = MerkleLoadLe64(left + 8 * i);
      state[4 + i] = MerkleLoadLe64(right + 8 * i);
    }
    const size_t row_lanes = row_bytes / 8;
    for (size_t i = 0; i < row_lanes; ++i) {
      state[digest_lanes + i] = MerkleLoadLe64(rows + 8 * i);
    }
    // The tag at byte 8 * lanes, the padding's first byte after it, its last at byte 135.
    const size_t lanes = digest_lanes + row_lanes;
    state[lanes] = tag | (uint64_t{0x06} << 8);
    state[kSha3_256RateBytes / 8 - 1] ^= uint64_t{0x80} << 56;
    permutation(state);
    __builtin_memcpy(out->bytes, state, kMerkleDigestBytes);
    return;
  }
  Sha3_256<Permutation> hasher(permutation);
  if (left != nullptr) {
    hasher.Update(left, kMerkleDigestBytes);
    hasher.Update(right, kMerkleDigestBytes);
  }
  if (row_bytes != 0) hasher.Update(rows, row_bytes);
  hasher.Update(&tag, 1);
  hasher.Finalize(out->bytes);
}

}  // namespace detail

template <typename Permutation = KeccakF1600Software>
struct Sha3MerkleHasher {
  static constexpr HashId kId = HashId::kSha3;
  Permutation permutation = Permutation();

  // Any 32 bytes are a SHA3-256 output.
  static constexpr bool CanonicalDigest(const uint8_t*) { return true; }
  // `rows`: row_bytes bytes of canonical little-endian elements (row_bytes a multiple of 8).
  constexpr void Leaf(const uint8_t* rows, size_t row_bytes, MerkleDigest* out) const {
    detail::HashMerkleNode(permutation, nullptr, nullptr, rows, row_bytes, kMerkleLeafTag, out);
  }
  constexpr void Node(const uint8_t* left, const uint8_t* right, MerkleDigest* out) const {
    detail::CompressMerkleNode(permutation, left, right, out);
  }
  constexpr void Inject(const uint8_t* left, const uint8_t* right, const uint8_t* rows,
                        size_t row_bytes, MerkleDigest* out) const {
    detail::HashMerkleNode(permutation, left, right, rows, row_bytes, kMerkleInjectTag, out);
  }
};

// Digest <-> elements for the field-native tree.
constexpr void Poseidon2DigestToBytes(const Felt in[kPoseidon2DigestElements], MerkleDigest* out) {
  for (size_t i = 0; i < kPoseidon2DigestElements; ++i) {
    const uint64_t v = in[i].value();
    for (size_t b = 0; b < 8; ++b) out->bytes[8 * i + b] = static_cast<uint8_t>(v >> (8 * b));
  }
}
// Requires a canonical digest (Poseidon2MerkleHasher::CanonicalDigest).
constexpr void Poseidon2DigestFromBytes(const uint8_t* in, Felt out[kPoseidon2DigestElements]) {
  for (size_t i = 0; i < kPoseidon2DigestElements; ++i) {
    out[i] = Felt::FromCanonical(detail::MerkleLoadLe64(in + 8 * i));
  }
}

template <typename Permutation = Poseidon2Software>
struct Poseidon2MerkleHasher {
  static constexpr HashId kId = HashId::kPoseidon2;
  Permutation permutation = Permutation();

  // Four canonical little-endian elements.
  static constexpr bool CanonicalDigest(const uint8_t* digest) {
    for (size_t i = 0; i < kPoseidon2DigestElements; ++i) {
      if (detail::MerkleLoadLe64(digest + 8 * i) >= Felt::kModulus) return false;
    }
    return true;
  }
  constexpr void Leaf(const uint8_t* rows, size_t row_bytes, MerkleDigest* out) const {
    Poseidon2Sponge<Permutation> sponge(row_bytes / 8, kMerkleLeafTag, permutation);
    AbsorbRows(sponge, rows, row_bytes);
    Finish(sponge, out);
  }
  constexpr void Node(const uint8_t* left, const uint8_t* right, MerkleDigest* out) const {
    if (!__builtin_is_constant_evaluated()) {
      // The permutation input written in place: the children's canonical elements copied as
      // they lie (a Felt is its canonical u64, little-endian), a zero capacity; no conversions.
      Felt state[kPoseidon2Width];
      __builtin_memcpy(state, left, kMerkleDigestBytes);
      __builtin_memcpy(state + kPoseidon2DigestElements, right, kMerkleDigestBytes);
      for (size_t i = 2 * kPoseidon2DigestElements; i < kPoseidon2Width; ++i) {
        state[i] = Felt::Zero();
      }
      permutation(state);
      __builtin_memcpy(out->bytes, state, kMerkleDigestBytes);
      return;
    }
    Felt l[kPoseidon2DigestElements], r[kPoseidon2DigestElements], d[kPoseidon2DigestElements];
    Poseidon2DigestFromBytes(left, l);
    Poseidon2DigestFromBytes(right, r);
    Poseidon2Compress(l, r, d, permutation);
    Poseidon2DigestToBytes(d, out);
  }
  constexpr void Inject(const uint8_t* left, const uint8_t* right, const uint8_t* rows,
                        size_t row_bytes, MerkleDigest* out) const {
    Poseidon2Sponge<Permutation> sponge(2 * kPoseidon2DigestElements + row_bytes / 8,
                                        kMerkleInjectTag, permutation);
    AbsorbRows(sponge, left, kMerkleDigestBytes);
    AbsorbRows(sponge, right, kMerkleDigestBytes);
    AbsorbRows(sponge, rows, row_bytes);
    Finish(sponge, out);
  }

 private:
  // `size` bytes of canonical little-endian elements (checked by the caller).
  static constexpr void AbsorbRows(Poseidon2Sponge<Permutation>& sponge, const uint8_t* bytes,
                                   size_t size) {
    if (!__builtin_is_constant_evaluated()) {
      sponge.AbsorbCanonicalLe(bytes, size / 8);
      return;
    }
    for (size_t offset = 0; offset < size; offset += 8) {
      sponge.Absorb(Felt::FromCanonical(detail::MerkleLoadLe64(bytes + offset)));
    }
  }
  static constexpr void Finish(Poseidon2Sponge<Permutation>& sponge, MerkleDigest* out) {
    Felt d[kPoseidon2DigestElements];
    sponge.Finish(d);
    Poseidon2DigestToBytes(d, out);
  }
};

}  // namespace zkvm::crypto
