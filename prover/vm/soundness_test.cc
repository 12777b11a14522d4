// Soundness tests of the VM's tables as a whole (docs/tables.md section 11):
//
// - Mutation harness: for every table chunk of proved runs, change one cell of a real row
//   (every column; several rows and deltas), drop a real row (zero it) and duplicate one (copy
//   it over a padding row or another row). Each change must be rejected. With every other table
//   fixed, the system stays balanced exactly when the changed table still makes the same net
//   bus interactions, so "rejected" is decided per table: the row checker fails, or the
//   table's interactions change. A sample of mutations is also pushed through the prover with
//   its debug checks off and must be rejected by the verifier.
// - Lying executor: the log is altered (an ADD off by one, a load returning a wrong byte, a
//   skipped store, a wrong output byte) and routed without the builder's cross-checks; no valid
//   proof may result.
// - Lying input: the guest reads an input region that no input file gives (a non-zero reserved
//   header byte, a non-zero byte past the payload length) and the builder claims it as the
//   initial memory; no valid proof may result.
#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "base/file_io.h"
#include "crypto/hash/keccak.h"
#include "crypto/hash/poseidon2.h"
#include "executor/executor.h"
#include "prover/tables/memory_tables.h"
#include "prover/tables/table_registry.h"
#include "prover/vm/prove.h"
#include "prover/vm/verify.h"
#include "stark/air/bus_ledger.h"
#include "syscalls/abi.h"
#include "testing/elf_builder.h"
#include "testing/encoder.h"
#include "testing/guests.h"

namespace zkvm::prover {
namespace {

using executor::Program;

using Loaded = testing::LoadedGuest;

Loaded Load(const std::string& name) { return testing::LoadGuest(ZKVM_GUEST_DIR, name); }

ProveConfig TestConfig() {
  ProveConfig c;
  c.options = stark::kInsecureTestOptions;
  return c;
}

VmWitness Witness(const Loaded& g) {
  Result<RoutedExecution> routed = ExecuteAndRoute(g.program, g.input, kMaxCycles);
  ZKVM_CHECK(routed.ok(), "the guest runs and routes");
  Result<VmWitness> w = BuildWitness(g.program, std::move(*routed), TestConfig());
  ZKVM_CHECK(w.ok(), "the witness builds");
  return std::move(*w);
}

stark::TableTrace TraceOf(const stark::ProverStatement& ps, size_t i,
                          const crypto::ColumnMajorMatrix& main) {
  return {main.view(), ps.tables[i].preprocessed, ps.tables[i].public_values};
}

// Whether `changed`, a trace of `air` that differs from `honest` in row `row` only, is
// rejected: constraints fail or its interactions differ from the honest trace's. Only rows
// row - 1 (through next-row values) and row can see the change, so only they are checked.
bool RejectedTrace(const stark::ProverAir& air, const stark::TableTrace& honest,
                   const stark::TableTrace& changed, size_t row) {
  const size_t rows = changed.main.num_rows();
  const size_t prev = (row + rows - 1) % rows;
  stark::BusLedger ledger;
  (void)air.CheckRows(honest, &ledger, row, row + 1);
  ledger.set_negate(true);
  if (!air.CheckRows(changed, &ledger, row, row + 1).ok()) return true;
  if (!air.CheckRows(changed, nullptr, prev, prev + 1).ok()) return true;
  return !ledger.Balanced();
}

// The same for chunk i of a witness with main trace `changed`.
bool Rejected(const VmWitness& w, const stark::ProverStatement& ps, size_t i,
              const crypto::ColumnMajorMatrix& changed, size_t row) {
  return RejectedTrace(*ps.tables[i].air, TraceOf(ps, i, w.traces[i]), TraceOf(ps, i, changed),
                       row);
}

// The whole system's debug check: every table's constraints and the buses with the public side.
bool SystemAccepts(const VmWitness& w) {
  const StarkStatementStorage storage(w.statement, w.vk, 0);
  const stark::ProverStatement ps = MakeProverStatement(w, storage);
  stark::BusLedger ledger;
  for (size_t i = 0; i < ps.tables.size(); ++i) {
    if (!ps.tables[i].air->Check(TraceOf(ps, i, w.traces[i]), &ledger).ok()) return false;
  }
  for (const stark::StarkPublicInteraction& p : ps.public_interactions) {
    ledger.AddExternal(p.bus, std::vector<Felt>(p.values, p.values + p.width), p.multiplicity,
                       p.send, "public");
  }
  return ledger.Balanced();
}

crypto::ColumnMajorMatrix Copy(const crypto::ColumnMajorMatrix& m) {
  crypto::ColumnMajorMatrix c(m.num_rows(), m.num_cols());
  std::copy(m.data(), m.data() + m.size(), c.data());
  return c;
}

size_t RealRows(const VmWitness& w, size_t i) {
  const TableId id = w.statement.segments[0][i].table;
  const size_t rows = w.traces[i].num_rows();
  switch (id) {
    case TableId::kDecode:
    case TableId::kByte:
    case TableId::kPow:
    case TableId::kKeccakRc:
      return rows;  // lookup tables: every row may be looked up
    case TableId::kRegister:
      return kNumRegisterTokens;
    case TableId::kPageElf:
      return PageElfWords(*w.routed.program);
    case TableId::kPageZero:
      // The first row is the sentinel; real rows follow it.
      return std::min(rows, w.routed.num_rows(id) + 1);
    case TableId::kPageInput:
      // The first row is the header word, a real row.
      return std::min(rows, w.routed.num_rows(id));
    default:
      return std::min(rows, w.routed.num_rows(id));
  }
}

struct Tally {
  size_t tried = 0, rejected = 0;
};

// Runs the harness on one guest's witness; returns the tallies per table name.
void MutateAll(const VmWitness& w, std::map<std::string, Tally>* tallies,
               std::vector<std::string>* escapes) {
  const StarkStatementStorage storage(w.statement, w.vk, 0);
  const stark::ProverStatement ps = MakeProverStatement(w, storage);
  std::mt19937_64 rng(20261121);
  const uint64_t deltas[] = {1, 1u << 16, Felt::kModulus - 1, 0x1234'5678'9ABCull};
  for (size_t i = 0; i < ps.tables.size(); ++i) {
    const TableId id = w.statement.segments[0][i].table;
    Tally& tally = (*tallies)[TableName(id)];
    const crypto::ColumnMajorMatrix& honest = w.traces[i];
    const size_t real = RealRows(w, i);
    if (real == 0) continue;
    // Rows to mutate: the first and last real rows and a random one; for the fixed lookup
    // tables, rows that are actually used (a nonzero multiplicity somewhere) and one unused.
    const size_t first_real = id == TableId::kPageZero && real > 1 ? 1 : 0;
    std::vector<size_t> rows = {first_real, real - 1, first_real + rng() % (real - first_real)};
    crypto::ColumnMajorMatrix m = Copy(honest);
    for (size_t r : rows) {
      for (size_t c = 0; c < honest.num_cols(); ++c) {
        for (uint64_t d : deltas) {
          m(r, c) = honest(r, c) + Felt::FromU64(d % Felt::kModulus);
          ++tally.tried;
          if (Rejected(w, ps, i, m, r)) {
            ++tally.rejected;
          } else {
            escapes->push_back(fmt::format("{} row {} column {} delta {}", TableName(id), r, c, d));
          }
          m(r, c) = honest(r, c);
        }
      }
    }
    const bool witness_rows =
        !(id == TableId::kDecode || id == TableId::kRegister || id == TableId::kPageElf ||
          id == TableId::kByte || id == TableId::kPow || id == TableId::kKeccakRc);
    if (!witness_rows) continue;
    // Drop a real row (zero it) and duplicate one over another row.
    const size_t first = first_real;
    const size_t last = real - 1;
    if (first > last) continue;
    {
      crypto::ColumnMajorMatrix m = Copy(honest);
      const size_t r = first + rng() % (last - first + 1);
      for (size_t c = 0; c < m.num_cols(); ++c) m(r, c) = Felt::Zero();
      ++tally.tried;
      if (Rejected(w, ps, i, m, r)) {
        ++tally.rejected;
      } else {
        escapes->push_back(fmt::format("{}: dropping row {}", TableName(id), r));
      }
    }
    {
      crypto::ColumnMajorMatrix m = Copy(honest);
      const size_t from = first + rng() % (last - first + 1);
      const size_t to = real < honest.num_rows() ? honest.num_rows() - 1 : (from + 1) % real;
      for (size_t c = 0; c < m.num_cols(); ++c) m(to, c) = m(from, c);
      ++tally.tried;
      if (Rejected(w, ps, i, m, to)) {
        ++tally.rejected;
      } else {
        escapes->push_back(
            fmt::format("{}: duplicating row {} onto row {}", TableName(id), from, to));
      }
    }
  }
}

TEST(SoundnessTest, HonestWitnessesPassTheSystemCheck) {
  for (const char* name :
       {"hello", "sort", "picolibc_demo", "keccak_precompile", "poseidon2_precompile"}) {
    EXPECT_TRUE(SystemAccepts(Witness(Load(name)))) << name;
  }
}

TEST(SoundnessTest, EveryTableRejectsEveryMutation) {
  std::map<std::string, Tally> tallies;
  std::vector<std::string> escapes;
  for (const char* name :
       {"hello", "sort", "picolibc_demo", "keccak_precompile", "poseidon2_precompile"}) {
    MutateAll(Witness(Load(name)), &tallies, &escapes);
  }
  size_t tried = 0;
  for (const auto& [table, t] : tallies) {
    std::printf("%-12s %6zu mutations, %6zu rejected\n", table.c_str(), t.tried, t.rejected);
    tried += t.tried;
  }
  std::printf("total: %zu mutations over %zu tables\n", tried, tallies.size());
  EXPECT_TRUE(escapes.empty()) << escapes.size() << " undetected, first: " << escapes.front();
}

// REFRESH, which only runs of several segments have (prove.cc routes a segment at a time), under
// the same harness: long_memory's fifth segment of 2^10 cycles with refreshes at every
// segment, every column of its first, last and a random row, a dropped and a duplicated row,
// and the chunk at another segment's refresh timestamp.
TEST(SoundnessTest, RefreshRejectsEveryMutation) {
  const Loaded g = Load("long_memory");
  Result<executor::Executor> machine = executor::Executor::Create(g.program, g.input);
  Result<Router> router = Router::Create(g.program, g.input, {.refresh_log_cycles = 10});
  ASSERT_TRUE(machine.ok() && router.ok());
  RoutedExecution routed;
  for (uint64_t piece = 1; piece <= 5; ++piece) {
    executor::ExecutionLog log;
    ASSERT_EQ(machine->Run({.stop_at_cycle = piece << 10, .log = &log}).status,
              executor::RunStatus::kRunning);
    routed = RoutedExecution();
    ASSERT_TRUE(router->RouteSteps(std::move(log), &routed).ok());
  }
  const size_t real = routed.refresh_rows.size();
  ASSERT_GE(real, 3u);
  const crypto::ColumnMajorMatrix honest = BuildChunk(routed, TableId::kRefresh, 0, 22, nullptr);
  const stark::ProverAir& air = TableAir(TableId::kRefresh);
  const Felt r[] = {Felt::FromU64(routed.refresh_ts)};
  const stark::TableTrace honest_trace{honest.view(), {}, r};
  ASSERT_TRUE(air.Check(honest_trace, nullptr).ok());
  std::mt19937_64 rng(20261207);
  const uint64_t deltas[] = {1, 1u << 16, Felt::kModulus - 1, 0x1234'5678'9ABCull};
  std::vector<std::string> escapes;
  size_t tried = 0;
  auto check = [&](const crypto::ColumnMajorMatrix& m, size_t row, std::string what) {
    ++tried;
    if (!RejectedTrace(air, honest_trace, {m.view(), {}, r}, row)) escapes.push_back(what);
  };
  crypto::ColumnMajorMatrix m = Copy(honest);
  for (size_t row : {size_t{0}, real - 1, size_t(rng() % real)}) {
    for (size_t c = 0; c < honest.num_cols(); ++c) {
      for (uint64_t d : deltas) {
        m(row, c) = honest(row, c) + Felt::FromU64(d % Felt::kModulus);
        check(m, row, fmt::format("row {} column {} delta {}", row, c, d));
        m(row, c) = honest(row, c);
      }
    }
  }
  {
    crypto::ColumnMajorMatrix dropped = Copy(honest);
    const size_t row = rng() % real;
    for (size_t c = 0; c < dropped.num_cols(); ++c) dropped(row, c) = Felt::Zero();
    check(dropped, row, fmt::format("dropping row {}", row));
    crypto::ColumnMajorMatrix duplicated = Copy(honest);
    const size_t to = real < honest.num_rows() ? honest.num_rows() - 1 : (row + 1) % real;
    for (size_t c = 0; c < duplicated.num_cols(); ++c) duplicated(to, c) = duplicated(row, c);
    check(duplicated, to, fmt::format("duplicating row {} onto row {}", row, to));
  }
  // The honest rows at the next segment's timestamp: the tokens they emit are not the ones
  // the segment's accesses consume.
  const Felt later[] = {Felt::FromU64(RefreshTimestamp((uint64_t{5} << 10) + 1))};
  stark::BusLedger ledger;
  ASSERT_TRUE(air.Check(honest_trace, &ledger).ok());
  ledger.set_negate(true);
  ASSERT_TRUE(air.Check({honest.view(), {}, later}, &ledger).ok());
  EXPECT_FALSE(ledger.Balanced());
  std::printf("refresh: %zu mutations of %zu real rows\n", tried, real);
  EXPECT_TRUE(escapes.empty()) << escapes.size() << " undetected, first: " << escapes.front();
}

// The verifier itself rejects a sample of mutated traces proved with the debug checks off.
TEST(SoundnessTest, VerifierRejectsMutatedTraces) {
  const Loaded g = Load("hello");
  const VmWitness honest = Witness(g);
  std::mt19937_64 rng(7);
  for (size_t i = 0; i < honest.statement.segments[0].size(); ++i) {
    const TableId id = honest.statement.segments[0][i].table;
    if (id == TableId::kByte || id == TableId::kPow || id == TableId::kDecode) continue;
    VmWitness w = Witness(g);
    const size_t real = std::max<size_t>(1, RealRows(w, i));
    const size_t r = rng() % real, c = rng() % w.traces[i].num_cols();
    w.traces[i](r, c) = w.traces[i](r, c) + Felt::One();
    ProveConfig config = TestConfig();
    config.debug_checks = false;
    Result<std::vector<uint8_t>> proof = ProveWitness(w, config);
    if (!proof.ok()) continue;  // the prover may refuse (e.g. a value its LogUp cannot take)
    EXPECT_FALSE(Verify(*proof, w.vk, kAllowInsecurePreset).ok())
        << TableName(id) << " row " << r << " column " << c;
  }
}

// ---- Lying executor -----------------------------------------------------------------------------

// Runs `g`, lets `lie` alter the log, routes it without cross-checks, builds the witness and
// proves it with the debug checks off. Returns whether a proof verified (it must not).
bool LyingLogVerifies(const Loaded& g, bool (*lie)(const Program&, executor::ExecutionLog&),
                      bool* system_accepts) {
  Result<executor::Executor> ex = executor::Executor::Create(g.program, g.input);
  ZKVM_CHECK(ex.ok(), "executor starts");
  ex->set_debug_sink([](std::string_view) {});
  executor::ExecutionLog log;
  const executor::MachineState state = ex->Run({.log = &log});
  ZKVM_CHECK(lie(g.program, log), "the lie found its instruction");
  Result<RoutedExecution> routed =
      Route(g.program, g.input, std::move(log), state, {.check_reads = false});
  ZKVM_CHECK(routed.ok(), "routes");
  Result<VmWitness> w = BuildWitness(g.program, std::move(*routed), TestConfig());
  if (!w.ok()) return false;
  *system_accepts = SystemAccepts(*w);
  Result<std::vector<uint8_t>> proof = ProveWitness(*w, TestConfig());
  if (!proof.ok()) return false;
  return Verify(*proof, w->vk, kAllowInsecurePreset).ok();
}

// The first step executing `op`, or nullptr.
executor::StepRecord* FindStep(const Program& p, executor::ExecutionLog& log, executor::Opcode op) {
  for (executor::StepRecord& s : log.steps) {
    if (p.decoded[(s.pc - p.text_begin) / 4].opcode == op) return &s;
  }
  return nullptr;
}

// Tables recompute every result from the operands the log says were read (a log whose only
// lie is a result field yields a proof of the true run), so each lie below is in a value the
// prover consumes: an operand read, a loaded word, a stored value, an output byte.

TEST(LyingExecutorTest, AddOffByOne) {
  // add reads rs2 + 1: the row's result is a + b + 1, consistent with its operands, but it
  // consumes a register token nobody emitted.
  bool accepts = true;
  EXPECT_FALSE(LyingLogVerifies(
      Load("sort"),
      [](const Program& p, executor::ExecutionLog& log) {
        executor::StepRecord* s = FindStep(p, log, executor::Opcode::kAdd);
        if (s == nullptr) return false;
        s->rs2_value += 1;
        s->rd_value += 1;
        return true;
      },
      &accepts));
  EXPECT_FALSE(accepts);
}

TEST(LyingExecutorTest, LoadReturnsAWrongByte) {
  bool accepts = true;
  EXPECT_FALSE(LyingLogVerifies(
      Load("hello"),
      [](const Program& p, executor::ExecutionLog& log) {
        executor::StepRecord* s = FindStep(p, log, executor::Opcode::kLbu);
        if (s == nullptr) s = FindStep(p, log, executor::Opcode::kLw);
        if (s == nullptr) return false;
        s->mem_before ^= 0x01u << (8 * (s->mem_addr & 3));
        s->mem_after = s->mem_before;
        return true;
      },
      &accepts));
  EXPECT_FALSE(accepts);
}

TEST(LyingExecutorTest, SkippedStore) {
  // sw that leaves memory unchanged: it claims to store the old word.
  bool accepts = true;
  EXPECT_FALSE(LyingLogVerifies(
      Load("sort"),
      [](const Program& p, executor::ExecutionLog& log) {
        for (executor::StepRecord& s : log.steps) {
          const executor::Opcode op = p.decoded[(s.pc - p.text_begin) / 4].opcode;
          if (op == executor::Opcode::kSw && s.mem_after != s.mem_before) {
            s.rs2_value = s.mem_before;
            s.mem_after = s.mem_before;
            return true;
          }
        }
        return false;
      },
      &accepts));
  EXPECT_FALSE(accepts);
}

TEST(LyingExecutorTest, WrongOutputByte) {
  bool accepts = true;
  EXPECT_FALSE(LyingLogVerifies(
      Load("hello"),
      [](const Program&, executor::ExecutionLog& log) {
        for (const executor::SyscallRecord& sys : log.syscalls) {
          if (sys.number == 64 && sys.args[0] == 1 && sys.data_size > 0) {
            log.syscall_data[sys.data_offset - log.first_data_offset] ^= 0x20;
            return true;
          }
        }
        return false;
      },
      &accepts));
  EXPECT_FALSE(accepts);
}

// The logged data of the first KECCAK_F1600 call (200 bytes before, 200 after), or nullptr.
uint8_t* FirstKeccakData(executor::ExecutionLog& log) {
  for (const executor::SyscallRecord& sys : log.syscalls) {
    if (sys.number == abi::kSysKeccakF1600) {
      return log.syscall_data.data() + (sys.data_offset - log.first_data_offset);
    }
  }
  return nullptr;
}

TEST(LyingExecutorTest, WrongKeccakPermutation) {
  // The log's KECCAK_F1600 output has one bit flipped: memory then holds the lie (KECCAK_MEM
  // writes what the log says), while KECCAK proves the true permutation of the input.
  bool accepts = true;
  EXPECT_FALSE(LyingLogVerifies(
      Load("keccak_precompile"),
      [](const Program&, executor::ExecutionLog& log) {
        uint8_t* data = FirstKeccakData(log);
        if (data == nullptr) return false;
        data[abi::kKeccakStateBytes + 13] ^= 0x04;
        return true;
      },
      &accepts));
  EXPECT_FALSE(accepts);
}

TEST(LyingExecutorTest, KeccakInputNotInMemory) {
  // The log claims the permutation ran on other input and wrote that input's true
  // permutation: what memory then holds is not the permutation of what it held before.
  bool accepts = true;
  EXPECT_FALSE(LyingLogVerifies(
      Load("keccak_precompile"),
      [](const Program&, executor::ExecutionLog& log) {
        uint8_t* data = FirstKeccakData(log);
        if (data == nullptr) return false;
        data[0] ^= 1;
        uint64_t lanes[25];
        std::memcpy(lanes, data, sizeof(lanes));
        crypto::KeccakF1600(lanes);
        std::memcpy(data + abi::kKeccakStateBytes, lanes, sizeof(lanes));
        return true;
      },
      &accepts));
  EXPECT_FALSE(accepts);
}

// The logged data of the first POSEIDON2 call (96 bytes before, 96 after), or nullptr.
uint8_t* FirstPoseidon2Data(executor::ExecutionLog& log) {
  for (const executor::SyscallRecord& sys : log.syscalls) {
    if (sys.number == abi::kSysPoseidon2) {
      return log.syscall_data.data() + (sys.data_offset - log.first_data_offset);
    }
  }
  return nullptr;
}

TEST(LyingExecutorTest, WrongPoseidon2Permutation) {
  // The log's POSEIDON2 output has one bit flipped (still canonical: bit 2 of the low word of
  // element 3): memory then holds the lie (POSEIDON2_MEM writes what the log says), while
  // POSEIDON2 proves the true permutation of the input.
  bool accepts = true;
  EXPECT_FALSE(LyingLogVerifies(
      Load("poseidon2_precompile"),
      [](const Program&, executor::ExecutionLog& log) {
        uint8_t* data = FirstPoseidon2Data(log);
        if (data == nullptr) return false;
        data[abi::kPoseidon2StateBytes + 24] ^= 0x04;
        return true;
      },
      &accepts));
  EXPECT_FALSE(accepts);
}

TEST(LyingExecutorTest, Poseidon2InputNotInMemory) {
  // The log claims the permutation ran on other input and wrote that input's true permutation:
  // what memory then holds is not the permutation of what it held before.
  bool accepts = true;
  EXPECT_FALSE(LyingLogVerifies(
      Load("poseidon2_precompile"),
      [](const Program&, executor::ExecutionLog& log) {
        uint8_t* data = FirstPoseidon2Data(log);
        if (data == nullptr) return false;
        data[0] ^= 1;
        crypto::Felt state[abi::kPoseidon2StateElements];
        for (size_t i = 0; i < abi::kPoseidon2StateElements; ++i) {
          uint64_t v;
          std::memcpy(&v, data + 8 * i, 8);
          state[i] = crypto::Felt::FromU64(v);
        }
        crypto::Poseidon2Permute(state);
        for (size_t i = 0; i < abi::kPoseidon2StateElements; ++i) {
          const uint64_t v = state[i].value();
          std::memcpy(data + abi::kPoseidon2StateBytes + 8 * i, &v, 8);
        }
        return true;
      },
      &accepts));
  EXPECT_FALSE(accepts);
}

// ---- Lying input ---------------------------------------------------------------------------

// Reads the input header (length and reserved words) and the payload words at byte offsets 0,
// 4, 8 and 12, and exits with their sum: every word it reads is in the statement.
Program InputReader() {
  using executor::Opcode;
  using testing::I;
  using testing::R;
  std::vector<uint32_t> code = {testing::U(Opcode::kLui, 5, abi::kInputBase >> 12),
                                I(Opcode::kAddi, 10, 0, 0)};
  for (int32_t offset : {0, 4, 8, 12, 16, 20, 24, 28}) {
    code.push_back(I(Opcode::kLw, 6, 5, offset));
    code.push_back(R(Opcode::kAdd, 10, 10, 6));
  }
  code.push_back(I(Opcode::kAddi, 17, 0, static_cast<int32_t>(abi::kSysHalt)));
  code.push_back(testing::Ecall());
  Result<Program> p = executor::LoadElf(testing::BuildCodeElf(code), "input_reader");
  ZKVM_CHECK(p.ok(), "the input reader loads");
  return std::move(*p);
}

// Runs InputReader on `payload` with the input word at `addr` set to `value` before the run
// (what the guest then reads), routes the log as if that were the initial memory, and proves
// it with the debug checks off. Returns whether a proof verified (it must not).
bool LyingInputVerifies(const std::vector<uint8_t>& payload, uint32_t addr, uint32_t value,
                        bool* system_accepts) {
  const Program program = InputReader();
  Result<executor::Executor> ex = executor::Executor::Create(program, payload);
  ZKVM_CHECK(ex.ok(), "executor starts");
  std::memcpy(ex->memory().base() + addr, &value, 4);
  executor::ExecutionLog log;
  const executor::MachineState state = ex->Run({.log = &log});
  ZKVM_CHECK(state.status == executor::RunStatus::kHalted, "the reader halts");
  Result<RoutedExecution> routed =
      Route(program, payload, std::move(log), state, {.check_reads = false});
  ZKVM_CHECK(routed.ok(), "routes");
  bool found = false;
  for (PageWord& pw : routed->input_words) {
    if (pw.w == addr / 4) {
      pw.init = value;
      found = true;
    }
  }
  ZKVM_CHECK(found, "the lie is in a word PAGE_INPUT holds");
  Result<VmWitness> w = BuildWitness(program, std::move(*routed), TestConfig());
  if (!w.ok()) return false;
  *system_accepts = SystemAccepts(*w);
  ProveConfig config = TestConfig();
  config.debug_checks = false;
  Result<std::vector<uint8_t>> proof = ProveWitness(*w, config);
  if (!proof.ok()) return false;
  return Verify(*proof, w->vk, kAllowInsecurePreset).ok();
}

TEST(LyingInputTest, HonestInputsOfSeveralLengthsProve) {
  const Program program = InputReader();
  for (size_t len : {0, 1, 3, 4, 5, 8, 13, 100}) {
    std::vector<uint8_t> payload(len);
    for (size_t i = 0; i < len; ++i) payload[i] = static_cast<uint8_t>(0xA0 + i);
    Result<executor::Executor> ex = executor::Executor::Create(program, payload);
    ASSERT_TRUE(ex.ok());
    const executor::MachineState run = ex->Run({});
    Result<std::vector<uint8_t>> proof = Prove(program, payload, TestConfig());
    ASSERT_TRUE(proof.ok()) << "length " << len << ": " << proof.error().message;
    Result<VerifiedStatement> v = Verify(*proof, program, kAllowInsecurePreset);
    ASSERT_TRUE(v.ok()) << "length " << len << ": " << v.error().message;
    EXPECT_EQ(v->exit_code, run.exit_code) << "length " << len;
  }
}

TEST(LyingInputTest, NonZeroReservedHeaderByte) {
  for (uint32_t offset : {4u, 12u}) {
    bool accepts = true;
    EXPECT_FALSE(LyingInputVerifies({1, 2, 3, 4, 5}, abi::kInputBase + offset, 0x100, &accepts));
    EXPECT_FALSE(accepts) << "reserved word at +" << offset;
  }
}

TEST(LyingInputTest, NonZeroBytePastThePayload) {
  // Five payload bytes: the word at +20 holds byte 4 and three bytes past the payload; the
  // words at +24 and +28 lie wholly past it.
  const std::vector<uint8_t> payload = {1, 2, 3, 4, 5};
  struct Lie {
    uint32_t offset, value;
  };
  for (const Lie& lie :
       {Lie{20, 0x05 | 0x7F00}, Lie{20, 0x05 | 0x01000000}, Lie{24, 1}, Lie{28, 0x80000000}}) {
    bool accepts = true;
    EXPECT_FALSE(LyingInputVerifies(payload, abi::kInputBase + lie.offset, lie.value, &accepts));
    EXPECT_FALSE(accepts) << "word at +" << lie.offset << " = " << lie.value;
  }
  // The same lie at a length that makes it payload is an honest input (the harness itself can
  // produce accepted proofs).
  bool accepts = false;
  EXPECT_TRUE(
      LyingInputVerifies({1, 2, 3, 4, 5, 0x7F}, abi::kInputBase + 20, 0x05 | 0x7F00, &accepts));
  EXPECT_TRUE(accepts);
}

}  // namespace
}  // namespace zkvm::prover
