#include "stark/security/proof_options.h"

#include <array>
#include <cstdio>
#include <random>
#include <span>
#include <string>

#include <gtest/gtest.h>

#include "stark/security/security.h"

namespace zkvm::stark {
namespace {

using Bytes = std::array<uint8_t, kProofOptionsBytes>;

Bytes Encoded(const ProofOptions& options) {
  Bytes bytes;
  options.Encode(bytes.data());
  return bytes;
}

static_assert(kDefaultOptions.Check().ok());
static_assert(kRecursionOptions.Check().ok());
static_assert(kInsecureTestOptions.Check().ok());
static_assert(!kDefaultOptions.insecure() && !kRecursionOptions.insecure());
static_assert(kInsecureTestOptions.insecure());
static_assert(ProofOptions{}.Check().error == OptionsError::kLogBlowup);  // zeroed is invalid

TEST(ProofOptionsTest, EncodingLayout) {
  const Bytes bytes = Encoded(kDefaultOptions);
  // preset 1, log_blowup 1, 182 queries (0xB6 0x00), 20 grinding bits, arity log 1, final log 4.
  const Bytes expected = {0x01, 0x01, 0xB6, 0x00, 0x14, 0x01, 0x04};
  EXPECT_EQ(bytes, expected);
  ProofOptions wide = kDefaultOptions;
  wide.preset = PresetId::kCustom;
  wide.num_queries = 0x00FF;
  EXPECT_EQ(Encoded(wide)[2], 0xFF);
  EXPECT_EQ(Encoded(wide)[3], 0x00);
}

TEST(ProofOptionsTest, PresetsRoundTrip) {
  for (uint8_t id = 0; id < kNumPresetIds; ++id) {
    const ProofOptions* preset = FindPreset(static_cast<PresetId>(id));
    if (preset == nullptr) {
      EXPECT_EQ(static_cast<PresetId>(id), PresetId::kCustom);
      continue;
    }
    EXPECT_EQ(preset->preset, static_cast<PresetId>(id));
    const Bytes bytes = Encoded(*preset);
    ProofOptions decoded;
    ASSERT_TRUE(ProofOptions::Decode(bytes.data(), &decoded).ok()) << PresetName(preset->preset);
    EXPECT_EQ(decoded, *preset);
    Result<ProofOptions> host = DecodeOptions(bytes);
    ASSERT_TRUE(host.ok()) << host.error().message;
    EXPECT_EQ(*host, *preset);
  }
}

// Every valid option set round-trips, and its encoding is the only one decoding to it.
TEST(ProofOptionsTest, RandomRoundTrip) {
  const uint32_t seed = 20240611;
  std::printf("seed %u\n", seed);
  std::mt19937 rng(seed);
  for (int i = 0; i < 5000; ++i) {
    ProofOptions options;
    options.preset = (rng() % 2 == 0) ? PresetId::kCustom : PresetId::kInsecureTest;
    options.log_blowup = static_cast<uint8_t>(kMinLogBlowup + rng() % kMaxLogBlowup);
    options.num_queries = static_cast<uint16_t>(1 + rng() % kMaxNumQueries);
    options.grinding_bits = static_cast<uint8_t>(rng() % (kMaxGrindingBits + 1));
    options.fri_log_arity = static_cast<uint8_t>(kMinFriLogArity + rng() % kMaxFriLogArity);
    options.log_final_poly_len = static_cast<uint8_t>(rng() % (kMaxLogFinalPolyLen + 1));
    ASSERT_TRUE(options.Check().ok());
    const Bytes bytes = Encoded(options);
    ProofOptions decoded;
    ASSERT_TRUE(ProofOptions::Decode(bytes.data(), &decoded).ok());
    ASSERT_EQ(decoded, options);
    ASSERT_EQ(Encoded(decoded), bytes);
  }
}

// Byte 7 is the hash: SHA3 encodes as 0 (as the byte did while reserved), Poseidon2 as 1; every
// preset is valid with either; other values are refused.
TEST(ProofOptionsTest, TheHashIsByteSeven) {
  for (const ProofOptions& preset : {kDefaultOptions, kRecursionOptions, kInsecureTestOptions}) {
    EXPECT_EQ(preset.hash, crypto::HashId::kSha3);
    EXPECT_EQ(Encoded(preset)[7], 0);
    const ProofOptions p2 = WithHash(preset, crypto::HashId::kPoseidon2);
    EXPECT_TRUE(p2.Check().ok());
    const Bytes bytes = Encoded(p2);
    EXPECT_EQ(bytes[7], 1);
    ProofOptions decoded;
    ASSERT_TRUE(ProofOptions::Decode(bytes.data(), &decoded).ok());
    EXPECT_EQ(decoded, p2);
    EXPECT_FALSE(decoded == preset);
    EXPECT_TRUE(decoded.SameFields(preset));
  }
  Bytes bytes = Encoded(kDefaultOptions);
  for (uint8_t value : {uint8_t{2}, uint8_t{0x80}, uint8_t{0xFF}}) {
    bytes[7] = value;
    ProofOptions decoded = kRecursionOptions;
    const OptionsCheck check = ProofOptions::Decode(bytes.data(), &decoded);
    EXPECT_EQ(check.error, OptionsError::kHash);
    EXPECT_EQ(check.offset, 7);
    EXPECT_EQ(decoded, kRecursionOptions);
    Result<ProofOptions> host = DecodeOptions(bytes);
    ASSERT_FALSE(host.ok());
    EXPECT_EQ(host.error().message, "proof options: unknown hash id " + std::to_string(value) +
                                        " (known: 0 sha3, 1 poseidon2)");
  }
}

TEST(ProofOptionsTest, RejectsEveryNonZeroReservedByte) {
  const Bytes good = Encoded(kRecursionOptions);
  for (size_t offset = 8; offset < kProofOptionsBytes; ++offset) {
    for (uint8_t value : {uint8_t{0x01}, uint8_t{0x80}, uint8_t{0xFF}}) {
      Bytes bytes = good;
      bytes[offset] = value;
      ProofOptions decoded = kDefaultOptions;
      const OptionsCheck check = ProofOptions::Decode(bytes.data(), &decoded);
      EXPECT_EQ(check.error, OptionsError::kReservedByteNonZero) << offset;
      EXPECT_EQ(check.offset, offset);
      EXPECT_EQ(decoded, kDefaultOptions);  // untouched on failure
      Result<ProofOptions> host = DecodeOptions(bytes);
      ASSERT_FALSE(host.ok());
      char expected[80];
      std::snprintf(expected, sizeof(expected),
                    "proof options: reserved byte %zu is 0x%02x, must be zero", offset, value);
      EXPECT_EQ(host.error().message, expected);
    }
  }
}

TEST(ProofOptionsTest, RejectsUnknownPresets) {
  for (unsigned id : {4u, 5u, 0x7Fu, 0xFFu}) {
    Bytes bytes = Encoded(kDefaultOptions);
    bytes[0] = static_cast<uint8_t>(id);
    ProofOptions decoded;
    EXPECT_EQ(ProofOptions::Decode(bytes.data(), &decoded).error, OptionsError::kUnknownPreset);
    Result<ProofOptions> host = DecodeOptions(bytes);
    ASSERT_FALSE(host.ok());
    EXPECT_EQ(host.error().message,
              "proof options: unknown preset id " + std::to_string(id) + " (known: 0..3)");
  }
  ProofOptions options = kDefaultOptions;
  options.preset = static_cast<PresetId>(9);
  EXPECT_EQ(options.Check().error, OptionsError::kUnknownPreset);
  EXPECT_EQ(ValidateOptions(options).message(), "proof options: unknown preset id 9 (known: 0..3)");
  EXPECT_STREQ(PresetName(static_cast<PresetId>(9)), "unknown");
}

// Each field out of range, through Check/ValidateOptions and through the encoding.
TEST(ProofOptionsTest, RejectsOutOfRangeFields) {
  struct Case {
    size_t offset;   // byte to overwrite in a custom encoding
    uint8_t lo, hi;  // little-endian value (hi only for num_queries)
    OptionsError error;
    const char* message;
  };
  const Case cases[] = {
      {1, 0, 0, OptionsError::kLogBlowup,
       "proof options: log_blowup 0 out of range [1, 4] (blowup 2..16)"},
      {1, 5, 0, OptionsError::kLogBlowup,
       "proof options: log_blowup 5 out of range [1, 4] (blowup 2..16)"},
      {2, 0, 0, OptionsError::kNumQueries, "proof options: num_queries 0 out of range [1, 255]"},
      {2, 0, 1, OptionsError::kNumQueries, "proof options: num_queries 256 out of range [1, 255]"},
      {2, 0xFF, 0xFF, OptionsError::kNumQueries,
       "proof options: num_queries 65535 out of range [1, 255]"},
      {4, 33, 0, OptionsError::kGrindingBits,
       "proof options: grinding_bits 33 out of range [0, 32]"},
      {5, 0, 0, OptionsError::kFriLogArity,
       "proof options: fri_log_arity 0 out of range [1, 3] (arity 2..8)"},
      {5, 4, 0, OptionsError::kFriLogArity,
       "proof options: fri_log_arity 4 out of range [1, 3] (arity 2..8)"},
      {6, 11, 0, OptionsError::kLogFinalPolyLen,
       "proof options: log_final_poly_len 11 out of range [0, 10]"},
  };
  ProofOptions base = kDefaultOptions;
  base.preset = PresetId::kCustom;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.message);
    Bytes bytes = Encoded(base);
    bytes[c.offset] = c.lo;
    if (c.offset == 2) bytes[3] = c.hi;
    ProofOptions decoded;
    EXPECT_EQ(ProofOptions::Decode(bytes.data(), &decoded).error, c.error);
    Result<ProofOptions> host = DecodeOptions(bytes);
    ASSERT_FALSE(host.ok());
    EXPECT_EQ(host.error().message, c.message);
    // The same options built directly.
    ProofOptions direct = base;
    switch (c.offset) {
      case 1:
        direct.log_blowup = c.lo;
        break;
      case 2:
        direct.num_queries = static_cast<uint16_t>(c.lo | (c.hi << 8));
        break;
      case 4:
        direct.grinding_bits = c.lo;
        break;
      case 5:
        direct.fri_log_arity = c.lo;
        break;
      case 6:
        direct.log_final_poly_len = c.lo;
        break;
    }
    EXPECT_EQ(direct.Check().error, c.error);
    EXPECT_EQ(ValidateOptions(direct).message(), c.message);
  }
}

TEST(ProofOptionsTest, BoundaryValuesAreAccepted) {
  ProofOptions options{.preset = PresetId::kCustom,
                       .log_blowup = kMaxLogBlowup,
                       .num_queries = kMaxNumQueries,
                       .grinding_bits = kMaxGrindingBits,
                       .fri_log_arity = kMaxFriLogArity,
                       .log_final_poly_len = kMaxLogFinalPolyLen};
  EXPECT_TRUE(options.Check().ok());
  EXPECT_TRUE(ValidateOptions(options).ok());
  options = ProofOptions{.preset = PresetId::kCustom,
                         .log_blowup = kMinLogBlowup,
                         .num_queries = 1,
                         .grinding_bits = 0,
                         .fri_log_arity = kMinFriLogArity,
                         .log_final_poly_len = 0};
  EXPECT_TRUE(options.Check().ok());
}

// A named secure preset's id means exactly its fields; the insecure id may carry any.
TEST(ProofOptionsTest, NamedPresetsPinTheirFields) {
  ProofOptions options = kDefaultOptions;
  options.num_queries = 174;
  EXPECT_EQ(options.Check().error, OptionsError::kPresetMismatch);
  EXPECT_EQ(ValidateOptions(options).message(),
            "proof options: preset default requires preset default: blowup 2, 182 queries, 20 "
            "grinding bits, FRI arity 2, final poly 16, hash sha3; got preset default: blowup 2, "
            "174 queries, 20 grinding bits, FRI arity 2, final poly 16, hash sha3");
  ProofOptions decoded;
  const Bytes bytes = Encoded(options);
  EXPECT_EQ(ProofOptions::Decode(bytes.data(), &decoded).error, OptionsError::kPresetMismatch);

  options = kRecursionOptions;
  options.grinding_bits = 0;
  EXPECT_EQ(options.Check().error, OptionsError::kPresetMismatch);
  options = kRecursionOptions;
  options.log_blowup = 3;
  EXPECT_EQ(options.Check().error, OptionsError::kPresetMismatch);

  options = kInsecureTestOptions;
  options.log_blowup = 3;
  options.num_queries = 1;
  options.log_final_poly_len = 0;
  EXPECT_TRUE(options.Check().ok());

  // The same fields under the custom id are fine.
  options = kDefaultOptions;
  options.preset = PresetId::kCustom;
  options.num_queries = 170;
  EXPECT_TRUE(options.Check().ok());
}

TEST(ProofOptionsTest, HostDecodeChecksTheSize) {
  const Bytes bytes = Encoded(kDefaultOptions);
  Result<ProofOptions> short_input = DecodeOptions(std::span(bytes).first(31));
  ASSERT_FALSE(short_input.ok());
  EXPECT_EQ(short_input.error().message, "proof options: encoding is 31 bytes, expected 32");
  std::array<uint8_t, 33> long_bytes{};
  Result<ProofOptions> long_input = DecodeOptions(long_bytes);
  ASSERT_FALSE(long_input.ok());
  EXPECT_EQ(long_input.error().message, "proof options: encoding is 33 bytes, expected 32");
}

TEST(ProofOptionsTest, Accessors) {
  EXPECT_EQ(kDefaultOptions.blowup(), 2u);
  EXPECT_EQ(kRecursionOptions.blowup(), 16u);
  EXPECT_EQ(kDefaultOptions.fri_arity(), 2u);
  EXPECT_STREQ(PresetName(PresetId::kInsecureTest), "insecure-test");
  EXPECT_STREQ(OptionsErrorName(OptionsError::kReservedByteNonZero), "reserved byte is not zero");
}

}  // namespace
}  // namespace zkvm::stark
