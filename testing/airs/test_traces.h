// Builders of valid traces for the test AIRs (test_airs.h). Host-only.
#pragma once

#include <cstdint>
#include <vector>

#include "crypto/field/matrix.h"
#include "testing/airs/test_airs.h"

namespace zkvm::stark::testing {

using crypto::ColumnMajorMatrix;

// Valid traces.
ColumnMajorMatrix FibonacciTrace(size_t rows, uint64_t a0, uint64_t b0);

struct PipelineTraces {
  ColumnMajorMatrix words;         // 8 x 1
  ColumnMajorMatrix bytes;         // 16 x 6
  ColumnMajorMatrix range;         // 256 x 1 (multiplicities)
  ColumnMajorMatrix range_fixed;   // 256 x 1 (preprocessed 0..255)
  std::vector<Felt> word_publics;  // w_0, step
};
PipelineTraces PipelineTrace(uint32_t w0, uint32_t step);

}  // namespace zkvm::stark::testing
