// The shape of a mixed-height Merkle commitment (DESIGN.md section 4), shared by the prover
// (crypto/merkle/merkle_prover.h) and the freestanding verifier (crypto/merkle/merkle_verifier.h).
//
// One binary SHA3-256 tree commits to a list of column-major matrices of power-of-two heights.
// Each matrix has a *tree height* and a *tree width*: normally its height and width; with row
// pairing (below) half its height and twice its width. Let H be the largest tree height. Leaf i
// (i < H) hashes tree row i of every matrix of tree height H; going up, a node at a level of
// width L also absorbs tree row j of every matrix of tree height L ("injection"):
//
//   leaf(i)    = SHA3-256(rows_H(i) || 0x00)
//   node(j)    = SHA3-256(left || right || 0x01)                 no matrix of height L
//   node(j)    = SHA3-256(left || right || rows_L(j) || 0x02)    matrices of height L injected
//
// where rows_L(j) is the concatenation, in list order, of tree row j of every matrix of tree
// height L, each value as 8 little-endian bytes of its canonical form. The root is the single
// node of width 1 (or the single leaf when H = 1).
//
// Why this rule: injection costs nothing extra when the injected rows are short (one SHA3-256
// call per node, the rows simply extend the node's input; the alternative H(H(l || r) ||
// H(rows)) costs three permutations), and the trailing domain byte makes the three kinds of
// preimage disjoint, so a leaf can never be passed off as a node or vice versa (their last bytes
// differ). Every message length is fixed by the public shapes, so the concatenations are
// unambiguous. The tag is a suffix rather than a prefix so the 8-byte field elements stay lane
// aligned in the Keccak state (crypto/hash/sha3_batch.h reads them straight from the matrices).
//
// Row pairing, for FRI ("leaves hold a row and its FRI sibling where that saves a path"): a
// matrix of height n committed with RowPairing::kHalves puts rows i and i + n/2 (f(x) and f(-x)
// on a domain in natural order) side by side in tree row i, for i < n/2; with kAdjacent, rows
// 2i and 2i + 1 (a bit-reversed domain). One query then opens both values with one path.
//
// Openings list rows per query in the *canonical matrix order*: by tree height, tallest first,
// then by list position. Within a query the rows of one height class are therefore contiguous,
// and each hash input above is one contiguous slice of the opening.
//
// Freestanding (DESIGN.md section 7): no heap, exceptions or standard library beyond the C
// integer headers.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace zkvm::crypto {

inline constexpr size_t kMerkleDigestBytes = 32;

// The domain byte that ends every hash input of the tree.
inline constexpr uint8_t kMerkleLeafTag = 0x00;
inline constexpr uint8_t kMerkleNodeTag = 0x01;
inline constexpr uint8_t kMerkleInjectTag = 0x02;

// Bounds that keep every size computation well inside 32 bits (the rv32 guest's size_t).
inline constexpr uint32_t kMerkleMaxTreeHeight = uint32_t{1} << 30;
inline constexpr uint32_t kMerkleMaxRowWidth = uint32_t{1} << 24;  // Felts per query, all matrices

// 8-aligned so digests are copied and hashed as words (a proof's digest sections are 16-aligned,
// stark/proof/proof_view.h).
struct alignas(8) MerkleDigest {
  uint8_t bytes[kMerkleDigestBytes] = {};

  constexpr bool operator==(const MerkleDigest& other) const {
    for (size_t i = 0; i < kMerkleDigestBytes; ++i) {
      if (bytes[i] != other.bytes[i]) return false;
    }
    return true;
  }
};

// How a matrix's rows are laid into tree rows (see the header comment).
enum class RowPairing : uint8_t {
  kNone = 0,      // tree row i = row i
  kHalves = 1,    // tree row i = row i || row i + height/2
  kAdjacent = 2,  // tree row i = row 2i || row 2i + 1
};

// What the verifier knows about a committed matrix.
struct MatrixShape {
  uint32_t height = 0;  // rows; a power of two
  uint32_t width = 0;   // columns; at least one
  RowPairing pairing = RowPairing::kNone;

  constexpr bool Paired() const { return pairing != RowPairing::kNone; }
  // Rows as the tree sees them.
  constexpr uint32_t TreeHeight() const { return Paired() ? height / 2 : height; }
  // Field elements per tree row.
  constexpr uint32_t TreeWidth() const { return Paired() ? 2 * width : width; }
};

constexpr bool IsPowerOfTwo(uint32_t v) { return v != 0 && (v & (v - 1)) == 0; }

// A single shape is well formed: power-of-two height (at least 2 when paired), tree height at
// most kMerkleMaxTreeHeight, 1 <= tree width <= kMerkleMaxRowWidth, a known pairing.
constexpr bool IsValidMatrixShape(const MatrixShape& shape) {
  if (shape.pairing != RowPairing::kNone && shape.pairing != RowPairing::kHalves &&
      shape.pairing != RowPairing::kAdjacent) {
    return false;
  }
  if (!IsPowerOfTwo(shape.height) || (shape.Paired() && shape.height < 2)) return false;
  if (shape.TreeHeight() > kMerkleMaxTreeHeight) return false;
  return shape.width >= 1 && shape.width <= kMerkleMaxRowWidth / 2;
}

// Checks every shape and the total row width; on failure *bad_matrix is the first offending
// matrix (num_matrices when the list is empty or only the total is too wide).
constexpr bool ValidateMatrixShapes(const MatrixShape* shapes, size_t num_matrices,
                                    size_t* bad_matrix) {
  *bad_matrix = num_matrices;
  if (num_matrices == 0) return false;
  uint32_t total = 0;
  for (size_t k = 0; k < num_matrices; ++k) {
    if (!IsValidMatrixShape(shapes[k])) {
      *bad_matrix = k;
      return false;
    }
    total += shapes[k].TreeWidth();  // each <= 2^24, so no overflow before the check below
    if (total > kMerkleMaxRowWidth) {
      *bad_matrix = k;
      return false;
    }
  }
  return true;
}

// The number of leaves: the largest tree height. Shapes must be valid.
constexpr uint32_t MerkleTreeHeight(const MatrixShape* shapes, size_t num_matrices) {
  uint32_t h = 0;
  for (size_t k = 0; k < num_matrices; ++k) {
    if (shapes[k].TreeHeight() > h) h = shapes[k].TreeHeight();
  }
  return h;
}

// Field elements per query in an opening: the sum of the tree widths.
constexpr uint32_t MerkleRowWidth(const MatrixShape* shapes, size_t num_matrices) {
  uint32_t w = 0;
  for (size_t k = 0; k < num_matrices; ++k) w += shapes[k].TreeWidth();
  return w;
}

// The slice of a query's row block holding the matrices of tree height `tree_height`: starts
// `offset` field elements in, `width` elements long (0 when no matrix has that height).
struct MerkleClassSlice {
  uint32_t offset = 0;
  uint32_t width = 0;
};

constexpr MerkleClassSlice MerkleHeightClass(const MatrixShape* shapes, size_t num_matrices,
                                             uint32_t tree_height) {
  MerkleClassSlice slice;
  for (size_t k = 0; k < num_matrices; ++k) {
    const uint32_t h = shapes[k].TreeHeight();
    if (h > tree_height) slice.offset += shapes[k].TreeWidth();
    if (h == tree_height) slice.width += shapes[k].TreeWidth();
  }
  return slice;
}

// Where matrix k's tree row sits in a query's row block (in field elements): after every
// matrix that is taller, or as tall and earlier in the list.
constexpr uint32_t MerkleMatrixOffset(const MatrixShape* shapes, size_t num_matrices, size_t k) {
  uint32_t offset = 0;
  const uint32_t hk = shapes[k].TreeHeight();
  for (size_t m = 0; m < num_matrices; ++m) {
    const uint32_t h = shapes[m].TreeHeight();
    if (h > hk || (h == hk && m < k)) offset += shapes[m].TreeWidth();
  }
  return offset;
}

}  // namespace zkvm::crypto
