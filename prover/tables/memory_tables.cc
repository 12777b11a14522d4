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

ColumnMajorMatrix PageTrace(bool input, const std::vector<PageWord>& words, PageBounds bounds,
                            LookupSink* sink) {
  using Col = PageZeroAir::Col;
  const size_t rows = PowerOfTwoAtLeast(words.size() + 2);
  ColumnMajorMatrix m(rows, input ? 8 : 6);
  uint32_t prev = bounds.lo;
  auto gap = [&](size_t r, uint32_t g) {
    m(r, Col::kG0) = Felt::FromU64(g & 0xFFFF);
    m(r, Col::kG1) = Felt::FromU64(g >> 16);
    AddR16(sink, g & 0xFFFF);
    AddR16(sink, g >> 16);
  };
  m(0, Col::kW) = Felt::FromU64(bounds.lo);
  gap(0, 0);
  for (size_t i = 0; i < words.size(); ++i) {
    const PageWord& pw = words[i];
    ZKVM_CHECK(pw.w > prev && pw.w <= bounds.hi, "page words must be sorted and in range");
    const size_t r = i + 1;
    m(r, Col::kW) = Felt::FromU64(pw.w);
    m(r, Col::kReal) = Felt::One();
    m(r, Col::kFinTs) = Felt::FromU64(pw.fin_ts);
    m(r, Col::kFinVal) = Felt::FromU64(pw.fin_val);
    gap(r, pw.w - prev - 1);
    if (input) {
      m(r, Col::kI0) = Felt::FromU64(pw.init & 0xFFFF);
      m(r, Col::kI1) = Felt::FromU64(pw.init >> 16);
      AddR16(sink, pw.init & 0xFFFF);
      AddR16(sink, pw.init >> 16);
    } else {
      ZKVM_CHECK(pw.init == 0, "zero pages start at zero");
    }
    prev = pw.w;
  }
  for (size_t r = words.size() + 1; r < rows; ++r) {
    m(r, Col::kW) = Felt::FromU64(bounds.hi);
    gap(r, bounds.hi - prev);
    prev = bounds.hi;
  }
  return m;
}

}  // namespace zkvm::prover
