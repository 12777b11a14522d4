// The mixed-height Merkle commitment: the prover's root against an independent reference of the
// rule in merkle_layout.h, openings that verify (mixed heights, row pairing, repeated and
// unordered queries), the rejections a malformed or tampered opening must get (each with its
// specific error), leaf drop giving byte-identical openings, and thread-count independence.
// Random tests use fixed, printed seeds.
#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "crypto/field/simd_path.h"
#include "crypto/hash/keccak.h"
#include "crypto/hash/poseidon2.h"
#include "crypto/hash/sha3.h"
#include "crypto/merkle/merkle_prover.h"
#include "crypto/merkle/merkle_verifier.h"

namespace zkvm::crypto {
namespace {

struct Shape {
  size_t rows;
  size_t cols;
  RowPairing pairing = RowPairing::kNone;
};

// Owned random matrices and their Merkle views.
struct Matrices {
  std::vector<std::vector<Felt>> data;
  std::vector<MerkleMatrix> views;
  std::vector<MatrixShape> shapes;

  Matrices(const std::vector<Shape>& list, std::mt19937_64& rng) {
    data.reserve(list.size());
    for (const Shape& s : list) {
      std::vector<Felt>& d = data.emplace_back(s.rows * s.cols);
      for (Felt& f : d) f = Felt::FromU64(rng());
      views.push_back({ConstMatrixView(d.data(), s.rows, s.cols), s.pairing});
      shapes.push_back(views.back().shape());
    }
  }
};

const std::vector<Shape> kMixed = {{1 << 10, 3}, {1 << 8, 5}, {1 << 8, 1}, {1 << 4, 2}, {2, 1}};

// The tree rule of merkle_layout.h, written out directly with the freestanding SHA3-256.
MerkleDigest ReferenceRoot(const std::vector<MerkleMatrix>& matrices) {
  uint32_t num_leaves = 0;
  for (const auto& m : matrices) num_leaves = std::max(num_leaves, m.shape().TreeHeight());
  auto rows = [&](uint32_t height, uint32_t index, std::vector<uint8_t>* out) {
    for (const auto& m : matrices) {
      if (m.shape().TreeHeight() != height) continue;
      for (size_t j = 0; j < m.shape().TreeWidth(); ++j) {
        uint8_t b[8];
        m.TreeValue(index, j).ToBytes(b);
        out->insert(out->end(), b, b + 8);
      }
    }
  };
  auto hash = [](const std::vector<uint8_t>& message) {
    MerkleDigest d;
    Sha3_256Digest(message.data(), message.size(), d.bytes);
    return d;
  };
  std::vector<MerkleDigest> level;
  for (uint32_t i = 0; i < num_leaves; ++i) {
    std::vector<uint8_t> message;
    rows(num_leaves, i, &message);
    message.push_back(0x00);
    level.push_back(hash(message));
  }
  for (uint32_t width = num_leaves / 2; width >= 1; width /= 2) {
    std::vector<MerkleDigest> next;
    for (uint32_t j = 0; j < width; ++j) {
      std::vector<uint8_t> message(level[2 * j].bytes, level[2 * j].bytes + 32);
      message.insert(message.end(), level[2 * j + 1].bytes, level[2 * j + 1].bytes + 32);
      const size_t before = message.size();
      rows(width, j, &message);
      message.push_back(message.size() == before ? 0x01 : 0x02);
      next.push_back(hash(message));
    }
    level = std::move(next);
  }
  return level[0];
}

MerkleVerifierStorage<4096> g_storage;

MerkleStatus Verify(const MerkleDigest& root, const std::vector<MatrixShape>& shapes,
                    const std::vector<uint32_t>& queries, const std::vector<uint8_t>& opening,
                    HashId hash = HashId::kSha3) {
  if (hash == HashId::kPoseidon2) {
    return VerifyMerkleOpening(root, shapes.data(), shapes.size(), queries.data(), queries.size(),
                               opening.data(), opening.size(), g_storage.scratch(),
                               Poseidon2MerkleHasher<>());
  }
  return VerifyMerkleOpening(root, shapes.data(), shapes.size(), queries.data(), queries.size(),
                             opening.data(), opening.size(), g_storage.scratch());
}

std::vector<uint32_t> RandomQueries(size_t count, uint32_t num_leaves, std::mt19937_64& rng) {
  std::vector<uint32_t> q(count);
  for (auto& x : q) x = static_cast<uint32_t>(rng() % num_leaves);
  return q;
}

std::mt19937_64 SeededRng(uint64_t seed) {
  std::printf("seed: %#llx\n", static_cast<unsigned long long>(seed));
  return std::mt19937_64(seed);
}

// Every opened value matches the matrices.
void ExpectOpenedValues(const Matrices& m, const std::vector<uint32_t>& queries,
                        const std::vector<uint8_t>& opening) {
  const MerkleOpenedRows rows(m.shapes.data(), m.shapes.size(), opening.data());
  const uint32_t num_leaves = MerkleTreeHeight(m.shapes.data(), m.shapes.size());
  for (size_t t = 0; t < queries.size(); ++t) {
    for (size_t k = 0; k < m.views.size(); ++k) {
      const uint32_t row = queries[t] / (num_leaves / m.shapes[k].TreeHeight());
      for (size_t j = 0; j < m.shapes[k].TreeWidth(); ++j) {
        ASSERT_EQ(rows.Value(t, k, j), m.views[k].TreeValue(row, j))
            << "query " << t << " matrix " << k << " column " << j;
      }
    }
  }
}

TEST(MerkleTest, RootFollowsTheDocumentedRuleOnEveryBackend) {
  auto rng = SeededRng(0x3e61);
  const Matrices m(kMixed, rng);
  const MerkleDigest expected = ReferenceRoot(m.views);
  for (Sha3BatchBackend backend : kAllSha3BatchBackends) {
    if (!Sha3BatchBackendSupported(backend)) continue;
    const MerkleTree tree = MerkleTree::Commit(m.views, {.backend = backend});
    EXPECT_EQ(tree.root(), expected) << Sha3BatchBackendName(backend);
    EXPECT_EQ(tree.num_leaves(), 1u << 10);
  }
}

TEST(MerkleTest, MixedHeightsOpenAndVerify) {
  auto rng = SeededRng(0x3e62);
  const Matrices m(kMixed, rng);
  const MerkleTree tree = MerkleTree::Commit(m.views);
  // Many queries, unordered, with repeats.
  std::vector<uint32_t> queries = RandomQueries(300, tree.num_leaves(), rng);
  queries.push_back(queries[5]);
  queries.push_back(queries[17]);
  const std::vector<uint8_t> opening = tree.Open(queries, m.views);
  const MerkleStatus status = Verify(tree.root(), m.shapes, queries, opening);
  ASSERT_TRUE(status.ok()) << MerkleErrorName(status.error);
  ExpectOpenedValues(m, queries, opening);
}

TEST(MerkleTest, SingleMatrixAndSingleLeaf) {
  auto rng = SeededRng(0x3e63);
  for (const std::vector<Shape>& list :
       {std::vector<Shape>{{1 << 12, 7}}, std::vector<Shape>{{1, 4}},
        std::vector<Shape>{{1, 1}, {1, 3}}, std::vector<Shape>{{2, 1}}}) {
    const Matrices m(list, rng);
    const MerkleTree tree = MerkleTree::Commit(m.views);
    EXPECT_EQ(tree.root(), ReferenceRoot(m.views));
    for (size_t count : {1u, 2u, 40u}) {
      const std::vector<uint32_t> queries = RandomQueries(count, tree.num_leaves(), rng);
      const std::vector<uint8_t> opening = tree.Open(queries, m.views);
      ASSERT_TRUE(Verify(tree.root(), m.shapes, queries, opening).ok());
      ExpectOpenedValues(m, queries, opening);
    }
  }
}

TEST(MerkleTest, RowPairingPutsFriSiblingsInOneLeaf) {
  auto rng = SeededRng(0x3e64);
  const Matrices m({{1 << 9, 3, RowPairing::kHalves},
                    {1 << 8, 2},
                    {1 << 9, 2, RowPairing::kAdjacent},
                    {1 << 5, 1, RowPairing::kHalves}},
                   rng);
  const MerkleTree tree = MerkleTree::Commit(m.views);
  EXPECT_EQ(tree.num_leaves(), 1u << 8);
  EXPECT_EQ(tree.root(), ReferenceRoot(m.views));
  const std::vector<uint32_t> queries = RandomQueries(50, tree.num_leaves(), rng);
  const std::vector<uint8_t> opening = tree.Open(queries, m.views);
  ASSERT_TRUE(Verify(tree.root(), m.shapes, queries, opening).ok());
  ExpectOpenedValues(m, queries, opening);
  // Query q opens rows q and q + n/2 of the kHalves matrix, rows 2q and 2q + 1 of kAdjacent.
  const MerkleOpenedRows rows(m.shapes.data(), m.shapes.size(), opening.data());
  const ConstMatrixView& halves = m.views[0].view;
  const ConstMatrixView& adjacent = m.views[2].view;
  EXPECT_EQ(rows.Value(0, 0, 1), halves(queries[0], 1));
  EXPECT_EQ(rows.Value(0, 0, 3 + 1), halves(queries[0] + 256, 1));
  EXPECT_EQ(rows.Value(0, 2, 0), adjacent(2 * queries[0], 0));
  EXPECT_EQ(rows.Value(0, 2, 2 + 0), adjacent(2 * queries[0] + 1, 0));
}

TEST(MerkleTest, SiblingsAreMinimal) {
  auto rng = SeededRng(0x3e65);
  const Matrices m({{1 << 6, 2}}, rng);
  const MerkleTree tree = MerkleTree::Commit(m.views);
  const size_t row_bytes = 2 * 8;
  auto sibling_count = [&](const std::vector<uint32_t>& q) {
    return (tree.Open(q, m.views).size() - q.size() * row_bytes) / 32;
  };
  EXPECT_EQ(sibling_count({5}), 6u);
  EXPECT_EQ(sibling_count({4, 5}), 5u);     // siblings of each other
  EXPECT_EQ(sibling_count({5, 5, 5}), 6u);  // repeats share the path
  EXPECT_EQ(sibling_count({0, 63}), 10u);   // paths meet at the root
  std::vector<uint32_t> all(64);
  for (uint32_t i = 0; i < 64; ++i) all[i] = 63 - i;
  EXPECT_EQ(sibling_count(all), 0u);
  EXPECT_TRUE(Verify(tree.root(), m.shapes, all, tree.Open(all, m.views)).ok());
}

TEST(MerkleTest, LeafDropGivesByteIdenticalOpenings) {
  auto rng = SeededRng(0x3e66);
  const Matrices m(kMixed, rng);
  const MerkleTree kept = MerkleTree::Commit(m.views);
  const MerkleTree dropped = MerkleTree::Commit(m.views, {.drop_leaves = true});
  EXPECT_TRUE(dropped.leaves_dropped());
  EXPECT_EQ(kept.root(), dropped.root());
  EXPECT_EQ(kept.StoredDigestBytes() - dropped.StoredDigestBytes(), size_t{32} << 10);
  for (size_t count : {1u, 7u, 64u, 500u}) {
    const std::vector<uint32_t> queries = RandomQueries(count, kept.num_leaves(), rng);
    const std::vector<uint8_t> a = kept.Open(queries, m.views);
    const std::vector<uint8_t> b = dropped.Open(queries, m.views);
    EXPECT_EQ(a, b) << count << " queries";
  }
  for (uint32_t i : {0u, 1u, 513u, 1023u}) {
    EXPECT_EQ(kept.Node(0, i, m.views), dropped.Node(0, i, m.views));
  }
  // A single-leaf tree keeps its root when the leaf is dropped.
  const Matrices one({{1, 3}}, rng);
  EXPECT_EQ(MerkleTree::Commit(one.views, {.drop_leaves = true}).root(),
            MerkleTree::Commit(one.views).root());
}

TEST(MerkleTest, RootIndependentOfThreadCount) {
  auto rng = SeededRng(0x3e67);
  const Matrices m({{1 << 15, 9}, {1 << 13, 4}, {1 << 3, 1}}, rng);
  MerkleDigest roots[3];
  int i = 0;
  for (int threads : {1, 2, 4}) {
    tbb::task_arena arena(threads);
    arena.execute([&] { roots[i++] = MerkleTree::Commit(m.views).root(); });
  }
  EXPECT_EQ(roots[0], roots[1]);
  EXPECT_EQ(roots[0], roots[2]);
  EXPECT_EQ(roots[0], ReferenceRoot(m.views));
}

TEST(MerkleTest, PluggablePermutation) {
  // A guest plugs in the precompile; here a counting wrapper around the software permutation.
  struct Counting {
    int* calls;
    void operator()(uint64_t state[25]) const {
      ++*calls;
      KeccakF1600(state);
    }
  };
  auto rng = SeededRng(0x3e68);
  const Matrices m(kMixed, rng);
  const MerkleTree tree = MerkleTree::Commit(m.views);
  const std::vector<uint32_t> queries = RandomQueries(8, tree.num_leaves(), rng);
  const std::vector<uint8_t> opening = tree.Open(queries, m.views);
  int calls = 0;
  const MerkleStatus status = VerifyMerkleOpening(
      tree.root(), m.shapes.data(), m.shapes.size(), queries.data(), queries.size(), opening.data(),
      opening.size(), g_storage.scratch(), Sha3MerkleHasher<Counting>{Counting{&calls}});
  EXPECT_TRUE(status.ok());
  EXPECT_GE(calls, 8 + 10);  // at least the leaves and one node per level
}

// ---- Rejections ----

// Every rejection, for both hashes.
class MerkleRejectTest : public ::testing::TestWithParam<HashId> {
 protected:
  void SetUp() override {
    auto rng = SeededRng(0x3e69);
    m_ = std::make_unique<Matrices>(kMixed, rng);
    tree_ = std::make_unique<MerkleTree>(MerkleTree::Commit(m_->views, {.hash = GetParam()}));
    queries_ = RandomQueries(20, tree_->num_leaves(), rng);
    std::sort(queries_.begin(), queries_.end());
    queries_.erase(std::unique(queries_.begin(), queries_.end()), queries_.end());
    opening_ = tree_->Open(queries_, m_->views);
    ASSERT_TRUE(Verify(root(), shapes(), queries_, opening_).ok());
    row_bytes_ = MerkleRowWidth(m_->shapes.data(), m_->shapes.size()) * 8;
  }

  const MerkleDigest& root() const { return tree_->root(); }
  const std::vector<MatrixShape>& shapes() const { return m_->shapes; }

  // The tree's own hash.
  MerkleStatus Verify(const MerkleDigest& root, const std::vector<MatrixShape>& shapes,
                      const std::vector<uint32_t>& queries,
                      const std::vector<uint8_t>& opening) const {
    return crypto::Verify(root, shapes, queries, opening, GetParam());
  }
  MerkleStatus VerifyWith(const std::vector<uint8_t>& opening) const {
    return Verify(root(), shapes(), queries_, opening);
  }

  std::unique_ptr<Matrices> m_;
  std::unique_ptr<MerkleTree> tree_;
  std::vector<uint32_t> queries_;
  std::vector<uint8_t> opening_;
  size_t row_bytes_ = 0;
};

TEST_P(MerkleRejectTest, TamperedRowValue) {
  // Every row value of every query, changed to another canonical value.
  for (size_t offset = 0; offset < queries_.size() * row_bytes_; offset += 8) {
    std::vector<uint8_t> bad = opening_;
    bad[offset] ^= 1;
    // A row shared with another query (the short matrices) is caught as a disagreement
    // between the copies before the root is reached.
    const MerkleError error = VerifyWith(bad).error;
    ASSERT_TRUE(error == MerkleError::kRootMismatch || error == MerkleError::kDuplicateMismatch)
        << "offset " << offset << ": " << MerkleErrorName(error);
  }
}

TEST_P(MerkleRejectTest, TamperedSiblingDigest) {
  const size_t rows_end = queries_.size() * row_bytes_;
  ASSERT_GT(opening_.size(), rows_end);
  for (size_t offset = rows_end; offset < opening_.size(); ++offset) {
    std::vector<uint8_t> bad = opening_;
    bad[offset] ^= 0x80;
    // A Poseidon2 digest element can become non-canonical, which is refused before hashing.
    const MerkleError error = VerifyWith(bad).error;
    ASSERT_TRUE(error == MerkleError::kRootMismatch ||
                (GetParam() == HashId::kPoseidon2 && error == MerkleError::kNonCanonicalFelt))
        << "offset " << offset << ": " << MerkleErrorName(error);
  }
}

TEST_P(MerkleRejectTest, WrongRoot) {
  for (size_t b = 0; b < 32; ++b) {
    MerkleDigest wrong = root();
    wrong.bytes[b] ^= 4;
    const MerkleStatus status = Verify(wrong, shapes(), queries_, opening_);
    EXPECT_EQ(status.error, MerkleError::kRootMismatch);
    EXPECT_EQ(status.level, 10u);
  }
}

TEST_P(MerkleRejectTest, WrongQueryIndex) {
  for (size_t t = 0; t < queries_.size(); ++t) {
    std::vector<uint32_t> wrong = queries_;
    wrong[t] ^= 1;  // the sibling leaf
    EXPECT_FALSE(Verify(root(), shapes(), wrong, opening_).ok()) << "query " << t;
    wrong[t] = queries_[t] ^ 0x200;  // another subtree
    EXPECT_FALSE(Verify(root(), shapes(), wrong, opening_).ok()) << "query " << t;
  }
  std::vector<uint32_t> out_of_range = queries_;
  out_of_range[3] = tree_->num_leaves();
  const MerkleStatus status = Verify(root(), shapes(), out_of_range, opening_);
  EXPECT_EQ(status.error, MerkleError::kQueryOutOfRange);
  EXPECT_EQ(status.query, 3u);
}

TEST_P(MerkleRejectTest, SwappedQueries) {
  // Rows are bound to query positions: the short matrices' rows now disagree between queries
  // sharing them, or the leaves land in the wrong places.
  auto rejected = [&](const std::vector<uint32_t>& q) {
    const MerkleError error = Verify(root(), shapes(), q, opening_).error;
    return error == MerkleError::kRootMismatch || error == MerkleError::kDuplicateMismatch;
  };
  std::vector<uint32_t> swapped = queries_;
  std::swap(swapped[0], swapped[1]);
  EXPECT_TRUE(rejected(swapped));
  std::swap(swapped[0], swapped[1]);
  std::swap(swapped[4], swapped[queries_.size() - 1]);
  EXPECT_TRUE(rejected(swapped));
  std::reverse(swapped.begin(), swapped.end());
  EXPECT_TRUE(rejected(swapped));
}

TEST_P(MerkleRejectTest, TruncatedAtEveryLength) {
  for (size_t size = 0; size < opening_.size(); ++size) {
    const std::vector<uint8_t> cut(opening_.begin(), opening_.begin() + size);
    const MerkleStatus status = VerifyWith(cut);
    ASSERT_EQ(status.error, MerkleError::kTruncated) << "size " << size;
  }
  // A null pointer with size 0 is just as truncated.
  const MerkleStatus status =
      VerifyMerkleOpening(root(), shapes().data(), shapes().size(), queries_.data(),
                          queries_.size(), nullptr, 0, g_storage.scratch());
  EXPECT_EQ(status.error, MerkleError::kTruncated);
}

TEST_P(MerkleRejectTest, TrailingBytes) {
  for (size_t extra : {1u, 7u, 31u, 32u, 33u, 1000u}) {
    std::vector<uint8_t> longer = opening_;
    longer.resize(longer.size() + extra, 0);
    EXPECT_EQ(VerifyWith(longer).error, MerkleError::kTrailingBytes) << extra;
  }
}

TEST_P(MerkleRejectTest, NonCanonicalFelt) {
  // Query 2, matrix 3 (height 2^4, the fourth in canonical order too), column 1.
  const size_t offset =
      2 * row_bytes_ + 8 * (MerkleMatrixOffset(shapes().data(), shapes().size(), 3) + 1);
  for (uint64_t value : {Felt::kModulus, Felt::kModulus + 1, ~uint64_t{0}}) {
    std::vector<uint8_t> bad = opening_;
    for (int i = 0; i < 8; ++i) bad[offset + i] = static_cast<uint8_t>(value >> (8 * i));
    const MerkleStatus status = VerifyWith(bad);
    EXPECT_EQ(status.error, MerkleError::kNonCanonicalFelt);
    EXPECT_EQ(status.query, 2u);
    EXPECT_EQ(status.matrix, 3u);
    EXPECT_EQ(status.column, 1u);
  }
}

TEST_P(MerkleRejectTest, RepeatedQueryWithDifferentRows) {
  // Query the same leaf twice, then change the second copy of a leaf-height value.
  std::vector<uint32_t> repeated = {queries_[0], queries_[1], queries_[0]};
  std::vector<uint8_t> opening = tree_->Open(repeated, m_->views);
  ASSERT_TRUE(Verify(root(), shapes(), repeated, opening).ok());
  opening[2 * row_bytes_] ^= 1;
  MerkleStatus status = Verify(root(), shapes(), repeated, opening);
  EXPECT_EQ(status.error, MerkleError::kDuplicateMismatch);
  EXPECT_EQ(status.query, 2u);
  EXPECT_EQ(status.level, 0u);
  // Two different leaves under one node of the 2^4-row matrix: its rows must agree.
  repeated = {64, 65};  // 64 >> 6 == 65 >> 6
  opening = tree_->Open(repeated, m_->views);
  ASSERT_TRUE(Verify(root(), shapes(), repeated, opening).ok());
  const size_t short_offset = 8 * MerkleMatrixOffset(shapes().data(), shapes().size(), 3);
  opening[row_bytes_ + short_offset] ^= 1;
  status = Verify(root(), shapes(), repeated, opening);
  EXPECT_EQ(status.error, MerkleError::kDuplicateMismatch);
  EXPECT_EQ(status.level, 6u);
}

TEST_P(MerkleRejectTest, WrongShapes) {
  auto with = [&](auto edit) {
    std::vector<MatrixShape> s = shapes();
    edit(s);
    return Verify(root(), s, queries_, opening_);
  };
  // Malformed shapes.
  EXPECT_EQ(with([](auto& s) { s[1].height = 255; }).error, MerkleError::kBadShape);
  EXPECT_EQ(with([](auto& s) { s[1].height = 255; }).matrix, 1u);
  EXPECT_EQ(with([](auto& s) { s[2].width = 0; }).error, MerkleError::kBadShape);
  EXPECT_EQ(with([](auto& s) { s[0].height = 0; }).error, MerkleError::kBadShape);
  EXPECT_EQ(with([](auto& s) {
              s[4] = {1, 1, RowPairing::kHalves};
            }).error,
            MerkleError::kBadShape);
  EXPECT_EQ(with([](auto& s) { s[4].pairing = static_cast<RowPairing>(7); }).error,
            MerkleError::kBadShape);
  EXPECT_EQ(with([](auto& s) { s[0].width = kMerkleMaxRowWidth; }).error, MerkleError::kBadShape);
  EXPECT_EQ(with([](auto& s) { s.clear(); }).error, MerkleError::kBadShape);
  // Well-formed but not the committed shapes.
  EXPECT_FALSE(with([](auto& s) { s[1].width = 4; }).ok());
  EXPECT_FALSE(with([](auto& s) { s[1].width = 6; }).ok());
  EXPECT_FALSE(with([](auto& s) { s[3].height = 32; }).ok());
  EXPECT_FALSE(with([](auto& s) { s[3].height = 8; }).ok());
  EXPECT_FALSE(with([](auto& s) { s[0].height = 2048; }).ok());
  EXPECT_FALSE(with([](auto& s) { s[1].pairing = RowPairing::kAdjacent; }).ok());
  // What the tree does not bind, by design (merkle_layout.h): the shapes come from the
  // statement, never from the prover. Matrices of one height are hashed as one concatenated
  // row, so re-splitting it ({256 x 5, 256 x 1} read as {256 x 1, 256 x 5}) is the same
  // commitment, and the list order across heights does not matter (canonical order).
  EXPECT_TRUE(with([](auto& s) { std::swap(s[1], s[2]); }).ok());
  EXPECT_TRUE(with([](auto& s) { std::swap(s[0], s[3]); }).ok());
  EXPECT_FALSE(with([](auto& s) { s[0].pairing = RowPairing::kHalves; }).ok());
  EXPECT_FALSE(with([](auto& s) { s.pop_back(); }).ok());
  EXPECT_FALSE(with([](auto& s) { s.push_back({2, 1}); }).ok());
}

TEST_P(MerkleRejectTest, NoQueriesAndSmallScratch) {
  EXPECT_EQ(Verify(root(), shapes(), {}, opening_).error, MerkleError::kNoQueries);
  MerkleVerifierStorage<4> small;
  const MerkleStatus status =
      VerifyMerkleOpening(root(), shapes().data(), shapes().size(), queries_.data(),
                          queries_.size(), opening_.data(), opening_.size(), small.scratch());
  EXPECT_EQ(status.error, MerkleError::kScratchTooSmall);
}

TEST_P(MerkleRejectTest, RandomMutationsNeverAccepted) {
  auto rng = SeededRng(0x3e6a);
  for (int trial = 0; trial < 3000; ++trial) {
    std::vector<uint8_t> bad = opening_;
    switch (trial % 3) {
      case 0:
        bad[rng() % bad.size()] ^= static_cast<uint8_t>(1 + rng() % 255);
        break;
      case 1:
        bad.resize(rng() % bad.size());
        break;
      default:
        bad.insert(bad.begin() + static_cast<ptrdiff_t>(rng() % bad.size()),
                   static_cast<uint8_t>(rng()));
        break;
    }
    ASSERT_FALSE(VerifyWith(bad).ok()) << "trial " << trial;
  }
}

TEST_P(MerkleRejectTest, NonCanonicalSiblingDigest) {
  // Each element of the first sibling set to p + k, the value it is congruent to plus p: the
  // same field element in a second encoding, refused as such by Poseidon2 (SHA3 digests are
  // bytes, so there it is only a wrong digest).
  const size_t rows_end = queries_.size() * row_bytes_;
  for (size_t e = 0; e < 4; ++e) {
    std::vector<uint8_t> bad = opening_;
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | bad[rows_end + 8 * e + i];
    if (v >= (uint64_t{1} << 32) - 1) continue;  // v + p would wrap
    v += Felt::kModulus;
    for (int i = 0; i < 8; ++i) bad[rows_end + 8 * e + i] = static_cast<uint8_t>(v >> (8 * i));
    const MerkleStatus status = VerifyWith(bad);
    if (GetParam() == HashId::kPoseidon2) {
      EXPECT_EQ(status.error, MerkleError::kNonCanonicalFelt) << "element " << e;
      EXPECT_EQ(status.level, 0u);
    } else {
      EXPECT_EQ(status.error, MerkleError::kRootMismatch) << "element " << e;
    }
  }
}

TEST_P(MerkleRejectTest, TheOtherHashRejects) {
  const HashId other = GetParam() == HashId::kSha3 ? HashId::kPoseidon2 : HashId::kSha3;
  EXPECT_EQ(crypto::Verify(root(), shapes(), queries_, opening_, other).error,
            MerkleError::kRootMismatch);
}

INSTANTIATE_TEST_SUITE_P(Hashes, MerkleRejectTest,
                         ::testing::Values(HashId::kSha3, HashId::kPoseidon2),
                         [](const auto& info) { return std::string(HashName(info.param)); });

// ---- Poseidon2 ----

// The field-native rule of merkle_hashers.h written out with Poseidon2Sponge / Compress on
// elements (the hasher under test reads bytes).
MerkleDigest ReferencePoseidon2Root(const std::vector<MerkleMatrix>& matrices) {
  uint32_t num_leaves = 0;
  for (const auto& m : matrices) num_leaves = std::max(num_leaves, m.shape().TreeHeight());
  using Digest = std::array<Felt, 4>;
  auto rows = [&](uint32_t height, uint32_t index, std::vector<Felt>* out) {
    for (const auto& m : matrices) {
      if (m.shape().TreeHeight() != height) continue;
      for (size_t j = 0; j < m.shape().TreeWidth(); ++j) out->push_back(m.TreeValue(index, j));
    }
  };
  auto sponge = [](const std::vector<Felt>& in, uint64_t domain) {
    Poseidon2Sponge<> s(in.size(), domain);
    for (Felt x : in) s.Absorb(x);
    Digest d;
    s.Finish(d.data());
    return d;
  };
  std::vector<Digest> level;
  for (uint32_t i = 0; i < num_leaves; ++i) {
    std::vector<Felt> in;
    rows(num_leaves, i, &in);
    level.push_back(sponge(in, 0));
  }
  for (uint32_t width = num_leaves / 2; width >= 1; width /= 2) {
    std::vector<Digest> next;
    for (uint32_t j = 0; j < width; ++j) {
      std::vector<Felt> in(level[2 * j].begin(), level[2 * j].end());
      in.insert(in.end(), level[2 * j + 1].begin(), level[2 * j + 1].end());
      rows(width, j, &in);
      Digest d;
      if (in.size() == 8) {
        Poseidon2Compress(in.data(), in.data() + 4, d.data());
      } else {
        d = sponge(in, 2);
      }
      next.push_back(d);
    }
    level = std::move(next);
  }
  MerkleDigest root;
  Poseidon2DigestToBytes(level[0].data(), &root);
  return root;
}

TEST(MerkleTest, Poseidon2RootFollowsTheRuleOnEveryBackend) {
  auto rng = SeededRng(0x3e6b);
  for (const std::vector<Shape>& list :
       {kMixed, std::vector<Shape>{{1, 4}}, std::vector<Shape>{{1 << 9, 17}},
        std::vector<Shape>{{1 << 9, 3, RowPairing::kHalves}, {1 << 8, 2}, {1 << 3, 8}}}) {
    const Matrices m(list, rng);
    const MerkleDigest expected = ReferencePoseidon2Root(m.views);
    for (SimdPath backend : {SimdPath::kScalar, SimdPath::kAvx2, SimdPath::kAvx512}) {
      if (!SimdPathSupported(backend)) continue;
      const MerkleTree tree =
          MerkleTree::Commit(m.views, {.hash = HashId::kPoseidon2, .poseidon2_backend = backend});
      EXPECT_EQ(tree.root(), expected) << SimdPathName(backend);
      EXPECT_TRUE(Poseidon2MerkleHasher<>::CanonicalDigest(tree.root().bytes));
    }
    EXPECT_FALSE(MerkleTree::Commit(m.views).root() == expected);  // SHA3 differs
  }
}

TEST(MerkleTest, Poseidon2OpensAndVerifiesWithLeafDrop) {
  auto rng = SeededRng(0x3e6c);
  const Matrices m(kMixed, rng);
  const MerkleTree kept = MerkleTree::Commit(m.views, {.hash = HashId::kPoseidon2});
  const MerkleTree dropped =
      MerkleTree::Commit(m.views, {.drop_leaves = true, .hash = HashId::kPoseidon2});
  EXPECT_EQ(kept.root(), dropped.root());
  std::vector<uint32_t> queries = RandomQueries(100, kept.num_leaves(), rng);
  queries.push_back(queries[3]);
  const std::vector<uint8_t> opening = kept.Open(queries, m.views);
  EXPECT_EQ(opening, dropped.Open(queries, m.views));
  const MerkleStatus status = Verify(kept.root(), m.shapes, queries, opening, HashId::kPoseidon2);
  ASSERT_TRUE(status.ok()) << MerkleErrorName(status.error);
  ExpectOpenedValues(m, queries, opening);
}

}  // namespace
}  // namespace zkvm::crypto
