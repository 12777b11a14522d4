// Verification of a batched opening of a mixed-height Merkle commitment (the tree rule is in
// crypto/merkle/merkle_layout.h; the prover side is crypto/merkle/merkle_prover.h).
//
// Opening byte layout (all little-endian, no header: every size follows from the shapes and
// the queries, which the verifier already knows):
//
//   rows:      for each query t in the order given, for each matrix in canonical order (tree
//              height descending, then list position): the matrix's tree row q_t >> log2(H /
//              tree height), as tree-width 8-byte canonical field elements;
//   siblings:  32-byte digests, level by level from the leaves up; within a level, for each
//              distinct node on the queried paths in ascending index order whose sibling is not
//              itself on a queried path, that sibling's digest.
//
// The sibling list is the minimal one: digests the verifier can compute (shared by several
// queries, or a sibling that is itself on a path) are never sent. Queries may repeat and come in
// any order; their rows are repeated in the rows section and must then agree byte for byte
// (checked), so every query's values can be read in place at a fixed offset
// (MerkleOpenedRows) without an index.
//
// The verifier reads the opening in place and checks every size before use: the rows section
// must fit, every field element must be canonical (< p), every sibling must be present, and no
// byte may follow the last sibling. It never aborts or reads out of bounds on malformed input;
// failures return a MerkleStatus naming the error and its place (query, matrix, column, level).
//
// Freestanding (DESIGN.md section 7): no heap, exceptions or standard library; the caller
// provides scratch memory for one node per query (MerkleVerifierStorage). The hash is a template
// parameter (merkle_hashers.h: SHA3-256 or Poseidon2, each over a permutation a guest can
// replace with its precompile); with Poseidon2 every sibling digest must also be canonical.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "crypto/field/felt.h"
#include "crypto/merkle/merkle_hashers.h"
#include "crypto/merkle/merkle_layout.h"

namespace zkvm::crypto {

enum class MerkleError : uint8_t {
  kOk = 0,
  kBadShape,           // a matrix shape is malformed, or there are none (matrix)
  kNoQueries,          // nothing to verify
  kQueryOutOfRange,    // a query index >= the number of leaves (query)
  kScratchTooSmall,    // more queries than scratch nodes
  kTruncated,          // the opening ends early: rows (query) or a sibling (level, query)
  kNonCanonicalFelt,   // a row value >= p (query, matrix, column), or a sibling digest's
                       // element (query, level)
  kDuplicateMismatch,  // queries sharing a row carry different values for it (query, level)
  kTrailingBytes,      // bytes after the last sibling
  kRootMismatch,       // the recomputed root differs from the commitment
};

constexpr const char* MerkleErrorName(MerkleError error) {
  switch (error) {
    case MerkleError::kOk:
      return "ok";
    case MerkleError::kBadShape:
      return "bad matrix shape";
    case MerkleError::kNoQueries:
      return "no queries";
    case MerkleError::kQueryOutOfRange:
      return "query index out of range";
    case MerkleError::kScratchTooSmall:
      return "scratch too small for the number of queries";
    case MerkleError::kTruncated:
      return "opening truncated";
    case MerkleError::kNonCanonicalFelt:
      return "non-canonical field element";
    case MerkleError::kDuplicateMismatch:
      return "repeated query rows differ";
    case MerkleError::kTrailingBytes:
      return "trailing bytes after the opening";
    case MerkleError::kRootMismatch:
      return "root mismatch";
  }
  return "unknown";
}

// "Not applicable" for a MerkleStatus place field.
inline constexpr uint32_t kMerkleNoPlace = 0xFFFF'FFFFu;

struct MerkleStatus {
  MerkleError error = MerkleError::kOk;
  uint32_t query = kMerkleNoPlace;   // position in the query list
  uint32_t matrix = kMerkleNoPlace;  // position in the shape list
  uint32_t column = kMerkleNoPlace;  // tree column within the matrix
  uint32_t level = kMerkleNoPlace;   // 0 = leaves, log2(leaves) = root

  constexpr bool ok() const { return error == MerkleError::kOk; }
};

// One node on the queried paths: its index in its level, the range [begin, end) of sorted
// queries below it, and its digest.
struct MerkleVerifierNode {
  uint32_t index = 0;
  uint32_t begin = 0;
  uint32_t end = 0;
  MerkleDigest digest;
};

// Caller-provided working memory: `capacity` entries in each array, at least one per query.
struct MerkleVerifierScratch {
  uint32_t* order = nullptr;
  MerkleVerifierNode* nodes = nullptr;
  size_t capacity = 0;
};

// Scratch with room for kMaxQueries queries (40 bytes per query), for the stack or a static.
template <size_t kMaxQueries>
struct MerkleVerifierStorage {
  uint32_t order[kMaxQueries] = {};
  MerkleVerifierNode nodes[kMaxQueries] = {};

  constexpr MerkleVerifierScratch scratch() { return {order, nodes, kMaxQueries}; }
};

namespace detail {

constexpr bool MerkleBytesEqual(const uint8_t* a, const uint8_t* b, size_t size) {
  for (size_t i = 0; i < size; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

constexpr uint32_t Log2(uint32_t power_of_two) {
  uint32_t log = 0;
  while ((uint32_t{1} << log) < power_of_two) ++log;
  return log;
}

// The matrix (list position) and tree column of field element `element` of a query's row block.
constexpr void LocateElement(const MatrixShape* shapes, size_t num_matrices, uint32_t element,
                             MerkleStatus* status) {
  for (size_t k = 0; k < num_matrices; ++k) {
    const uint32_t offset = MerkleMatrixOffset(shapes, num_matrices, k);
    if (element >= offset && element - offset < shapes[k].TreeWidth()) {
      status->matrix = static_cast<uint32_t>(k);
      status->column = element - offset;
      return;
    }
  }
}

}  // namespace detail

// Verifies `opening` (opening_size bytes, any alignment) against `root` for the matrices
// `shapes` and the query indices `queries` (each < the number of leaves). On success the
// opened rows can be read with MerkleOpenedRows over the same arguments.
template <typename Hasher = Sha3MerkleHasher<>>
constexpr MerkleStatus VerifyMerkleOpening(const MerkleDigest& root, const MatrixShape* shapes,
                                           size_t num_matrices, const uint32_t* queries,
                                           size_t num_queries, const uint8_t* opening,
                                           size_t opening_size, MerkleVerifierScratch scratch,
                                           const Hasher& hasher = Hasher()) {
  MerkleStatus status;
  size_t bad_matrix = 0;
  if (!ValidateMatrixShapes(shapes, num_matrices, &bad_matrix)) {
    status.error = MerkleError::kBadShape;
    if (bad_matrix < num_matrices) status.matrix = static_cast<uint32_t>(bad_matrix);
    return status;
  }
  if (num_queries == 0) {
    status.error = MerkleError::kNoQueries;
    return status;
  }
  if (num_queries > scratch.capacity || scratch.order == nullptr || scratch.nodes == nullptr) {
    status.error = MerkleError::kScratchTooSmall;
    return status;
  }
  const uint32_t num_leaves = MerkleTreeHeight(shapes, num_matrices);
  const uint32_t num_levels = detail::Log2(num_leaves);  // levels above the leaves
  for (size_t t = 0; t < num_queries; ++t) {
    if (queries[t] >= num_leaves) {
      status.error = MerkleError::kQueryOutOfRange;
      status.query = static_cast<uint32_t>(t);
      return status;
    }
  }

  // Rows section: sizes, then canonical values.
  const uint32_t row_width = MerkleRowWidth(shapes, num_matrices);
  const size_t query_bytes = size_t{row_width} * Felt::kBytes;  // <= 2^27
  if (opening == nullptr || num_queries > opening_size / query_bytes) {
    status.error = MerkleError::kTruncated;
    status.query = static_cast<uint32_t>(opening == nullptr ? 0 : opening_size / query_bytes);
    return status;
  }
  const size_t rows_bytes = num_queries * query_bytes;
  {
    // A value is non-canonical iff its high word is 0xFFFFFFFF and its low word is not 0.
    size_t bad = rows_bytes;
    bool aligned = false;
    if (!__builtin_is_constant_evaluated()) aligned = reinterpret_cast<uintptr_t>(opening) % 4 == 0;
    if (aligned) {
      for (size_t offset = 0; offset < rows_bytes; offset += Felt::kBytes) {
        if (detail::MerkleLoadLe64Aligned4(opening + offset) >= Felt::kModulus) {
          bad = offset;
          break;
        }
      }
    } else {
      for (size_t offset = 0; offset < rows_bytes; offset += Felt::kBytes) {
        if (detail::MerkleLoadLe64(opening + offset) >= Felt::kModulus) {
          bad = offset;
          break;
        }
      }
    }
    if (bad != rows_bytes) {
      status.error = MerkleError::kNonCanonicalFelt;
      status.query = static_cast<uint32_t>(bad / query_bytes);
      detail::LocateElement(shapes, num_matrices,
                            static_cast<uint32_t>(bad % query_bytes / Felt::kBytes), &status);
      return status;
    }
  }
  const uint8_t* const siblings_end = opening + opening_size;
  const uint8_t* cursor = opening + rows_bytes;
  auto query_rows = [&](uint32_t t) { return opening + size_t{t} * query_bytes; };

  // Sort the query positions by index (stable insertion sort: query lists are short).
  uint32_t* order = scratch.order;
  for (uint32_t t = 0; t < num_queries; ++t) {
    uint32_t i = t;
    while (i > 0 && queries[order[i - 1]] > queries[t]) {
      order[i] = order[i - 1];
      --i;
    }
    order[i] = t;
  }

  // Leaves: one node per distinct index; repeated queries must carry the same leaf rows.
  MerkleVerifierNode* nodes = scratch.nodes;
  size_t num_nodes = 0;
  const MerkleClassSlice leaf_class = MerkleHeightClass(shapes, num_matrices, num_leaves);
  const size_t leaf_offset = size_t{leaf_class.offset} * Felt::kBytes;
  const size_t leaf_bytes = size_t{leaf_class.width} * Felt::kBytes;
  for (uint32_t i = 0; i < num_queries; ++i) {
    const uint32_t t = order[i];
    if (num_nodes > 0 && nodes[num_nodes - 1].index == queries[t]) {
      const uint32_t first = order[nodes[num_nodes - 1].begin];
      if (!detail::MerkleBytesEqual(query_rows(t) + leaf_offset, query_rows(first) + leaf_offset,
                                    leaf_bytes)) {
        status.error = MerkleError::kDuplicateMismatch;
        status.query = t;
        status.level = 0;
        return status;
      }
      nodes[num_nodes - 1].end = i + 1;
      continue;
    }
    MerkleVerifierNode& node = nodes[num_nodes++];
    node.index = queries[t];
    node.begin = i;
    node.end = i + 1;
    hasher.Leaf(query_rows(t) + leaf_offset, leaf_bytes, &node.digest);
  }

  // Up the tree: level `level` has num_leaves >> level nodes.
  for (uint32_t level = 0; level < num_levels; ++level) {
    const MerkleClassSlice inject =
        MerkleHeightClass(shapes, num_matrices, num_leaves >> (level + 1));
    const size_t inject_offset = size_t{inject.offset} * Felt::kBytes;
    const size_t inject_bytes = size_t{inject.width} * Felt::kBytes;
    size_t out = 0;
    for (size_t r = 0; r < num_nodes;) {
      const MerkleVerifierNode& current = nodes[r];
      const uint32_t begin = current.begin;
      const uint32_t index = current.index;
      // The children's digests, read where they lie (the node list or the opening).
      const uint8_t* left = current.digest.bytes;
      const uint8_t* right = nullptr;
      uint32_t end = current.end;
      if ((index & 1) == 0 && r + 1 < num_nodes && nodes[r + 1].index == index + 1) {
        right = nodes[r + 1].digest.bytes;
        end = nodes[r + 1].end;
        r += 2;
      } else {
        if (static_cast<size_t>(siblings_end - cursor) < kMerkleDigestBytes) {
          status.error = MerkleError::kTruncated;
          status.query = order[begin];
          status.level = level;
          return status;
        }
        if (!Hasher::CanonicalDigest(cursor)) {
          status.error = MerkleError::kNonCanonicalFelt;
          status.query = order[begin];
          status.level = level;
          return status;
        }
        right = cursor;
        cursor += kMerkleDigestBytes;
        if ((index & 1) != 0) {
          right = left;
          left = cursor - kMerkleDigestBytes;
        }
        r += 1;
      }
      MerkleDigest digest;
      if (inject_bytes == 0) {
        hasher.Node(left, right, &digest);
      } else {
        const uint8_t* rows = query_rows(order[begin]) + inject_offset;
        for (uint32_t i = begin + 1; i < end; ++i) {
          if (!detail::MerkleBytesEqual(query_rows(order[i]) + inject_offset, rows, inject_bytes)) {
            status.error = MerkleError::kDuplicateMismatch;
            status.query = order[i];
            status.level = level + 1;
            return status;
          }
        }
        hasher.Inject(left, right, rows, inject_bytes, &digest);
      }
      // Written after the children were read: out <= r - 1, the first node consumed.
      MerkleVerifierNode& parent = nodes[out++];
      parent.index = index >> 1;
      parent.begin = begin;
      parent.end = end;
      parent.digest = digest;
    }
    num_nodes = out;
  }

  if (cursor != siblings_end) {
    status.error = MerkleError::kTrailingBytes;
    return status;
  }
  if (!(nodes[0].digest == root)) {
    status.error = MerkleError::kRootMismatch;
    status.level = num_levels;
  }
  return status;
}

// The opened rows, read in place. Valid only for arguments VerifyMerkleOpening accepted.
class MerkleOpenedRows {
 public:
  constexpr MerkleOpenedRows(const MatrixShape* shapes, size_t num_matrices, const uint8_t* opening)
      : shapes_(shapes),
        num_matrices_(num_matrices),
        opening_(opening),
        query_bytes_(size_t{MerkleRowWidth(shapes, num_matrices)} * Felt::kBytes) {}

  // The tree row of `matrix` opened for query position `query`: TreeWidth() values of 8 bytes.
  constexpr const uint8_t* RowBytes(size_t query, size_t matrix) const {
    return opening_ + query * query_bytes_ +
           size_t{MerkleMatrixOffset(shapes_, num_matrices_, matrix)} * Felt::kBytes;
  }

  // Tree column `column` of that row. With row pairing, columns [width, 2 * width) are the
  // paired row's values.
  constexpr Felt Value(size_t query, size_t matrix, size_t column) const {
    return Felt::FromCanonical(
        detail::MerkleLoadLe64(RowBytes(query, matrix) + column * Felt::kBytes));
  }

 private:
  const MatrixShape* shapes_;
  size_t num_matrices_;
  const uint8_t* opening_;
  size_t query_bytes_;
};

}  // namespace zkvm::crypto
