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
  uint32_t fin_ts = 0;
  uint32_t fin_val = 0;
};

// The trace of sorted, distinct `words` with sentinels; height: the next power of two >= n + 2.
// Reports the R16 lookups to `sink`.
crypto::ColumnMajorMatrix PageTrace(bool input, const std::vector<PageWord>& words,
                                    PageBounds bounds, LookupSink* sink);

}  // namespace zkvm::prover
