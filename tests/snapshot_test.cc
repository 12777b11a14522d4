// Snapshot/resume on real guests: for the fibonacci and sort guests, a snapshot taken at many
// points (serialized and parsed back) resumes to the same result, and the logs written after
// the resume are byte-identical to the same part of an uninterrupted run's logs.
#include <gtest/gtest.h>

#include <algorithm>

#include "executor/executor.h"
#include "testing/guests.h"

namespace zkvm {
namespace {

using executor::ExecutionLog;
using executor::Executor;
using executor::RunStatus;

template <typename T, typename A>
std::span<const uint8_t> Bytes(const std::vector<T, A>& v, size_t first) {
  return {reinterpret_cast<const uint8_t*>(v.data() + first), (v.size() - first) * sizeof(T)};
}

std::vector<uint8_t> U32(uint32_t v) {
  return {static_cast<uint8_t>(v), static_cast<uint8_t>(v >> 8), static_cast<uint8_t>(v >> 16),
          static_cast<uint8_t>(v >> 24)};
}

void CheckSnapshotsOf(const std::string& name, const std::vector<uint8_t>& input, int num_points) {
  const testing::GuestInfo g = testing::FindGuest(ZKVM_GUEST_DIR, name);
  auto program = executor::LoadElfFile(g.elf);
  ASSERT_TRUE(program.ok()) << program.error().message;

  ExecutionLog full;
  auto reference = Executor::Create(*program, input);
  ASSERT_TRUE(reference.ok());
  const executor::MachineState end = reference->Run({.log = &full});
  ASSERT_EQ(end.status, RunStatus::kHalted);
  ASSERT_EQ(full.steps.size(), end.cycle);

  std::vector<uint64_t> points = {0, 1, end.cycle - 1, end.cycle};
  for (int i = 1; i < num_points; ++i) points.push_back(end.cycle * i / num_points);
  // Just before and at every syscall.
  for (const auto& s : full.syscalls) {
    points.push_back(s.cycle);
    if (s.cycle > 0) points.push_back(s.cycle - 1);
  }
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());

  for (uint64_t at : points) {
    auto ex = Executor::Create(*program, input);
    ex->Run({.stop_at_cycle = at});
    const std::vector<uint8_t> bytes = ex->TakeSnapshot().Serialize();
    auto snapshot = executor::Snapshot::Deserialize(bytes);
    ASSERT_TRUE(snapshot.ok()) << snapshot.error().message;
    auto resumed = Executor::Resume(*program, *snapshot);
    ASSERT_TRUE(resumed.ok()) << resumed.error().message;
    ExecutionLog tail;
    const executor::MachineState& st = resumed->Run({.log = &tail});
    ASSERT_EQ(st.status, RunStatus::kHalted) << name << " at " << at;
    ASSERT_EQ(st.public_output, end.public_output) << name << " at " << at;
    ASSERT_EQ(st.cycle, end.cycle);
    ASSERT_EQ(tail.first_cycle, at);
    ASSERT_TRUE(std::ranges::equal(tail.StepBytes(), Bytes(full.steps, at)))
        << name << ": step logs differ after resuming at cycle " << at;
    ASSERT_TRUE(std::ranges::equal(tail.SyscallBytes(), Bytes(full.syscalls, tail.first_syscall)))
        << name << ": syscall logs differ after resuming at cycle " << at;
    ASSERT_TRUE(
        std::ranges::equal(tail.syscall_data, Bytes(full.syscall_data, tail.first_data_offset)))
        << name << ": syscall data differs after resuming at cycle " << at;
  }
  std::printf("%s: %zu snapshot points over %llu cycles, all byte-identical\n", name.c_str(),
              points.size(), static_cast<unsigned long long>(end.cycle));
}

// fib(5000): about 50,000 cycles; sorting 2,000 generated values: about 400,000 cycles.
TEST(SnapshotTest, FibonacciResumesByteIdentically) {
  CheckSnapshotsOf("fibonacci", U32(5000), 60);
}
TEST(SnapshotTest, SortResumesByteIdentically) { CheckSnapshotsOf("sort", U32(2000), 60); }

}  // namespace
}  // namespace zkvm
