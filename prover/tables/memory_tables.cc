#include "prover/tables/memory_tables.h"

#include <algorithm>

#include "base/check.h"
#include "syscalls/abi.h"

namespace zkvm::prover {

using crypto::ColumnMajorMatrix;

namespace {

size_t PowerOfTwoAtLeast(size_t n) {
  size_t rows = 2;
  while (rows < n) rows *= 2;
  return rows;
}

}  // namespace

ColumnMajorMatrix RegisterPreprocessed() {
  ColumnMajorMatrix m(kRegisterTableRows, 3);
  for (uint32_t i = 0; i < kNumRegisterTokens; ++i) {
    m(i, 0) = Felt::FromU64(i);
    m(i, 1) = Felt::FromU64(i == 2 ? abi::kStackTop : 0);
    m(i, 2) = Felt::One();
  }
  return m;
}

uint32_t ImageEnd(const executor::Program& program) {
  uint64_t end = abi::kImageBase;
  for (const executor::Segment& s : program.segments) {
    end = std::max<uint64_t>(end, uint64_t{s.vaddr} + s.mem_size);
  }
  return static_cast<uint32_t>((end + 3) & ~uint64_t{3});
}

size_t PageElfWords(const executor::Program& program) {
  return (ImageEnd(program) - abi::kImageBase) / 4;
}

size_t PageElfRows(const executor::Program& program) {
  return PowerOfTwoAtLeast(PageElfWords(program));
}

std::vector<uint32_t> ImageWords(const executor::Program& program) {
  std::vector<uint32_t> words(PageElfWords(program), 0);
  for (const executor::Segment& s : program.segments) {
    for (size_t i = 0; i < s.data.size(); ++i) {
      const uint32_t addr = s.vaddr + static_cast<uint32_t>(i);
      words[(addr - abi::kImageBase) / 4] |= uint32_t{s.data[i]} << (8 * (addr & 3));
    }
  }
  return words;
}

ColumnMajorMatrix PageElfPreprocessed(const executor::Program& program) {
  const std::vector<uint32_t> words = ImageWords(program);
  ColumnMajorMatrix m(PageElfRows(program), 4);
  for (size_t i = 0; i < words.size(); ++i) {
    const uint32_t addr = abi::kImageBase + 4 * static_cast<uint32_t>(i);
    const bool rom = addr >= program.text_begin && addr < program.text_end;
    m(i, 0) = Felt::FromU64(static_cast<uint64_t>(rom ? Space::kRom : Space::kRam));
    m(i, 1) = Felt::FromU64(addr / 4);
    m(i, 2) = Felt::FromU64(words[i]);
    m(i, 3) = Felt::One();
  }
  return m;
}

size_t PageRows(bool input, size_t num_words) {
  return PowerOfTwoAtLeast(num_words + (input ? 1 : 2));
}

std::vector<uint32_t> InputFrameWords(uint32_t payload_length) {
  const uint32_t w0 = abi::kInputBase / 4;
  std::vector<uint32_t> words = {w0, w0 + 1, w0 + 2, w0 + 3};
  const uint32_t boundary = InputBoundaryWord(payload_length);
  if (boundary != words.back()) words.push_back(boundary);
  return words;
}

ColumnMajorMatrix PageTrace(bool input, const std::vector<PageWord>& words, PageBounds bounds,
                            LookupSink* sink, size_t min_rows) {
  using Col = PageInputAir::Col;
  const size_t rows = std::max(PageRows(input, words.size()), min_rows);
  ColumnMajorMatrix m(rows, input ? PageInputAir::kNumCols : PageZeroAir::kNumCols);
  auto set = [&](size_t r, Col c, uint64_t v) { m(r, c) = Felt::FromU64(v); };
  auto gap = [&](size_t r, uint32_t g) {
    set(r, Col::kG0, g & 0xFFFF);
    set(r, Col::kG1, g >> 16);
    AddR16(sink, g & 0xFFFF);
    AddR16(sink, g >> 16);
  };
  // PAGE_ZERO starts with the sentinel lo; PAGE_INPUT with its header word lo.
  const size_t first = input ? 0 : 1;
  uint32_t prev = bounds.lo;
  if (!input) {
    set(0, Col::kW, bounds.lo);
    gap(0, 0);
  }
  const uint32_t len = input && !words.empty() ? words[0].init : 0;
  const uint32_t boundary = InputBoundaryWord(len);
  if (input) {
    ZKVM_CHECK(!words.empty() && words[0].w == bounds.lo, "PAGE_INPUT starts at its header word");
    for (uint32_t w : InputFrameWords(len)) {
      ZKVM_CHECK(std::binary_search(words.begin(), words.end(), PageWord{.w = w},
                                    [](const PageWord& a, const PageWord& b) { return a.w < b.w; }),
                 "PAGE_INPUT holds the header words and the boundary word");
    }
  }
  for (size_t i = 0; i < words.size(); ++i) {
    const PageWord& pw = words[i];
    const size_t r = i + first;
    ZKVM_CHECK((r == 0 || pw.w > prev) && pw.w <= bounds.hi,
               "page words must be sorted and in range");
    set(r, Col::kW, pw.w);
    set(r, Col::kReal, 1);
    set(r, Col::kFinTs, pw.fin_ts);
    set(r, Col::kInitTs, pw.init_ts);
    set(r, Col::kFinVal, pw.fin_val);
    gap(r, r == 0 ? 0 : pw.w - prev - 1);
    prev = pw.w;
    if (!input) {
      ZKVM_CHECK(pw.init == 0, "zero pages start at zero");
      continue;
    }
    set(r, Col::kI0, pw.init & 0xFFFF);
    set(r, Col::kI1, pw.init >> 16);
    AddR16(sink, pw.init & 0xFFFF);
    AddR16(sink, pw.init >> 16);
    // The values are written as given (an input file's, from the executor); the soundness tests
    // hand in other ones and watch the constraints refuse them.
    set(r, Col::kHead, pw.w <= bounds.lo + 3 ? 1 : 0);
    set(r, Col::kPast, pw.w > boundary ? 1 : 0);
    // The boundary word holds z zero bytes at its top: it is below P = 2^(32 - 8 z).
    const uint32_t z = pw.w == boundary ? 4 * (boundary - bounds.lo - 3) - len : 0;
    set(r, Col::kZ0, z & 1);
    set(r, Col::kZ1, z >> 1);
    const uint32_t v = static_cast<uint32_t>((uint64_t{1} << (32 - 8 * z)) - 1 - pw.init);
    set(r, Col::kV0, v & 0xFFFF);
    set(r, Col::kV1, v >> 16);
    AddR16(sink, v & 0xFFFF);
    AddR16(sink, v >> 16);
  }
  for (size_t r = words.size() + first; r < rows; ++r) {
    set(r, Col::kW, bounds.hi);
    gap(r, bounds.hi - prev);
    prev = bounds.hi;
    if (input) {
      set(r, Col::kPast, 1);
      set(r, Col::kV0, 0xFFFF);
      set(r, Col::kV1, 0xFFFF);
    }
  }
  if (input) {
    for (size_t r = 0; r < rows; ++r) set(r, Col::kLen, len);
  }
  return m;
}

// ---- REFRESH ------------------------------------------------------------------------------------

void FillRefresh(const RefreshRow& refresh, uint64_t r, RowWriter& row, LookupSink* sink) {
  using Col = RefreshAir::Col;
  row.Set(Col::kReal, 1);
  row.Set(Col::kSpace, static_cast<uint64_t>(refresh.space));
  row.Set(Col::kAddr, refresh.addr);
  row.Set(Col::kV, refresh.value);
  FillAccess(row, Col::kP, Col::kD, r, refresh.gap, sink);
}

}  // namespace zkvm::prover
