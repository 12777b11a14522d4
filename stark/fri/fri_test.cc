// Batched FRI: the domain and fold conventions against direct polynomial evaluation, honest
// proofs of one and of several heights at blowups 2, 4, 8 and 16 (accepted, with prover and
// verifier transcripts agreeing), determinism across thread counts, and the rejections: inputs
// of too high degree or far from the code, tampered openings, roots, final polynomial, nonce,
// header and sizes, non-canonical values, wrong values from the caller, misuse of the API, and
// random byte flips, each with its specific status and without a crash. Random tests use fixed,
// printed seeds.
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "crypto/ntt/lde.h"
#include "crypto/transcript/prover_transcript.h"
#include "crypto/transcript/verifier_transcript.h"
#include "stark/fri/fri_prover.h"
#include "stark/fri/fri_verifier.h"

namespace zkvm::stark {
namespace {

using crypto::ColumnMajorMatrix;
using crypto::ConstMatrixView;
using crypto::kLdeShift;
using crypto::LdePoint;

constexpr const char* kProtocol = "fri-test";
constexpr size_t kMaxQueries = 256;

std::mt19937_64 SeededRng(uint64_t seed) {
  std::printf("seed: %llu\n", static_cast<unsigned long long>(seed));
  return std::mt19937_64(seed);
}

Felt RandomFelt(std::mt19937_64& rng) { return Felt::FromU64(rng()); }
Ext3 RandomExt3(std::mt19937_64& rng) {
  const Felt a = RandomFelt(rng), b = RandomFelt(rng), c = RandomFelt(rng);
  return Ext3(a, b, c);
}

Ext3 Row(ConstMatrixView m, size_t row) { return Ext3(m(row, 0), m(row, 1), m(row, 2)); }

// The values of sum coeffs[i] X^i at shift * w_N^bitrev(j), as an N x 3 matrix (one
// EvaluateOnCoset per Ext3 coordinate).
ColumnMajorMatrix EvaluateExt3(const std::vector<Ext3>& coeffs, Felt shift, size_t size) {
  ColumnMajorMatrix out(size, kFriLayerColumns);
  for (size_t c = 0; c < kFriLayerColumns; ++c) {
    std::vector<Felt> column(coeffs.size());
    for (size_t i = 0; i < coeffs.size(); ++i) column[i] = coeffs[i][c];
    crypto::EvaluateOnCoset(column, shift, out.column(c));
  }
  return out;
}

// An honest input: the coset LDE (crypto/ntt CosetLde) of a random trace of 3 columns.
ColumnMajorMatrix HonestCodeword(uint32_t log_size, uint32_t log_blowup, std::mt19937_64& rng) {
  ColumnMajorMatrix trace(size_t{1} << (log_size - log_blowup), kFriLayerColumns);
  for (size_t c = 0; c < kFriLayerColumns; ++c) {
    for (Felt& f : trace.column(c)) f = RandomFelt(rng);
  }
  return crypto::CosetLde(trace, static_cast<int>(log_blowup));
}

// The LDE-order values of a random polynomial with `num_coeffs` coefficients.
ColumnMajorMatrix PolynomialCodeword(uint32_t log_size, size_t num_coeffs, std::mt19937_64& rng) {
  std::vector<Ext3> coeffs(num_coeffs);
  for (Ext3& c : coeffs) c = RandomExt3(rng);
  return EvaluateExt3(coeffs, kLdeShift, size_t{1} << log_size);
}

ColumnMajorMatrix RandomVector(uint32_t log_size, std::mt19937_64& rng) {
  ColumnMajorMatrix m(size_t{1} << log_size, kFriLayerColumns);
  for (size_t c = 0; c < kFriLayerColumns; ++c) {
    for (Felt& f : m.column(c)) f = RandomFelt(rng);
  }
  return m;
}

struct Instance {
  FriOptions options;
  std::vector<uint32_t> log_sizes;
  std::vector<ColumnMajorMatrix> codewords;

  std::vector<ConstMatrixView> Views() const {
    std::vector<ConstMatrixView> views;
    for (const ColumnMajorMatrix& c : codewords) views.push_back(c.view());
    return views;
  }
};

Instance HonestInstance(const FriOptions& options, const std::vector<uint32_t>& log_sizes,
                        uint64_t seed) {
  std::mt19937_64 rng = SeededRng(seed);
  Instance instance{options, log_sizes, {}};
  for (uint32_t log_size : log_sizes) {
    instance.codewords.push_back(HonestCodeword(log_size, options.log_blowup, rng));
  }
  return instance;
}

struct Proven {
  FriProof proof;
  std::vector<uint8_t> bytes;
  Ext3 next_challenge;
};

Proven Prove(const Instance& instance) {
  crypto::ProverTranscript transcript(kProtocol);
  transcript.AbsorbU64("inputs", instance.log_sizes.size());
  const std::vector<ConstMatrixView> views = instance.Views();
  Proven out;
  out.proof = ProveFri(instance.options, views, transcript);
  out.bytes = out.proof.Serialize();
  out.next_challenge = transcript.SampleExt3();
  return out;
}

// The caller's side: input values read straight from the codewords.
struct CodewordPairs {
  const std::vector<ColumnMajorMatrix>* codewords;

  FriPair operator()(uint32_t input, uint32_t, uint32_t pair_index) const {
    const ColumnMajorMatrix& m = (*codewords)[input];
    EXPECT_LT(size_t{pair_index}, m.num_rows() / 2);
    if (size_t{pair_index} >= m.num_rows() / 2) return {};
    return {Row(m, 2 * size_t{pair_index}), Row(m, 2 * size_t{pair_index} + 1)};
  }
};

struct Verified {
  FriStatus status;
  Ext3 next_challenge;
  std::vector<uint32_t> queries;
};

template <typename Pairs>
Verified Verify(const Instance& instance, const std::vector<uint8_t>& bytes, const Pairs& pairs,
                const char* protocol = kProtocol) {
  crypto::VerifierTranscript<> transcript(protocol);
  transcript.AbsorbU64("inputs", instance.log_sizes.size());
  auto verifier = std::make_unique<FriVerifier<kMaxQueries>>();
  Verified out;
  out.status = verifier->ReadProof(instance.options, instance.log_sizes.data(),
                                   instance.log_sizes.size(), bytes.data(), bytes.size());
  if (out.status.ok()) out.status = verifier->ReplayTranscript(transcript);
  if (out.status.ok()) {
    out.queries.assign(verifier->query_indices(),
                       verifier->query_indices() + verifier->num_queries());
    out.status = verifier->VerifyQueries(pairs);
  }
  if (out.status.ok()) out.next_challenge = transcript.SampleExt3();
  return out;
}

Verified Verify(const Instance& instance, const std::vector<uint8_t>& bytes) {
  return Verify(instance, bytes, CodewordPairs{&instance.codewords});
}

std::string Describe(const FriStatus& s) {
  return std::string(FriErrorName(s.error)) + " layer " + std::to_string(s.layer) + " query " +
         std::to_string(s.query) + " index " + std::to_string(s.index) +
         " (merkle: " + crypto::MerkleErrorName(s.merkle.error) + ")";
}

// Byte offsets inside a serialized proof (fri_layout.h).
struct Offsets {
  size_t roots = kFriProofHeaderBytes;
  size_t final_poly = 0;
  size_t nonce = 0;
  std::vector<size_t> size_fields;  // per committed layer
  std::vector<size_t> openings;     // first byte of each opening
};

Offsets OffsetsOf(const FriProof& proof) {
  Offsets o;
  o.final_poly = o.roots + proof.layer_roots.size() * crypto::kMerkleDigestBytes;
  o.nonce = o.final_poly + proof.final_poly.size() * Ext3::kBytes;
  size_t offset = o.nonce + kFriNonceBytes;
  for (const std::vector<uint8_t>& opening : proof.layer_openings) {
    o.size_fields.push_back(offset);
    o.openings.push_back(offset + kFriOpeningSizeBytes);
    offset += kFriOpeningSizeBytes + opening.size();
  }
  return o;
}

uint64_t LoadU64(const std::vector<uint8_t>& bytes, size_t offset) {
  uint64_t v = 0;
  for (size_t i = 8; i-- > 0;) v = (v << 8) | bytes[offset + i];
  return v;
}
void StoreU64(std::vector<uint8_t>* bytes, size_t offset, uint64_t v) {
  for (size_t i = 0; i < 8; ++i) (*bytes)[offset + i] = static_cast<uint8_t>(v >> (8 * i));
}

FriOptions Options(uint32_t log_blowup, uint32_t num_queries, uint32_t grinding_bits,
                   uint32_t log_final_poly_len) {
  FriOptions o;
  o.log_blowup = log_blowup;
  o.num_queries = num_queries;
  o.grinding_bits = grinding_bits;
  o.log_final_poly_len = log_final_poly_len;
  return o;
}

// ---------------------------------------------------------------------------------------------
// Conventions.

TEST(FriLayoutTest, PointsFollowTheLdeConvention) {
  std::mt19937_64 rng = SeededRng(1);
  const Felt g = kLdeShift;
  for (uint32_t log_n : {1u, 2u, 5u, 11u, 20u}) {
    const uint32_t n = uint32_t{1} << log_n;
    for (int i = 0; i < 32; ++i) {
      const uint32_t q = static_cast<uint32_t>(rng()) & (n - 1);
      ASSERT_EQ(FriLdePoint(log_n, q), LdePoint(static_cast<int>(log_n), q));
      // Siblings are negatives; squaring moves row j of layer r to row j >> 1 of layer r + 1,
      // whose coset shift is squared: x_r(j) = g^(2^r - 1) LdePoint(log N_r, j).
      const uint32_t even = q & ~1u;
      ASSERT_EQ(LdePoint(static_cast<int>(log_n), even + 1),
                -LdePoint(static_cast<int>(log_n), even));
      if (log_n >= 2) {
        const Felt x = LdePoint(static_cast<int>(log_n), q);
        ASSERT_EQ(x.Square(), g * LdePoint(static_cast<int>(log_n - 1), q >> 1));
      }
    }
  }
}

TEST(FriLayoutTest, InverseTwiddlesInvertTheEvenPoints) {
  const uint32_t log_top = 12;
  const std::vector<Felt> table = FriInverseTwiddles(log_top - 1);
  const Felt g = kLdeShift;
  Felt shift = g;  // s_r = g^(2^r)
  for (uint32_t r = 0; r + 1 <= log_top; ++r) {
    const uint32_t log_size = log_top - r;
    const Felt shift_over_g = shift * g.Inverse();  // x_r(j) = s_r / g * LdePoint(log N_r, j)
    for (size_t k = 0; k < (size_t{1} << (log_size - 1)); k += 7) {
      const Felt x = shift_over_g * LdePoint(static_cast<int>(log_size), 2 * k);
      ASSERT_EQ(x * shift.Inverse() * table[k], Felt::One()) << "layer " << r << " k " << k;
    }
    shift = shift.Square();
  }
}

TEST(FriLayoutTest, GeometryPlacesInputs) {
  const FriOptions options = Options(1, 8, 0, 3);
  FriGeometry g;
  size_t bad = 0;
  const uint32_t sizes[] = {12, 10, 7, 4};
  ASSERT_TRUE(MakeFriGeometry(options, sizes, 4, &g, &bad));
  EXPECT_EQ(g.num_rounds, 8u);
  EXPECT_EQ(g.num_committed_layers, 7u);
  EXPECT_EQ(g.log_final_size, 4u);
  EXPECT_EQ(g.num_final_coeffs, 8u);
  EXPECT_EQ(g.input_at_layer[0], 0u);
  EXPECT_EQ(g.input_at_layer[2], 1u);
  EXPECT_EQ(g.input_at_layer[5], 2u);
  EXPECT_EQ(g.input_at_layer[8], 3u);
  EXPECT_EQ(g.input_at_layer[1], kFriNoInput);
  EXPECT_EQ(g.InputPairIndex(2, 0xABC), 0xABCu >> 6);
  // An input below the final size pulls the final layer down to it.
  const uint32_t small[] = {9, 3};
  ASSERT_TRUE(MakeFriGeometry(options, small, 2, &g, &bad));
  EXPECT_EQ(g.num_rounds, 6u);
  EXPECT_EQ(g.num_final_coeffs, 4u);
  // Rejections.
  const uint32_t equal[] = {9, 9};
  EXPECT_FALSE(MakeFriGeometry(options, equal, 2, &g, &bad));
  EXPECT_EQ(bad, 1u);
  const uint32_t increasing[] = {8, 9};
  EXPECT_FALSE(MakeFriGeometry(options, increasing, 2, &g, &bad));
  const uint32_t below_blowup[] = {8, 0};
  EXPECT_FALSE(MakeFriGeometry(options, below_blowup, 2, &g, &bad));
  EXPECT_EQ(bad, 1u);
  const uint32_t too_large[] = {31};
  EXPECT_FALSE(MakeFriGeometry(options, too_large, 1, &g, &bad));
  EXPECT_FALSE(MakeFriGeometry(options, sizes, 0, &g, &bad));
}

// The prover's fold equals P_e + beta P_o (plus scale * C) evaluated on the next layer's coset
// g^(2^(r+1)) <w> in bit-reversed order: the domain derivation of fri_layout.h, checked.
TEST(FriProverTest, FoldMatchesPolynomialFold) {
  std::mt19937_64 rng = SeededRng(2);
  for (uint32_t layer : {0u, 1u, 3u}) {
    const uint32_t log_size = 9;
    const size_t size = size_t{1} << log_size;
    Felt shift = kLdeShift;
    for (uint32_t r = 0; r < layer; ++r) shift = shift.Square();
    std::vector<Ext3> p(size / 4), c(size / 4);
    for (Ext3& v : p) v = RandomExt3(rng);
    for (Ext3& v : c) v = RandomExt3(rng);
    const ColumnMajorMatrix p_values = EvaluateExt3(p, shift, size);
    const ColumnMajorMatrix c_values = EvaluateExt3(c, shift, size);
    const Ext3 beta = RandomExt3(rng), scale = RandomExt3(rng);
    // f = P + scale C; fold(f) = f_e + beta f_o.
    std::vector<Ext3> folded(size / 8);
    for (size_t i = 0; i < p.size(); ++i) {
      const Ext3 f = p[i] + scale * c[i];
      folded[i / 2] += (i % 2 == 0) ? f : beta * f;
    }
    const ColumnMajorMatrix expected = EvaluateExt3(folded, shift.Square(), size / 2);
    const std::vector<Felt> table = FriInverseTwiddles(log_size - 1);
    ColumnMajorMatrix out(size / 2, kFriLayerColumns);
    FriFoldLayer(p_values, c_values, scale, beta, layer, table, out);
    for (size_t k = 0; k < size / 2; ++k) {
      ASSERT_EQ(Row(out, k), Row(expected, k)) << "layer " << layer << " row " << k;
      // The verifier's formula on the same pair.
      const FriPair pair{Row(p_values, 2 * k) + scale * Row(c_values, 2 * k),
                         Row(p_values, 2 * k + 1) + scale * Row(c_values, 2 * k + 1)};
      const Felt x = shift * kLdeShift.Inverse() * LdePoint(static_cast<int>(log_size), 2 * k);
      ASSERT_EQ(FoldPair(pair, beta, x.Inverse()), Row(expected, k));
    }
  }
}

TEST(FriProverTest, InterpolateCosetInvertsEvaluation) {
  std::mt19937_64 rng = SeededRng(3);
  for (uint32_t log_size : {0u, 1u, 4u, 8u}) {
    const size_t size = size_t{1} << log_size;
    std::vector<Ext3> coeffs(size);
    for (Ext3& v : coeffs) v = RandomExt3(rng);
    const Felt shift = kLdeShift.Pow(1 + log_size);
    const ColumnMajorMatrix values = EvaluateExt3(coeffs, shift, size);
    EXPECT_EQ(FriInterpolateCoset(values, shift), coeffs) << "size " << size;
  }
}

// ---------------------------------------------------------------------------------------------
// Honest proofs.

struct HonestCase {
  std::vector<uint32_t> log_sizes;  // log2 N_i, before adding the blowup offset below
  uint32_t log_final_poly_len;      // final polynomial: at most 2^this coefficients
};

class FriHonestTest : public ::testing::TestWithParam<uint32_t> {};

TEST_P(FriHonestTest, AcceptsAndTranscriptsAgree) {
  const uint32_t log_blowup = GetParam();
  // Sizes are trace heights plus the blowup: one height, three heights (with inputs entering
  // at committed layers, at the last layer, and below the final size), adjacent heights, one
  // round without committed layers, and no round at all.
  const std::vector<HonestCase> cases = {
      {{10}, 3},      {{10, 8, 5}, 3}, {{11, 8, 3}, 3}, {{9, 8, 7, 6}, 2},
      {{8, 5, 3}, 2}, {{4}, 3},        {{3}, 3},        {{0}, 0},
  };
  uint64_t seed = 100 + log_blowup;
  for (const HonestCase& hc : cases) {
    std::vector<uint32_t> log_sizes;
    for (uint32_t s : hc.log_sizes) log_sizes.push_back(s + log_blowup);
    const FriOptions options = Options(log_blowup, 40, 4, hc.log_final_poly_len);
    const Instance instance = HonestInstance(options, log_sizes, seed++);
    SCOPED_TRACE("top log size " + std::to_string(log_sizes[0]) + ", " +
                 std::to_string(log_sizes.size()) + " inputs");
    const Proven proven = Prove(instance);
    const Verified verified = Verify(instance, proven.bytes);
    ASSERT_TRUE(verified.status.ok()) << Describe(verified.status);
    EXPECT_EQ(verified.queries, proven.proof.query_indices);
    EXPECT_EQ(verified.next_challenge, proven.next_challenge);
    // The proof has the size the layout implies.
    FriGeometry g;
    size_t bad = 0;
    ASSERT_TRUE(MakeFriGeometry(options, log_sizes.data(), log_sizes.size(), &g, &bad));
    EXPECT_EQ(proven.proof.layer_roots.size(), g.num_committed_layers);
    EXPECT_EQ(proven.proof.final_poly.size(), g.num_final_coeffs);
    size_t expected = g.FixedBytes();
    for (const auto& opening : proven.proof.layer_openings) {
      expected += kFriOpeningSizeBytes + opening.size();
    }
    EXPECT_EQ(proven.bytes.size(), expected);
  }
}

INSTANTIATE_TEST_SUITE_P(Blowups, FriHonestTest, ::testing::Values(1u, 2u, 3u, 4u),
                         [](const auto& info) { return "LogBlowup" + std::to_string(info.param); });

TEST(FriProverTest, OpenedPairsAreTheFoldsOfTheLayerAbove) {
  const Instance instance = HonestInstance(Options(1, 16, 0, 2), {9}, 4);
  const Proven proven = Prove(instance);
  // With a single input and no injection, layer 1's opened pair at query q must hold the fold
  // of the input's pair at q >> 1 on the side (q >> 1) & 1; check via the verifier's formula.
  crypto::ProverTranscript transcript(kProtocol);
  transcript.AbsorbU64("inputs", 1);
  const Ext3 beta0 = transcript.SampleExt3();
  for (size_t t = 0; t < proven.proof.query_indices.size(); ++t) {
    const uint32_t q = proven.proof.query_indices[t];
    const FriPair input = CodewordPairs{&instance.codewords}(0, 0, q >> 1);
    const Felt x = LdePoint(9, q & ~1u);
    const Ext3 folded = FoldPair(input, beta0, x.Inverse());
    EXPECT_EQ(proven.proof.OpenedPair(1, t).Side((q >> 1) & 1), folded) << "query " << t;
  }
}

TEST(FriProverTest, DeterministicAcrossThreadCounts) {
  const Instance instance = HonestInstance(Options(2, 32, 6, 3), {14, 12, 9}, 5);
  std::vector<uint8_t> one, two;
  {
    tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 1);
    one = Prove(instance).bytes;
  }
  {
    tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 2);
    two = Prove(instance).bytes;
  }
  EXPECT_EQ(one, two);
  EXPECT_EQ(Prove(instance).bytes, one);
}

// ---------------------------------------------------------------------------------------------
// Soundness: inputs that are not low-degree.

class FriDegreeTest : public ::testing::TestWithParam<uint32_t> {};

TEST_P(FriDegreeTest, RejectsTooHighDegree) {
  const uint32_t log_blowup = GetParam();
  const uint32_t log_top = 8 + log_blowup;
  const FriOptions options = Options(log_blowup, 24, 0, 2);
  std::mt19937_64 rng = SeededRng(200 + log_blowup);
  const size_t degree_bound = size_t{1} << (log_top - log_blowup);
  // (input to corrupt, what to put there)
  for (int variant = 0; variant < 4; ++variant) {
    Instance instance = HonestInstance(options, {log_top, log_top - 3}, rng());
    const uint32_t target = variant < 2 ? 0 : 1;
    const uint32_t log_size = instance.log_sizes[target];
    if (variant % 2 == 0) {
      // Degree exactly N / blowup: one coefficient too many.
      instance.codewords[target] =
          PolynomialCodeword(log_size, (degree_bound >> (target * 3)) + 1, rng);
    } else {
      instance.codewords[target] = RandomVector(log_size, rng);
    }
    const Proven proven = Prove(instance);
    const Verified verified = Verify(instance, proven.bytes);
    SCOPED_TRACE("variant " + std::to_string(variant));
    EXPECT_EQ(verified.status.error, FriError::kFinalMismatch) << Describe(verified.status);
  }
}

TEST_P(FriDegreeTest, RejectsFarInputBehindHonestLayers) {
  // The prover commits the layers of a codeword while the caller's (committed) input differs
  // from it in a quarter of the rows: the first fold check catches it.
  const uint32_t log_blowup = GetParam();
  const Instance honest = HonestInstance(Options(log_blowup, 48, 0, 2),
                                         {9 + log_blowup, 6 + log_blowup}, 300 + log_blowup);
  const Proven proven = Prove(honest);
  std::vector<ColumnMajorMatrix> corrupted;
  for (const ColumnMajorMatrix& c : honest.codewords) {
    ColumnMajorMatrix copy(c.num_rows(), c.num_cols());
    std::copy(c.data(), c.data() + c.size(), copy.data());
    corrupted.push_back(std::move(copy));
  }
  std::mt19937_64 rng = SeededRng(400 + log_blowup);
  for (size_t row = 0; row < corrupted[0].num_rows(); ++row) {
    if (rng() % 4 == 0) corrupted[0](row, rng() % 3) += Felt::One();
  }
  const Verified verified = Verify(honest, proven.bytes, CodewordPairs{&corrupted});
  EXPECT_EQ(verified.status.error, FriError::kFoldMismatch) << Describe(verified.status);
  EXPECT_EQ(verified.status.layer, 1u);
}

INSTANTIATE_TEST_SUITE_P(Blowups, FriDegreeTest, ::testing::Values(1u, 2u, 3u, 4u),
                         [](const auto& info) { return "LogBlowup" + std::to_string(info.param); });

// ---------------------------------------------------------------------------------------------
// Tampering. The base instance: blowup 2, inputs entering at layers 0, 2, 5 and 8 = R, seven
// committed layers, 8 bits of grinding.

class FriTamperTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    instance_ = new Instance(HonestInstance(Options(1, 32, 8, 3), {12, 10, 7, 4}, 500));
    proven_ = new Proven(Prove(*instance_));
    offsets_ = new Offsets(OffsetsOf(proven_->proof));
  }
  static void TearDownTestSuite() {
    delete instance_;
    delete proven_;
    delete offsets_;
  }
  static FriStatus VerifyBytes(const std::vector<uint8_t>& bytes) {
    return Verify(*instance_, bytes).status;
  }

  static Instance* instance_;
  static Proven* proven_;
  static Offsets* offsets_;
};

Instance* FriTamperTest::instance_ = nullptr;
Proven* FriTamperTest::proven_ = nullptr;
Offsets* FriTamperTest::offsets_ = nullptr;

TEST_F(FriTamperTest, HonestAccepted) {
  ASSERT_EQ(proven_->proof.layer_openings.size(), 7u);
  EXPECT_TRUE(VerifyBytes(proven_->bytes).ok());
}

TEST_F(FriTamperTest, FlippedOpenedValue) {
  const std::vector<uint8_t>& good = proven_->bytes;
  for (size_t l = 0; l < offsets_->openings.size(); ++l) {
    for (uint32_t t : {0u, 13u, 31u}) {
      for (size_t c = 0; c < kFriTreeRowFelts; ++c) {
        std::vector<uint8_t> bad = good;
        const size_t at = offsets_->openings[l] + (t * kFriTreeRowFelts + c) * Felt::kBytes;
        StoreU64(&bad, at, (Felt::FromCanonical(LoadU64(bad, at)) + Felt::One()).value());
        const FriStatus status = VerifyBytes(bad);
        ASSERT_EQ(status.error, FriError::kMerkleMismatch) << Describe(status);
        ASSERT_EQ(status.layer, l + 1);
      }
    }
  }
}

TEST_F(FriTamperTest, NonCanonicalValues) {
  const std::vector<uint8_t>& good = proven_->bytes;
  for (uint64_t value : {Felt::kModulus, ~uint64_t{0}}) {
    // An opened value.
    std::vector<uint8_t> bad = good;
    StoreU64(&bad, offsets_->openings[2] + (5 * kFriTreeRowFelts + 4) * Felt::kBytes, value);
    FriStatus status = VerifyBytes(bad);
    EXPECT_EQ(status.error, FriError::kNonCanonicalFelt) << Describe(status);
    EXPECT_EQ(status.layer, 3u);
    EXPECT_EQ(status.query, 5u);
    // A final coefficient.
    bad = good;
    StoreU64(&bad, offsets_->final_poly + 2 * Ext3::kBytes + 8, value);
    status = VerifyBytes(bad);
    EXPECT_EQ(status.error, FriError::kNonCanonicalFelt) << Describe(status);
    EXPECT_EQ(status.index, 2u);
  }
}

TEST_F(FriTamperTest, WrongLayerRoot) {
  for (size_t l = 0; l < proven_->proof.layer_roots.size(); ++l) {
    std::vector<uint8_t> bad = proven_->bytes;
    bad[offsets_->roots + l * crypto::kMerkleDigestBytes + 17] ^= 0x10;
    const FriStatus status = VerifyBytes(bad);
    // The transcript moves: the grinding seed changes (so the nonce fails, but for 2^-8), and
    // so do the queries, so some opening stops matching its root.
    EXPECT_TRUE(status.error == FriError::kGrindingFailed ||
                status.error == FriError::kMerkleMismatch ||
                status.error == FriError::kMalformedOpening)
        << Describe(status);
  }
}

TEST_F(FriTamperTest, WrongFinalPolynomial) {
  std::vector<uint8_t> bad = proven_->bytes;
  const size_t at = offsets_->final_poly + 3 * Ext3::kBytes;
  StoreU64(&bad, at, (Felt::FromCanonical(LoadU64(bad, at)) + Felt::One()).value());
  const FriStatus status = VerifyBytes(bad);
  EXPECT_TRUE(status.error == FriError::kGrindingFailed ||
              status.error == FriError::kMerkleMismatch ||
              status.error == FriError::kMalformedOpening)
      << Describe(status);
}

TEST(FriFinalTest, WrongFinalPolynomialWithoutCommittedLayers) {
  // One round, no committed layer: nothing but the final check can catch it.
  for (uint32_t log_size : {5u, 4u}) {  // R = 1 and R = 0
    const Instance instance = HonestInstance(Options(1, 16, 0, 3), {log_size}, 600 + log_size);
    const Proven proven = Prove(instance);
    ASSERT_TRUE(Verify(instance, proven.bytes).status.ok());
    std::vector<uint8_t> bad = proven.bytes;
    const size_t at = kFriProofHeaderBytes + 2 * Ext3::kBytes + 16;
    StoreU64(&bad, at, (Felt::FromCanonical(LoadU64(bad, at)) + Felt::One()).value());
    const FriStatus status = Verify(instance, bad).status;
    EXPECT_EQ(status.error, FriError::kFinalMismatch) << Describe(status);
    EXPECT_EQ(status.layer, log_size - 4);  // the number of rounds
  }
}

TEST_F(FriTamperTest, WrongGrindingNonce) {
  const uint64_t nonce = proven_->proof.grinding_nonce;
  for (uint64_t wrong : {nonce + 1, nonce ^ 0x100, uint64_t{0}}) {
    if (wrong == nonce) continue;
    std::vector<uint8_t> bad = proven_->bytes;
    StoreU64(&bad, offsets_->nonce, wrong);
    const FriStatus status = VerifyBytes(bad);
    EXPECT_EQ(status.error, FriError::kGrindingFailed)
        << "nonce " << wrong << ": " << Describe(status);
  }
  // Absent: the 8 nonce bytes cut out.
  std::vector<uint8_t> bad = proven_->bytes;
  bad.erase(bad.begin() + static_cast<ptrdiff_t>(offsets_->nonce),
            bad.begin() + static_cast<ptrdiff_t>(offsets_->nonce + kFriNonceBytes));
  EXPECT_EQ(VerifyBytes(bad).error, FriError::kTruncated);
}

TEST_F(FriTamperTest, EveryTruncationRejected) {
  const std::vector<uint8_t>& good = proven_->bytes;
  for (size_t size = 0; size < good.size(); ++size) {
    const std::vector<uint8_t> bad(good.begin(), good.begin() + static_cast<ptrdiff_t>(size));
    const FriStatus status = VerifyBytes(bad);
    ASSERT_EQ(status.error, FriError::kTruncated) << "size " << size << ": " << Describe(status);
  }
}

TEST_F(FriTamperTest, ExtendedProofRejected) {
  for (size_t extra : {1u, 8u, 32u}) {
    std::vector<uint8_t> bad = proven_->bytes;
    bad.resize(bad.size() + extra, 0);
    EXPECT_EQ(VerifyBytes(bad).error, FriError::kTrailingBytes);
  }
  // An opening grown by one digest, its size field to match: the Merkle layout catches it.
  for (size_t l : {0u, 3u, 6u}) {
    std::vector<uint8_t> bad = proven_->bytes;
    const size_t field = offsets_->size_fields[l];
    const uint64_t size = LoadU64(bad, field);
    StoreU64(&bad, field, size + 32);
    bad.insert(bad.begin() + static_cast<ptrdiff_t>(field + 8 + size), 32, 0xAB);
    const FriStatus status = VerifyBytes(bad);
    EXPECT_EQ(status.error, FriError::kMalformedOpening) << Describe(status);
    EXPECT_EQ(status.layer, l + 1);
    // Shrunk instead (the bytes stay; the next size field is misread or bytes trail).
    bad = proven_->bytes;
    StoreU64(&bad, field, size - 8);
    EXPECT_FALSE(VerifyBytes(bad).ok());
    StoreU64(&bad, field, ~uint64_t{0});
    EXPECT_EQ(VerifyBytes(bad).error, FriError::kTruncated);
  }
}

TEST_F(FriTamperTest, HeaderMismatch) {
  for (size_t word = 0; word < 4; ++word) {
    std::vector<uint8_t> bad = proven_->bytes;
    bad[4 * word] ^= 1;
    EXPECT_EQ(VerifyBytes(bad).error, FriError::kBadHeader) << "word " << word;
  }
}

TEST_F(FriTamperTest, WrongValueFromCaller) {
  // Input i enters at layer r_i = 0, 2, 5, 8 (= R); a wrong value shows at the next check.
  const uint32_t expected_layer[] = {1, 3, 6, 8};
  for (uint32_t input = 0; input < 4; ++input) {
    for (uint32_t bad_query : {0u, 17u}) {
      for (uint32_t sibling = 0; sibling < 2; ++sibling) {
        const auto pairs = [&](uint32_t i, uint32_t t, uint32_t k) {
          FriPair pair = CodewordPairs{&instance_->codewords}(i, t, k);
          if (i == input && t == bad_query) {
            // At the last layer only the query's own side is read; elsewhere both are.
            const uint32_t q = proven_->proof.query_indices[t];
            const uint32_t side = input == 3 ? (q >> 8) & 1 : sibling;
            (side == 0 ? pair.even : pair.odd) += Ext3::One();
          }
          return pair;
        };
        const FriStatus status = Verify(*instance_, proven_->bytes, pairs).status;
        const FriError want = input == 3 ? FriError::kFinalMismatch : FriError::kFoldMismatch;
        EXPECT_EQ(status.error, want) << "input " << input << ": " << Describe(status);
        EXPECT_EQ(status.layer, expected_layer[input]);
        EXPECT_EQ(status.query, bad_query);
      }
    }
  }
}

TEST_F(FriTamperTest, RandomByteFlipsRejected) {
  std::mt19937_64 rng = SeededRng(700);
  const std::vector<uint8_t>& good = proven_->bytes;
  std::set<FriError> seen;
  for (int i = 0; i < 400; ++i) {
    std::vector<uint8_t> bad = good;
    const size_t at = rng() % bad.size();
    bad[at] ^= static_cast<uint8_t>(1u << (rng() % 8));
    const FriStatus status = VerifyBytes(bad);
    ASSERT_FALSE(status.ok()) << "byte " << at;
    seen.insert(status.error);
  }
  EXPECT_GE(seen.size(), 3u);
}

TEST_F(FriTamperTest, OtherTranscriptRejected) {
  const FriStatus status =
      Verify(*instance_, proven_->bytes, CodewordPairs{&instance_->codewords}, "other").status;
  EXPECT_FALSE(status.ok());
}

// ---------------------------------------------------------------------------------------------
// Parameters and API misuse.

TEST(FriVerifierTest, RejectsBadParameters) {
  const Instance instance = HonestInstance(Options(1, 8, 0, 2), {8, 6}, 800);
  const Proven proven = Prove(instance);
  auto verifier = std::make_unique<FriVerifier<8>>();
  const uint8_t* bytes = proven.bytes.data();
  const size_t size = proven.bytes.size();
  const uint32_t sizes[] = {8, 6};
  EXPECT_TRUE(verifier->ReadProof(instance.options, sizes, 2, bytes, size).ok());

  FriOptions bad = instance.options;
  bad.log_blowup = 5;
  EXPECT_EQ(verifier->ReadProof(bad, sizes, 2, bytes, size).error, FriError::kBadOptions);
  bad = instance.options;
  bad.num_queries = 0;
  EXPECT_EQ(verifier->ReadProof(bad, sizes, 2, bytes, size).error, FriError::kBadOptions);
  bad = instance.options;
  bad.log_final_poly_len = 11;
  EXPECT_EQ(verifier->ReadProof(bad, sizes, 2, bytes, size).error, FriError::kBadOptions);
  bad = instance.options;
  bad.num_queries = 9;
  EXPECT_EQ(verifier->ReadProof(bad, sizes, 2, bytes, size).error, FriError::kCapacityExceeded);
  auto small = std::make_unique<FriVerifier<8, 2>>();  // room for 2 of the 4 coefficients
  EXPECT_EQ(small->ReadProof(instance.options, sizes, 2, bytes, size).error,
            FriError::kCapacityExceeded);
  const uint32_t wrong_order[] = {6, 8};
  const FriStatus status = verifier->ReadProof(instance.options, wrong_order, 2, bytes, size);
  EXPECT_EQ(status.error, FriError::kBadInputSizes);
  EXPECT_EQ(status.index, 1u);
  EXPECT_EQ(verifier->ReadProof(instance.options, nullptr, 0, bytes, size).error,
            FriError::kBadInputSizes);
  // Sizes the proof was not made for: the header no longer matches.
  const uint32_t other_sizes[] = {9, 6};
  EXPECT_EQ(verifier->ReadProof(instance.options, other_sizes, 2, bytes, size).error,
            FriError::kBadHeader);
  EXPECT_EQ(verifier->ReadProof(instance.options, sizes, 2, nullptr, 0).error,
            FriError::kTruncated);
}

TEST(FriVerifierTest, StepsInOrder) {
  const Instance instance = HonestInstance(Options(1, 8, 0, 2), {8}, 900);
  const Proven proven = Prove(instance);
  auto verifier = std::make_unique<FriVerifier<8>>();
  crypto::VerifierTranscript<> transcript(kProtocol);
  transcript.AbsorbU64("inputs", 1);
  const CodewordPairs pairs{&instance.codewords};
  EXPECT_EQ(verifier->ReplayTranscript(transcript).error, FriError::kOutOfOrder);
  EXPECT_EQ(verifier->VerifyQueries(pairs).error, FriError::kOutOfOrder);
  ASSERT_TRUE(verifier
                  ->ReadProof(instance.options, instance.log_sizes.data(), 1, proven.bytes.data(),
                              proven.bytes.size())
                  .ok());
  EXPECT_EQ(verifier->VerifyQueries(pairs).error, FriError::kOutOfOrder);
  ASSERT_TRUE(verifier->ReplayTranscript(transcript).ok());
  EXPECT_EQ(verifier->ReplayTranscript(transcript).error, FriError::kOutOfOrder);
  EXPECT_TRUE(verifier->VerifyQueries(pairs).ok());
  EXPECT_EQ(verifier->VerifyQueries(pairs).error, FriError::kOutOfOrder);
}

}  // namespace
}  // namespace zkvm::stark
