// The batched FRI protocol as implemented, shared by the prover (fri_prover.h) and the verifier
// (fri_verifier.h): domains, the fold, where inputs enter, the transcript order and the proof
// byte layout. FRI is BBHR18 (Ben-Sasson, Bentov, Horesh, Riabzev, ICALP 2018); the notation and
// the soundness statements follow Haböck, "A summary on the FRI low degree test", ePrint
// 2022/1216. Parameters are in fri_options.h.
//
// Inputs. c_0, ..., c_{m-1}: Ext3 codewords ("reduced" DEEP quotients, one per height class) of
// strictly decreasing power-of-two sizes N = N_0 > N_1 > ... with N_i >= blowup, each in the
// LDE order of crypto/ntt/lde.h: c_i[j] = P_i(g * w_{N_i}^bitrev(j)), g = 7, w_n a primitive
// n-th root of unity. The claim: deg P_i < N_i / blowup. FRI does not commit the inputs: they
// are fixed by the caller's earlier commitments, and the verifier obtains c_i at the two rows
// of a pair from the caller (the STARK verifier reads them from its DEEP tree, whose leaves hold
// a pair, after checking the query's side against the trace rows).
//
// Domains. Layer r has N_r = N >> r values; row j of layer r sits at
//     x_r(j) = s_r * w_{N_r}^bitrev(j),   s_r = g^(2^r),   bitrev over log2(N_r) bits,
// i.e. layer r is the coset s_r <w_{N_r}> in bit-reversed order (layer 0 is the LDE domain).
// Siblings: bitrev_L(2k + 1) = bitrev_L(2k) + N_r/2 and w^(N_r/2) = -1, so x_r(2k + 1) =
// -x_r(2k): rows 2k, 2k + 1 hold f(x), f(-x), one Merkle leaf (RowPairing::kAdjacent). Squaring:
// bitrev_L(2k) = bitrev_{L-1}(k) and w_{N_r}^2 = w_{N_r/2}, so x_r(2k)^2 = s_{r+1} *
// w_{N_{r+1}}^bitrev(k) = x_{r+1}(k): the pair (2k, 2k + 1) of layer r folds into row k of layer
// r + 1, again in bit-reversed order. More generally x_r(j)^2 = x_{r+1}(j >> 1) (bitrev_L(j) =
// bitrev_{L-1}(j >> 1) + (j & 1) N_r/2), so a query q of the top domain sits at row q >> r of
// layer r, at the point x_0(q)^(2^r), in the pair q >> (r + 1), on the side (q >> r) & 1.
//
// Fold (arity 2). Writing f(x) = f_e(x^2) + x f_o(x^2), with beta_r from the transcript:
//     fold(f)(x^2) = f_e(x^2) + beta_r f_o(x^2) = (f(x) + f(-x)) / 2 + beta_r (f(x) - f(-x)) / (2x)
// (FoldPair below), which halves the degree bound: deg f < D implies deg fold(f) < D/2.
//
// Rounds. f_0 = c_0. For r = 0, ..., R - 1: draw beta_r; g_{r+1} = fold(f_r) on layer r + 1;
//     f_{r+1} = g_{r+1} + beta_r^2 c_i   if input i has size N_{r+1} ("injection"),
//     f_{r+1} = g_{r+1}                  otherwise.
// R is the smallest number of rounds with N_R <= blowup 2^log_final_poly_len and N_R <= every
// N_i, so each input enters at layer r_i = log2(N / N_i) <= R. Layers 1, ..., R - 1 (the g_r,
// 3 Felt columns each) are committed as Merkle trees of pairs; the last layer f_R is sent as the
// coefficients of its polynomial (N_R / blowup of them, degree 0 first). With R = 0 (N <= blowup
// 2^log_final_poly_len) no round runs and the coefficients of f_0 = c_0 are sent.
//
// An input on the coset g <w_{N_i}> is a codeword on layer r_i's coset s_{r_i} <w_{N_i}> as well:
// row j holds P_i(g w^bitrev(j)) = Q_i(s_{r_i} w^bitrev(j)) for Q_i(X) = P_i(g^(1 - 2^r_i) X),
// which has the same degree, so f_{r+1} stays low-degree and the verifier simply uses the value
// c_i[j] at the same row.
//
// Why beta_r^2 for the injection: f_{r+1} = f_e + beta_r f_o + beta_r^2 c_i is a random point on
// the degree-2 curve through (f_e, f_o, c_i), all fixed before beta_r is drawn (c_i by the
// caller's commitments, f_r by the commitment to g_r). Correlated agreement for low-degree
// parameterized curves (Ben-Sasson, Carmon, Ishai, Kopparty, Saraf, "Proximity gaps for
// Reed-Solomon codes", FOCS 2020; the batching-with-powers case in Haböck's summary) says that
// if more than (degree 2) times the bound for lines of the betas give a function close to the
// code, all three are close with a common agreement set: a far c_i cannot be cancelled by the
// fold of f_r, and this costs only a factor 2 in the per-round error, with no extra challenge
// or transcript squeeze. (A plain sum g + c_i would let a prover
// pair a far c_i with a far f_r whose fold cancels it.) The proof also goes through with a
// fresh independent challenge per injection; powers of one challenge match how DESIGN.md
// section 5 batches equal heights.
//
// Transcript (after the caller has absorbed the statement, the options, the input sizes and all
// commitments the inputs depend on): for r = 0, ..., R - 1: SampleExt3 -> beta_r, then, when
// r + 1 < R, AbsorbDigest(kFriLayerRootLabel, root of g_{r+1}); then AbsorbExt3s(
// kFriFinalPolyLabel, coefficients); then Grind(grinding_bits) (the nonce is absorbed); then
// num_queries times SampleIndex(log2 N) -> q_t (repeats allowed).
//
// Queries. For each committed layer r and each query t the prover opens leaf q_t >> (r + 1) of
// g_r's tree (MerkleTree::Open over all queries of the layer at once). The verifier, per query:
// starts from the caller's pair of c_0 at pair q_t >> 1, folds it with beta_0, checks the result
// against the opened g_1 value on side (q_t >> 1) & 1, adds beta_0^2 times the caller's pair of
// an input entering at layer 1 to the opened g_1 pair, folds again, ..., and finally checks
// fold(f_{R-1}) (+ beta_{R-1}^2 times the caller's value of an input entering at layer R) against
// the final polynomial at x_0(q_t)^(2^R). With R = 0 it checks the final polynomial against both
// values of c_0's pair.
//
// Proof byte layout (little-endian; every size follows from the options and the input sizes,
// except the Merkle openings, whose sibling counts depend on how the queries share paths):
//
//   offset            size        field
//   0                 4           u32 number of committed layers  (max(R - 1, 0))
//   4                 4           u32 number of queries           (options.num_queries)
//   8                 4           u32 final coefficient count     (N_R >> log_blowup)
//   12                4           u32 reserved, zero
//   16                32 L        roots of layers 1 .. R-1 (L = R - 1 of them)
//   16 + 32 L         24 F        final polynomial coefficients, degree 0 first, each Ext3 as
//                                 three canonical u64 (c0, c1, c2)
//   16 + 32 L + 24 F  8           u64 grinding nonce
//   then, for each committed layer in order: u64 byte size s, then the s bytes of the layer's
//   Merkle opening (crypto/merkle/merkle_verifier.h layout: per query its tree row, 6 u64 =
//   the Ext3 at row 2k then the Ext3 at row 2k + 1, then the sibling digests).
//   Nothing follows. Every field is 8-byte aligned relative to the start.
//
// The query indices are not in the proof: the verifier draws them from the transcript.
//
// Freestanding (DESIGN.md section 7).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "crypto/field/ext3.h"
#include "crypto/field/felt.h"
#include "crypto/merkle/merkle_layout.h"
#include "stark/fri/fri_options.h"

namespace zkvm::stark {

using crypto::Ext3;
using crypto::Felt;

// The top codeword has at most 2^kFriMaxLogSize values (so a query index fits SampleIndex and
// a layer's tree fits kMerkleMaxTreeHeight).
inline constexpr uint32_t kFriMaxLogSize = 30;
inline constexpr uint32_t kFriMaxRounds = kFriMaxLogSize;
inline constexpr uint32_t kFriMaxInputs = kFriMaxLogSize + 1;
// "No input enters here" in FriGeometry::input_at_layer.
inline constexpr uint32_t kFriNoInput = 0xFFFF'FFFFu;

// Transcript labels.
inline constexpr const char kFriLayerRootLabel[] = "fri layer root";
inline constexpr const char kFriFinalPolyLabel[] = "fri final polynomial";

// Each committed layer is one matrix of 3 Felt columns (an Ext3's coordinates), rows 2k and
// 2k + 1 in one leaf: tree row = Ext3 at 2k, then Ext3 at 2k + 1.
inline constexpr uint32_t kFriLayerColumns = 3;
inline constexpr uint32_t kFriTreeRowFelts = 2 * kFriLayerColumns;

// Proof layout sizes.
inline constexpr size_t kFriProofHeaderBytes = 16;
inline constexpr size_t kFriNonceBytes = 8;
inline constexpr size_t kFriOpeningSizeBytes = 8;

// The values of a codeword at the two rows 2k, 2k + 1 of pair k (points x and -x).
struct FriPair {
  Ext3 even;
  Ext3 odd;

  constexpr bool operator==(const FriPair&) const = default;
  constexpr Ext3 Side(uint32_t side) const { return side == 0 ? even : odd; }
};

// Everything the options and the input sizes fix.
struct FriGeometry {
  uint32_t log_blowup = 0;
  uint32_t log_top_size = 0;          // log2 N
  uint32_t num_rounds = 0;            // R
  uint32_t log_final_size = 0;        // log2 N_R = log_top_size - R
  uint32_t num_final_coeffs = 0;      // N_R >> log_blowup
  uint32_t num_committed_layers = 0;  // layers 1 .. R-1
  uint32_t num_queries = 0;
  uint32_t grinding_bits = 0;
  uint32_t num_inputs = 0;
  uint32_t input_layer[kFriMaxInputs] = {};         // r_i = log2(N / N_i)
  uint32_t input_at_layer[kFriMaxRounds + 1] = {};  // i with r_i = r, or kFriNoInput

  // The pair of input i (in its own rows) that query index q touches.
  constexpr uint32_t InputPairIndex(uint32_t input, uint32_t query_index) const {
    return query_index >> (input_layer[input] + 1);
  }
  // Bytes before the first opening's size field.
  constexpr size_t FixedBytes() const {
    return kFriProofHeaderBytes + size_t{num_committed_layers} * crypto::kMerkleDigestBytes +
           size_t{num_final_coeffs} * Ext3::kBytes + kFriNonceBytes;
  }
  // The shape of committed layer r (1 <= r < R) as the Merkle tree sees it.
  constexpr crypto::MatrixShape LayerShape(uint32_t layer) const {
    return {uint32_t{1} << (log_top_size - layer), kFriLayerColumns, crypto::RowPairing::kAdjacent};
  }
};

// Fills *out from valid options and the input log sizes (log2 N_i). False, with *bad_input the
// offending position (num_inputs when the list itself is empty or too long), unless 1 <=
// num_inputs <= kFriMaxInputs, the sizes strictly decrease, and log_blowup <= log2 N_i <=
// kFriMaxLogSize.
constexpr bool MakeFriGeometry(const FriOptions& options, const uint32_t* input_log_sizes,
                               size_t num_inputs, FriGeometry* out, size_t* bad_input) {
  *bad_input = num_inputs;
  if (input_log_sizes == nullptr || num_inputs == 0 || num_inputs > kFriMaxInputs) return false;
  for (size_t i = 0; i < num_inputs; ++i) {
    const uint32_t log_size = input_log_sizes[i];
    if (log_size < options.log_blowup || log_size > kFriMaxLogSize ||
        (i > 0 && log_size >= input_log_sizes[i - 1])) {
      *bad_input = i;
      return false;
    }
  }
  FriGeometry g;
  g.log_blowup = options.log_blowup;
  g.log_top_size = input_log_sizes[0];
  uint32_t log_final = options.log_final_poly_len + options.log_blowup;
  if (log_final > g.log_top_size) log_final = g.log_top_size;
  if (log_final > input_log_sizes[num_inputs - 1]) log_final = input_log_sizes[num_inputs - 1];
  g.log_final_size = log_final;
  g.num_rounds = g.log_top_size - log_final;
  g.num_final_coeffs = uint32_t{1} << (log_final - options.log_blowup);
  g.num_committed_layers = g.num_rounds == 0 ? 0 : g.num_rounds - 1;
  g.num_queries = options.num_queries;
  g.grinding_bits = options.grinding_bits;
  g.num_inputs = static_cast<uint32_t>(num_inputs);
  for (uint32_t r = 0; r <= kFriMaxRounds; ++r) g.input_at_layer[r] = kFriNoInput;
  for (size_t i = 0; i < num_inputs; ++i) {
    g.input_layer[i] = g.log_top_size - input_log_sizes[i];
    g.input_at_layer[g.input_layer[i]] = static_cast<uint32_t>(i);
  }
  *out = g;
  return true;
}

// 1/2 in F_p.
inline constexpr Felt kFriInverseTwo = Felt::FromCanonical((Felt::kModulus + 1) / 2);

// fold(f)(x^2) from the pair (f(x), f(-x)) = (even, odd) and 1/x, x the point of the even row:
// (f(x) + f(-x)) / 2 + beta (f(x) - f(-x)) / (2x).
constexpr Ext3 FoldPair(const FriPair& pair, const Ext3& beta, Felt x_inverse) {
  return (pair.even + pair.odd) * kFriInverseTwo +
         beta * ((pair.even - pair.odd) * (x_inverse * kFriInverseTwo));
}

// sum coeffs[i] x^i (Horner).
constexpr Ext3 FriEvaluateFinal(const Ext3* coeffs, uint32_t num_coeffs, Felt x) {
  Ext3 acc;
  for (uint32_t i = num_coeffs; i-- > 0;) acc = acc * x + coeffs[i];
  return acc;
}

namespace detail {

constexpr uint32_t FriBitReverse(uint32_t j, uint32_t log_n) {
  uint32_t r = 0;
  for (uint32_t b = 0; b < log_n; ++b) r |= ((j >> b) & 1u) << (log_n - 1 - b);
  return r;
}

}  // namespace detail

// g * w_N^bitrev(row), N = 2^log_size: the point of `row` of an LDE of that size, the
// freestanding twin of crypto::LdePoint (the top-domain point x_0(q) of query q, and the points
// 2k, 2k + 1 at which a caller evaluates input i for pair k).
constexpr Felt FriLdePoint(uint32_t log_size, uint32_t row) {
  return Felt::MultiplicativeGenerator() *
         Felt::TwoAdicRoot(static_cast<int>(log_size)).Pow(detail::FriBitReverse(row, log_size));
}

}  // namespace zkvm::stark
