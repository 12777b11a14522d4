#include "testing/airs/test_traces.h"

namespace zkvm::stark::testing {

ColumnMajorMatrix FibonacciTrace(size_t rows, uint64_t a0, uint64_t b0) {
  ColumnMajorMatrix m(rows, 2);
  Felt a = Felt::FromU64(a0), b = Felt::FromU64(b0);
  for (size_t r = 0; r < rows; ++r) {
    m(r, 0) = a;
    m(r, 1) = b;
    const Felt next = a + b;
    a = b;
    b = next;
  }
  return m;
}

PipelineTraces PipelineTrace(uint32_t w0, uint32_t step) {
  PipelineTraces t{ColumnMajorMatrix(8, 1),
                   ColumnMajorMatrix(16, 6),
                   ColumnMajorMatrix(256, 1),
                   ColumnMajorMatrix(256, 1),
                   {Felt::FromU64(w0), Felt::FromU64(step)}};
  for (size_t r = 0; r < 256; ++r) t.range_fixed(r, 0) = Felt::FromU64(r);
  std::vector<uint64_t> counts(256, 0);
  uint32_t w = w0;
  for (size_t r = 0; r < 8; ++r, w += step) {
    t.words(r, 0) = Felt::FromU64(w);
    t.bytes(r, 0) = Felt::One();
    t.bytes(r, 1) = Felt::FromU64(w);
    for (int i = 0; i < 4; ++i) {
      const uint32_t byte = (w >> (8 * i)) & 0xff;
      t.bytes(r, 2 + i) = Felt::FromU64(byte);
      counts[byte]++;
    }
  }
  // Rows 8..15 of `bytes` are padding: active = 0, everything zero.
  for (size_t r = 0; r < 256; ++r) t.range(r, 0) = Felt::FromU64(counts[r]);
  return t;
}

}  // namespace zkvm::stark::testing
