// The Poseidon2 permutation over Goldilocks, width 12 (poseidon2_constants.h has the instance,
// its source and the round structure), and the two ways the project hashes with it:
//
// - Poseidon2Compress (2-to-1, Merkle nodes): the first 4 elements of the permutation of
//   (left[0..4), right[0..4), 0, 0, 0, 0): a truncated permutation, no feed-forward.
// - Poseidon2Hash (a sponge, any number of elements): capacity 4, rate 8, overwrite mode. The
//   state starts as zero with the input length n in element 8 (the first capacity element) and
//   a domain tag in element 9 (0 here; Poseidon2Sponge takes others); each block of 8 elements
//   overwrites elements 0..7 and the state is permuted; a last, shorter block overwrites only
//   its first elements (the rest keep the previous permutation's output, or zero; one
//   permutation of the initial state when n = 0). The digest is elements 0..3. The length in
//   the capacity separates inputs of different lengths; for one length, the block sequence
//   determines the input, so no padding is needed. Overwriting (rather than adding) makes a
//   guest's absorb a copy.
//
// A digest is 4 field elements (about 2^255.9 values): collisions cost about 2^128 work, the
// birthday bound on the digest and the sponge's capacity bound (c / 2 = 128 bits).
//
// Freestanding and constexpr like felt.h: the prover, the verifier and guests share it.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "crypto/field/felt.h"
#include "crypto/hash/poseidon2_constants.h"

namespace zkvm::crypto {

inline constexpr size_t kPoseidon2DigestElements = 4;
inline constexpr size_t kPoseidon2Rate = 8;

namespace poseidon2_internal {

// The rounds over any element type T with + and *: Felt here, the packed SIMD types of
// crypto/field on the host (poseidon2_batch.h), whose lanes then each compute this permutation.
// Constants enter through Constant<T>.
template <typename T>
constexpr T Constant(uint64_t c) {
  if constexpr (requires { T::Broadcast(Felt()); }) {
    return T::Broadcast(Felt::FromCanonical(c));
  } else {
    return Felt::FromCanonical(c);
  }
}

template <typename T>
constexpr T Sbox(T x) {
  const T x2 = x * x;
  const T x3 = x2 * x;
  const T x4 = x2 * x2;
  return x3 * x4;
}

// M4 = [[5,7,1,3], [4,6,1,1], [1,3,5,7], [1,1,4,6]] on x[0..4), with additions only (the
// paper's appendix B schedule).
template <typename T>
constexpr void M4(T* x) {
  const T t0 = x[0] + x[1];
  const T t1 = x[2] + x[3];
  const T t2 = x[1] + x[1] + t1;
  const T t3 = x[3] + x[3] + t0;
  const T t1_2 = t1 + t1;
  const T t0_2 = t0 + t0;
  const T t4 = t1_2 + t1_2 + t3;
  const T t5 = t0_2 + t0_2 + t2;
  x[0] = t3 + t5;
  x[1] = t5;
  x[2] = t2 + t4;
  x[3] = t4;
}

// M_E = circ(2 M4, M4, M4).
template <typename T>
constexpr void ExternalLayer(T* x) {
  M4(x);
  M4(x + 4);
  M4(x + 8);
  for (size_t i = 0; i < 4; ++i) {
    const T s = x[i] + x[4 + i] + x[8 + i];
    x[i] = x[i] + s;
    x[4 + i] = x[4 + i] + s;
    x[8 + i] = x[8 + i] + s;
  }
}

// M_I = J + diag(d).
template <typename T>
constexpr void InternalLayer(T* x) {
  T sum = x[0];
  for (size_t i = 1; i < kPoseidon2Width; ++i) sum = sum + x[i];
  for (size_t i = 0; i < kPoseidon2Width; ++i) {
    x[i] = sum + Constant<T>(kPoseidon2InternalDiagonal[i]) * x[i];
  }
}

#if defined(__SIZEOF_INT128__)
// Felt on a 64-bit host: the linear layers on 128-bit integers, one reduction per element
// (Felt::Reduce128 takes any 128-bit value) instead of a conditional correction per addition.
// Overloads, so Permute<Felt> picks them; rv32 guests (no 128-bit type) take the generic ones.
using Wide = unsigned __int128;

constexpr Felt ReduceWide(Wide v) {
  return Felt::FromCanonical(
      Felt::Reduce128(static_cast<uint64_t>(v), static_cast<uint64_t>(v >> 64)));
}

// M_E: M4's rows sum to at most 16, circ(2, 1, 1) to 4, so every value stays below 2^70.
constexpr void ExternalLayer(Felt* f) {
  Wide x[kPoseidon2Width];
  for (size_t i = 0; i < kPoseidon2Width; ++i) x[i] = f[i].value();
  M4(x);
  M4(x + 4);
  M4(x + 8);
  for (size_t i = 0; i < 4; ++i) {
    const Wide s = x[i] + x[4 + i] + x[8 + i];
    x[i] += s;
    x[4 + i] += s;
    x[8 + i] += s;
  }
  for (size_t i = 0; i < kPoseidon2Width; ++i) f[i] = ReduceWide(x[i]);
}

// M_I: d_i x_i < (p - 1)^2, plus the reduced sum < p, stays below 2^128.
constexpr void InternalLayer(Felt* f) {
  Wide sum = 0;
  for (size_t i = 0; i < kPoseidon2Width; ++i) sum += f[i].value();
  const Wide s = ReduceWide(sum).value();
  for (size_t i = 0; i < kPoseidon2Width; ++i) {
    f[i] = ReduceWide(Wide{kPoseidon2InternalDiagonal[i]} * f[i].value() + s);
  }
}
#endif

template <typename T>
constexpr void FullRound(T* x, int r) {
  for (size_t i = 0; i < kPoseidon2Width; ++i) {
    x[i] = Sbox(x[i] + Constant<T>(kPoseidon2RoundConstants[r][i]));
  }
  ExternalLayer(x);
}

template <typename T>
constexpr void Permute(T* x) {
  constexpr int kHalfFull = kPoseidon2FullRounds / 2;
  ExternalLayer(x);
  for (int r = 0; r < kHalfFull; ++r) FullRound(x, r);
  for (int r = kHalfFull; r < kHalfFull + kPoseidon2PartialRounds; ++r) {
    x[0] = Sbox(x[0] + Constant<T>(kPoseidon2RoundConstants[r][0]));
    InternalLayer(x);
  }
  for (int r = kHalfFull + kPoseidon2PartialRounds; r < kPoseidon2Rounds; ++r) FullRound(x, r);
}

}  // namespace poseidon2_internal

// Permutes the 12 elements of `state` in place.
constexpr void Poseidon2Permute(Felt* state) { poseidon2_internal::Permute(state); }

// The permutation as a callable, the shape the hash constructions take it in (a guest plugs in
// the POSEIDON2 precompile instead, syscalls/zkvm.h).
struct Poseidon2Software {
  constexpr void operator()(Felt state[kPoseidon2Width]) const { Poseidon2Permute(state); }
};

// The 2-to-1 compression of two digests into `out` (may alias either input).
template <typename Permutation = Poseidon2Software>
constexpr void Poseidon2Compress(const Felt* left, const Felt* right, Felt* out,
                                 const Permutation& permutation = Permutation()) {
  Felt state[kPoseidon2Width] = {};
  for (size_t i = 0; i < kPoseidon2DigestElements; ++i) {
    state[i] = left[i];
    state[kPoseidon2DigestElements + i] = right[i];
  }
  permutation(state);
  for (size_t i = 0; i < kPoseidon2DigestElements; ++i) out[i] = state[i];
}

// The sponge, one element at a time: `length` (the number of elements that will be absorbed)
// starts in element 8 and a domain tag in element 9 (0 for Poseidon2Hash; the Merkle tree
// separates its leaves and injecting nodes this way, crypto/merkle/merkle_hashers.h). Absorb
// exactly `length` elements, then Finish.
template <typename Permutation = Poseidon2Software>
class Poseidon2Sponge {
 public:
  constexpr Poseidon2Sponge(uint64_t length, uint64_t domain,
                            const Permutation& permutation = Permutation())
      : permutation_(permutation) {
    state_[kPoseidon2Rate] = Felt::FromU64(length);
    state_[kPoseidon2Rate + 1] = Felt::FromU64(domain);
  }
  constexpr void Absorb(Felt x) {
    state_[position_] = x;
    if (++position_ == kPoseidon2Rate) {
      permutation_(state_);
      position_ = 0;
      permuted_ = true;
    }
  }
  // `count` elements stored as canonical little-endian u64s at `bytes` (any alignment), a block
  // at a time: what Absorb does element by element, as copies (the state's Felts are their
  // canonical u64s). Not at compile time; canonicity is the caller's to check.
  void AbsorbCanonicalLe(const uint8_t* bytes, size_t count) {
    static_assert(sizeof(Felt) == 8 && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
                  "a Felt is its little-endian canonical u64");
    while (count != 0) {
      const size_t room = kPoseidon2Rate - position_;
      const size_t n = count < room ? count : room;
      __builtin_memcpy(state_ + position_, bytes, 8 * n);
      position_ += n;
      bytes += 8 * n;
      count -= n;
      if (position_ == kPoseidon2Rate) {
        permutation_(state_);
        position_ = 0;
        permuted_ = true;
      }
    }
  }
  // The digest (elements 0..3 after the last block; one all-zero block when nothing was
  // absorbed).
  constexpr void Finish(Felt out[kPoseidon2DigestElements]) {
    if (position_ != 0 || !permuted_) permutation_(state_);
    for (size_t j = 0; j < kPoseidon2DigestElements; ++j) out[j] = state_[j];
  }

 private:
  Permutation permutation_;
  Felt state_[kPoseidon2Width] = {};
  size_t position_ = 0;
  bool permuted_ = false;
};

// The sponge digest of `n` elements into `out`.
template <typename Permutation = Poseidon2Software>
constexpr void Poseidon2Hash(const Felt* in, size_t n, Felt* out,
                             const Permutation& permutation = Permutation()) {
  Poseidon2Sponge<Permutation> sponge(n, 0, permutation);
  for (size_t i = 0; i < n; ++i) sponge.Absorb(in[i]);
  sponge.Finish(out);
}

}  // namespace zkvm::crypto
