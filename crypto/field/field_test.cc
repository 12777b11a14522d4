// Goldilocks field and cubic extension: axioms on random values (fixed, printed seeds), edge
// values, reduction against a 128-bit reference, roots of unity, batch inversion, canonical
// serialization, and the irreducibility of X^3 - 2 (2 is not a cube).
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "crypto/field/ext3.h"
#include "crypto/field/felt.h"
#include "crypto/field/felt_dot.h"

namespace zkvm::crypto {
namespace {

constexpr uint64_t kP = Felt::kModulus;
using u128 = unsigned __int128;

uint64_t RefMul(uint64_t a, uint64_t b) { return static_cast<uint64_t>(u128{a} * b % kP); }

std::vector<uint64_t> EdgeValues() {
  return {0,
          1,
          2,
          kP - 1,
          kP - 2,
          1ull << 32,
          (1ull << 32) - 1,
          (1ull << 32) + 1,
          1ull << 63,
          (1ull << 63) - 1,
          (1ull << 63) + 1,
          kP >> 1,
          0xFFFFFFFFull << 32 /* p - 1 */,
          0x1234567890abcdefull % kP};
}

class FieldTest : public ::testing::Test {
 protected:
  static constexpr uint64_t kSeed = 20261121;
  void SetUp() override { std::printf("seed: %llu\n", static_cast<unsigned long long>(kSeed)); }
  std::mt19937_64 rng_{kSeed};
  Felt Random() { return Felt::FromU64(rng_()); }
  Ext3 RandomExt() { return Ext3(Random(), Random(), Random()); }
};

TEST_F(FieldTest, ArithmeticMatchesA128BitReference) {
  std::vector<uint64_t> values = EdgeValues();
  for (int i = 0; i < 200; ++i) values.push_back(rng_() % kP);
  for (uint64_t a : values) {
    for (uint64_t b : values) {
      const Felt fa = Felt::FromCanonical(a), fb = Felt::FromCanonical(b);
      ASSERT_EQ((fa * fb).value(), RefMul(a, b)) << a << " * " << b;
      ASSERT_EQ((fa + fb).value(), static_cast<uint64_t>((u128{a} + b) % kP)) << a << " + " << b;
      ASSERT_EQ((fa - fb).value(), static_cast<uint64_t>((u128{a} + kP - b) % kP)) << a << "-" << b;
    }
  }
}

TEST_F(FieldTest, PortableMultiplyMatches128BitProduct) {
  std::vector<uint64_t> values = EdgeValues();
  values.push_back(~0ull);
  for (int i = 0; i < 1000; ++i) values.push_back(rng_());
  for (uint64_t a : values) {
    for (uint64_t b : values) {
      uint64_t lo = 0, hi = 0;
      Felt::Mul64Portable(a, b, lo, hi);
      const u128 p = u128{a} * b;
      ASSERT_EQ(lo, static_cast<uint64_t>(p));
      ASSERT_EQ(hi, static_cast<uint64_t>(p >> 64));
    }
  }
}

TEST_F(FieldTest, ReductionOfEvery128BitShape) {
  for (int i = 0; i < 100000; ++i) {
    const uint64_t lo = rng_(), hi = (i % 4 == 0) ? ~0ull : rng_();
    const u128 x = (u128{hi} << 64) | lo;
    ASSERT_EQ(Felt::Reduce128(lo, hi), static_cast<uint64_t>(x % kP));
  }
  EXPECT_EQ(Felt::Reduce128(~0ull, ~0ull), static_cast<uint64_t>(~u128{0} % kP));
  EXPECT_EQ(Felt::Reduce128(0, 0), 0u);
}

TEST_F(FieldTest, FieldAxioms) {
  for (int i = 0; i < 2000; ++i) {
    const Felt a = Random(), b = Random(), c = Random();
    ASSERT_EQ(a + b, b + a);
    ASSERT_EQ(a * b, b * a);
    ASSERT_EQ((a + b) + c, a + (b + c));
    ASSERT_EQ((a * b) * c, a * (b * c));
    ASSERT_EQ(a * (b + c), a * b + a * c);
    ASSERT_EQ(a + Felt::Zero(), a);
    ASSERT_EQ(a * Felt::One(), a);
    ASSERT_EQ(a + (-a), Felt::Zero());
    ASSERT_EQ(a - b, a + (-b));
    if (!a.IsZero()) {
      ASSERT_EQ(a * a.Inverse(), Felt::One());
    }
  }
  EXPECT_EQ(Felt::Zero().Inverse(), Felt::Zero());
  EXPECT_EQ(Felt::FromI64(-1).value(), kP - 1);
  EXPECT_EQ(Felt::FromI64(-5) + Felt::FromU64(5), Felt::Zero());
  EXPECT_EQ(Felt::FromU64(kP).value(), 0u);
  EXPECT_EQ(Felt::FromU64(~0ull).value(), (~0ull) - kP);
}

TEST_F(FieldTest, TwoAdicRootsHaveExactOrder) {
  for (int k = 0; k <= Felt::kTwoAdicity; ++k) {
    const Felt w = Felt::TwoAdicRoot(k);
    Felt x = w;
    for (int i = 0; i < k; ++i) x = x.Square();
    ASSERT_EQ(x, Felt::One()) << "w^(2^k) for k = " << k;
    if (k > 0) {
      Felt half = w;
      for (int i = 0; i < k - 1; ++i) half = half.Square();
      ASSERT_EQ(half, Felt::FromI64(-1)) << "w^(2^(k-1)) must be -1 for k = " << k;
      ASSERT_EQ(Felt::TwoAdicRoot(k).Square(), Felt::TwoAdicRoot(k - 1));
    }
  }
  // 7 generates the whole group: 7^((p-1)/q) != 1 for every prime q | p - 1.
  for (uint64_t q : {2ull, 3ull, 5ull, 17ull, 257ull, 65537ull}) {
    EXPECT_NE(Felt::MultiplicativeGenerator().Pow((kP - 1) / q), Felt::One()) << q;
  }
}

TEST_F(FieldTest, BatchInverse) {
  std::vector<Felt> in(1000), out(1000);
  for (auto& x : in) x = Random();
  in[3] = in[500] = in[999] = Felt::Zero();
  BatchInverse(in.data(), out.data(), in.size());
  for (size_t i = 0; i < in.size(); ++i) ASSERT_EQ(out[i], in[i].Inverse()) << i;
}

TEST_F(FieldTest, SerializationIsCanonical) {
  for (uint64_t v : EdgeValues()) {
    uint8_t bytes[8];
    Felt::FromCanonical(v).ToBytes(bytes);
    Felt back;
    ASSERT_TRUE(Felt::FromBytes(bytes, &back));
    ASSERT_EQ(back.value(), v);
  }
  for (uint64_t bad : {kP, kP + 1, ~uint64_t{0}, uint64_t{0xFFFFFFFF00000002ull}}) {
    uint8_t bytes[8];
    for (int i = 0; i < 8; ++i) bytes[i] = static_cast<uint8_t>(bad >> (8 * i));
    Felt out = Felt::FromCanonical(42);
    EXPECT_FALSE(Felt::FromBytes(bytes, &out)) << bad;
    EXPECT_EQ(out.value(), 42u);  // untouched
    EXPECT_FALSE(Felt::TryFromCanonical(bad, &out));
  }
  // Ext3: a non-canonical coefficient anywhere is rejected.
  uint8_t bytes[Ext3::kBytes];
  Ext3(Felt::FromU64(1), Felt::FromU64(2), Felt::FromU64(3)).ToBytes(bytes);
  Ext3 e;
  ASSERT_TRUE(Ext3::FromBytes(bytes, &e));
  EXPECT_EQ(e, Ext3(Felt::FromU64(1), Felt::FromU64(2), Felt::FromU64(3)));
  for (int coeff = 0; coeff < 3; ++coeff) {
    uint8_t bad[Ext3::kBytes];
    std::copy(bytes, bytes + Ext3::kBytes, bad);
    for (int i = 0; i < 8; ++i) bad[coeff * 8 + i] = 0xFF;
    EXPECT_FALSE(Ext3::FromBytes(bad, &e)) << coeff;
  }
}

TEST_F(FieldTest, TwoIsNotACubeSoX3Minus2IsIrreducible) {
  ASSERT_EQ((kP - 1) % 3, 0u);
  EXPECT_NE(Felt::FromU64(2).Pow((kP - 1) / 3), Felt::One());
}

// Schoolbook: multiply as degree-4 polynomials, then reduce with X^3 = 2, X^4 = 2X.
Ext3 SchoolbookMul(const Ext3& a, const Ext3& b) {
  Felt prod[5];
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 3; ++j) prod[i + j] += a[i] * b[j];
  }
  const Felt two = Felt::FromU64(2);
  return Ext3(prod[0] + two * prod[3], prod[1] + two * prod[4], prod[2]);
}

TEST_F(FieldTest, Ext3MatchesSchoolbookAndIsAField) {
  for (int i = 0; i < 2000; ++i) {
    const Ext3 a = RandomExt(), b = RandomExt(), c = RandomExt();
    ASSERT_EQ(a * b, SchoolbookMul(a, b));
    ASSERT_EQ(a * (b + c), a * b + a * c);
    ASSERT_EQ((a * b) * c, a * (b * c));
    if (!a.IsZero()) {
      ASSERT_EQ(a * a.Inverse(), Ext3::One());
      ASSERT_EQ(SchoolbookMul(a, a.Inverse()), Ext3::One());
    }
    // The norm is multiplicative and lies in the base field.
    ASSERT_EQ((a * b).Norm(), a.Norm() * b.Norm());
    ASSERT_EQ(Ext3(a.Norm()), a * a.Pow(kP) * a.Pow(kP).Pow(kP));
  }
  // Sparse elements (the edge cases of the inverse formula).
  for (const Ext3& a : {Ext3(Felt::One()), Ext3(Felt(), Felt::One(), Felt()),
                        Ext3(Felt(), Felt(), Felt::One()), Ext3(Felt::FromI64(-1))}) {
    EXPECT_EQ(a * a.Inverse(), Ext3::One());
  }
  EXPECT_EQ(Ext3::Zero().Inverse(), Ext3::Zero());
  // The Frobenius has order 3 on the extension, as it must for a degree-3 field.
  const Ext3 x(Felt(), Felt::One(), Felt());
  EXPECT_NE(x.Pow(kP), x);
  EXPECT_EQ(x.Pow(kP).Pow(kP).Pow(kP), x);
}

// The unreduced inner products (both forms: the limb form is what rv32 runs) equal the reduced
// sum: random terms, the largest terms (every limb and the carry count at their worst), and
// each edge value against each.
template <typename Accumulator>
void CheckDotAccumulator(std::mt19937_64& rng) {
  auto check = [](const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
    Accumulator acc;
    Felt expected;
    for (size_t i = 0; i < a.size(); ++i) {
      acc.Add(a[i], b[i]);
      expected += Felt::FromCanonical(a[i]) * Felt::FromCanonical(b[i]);
    }
    ASSERT_EQ(acc.Reduce(), expected) << a.size() << " terms";
  };
  check({}, {});
  for (const size_t n : {1, 2, 3, 100, 5000}) {
    std::vector<uint64_t> a(n), b(n);
    for (size_t i = 0; i < n; ++i) {
      a[i] = rng() % kP;
      b[i] = rng() % kP;
    }
    check(a, b);
    check(std::vector<uint64_t>(n, kP - 1), std::vector<uint64_t>(n, kP - 1));
  }
  // 2^20 maximal terms: sums far past 2^128 (the host form's carries).
  check(std::vector<uint64_t>(1 << 20, kP - 1), std::vector<uint64_t>(1 << 20, kP - 2));
  const std::vector<uint64_t> edges = EdgeValues();
  for (const uint64_t x : edges) {
    for (const uint64_t y : edges) check({x, y, x}, {y, x, x});
  }
}

TEST_F(FieldTest, DotAccumulatorsMatchTheReducedSum) {
  CheckDotAccumulator<FeltDotAccumulatorLimbs>(rng_);
  CheckDotAccumulator<FeltDotAccumulator128>(rng_);
}

static_assert(Felt::FromU64(3) * Felt::FromU64(5) == Felt::FromU64(15));
static_assert(Felt::FromU64(2).Inverse() * Felt::FromU64(2) == Felt::One());
static_assert(sizeof(Felt) == 8 && sizeof(Ext3) == 24);

}  // namespace
}  // namespace zkvm::crypto
