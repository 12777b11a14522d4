// PAGE_INPUT holds an input file (memory_airs.h, docs/tables.md section 4.4): the header's
// reserved words and every byte past the payload length start at zero. Honest traces for a
// range of payload lengths pass the row checker with every lookup in range; a trace whose words
// break the rule is refused however a lying builder places the boundary row and fills its
// columns.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <random>
#include <vector>

#include "crypto/field/matrix.h"
#include "prover/tables/memory_tables.h"
#include "stark/air/row_checker.h"
#include "syscalls/abi.h"

namespace zkvm::prover {
namespace {

using Col = PageInputAir::Col;
constexpr uint32_t kW0 = abi::kInputBase / 4;

// An input file's words as PAGE_INPUT sees them: the frame words plus `payload_words` (offsets
// from the first payload word) of a payload of `len` random bytes, each untouched.
std::vector<PageWord> InputWords(uint32_t len, const std::vector<uint32_t>& payload_words,
                                 std::mt19937_64& rng) {
  std::vector<uint32_t> ws = InputFrameWords(len);
  for (uint32_t k : payload_words) ws.push_back(kW0 + 4 + k);
  std::sort(ws.begin(), ws.end());
  ws.erase(std::unique(ws.begin(), ws.end()), ws.end());
  std::vector<PageWord> words;
  for (uint32_t w : ws) {
    uint32_t init = 0;
    if (w == kW0) {
      init = len;
    } else if (w >= kW0 + 4) {
      const uint64_t first_byte = 4 * uint64_t{w - kW0 - 4};
      for (uint32_t b = 0; b < 4; ++b) {
        if (first_byte + b < len) init |= static_cast<uint32_t>(rng() & 0xFF) << (8 * b);
      }
    }
    words.push_back({.w = w, .init = init, .fin_ts = 0, .fin_val = init});
  }
  return words;
}

// The row checker, and every R16 argument of the table in [0, 2^16) (the lookups BYTE
// answers): the gap limbs on every row, the value limbs on real rows.
bool Accepts(const crypto::ColumnMajorMatrix& m) {
  const PageBounds b = PageInputBounds();
  const std::vector<Felt> publics = {Felt::FromU64(b.lo), Felt::FromU64(b.hi)};
  if (!stark::CheckTable(PageInputAir{}, stark::TableTrace{m.view(), {}, publics}).ok()) {
    return false;
  }
  for (size_t r = 0; r < m.num_rows(); ++r) {
    for (Col c : {Col::kG0, Col::kG1}) {
      if (m(r, c).value() >= (1u << 16)) return false;
    }
    if (m(r, Col::kReal) == Felt::Zero()) continue;
    for (Col c : {Col::kI0, Col::kI1, Col::kV0, Col::kV1}) {
      if (m(r, c).value() >= (1u << 16)) return false;
    }
  }
  return true;
}

crypto::ColumnMajorMatrix Trace(const std::vector<PageWord>& words) {
  return PageTrace(true, words, PageInputBounds(), nullptr);
}

// The trace with a non-real copy of row `row` inserted after it (same w, so its gap is 0): a
// row a lying builder may add to place the boundary where no real word is. The last row, a
// padding row, drops off (the trace must have two).
crypto::ColumnMajorMatrix WithNonRealCopy(const crypto::ColumnMajorMatrix& m, size_t row) {
  crypto::ColumnMajorMatrix out(m.num_rows(), m.num_cols());
  for (size_t c = 0; c < m.num_cols(); ++c) {
    for (size_t r = 0; r < m.num_rows(); ++r) {
      out(r, c) = r <= row ? m(r, c) : m(r - 1, c);
    }
    out(row + 1, c) = Felt::Zero();
  }
  for (Col c : {Col::kW, Col::kHead, Col::kLen}) out(row + 1, c) = m(row, c);
  return out;
}

// A lying builder's best effort with the rows of `m` fixed. head: 1 on rows up to head_end
// (on none when head_end = -1), `head_after` on the rest (0, or -1 to cancel past in the zero
// rule). past: changing once, after row `change` (never when change is the last row),
// from 0 to 1 or from 1 to 0. z in [0, 4) on the change row. v recomputed to match (its high
// limb then out of range when P - 1 - init is not a u32) or left at 0. The len column is set to
// `len` on every row when given (from the second row on with `header_row_len`, so that the first
// row keeps the header's value). Returns the change rows of the variants that pass.
std::vector<size_t> AcceptedPlacements(crypto::ColumnMajorMatrix m,
                                       std::optional<uint32_t> len = std::nullopt,
                                       bool header_row_len = false) {
  std::vector<size_t> accepted;
  const size_t rows = m.num_rows();
  const Felt minus_one = Felt::Zero() - Felt::One();
  for (int head_end = -1; head_end < 4; ++head_end) {
    for (Felt head_after : {Felt::Zero(), minus_one}) {
      for (size_t change = 0; change < rows; ++change) {
        for (bool rising : {true, false}) {
          for (uint32_t z = 0; z < 4; ++z) {
            for (bool zero_v : {false, true}) {
              for (size_t r = 0; r < rows; ++r) {
                if (len && !(header_row_len && r == 0)) m(r, Col::kLen) = Felt::FromU64(*len);
                m(r, Col::kHead) = static_cast<int>(r) <= head_end ? Felt::One() : head_after;
                m(r, Col::kPast) = Felt::FromU64((r > change) == rising ? 1 : 0);
                const uint32_t zr = r == change ? z : 0;
                m(r, Col::kZ0) = Felt::FromU64(zr & 1);
                m(r, Col::kZ1) = Felt::FromU64(zr >> 1);
                const Felt init =
                    m(r, Col::kI0) + Felt::FromU64(uint64_t{1} << 16) * m(r, Col::kI1);
                const Felt v = Felt::FromU64(uint64_t{1} << (32 - 8 * zr)) - Felt::One() - init;
                const uint64_t lo = zero_v ? 0 : v.value() & 0xFFFF;
                m(r, Col::kV0) = Felt::FromU64(lo);
                m(r, Col::kV1) =
                    zero_v ? Felt::Zero() : (v - Felt::FromU64(lo)) * Felt::FromU64(kInvTwo16);
              }
              if (Accepts(m)) accepted.push_back(change);
            }
          }
        }
      }
    }
  }
  return accepted;
}

// Whether any lie passes for `words`: the builder's own rows, or with a non-real row inserted
// after any of the rows in `insert_after`.
bool AnyLieAccepted(const std::vector<PageWord>& words, const std::vector<size_t>& insert_after,
                    std::optional<uint32_t> len = std::nullopt, bool header_row_len = false) {
  const crypto::ColumnMajorMatrix m = Trace(words);
  if (!AcceptedPlacements(Trace(words), len, header_row_len).empty()) return true;
  for (size_t row : insert_after) {
    if (m.num_rows() - words.size() < 2) continue;  // no padding row to spare
    if (!AcceptedPlacements(WithNonRealCopy(m, row), len, header_row_len).empty()) return true;
  }
  return false;
}

// The row of word w.
size_t RowOf(const std::vector<PageWord>& words, uint32_t w) {
  for (size_t i = 0; i < words.size(); ++i) {
    if (words[i].w == w) return i;
  }
  ADD_FAILURE() << "no row for word " << w;
  return 0;
}

TEST(PageInputTest, HonestInputsOfEveryLength) {
  std::mt19937_64 rng(20261206);
  for (uint32_t len : {0u, 1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u, 13u, 64u, 1000u}) {
    SCOPED_TRACE(len);
    // Untouched payload; the first words; words around the boundary and past it.
    const uint32_t last = (len + 3) / 4;
    for (const std::vector<uint32_t>& touched :
         {std::vector<uint32_t>{}, std::vector<uint32_t>{0, 1},
          std::vector<uint32_t>{last > 0 ? last - 1 : 0, last, last + 1, last + 7}}) {
      const crypto::ColumnMajorMatrix m = Trace(InputWords(len, touched, rng));
      EXPECT_TRUE(Accepts(m));
    }
  }
  // The largest payload: its boundary word is the last word of the region.
  const uint32_t max = abi::kMaxInputPayload;
  EXPECT_EQ(InputBoundaryWord(max), PageInputBounds().hi);
  EXPECT_TRUE(Accepts(Trace(InputWords(max, {0, max / 4 - 1}, rng))));
}

// However a builder places the boundary row, only the true one (at InputBoundaryWord) passes:
// it gains nothing by moving it.
TEST(PageInputTest, OnlyTheTrueBoundaryPasses) {
  std::mt19937_64 rng(5);
  for (uint32_t len : {0u, 3u, 4u, 9u}) {
    SCOPED_TRACE(len);
    const uint32_t last = (len + 3) / 4;
    const std::vector<PageWord> words = InputWords(len, {0, last, last + 2}, rng);
    const std::vector<size_t> accepted = AcceptedPlacements(Trace(words));
    ASSERT_EQ(accepted.size(), 1u);
    EXPECT_EQ(words[accepted[0]].w, InputBoundaryWord(len));
    // A non-real copy of the boundary word cannot take its place.
    EXPECT_TRUE(
        AcceptedPlacements(WithNonRealCopy(Trace(words), RowOf(words, InputBoundaryWord(len))))
            .size() <= 1);
  }
}

// The len column must be the header word's value, on every row (also when only the first row,
// the header's, holds it).
TEST(PageInputTest, LengthOtherThanTheHeadersIsRefused) {
  std::mt19937_64 rng(6);
  for (uint32_t len : {0u, 4u, 7u}) {
    const std::vector<PageWord> words = InputWords(len, {0, 1, 2, 3}, rng);
    for (uint32_t claimed : {len + 1, len + 4, len - 1}) {
      for (bool header_row_len : {false, true}) {
        EXPECT_FALSE(
            AnyLieAccepted(words, {RowOf(words, InputBoundaryWord(len))}, claimed, header_row_len))
            << "header " << len << ", claimed " << claimed << ", first row kept " << header_row_len;
      }
    }
  }
}

TEST(PageInputTest, NonZeroReservedHeaderByteIsRefused) {
  std::mt19937_64 rng(1);
  for (uint32_t len : {0u, 5u}) {
    for (uint32_t word = 1; word < 4; ++word) {
      for (uint32_t byte = 0; byte < 4; ++byte) {
        std::vector<PageWord> words = InputWords(len, {0}, rng);
        words[word].init = words[word].fin_val = 0x5Au << (8 * byte);
        EXPECT_FALSE(AnyLieAccepted(words, {word, RowOf(words, InputBoundaryWord(len))}))
            << "len " << len << ", reserved word " << word << " byte " << byte;
      }
    }
  }
}

TEST(PageInputTest, NonZeroBytePastThePayloadIsRefused) {
  std::mt19937_64 rng(2);
  for (uint32_t len : {0u, 1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u, 13u}) {
    const uint32_t last = (len + 3) / 4;  // words holding payload bytes
    // Every byte of the boundary word past len, and bytes of touched words after it.
    for (uint32_t byte = len; byte < 4 * last + 8; ++byte) {
      std::vector<PageWord> words = InputWords(len, {0, last, last + 1}, rng);
      const uint32_t w = kW0 + 4 + byte / 4;
      auto it =
          std::find_if(words.begin(), words.end(), [&](const PageWord& pw) { return pw.w == w; });
      ASSERT_NE(it, words.end());
      it->init |= 0x01u << (8 * (byte % 4));
      it->fin_val = it->init;
      EXPECT_FALSE(AnyLieAccepted(
          words, {static_cast<size_t>(it - words.begin()), RowOf(words, InputBoundaryWord(len))}))
          << "len " << len << ", payload byte " << byte;
    }
  }
}

}  // namespace
}  // namespace zkvm::prover
