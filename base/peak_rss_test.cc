#include "base/peak_rss.h"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>

namespace zkvm {
namespace {

// The high-water mark covers memory the process touched. (The kernel's counters behind VmHWM
// are synchronized lazily, so two readings may differ by a few pages either way.)
TEST(PeakRssTest, GrowsWithTouchedMemory) {
  const uint64_t before = PeakRssBytes();
  ASSERT_GT(before, 0u);
  constexpr size_t kBytes = size_t{64} << 20;
  auto block = std::make_unique<char[]>(kBytes);
  std::memset(block.get(), 1, kBytes);
  EXPECT_GE(PeakRssBytes(), before + kBytes / 2);
  block.reset();
  EXPECT_GE(PeakRssBytes(), before + kBytes / 2);
}

}  // namespace
}  // namespace zkvm
