// Poseidon2 over Goldilocks (width 12): the reference implementation's known-answer vector, the
// linear layers against their matrices, the permutation at compile time, and the sponge and
// compression built on it.
#include "crypto/hash/poseidon2.h"
#include "crypto/hash/poseidon2_batch.h"

#include <gtest/gtest.h>

#include <array>
#include <random>
#include <vector>

namespace zkvm::crypto {
namespace {

using State = std::array<Felt, kPoseidon2Width>;

State Permuted(State s) {
  Poseidon2Permute(s.data());
  return s;
}

State Random(std::mt19937_64& rng) {
  State s;
  for (Felt& x : s) x = Felt::FromU64(rng());
  return s;
}

// The reference's known answer (HorizenLabs/poseidon2, poseidon2.rs, the Goldilocks width-12
// test "kats"): the permutation of (0, 1, ..., 11).
TEST(Poseidon2Test, MatchesTheReferenceKnownAnswer) {
  State s;
  for (size_t i = 0; i < kPoseidon2Width; ++i) s[i] = Felt::FromU64(i);
  const uint64_t expected[kPoseidon2Width] = {
      0x01EA'EF96'BDF1'C0C1ull, 0x1F0D'2CC5'25B2'540Cull, 0x6282'C1DF'E1E0'358Dull,
      0xE780'D721'F698'E1E6ull, 0x280C'0B6F'753D'833Bull, 0x1B94'2DD5'0231'56ABull,
      0x43F0'DF3F'CCCB'8398ull, 0xE8E8'1905'8548'9025ull, 0x56BD'BF72'F77A'DA22ull,
      0x7911'C32B'F9DC'D705ull, 0xEC46'7926'508F'BE67ull, 0x6A50'450D'DF85'A6EDull};
  const State out = Permuted(s);
  for (size_t i = 0; i < kPoseidon2Width; ++i) EXPECT_EQ(out[i].value(), expected[i]) << i;
}

// The same permutation evaluated by the compiler.
constexpr uint64_t CompileTimeFirst() {
  Felt s[kPoseidon2Width] = {};
  for (size_t i = 0; i < kPoseidon2Width; ++i) s[i] = Felt::FromU64(i);
  Poseidon2Permute(s);
  return s[0].value();
}
static_assert(CompileTimeFirst() == 0x01EA'EF96'BDF1'C0C1ull);

// M_E and M_I as the matrices the paper defines, applied to random vectors.
TEST(Poseidon2Test, LinearLayersAreTheirMatrices) {
  const uint64_t m4[4][4] = {{5, 7, 1, 3}, {4, 6, 1, 1}, {1, 3, 5, 7}, {1, 1, 4, 6}};
  std::mt19937_64 rng(2026);
  for (int trial = 0; trial < 20; ++trial) {
    const State x = Random(rng);
    State external = x;
    poseidon2_internal::ExternalLayer(external.data());
    State internal = x;
    poseidon2_internal::InternalLayer(internal.data());
    for (size_t i = 0; i < kPoseidon2Width; ++i) {
      Felt e = Felt::Zero(), m = Felt::Zero();
      for (size_t j = 0; j < kPoseidon2Width; ++j) {
        // circ(2 M4, M4, M4): block (i / 4, j / 4) is 2 M4 on the diagonal, M4 elsewhere.
        const uint64_t factor = (i / 4 == j / 4 ? 2 : 1) * m4[i % 4][j % 4];
        e = e + Felt::FromU64(factor) * x[j];
        const Felt mij =
            i == j ? Felt::One() + Felt::FromCanonical(kPoseidon2InternalDiagonal[i]) : Felt::One();
        m = m + mij * x[j];
      }
      EXPECT_EQ(external[i], e) << "M_E row " << i;
      EXPECT_EQ(internal[i], m) << "M_I row " << i;
    }
  }
}

// Every partial round's constants beyond element 0 are zero (the layout the permutation
// assumes), and every constant is canonical.
TEST(Poseidon2Test, ConstantsHaveTheirShape) {
  for (int r = 0; r < kPoseidon2Rounds; ++r) {
    const bool partial =
        r >= kPoseidon2FullRounds / 2 && r < kPoseidon2FullRounds / 2 + kPoseidon2PartialRounds;
    for (size_t i = 0; i < kPoseidon2Width; ++i) {
      EXPECT_LT(kPoseidon2RoundConstants[r][i], Felt::kModulus);
      if (partial && i > 0) {
        EXPECT_EQ(kPoseidon2RoundConstants[r][i], 0u) << r << " " << i;
      } else {
        EXPECT_NE(kPoseidon2RoundConstants[r][i], 0u) << r << " " << i;
      }
    }
  }
  for (uint64_t d : kPoseidon2InternalDiagonal) EXPECT_LT(d, Felt::kModulus);
}

TEST(Poseidon2Test, CompressionIsTheTruncatedPermutation) {
  std::mt19937_64 rng(7);
  const State x = Random(rng);
  Felt left[4], right[4], out[4];
  for (size_t i = 0; i < 4; ++i) {
    left[i] = x[i];
    right[i] = x[4 + i];
  }
  State input{};
  for (size_t i = 0; i < 8; ++i) input[i] = x[i];
  const State permuted = Permuted(input);
  Poseidon2Compress(left, right, out);
  for (size_t i = 0; i < 4; ++i) EXPECT_EQ(out[i], permuted[i]);
  // Order matters, and the output may alias an input.
  Felt swapped[4];
  Poseidon2Compress(right, left, swapped);
  EXPECT_NE(swapped[0], out[0]);
  Poseidon2Compress(left, right, left);
  for (size_t i = 0; i < 4; ++i) EXPECT_EQ(left[i], out[i]);
}

TEST(Poseidon2Test, SpongeSeparatesLengthsAndBlocks) {
  std::mt19937_64 rng(11);
  std::array<Felt, 20> in;
  for (Felt& x : in) x = Felt::FromU64(rng());
  auto digest = [&](size_t n) {
    std::array<Felt, 4> d;
    Poseidon2Hash(in.data(), n, d.data());
    return d;
  };
  // One block by hand: the length in element 8, the block added, one permutation.
  State s{};
  s[8] = Felt::FromU64(5);
  for (size_t i = 0; i < 5; ++i) s[i] = in[i];
  const State one = Permuted(s);
  for (size_t i = 0; i < 4; ++i) EXPECT_EQ(digest(5)[i], one[i]);
  // Two blocks by hand (overwrite mode): the second, shorter block replaces elements 0..4 and
  // keeps the first permutation's elements 5..7 and its capacity.
  State t{};
  t[8] = Felt::FromU64(13);
  for (size_t i = 0; i < 8; ++i) t[i] = in[i];
  t = Permuted(t);
  for (size_t i = 0; i < 5; ++i) t[i] = in[8 + i];
  const State two = Permuted(t);
  for (size_t i = 0; i < 4; ++i) EXPECT_EQ(digest(13)[i], two[i]);
  // Zero padding does not collide with explicit zeros: (x) and (x, 0) differ.
  std::array<Felt, 2> zero_tail = {in[0], Felt::Zero()};
  std::array<Felt, 4> a, b;
  Poseidon2Hash(in.data(), 1, a.data());
  Poseidon2Hash(zero_tail.data(), 2, b.data());
  EXPECT_NE(a, b);
  // Every length from 0 to 20 gives a distinct digest; a changed element changes it.
  for (size_t n = 0; n <= 20; ++n) {
    for (size_t m = 0; m < n; ++m) EXPECT_NE(digest(n), digest(m)) << n << " " << m;
  }
  const std::array<Felt, 4> before = digest(17);
  in[16] = in[16] + Felt::One();
  EXPECT_NE(digest(17), before);
}

// Every backend of the batched permutation agrees with the scalar one on random states, for
// counts that leave partial groups (1 to 19 states).
TEST(Poseidon2Test, BatchedBackendsMatchTheScalarPermutation) {
  std::mt19937_64 rng(20261207);
  for (SimdPath path : kAllSimdPaths) {
    if (!SimdPathSupported(path)) continue;
    SCOPED_TRACE(SimdPathName(path));
    for (size_t count : {size_t{1}, size_t{3}, size_t{8}, size_t{19}}) {
      std::vector<Felt> states(count * kPoseidon2Width);
      for (Felt& x : states) x = Felt::FromU64(rng());
      std::vector<Felt> expected = states;
      for (size_t s = 0; s < count; ++s) Poseidon2Permute(&expected[s * kPoseidon2Width]);
      Poseidon2PermuteMany(states, path);
      EXPECT_EQ(states, expected) << count << " states";
    }
  }
}

}  // namespace
}  // namespace zkvm::crypto
