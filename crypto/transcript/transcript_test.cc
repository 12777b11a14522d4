// Transcripts: prover and verifier agree; every absorb is domain-separated (type, label,
// length); Fork is independent; samples are canonical and in range; grinding finds the smallest
// nonce, is thread-count independent, and the verifier accepts exactly valid nonces.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <tbb/global_control.h>

#include <cstring>
#include <set>
#include <vector>

#include "crypto/transcript/prover_transcript.h"
#include "crypto/transcript/verifier_transcript.h"

namespace zkvm::crypto {
namespace {

template <typename T>
void AbsorbSample(T& t) {
  const uint8_t bytes[5] = {1, 2, 3, 4, 5};
  uint8_t digest[32];
  for (int i = 0; i < 32; ++i) digest[i] = static_cast<uint8_t>(i);
  t.AbsorbBytes("bytes", bytes, 5);
  t.AbsorbU64("count", 42);
  t.AbsorbFelt("felt", Felt::FromU64(7));
  t.AbsorbExt3("ext", Ext3(Felt::FromU64(1), Felt::FromU64(2), Felt::FromU64(3)));
  t.AbsorbDigest("root", digest);
}

TEST(TranscriptTest, ProverAndVerifierAgree) {
  ProverTranscript p("test-protocol");
  VerifierTranscript<> v("test-protocol");
  AbsorbSample(p);
  AbsorbSample(v);
  for (int i = 0; i < 10; ++i) {
    ASSERT_EQ(p.SampleFelt(), v.SampleFelt());
    ASSERT_EQ(p.SampleExt3(), v.SampleExt3());
    ASSERT_EQ(p.SampleIndex(20), v.SampleIndex(20));
  }
}

Felt FirstChallenge(void (*absorb)(VerifierTranscript<>&), const char* protocol = "p") {
  VerifierTranscript<> t(protocol);
  absorb(t);
  return t.SampleFelt();
}

TEST(TranscriptTest, AbsorbsAreDomainSeparated) {
  std::set<uint64_t> seen;
  auto add = [&](Felt f) { EXPECT_TRUE(seen.insert(f.value()).second) << "collision"; };
  add(FirstChallenge([](VerifierTranscript<>&) {}));
  add(FirstChallenge([](VerifierTranscript<>&) {}, "other protocol"));
  // Label/data boundary moves.
  add(FirstChallenge([](VerifierTranscript<>& t) { t.AbsorbBytes("a", (const uint8_t*)"bc", 2); }));
  add(FirstChallenge([](VerifierTranscript<>& t) { t.AbsorbBytes("ab", (const uint8_t*)"c", 1); }));
  // Same bytes, different types.
  add(FirstChallenge([](VerifierTranscript<>& t) { t.AbsorbU64("x", 7); }));
  add(FirstChallenge([](VerifierTranscript<>& t) {
    const uint8_t b[8] = {7, 0, 0, 0, 0, 0, 0, 0};
    t.AbsorbBytes("x", b, 8);
  }));
  add(FirstChallenge([](VerifierTranscript<>& t) { t.AbsorbFelt("x", Felt::FromU64(7)); }));
  // Split vs joined absorbs.
  add(FirstChallenge([](VerifierTranscript<>& t) {
    const Felt f[2] = {Felt::FromU64(1), Felt::FromU64(2)};
    t.AbsorbFelts("x", f, 2);
  }));
  add(FirstChallenge([](VerifierTranscript<>& t) {
    t.AbsorbFelt("x", Felt::FromU64(1));
    t.AbsorbFelt("x", Felt::FromU64(2));
  }));
  // Absorb after a squeeze changes later challenges.
  VerifierTranscript<> a("p"), b("p");
  a.SampleFelt();
  b.SampleFelt();
  b.AbsorbU64("late", 1);
  EXPECT_NE(a.SampleFelt(), b.SampleFelt());
}

TEST(TranscriptTest, ForkIsIndependent) {
  VerifierTranscript<> t("p");
  AbsorbSample(t);
  VerifierTranscript<> fork = t.Fork();
  const Felt from_fork = fork.SampleFelt();
  fork.AbsorbU64("only in fork", 9);
  fork.SampleFelt();
  EXPECT_EQ(t.SampleFelt(), from_fork);
}

TEST(TranscriptTest, SamplesAreCanonicalAndInRange) {
  VerifierTranscript<> t("p");
  std::set<uint32_t> indices;
  for (int i = 0; i < 2000; ++i) {
    ASSERT_LT(t.SampleFelt().value(), Felt::kModulus);
    const uint32_t idx = t.SampleIndex(4);
    ASSERT_LT(idx, 16u);
    indices.insert(idx);
  }
  EXPECT_EQ(indices.size(), 16u);
  EXPECT_EQ(t.SampleIndex(0), 0u);
}

// The byte stream transcript.h documents, rebuilt by hand and hashed with OpenSSL.
TEST(TranscriptTest, MatchesTheDocumentedByteStream) {
  std::vector<uint8_t> stream;
  auto u64 = [&](uint64_t v) {
    for (int i = 0; i < 8; ++i) stream.push_back(static_cast<uint8_t>(v >> (8 * i)));
  };
  auto header = [&](uint8_t tag, const char* label, uint64_t size) {
    stream.push_back(tag);
    stream.push_back(static_cast<uint8_t>(std::strlen(label)));
    stream.insert(stream.end(), label, label + std::strlen(label));
    u64(size);
  };
  header(1, "zkvm-test", 0);
  header(2, "bytes", 5);
  for (uint8_t b = 1; b <= 5; ++b) stream.push_back(b);
  header(3, "count", 8);
  u64(42);
  header(4, "felt", 8);
  u64(7);
  header(5, "ext", 24);
  u64(1);
  u64(2);
  u64(3);
  header(6, "root", 32);
  for (uint8_t b = 0; b < 32; ++b) stream.push_back(b);
  stream.push_back(7);  // squeeze
  uint8_t block[32];
  unsigned int len = 0;
  ASSERT_EQ(EVP_Digest(stream.data(), stream.size(), block, &len, EVP_sha3_256(), nullptr), 1);
  uint64_t chunk = 0;
  for (int i = 7; i >= 0; --i) chunk = (chunk << 8) | block[i];
  ASSERT_LT(chunk, Felt::kModulus);

  VerifierTranscript<> t("zkvm-test");
  AbsorbSample(t);
  EXPECT_EQ(t.SampleFelt().value(), chunk);
}

TEST(TranscriptTest, GrindingIsMinimalDeterministicAndChecked) {
  for (int bits : {0, 4, 10}) {
    uint64_t nonces[2];
    Felt after[2];
    for (int threads : {1, 2}) {
      tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
      ProverTranscript p("p");
      AbsorbSample(p);
      nonces[threads - 1] = p.Grind(bits);
      after[threads - 1] = p.SampleFelt();
    }
    EXPECT_EQ(nonces[0], nonces[1]) << bits;
    EXPECT_EQ(after[0], after[1]);

    // The verifier accepts it and derives the same challenge; every smaller nonce fails.
    VerifierTranscript<> v("p");
    AbsorbSample(v);
    VerifierTranscript<> probe = v.Fork();
    uint8_t seed[32];
    probe.GrindingSeed(seed);
    for (uint64_t n = 0; n < nonces[0]; ++n) {
      ASSERT_FALSE(Sha3TranscriptCore<>::GrindingHashOk(seed, n, bits)) << n;
    }
    ASSERT_TRUE(v.CheckGrinding(nonces[0], bits));
    EXPECT_EQ(v.SampleFelt(), after[0]);
    if (bits > 0) {
      VerifierTranscript<> bad("p");
      AbsorbSample(bad);
      EXPECT_FALSE(bad.CheckGrinding(nonces[0] + 1, 20));
    }
  }
}

}  // namespace
}  // namespace zkvm::crypto
