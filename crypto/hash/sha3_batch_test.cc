// The batched SHA3-256 and the multi-way Keccak-f[1600] permutations against OpenSSL's EVP
// SHA3-256 and the freestanding scalar permutation, for every backend this CPU supports, on
// random inputs of every length class (0..300 bytes, around the 136-byte rate, multi-block) and
// batch sizes that leave partial batches (fixed, printed seed).
#include "crypto/hash/sha3_batch.h"

#include <gtest/gtest.h>

#include <openssl/evp.h>
#include <string>

#include <array>
#include <cstdio>
#include <random>
#include <vector>

#include "crypto/hash/keccak.h"
#include "crypto/hash/keccak_batch.h"

namespace zkvm::crypto {
namespace {

constexpr uint64_t kSeed = 0x5a3b47c4;

std::array<uint8_t, 32> OpenSslSha3(const uint8_t* data, size_t size) {
  std::array<uint8_t, 32> out{};
  unsigned int len = 0;
  EVP_Digest(data, size, out.data(), &len, EVP_sha3_256(), nullptr);
  return out;
}

TEST(KeccakBatchTest, EveryBackendMatchesTheScalarPermutation) {
  std::printf("seed: %#llx\n", static_cast<unsigned long long>(kSeed));
  std::mt19937_64 rng(kSeed);
  for (SimdPath backend : {SimdPath::kScalar, SimdPath::kAvx2, SimdPath::kAvx512}) {
    if (!SimdPathSupported(backend)) {
      std::printf("backend %s: not supported on this CPU, skipped\n",
                  std::string(SimdPathName(backend)).c_str());
      continue;
    }
    const KeccakBatchPermutation perm = GetKeccakBatchPermutation(backend);
    for (int trial = 0; trial < 20; ++trial) {
      alignas(64) uint64_t states[kKeccakLanes * kKeccakMaxWays];
      for (auto& w : states) w = rng();
      uint64_t expected[kKeccakMaxWays][kKeccakLanes];
      for (size_t s = 0; s < perm.ways; ++s) {
        for (size_t l = 0; l < kKeccakLanes; ++l) expected[s][l] = states[l * perm.ways + s];
        KeccakF1600(expected[s]);
      }
      perm.permute(states);
      for (size_t s = 0; s < perm.ways; ++s) {
        for (size_t l = 0; l < kKeccakLanes; ++l) {
          ASSERT_EQ(states[l * perm.ways + s], expected[s][l])
              << SimdPathName(backend) << " state " << s << " lane " << l;
        }
      }
    }
  }
}

TEST(Sha3BatchTest, BestBackendIsSupported) {
  EXPECT_TRUE(Sha3BatchBackendSupported(BestSha3BatchBackend()));
  std::printf("best backend: %s\n", Sha3BatchBackendName(BestSha3BatchBackend()));
}

TEST(Sha3BatchTest, EveryBackendMatchesOpenSslOnEveryLengthClass) {
  std::printf("seed: %#llx\n", static_cast<unsigned long long>(kSeed + 1));
  std::mt19937_64 rng(kSeed + 1);
  std::vector<size_t> lengths;
  for (size_t n = 0; n <= 300; ++n) lengths.push_back(n);
  for (size_t n : {407u, 408u, 409u, 543u, 544u, 545u, 1000u, 4096u}) lengths.push_back(n);
  for (Sha3BatchBackend backend : kAllSha3BatchBackends) {
    if (!Sha3BatchBackendSupported(backend)) {
      std::printf("backend %s: not supported on this CPU, skipped\n",
                  Sha3BatchBackendName(backend));
      continue;
    }
    for (size_t length : lengths) {
      // 1..19 messages: full and partial batches of 4 and 8; an odd stride so messages are
      // unaligned.
      const size_t num_messages = 1 + rng() % 19;
      const size_t stride = length + rng() % 3;
      const size_t offset = rng() % 8;
      std::vector<uint8_t> data(offset + stride * num_messages + 1);
      for (auto& b : data) b = static_cast<uint8_t>(rng());
      std::vector<uint8_t> digests(32 * num_messages);
      Sha3_256Batch(backend, data.data() + offset, stride, length, num_messages, digests.data());
      for (size_t i = 0; i < num_messages; ++i) {
        const auto expected = OpenSslSha3(data.data() + offset + i * stride, length);
        ASSERT_EQ(0, std::memcmp(digests.data() + 32 * i, expected.data(), 32))
            << Sha3BatchBackendName(backend) << " length " << length << " message " << i << "/"
            << num_messages;
      }
    }
  }
}

TEST(Sha3BatchTest, LaneSourceMatchesOpenSsl) {
  // Messages built from 64-bit words plus a one-byte tag (the Merkle leaf shape), read through
  // a lane source without materializing them.
  std::printf("seed: %#llx\n", static_cast<unsigned long long>(kSeed + 2));
  std::mt19937_64 rng(kSeed + 2);
  for (Sha3BatchBackend backend : kAllSha3BatchBackends) {
    if (!Sha3BatchBackendSupported(backend)) continue;
    for (size_t words : {0u, 1u, 8u, 16u, 17u, 18u, 64u, 100u}) {
      const size_t num_messages = 37;
      std::vector<uint64_t> columns(words * num_messages);  // column-major
      for (auto& w : columns) w = rng();
      const uint8_t tag = 0x02;
      std::vector<uint8_t> digests(32 * num_messages);
      Sha3_256BatchLanes(
          backend, num_messages, 8 * words + 1,
          [&](size_t i, size_t l) -> uint64_t {
            return l < words ? columns[l * num_messages + i] : tag;
          },
          digests.data());
      for (size_t i = 0; i < num_messages; ++i) {
        std::vector<uint8_t> message(8 * words + 1);
        for (size_t l = 0; l < words; ++l) {
          detail::StoreLe64(message.data() + 8 * l, columns[l * num_messages + i]);
        }
        message[8 * words] = tag;
        const auto expected = OpenSslSha3(message.data(), message.size());
        ASSERT_EQ(0, std::memcmp(digests.data() + 32 * i, expected.data(), 32))
            << Sha3BatchBackendName(backend) << " words " << words << " message " << i;
      }
    }
  }
}

TEST(Sha3BatchTest, EmptyBatchWritesNothing) {
  for (Sha3BatchBackend backend : kAllSha3BatchBackends) {
    if (!Sha3BatchBackendSupported(backend)) continue;
    uint8_t digest[32] = {0xAB};
    Sha3_256Batch(backend, nullptr, 0, 0, 0, digest);
    EXPECT_EQ(digest[0], 0xAB);
  }
}

}  // namespace
}  // namespace zkvm::crypto
