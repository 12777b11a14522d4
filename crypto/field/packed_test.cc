// The SIMD array kernels (felt_array.h): on every path this CPU supports, each operation equals
// Felt's operators (and so the scalar path) element for element, on random arrays of awkward
// lengths (fixed, printed seed), on every pair of edge values, in place, and without touching
// memory past the end of the output.
#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <vector>

#include "crypto/field/felt.h"
#include "crypto/field/felt_array.h"
#include "crypto/field/simd_path.h"

namespace zkvm::crypto {
namespace {

constexpr uint64_t kP = Felt::kModulus;
constexpr size_t kLengths[] = {0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 1000, 1001};
// Guard elements after each output, which no kernel may write.
constexpr size_t kGuard = 9;
const Felt kSentinel = Felt::FromCanonical(0x0123456789abcdefull);

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
          kP - (1ull << 32),
          kP - (1ull << 32) + 1,
          kP >> 1,
          0xFFFFFFFFull << 32 /* = p - 1 */,
          0xFFFF'FFFE'0000'0002ull};
}

class FeltArrayTest : public ::testing::TestWithParam<SimdPath> {
 protected:
  static constexpr uint64_t kSeed = 0x5EED'F1E1D;
  void SetUp() override {
    if (!SimdPathSupported(GetParam())) {
      GTEST_SKIP() << SimdPathName(GetParam()) << " not supported here";
    }
    std::printf("seed: %llu\n", static_cast<unsigned long long>(kSeed));
  }
  std::mt19937_64 rng_{kSeed};

  std::vector<Felt> Random(size_t n) {
    std::vector<Felt> v(n);
    for (Felt& x : v) x = Felt::FromU64(rng_());
    return v;
  }
  SimdPath path() const { return GetParam(); }
};

// Output buffer of n elements followed by sentinels.
std::vector<Felt> Output(size_t n) { return std::vector<Felt>(n + kGuard, kSentinel); }

void ExpectGuardIntact(const std::vector<Felt>& out, size_t n) {
  for (size_t i = n; i < out.size(); ++i) ASSERT_EQ(out[i], kSentinel) << "wrote past " << n;
}

TEST_P(FeltArrayTest, BinaryOperationsMatchFelt) {
  for (size_t n : kLengths) {
    const std::vector<Felt> a = Random(n), b = Random(n);
    std::vector<Felt> sum = Output(n), diff = Output(n), prod = Output(n);
    ArrayAdd(std::span(sum).first(n), a, b, path());
    ArraySub(std::span(diff).first(n), a, b, path());
    ArrayMul(std::span(prod).first(n), a, b, path());
    for (size_t i = 0; i < n; ++i) {
      ASSERT_EQ(sum[i], a[i] + b[i]) << "n=" << n << " i=" << i;
      ASSERT_EQ(diff[i], a[i] - b[i]) << "n=" << n << " i=" << i;
      ASSERT_EQ(prod[i], a[i] * b[i]) << "n=" << n << " i=" << i;
    }
    ExpectGuardIntact(sum, n);
    ExpectGuardIntact(diff, n);
    ExpectGuardIntact(prod, n);
  }
}

TEST_P(FeltArrayTest, EveryPairOfEdgeValues) {
  const std::vector<uint64_t> edges = EdgeValues();
  std::vector<Felt> a, b;
  for (uint64_t x : edges) {
    for (uint64_t y : edges) {
      a.push_back(Felt::FromCanonical(x));
      b.push_back(Felt::FromCanonical(y));
    }
  }
  const size_t n = a.size();
  std::vector<Felt> sum(n), diff(n), prod(n), scaled(n), acc = b;
  ArrayAdd(sum, a, b, path());
  ArraySub(diff, a, b, path());
  ArrayMul(prod, a, b, path());
  for (size_t i = 0; i < n; ++i) {
    ASSERT_EQ(sum[i], a[i] + b[i]) << a[i].value() << " + " << b[i].value();
    ASSERT_EQ(diff[i], a[i] - b[i]) << a[i].value() << " - " << b[i].value();
    ASSERT_EQ(prod[i], a[i] * b[i]) << a[i].value() << " * " << b[i].value();
  }
  for (uint64_t s : edges) {
    const Felt c = Felt::FromCanonical(s);
    ArrayScale(scaled, a, c, path());
    acc = b;
    ArrayAddScaled(acc, a, c, path());
    for (size_t i = 0; i < n; ++i) {
      ASSERT_EQ(scaled[i], a[i] * c) << a[i].value() << " * " << s;
      ASSERT_EQ(acc[i], b[i] + a[i] * c) << b[i].value() << " + " << a[i].value() << " * " << s;
    }
  }
}

TEST_P(FeltArrayTest, ScalarOperationsMatchFelt) {
  for (size_t n : kLengths) {
    const std::vector<Felt> a = Random(n), b = Random(n);
    const Felt c = Felt::FromU64(rng_());
    std::vector<Felt> scaled = Output(n), acc = Output(n);
    std::copy(b.begin(), b.end(), acc.begin());
    ArrayScale(std::span(scaled).first(n), a, c, path());
    ArrayAddScaled(std::span(acc).first(n), a, c, path());
    for (size_t i = 0; i < n; ++i) {
      ASSERT_EQ(scaled[i], a[i] * c) << "n=" << n << " i=" << i;
      ASSERT_EQ(acc[i], b[i] + a[i] * c) << "n=" << n << " i=" << i;
    }
    ExpectGuardIntact(scaled, n);
    ExpectGuardIntact(acc, n);
  }
}

TEST_P(FeltArrayTest, MulPowersMatchesRunningProduct) {
  for (size_t n : kLengths) {
    const std::vector<Felt> a = Random(n);
    const Felt start = Felt::FromU64(rng_()), step = Felt::FromU64(rng_());
    std::vector<Felt> out = Output(n);
    ArrayMulPowers(std::span(out).first(n), a, start, step, path());
    Felt power = start;
    for (size_t i = 0; i < n; ++i, power *= step) {
      ASSERT_EQ(out[i], a[i] * power) << "n=" << n << " i=" << i;
    }
    ExpectGuardIntact(out, n);
  }
}

TEST_P(FeltArrayTest, OutputMayBeAnInput) {
  const size_t n = 1001;
  const std::vector<Felt> a = Random(n), b = Random(n);
  std::vector<Felt> x = a;
  ArrayAdd(x, x, b, path());
  for (size_t i = 0; i < n; ++i) ASSERT_EQ(x[i], a[i] + b[i]);
  x = b;
  ArraySub(x, a, x, path());
  for (size_t i = 0; i < n; ++i) ASSERT_EQ(x[i], a[i] - b[i]);
  x = a;
  ArrayMul(x, x, x, path());
  for (size_t i = 0; i < n; ++i) ASSERT_EQ(x[i], a[i] * a[i]);
  x = a;
  ArrayMulPowers(x, x, Felt::One(), Felt::FromCanonical(3), path());
  Felt power = Felt::One();
  for (size_t i = 0; i < n; ++i, power *= Felt::FromCanonical(3)) ASSERT_EQ(x[i], a[i] * power);
}

TEST(SimdPathTest, ScalarIsAlwaysSupportedAndBestIsSupported) {
  EXPECT_TRUE(SimdPathSupported(SimdPath::kScalar));
  EXPECT_TRUE(SimdPathSupported(BestSimdPath()));
  for (SimdPath path : kAllSimdPaths) {
    std::printf("%s: %s\n", std::string(SimdPathName(path)).c_str(),
                SimdPathSupported(path) ? "supported" : "not supported");
  }
  std::printf("best: %s\n", std::string(SimdPathName(BestSimdPath())).c_str());
}

TEST(FeltArrayDeathTest, MismatchedLengthsAbort) {
  std::vector<Felt> a(4), b(5), out(4);
  EXPECT_DEATH(ArrayAdd(out, a, b), "lengths differ");
}

INSTANTIATE_TEST_SUITE_P(AllPaths, FeltArrayTest, ::testing::ValuesIn(kAllSimdPaths),
                         [](const auto& info) { return std::string(SimdPathName(info.param)); });

}  // namespace
}  // namespace zkvm::crypto
