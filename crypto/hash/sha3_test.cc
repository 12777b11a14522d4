// SHA3-256 and Keccak-f[1600] against OpenSSL's EVP implementation, on random inputs of every
// length class around the 136-byte rate (fixed, printed seed).
#include "crypto/hash/sha3.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <array>
#include <cstring>
#include <random>
#include <vector>

namespace zkvm::crypto {
namespace {

std::array<uint8_t, 32> OpenSslSha3(const std::vector<uint8_t>& data) {
  std::array<uint8_t, 32> out{};
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), out.data(), &len, EVP_sha3_256(), nullptr);
  return out;
}

TEST(Sha3Test, KnownAnswerEmpty) {
  uint8_t out[32];
  Sha3_256Digest(nullptr, 0, out);
  const uint8_t expected[32] = {0xa7, 0xff, 0xc6, 0xf8, 0xbf, 0x1e, 0xd7, 0x66, 0x51, 0xc1, 0x47,
                                0x56, 0xa0, 0x61, 0xd6, 0x62, 0xf5, 0x80, 0xff, 0x4d, 0xe4, 0x3b,
                                0x49, 0xfa, 0x82, 0xd8, 0x0a, 0x4b, 0x80, 0xf8, 0x43, 0x4a};
  EXPECT_EQ(0, std::memcmp(out, expected, 32));
}

TEST(Sha3Test, MatchesOpenSslOnEveryLengthClass) {
  constexpr uint64_t kSeed = 0x5a3c0de;
  std::printf("seed: %#llx\n", static_cast<unsigned long long>(kSeed));
  std::mt19937_64 rng(kSeed);
  std::vector<size_t> lengths;
  for (size_t n = 0; n <= 300; ++n) lengths.push_back(n);  // every offset around 1-2 blocks
  for (size_t n : {543u, 544u, 545u, 1000u, 4096u, 65537u}) lengths.push_back(n);
  for (size_t n : lengths) {
    std::vector<uint8_t> data(n);
    for (auto& b : data) b = static_cast<uint8_t>(rng());
    std::array<uint8_t, 32> ours{};
    Sha3_256Digest(data.data(), data.size(), ours.data());
    ASSERT_EQ(ours, OpenSslSha3(data)) << "length " << n;
    // Incremental updates in uneven pieces give the same digest.
    Sha3_256<KeccakF1600Software> h;
    size_t pos = 0;
    while (pos < n) {
      const size_t piece = std::min<size_t>(n - pos, 1 + rng() % 150);
      h.Update(data.data() + pos, piece);
      pos += piece;
    }
    std::array<uint8_t, 32> incremental{};
    h.Finalize(incremental.data());
    ASSERT_EQ(incremental, ours) << "length " << n;
  }
}

TEST(KeccakTest, PermutationOfZeroStateKnownAnswer) {
  // Keccak-f[1600] applied to the all-zero state: first lane of the well-known test vector.
  uint64_t state[25] = {};
  KeccakF1600(state);
  EXPECT_EQ(state[0], 0xF1258F7940E1DDE7ull);
  EXPECT_EQ(state[1], 0x84D5CCF933C0478Aull);
  EXPECT_EQ(state[24], 0xEAF1FF7B5CECA249ull);
}

TEST(KeccakTest, UsableAtCompileTime) {
  constexpr uint64_t kFirstLane = [] {
    uint64_t state[25] = {};
    KeccakF1600(state);
    return state[0];
  }();
  static_assert(kFirstLane == 0xF1258F7940E1DDE7ull);
}

}  // namespace
}  // namespace zkvm::crypto
