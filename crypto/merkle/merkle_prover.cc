#include "crypto/merkle/merkle_prover.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <bit>
#include <numeric>

#include "base/check.h"
#include "crypto/hash/poseidon2.h"
#include "crypto/hash/poseidon2_batch.h"
#include "crypto/merkle/merkle_hashers.h"

namespace zkvm::crypto {
namespace {

static_assert(sizeof(MerkleDigest) == kMerkleDigestBytes);
static_assert(sizeof(Felt) == sizeof(uint64_t));

// Leaves hashed (and parents built) per task.
constexpr uint32_t kLeafChunk = 1024;
// Internal nodes hashed per task.
constexpr uint32_t kNodeChunk = 1024;

uint8_t* DigestBytes(MerkleDigest* d) { return d->bytes; }

// Rows ahead of the current one whose cache line is prefetched (see ColumnRef::Load).
constexpr size_t kPrefetchRows = 64;

// Where one tree column of one matrix lives: value of tree row i = base[i * stride].
struct ColumnRef {
  const Felt* base;
  size_t stride;

  // The value of tree row `row`. Hashing a batch of rows reads one cache line from each column:
  // with tens of columns that is more streams than the hardware prefetcher follows, so each
  // column is prefetched kPrefetchRows ahead, once per cache line (leaf hashing of a
  // 2^20 x 64 matrix went from 0.56 s to 0.33 s on one core).
  uint64_t Load(size_t row) const {
    const size_t at = row * stride;
    if ((at & 7) == 0) {
      // As an integer: the address may lie past the end of the column, which prefetch allows.
      const uintptr_t ahead =
          reinterpret_cast<uintptr_t>(base + at) + kPrefetchRows * stride * sizeof(Felt);
      __builtin_prefetch(reinterpret_cast<const void*>(ahead));
    }
    return base[at].value();
  }
};

// The tree columns of every matrix of tree height `tree_height`, in list order: the lanes that
// leaves (or injecting nodes) of that height absorb.
std::vector<ColumnRef> HeightClassColumns(std::span<const MerkleMatrix> matrices,
                                          uint32_t tree_height) {
  std::vector<ColumnRef> columns;
  for (const MerkleMatrix& m : matrices) {
    if (m.shape().TreeHeight() != tree_height) continue;
    for (size_t j = 0; j < m.shape().TreeWidth(); ++j) {
      columns.push_back({m.view.data() + m.TreeColumnBase(j), m.TreeRowStride()});
    }
  }
  return columns;
}

// Poseidon2 sponges (Poseidon2Sponge, crypto/hash/poseidon2.h: overwrite mode) of `count` inputs of
// `num_elements` elements each, element k of input i being element(i, k) (a canonical value),
// with `capacity_length` and `domain` in the first two capacity elements, into out[0, count):
// several inputs at a time on the SIMD permutation, lane-interleaved (poseidon2_batch.h).
// capacity_length = domain = 0 with 8 elements is the 2-to-1 compression.
template <typename Element>
void Poseidon2SpongeBatch(SimdPath backend, size_t count, size_t num_elements,
                          uint64_t capacity_length, uint64_t domain, const Element& element,
                          MerkleDigest* out) {
  const Poseidon2BatchPermutation perm = GetPoseidon2BatchPermutation(backend);
  const size_t ways = perm.ways;
  Felt lanes[kPoseidon2Width * kPoseidon2MaxWays];
  for (size_t first = 0; first < count; first += ways) {
    const size_t n = std::min(ways, count - first);
    for (size_t j = 0; j < kPoseidon2Width * ways; ++j) lanes[j] = Felt::Zero();
    for (size_t s = 0; s < ways; ++s) {
      lanes[kPoseidon2Rate * ways + s] = Felt::FromU64(capacity_length);
      lanes[(kPoseidon2Rate + 1) * ways + s] = Felt::FromU64(domain);
    }
    size_t position = 0;
    for (size_t k = 0; k < num_elements; ++k) {
      Felt* lane = lanes + position * ways;
      for (size_t s = 0; s < n; ++s) lane[s] = Felt::FromCanonical(element(first + s, k));
      if (++position == kPoseidon2Rate) {
        perm.permute(lanes);
        position = 0;
      }
    }
    if (position != 0 || num_elements == 0) perm.permute(lanes);
    for (size_t s = 0; s < n; ++s) {
      Felt digest[kPoseidon2DigestElements];
      for (size_t j = 0; j < kPoseidon2DigestElements; ++j) digest[j] = lanes[j * ways + s];
      Poseidon2DigestToBytes(digest, &out[first + s]);
    }
  }
}

// Hashes the leaves row_of(0), ..., row_of(count - 1) into out.
template <typename RowOf>
void HashLeavesAt(std::span<const MerkleMatrix> matrices, size_t count, const RowOf& row_of,
                  const MerkleTreeOptions& options, MerkleDigest* out) {
  std::vector<MatrixShape> shapes;
  for (const MerkleMatrix& m : matrices) shapes.push_back(m.shape());
  const std::vector<ColumnRef> columns =
      HeightClassColumns(matrices, MerkleTreeHeight(shapes.data(), shapes.size()));
  const size_t width = columns.size();
  const ColumnRef* cols = columns.data();
  if (options.hash == HashId::kPoseidon2) {
    Poseidon2SpongeBatch(
        options.poseidon2_backend, count, width, width, kMerkleLeafTag,
        [&](size_t i, size_t k) { return cols[k].Load(row_of(i)); }, out);
    return;
  }
  Sha3_256BatchLanes(
      options.backend, count, 8 * width + 1,
      [&](size_t i, size_t l) -> uint64_t {
        if (l < width) return cols[l].Load(row_of(i));
        return kMerkleLeafTag;
      },
      DigestBytes(out));
}

}  // namespace

void HashMerkleLeaves(std::span<const MerkleMatrix> matrices, uint32_t begin, uint32_t end,
                      const MerkleTreeOptions& options, MerkleDigest* out) {
  ZKVM_CHECK(begin <= end, "empty leaf range");
  HashLeavesAt(
      matrices, end - begin, [begin](size_t i) { return begin + i; }, options, out);
}

void HashMerkleNodes(std::span<const MerkleMatrix> matrices, uint32_t num_leaves, uint32_t level,
                     uint32_t begin, uint32_t end, const MerkleDigest* children,
                     const MerkleTreeOptions& options, MerkleDigest* out) {
  ZKVM_CHECK(begin <= end && (uint64_t{end} << (level + 1)) <= num_leaves,
             "node range out of the level");
  const std::vector<ColumnRef> columns = HeightClassColumns(matrices, num_leaves >> (level + 1));
  const size_t width = columns.size();
  const ColumnRef* cols = columns.data();
  const uint8_t tag = width != 0 ? kMerkleInjectTag : kMerkleNodeTag;
  const uint8_t* child_bytes = children->bytes;
  if (options.hash == HashId::kPoseidon2) {
    // An injecting node is the sponge over both children and the rows; a plain node the
    // compression, i.e. one permutation of the children with a zero capacity.
    const size_t digests = 2 * kPoseidon2DigestElements;
    const bool inject = width != 0;
    Poseidon2SpongeBatch(
        options.poseidon2_backend, end - begin, digests + width, inject ? digests + width : 0,
        inject ? kMerkleInjectTag : 0,
        [&](size_t i, size_t k) -> uint64_t {
          if (k < digests) return detail::LoadLe64(child_bytes + 64 * i + 8 * k);
          return cols[k - digests].Load(begin + i);
        },
        out);
    return;
  }
  Sha3_256BatchLanes(
      options.backend, end - begin, 2 * kMerkleDigestBytes + 8 * width + 1,
      [&](size_t i, size_t l) -> uint64_t {
        if (l < 8) return detail::LoadLe64(child_bytes + 64 * i + 8 * l);
        if (l - 8 < width) return cols[l - 8].Load(begin + i);
        return tag;
      },
      DigestBytes(out));
}

MerkleTree MerkleTree::Commit(std::span<const MerkleMatrix> matrices,
                              const MerkleTreeOptions& options) {
  ZKVM_CHECK(Sha3BatchBackendSupported(options.backend), "SHA3 backend not supported");
  ZKVM_CHECK(SimdPathSupported(options.poseidon2_backend), "Poseidon2 backend not supported");
  MerkleTree tree;
  tree.options_ = options;
  for (const MerkleMatrix& m : matrices) {
    ZKVM_CHECK(m.view.num_rows() <= UINT32_MAX && m.view.num_cols() <= UINT32_MAX,
               "matrix too large");
    ZKVM_CHECK(m.view.data() != nullptr, "matrix without data");
    tree.shapes_.push_back(m.shape());
  }
  size_t bad = 0;
  ZKVM_CHECK(ValidateMatrixShapes(tree.shapes_.data(), tree.shapes_.size(), &bad),
             "invalid matrix shapes for a Merkle commitment");
  const uint32_t num_leaves = MerkleTreeHeight(tree.shapes_.data(), tree.shapes_.size());
  tree.num_leaves_ = num_leaves;
  const uint32_t num_levels = static_cast<uint32_t>(std::countr_zero(num_leaves));
  tree.levels_.resize(num_levels + 1);
  tree.leaves_dropped_ = options.drop_leaves;
  if (!options.drop_leaves) tree.levels_[0].resize(num_leaves);
  for (uint32_t d = 1; d <= num_levels; ++d) tree.levels_[d].resize(num_leaves >> d);

  if (num_leaves == 1) {
    HashMerkleLeaves(matrices, 0, 1, options, &tree.root_);
    if (!options.drop_leaves) tree.levels_[0][0] = tree.root_;
    return tree;
  }

  // Leaves and level 1, chunk by chunk.
  const uint32_t chunk = std::min(num_leaves, kLeafChunk);
  tbb::parallel_for(tbb::blocked_range<uint32_t>(0, num_leaves / chunk, 1),
                    [&](const tbb::blocked_range<uint32_t>& range) {
                      std::vector<MerkleDigest> local;
                      if (options.drop_leaves) local.resize(chunk);
                      for (uint32_t c = range.begin(); c != range.end(); ++c) {
                        const uint32_t begin = c * chunk;
                        MerkleDigest* leaves =
                            options.drop_leaves ? local.data() : &tree.levels_[0][begin];
                        HashMerkleLeaves(matrices, begin, begin + chunk, options, leaves);
                        HashMerkleNodes(matrices, num_leaves, 0, begin / 2, (begin + chunk) / 2,
                                        leaves, options, &tree.levels_[1][begin / 2]);
                      }
                    });
  // The remaining levels.
  for (uint32_t d = 1; d < num_levels; ++d) {
    const uint32_t count = num_leaves >> (d + 1);
    const std::vector<MerkleDigest>& children = tree.levels_[d];
    std::vector<MerkleDigest>& parents = tree.levels_[d + 1];
    tbb::parallel_for(tbb::blocked_range<uint32_t>(0, count, kNodeChunk),
                      [&](const tbb::blocked_range<uint32_t>& range) {
                        HashMerkleNodes(matrices, num_leaves, d, range.begin(), range.end(),
                                        &children[2 * range.begin()], options,
                                        &parents[range.begin()]);
                      });
  }
  tree.root_ = tree.levels_[num_levels][0];
  return tree;
}

void MerkleTree::CheckMatrices(std::span<const MerkleMatrix> matrices) const {
  ZKVM_CHECK(matrices.size() == shapes_.size(), "opening with a different number of matrices");
  for (size_t k = 0; k < matrices.size(); ++k) {
    const MatrixShape s = matrices[k].shape();
    ZKVM_CHECK(s.height == shapes_[k].height && s.width == shapes_[k].width &&
                   s.pairing == shapes_[k].pairing && matrices[k].view.data() != nullptr,
               "opening with matrices of other shapes than the committed ones");
  }
}

MerkleDigest MerkleTree::Node(uint32_t level, uint32_t index,
                              std::span<const MerkleMatrix> matrices) const {
  ZKVM_CHECK(level < levels_.size() && index < (num_leaves_ >> level), "node out of range");
  if (level == 0 && leaves_dropped_) {
    CheckMatrices(matrices);
    MerkleDigest leaf;
    HashMerkleLeaves(matrices, index, index + 1, options_, &leaf);
    return leaf;
  }
  return levels_[level][index];
}

std::vector<uint8_t> MerkleTree::Open(std::span<const uint32_t> queries,
                                      std::span<const MerkleMatrix> matrices) const {
  CheckMatrices(matrices);
  for (uint32_t q : queries) ZKVM_CHECK(q < num_leaves_, "query index out of range");
  const uint32_t log_leaves = static_cast<uint32_t>(std::countr_zero(num_leaves_));

  // Rows: per query, the matrices in canonical order (tree height descending, list position).
  std::vector<size_t> canonical(shapes_.size());
  std::iota(canonical.begin(), canonical.end(), 0);
  std::stable_sort(canonical.begin(), canonical.end(), [&](size_t a, size_t b) {
    return shapes_[a].TreeHeight() > shapes_[b].TreeHeight();
  });
  const size_t row_width = MerkleRowWidth(shapes_.data(), shapes_.size());
  std::vector<uint8_t> out(queries.size() * row_width * Felt::kBytes);
  uint8_t* p = out.data();
  for (uint32_t q : queries) {
    for (size_t k : canonical) {
      const MerkleMatrix& m = matrices[k];
      const uint32_t shift = log_leaves - std::countr_zero(shapes_[k].TreeHeight());
      for (size_t j = 0; j < shapes_[k].TreeWidth(); ++j) {
        m.TreeValue(q >> shift, j).ToBytes(p);
        p += Felt::kBytes;
      }
    }
  }

  // Siblings: level by level, for each distinct path node (ascending) whose sibling is not on a
  // path, the sibling's digest.
  std::vector<uint32_t> nodes(queries.begin(), queries.end());
  std::sort(nodes.begin(), nodes.end());
  nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
  for (uint32_t level = 0; level < log_leaves; ++level) {
    std::vector<uint32_t> needed;
    for (size_t r = 0; r < nodes.size();) {
      if ((nodes[r] & 1) == 0 && r + 1 < nodes.size() && nodes[r + 1] == nodes[r] + 1) {
        r += 2;
      } else {
        needed.push_back(nodes[r] ^ 1);
        r += 1;
      }
    }
    std::vector<MerkleDigest> digests(needed.size());
    if (level == 0 && leaves_dropped_) {
      HashLeavesAt(
          matrices, needed.size(), [&](size_t i) { return needed[i]; }, options_, digests.data());
    } else {
      for (size_t i = 0; i < needed.size(); ++i) digests[i] = levels_[level][needed[i]];
    }
    for (const MerkleDigest& d : digests) out.insert(out.end(), d.bytes, d.bytes + 32);
    for (uint32_t& n : nodes) n >>= 1;
    nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
  }
  return out;
}

size_t MerkleTree::StoredDigestBytes() const {
  size_t total = 0;
  for (const auto& level : levels_) total += level.size() * kMerkleDigestBytes;
  return total;
}

}  // namespace zkvm::crypto
