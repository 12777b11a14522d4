// The NTTs of ntt.h on every SIMD path this CPU supports: against a naive O(n^2) DFT for every
// size 2^0..2^12 and for every way of splitting a transform (shrunken plans), against Horner
// evaluation at sampled points for sizes up to 2^22, forward then inverse is the identity, all
// paths and thread counts agree, and the bit-reversal permutations match their definition.
// Random inputs use a fixed, printed seed.
#include "crypto/ntt/ntt.h"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cstdio>
#include <iterator>
#include <random>
#include <string>
#include <vector>

namespace zkvm::crypto {
namespace {

constexpr uint64_t kSeed = 0x177'7E57;

std::vector<Felt> Random(size_t n, std::mt19937_64& rng) {
  std::vector<Felt> v(n);
  for (Felt& x : v) x = Felt::FromU64(rng());
  return v;
}

Felt Horner(const std::vector<Felt>& coeffs, Felt x) {
  Felt acc = Felt::Zero();
  for (size_t i = coeffs.size(); i-- > 0;) acc = acc * x + coeffs[i];
  return acc;
}

// The definition: out[j] = sum_i a_i omega_n^(i bitrev(j)), O(n^2).
std::vector<Felt> NaiveForward(const std::vector<Felt>& a) {
  const size_t n = a.size();
  const int log_n = __builtin_ctzll(n);
  const Felt omega = Felt::TwoAdicRoot(log_n);
  std::vector<Felt> out(n);
  for (size_t j = 0; j < n; ++j) out[j] = Horner(a, omega.Pow(BitReverse(j, log_n)));
  return out;
}

class NttTest : public ::testing::TestWithParam<SimdPath> {
 protected:
  void SetUp() override {
    if (!SimdPathSupported(GetParam())) {
      GTEST_SKIP() << SimdPathName(GetParam()) << " not supported here";
    }
    std::printf("seed: %llu\n", static_cast<unsigned long long>(kSeed));
  }
  SimdPath path() const { return GetParam(); }
  std::mt19937_64 rng_{kSeed};
};

TEST_P(NttTest, ForwardMatchesNaiveDftForEverySizeUpTo4096) {
  for (int log_n = 0; log_n <= 12; ++log_n) {
    const std::vector<Felt> a = Random(size_t{1} << log_n, rng_);
    std::vector<Felt> x = a;
    ForwardNtt(x, path());
    ASSERT_EQ(x, NaiveForward(a)) << "n = 2^" << log_n;
  }
}

TEST_P(NttTest, EdgeValuesMatchNaiveDft) {
  // Inputs made of the values where carries and borrows happen, in runs and mixed.
  constexpr uint64_t kP = Felt::kModulus;
  const uint64_t edges[] = {0,          1,
                            kP - 1,     kP - 2,
                            1ull << 32, (1ull << 32) - 1,
                            1ull << 63, kP - (1ull << 32),
                            1ull << 48, kP - (1ull << 48)};
  for (int log_n : {4, 6, 10}) {
    const size_t n = size_t{1} << log_n;
    for (size_t pattern = 0; pattern < 3; ++pattern) {
      std::vector<Felt> a(n);
      for (size_t i = 0; i < n; ++i) {
        const size_t k = pattern == 0 ? i / (n / 8) : pattern == 1 ? i : rng_();
        a[i] = Felt::FromCanonical(edges[k % std::size(edges)]);
      }
      std::vector<Felt> x = a;
      ForwardNtt(x, path());
      ASSERT_EQ(x, NaiveForward(a)) << "n = 2^" << log_n << ", pattern " << pattern;
      InverseNtt(x, path());
      ASSERT_EQ(x, a) << "inverse, n = 2^" << log_n << ", pattern " << pattern;
    }
  }
}

TEST_P(NttTest, InverseMatchesNaiveInterpolationForEverySizeUpTo4096) {
  for (int log_n = 0; log_n <= 12; ++log_n) {
    const std::vector<Felt> a = Random(size_t{1} << log_n, rng_);
    std::vector<Felt> x = NaiveForward(a);
    InverseNtt(x, path());
    ASSERT_EQ(x, a) << "n = 2^" << log_n;
  }
}

TEST_P(NttTest, EverySplitMatchesNaiveDft) {
  // Small blocks and shallow strided passes reach every shape of the recursion (one strided
  // pass, several nested ones, a last pass of fewer layers) at sizes the naive DFT can check.
  for (int block_log : {4, 5, 6}) {
    for (int max_strided : {1, 2, 3, 9}) {
      const detail::NttPlan plan{block_log, max_strided};
      for (int log_n = block_log + 1; log_n <= 11; ++log_n) {
        const std::vector<Felt> a = Random(size_t{1} << log_n, rng_);
        const std::vector<Felt> expected = NaiveForward(a);
        std::vector<Felt> x = a;
        detail::ForwardNttInPlace(x.data(), log_n, path(), plan);
        ASSERT_EQ(x, expected) << "n = 2^" << log_n << ", block 2^" << block_log
                               << ", strided layers " << max_strided;
        detail::InverseNttUnscaledInPlace(x.data(), log_n, path(), plan);
        const Felt n = Felt::FromU64(x.size());
        for (size_t i = 0; i < x.size(); ++i) ASSERT_EQ(x[i], a[i] * n) << "inverse, i = " << i;
      }
    }
  }
}

TEST_P(NttTest, LargeSizesMatchHornerAtSampledPoints) {
  for (int log_n : {15, 16, 17, 20, 22}) {
    const size_t n = size_t{1} << log_n;
    const std::vector<Felt> a = Random(n, rng_);
    std::vector<Felt> x = a;
    ForwardNtt(x, path());
    const Felt omega = Felt::TwoAdicRoot(log_n);
    std::vector<size_t> rows = {0, 1, n / 2 + 1, n - 1};
    for (int i = 0; i < 4; ++i) rows.push_back(rng_() % n);
    for (size_t j : rows) {
      ASSERT_EQ(x[j], Horner(a, omega.Pow(BitReverse(j, log_n))))
          << "n = 2^" << log_n << " j=" << j;
    }
    InverseNtt(x, path());
    ASSERT_EQ(x, a) << "inverse, n = 2^" << log_n;
  }
}

TEST_P(NttTest, AgreesWithScalarPath) {
  for (int log_n = 0; log_n <= 18; ++log_n) {
    const std::vector<Felt> a = Random(size_t{1} << log_n, rng_);
    std::vector<Felt> x = a, y = a;
    ForwardNtt(x, path());
    ForwardNtt(y, SimdPath::kScalar);
    ASSERT_EQ(x, y) << "forward, n = 2^" << log_n;
    InverseNtt(x, path());
    InverseNtt(y, SimdPath::kScalar);
    ASSERT_EQ(x, y) << "inverse, n = 2^" << log_n;
  }
}

TEST_P(NttTest, SameResultWithOneAndTwoThreads) {
  const std::vector<Felt> a = Random(size_t{1} << 20, rng_);
  std::vector<Felt> one = a, two = a;
  {
    tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 1);
    ForwardNtt(one, path());
  }
  {
    tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 2);
    ForwardNtt(two, path());
  }
  ASSERT_EQ(one, two);
  {
    tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 1);
    InverseNtt(one, path());
  }
  {
    tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 2);
    InverseNtt(two, path());
  }
  ASSERT_EQ(one, two);
  ASSERT_EQ(one, a);
}

TEST_P(NttTest, ColumnsMatchSingleTransforms) {
  for (int log_n : {0, 3, 10, 15}) {
    const size_t n = size_t{1} << log_n, num_cols = 5;
    ColumnMajorMatrix m(n, num_cols);
    for (size_t i = 0; i < m.size(); ++i) m.data()[i] = Felt::FromU64(rng_());
    std::vector<std::vector<Felt>> expected(num_cols);
    for (size_t c = 0; c < num_cols; ++c) {
      expected[c].assign(m.column(c).begin(), m.column(c).end());
      ForwardNtt(expected[c], path());
    }
    ForwardNttColumns(m, path());
    for (size_t c = 0; c < num_cols; ++c) {
      ASSERT_TRUE(std::equal(expected[c].begin(), expected[c].end(), m.column(c).begin()));
    }
    InverseNttColumns(m, path());
    for (size_t c = 0; c < num_cols; ++c) {
      std::vector<Felt> back = expected[c];
      InverseNtt(back, path());
      ASSERT_TRUE(std::equal(back.begin(), back.end(), m.column(c).begin()));
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllPaths, NttTest, ::testing::ValuesIn(kAllSimdPaths),
                         [](const auto& info) { return std::string(SimdPathName(info.param)); });

TEST(BitReverseTest, Definition) {
  EXPECT_EQ(BitReverse(0, 0), 0u);
  EXPECT_EQ(BitReverse(1, 1), 1u);
  EXPECT_EQ(BitReverse(1, 3), 4u);
  EXPECT_EQ(BitReverse(6, 3), 3u);
  EXPECT_EQ(BitReverse(1, 20), size_t{1} << 19);
  EXPECT_EQ(BitReverse(0b1011, 10), 0b1101000000u);
  EXPECT_EQ(BitReverse(1, 64), uint64_t{1} << 63);
}

TEST(BitReverseTest, PermuteAndCopyMatchDefinition) {
  std::mt19937_64 rng(kSeed);
  for (int log_n = 0; log_n <= 16; ++log_n) {
    const size_t n = size_t{1} << log_n;
    const std::vector<Felt> a = Random(n, rng);
    std::vector<Felt> expected(n);
    for (size_t j = 0; j < n; ++j) expected[BitReverse(j, log_n)] = a[j];
    std::vector<Felt> copy(n);
    BitReverseCopy(a, copy);
    ASSERT_EQ(copy, expected) << "copy, n = 2^" << log_n;
    std::vector<Felt> x = a;
    BitReversePermute(x);
    ASSERT_EQ(x, expected) << "permute, n = 2^" << log_n;
    BitReversePermute(x);
    ASSERT_EQ(x, a) << "permute twice, n = 2^" << log_n;
  }
}

TEST(NttDeathTest, SizeMustBeAPowerOfTwo) {
  std::vector<Felt> x(12);
  EXPECT_DEATH(ForwardNtt(x), "power of two");
  std::vector<Felt> empty;
  EXPECT_DEATH(InverseNtt(empty), "power of two");
}

}  // namespace
}  // namespace zkvm::crypto
