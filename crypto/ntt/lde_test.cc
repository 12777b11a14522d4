// Interpolation, coset evaluation and the coset LDE of lde.h on every SIMD path this CPU
// supports, checked against Horner evaluation of the interpolating polynomial at the exact
// points the documented order names (row j of an LDE of size N is g * omega_N^bitrev(j)), for
// blowups 2, 4, 8 and 16 and several columns; FRI siblings are adjacent rows; the output is
// the same for 1 and 2 threads and every path. Random inputs use a fixed, printed seed.
#include "crypto/ntt/lde.h"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "crypto/ntt/ntt.h"

namespace zkvm::crypto {
namespace {

constexpr uint64_t kSeed = 0x1DE'7E57;

Felt Horner(std::span<const Felt> coeffs, Felt x) {
  Felt acc = Felt::Zero();
  for (size_t i = coeffs.size(); i-- > 0;) acc = acc * x + coeffs[i];
  return acc;
}

class LdeTest : public ::testing::TestWithParam<SimdPath> {
 protected:
  void SetUp() override {
    if (!SimdPathSupported(GetParam())) {
      GTEST_SKIP() << SimdPathName(GetParam()) << " not supported here";
    }
    std::printf("seed: %llu\n", static_cast<unsigned long long>(kSeed));
  }
  SimdPath path() const { return GetParam(); }
  std::mt19937_64 rng_{kSeed};

  std::vector<Felt> Random(size_t n) {
    std::vector<Felt> v(n);
    for (Felt& x : v) x = Felt::FromU64(rng_());
    return v;
  }
  // A trace of num_cols columns, each the evaluations on <omega_n> (natural order) of a random
  // polynomial of degree < n, whose coefficients go to *coeffs.
  ColumnMajorMatrix RandomTrace(int log_n, size_t num_cols,
                                std::vector<std::vector<Felt>>* coeffs) {
    const size_t n = size_t{1} << log_n;
    const Felt omega = Felt::TwoAdicRoot(log_n);
    ColumnMajorMatrix trace(n, num_cols);
    coeffs->clear();
    for (size_t c = 0; c < num_cols; ++c) {
      coeffs->push_back(Random(n));
      Felt x = Felt::One();
      for (size_t i = 0; i < n; ++i, x *= omega) trace(i, c) = Horner(coeffs->back(), x);
    }
    return trace;
  }
};

TEST_P(LdeTest, InterpolateRecoversCoefficients) {
  for (int log_n = 0; log_n <= 10; ++log_n) {
    std::vector<std::vector<Felt>> coeffs;
    const ColumnMajorMatrix trace = RandomTrace(log_n, 3, &coeffs);
    std::vector<Felt> got(trace.num_rows());
    Interpolate(trace.column(1), got, path());
    ASSERT_EQ(got, coeffs[1]) << "n = 2^" << log_n;
    ColumnMajorMatrix all(trace.num_rows(), 3);
    InterpolateColumns(trace, all, path());
    for (size_t c = 0; c < 3; ++c) {
      ASSERT_TRUE(std::equal(coeffs[c].begin(), coeffs[c].end(), all.column(c).begin()));
    }
  }
}

TEST_P(LdeTest, EvaluateOnCosetMatchesHorner) {
  const Felt shift = Felt::FromU64(rng_());
  for (int log_n = 0; log_n <= 9; ++log_n) {
    const size_t n = size_t{1} << log_n;
    // Every number of coefficients up to n for small n, a spread of them for larger n.
    for (size_t num_coeffs = 0; num_coeffs <= n; num_coeffs += (n <= 16 ? 1 : n / 5 + 1)) {
      const std::vector<Felt> coeffs = Random(num_coeffs);
      std::vector<Felt> out(n);
      EvaluateOnCoset(coeffs, shift, out, path());
      const Felt omega = Felt::TwoAdicRoot(log_n);
      for (size_t j = 0; j < n; ++j) {
        ASSERT_EQ(out[j], Horner(coeffs, shift * omega.Pow(BitReverse(j, log_n))))
            << "n = 2^" << log_n << ", " << num_coeffs << " coefficients, j = " << j;
      }
    }
  }
}

TEST_P(LdeTest, CosetLdeIsBitReversedCosetEvaluation) {
  for (int log_n = 0; log_n <= 7; ++log_n) {
    for (int log_blowup = 1; log_blowup <= 4; ++log_blowup) {
      std::vector<std::vector<Felt>> coeffs;
      const ColumnMajorMatrix trace = RandomTrace(log_n, 3, &coeffs);
      const ColumnMajorMatrix lde = CosetLde(trace, log_blowup, path());
      const int log_lde = log_n + log_blowup;
      const size_t lde_rows = size_t{1} << log_lde;
      ASSERT_EQ(lde.num_rows(), lde_rows);
      ASSERT_EQ(lde.num_cols(), 3u);
      const Felt omega = Felt::TwoAdicRoot(log_lde);
      for (size_t j = 0; j < lde_rows; ++j) {
        // The documented point of row j, computed from scratch.
        const Felt point = Felt::FromCanonical(7) * omega.Pow(BitReverse(j, log_lde));
        ASSERT_EQ(LdePoint(log_lde, j), point);
        for (size_t c = 0; c < 3; ++c) {
          ASSERT_EQ(lde(j, c), Horner(coeffs[c], point))
              << "n = 2^" << log_n << ", blowup 2^" << log_blowup << ", row " << j << ", col " << c;
        }
      }
    }
  }
}

TEST_P(LdeTest, FriSiblingsAreAdjacentRows) {
  // Rows 2k and 2k + 1 hold P(x) and P(-x); the LDE of the identity polynomial P(X) = X shows
  // the points themselves.
  const int log_n = 6, log_blowup = 2;
  const Felt omega = Felt::TwoAdicRoot(log_n);
  ColumnMajorMatrix trace(size_t{1} << log_n, 1);
  Felt x = Felt::One();
  for (size_t i = 0; i < trace.num_rows(); ++i, x *= omega) trace(i, 0) = x;
  const ColumnMajorMatrix lde = CosetLde(trace, log_blowup, path());
  for (size_t k = 0; k < lde.num_rows() / 2; ++k) {
    ASSERT_EQ(lde(2 * k + 1, 0), -lde(2 * k, 0)) << k;
    ASSERT_EQ(lde(2 * k, 0), LdePoint(log_n + log_blowup, 2 * k));
  }
  ASSERT_EQ(lde(0, 0), kLdeShift);
}

TEST_P(LdeTest, LargeLdeMatchesHornerAtSampledRows) {
  for (int log_n : {14, 16}) {
    for (int log_blowup : {1, 3}) {
      std::vector<std::vector<Felt>> coeffs;
      for (int c = 0; c < 2; ++c) coeffs.push_back(Random(size_t{1} << log_n));
      // Trace columns from the coefficients by a forward NTT and a bit-reversal.
      ColumnMajorMatrix trace(size_t{1} << log_n, 2);
      for (size_t c = 0; c < 2; ++c) {
        std::vector<Felt> evals = coeffs[c];
        ForwardNtt(evals);
        BitReverseCopy(evals, trace.column(c));
      }
      ColumnMajorMatrix lde = ColumnMajorMatrix::Uninitialized(trace.num_rows() << log_blowup, 2);
      CosetLde(trace, log_blowup, lde, path());
      const int log_lde = log_n + log_blowup;
      for (int s = 0; s < 12; ++s) {
        const size_t j = s < 2 ? s * (lde.num_rows() - 1) : rng_() % lde.num_rows();
        for (size_t c = 0; c < 2; ++c) {
          ASSERT_EQ(lde(j, c), Horner(coeffs[c], LdePoint(log_lde, j)))
              << "n = 2^" << log_n << ", blowup 2^" << log_blowup << ", row " << j;
        }
      }
    }
  }
}

TEST_P(LdeTest, SameOutputForEveryThreadCountAndPath) {
  const int log_n = 15, log_blowup = 2;
  ColumnMajorMatrix trace(size_t{1} << log_n, 3);
  for (size_t i = 0; i < trace.size(); ++i) trace.data()[i] = Felt::FromU64(rng_());
  ColumnMajorMatrix one, two;
  {
    tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 1);
    one = CosetLde(trace, log_blowup, path());
  }
  {
    tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 2);
    two = CosetLde(trace, log_blowup, path());
  }
  const ColumnMajorMatrix scalar = CosetLde(trace, log_blowup, SimdPath::kScalar);
  ASSERT_TRUE(std::equal(one.data(), one.data() + one.size(), two.data()));
  ASSERT_TRUE(std::equal(one.data(), one.data() + one.size(), scalar.data()));
}

INSTANTIATE_TEST_SUITE_P(AllPaths, LdeTest, ::testing::ValuesIn(kAllSimdPaths),
                         [](const auto& info) { return std::string(SimdPathName(info.param)); });

TEST(LdeDeathTest, ShapesAreChecked) {
  ColumnMajorMatrix trace(8, 2);
  ColumnMajorMatrix wrong_height(8, 2), wrong_width(16, 3);
  EXPECT_DEATH(CosetLde(trace, 1, wrong_height), "shape");
  EXPECT_DEATH(CosetLde(trace, 1, wrong_width), "shape");
  std::vector<Felt> coeffs(9), out(8);
  EXPECT_DEATH(EvaluateOnCoset(coeffs, Felt::One(), out), "more coefficients");
}

}  // namespace
}  // namespace zkvm::crypto
