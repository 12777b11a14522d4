// Transcripts, for both hashes (SHA3-256 and Poseidon2): prover and verifier agree; every absorb
// is domain-separated (type, label, length); Fork is independent; samples are canonical and in
// range; grinding finds the smallest nonce, is thread-count independent, and the verifier
// accepts exactly valid nonces; each matches its documented stream, rebuilt by hand.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <tbb/global_control.h>

#include <algorithm>
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "crypto/hash/poseidon2.h"
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

template <typename Core>
class TranscriptTest : public ::testing::Test {
 protected:
  using V = VerifierTranscript<Core>;
  static ProverTranscript Prover(const char* protocol) {
    return ProverTranscript(protocol, Core::kHash);
  }
  template <typename Absorb>
  static Felt FirstChallenge(const Absorb& absorb, const char* protocol = "p") {
    V t(protocol);
    absorb(t);
    return t.SampleFelt();
  }
};

using Cores = ::testing::Types<Sha3TranscriptCore<>, Poseidon2TranscriptCore<>>;
struct CoreNames {
  template <typename T>
  static std::string GetName(int) {
    return HashName(T::kHash);
  }
};
TYPED_TEST_SUITE(TranscriptTest, Cores, CoreNames);

TYPED_TEST(TranscriptTest, ProverAndVerifierAgree) {
  ProverTranscript p = TestFixture::Prover("test-protocol");
  typename TestFixture::V v("test-protocol");
  AbsorbSample(p);
  AbsorbSample(v);
  for (int i = 0; i < 10; ++i) {
    ASSERT_EQ(p.SampleFelt(), v.SampleFelt());
    ASSERT_EQ(p.SampleExt3(), v.SampleExt3());
    ASSERT_EQ(p.SampleIndex(20), v.SampleIndex(20));
  }
  uint8_t a[32], b[32];
  p.SampleDigest(a);
  v.SampleDigest(b);
  EXPECT_EQ(std::memcmp(a, b, 32), 0);
}

TYPED_TEST(TranscriptTest, AbsorbsAreDomainSeparated) {
  using V = typename TestFixture::V;
  std::set<uint64_t> seen;
  auto add = [&](Felt f) { EXPECT_TRUE(seen.insert(f.value()).second) << "collision"; };
  add(TestFixture::FirstChallenge([](V&) {}));
  add(TestFixture::FirstChallenge([](V&) {}, "other protocol"));
  // Label/data boundary moves.
  add(TestFixture::FirstChallenge([](V& t) { t.AbsorbBytes("a", (const uint8_t*)"bc", 2); }));
  add(TestFixture::FirstChallenge([](V& t) { t.AbsorbBytes("ab", (const uint8_t*)"c", 1); }));
  // Same bytes, different types.
  add(TestFixture::FirstChallenge([](V& t) { t.AbsorbU64("x", 7); }));
  add(TestFixture::FirstChallenge([](V& t) {
    const uint8_t b[8] = {7, 0, 0, 0, 0, 0, 0, 0};
    t.AbsorbBytes("x", b, 8);
  }));
  add(TestFixture::FirstChallenge([](V& t) { t.AbsorbFelt("x", Felt::FromU64(7)); }));
  add(TestFixture::FirstChallenge([](V& t) {
    uint8_t d[32] = {7};
    t.AbsorbDigest("x", d);
  }));
  // Trailing zero bytes count (Poseidon2 packs 7 bytes per element).
  add(TestFixture::FirstChallenge([](V& t) {
    const uint8_t b[7] = {7, 0, 0, 0, 0, 0, 0};
    t.AbsorbBytes("x", b, 7);
  }));
  add(TestFixture::FirstChallenge([](V& t) {
    const uint8_t b[1] = {7};
    t.AbsorbBytes("x", b, 1);
  }));
  // Split vs joined absorbs.
  add(TestFixture::FirstChallenge([](V& t) {
    const Felt f[2] = {Felt::FromU64(1), Felt::FromU64(2)};
    t.AbsorbFelts("x", f, 2);
  }));
  add(TestFixture::FirstChallenge([](V& t) {
    t.AbsorbFelt("x", Felt::FromU64(1));
    t.AbsorbFelt("x", Felt::FromU64(2));
  }));
  // Absorb after a squeeze changes later challenges.
  V a("p"), b("p");
  a.SampleFelt();
  b.SampleFelt();
  b.AbsorbU64("late", 1);
  EXPECT_NE(a.SampleFelt(), b.SampleFelt());
}

TYPED_TEST(TranscriptTest, ForkIsIndependent) {
  typename TestFixture::V t("p");
  AbsorbSample(t);
  typename TestFixture::V fork = t.Fork();
  const Felt from_fork = fork.SampleFelt();
  fork.AbsorbU64("only in fork", 9);
  fork.SampleFelt();
  EXPECT_EQ(t.SampleFelt(), from_fork);
}

TYPED_TEST(TranscriptTest, SamplesAreCanonicalAndInRange) {
  typename TestFixture::V t("p");
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

TYPED_TEST(TranscriptTest, GrindingIsMinimalDeterministicAndChecked) {
  using V = typename TestFixture::V;
  for (int bits : {0, 4, 10}) {
    uint64_t nonces[2];
    Felt after[2];
    for (int threads : {1, 2}) {
      tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
      ProverTranscript p = TestFixture::Prover("p");
      AbsorbSample(p);
      nonces[threads - 1] = p.Grind(bits);
      after[threads - 1] = p.SampleFelt();
    }
    EXPECT_EQ(nonces[0], nonces[1]) << bits;
    EXPECT_EQ(after[0], after[1]);

    // The verifier accepts it and derives the same challenge; every smaller nonce fails.
    V v("p");
    AbsorbSample(v);
    V probe = v.Fork();
    uint8_t seed[32];
    probe.GrindingSeed(seed);
    for (uint64_t n = 0; n < nonces[0]; ++n) {
      ASSERT_FALSE(TypeParam::GrindingHashOk(seed, n, bits)) << n;
    }
    ASSERT_TRUE(v.CheckGrinding(nonces[0], bits));
    EXPECT_EQ(v.SampleFelt(), after[0]);
    if (bits > 0) {
      V bad("p");
      AbsorbSample(bad);
      EXPECT_FALSE(bad.CheckGrinding(nonces[0] + 1, 20));
    }
  }
}

// The transcripts of the two hashes never agree.
TEST(TranscriptTest, TheHashesDiffer) {
  VerifierTranscript<Sha3TranscriptCore<>> a("p");
  VerifierTranscript<Poseidon2TranscriptCore<>> b("p");
  AbsorbSample(a);
  AbsorbSample(b);
  EXPECT_NE(a.SampleFelt(), b.SampleFelt());
}

// The byte stream transcript.h documents, rebuilt by hand and hashed with OpenSSL.
TEST(TranscriptTest, Sha3MatchesTheDocumentedByteStream) {
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

  VerifierTranscript<Sha3TranscriptCore<>> t("zkvm-test");
  AbsorbSample(t);
  EXPECT_EQ(t.SampleFelt().value(), chunk);
}

// The element stream poseidon2_transcript.h documents, absorbed by hand into the sponge.
TEST(TranscriptTest, Poseidon2MatchesTheDocumentedElementStream) {
  std::vector<uint64_t> stream;
  auto packed = [&](const uint8_t* bytes, size_t size) {
    for (size_t i = 0; i < size; i += 7) {
      uint64_t v = 0;
      for (size_t b = std::min<size_t>(7, size - i); b-- > 0;) v = (v << 8) | bytes[i + b];
      stream.push_back(v);
    }
  };
  auto header = [&](uint64_t tag, const char* label, uint64_t size) {
    stream.push_back(tag);
    stream.push_back(std::strlen(label));
    packed(reinterpret_cast<const uint8_t*>(label), std::strlen(label));
    stream.push_back(size & 0xFFFFFFFF);
    stream.push_back(size >> 32);
  };
  header(1, "zkvm-test", 0);
  header(2, "bytes", 5);
  const uint8_t five[5] = {1, 2, 3, 4, 5};
  packed(five, 5);
  header(3, "count", 8);
  stream.push_back(42);
  stream.push_back(0);
  header(4, "felt", 8);
  stream.push_back(7);
  header(5, "ext", 24);
  for (uint64_t c : {1, 2, 3}) stream.push_back(c);
  header(6, "root", 32);
  for (uint64_t i = 0; i < 32; i += 4) {
    stream.push_back(i | (i + 1) << 8 | (i + 2) << 16 | (i + 3) << 24);
  }
  stream.push_back(7);  // squeeze
  stream.push_back(1);  // padding
  Felt state[kPoseidon2Width] = {};
  size_t position = 0;
  for (size_t i = 0; i < stream.size(); ++i) {
    state[position] += Felt::FromU64(stream[i]);
    if (++position == kPoseidon2Rate || i + 1 == stream.size()) {
      Poseidon2Permute(state);
      position = 0;
    }
  }
  VerifierTranscript<Poseidon2TranscriptCore<>> t("zkvm-test");
  AbsorbSample(t);
  for (size_t i = 0; i < kPoseidon2Rate; ++i) EXPECT_EQ(t.SampleFelt(), state[i]) << i;
}

}  // namespace
}  // namespace zkvm::crypto
