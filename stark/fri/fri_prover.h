// The FRI prover (BBHR18; Haböck, "A summary on the FRI low degree test", ePrint 2022/1216):
// one batched low-degree proof for Ext3 codewords of several heights (DESIGN.md section 5,
// phases 5-7). The protocol, the domains and the proof layout are in fri_layout.h; the verifier
// is fri_verifier.h, which mirrors this file step for step.
//
// Commit phase: starting from the largest codeword f_0 = c_0, each round draws beta_r and
// computes g_{r+1}(x^2) = (f_r(x) + f_r(-x)) / 2 + beta_r (f_r(x) - f_r(-x)) / (2x) on the
// squared coset, in bit-reversed order, so the pair (2k, 2k + 1) of layer r lands in row k of
// layer r + 1 (fri_layout.h derives this from the LDE convention x_r(j) = g^(2^r) w^bitrev(j)).
// g_{r+1} is committed as a Merkle tree of pairs (RowPairing::kAdjacent, 3 Felt columns per
// Ext3) and f_{r+1} = g_{r+1} + beta_r^2 c_i when input c_i has that size. The last layer's
// polynomial is interpolated (inverse NTT on its coset, then the coefficients rescaled by
// s_R^-i) and its low N_R / blowup coefficients are sent; an honest input has nothing above
// them, a dishonest one gets caught by the verifier's final check.
//
// Query phase: grinding, query sampling, then one batched Merkle opening per committed layer
// (the trees are kept between the two phases for that).
//
// The fold runs in parallel over blocks of rows with TBB, each block coordinate-wise through the
// SIMD array kernels of crypto/field/felt_array.h; field arithmetic is exact, so the proof is
// the same for any thread count and SIMD path. The 1/x factors of a layer of size M are one
// table shared by all layers: T[k] = w_{2M}^-bitrev(k) over log2(M) bits satisfies
// T[2^i + j] = T[j] * w_{2^(i+2)}^-1 whatever M is, so the table of the top layer serves every
// smaller layer as a prefix, and x_r(2k)^-1 = s_r^-1 T[k].
//
// Host-only (TBB, heap).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <span>
#include <vector>

#include "crypto/field/ext3.h"
#include "crypto/field/matrix.h"
#include "crypto/merkle/merkle_prover.h"
#include "crypto/transcript/prover_transcript.h"
#include "stark/fri/fri_layout.h"
#include "stark/fri/fri_options.h"

namespace zkvm::stark {

// What the prover sends, plus the query indices for the caller's own openings.
struct FriProof {
  // Roots of the committed layers 1 .. R-1 (layer_roots[l - 1] is layer l).
  std::vector<crypto::MerkleDigest> layer_roots;
  // The final polynomial, degree 0 first (N_R >> log_blowup coefficients).
  std::vector<Ext3> final_poly;
  uint64_t grinding_nonce = 0;
  // The query indices in the top domain, in draw order. Not serialized: the verifier draws them
  // itself. The caller opens input i at pair FriGeometry::InputPairIndex(i, q).
  std::vector<uint32_t> query_indices;
  // MerkleTree::Open of each committed layer at leaves q_t >> (l + 1), all queries in order.
  std::vector<std::vector<uint8_t>> layer_openings;

  // The pair of committed layer `layer` (1 <= layer <= layer_openings.size()) opened for query
  // position t, read from the opening's rows.
  FriPair OpenedPair(size_t layer, size_t t) const;

  // The byte layout of fri_layout.h.
  std::vector<uint8_t> Serialize() const;
};

class FriProver {
 public:
  explicit FriProver(const FriOptions& options);

  FriProver(FriProver&&) = default;
  FriProver& operator=(FriProver&&) = default;
  FriProver(const FriProver&) = delete;
  FriProver& operator=(const FriProver&) = delete;

  // Phase 5: folds and commits. `codewords` are the inputs c_i as column-major matrices of 3
  // columns (the Ext3 coordinates c0, c1, c2), N_i rows in the LDE order of crypto/ntt/lde.h,
  // sizes strictly decreasing (checked). They are only read during this call.
  void CommitPhase(std::span<const crypto::ConstMatrixView> codewords,
                   crypto::ProverTranscript& transcript);

  // Phases 6-7: grinding, queries and openings. Call once, after CommitPhase.
  FriProof QueryPhase(crypto::ProverTranscript& transcript);

  // Valid after CommitPhase.
  const FriGeometry& geometry() const { return geometry_; }

 private:
  FriOptions options_;
  FriGeometry geometry_;
  std::vector<crypto::ColumnMajorMatrix> layers_;  // g_1 .. g_{R-1}
  std::vector<crypto::MerkleTree> trees_;
  std::vector<crypto::MerkleDigest> roots_;
  std::vector<Ext3> final_poly_;
  bool committed_ = false;
  bool queried_ = false;
};

// CommitPhase then QueryPhase.
FriProof ProveFri(const FriOptions& options, std::span<const crypto::ConstMatrixView> codewords,
                  crypto::ProverTranscript& transcript);

// The 1/x table of the header: T[k] = w_{2M}^-bitrev(k), k < M = 2^log_size.
std::vector<Felt> FriInverseTwiddles(uint32_t log_size);

// One round on layer `layer` (size N_r = current.num_rows(), 3 columns each):
//   out[k] = fold(f)(x_r(2k)^2) for f = current + injected_scale * injected,
// where `injected` is empty (0 columns) or has the shape of `current`. `inverse_twiddles` is
// FriInverseTwiddles of at least log2(N_r / 2); `out` has N_r / 2 rows and 3 columns.
void FriFoldLayer(crypto::ConstMatrixView current, crypto::ConstMatrixView injected,
                  const Ext3& injected_scale, const Ext3& beta, uint32_t layer,
                  std::span<const Felt> inverse_twiddles, crypto::MatrixView out);

// The coefficients (degree 0 first, all N of them) of the polynomial whose values on the coset
// s <w_N> in bit-reversed order are `values` (N x 3, N = values.num_rows()).
std::vector<Ext3> FriInterpolateCoset(crypto::ConstMatrixView values, Felt shift);

}  // namespace zkvm::stark
