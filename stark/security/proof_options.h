// Proof options (DESIGN.md sections 5 and 7): the knobs that fix the soundness and the shape of
// a proof — LDE blowup, number of FRI queries, proof-of-work (grinding) bits, FRI folding arity
// and the length of the final FRI polynomial — plus the preset they came from. The proof header
// and the verifying key embed them through one canonical 32-byte encoding; the statement binds
// them (docs/stark.md, transcript step 1), so a proof made with other options never verifies.
//
// Encoding (kProofOptionsBytes = 32 bytes, little-endian, every other byte zero):
//
//   offset  size  field
//        0     1  preset id (PresetId)
//        1     1  log_blowup          log2 of the LDE blowup, 1..4 (blowup 2, 4, 8, 16)
//        2     2  num_queries         u16, 1..kMaxNumQueries
//        4     1  grinding_bits       0..kMaxGrindingBits
//        5     1  fri_log_arity       log2 of the FRI folding arity, 1..3 (arity 2, 4, 8)
//        6     1  log_final_poly_len  log2 of the coefficient count of the final FRI
//                                     polynomial (sent in the clear), 0..kMaxLogFinalPolyLen
//        7     1  hash                the Merkle and transcript hash (crypto::HashId): 0 SHA3-256,
//                                     1 Poseidon2
//        8    24  reserved, zero
//
// Decoding accepts exactly one byte string per option set: a reserved byte that is not zero, an
// unknown preset id or a field out of range is an error, never ignored.
//
// Presets. A named preset pins every FRI field: options that carry the id of kDefault or
// kRecursion must equal that preset exactly, so the id in a proof header means what it says.
// The hash is not a preset's: every preset is valid with either hash (both give 128-bit
// collision resistance, more than any preset's 100 bits; security.h counts it), and SHA3 is the
// default. Byte 7 was reserved (zero) before the hash existed, so SHA3 options encode as they
// always did. kCustom (id 0)
// is any valid combination. kInsecureTest marks proofs made for fast tests with too few queries:
// any valid fields are allowed, the security check (security.h) lets it through only because of
// that id, and the proof header flags it (docs/stark.md). It is never the default.
//
// The query counts of the presets are the smallest that reach 100 bits of provable security in
// the Johnson (list-decoding) regime at the representative statement of security.h (2^22 rows,
// 300 columns, constraint degree 3), counting the preset's grinding bits; security_test.cc
// recomputes them. Why these presets and grinding bits: see README.md in this folder.
//
// Freestanding (DESIGN.md section 7): the guest verifier decodes and compares options with this
// header alone. Host-side messages and the security calculator are in security.h.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "crypto/hash/hash_id.h"

namespace zkvm::stark {

inline constexpr size_t kProofOptionsBytes = 32;

inline constexpr uint8_t kMinLogBlowup = 1;
inline constexpr uint8_t kMaxLogBlowup = 4;
inline constexpr uint16_t kMaxNumQueries = 255;
inline constexpr uint8_t kMaxGrindingBits = 32;
inline constexpr uint8_t kMinFriLogArity = 1;
inline constexpr uint8_t kMaxFriLogArity = 3;
inline constexpr uint8_t kMaxLogFinalPolyLen = 10;

enum class PresetId : uint8_t {
  kCustom = 0,        // no preset: any valid fields, must reach the security floor on its own
  kDefault = 1,       // application proofs: blowup 2
  kRecursion = 2,     // proofs a recursion guest verifies: blowup 16, few queries
  kInsecureTest = 3,  // fast tests only: too few queries, flagged in every proof
};
inline constexpr uint8_t kNumPresetIds = 4;

constexpr const char* PresetName(PresetId id) {
  switch (id) {
    case PresetId::kCustom:
      return "custom";
    case PresetId::kDefault:
      return "default";
    case PresetId::kRecursion:
      return "recursion";
    case PresetId::kInsecureTest:
      return "insecure-test";
  }
  return "unknown";
}

// What is wrong with an option set or its encoding.
enum class OptionsError : uint8_t {
  kOk = 0,
  kUnknownPreset,        // preset id >= kNumPresetIds
  kLogBlowup,            // log_blowup outside [kMinLogBlowup, kMaxLogBlowup]
  kNumQueries,           // num_queries outside [1, kMaxNumQueries]
  kGrindingBits,         // grinding_bits > kMaxGrindingBits
  kFriLogArity,          // fri_log_arity outside [kMinFriLogArity, kMaxFriLogArity]
  kLogFinalPolyLen,      // log_final_poly_len > kMaxLogFinalPolyLen
  kPresetMismatch,       // a named secure preset's id with fields that differ from the preset
  kHash,                 // an unknown hash id
  kReservedByteNonZero,  // Decode: a reserved byte is not zero
};

constexpr const char* OptionsErrorName(OptionsError error) {
  switch (error) {
    case OptionsError::kOk:
      return "ok";
    case OptionsError::kUnknownPreset:
      return "unknown preset id";
    case OptionsError::kLogBlowup:
      return "log_blowup out of range";
    case OptionsError::kNumQueries:
      return "num_queries out of range";
    case OptionsError::kGrindingBits:
      return "grinding_bits out of range";
    case OptionsError::kFriLogArity:
      return "fri_log_arity out of range";
    case OptionsError::kLogFinalPolyLen:
      return "log_final_poly_len out of range";
    case OptionsError::kPresetMismatch:
      return "fields differ from the named preset";
    case OptionsError::kHash:
      return "unknown hash id";
    case OptionsError::kReservedByteNonZero:
      return "reserved byte is not zero";
  }
  return "unknown";
}

// The result of a check: the error and, for kReservedByteNonZero, the byte's offset.
struct OptionsCheck {
  OptionsError error = OptionsError::kOk;
  uint8_t offset = 0;

  constexpr bool ok() const { return error == OptionsError::kOk; }
};

struct ProofOptions {
  PresetId preset = PresetId::kCustom;
  uint8_t log_blowup = 0;
  uint16_t num_queries = 0;
  uint8_t grinding_bits = 0;
  uint8_t fri_log_arity = 0;
  uint8_t log_final_poly_len = 0;
  crypto::HashId hash = crypto::HashId::kSha3;

  constexpr uint32_t blowup() const { return uint32_t{1} << log_blowup; }
  constexpr uint32_t fri_arity() const { return uint32_t{1} << fri_log_arity; }
  constexpr bool insecure() const { return preset == PresetId::kInsecureTest; }

  constexpr bool SameFields(const ProofOptions& o) const {
    return log_blowup == o.log_blowup && num_queries == o.num_queries &&
           grinding_bits == o.grinding_bits && fri_log_arity == o.fri_log_arity &&
           log_final_poly_len == o.log_final_poly_len;
  }
  constexpr bool operator==(const ProofOptions&) const = default;

  // Every field in range, a known preset id, and a named secure preset's fields equal to it.
  constexpr OptionsCheck Check() const;

  // The canonical encoding. Requires Check().ok() for the result to decode again.
  constexpr void Encode(uint8_t out[kProofOptionsBytes]) const {
    for (size_t i = 0; i < kProofOptionsBytes; ++i) out[i] = 0;
    out[0] = static_cast<uint8_t>(preset);
    out[1] = log_blowup;
    out[2] = static_cast<uint8_t>(num_queries & 0xFF);
    out[3] = static_cast<uint8_t>(num_queries >> 8);
    out[4] = grinding_bits;
    out[5] = fri_log_arity;
    out[6] = log_final_poly_len;
    out[7] = static_cast<uint8_t>(hash);
  }

  // Parses an encoding; on success *out holds the options. Rejects non-zero reserved bytes,
  // unknown preset ids and anything Check() rejects.
  static constexpr OptionsCheck Decode(const uint8_t in[kProofOptionsBytes], ProofOptions* out) {
    for (size_t i = 8; i < kProofOptionsBytes; ++i) {
      if (in[i] != 0) return {OptionsError::kReservedByteNonZero, static_cast<uint8_t>(i)};
    }
    if (in[0] >= kNumPresetIds) return {OptionsError::kUnknownPreset, 0};
    ProofOptions o;
    o.preset = static_cast<PresetId>(in[0]);
    o.log_blowup = in[1];
    o.num_queries = static_cast<uint16_t>(in[2] | (in[3] << 8));
    o.grinding_bits = in[4];
    o.fri_log_arity = in[5];
    o.log_final_poly_len = in[6];
    if (in[7] >= crypto::kNumHashIds) return {OptionsError::kHash, 7};
    o.hash = static_cast<crypto::HashId>(in[7]);
    const OptionsCheck check = o.Check();
    if (check.ok()) *out = o;
    return check;
  }
};

// The presets. Query counts: the minimum for >= 100 provable bits at the representative
// statement with the preset's 20 grinding bits (security_test.cc recomputes them; README.md has
// the table for every blowup).
inline constexpr ProofOptions kDefaultOptions{.preset = PresetId::kDefault,
                                              .log_blowup = 1,
                                              .num_queries = 182,
                                              .grinding_bits = 20,
                                              .fri_log_arity = 1,
                                              .log_final_poly_len = 4};
inline constexpr ProofOptions kRecursionOptions{.preset = PresetId::kRecursion,
                                                .log_blowup = 4,
                                                .num_queries = 46,
                                                .grinding_bits = 20,
                                                .fri_log_arity = 1,
                                                .log_final_poly_len = 4};
// Fast tests only. Any valid fields may carry this id; these are the suggested ones.
inline constexpr ProofOptions kInsecureTestOptions{.preset = PresetId::kInsecureTest,
                                                   .log_blowup = 1,
                                                   .num_queries = 4,
                                                   .grinding_bits = 0,
                                                   .fri_log_arity = 1,
                                                   .log_final_poly_len = 2};

// The options a preset pins, or nullptr for kCustom and unknown ids.
constexpr const ProofOptions* FindPreset(PresetId id) {
  switch (id) {
    case PresetId::kDefault:
      return &kDefaultOptions;
    case PresetId::kRecursion:
      return &kRecursionOptions;
    case PresetId::kInsecureTest:
      return &kInsecureTestOptions;
    case PresetId::kCustom:
      return nullptr;
  }
  return nullptr;
}

// `options` with `num_queries` queries: the same options when the count is theirs, otherwise
// their fields as custom options (a named preset pins its count). A run proves with the key's
// options at the run's query count (security.h RunOptions).
constexpr ProofOptions WithNumQueries(ProofOptions options, uint16_t num_queries) {
  if (num_queries == options.num_queries) return options;
  options.preset = PresetId::kCustom;
  options.num_queries = num_queries;
  return options;
}

// `options` with the Merkle and transcript hash `hash` (any preset keeps its id).
constexpr ProofOptions WithHash(ProofOptions options, crypto::HashId hash) {
  options.hash = hash;
  return options;
}

constexpr OptionsCheck ProofOptions::Check() const {
  if (static_cast<uint8_t>(preset) >= kNumPresetIds) return {OptionsError::kUnknownPreset, 0};
  if (log_blowup < kMinLogBlowup || log_blowup > kMaxLogBlowup) {
    return {OptionsError::kLogBlowup, 0};
  }
  if (num_queries < 1 || num_queries > kMaxNumQueries) return {OptionsError::kNumQueries, 0};
  if (grinding_bits > kMaxGrindingBits) return {OptionsError::kGrindingBits, 0};
  if (fri_log_arity < kMinFriLogArity || fri_log_arity > kMaxFriLogArity) {
    return {OptionsError::kFriLogArity, 0};
  }
  if (log_final_poly_len > kMaxLogFinalPolyLen) return {OptionsError::kLogFinalPolyLen, 0};
  if (static_cast<uint8_t>(hash) >= crypto::kNumHashIds) return {OptionsError::kHash, 0};
  if (preset == PresetId::kDefault || preset == PresetId::kRecursion) {
    if (!SameFields(*FindPreset(preset))) return {OptionsError::kPresetMismatch, 0};
  }
  return {};
}

}  // namespace zkvm::stark
