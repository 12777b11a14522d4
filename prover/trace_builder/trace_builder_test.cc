// The trace builder on real guests: routing assigns every executed instruction to exactly one
// table and ends with the machine's final state as the tokens; chunks cover every row once, at
// the heights the table list's chunking gives; the traces do not depend on the thread count; a
// log that disagrees with memory is refused, naming the cycle.
#include "prover/trace_builder/trace_builder.h"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "prover/tables/table_registry.h"
#include "testing/guests.h"

namespace zkvm::prover {
namespace {

using testing::RunGuest;

using crypto::ColumnMajorMatrix;

RoutedExecution RouteGuest(const testing::LoadedGuest& g) {
  Result<RoutedExecution> routed = ExecuteAndRoute(g.program, g.input, kMaxCycles);
  EXPECT_TRUE(routed.ok()) << routed.error().message;
  return std::move(*routed);
}

bool SameMatrix(const ColumnMajorMatrix& a, const ColumnMajorMatrix& b) {
  if (a.num_rows() != b.num_rows() || a.num_cols() != b.num_cols()) return false;
  for (size_t c = 0; c < a.num_cols(); ++c) {
    for (size_t r = 0; r < a.num_rows(); ++r) {
      if (a(r, c) != b(r, c)) return false;
    }
  }
  return true;
}

TEST(TraceBuilderTest, RoutesEveryStepToOneTableAndEndsInTheFinalState) {
  for (const char* name : {"sort", "keccak_precompile", "poseidon2_precompile"}) {
    SCOPED_TRACE(name);
    const testing::LoadedGuest g = testing::LoadGuest(ZKVM_GUEST_DIR, name);
    const RoutedExecution routed = RouteGuest(g);
    const executor::MachineState state = RunGuest(g);
    ASSERT_EQ(routed.cycles, state.cycle);
    uint64_t instruction_rows = 0;
    for (size_t t = 0; t < kNumTables; ++t) {
      if (IsInstructionTable(static_cast<TableId>(t))) {
        instruction_rows += routed.num_rows(static_cast<TableId>(t));
      } else {
        EXPECT_TRUE(routed.rows[t].empty()) << TableName(static_cast<TableId>(t));
      }
    }
    EXPECT_EQ(instruction_rows, routed.cycles);
    uint64_t decoded = 0;
    for (uint64_t c : routed.decode_counts) decoded += c;
    EXPECT_EQ(decoded, routed.cycles);
    EXPECT_EQ(routed.num_rows(TableId::kHalt), 1u);
    for (size_t r = 0; r < 32; ++r) {
      EXPECT_EQ(routed.reg_fin_val[r], state.regs[r]) << "x" << r;
    }
    EXPECT_EQ(routed.reg_fin_val[kCursorRegister], state.public_output.size());
    EXPECT_EQ(routed.output, state.public_output);
    EXPECT_EQ(routed.commit_bytes.size(), state.public_output.size());
    // Every token's timestamp is at most the last cycle's.
    for (size_t r = 0; r < kNumRegisterTokens; ++r) {
      EXPECT_LE(routed.reg_fin_ts[r], Timestamp(routed.cycles, kSlotRd));
    }
  }
}

// Every non-preprocessed table's chunks hold each of its rows once, at the heights its chunking
// gives, with all-zero padding for the instruction tables; the preprocessed tables' traces have
// their fixed heights.
TEST(TraceBuilderTest, ChunksCoverEveryRowOnce) {
  const testing::LoadedGuest g = testing::LoadGuest(ZKVM_GUEST_DIR, "keccak_precompile");
  RoutedExecution routed = RouteGuest(g);
  for (const auto& [max_log_rows, floor] :
       {std::pair{4u, 0u}, std::pair{6u, 0u}, std::pair{20u, 0u}, std::pair{20u, 9u}}) {
    SCOPED_TRACE(fmt::format("max_log_rows {}, min_log_rows {}", max_log_rows, floor));
    routed.min_log_rows = floor;
    LookupCounter counter;
    for (size_t t = 0; t < kNumTables; ++t) {
      const TableId id = static_cast<TableId>(t);
      SCOPED_TRACE(TableName(id));
      const std::vector<uint32_t> logs = ChunkLogHeights(routed, id, max_log_rows);
      if (IsPreprocessed(id)) continue;
      size_t real = 0;
      for (size_t c = 0; c < logs.size(); ++c) {
        const size_t height = size_t{1} << logs[c];
        const size_t chunk_real = ChunkRealRows(routed, id, c, max_log_rows);
        EXPECT_LE(chunk_real, height);
        if (ChunkingOf(id) != Chunking::kFixed) {
          EXPECT_GE(logs[c], std::min(floor, max_log_rows));
        }
        real += chunk_real;
        if (ChunkingOf(id) == Chunking::kRows) {
          EXPECT_LE(logs[c], max_log_rows);
          if (c + 1 < logs.size()) {
            EXPECT_EQ(chunk_real, height);  // only the last chunk is padded
          }
        }
        const ColumnMajorMatrix m = BuildChunk(routed, id, c, max_log_rows, &counter);
        ASSERT_EQ(m.num_rows(), height);
        ASSERT_EQ(m.num_cols(), TableAir(id).shape().num_main_columns);
        if (IsInstructionTable(id)) {
          for (size_t r = chunk_real; r < height; ++r) {
            for (size_t col = 0; col < m.num_cols(); ++col) {
              ASSERT_EQ(m(r, col), Felt::Zero()) << "padding row " << r << " column " << col;
            }
          }
        }
      }
      switch (ChunkingOf(id)) {
        case Chunking::kFixed:
          EXPECT_EQ(logs.size(), 1u);
          EXPECT_EQ(real, routed.num_rows(id));
          break;
        case Chunking::kOne:
          EXPECT_LE(logs.size(), 1u);
          EXPECT_EQ(real, routed.num_rows(id));
          break;
        case Chunking::kRows:
        case Chunking::kKeccakCalls:
          EXPECT_EQ(real, routed.num_rows(id));
          EXPECT_EQ(logs.empty(), routed.num_rows(id) == 0);
          break;
      }
    }
    ASSERT_TRUE(counter.status().ok());
    for (size_t t = 0; t < kNumTables; ++t) {
      const TableId id = static_cast<TableId>(t);
      if (!IsPreprocessed(id)) continue;
      const std::vector<uint32_t> logs = ChunkLogHeights(routed, id, max_log_rows);
      ASSERT_EQ(logs.size(), 1u) << TableName(id);
      const ColumnMajorMatrix m = BuildFixedTrace(routed, id, counter, max_log_rows);
      EXPECT_EQ(m.num_rows(), size_t{1} << logs[0]) << TableName(id);
    }
  }
  EXPECT_GT(routed.keccak_calls.size(), 0u);
}

// HeightClassFloor: the smallest floor that leaves at most the bound's distinct chunk heights
// (the fixed tables' heights are never padded, so a bound below their count cannot be met).
TEST(TraceBuilderTest, HeightClassFloorBoundsTheDistinctHeights) {
  const testing::LoadedGuest g = testing::LoadGuest(ZKVM_GUEST_DIR, "keccak_precompile");
  RoutedExecution routed = RouteGuest(g);
  auto distinct = [&](uint32_t floor) {
    routed.min_log_rows = floor;
    uint64_t heights = 0;
    for (size_t t = 0; t < kNumTables; ++t) {
      for (uint32_t h : ChunkLogHeights(routed, static_cast<TableId>(t), 20)) {
        heights |= uint64_t{1} << h;
      }
    }
    return static_cast<uint32_t>(std::popcount(heights));
  };
  const uint32_t unpadded = distinct(0);
  EXPECT_EQ(HeightClassFloor(routed, true, 20, unpadded), 0u);
  bool padded = false;
  for (uint32_t bound = unpadded - 1; bound >= 4; --bound) {
    SCOPED_TRACE(bound);
    const uint32_t floor = HeightClassFloor(routed, true, 20, bound);
    if (distinct(floor) > bound) break;  // only the fixed tables' heights are left
    ASSERT_GT(floor, 0u);
    EXPECT_GT(distinct(floor - 1), bound);
    padded = true;
  }
  EXPECT_TRUE(padded) << unpadded << " distinct heights unpadded";
}

TEST(TraceBuilderTest, TracesDoNotDependOnTheThreadCount) {
  const testing::LoadedGuest g = testing::LoadGuest(ZKVM_GUEST_DIR, "sort");
  const RoutedExecution routed = RouteGuest(g);
  constexpr uint32_t kMaxLogRows = 12;
  auto build_all = [&](LookupCounter* counter) {
    std::vector<ColumnMajorMatrix> out;
    for (size_t t = 0; t < kNumTables; ++t) {
      const TableId id = static_cast<TableId>(t);
      if (IsPreprocessed(id)) continue;
      const size_t chunks = ChunkLogHeights(routed, id, kMaxLogRows).size();
      for (size_t c = 0; c < chunks; ++c) {
        out.push_back(BuildChunk(routed, id, c, kMaxLogRows, counter));
      }
    }
    out.push_back(counter->ByteTrace());
    out.push_back(counter->PowTrace());
    return out;
  };
  LookupCounter parallel_counter, serial_counter;
  const std::vector<ColumnMajorMatrix> parallel = build_all(&parallel_counter);
  std::vector<ColumnMajorMatrix> serial;
  {
    tbb::global_control one_thread(tbb::global_control::max_allowed_parallelism, 1);
    serial = build_all(&serial_counter);
  }
  ASSERT_EQ(parallel.size(), serial.size());
  for (size_t i = 0; i < parallel.size(); ++i) {
    EXPECT_TRUE(SameMatrix(parallel[i], serial[i])) << "matrix " << i;
  }
}

// The largest age (t - p - 1) of a token consumed in long_memory's run routed in pieces of
// 2^10 cycles with refreshes every 2^refresh_log_cycles cycles, and how many refreshes it made.
struct Ages {
  uint64_t max_gap = 0;
  size_t refreshes = 0;
};
Ages RouteInPieces(const testing::LoadedGuest& g, uint32_t refresh_log_cycles) {
  Ages ages;
  Result<executor::Executor> machine = executor::Executor::Create(g.program, g.input);
  Result<Router> router =
      Router::Create(g.program, g.input, {.refresh_log_cycles = refresh_log_cycles});
  EXPECT_TRUE(machine.ok() && router.ok());
  for (uint64_t piece = 1;; ++piece) {
    executor::ExecutionLog log;
    const executor::MachineState& state = machine->Run({.stop_at_cycle = piece << 10, .log = &log});
    const uint64_t first_clk = log.first_cycle + 1;
    RoutedExecution out;
    EXPECT_TRUE(router->RouteSteps(std::move(log), &out).ok());
    EXPECT_EQ(out.refresh_ts, RefreshTimestamp(first_clk));
    for (const std::vector<RoutedRow>& rows : out.rows) {
      for (const RoutedRow& row : rows) {
        for (uint32_t gap : row.prev_gap) ages.max_gap = std::max<uint64_t>(ages.max_gap, gap);
      }
    }
    for (const CommitWord& w : out.commit_words)
      ages.max_gap = std::max<uint64_t>(ages.max_gap, w.gap);
    for (const RefreshRow& r : out.refresh_rows)
      ages.max_gap = std::max<uint64_t>(ages.max_gap, r.gap);
    ages.refreshes += out.refresh_rows.size();
    if (state.status != executor::RunStatus::kRunning) {
      EXPECT_EQ(state.status, executor::RunStatus::kHalted);
      EXPECT_TRUE(router->Finish(state, &out).ok());
      return ages;
    }
  }
}

// Refreshing every 2^L cycles bounds every consumed token's age by 2^(L + 3) + 2 timestamps
// (air_common.h: at L = kRefreshLogCycles, below the 2^32 one access can prove); without
// refreshes the age grows with the run (long_memory reads words written 24,000 cycles before).
TEST(TraceBuilderTest, RefreshesBoundEveryTokensAge) {
  const testing::LoadedGuest g = testing::LoadGuest(ZKVM_GUEST_DIR, "long_memory");
  const Ages refreshed = RouteInPieces(g, 10);
  const Ages plain = RouteInPieces(g, kRefreshLogCycles);
  std::printf("max token age: %llu timestamps with %zu refreshes, %llu without\n",
              static_cast<unsigned long long>(refreshed.max_gap), refreshed.refreshes,
              static_cast<unsigned long long>(plain.max_gap));
  EXPECT_GT(refreshed.refreshes, 0u);
  EXPECT_LE(refreshed.max_gap, (uint64_t{1} << 13) + 2);
  EXPECT_EQ(plain.refreshes, 0u);
  EXPECT_GT(plain.max_gap, uint64_t{1} << 16);
  static_assert((uint64_t{1} << (kRefreshLogCycles + 3)) + 2 < kTwo32);
}

// The initial timestamp of an address is its first access's, less 1, rounded down to a
// refresh period's timestamps (2^30 at the default period): 0 in the first period, and less
// than a period below the access.
TEST(TraceBuilderTest, InitialTimestampsStayWithinAnAccessesReach) {
  const uint64_t period_ts = uint64_t{4} << kRefreshLogCycles;
  EXPECT_EQ(InitTimestamp(Timestamp(1, kSlotRs1), kRefreshLogCycles), 0u);
  EXPECT_EQ(InitTimestamp(period_ts, kRefreshLogCycles), 0u);
  EXPECT_EQ(InitTimestamp(period_ts + 1, kRefreshLogCycles), period_ts);
  for (uint64_t t : {uint64_t{4}, kTwo32 - 1, kTwo32 * 3 + 17, Timestamp(kMaxCycles, kSlotRd)}) {
    EXPECT_LT(InitTimestamp(t, kRefreshLogCycles), t);
    EXPECT_LT(t - InitTimestamp(t, kRefreshLogCycles) - 1, period_ts);
    EXPECT_LE(InitTimestamp(t, kRefreshLogCycles) / period_ts, 0xFFFFu);
  }
}

// What routing fibonacci(n) segment by segment (2^21 cycles) found.
struct LongRoute {
  uint64_t cycles = 0;
  uint64_t max_gap = 0;  // the oldest token consumed (age in timestamps)
  uint64_t refreshes = 0, refreshing_segments = 0;
};
Result<LongRoute> RouteFibonacci(uint32_t n, uint32_t refresh_log_cycles) {
  const testing::LoadedGuest g = testing::LoadGuest(ZKVM_GUEST_DIR, "fibonacci");
  const std::vector<uint8_t> input = {static_cast<uint8_t>(n), static_cast<uint8_t>(n >> 8),
                                      static_cast<uint8_t>(n >> 16), static_cast<uint8_t>(n >> 24)};
  Result<executor::Executor> machine = executor::Executor::Create(g.program, input);
  if (!machine.ok()) return machine.error();
  Result<Router> router =
      Router::Create(g.program, input, {.refresh_log_cycles = refresh_log_cycles});
  if (!router.ok()) return router.error();
  LongRoute r;
  for (uint64_t segment = 1;; ++segment) {
    executor::ExecutionLog log;
    const executor::MachineState& state =
        machine->Run({.stop_at_cycle = segment << 21, .log = &log});
    RoutedExecution out;
    if (Status s = router->RouteSteps(std::move(log), &out); !s.ok()) return Error{s.message()};
    for (const std::vector<RoutedRow>& rows : out.rows) {
      for (const RoutedRow& row : rows) {
        for (uint32_t gap : row.prev_gap) r.max_gap = std::max<uint64_t>(r.max_gap, gap);
      }
    }
    for (const CommitWord& w : out.commit_words) r.max_gap = std::max<uint64_t>(r.max_gap, w.gap);
    for (const RefreshRow& f : out.refresh_rows) r.max_gap = std::max<uint64_t>(r.max_gap, f.gap);
    r.refreshes += out.refresh_rows.size();
    r.refreshing_segments += !out.refresh_rows.empty();
    if (state.status != executor::RunStatus::kRunning) {
      if (state.status != executor::RunStatus::kHalted) return MakeError("the run did not halt");
      if (Status s = router->Finish(state, &out); !s.ok()) return Error{s.message()};
      r.cycles = state.cycle;
      return r;
    }
  }
}

// A run of more than 2^32 cycles (fibonacci, 10 cycles per iteration; about 7 minutes, so only
// with ZKVM_LONG_ROUTE=1: ctest -L slow) routes segment by segment at the default segment size
// and refresh period: its tokens are refreshed at every multiple of 2^28 cycles, and no access,
// however late, consumes a token older than the range check allows. Without refreshes a run
// of 2^30 cycles is already refused when main returns, naming the token (its saved registers
// and stack words are older than 2^32 timestamps by then).
TEST(TraceBuilderTest, RoutesARunOfMoreThanTwoToTheThirtyTwoCycles) {
  const char* enabled = std::getenv("ZKVM_LONG_ROUTE");
  if (enabled == nullptr || std::string(enabled) != "1") GTEST_SKIP() << "set ZKVM_LONG_ROUTE=1";
  Result<LongRoute> r = RouteFibonacci(0x1999'999A, kRefreshLogCycles);
  ASSERT_TRUE(r.ok()) << r.error().message;
  std::printf(
      "%llu cycles, %llu refreshes in %llu segments, oldest token consumed: %llu timestamps\n",
      static_cast<unsigned long long>(r->cycles), static_cast<unsigned long long>(r->refreshes),
      static_cast<unsigned long long>(r->refreshing_segments),
      static_cast<unsigned long long>(r->max_gap));
  EXPECT_GT(r->cycles, kTwo32);
  // A token refreshed at one multiple of 2^28 cycles is exactly 2^28 cycles old at the next,
  // not older, so the loop's untouched words and registers are renewed every other time.
  EXPECT_GE(r->refreshing_segments, (r->cycles >> kRefreshLogCycles) / 2);
  EXPECT_LE(r->max_gap, (uint64_t{1} << (kRefreshLogCycles + 3)) + 2);
  Result<LongRoute> plain = RouteFibonacci(0x0700'0000, 40);  // 1.17 * 10^9 cycles
  ASSERT_FALSE(plain.ok());
  std::printf("without refreshes: %s\n", plain.error().message.c_str());
  EXPECT_NE(plain.error().message.find("timestamps old, more than one access can prove"),
            std::string::npos);
}

TEST(TraceBuilderTest, RefusesALogThatDisagreesWithMemory) {
  const testing::LoadedGuest g = testing::LoadGuest(ZKVM_GUEST_DIR, "sort");
  Result<executor::Executor> ex = executor::Executor::Create(g.program, g.input);
  ASSERT_TRUE(ex.ok());
  executor::ExecutionLog log;
  const executor::MachineState state = ex->Run({.log = &log});
  ASSERT_EQ(state.status, executor::RunStatus::kHalted);
  // The first register-reading ALU step: claim it read something else.
  size_t target = log.steps.size();
  for (size_t i = 0; i < log.steps.size(); ++i) {
    const executor::StepRecord& s = log.steps[i];
    const DecodedRow dec = DecodeRow(s.pc, g.program.decoded[(s.pc - g.program.text_begin) / 4]);
    if (TableOf(dec.uop, s.rs1_value) == TableId::kAddR && dec.rs1 != 0) {
      target = i;
      break;
    }
  }
  ASSERT_LT(target, log.steps.size());
  executor::ExecutionLog lying = log;
  lying.steps[target].rs1_value ^= 1;
  Result<RoutedExecution> routed = Route(g.program, g.input, std::move(lying), state);
  ASSERT_FALSE(routed.ok());
  EXPECT_NE(routed.error().message.find("cycle " + std::to_string(target + 1)), std::string::npos)
      << routed.error().message;
  EXPECT_NE(routed.error().message.find("memory holds"), std::string::npos)
      << routed.error().message;
  // The honest log routes.
  EXPECT_TRUE(Route(g.program, g.input, std::move(log), state).ok());
}

}  // namespace
}  // namespace zkvm::prover
