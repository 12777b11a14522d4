// The FRI verifier (BBHR18; Haböck, "A summary on the FRI low degree test", ePrint 2022/1216):
// checks the batched low-degree proof of fri_prover.h, whose steps it mirrors. The protocol, the
// domains and the byte layout are in fri_layout.h.
//
// For each query q of the top domain of size N the verifier walks the layers: it folds the pair
// (f_r(x), f_r(-x)), x = x_0(q)^(2^r) up to sign, into
//     fold(f_r)(x^2) = (f_r(x) + f_r(-x)) / 2 + beta_r (f_r(x) - f_r(-x)) / (2x),
// and requires it to equal the committed g_{r+1} at row q >> (r + 1) (opened with its sibling
// from the layer's Merkle tree), then forms the next pair f_{r+1} = g_{r+1} + beta_r^2 c_i when
// input c_i enters there. After the last round the folded value (plus an input entering at the
// last layer) must equal the final polynomial, of degree < N_R / blowup, at x_0(q)^(2^R): that
// is the degree check. x_0(q) = g w_N^bitrev(q) and its inverse g^-1 w_N^-bitrev(q) cost two
// exponentiations per query; each layer squares both. The inputs are virtual oracles: their
// values at pair k come from the caller (InitialPairs below), who computes them from its own
// openings; FRI binds them only through the folding checks.
//
// Use, in this order (the STARK verifier verifies its trace openings at the query indices
// between the last two steps or inside the callback):
//   FriVerifier<kMaxQueries, kMaxFinalCoeffs> v;
//   v.ReadProof(options, input_log_sizes, num_inputs, bytes, size);  // layout, in place
//   v.ReplayTranscript(transcript);  // betas, roots, final polynomial, grinding, queries
//   v.VerifyQueries(initial_pairs);  // Merkle openings, folding, final polynomial
// Each returns a FriStatus naming the error and its place (layer, query, ...); the first
// failure stops the verification, and later steps refuse to run after one.
//
// Reading untrusted bytes: every count and size is checked before use (the header must match
// the options and input sizes, the openings' size fields must fit, no byte may follow the last
// opening), every field element must be canonical (< p), and the Merkle verifier checks each
// opening's internal layout. The proof is read in place at any alignment; nothing is copied
// except the final polynomial (to absorb it and evaluate it).
//
// Freestanding (DESIGN.md section 7): no heap, exceptions or standard library; all memory is
// inside the FriVerifier object (48 bytes per query and 24 per final coefficient of capacity,
// the template parameters, plus about 2 KiB), which a guest can keep in static storage. The hash
// (Merkle and transcript, stark/protocol/stark_hash.h) is a template parameter.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "crypto/field/ext3.h"
#include "crypto/field/felt.h"
#include "crypto/merkle/merkle_layout.h"
#include "crypto/merkle/merkle_verifier.h"
#include "crypto/transcript/verifier_transcript.h"
#include "stark/fri/fri_layout.h"
#include "stark/fri/fri_options.h"
#include "stark/protocol/stark_hash.h"

namespace zkvm::stark {

enum class FriError : uint8_t {
  kOk = 0,
  kBadOptions,        // FriOptions::IsValid fails
  kBadInputSizes,     // input log sizes empty, too many, not decreasing or out of range (index)
  kCapacityExceeded,  // more queries or final coefficients than the verifier has room for
  kOutOfOrder,        // a step called before the previous one succeeded
  kTruncated,         // the proof ends early: fixed part, or an opening (layer)
  kBadHeader,         // a header count differs from the options, or the reserved word is not 0
  kNonCanonicalFelt,  // a value >= p: final coefficient (index) or opened value (layer, query)
  kTrailingBytes,     // bytes after the last opening
  kGrindingFailed,    // the nonce does not have grinding_bits leading zero bits
  kMalformedOpening,  // a layer's Merkle opening has the wrong size (layer, merkle)
  kMerkleMismatch,    // a layer's opening does not hash to its root (layer, query, merkle)
  kFoldMismatch,      // the fold of layer - 1 differs from the committed value (layer, query)
  kFinalMismatch,     // the fold differs from the final polynomial (layer = R, query)
};

constexpr const char* FriErrorName(FriError error) {
  switch (error) {
    case FriError::kOk:
      return "ok";
    case FriError::kBadOptions:
      return "invalid FRI options";
    case FriError::kBadInputSizes:
      return "invalid FRI input sizes";
    case FriError::kCapacityExceeded:
      return "more queries or final coefficients than the verifier has room for";
    case FriError::kOutOfOrder:
      return "FRI verification steps out of order";
    case FriError::kTruncated:
      return "FRI proof truncated";
    case FriError::kBadHeader:
      return "FRI proof header does not match the options";
    case FriError::kNonCanonicalFelt:
      return "non-canonical field element";
    case FriError::kTrailingBytes:
      return "trailing bytes after the FRI proof";
    case FriError::kGrindingFailed:
      return "grinding nonce rejected";
    case FriError::kMalformedOpening:
      return "malformed FRI layer opening";
    case FriError::kMerkleMismatch:
      return "FRI layer opening does not match its root";
    case FriError::kFoldMismatch:
      return "FRI folding mismatch";
    case FriError::kFinalMismatch:
      return "FRI final polynomial mismatch";
  }
  return "unknown";
}

// "Not applicable" for a FriStatus place field.
inline constexpr uint32_t kFriNoPlace = 0xFFFF'FFFFu;

struct FriStatus {
  FriError error = FriError::kOk;
  uint32_t layer = kFriNoPlace;  // fold layer r (1 .. R; 0 = the inputs)
  uint32_t query = kFriNoPlace;  // position in the query list
  uint32_t index = kFriNoPlace;  // input (kBadInputSizes) or final coefficient (kNonCanonicalFelt)
  crypto::MerkleStatus merkle;   // the Merkle verifier's detail, for opening errors

  constexpr bool ok() const { return error == FriError::kOk; }
};

// InitialPairs: any callable `FriPair(uint32_t input, uint32_t query, uint32_t pair_index)`
// returning input c_input at rows 2 pair_index and 2 pair_index + 1 of its own LDE order (points
// LdePoint(log2 N_i, 2k) and its negation) for query position `query`; pair_index =
// geometry().InputPairIndex(input, query_index(query)). The top input's pair enters the first
// fold whole; an input entering at a committed layer is added to the opened pair whole; one
// entering at the last layer contributes its value on the query's side only.
template <size_t kMaxQueries, size_t kMaxFinalCoeffs = kFriMaxFinalCoeffs,
          typename Hash = Sha3StarkHash<>>
class FriVerifier {
  static_assert(kMaxQueries >= 1 && kMaxFinalCoeffs >= 1, "room for a query and a coefficient");

 public:
  constexpr FriVerifier() = default;
  FriVerifier(const FriVerifier&) = delete;
  FriVerifier& operator=(const FriVerifier&) = delete;

  // Step 1: the geometry from the options and the input log sizes (the statement's, never the
  // proof's), and the proof's layout, read in place. `proof` must stay valid until the end.
  constexpr FriStatus ReadProof(const FriOptions& options, const uint32_t* input_log_sizes,
                                size_t num_inputs, const uint8_t* proof, size_t proof_size) {
    stage_ = Stage::kEmpty;
    if (!options.IsValid()) return Fail(FriError::kBadOptions);
    size_t bad_input = 0;
    if (!MakeFriGeometry(options, input_log_sizes, num_inputs, &geometry_, &bad_input)) {
      FriStatus status = Fail(FriError::kBadInputSizes);
      status.index = static_cast<uint32_t>(bad_input);
      return status;
    }
    if (geometry_.num_queries > kMaxQueries || geometry_.num_final_coeffs > kMaxFinalCoeffs) {
      return Fail(FriError::kCapacityExceeded);
    }
    if (proof == nullptr || proof_size < kFriProofHeaderBytes) return Fail(FriError::kTruncated);
    if (LoadLe32(proof) != geometry_.num_committed_layers ||
        LoadLe32(proof + 4) != geometry_.num_queries ||
        LoadLe32(proof + 8) != geometry_.num_final_coeffs || LoadLe32(proof + 12) != 0) {
      return Fail(FriError::kBadHeader);
    }
    const size_t fixed_bytes = geometry_.FixedBytes();  // < 2^15 given the bounds above
    if (proof_size < fixed_bytes) return Fail(FriError::kTruncated);
    roots_ = proof + kFriProofHeaderBytes;
    const uint8_t* coeffs =
        roots_ + size_t{geometry_.num_committed_layers} * crypto::kMerkleDigestBytes;
    for (uint32_t i = 0; i < geometry_.num_final_coeffs; ++i) {
      if (!Ext3::FromBytes(coeffs + size_t{i} * Ext3::kBytes, &final_poly_[i])) {
        FriStatus status = Fail(FriError::kNonCanonicalFelt);
        status.index = i;
        return status;
      }
    }
    nonce_ = LoadLe64(coeffs + size_t{geometry_.num_final_coeffs} * Ext3::kBytes);
    size_t offset = fixed_bytes;
    for (uint32_t l = 0; l < geometry_.num_committed_layers; ++l) {
      if (proof_size - offset < kFriOpeningSizeBytes) return Fail(FriError::kTruncated, l + 1);
      const uint64_t size = LoadLe64(proof + offset);
      offset += kFriOpeningSizeBytes;
      if (size > proof_size - offset) return Fail(FriError::kTruncated, l + 1);
      openings_[l] = proof + offset;
      opening_sizes_[l] = static_cast<size_t>(size);
      offset += static_cast<size_t>(size);
    }
    if (offset != proof_size) return Fail(FriError::kTrailingBytes);
    stage_ = Stage::kRead;
    return {};
  }

  // Step 2: replays the prover's transcript operations (fri_layout.h), checks the grinding
  // nonce and draws the query indices.
  constexpr FriStatus ReplayTranscript(typename Hash::Transcript& transcript) {
    if (stage_ != Stage::kRead) return Fail(FriError::kOutOfOrder);
    stage_ = Stage::kEmpty;
    const uint32_t num_rounds = geometry_.num_rounds;
    for (uint32_t r = 0; r < num_rounds; ++r) {
      betas_[r] = transcript.SampleExt3();
      beta_squares_[r] = betas_[r].Square();
      if (r + 1 < num_rounds) {
        transcript.AbsorbDigest(kFriLayerRootLabel,
                                roots_ + size_t{r} * crypto::kMerkleDigestBytes);
      }
    }
    transcript.AbsorbExt3s(kFriFinalPolyLabel, final_poly_, geometry_.num_final_coeffs);
    if (!transcript.CheckGrinding(nonce_, static_cast<int>(geometry_.grinding_bits))) {
      return Fail(FriError::kGrindingFailed);
    }
    for (uint32_t t = 0; t < geometry_.num_queries; ++t) {
      queries_[t] = transcript.SampleIndex(static_cast<int>(geometry_.log_top_size));
    }
    stage_ = Stage::kReplayed;
    return {};
  }

  // After ReplayTranscript.
  constexpr const FriGeometry& geometry() const { return geometry_; }
  constexpr uint32_t num_queries() const { return geometry_.num_queries; }
  constexpr uint32_t query_index(uint32_t t) const { return queries_[t]; }
  constexpr const uint32_t* query_indices() const { return queries_; }

  // Step 3: every layer's Merkle opening, then each query's folding chain and final value.
  template <typename InitialPairs>
  constexpr FriStatus VerifyQueries(const InitialPairs& initial_pairs) {
    if (stage_ != Stage::kReplayed) return Fail(FriError::kOutOfOrder);
    stage_ = Stage::kEmpty;
    const uint32_t num_queries = geometry_.num_queries;
    for (uint32_t l = 0; l < geometry_.num_committed_layers; ++l) {
      const uint32_t layer = l + 1;
      const crypto::MatrixShape shape = geometry_.LayerShape(layer);
      for (uint32_t t = 0; t < num_queries; ++t) leaves_[t] = queries_[t] >> (layer + 1);
      crypto::MerkleDigest root;
      const uint8_t* root_bytes = roots_ + size_t{l} * crypto::kMerkleDigestBytes;
      for (size_t b = 0; b < crypto::kMerkleDigestBytes; ++b) root.bytes[b] = root_bytes[b];
      const crypto::MerkleStatus merkle =
          crypto::VerifyMerkleOpening(root, &shape, 1, leaves_, num_queries, openings_[l],
                                      opening_sizes_[l], merkle_storage_.scratch(), merkle_hasher_);
      if (!merkle.ok()) return MerkleFailure(merkle, layer);
    }

    const uint32_t log_n = geometry_.log_top_size;
    const uint32_t num_rounds = geometry_.num_rounds;
    const Felt omega = Felt::TwoAdicRoot(static_cast<int>(log_n));
    const Felt omega_inverse = omega.Inverse();
    const Felt shift = Felt::MultiplicativeGenerator();
    const Felt shift_inverse = shift.Inverse();
    for (uint32_t t = 0; t < num_queries; ++t) {
      const uint32_t q = queries_[t];
      const uint32_t e = detail::FriBitReverse(q, log_n);
      // The point of row q >> r of layer r, and its inverse.
      Felt y = shift * omega.Pow(e);
      Felt y_inverse = shift_inverse * omega_inverse.Pow(e);
      FriPair pair = initial_pairs(uint32_t{0}, t, q >> 1);
      if (num_rounds == 0) {
        const Felt x = (q & 1) == 0 ? y : -y;  // the even row's point
        if (!(FriEvaluateFinal(final_poly_, geometry_.num_final_coeffs, x) == pair.even) ||
            !(FriEvaluateFinal(final_poly_, geometry_.num_final_coeffs, -x) == pair.odd)) {
          return Fail(FriError::kFinalMismatch, 0, t);
        }
        continue;
      }
      for (uint32_t r = 0; r < num_rounds; ++r) {
        const Felt x_inverse = ((q >> r) & 1) == 0 ? y_inverse : -y_inverse;
        const Ext3 folded = FoldPair(pair, betas_[r], x_inverse);
        y = y.Square();
        y_inverse = y_inverse.Square();
        const uint32_t next = r + 1;
        const uint32_t side = (q >> next) & 1;
        const uint32_t input = geometry_.input_at_layer[next];
        const Ext3& scale = beta_squares_[r];  // an injected input's weight
        if (next < num_rounds) {
          const FriPair opened = OpenedPair(next, t);
          if (!(opened.Side(side) == folded)) return Fail(FriError::kFoldMismatch, next, t);
          pair = opened;
          if (input != kFriNoInput) {
            const FriPair c = initial_pairs(input, t, q >> (next + 1));
            pair.even += scale * c.even;
            pair.odd += scale * c.odd;
          }
          continue;
        }
        Ext3 value = folded;
        if (input != kFriNoInput) {
          value += scale * initial_pairs(input, t, q >> (next + 1)).Side(side);
        }
        if (!(FriEvaluateFinal(final_poly_, geometry_.num_final_coeffs, y) == value)) {
          return Fail(FriError::kFinalMismatch, next, t);
        }
      }
    }
    stage_ = Stage::kDone;
    return {};
  }

 private:
  enum class Stage : uint8_t { kEmpty, kRead, kReplayed, kDone };

  static constexpr uint32_t LoadLe32(const uint8_t* p) {
    return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
  }
  static constexpr uint64_t LoadLe64(const uint8_t* p) {
    return uint64_t{LoadLe32(p)} | uint64_t{LoadLe32(p + 4)} << 32;
  }

  static constexpr FriStatus Fail(FriError error, uint32_t layer = kFriNoPlace,
                                  uint32_t query = kFriNoPlace) {
    FriStatus status;
    status.error = error;
    status.layer = layer;
    status.query = query;
    return status;
  }

  static constexpr FriStatus MerkleFailure(const crypto::MerkleStatus& merkle, uint32_t layer) {
    FriError error = FriError::kMerkleMismatch;
    if (merkle.error == crypto::MerkleError::kNonCanonicalFelt) {
      error = FriError::kNonCanonicalFelt;
    } else if (merkle.error == crypto::MerkleError::kTruncated ||
               merkle.error == crypto::MerkleError::kTrailingBytes) {
      error = FriError::kMalformedOpening;
    }
    FriStatus status = Fail(error, layer, merkle.query);
    status.merkle = merkle;
    return status;
  }

  // The verified opening of committed layer `layer` for query position t.
  constexpr FriPair OpenedPair(uint32_t layer, uint32_t t) const {
    const crypto::MatrixShape shape = geometry_.LayerShape(layer);
    const crypto::MerkleOpenedRows rows(&shape, 1, openings_[layer - 1]);
    return {Ext3(rows.Value(t, 0, 0), rows.Value(t, 0, 1), rows.Value(t, 0, 2)),
            Ext3(rows.Value(t, 0, 3), rows.Value(t, 0, 4), rows.Value(t, 0, 5))};
  }

  typename Hash::MerkleHasher merkle_hasher_;
  Stage stage_ = Stage::kEmpty;
  FriGeometry geometry_;
  const uint8_t* roots_ = nullptr;
  const uint8_t* openings_[kFriMaxRounds] = {};
  size_t opening_sizes_[kFriMaxRounds] = {};
  Ext3 final_poly_[kMaxFinalCoeffs] = {};
  uint64_t nonce_ = 0;
  Ext3 betas_[kFriMaxRounds] = {};
  Ext3 beta_squares_[kFriMaxRounds] = {};
  uint32_t queries_[kMaxQueries] = {};
  uint32_t leaves_[kMaxQueries] = {};
  crypto::MerkleVerifierStorage<kMaxQueries> merkle_storage_;
};

}  // namespace zkvm::stark
