// Sorting: a hand-written merge sort on heap buffers (new[]) against std::sort on a copy. A
// memory-heavy workload (loads, stores, branches) that also exercises the runtime's allocator
// and header-only libstdc++ (<algorithm>).
//
// Payload (u32 little-endian words, read in place: the payload is 16-aligned):
//   count, value_0 .. value_{count-1}   sort these values;
//   count                               sort `count` xorshift32 values (benchmarks);
//   empty                               sort 1000 xorshift32 values.
// Public output (little-endian): checksum u64 = sum over i of (i + 1) * sorted[i] mod 2^64,
// then count u32, first u32, last u32 (0, 0 when count is 0).
// Exit codes: 1 malformed payload (or count > 2^27), 2 the two sorts disagree, 3 the result is not
// sorted.

#include <stddef.h>
#include <stdint.h>

#include <algorithm>
#include <span>

#include "syscalls/zkvm.h"

namespace {

constexpr uint32_t kExitBadInput = 1;
constexpr uint32_t kExitSortsDisagree = 2;
constexpr uint32_t kExitNotSorted = 3;
constexpr uint32_t kDefaultCount = 1000;
// Three arrays of this many u32 (values, reference copy, merge buffer) fit the heap.
constexpr uint32_t kMaxCount = uint32_t{1} << 27;
constexpr uint32_t kSeed = 0x2545F491;

uint32_t XorShift32(uint32_t& state) {
  state ^= state << 13;
  state ^= state >> 17;
  state ^= state << 5;
  return state;
}

// Merges the sorted runs [lo, mid) and [mid, hi) of `from` into `to`.
void Merge(const uint32_t* from, uint32_t* to, size_t lo, size_t mid, size_t hi) {
  size_t left = lo;
  size_t right = mid;
  for (size_t out = lo; out < hi; ++out) {
    if (left < mid && (right >= hi || from[left] <= from[right])) {
      to[out] = from[left++];
    } else {
      to[out] = from[right++];
    }
  }
}

// Bottom-up merge sort: runs of width 1, 2, 4, ... ping-pong between `data` and a buffer.
void MergeSort(uint32_t* data, size_t count) {
  uint32_t* buffer = new uint32_t[count];
  uint32_t* from = data;
  uint32_t* to = buffer;
  for (size_t width = 1; width < count; width *= 2) {
    for (size_t lo = 0; lo < count; lo += 2 * width) {
      const size_t mid = std::min(lo + width, count);
      const size_t hi = std::min(lo + 2 * width, count);
      Merge(from, to, lo, mid, hi);
    }
    std::swap(from, to);
  }
  if (from != data) std::copy(from, from + count, data);
  delete[] buffer;
}

void PutU32(uint8_t* out, uint32_t value) {
  for (int i = 0; i < 4; ++i) out[i] = static_cast<uint8_t>(value >> (8 * i));
}

}  // namespace

int main() {
  const std::span<const uint8_t> input = zkvm::PrivateInput();
  // The payload starts 16-aligned, so its words can be read in place.
  const uint32_t* words = reinterpret_cast<const uint32_t*>(input.data());
  uint32_t count = kDefaultCount;
  const uint32_t* given = nullptr;
  if (!input.empty()) {
    if (input.size() < 4 || input.size() % 4 != 0) {
      zkvm::DebugPrint("sort: the payload must be u32 words\n");
      return kExitBadInput;
    }
    count = words[0];
    if (count > kMaxCount) {
      zkvm::DebugPrint("sort: count is too large\n");
      return kExitBadInput;
    }
    if (input.size() != 4) {
      if ((input.size() - 4) / 4 != count) {
        zkvm::DebugPrint("sort: the payload must hold count and then count values\n");
        return kExitBadInput;
      }
      given = words + 1;
    }
  }

  uint32_t* values = new uint32_t[count];
  if (given != nullptr) {
    std::copy(given, given + count, values);
  } else {
    uint32_t state = kSeed;
    for (uint32_t i = 0; i < count; ++i) values[i] = XorShift32(state);
  }
  uint32_t* reference = new uint32_t[count];
  std::copy(values, values + count, reference);

  MergeSort(values, count);
  std::sort(reference, reference + count);

  if (!std::equal(values, values + count, reference)) {
    zkvm::DebugPrint("sort: merge sort and std::sort disagree\n");
    return kExitSortsDisagree;
  }
  uint64_t checksum = 0;
  for (uint32_t i = 0; i < count; ++i) {
    if (i > 0 && values[i - 1] > values[i]) {
      zkvm::DebugPrint("sort: the result is not sorted\n");
      return kExitNotSorted;
    }
    checksum += static_cast<uint64_t>(i + 1) * values[i];
  }

  uint8_t output[20];
  PutU32(output, static_cast<uint32_t>(checksum));
  PutU32(output + 4, static_cast<uint32_t>(checksum >> 32));
  PutU32(output + 8, count);
  PutU32(output + 12, count > 0 ? values[0] : 0);
  PutU32(output + 16, count > 0 ? values[count - 1] : 0);
  zkvm::Commit(output, sizeof(output));
  delete[] values;
  delete[] reference;
  return 0;
}
