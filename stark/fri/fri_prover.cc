#include "stark/fri/fri_prover.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <utility>

#include "base/check.h"
#include "crypto/field/felt_array.h"
#include "crypto/merkle/merkle_matrix.h"
#include "crypto/ntt/ntt.h"

namespace zkvm::stark {
namespace {

using crypto::ColumnMajorMatrix;
using crypto::ConstMatrixView;
using crypto::MatrixView;
using crypto::MerkleMatrix;
using crypto::RowPairing;

constexpr size_t kFoldGrain = size_t{1} << 12;
// Rows of the folded layer per block of FriFoldLayer (4 arrays of 3 x 512 Felts: 48 KiB).
constexpr size_t kFoldBlock = 512;

// Multiplication by a fixed Ext3 s, coordinate-wise: (s d)_c = sum_j m[c][j] d_j with
//   m = [[s0, 2 s2, 2 s1], [s1, s0, 2 s2], [s2, s1, s0]]   (X^3 = 2, see crypto/field/ext3.h).
struct CoordinateProduct {
  Felt m[3][3];

  explicit CoordinateProduct(const Ext3& s) {
    const Felt s0 = s[0], s1 = s[1], s2 = s[2];
    const Felt rows[3][3] = {{s0, s2.Double(), s1.Double()}, {s1, s0, s2.Double()}, {s2, s1, s0}};
    for (size_t c = 0; c < 3; ++c) {
      for (size_t j = 0; j < 3; ++j) m[c][j] = rows[c][j];
    }
  }

  // acc_c[0, n) += (s d)_c for the three coordinate arrays d_j.
  template <typename Acc>
  void AddTo(Acc& acc, const Felt (&d)[3][kFoldBlock], size_t n) const {
    for (size_t c = 0; c < 3; ++c) {
      for (size_t j = 0; j < 3; ++j) {
        crypto::ArrayAddScaled(std::span<Felt>(&acc[c][0], n), std::span<const Felt>(d[j], n),
                               m[c][j]);
      }
    }
  }
};

// Scratch of one block: the even and odd rows of each column, their sum and difference.
struct FoldBlock {
  alignas(64) Felt even[3][kFoldBlock];
  alignas(64) Felt odd[3][kFoldBlock];
  alignas(64) Felt sum[3][kFoldBlock];
  alignas(64) Felt diff[3][kFoldBlock];

  // even_out[c][i] = m(2 (k0 + i), c), odd_out[c][i] = m(2 (k0 + i) + 1, c), i < n.
  static void Deinterleave(ConstMatrixView m, size_t k0, size_t n, Felt (&even_out)[3][kFoldBlock],
                           Felt (&odd_out)[3][kFoldBlock]) {
    for (size_t c = 0; c < 3; ++c) {
      const Felt* column = m.column(c).data() + 2 * k0;
      for (size_t i = 0; i < n; ++i) {
        even_out[c][i] = column[2 * i];
        odd_out[c][i] = column[2 * i + 1];
      }
    }
  }
};

// g^(-2^layer), the inverse of layer `layer`'s coset shift s_r.
Felt InverseShift(uint32_t layer) {
  Felt s = Felt::MultiplicativeGenerator().Inverse();
  for (uint32_t r = 0; r < layer; ++r) s = s.Square();
  return s;
}

Ext3 Row(ConstMatrixView m, size_t row) { return Ext3(m(row, 0), m(row, 1), m(row, 2)); }

void SetRow(MatrixView m, size_t row, const Ext3& v) {
  m(row, 0) = v[0];
  m(row, 1) = v[1];
  m(row, 2) = v[2];
}

void AppendLe(std::vector<uint8_t>* out, uint64_t v, size_t bytes) {
  for (size_t i = 0; i < bytes; ++i) out->push_back(static_cast<uint8_t>(v >> (8 * i)));
}

// Rows [k0, k0 + n) of FriFoldLayer's output, n <= kFoldBlock.
void FoldRows(ConstMatrixView current, ConstMatrixView injected,
              const CoordinateProduct& inject_scale, const CoordinateProduct& fold_beta,
              std::span<const Felt> inverse_twiddles, size_t k0, size_t n, MatrixView out) {
  FoldBlock block;
  FoldBlock::Deinterleave(current, k0, n, block.even, block.odd);
  if (injected.num_cols() != 0) {
    FoldBlock::Deinterleave(injected, k0, n, block.sum, block.diff);  // as scratch
    inject_scale.AddTo(block.even, block.sum, n);
    inject_scale.AddTo(block.odd, block.diff, n);
  }
  const std::span<const Felt> twiddles = inverse_twiddles.subspan(k0, n);
  Felt* out_rows[kFriLayerColumns];
  for (size_t c = 0; c < kFriLayerColumns; ++c) {
    const std::span<Felt> even(block.even[c], n), odd(block.odd[c], n);
    const std::span<Felt> sum(block.sum[c], n), diff(block.diff[c], n);
    crypto::ArrayAdd(sum, even, odd);
    crypto::ArraySub(diff, even, odd);
    crypto::ArrayMul(diff, diff, twiddles);
    out_rows[c] = out.column(c).data() + k0;
    crypto::ArrayScale({out_rows[c], n}, sum, kFriInverseTwo);
  }
  fold_beta.AddTo(out_rows, block.diff, n);
}

}  // namespace

std::vector<Felt> FriInverseTwiddles(uint32_t log_size) {
  ZKVM_CHECK(log_size < static_cast<uint32_t>(Felt::kTwoAdicity), "twiddle table too large");
  const size_t size = size_t{1} << log_size;
  std::vector<Felt> table(size);
  table[0] = Felt::One();
  // T[2^i + j] = T[j] * w_{2^(i+2)}^-1 for j < 2^i.
  for (uint32_t i = 0; (size_t{1} << i) < size; ++i) {
    const size_t half = size_t{1} << i;
    const Felt factor = Felt::TwoAdicRoot(static_cast<int>(i + 2)).Inverse();
    tbb::parallel_for(tbb::blocked_range<size_t>(0, half, kFoldGrain),
                      [&](const tbb::blocked_range<size_t>& range) {
                        for (size_t j = range.begin(); j < range.end(); ++j) {
                          table[half + j] = table[j] * factor;
                        }
                      });
  }
  return table;
}

void FriFoldLayer(ConstMatrixView current, ConstMatrixView injected, const Ext3& injected_scale,
                  const Ext3& beta, uint32_t layer, std::span<const Felt> inverse_twiddles,
                  MatrixView out) {
  const size_t size = current.num_rows();
  ZKVM_CHECK(size >= 2 && current.num_cols() == kFriLayerColumns, "bad FRI layer shape");
  ZKVM_CHECK(injected.num_cols() == 0 ||
                 (injected.num_cols() == kFriLayerColumns && injected.num_rows() == size),
             "injected codeword does not match the layer");
  ZKVM_CHECK(out.num_rows() == size / 2 && out.num_cols() == kFriLayerColumns,
             "bad folded layer shape");
  ZKVM_CHECK(inverse_twiddles.size() >= size / 2, "twiddle table too small");
  // With a = f(x), b = f(-x), 1/x = s^-1 T[k]:
  //   fold = (a + b) / 2 + beta (a - b) / (2x) = (a + b) / 2 + (beta s^-1 / 2) ((a - b) T[k]).
  // Coordinate-wise on the three columns, with the Ext3 products written as 3 x 3 matrices of
  // Felt constants, so every step is one of the branch-free SIMD array kernels of felt_array.h
  // over a block of rows that stays in L1.
  const CoordinateProduct fold_beta(beta * (InverseShift(layer) * kFriInverseTwo));
  const CoordinateProduct inject_scale(injected_scale);
  tbb::parallel_for(tbb::blocked_range<size_t>(0, size / 2, kFoldBlock),
                    [&](const tbb::blocked_range<size_t>& range) {
                      for (size_t k0 = range.begin(); k0 < range.end(); k0 += kFoldBlock) {
                        FoldRows(current, injected, inject_scale, fold_beta, inverse_twiddles, k0,
                                 std::min(kFoldBlock, range.end() - k0), out);
                      }
                    });
}

std::vector<Ext3> FriInterpolateCoset(ConstMatrixView values, Felt shift) {
  const size_t size = values.num_rows();
  ZKVM_CHECK(values.num_cols() == kFriLayerColumns, "bad FRI layer shape");
  ColumnMajorMatrix coeffs = ColumnMajorMatrix::Uninitialized(size, kFriLayerColumns);
  for (size_t c = 0; c < kFriLayerColumns; ++c) {
    std::span<const Felt> in = values.column(c);
    std::span<Felt> column = coeffs.column(c);
    std::copy(in.begin(), in.end(), column.begin());
    // Bit-reversed values of Q(X) = P(shift X) on <w_N> -> coefficients of Q.
    crypto::InverseNtt(column);
  }
  // p_i = q_i shift^-i.
  const Felt shift_inverse = shift.Inverse();
  std::vector<Ext3> out(size);
  Felt power = Felt::One();
  for (size_t i = 0; i < size; ++i) {
    out[i] = Ext3(coeffs(i, 0), coeffs(i, 1), coeffs(i, 2)) * power;
    power *= shift_inverse;
  }
  return out;
}

FriProver::FriProver(const FriOptions& options) : options_(options) {
  ZKVM_CHECK(options.IsValid(), "invalid FRI options");
}

void FriProver::CommitPhase(std::span<const ConstMatrixView> codewords,
                            crypto::ProverTranscript& transcript) {
  ZKVM_CHECK(!committed_, "FRI commit phase run twice");
  std::vector<uint32_t> log_sizes;
  for (const ConstMatrixView& c : codewords) {
    const size_t rows = c.num_rows();
    ZKVM_CHECK(rows != 0 && (rows & (rows - 1)) == 0, "FRI codeword size is not a power of two");
    ZKVM_CHECK(c.num_cols() == kFriLayerColumns, "FRI codeword must have 3 columns");
    log_sizes.push_back(static_cast<uint32_t>(__builtin_ctzll(rows)));
  }
  size_t bad_input = 0;
  ZKVM_CHECK(MakeFriGeometry(options_, log_sizes.data(), log_sizes.size(), &geometry_, &bad_input),
             "FRI codeword sizes must strictly decrease, each within [blowup, 2^30]");
  committed_ = true;

  const FriGeometry& g = geometry_;
  const uint32_t num_rounds = g.num_rounds;
  const std::vector<Felt> twiddles =
      num_rounds == 0 ? std::vector<Felt>{} : FriInverseTwiddles(g.log_top_size - 1);
  layers_.reserve(g.num_committed_layers);
  trees_.reserve(g.num_committed_layers);

  ConstMatrixView current = codewords[0];
  ConstMatrixView injected;
  Ext3 injected_scale;
  ColumnMajorMatrix final_layer;
  for (uint32_t r = 0; r < num_rounds; ++r) {
    const Ext3 beta = transcript.SampleExt3();
    const size_t next_size = current.num_rows() / 2;
    ColumnMajorMatrix folded = ColumnMajorMatrix::Uninitialized(next_size, kFriLayerColumns);
    FriFoldLayer(current, injected, injected_scale, beta, r, twiddles, folded);
    const uint32_t input = g.input_at_layer[r + 1];
    if (r + 1 == num_rounds) {
      // f_R = g_R + beta^2 c_i, kept whole for interpolation.
      if (input != kFriNoInput) {
        const Ext3 scale = beta.Square();
        const ConstMatrixView c = codewords[input];
        for (size_t j = 0; j < next_size; ++j) {
          SetRow(folded, j, Row(folded, j) + scale * Row(c, j));
        }
      }
      final_layer = std::move(folded);
      break;
    }
    const MerkleMatrix matrix{folded.view(), RowPairing::kAdjacent};
    crypto::MerkleTree tree = crypto::MerkleTree::Commit({&matrix, 1}, {.hash = transcript.hash()});
    transcript.AbsorbDigest(kFriLayerRootLabel, tree.root().bytes);
    roots_.push_back(tree.root());
    trees_.push_back(std::move(tree));
    layers_.push_back(std::move(folded));
    current = layers_.back().view();
    injected = input != kFriNoInput ? codewords[input] : ConstMatrixView();
    injected_scale = beta.Square();
  }

  // The final polynomial of f_R on s_R <w_{N_R}>, s_R = g^(2^R).
  Felt shift = Felt::MultiplicativeGenerator();
  for (uint32_t r = 0; r < num_rounds; ++r) shift = shift.Square();
  const ConstMatrixView final_values = num_rounds == 0 ? codewords[0] : final_layer.view();
  std::vector<Ext3> coeffs = FriInterpolateCoset(final_values, shift);
  coeffs.resize(g.num_final_coeffs);
  final_poly_ = std::move(coeffs);
  transcript.AbsorbExt3s(kFriFinalPolyLabel, final_poly_.data(), final_poly_.size());
}

FriProof FriProver::QueryPhase(crypto::ProverTranscript& transcript) {
  ZKVM_CHECK(committed_ && !queried_, "FRI query phase out of order");
  queried_ = true;
  FriProof proof;
  proof.layer_roots = roots_;
  proof.final_poly = final_poly_;
  proof.grinding_nonce = transcript.Grind(static_cast<int>(geometry_.grinding_bits));
  proof.query_indices.resize(geometry_.num_queries);
  for (uint32_t& q : proof.query_indices) {
    q = transcript.SampleIndex(static_cast<int>(geometry_.log_top_size));
  }
  std::vector<uint32_t> leaves(proof.query_indices.size());
  for (size_t l = 0; l < layers_.size(); ++l) {
    const uint32_t layer = static_cast<uint32_t>(l + 1);
    for (size_t t = 0; t < leaves.size(); ++t) leaves[t] = proof.query_indices[t] >> (layer + 1);
    const MerkleMatrix matrix{layers_[l].view(), RowPairing::kAdjacent};
    proof.layer_openings.push_back(trees_[l].Open(leaves, {&matrix, 1}));
  }
  return proof;
}

FriProof ProveFri(const FriOptions& options, std::span<const ConstMatrixView> codewords,
                  crypto::ProverTranscript& transcript) {
  FriProver prover(options);
  prover.CommitPhase(codewords, transcript);
  return prover.QueryPhase(transcript);
}

FriPair FriProof::OpenedPair(size_t layer, size_t t) const {
  ZKVM_CHECK(layer >= 1 && layer <= layer_openings.size(), "FRI layer out of range");
  const std::vector<uint8_t>& opening = layer_openings[layer - 1];
  const size_t offset = t * kFriTreeRowFelts * Felt::kBytes;
  ZKVM_CHECK(offset + kFriTreeRowFelts * Felt::kBytes <= opening.size(), "FRI query out of range");
  Ext3 even, odd;
  ZKVM_CHECK(Ext3::FromBytes(opening.data() + offset, &even) &&
                 Ext3::FromBytes(opening.data() + offset + Ext3::kBytes, &odd),
             "non-canonical value in a FRI opening");
  return {even, odd};
}

std::vector<uint8_t> FriProof::Serialize() const {
  ZKVM_CHECK(layer_roots.size() == layer_openings.size(), "FRI roots and openings differ");
  std::vector<uint8_t> out;
  AppendLe(&out, layer_roots.size(), 4);
  AppendLe(&out, query_indices.size(), 4);
  AppendLe(&out, final_poly.size(), 4);
  AppendLe(&out, 0, 4);
  for (const crypto::MerkleDigest& root : layer_roots) {
    out.insert(out.end(), root.bytes, root.bytes + crypto::kMerkleDigestBytes);
  }
  for (const Ext3& c : final_poly) {
    uint8_t bytes[Ext3::kBytes];
    c.ToBytes(bytes);
    out.insert(out.end(), bytes, bytes + Ext3::kBytes);
  }
  AppendLe(&out, grinding_nonce, kFriNonceBytes);
  for (const std::vector<uint8_t>& opening : layer_openings) {
    AppendLe(&out, opening.size(), kFriOpeningSizeBytes);
    out.insert(out.end(), opening.begin(), opening.end());
  }
  return out;
}

}  // namespace zkvm::stark
