// The memory tables' preprocessed columns and traces (host); the AIRs and their documentation
// are in memory_airs.h.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <vector>

#include "crypto/field/matrix.h"
#include "executor/program.h"
#include "prover/tables/gadgets.h"
#include "prover/tables/memory_airs.h"

namespace zkvm::prover {

// ---- REGISTER ----------------------------------------------------------------------------------

crypto::ColumnMajorMatrix RegisterPreprocessed();

// ---- PAGE_ELF -----------------------------------------------------------------------------------

// The end of the ELF image: the highest segment end, rounded up to a word.
uint32_t ImageEnd(const executor::Program& program);
// The number of words PAGE_ELF covers and its (power-of-two) height.
size_t PageElfWords(const executor::Program& program);
size_t PageElfRows(const executor::Program& program);
// The initial image words of [kImageBase, image_end).
std::vector<uint32_t> ImageWords(const executor::Program& program);
crypto::ColumnMajorMatrix PageElfPreprocessed(const executor::Program& program);

// ---- PAGE_ZERO / PAGE_INPUT -----------------------------------------------------------------

// One touched word of PAGE_ZERO / PAGE_INPUT.
struct PageWord {
  uint32_t w = 0;
  uint32_t init = 0;
  uint64_t init_ts = 0;
  uint64_t fin_ts = 0;
  uint32_t fin_val = 0;
};

// One REFRESH row: the token of (space, addr) of age `gap` at the segment's refresh timestamp
// r (emitted at r - 1 - gap) renewed at r.
struct RefreshRow {
  Space space = Space::kReg;
  uint32_t addr = 0;
  uint32_t gap = 0;
  uint32_t value = 0;
};

// Fills one REFRESH row (writer zeroed) at refresh timestamp r and reports its R16 lookups.
void FillRefresh(const RefreshRow& refresh, uint64_t r, RowWriter& row, LookupSink* sink);

// The height of PAGE_ZERO (PAGE_INPUT) for n words: the next power of two >= n + 2 (n + 1),
// room for the sentinels (PAGE_INPUT's first row is its header word, not a sentinel).
size_t PageRows(bool input, size_t num_words);

// The words PAGE_INPUT always has rows for, in order, for an input of `payload_length` bytes:
// the four header words and the boundary word (InputBoundaryWord; the last header word when
// the payload is empty, so then only four).
std::vector<uint32_t> InputFrameWords(uint32_t payload_length);

// The trace of sorted, distinct `words` with sentinels, PageRows(input, words.size()) rows or
// `min_rows` (a power of two) if more. For PAGE_INPUT the words must include InputFrameWords of
// the length the first one holds. Reports the R16 lookups to `sink`.
crypto::ColumnMajorMatrix PageTrace(bool input, const std::vector<PageWord>& words,
                                    PageBounds bounds, LookupSink* sink, size_t min_rows = 0);

}  // namespace zkvm::prover
