// The prover side of the mixed-height Merkle commitment (DESIGN.md section 4; the tree rule is
// in crypto/merkle/merkle_layout.h, the opening layout and its verifier in
// crypto/merkle/merkle_verifier.h).
//
// MerkleTree::Commit hashes the leaves straight out of the column-major matrices with the
// batched SIMD SHA3-256 of crypto/hash/sha3_batch.h or Poseidon2 of crypto/hash/poseidon2_batch.h
// (8 leaves per AVX-512 permutation, for either hash; MerkleTreeOptions::hash picks one), in
// parallel with TBB over chunks of leaves and then level by level; every digest depends only on
// its inputs, so the tree is identical for any thread count. Leaves and their parent level are
// computed chunk by chunk, so with leaf drop (below) the full leaf layer never exists in memory.
//
// Leaf drop (DESIGN.md section 9, streaming prover): with MerkleTreeOptions::drop_leaves the
// leaf layer (the largest level, 32 bytes per leaf) is not kept; an opening that needs a leaf
// digest as a sibling rehashes that leaf from the matrix rows, which is why Open always takes
// the matrices. Openings are byte-identical with and without leaf drop.
//
// Host-only (TBB, OpenSSL); the tree is move-only.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <span>
#include <vector>

#include "crypto/field/simd_path.h"
#include "crypto/hash/hash_id.h"
#include "crypto/hash/sha3_batch.h"
#include "crypto/merkle/merkle_layout.h"
#include "crypto/merkle/merkle_matrix.h"

namespace zkvm::crypto {

struct MerkleTreeOptions {
  // Keep only the levels above the leaves; leaves needed by openings are rehashed.
  bool drop_leaves = false;
  // The tree's hash (crypto/merkle/merkle_hashers.h has both constructions).
  HashId hash = HashId::kSha3;
  // The engines; every supported backend gives the same tree.
  Sha3BatchBackend backend = BestSha3BatchBackend();
  SimdPath poseidon2_backend = BestSimdPath();
};

class MerkleTree {
 public:
  // Commits to `matrices` (at least one; valid shapes, see IsValidMatrixShape; checked).
  static MerkleTree Commit(std::span<const MerkleMatrix> matrices,
                           const MerkleTreeOptions& options = {});

  MerkleTree(MerkleTree&&) = default;
  MerkleTree& operator=(MerkleTree&&) = default;
  MerkleTree(const MerkleTree&) = delete;
  MerkleTree& operator=(const MerkleTree&) = delete;

  const MerkleDigest& root() const { return root_; }
  std::span<const MatrixShape> shapes() const { return shapes_; }
  // The number of leaves (the largest tree height).
  uint32_t num_leaves() const { return num_leaves_; }
  bool leaves_dropped() const { return leaves_dropped_; }

  // The digest of node `index` at `level` (0 = leaves). Dropped leaves are rehashed from
  // `matrices`, which must be the committed ones.
  MerkleDigest Node(uint32_t level, uint32_t index, std::span<const MerkleMatrix> matrices) const;

  // The opening of `queries` (leaf indices, any order, repeats allowed) in the byte layout of
  // crypto/merkle/merkle_verifier.h. `matrices` must be the committed matrices (shapes checked).
  std::vector<uint8_t> Open(std::span<const uint32_t> queries,
                            std::span<const MerkleMatrix> matrices) const;

  // Bytes of the digests this tree holds (the memory leaf drop saves is num_leaves() * 32).
  size_t StoredDigestBytes() const;

 private:
  MerkleTree() = default;

  void CheckMatrices(std::span<const MerkleMatrix> matrices) const;

  std::vector<MatrixShape> shapes_;
  uint32_t num_leaves_ = 0;
  MerkleTreeOptions options_;
  // levels_[d] holds the num_leaves_ >> d digests of level d; levels_[0] is empty when the
  // leaves are dropped.
  std::vector<std::vector<MerkleDigest>> levels_;
  bool leaves_dropped_ = false;
  MerkleDigest root_;
};

// Hashes leaves [begin, end) of the tree over `matrices` into out[0, end - begin): the leaf
// step of Commit on its own (used to rehash dropped leaves, and by benchmarks).
void HashMerkleLeaves(std::span<const MerkleMatrix> matrices, uint32_t begin, uint32_t end,
                      const MerkleTreeOptions& options, MerkleDigest* out);

// Hashes level `level` + 1 nodes [begin, end) from the level-`level` digests `children`
// (children[0] is node 2 * begin), injecting the rows of the matrices whose tree height equals
// the new level's width: the node step of Commit on its own.
void HashMerkleNodes(std::span<const MerkleMatrix> matrices, uint32_t num_leaves, uint32_t level,
                     uint32_t begin, uint32_t end, const MerkleDigest* children,
                     const MerkleTreeOptions& options, MerkleDigest* out);

}  // namespace zkvm::crypto
