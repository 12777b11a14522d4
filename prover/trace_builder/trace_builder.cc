#include "prover/trace_builder/trace_builder.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <bit>
#include <cstring>

#include "crypto/hash/poseidon2.h"
#include "prover/tables/pow_table.h"
#include "prover/tables/table_registry.h"
#include "syscalls/abi.h"

namespace zkvm::prover {

using crypto::ColumnMajorMatrix;
using executor::StepRecord;

namespace {

constexpr uint32_t kPageWordsLog = 10;  // 4 KiB pages of the RAM shadow
constexpr uint32_t kPageWords = 1u << kPageWordsLog;
constexpr size_t kBuildBlock = 4096;  // rows per parallel block

// What table t's main trace is filled from (table_list.h).
constexpr RowSource SourceOf(TableId t) {
#define ZKVM_TABLE_SOURCE(Name, label, Air, kind, chunking, log_rows, publics, preprocessed, \
                          filler, source)                                                    \
  RowSource::source,
  constexpr RowSource kSources[] = {ZKVM_VM_TABLES(ZKVM_TABLE_SOURCE)};
#undef ZKVM_TABLE_SOURCE
  return kSources[static_cast<size_t>(t)];
}

uint32_t Log2(size_t rows) {
  uint32_t k = 0;
  while ((size_t{1} << k) < rows) ++k;
  return k;
}

// The last token of every touched memory word, in pages allocated on first touch and visited
// in address order, with the word's initial timestamp (InitTimestamp of its first access, kept
// as a 16-bit multiple of 2^(log_period + 2)).
class MemoryShadow {
 public:
  struct Page {
    uint64_t ts[kPageWords];
    uint32_t value[kPageWords];
    uint16_t init_epoch[kPageWords];
    uint64_t touched[kPageWords / 64] = {};
  };

  MemoryShadow(const uint8_t* initial, uint32_t log_period)
      : initial_(initial), epoch_log_(log_period + 2), pages_(size_t{1} << 20) {}

  // The token of word w for an access at timestamp t, created from the initial memory on first
  // touch.
  void Token(uint32_t w, uint64_t t, uint64_t** ts, uint32_t** value) {
    std::unique_ptr<Page>& page = pages_[w >> kPageWordsLog];
    if (!page) page = std::make_unique<Page>();
    const uint32_t i = w & (kPageWords - 1);
    if ((page->touched[i / 64] >> (i % 64) & 1) == 0) {
      page->touched[i / 64] |= uint64_t{1} << (i % 64);
      page->ts[i] = InitTimestamp(t, epoch_log_ - 2);
      page->init_epoch[i] = static_cast<uint16_t>(page->ts[i] >> epoch_log_);
      std::memcpy(&page->value[i], initial_ + 4 * size_t{w}, 4);
    }
    *ts = &page->ts[i];
    *value = &page->value[i];
  }

  // Calls f(w, ts, value, init_ts) for every touched word in [begin, end), in address order;
  // f may change ts.
  template <typename F>
  void ForEach(uint32_t begin, uint32_t end, F&& f) {
    for (size_t p = begin >> kPageWordsLog; p <= (end - 1) >> kPageWordsLog; ++p) {
      Page* page = pages_[p].get();
      if (page == nullptr) continue;
      for (uint32_t i = 0; i < kPageWords; ++i) {
        const uint32_t w = static_cast<uint32_t>(p << kPageWordsLog) + i;
        if (w < begin || w >= end) continue;
        if ((page->touched[i / 64] >> (i % 64) & 1) != 0) {
          f(w, page->ts[i], page->value[i], uint64_t{page->init_epoch[i]} << epoch_log_);
        }
      }
    }
  }

 private:
  const uint8_t* initial_;
  uint32_t epoch_log_;
  std::vector<std::unique_ptr<Page>> pages_;
};

const char* SpaceName(Space s) {
  return s == Space::kReg ? "register" : s == Space::kRam ? "RAM word" : "ROM word";
}

// The age t - p - 1 of a token emitted at p for an access at t (RoutedRow::prev_gap), or an
// error when the access's range check cannot prove it (the token is older than 2^32
// timestamps: a run routed in one piece longer than about 2^30 cycles, which the prover
// never makes, since it routes segment by segment and refreshes old tokens).
Result<uint32_t> TokenAge(uint64_t clk, uint64_t t, uint64_t p, Space space, uint32_t addr) {
  if (p < t && t - p - 1 < kTwo32) return static_cast<uint32_t>(t - p - 1);
  return MakeError(
      "cycle {}: the token of {} {:#x} is {} timestamps old, more than one access can prove "
      "(2^32); runs that long are routed segment by segment, with refreshes",
      clk, SpaceName(space), addr, t - p);
}

// The 50 state words of a KECCAK_F1600 call: each consumes its token (the input must be what
// memory holds) and emits the output the log recorded; with the cross-checks on, that output
// must be the permutation of the input.
Status RouteKeccakCall(uint64_t clk, const StepRecord& s, const executor::SyscallRecord& sys,
                       const executor::ExecutionLog& log, const RouteOptions& options,
                       MemoryShadow& ram, std::vector<KeccakCallRecord>* calls) {
  const uint32_t a0 = s.rs2_value;
  if (a0 % 8 != 0 || a0 / 8 < kKeccakMinQ || a0 / 8 > kKeccakMaxQ ||
      sys.data_size != 2 * abi::kKeccakStateBytes) {
    return MakeError(
        "cycle {} (pc {:#010x}): KECCAK_F1600 call on {:#x} that the executor "
        "would have refused",
        clk, s.pc, a0);
  }
  const uint8_t* data = log.syscall_data.data() + (sys.data_offset - log.first_data_offset);
  KeccakCallRecord call{.clk = clk, .ptr = a0 / 4};
  const uint64_t t = Timestamp(clk, kSlotRam);
  uint64_t lanes[25];
  for (size_t j = 0; j < kKeccakStateWords; ++j) {
    uint64_t* ts;
    uint32_t* value;
    const uint32_t w = call.ptr + static_cast<uint32_t>(j);
    ram.Token(w, t, &ts, &value);
    uint32_t logged;
    std::memcpy(&logged, data + 4 * j, 4);
    if (options.check_reads && logged != *value) {
      return MakeError(
          "cycle {}: the log's KECCAK_F1600 input word {} is {:#x}, memory holds {:#x}", clk, j,
          logged, *value);
    }
    call.before[j] = *value;
    Result<uint32_t> age = TokenAge(clk, t, *ts, Space::kRam, w);
    if (!age.ok()) return age.error();
    call.gap[j] = *age;
    std::memcpy(&call.after[j], data + abi::kKeccakStateBytes + 4 * j, 4);
    *ts = t;
    *value = call.after[j];
  }
  if (options.check_reads) {
    std::memcpy(lanes, call.before.data(), sizeof(lanes));
    crypto::KeccakF1600(lanes);
    if (std::memcmp(lanes, call.after.data(), sizeof(lanes)) != 0) {
      return MakeError(
          "cycle {}: the log's KECCAK_F1600 output is not the permutation of its "
          "input",
          clk);
    }
  }
  calls->push_back(call);
  return {};
}

// The 24 state words of a POSEIDON2 call, as RouteKeccakCall: each consumes its token (the
// input must be what memory holds, 12 canonical elements) and emits the output the log
// recorded; with the cross-checks on, that output must be the permutation of the input.
Status RoutePoseidon2Call(uint64_t clk, const StepRecord& s, const executor::SyscallRecord& sys,
                          const executor::ExecutionLog& log, const RouteOptions& options,
                          MemoryShadow& ram, std::vector<Poseidon2CallRecord>* calls) {
  const uint32_t a0 = s.rs2_value;
  if (a0 % 8 != 0 || a0 / 8 < kPoseidon2MinQ || a0 / 8 > kPoseidon2MaxQ ||
      sys.data_size != 2 * abi::kPoseidon2StateBytes) {
    return MakeError(
        "cycle {} (pc {:#010x}): POSEIDON2 call on {:#x} that the executor would have refused", clk,
        s.pc, a0);
  }
  const uint8_t* data = log.syscall_data.data() + (sys.data_offset - log.first_data_offset);
  Poseidon2CallRecord call{.clk = clk, .ptr = a0 / 4};
  const uint64_t t = Timestamp(clk, kSlotRam);
  for (size_t j = 0; j < kPoseidon2StateWords; ++j) {
    uint64_t* ts;
    uint32_t* value;
    const uint32_t w = call.ptr + static_cast<uint32_t>(j);
    ram.Token(w, t, &ts, &value);
    uint32_t logged;
    std::memcpy(&logged, data + 4 * j, 4);
    if (options.check_reads && logged != *value) {
      return MakeError("cycle {}: the log's POSEIDON2 input word {} is {:#x}, memory holds {:#x}",
                       clk, j, logged, *value);
    }
    call.before[j] = *value;
    Result<uint32_t> age = TokenAge(clk, t, *ts, Space::kRam, w);
    if (!age.ok()) return age.error();
    call.gap[j] = *age;
    std::memcpy(&call.after[j], data + abi::kPoseidon2StateBytes + 4 * j, 4);
    *ts = t;
    *value = call.after[j];
  }
  crypto::Felt state[kPoseidon2Width];
  for (size_t i = 0; i < kPoseidon2Width; ++i) {
    const uint64_t v = call.before[2 * i] | uint64_t{call.before[2 * i + 1]} << 32;
    if (!crypto::Felt::TryFromCanonical(v, &state[i])) {
      return MakeError("cycle {}: POSEIDON2 input element {} ({:#x}) is not canonical", clk, i, v);
    }
  }
  if (options.check_reads) {
    crypto::Poseidon2Permute(state);
    for (size_t i = 0; i < kPoseidon2Width; ++i) {
      const uint64_t v = call.after[2 * i] | uint64_t{call.after[2 * i + 1]} << 32;
      if (v != state[i].value()) {
        return MakeError("cycle {}: the log's POSEIDON2 output is not the permutation of its input",
                         clk);
      }
    }
  }
  calls->push_back(call);
  return {};
}

size_t PowerOfTwoAtLeast(size_t n) {
  size_t rows = 2;
  while (rows < n) rows *= 2;
  return rows;
}

uint32_t KeccakLogMax(uint32_t max_log_rows) { return std::max<uint32_t>(max_log_rows, 5); }

// Whole calls in a KECCAK chunk of 2^log_rows rows (log_rows >= 5).
size_t KeccakCallsPerChunk(uint32_t log_rows) {
  return (size_t{1} << KeccakLogMax(log_rows)) / kKeccakRowsPerCall;
}

// Fills the 24 rows of one call (the zero-state padding permutation when `words` is null)
// row-major into `scratch`.
void FillKeccakCall(const uint32_t* words, const KeccakRowContext& ctx,
                    std::vector<Felt>& scratch) {
  const size_t width = keccak_cols::kCount;
  scratch.assign(kKeccakRowsPerCall * width, Felt::Zero());
  uint64_t state[25] = {};
  if (words != nullptr) std::memcpy(state, words, sizeof(state));
  for (size_t r = 0; r < kKeccakRowsPerCall; ++r) {
    RowWriter writer(std::span<Felt>(scratch).subspan(r * width, width));
    FillKeccakRound(state, static_cast<int>(r), ctx, writer);
  }
}

ColumnMajorMatrix BuildKeccakChunk(const RoutedExecution& routed, TableId t, size_t chunk,
                                   uint32_t max_log_rows) {
  const std::vector<uint32_t> logs = ChunkLogHeights(routed, t, max_log_rows);
  ZKVM_CHECK(chunk < logs.size(), "no such chunk");
  const size_t height = size_t{1} << logs[chunk];
  size_t begin = 0;
  for (size_t c = 0; c < chunk; ++c) begin += KeccakCallsPerChunk(logs[c]);
  const size_t end = std::min(routed.keccak_calls.size(), begin + KeccakCallsPerChunk(logs[chunk]));
  ColumnMajorMatrix m(height, keccak_cols::kCount);
  const size_t width = keccak_cols::kCount;
  tbb::parallel_for(size_t{0}, end - begin, [&](size_t k) {
    thread_local std::vector<Felt> scratch;
    const KeccakCallRecord& call = routed.keccak_calls[begin + k];
    FillKeccakCall(call.before.data(), {.real = true, .clk = call.clk, .ptr = call.ptr}, scratch);
    const size_t row0 = k * kKeccakRowsPerCall;
    for (size_t c = 0; c < width; ++c) {
      for (size_t r = 0; r < kKeccakRowsPerCall; ++r) m(row0 + r, c) = scratch[r * width + c];
    }
  });
  // Padding: permutations of the zero state with real = 0, the last one cut off.
  const size_t pad_begin = (end - begin) * kKeccakRowsPerCall;
  if (pad_begin < height) {
    std::vector<Felt> pad;
    FillKeccakCall(nullptr, {}, pad);
    tbb::parallel_for(size_t{0}, width, [&](size_t c) {
      for (size_t r = pad_begin; r < height; ++r) {
        m(r, c) = pad[((r - pad_begin) % kKeccakRowsPerCall) * width + c];
      }
    });
  }
  return m;
}

}  // namespace

size_t RoutedExecution::num_rows(TableId t) const {
  switch (SourceOf(t)) {
    case RowSource::kDecodeCounts:
      return decode_counts.size();
    case RowSource::kRegisterTokens:
      return kNumRegisterTokens;
    case RowSource::kElfTokens:
      return elf_fin_ts.size();
    case RowSource::kByteLookups:
      return kByteTableRows;
    case RowSource::kPowLookups:
      return kPowTableRows;
    case RowSource::kKeccakChunks:
      return kKeccakRcRows;
    case RowSource::kZeroWords:
      return zero_words.size();
    case RowSource::kInputWords:
      return input_words.size();
    case RowSource::kSteps:
      return rows[static_cast<size_t>(t)].size();
    case RowSource::kCommitWords:
      return commit_words.size();
    case RowSource::kCommitBytes:
      return commit_bytes.size();
    case RowSource::kKeccakMemRows:
      return kKeccakMemRowsPerCall * keccak_calls.size();
    case RowSource::kKeccakRounds:
      return kKeccakRowsPerCall * keccak_calls.size();
    case RowSource::kPoseidon2MemRows:
      return kPoseidon2MemRowsPerCall * poseidon2_calls.size();
    case RowSource::kRefreshRows:
      return refresh_rows.size();
  }
  return 0;
}

Result<RoutedExecution> ExecuteAndRoute(const executor::Program& program,
                                        std::span<const uint8_t> input, uint64_t max_cycles,
                                        const std::function<void(std::string_view)>& debug_sink) {
  Result<executor::Executor> machine = executor::Executor::Create(program, input);
  if (!machine.ok()) return machine.error();
  if (debug_sink) machine->set_debug_sink(debug_sink);
  executor::ExecutionLog log;
  const executor::MachineState& state =
      machine->Run({.max_cycles = std::min(max_cycles, kMaxCycles), .log = &log});
  if (state.status == executor::RunStatus::kTrapped) {
    const std::string where = program.WhereIs(state.trap.pc);
    return MakeError("the run trapped at cycle {}: {}{}{}; only halting runs can be proved",
                     state.cycle, executor::DescribeTrap(state.trap), where.empty() ? "" : " ",
                     where);
  }
  if (state.status != executor::RunStatus::kHalted) {
    return MakeError("the run did not halt within {} cycles", std::min(max_cycles, kMaxCycles));
  }
  return Route(program, input, std::move(log), state);
}

struct Router::State {
  State(const executor::Program& p, executor::Executor machine, const RouteOptions& o)
      : program(p),
        pristine(std::move(machine)),
        options(o),
        ram(pristine.memory().base(), o.refresh_log_cycles) {}

  const executor::Program& program;
  executor::Executor pristine;  // the initial memory (initial values of touched words)
  RouteOptions options;
  std::vector<DecodedRow> decoded;
  std::vector<uint64_t> decode_counts;
  // The registers' last tokens and initial timestamps (set on first access).
  std::array<uint64_t, kNumRegisterTokens> reg_ts{}, reg_init_ts{};
  std::array<uint32_t, kNumRegisterTokens> reg_val{};
  std::array<bool, kNumRegisterTokens> reg_touched{};
  MemoryShadow ram;
  uint32_t cursor = 0;
  uint64_t cycles = 0;  // steps routed so far
  std::array<Accesses, kNumTables> accesses{};
};

Result<Router> Router::Create(const executor::Program& program, std::span<const uint8_t> input,
                              const RouteOptions& options) {
  Result<executor::Executor> pristine = executor::Executor::Create(program, input);
  if (!pristine.ok()) return pristine.error();
  Router router;
  router.state_ = std::make_unique<State>(program, std::move(*pristine), options);
  State& st = *router.state_;
  st.decoded.resize(program.decoded.size());
  for (size_t i = 0; i < st.decoded.size(); ++i) {
    st.decoded[i] =
        DecodeRow(program.text_begin + 4 * static_cast<uint32_t>(i), program.decoded[i]);
  }
  st.decode_counts.assign(st.decoded.size(), 0);
  st.reg_val[2] = abi::kStackTop;
  for (size_t t = 0; t < kNumTables; ++t) {
    if (IsInstructionTable(static_cast<TableId>(t))) {
      st.accesses[t] = InstructionTable(static_cast<TableId>(t)).accesses();
    }
  }
  return router;
}

Router::Router() = default;
Router::Router(Router&&) noexcept = default;
Router& Router::operator=(Router&&) noexcept = default;
Router::~Router() = default;

uint64_t Router::cycles() const { return state_->cycles; }

Status Router::RouteSteps(executor::ExecutionLog steps, RoutedExecution* out) {
  State& st = *state_;
  const executor::Program& program = st.program;
  const RouteOptions& options = st.options;
  if (steps.first_cycle != st.cycles) {
    return MakeError("the log starts at cycle {}, but {} cycles were routed", steps.first_cycle,
                     st.cycles);
  }
  out->program = &program;
  out->log = std::move(steps);
  const executor::ExecutionLog& log = out->log;
  MemoryShadow& ram = st.ram;
  // Initial epochs are 16-bit multiples of 2^(refresh_log_cycles + 2) timestamps.
  const uint64_t last_ts = Timestamp(log.first_cycle + log.steps.size(), kSlotRd);
  if (last_ts >> (options.refresh_log_cycles + 2) > 0xFFFF) {
    return MakeError(
        "a run of {} cycles needs a refresh period of at least 2^{} cycles (16-bit initial "
        "epochs), not 2^{}",
        log.first_cycle + log.steps.size(), std::bit_width(last_ts) - 18,
        options.refresh_log_cycles);
  }
  out->refresh_rows.clear();
  out->refresh_ts = RefreshTimestamp(log.first_cycle + 1);
  const uint64_t period = uint64_t{1} << options.refresh_log_cycles;
  if (log.first_cycle > 0 && log.first_cycle % period == 0) Refresh(out);
  for (size_t i = 0; i < log.steps.size(); ++i) {
    const StepRecord& s = log.steps[i];
    const uint64_t clk = log.first_cycle + i + 1;
    const size_t word = (s.pc - program.text_begin) / 4;
    const DecodedRow& dec = st.decoded[word];
    const TableId table = TableOf(dec.uop, s.rs1_value);
    if (table == TableId::kCount) {
      if (dec.uop == Uop::kEcall) {
        return MakeError(
            "cycle {} (pc {:#010x}): syscall {:#x} has no table yet, so the run "
            "cannot be proved",
            clk, s.pc, s.rs1_value);
      }
      return MakeError("cycle {} (pc {:#010x}): instruction cannot be proved", clk, s.pc);
    }
    const executor::SyscallRecord* sys =
        dec.uop == Uop::kEcall ? &log.syscalls[s.mem_addr - log.first_syscall] : nullptr;
    MemAccess acc[kMaxAccesses];
    const size_t n = RowAccesses(st.accesses[static_cast<size_t>(table)], dec, s, sys,
                                 program.text_begin, program.text_end, st.cursor, acc);
    RoutedRow row;
    row.step = static_cast<uint32_t>(i);
    for (size_t k = 0; k < n; ++k) {
      const MemAccess& a = acc[k];
      const uint64_t t = Timestamp(clk, a.slot);
      uint64_t* ts;
      uint32_t* value;
      if (a.space == Space::kReg) {
        if (!st.reg_touched[a.addr]) {
          st.reg_touched[a.addr] = true;
          st.reg_ts[a.addr] = st.reg_init_ts[a.addr] = InitTimestamp(t, options.refresh_log_cycles);
        }
        ts = &st.reg_ts[a.addr];
        value = &st.reg_val[a.addr];
      } else {
        ram.Token(a.addr, t, &ts, &value);
      }
      if (options.check_reads && !a.write && *value != a.value) {
        return MakeError(
            "cycle {} (pc {:#010x}): the log reads {:#x} from {} {:#x}, memory holds "
            "{:#x}",
            clk, s.pc, a.value, SpaceName(a.space), a.addr, *value);
      }
      Result<uint32_t> age = TokenAge(clk, t, *ts, a.space, a.addr);
      if (!age.ok()) return age.error();
      row.prev_gap[k] = *age;
      row.prev_value[k] = *value;
      *ts = t;
      *value = a.value;
    }
    const Accesses shape = st.accesses[static_cast<size_t>(table)];
    if (shape == Accesses::kWrite && sys->args[0] == abi::kFdPublicOutput && sys->args[2] != 0) {
      const uint32_t buf = sys->args[1], len = sys->args[2];
      const uint8_t* data = log.syscall_data.data() + (sys->data_offset - log.first_data_offset);
      const uint64_t t = Timestamp(clk, kSlotRam);
      for (uint32_t w = buf / 4; w <= (buf + len - 1) / 4; ++w) {
        uint64_t* ts;
        uint32_t* value;
        ram.Token(w, t, &ts, &value);
        Result<uint32_t> age = TokenAge(clk, t, *ts, Space::kRam, w);
        if (!age.ok()) return age.error();
        CommitWord cw{.clk = clk,
                      .w = w,
                      .value = *value,
                      .gap = *age,
                      .rom = 4 * w >= program.text_begin && 4 * w < program.text_end};
        for (uint32_t b = 0; b < 4; ++b) {
          const uint32_t addr = 4 * w + b;
          if (addr >= buf && addr - buf < len) {
            cw.m[b] = 1;
            if (options.check_reads && data[addr - buf] != ((*value >> (8 * b)) & 0xFF)) {
              return MakeError("cycle {}: the log's output byte {} differs from memory", clk,
                               addr - buf);
            }
          }
        }
        *ts = t;
        out->commit_words.push_back(cw);
      }
      for (uint32_t j = 0; j < len; ++j) {
        out->commit_bytes.push_back(
            {.clk = clk, .addr = buf + j, .rem = len - j, .idx = st.cursor + j, .byte = data[j]});
      }
      st.cursor += len;
    }
    if (shape == Accesses::kKeccakCall) {
      if (Status status = RouteKeccakCall(clk, s, *sys, log, options, ram, &out->keccak_calls);
          !status.ok()) {
        return status;
      }
    }
    if (shape == Accesses::kPoseidon2) {
      if (Status status =
              RoutePoseidon2Call(clk, s, *sys, log, options, ram, &out->poseidon2_calls);
          !status.ok()) {
        return status;
      }
    }
    st.decode_counts[word]++;
    out->rows[static_cast<size_t>(table)].push_back(row);
  }
  st.cycles += log.steps.size();
  return {};
}

void Router::Refresh(RoutedExecution* out) {
  State& st = *state_;
  const uint64_t r = out->refresh_ts;
  const uint64_t oldest = r - 4 * (uint64_t{1} << st.options.refresh_log_cycles);
  auto refresh = [&](Space space, uint32_t addr, uint64_t& ts, uint32_t value) {
    if (ts >= oldest) return;
    out->refresh_rows.push_back(
        {.space = space, .addr = addr, .gap = static_cast<uint32_t>(r - ts - 1), .value = value});
    ts = r;
  };
  for (uint32_t i = 0; i < kNumRegisterTokens; ++i) {
    if (st.reg_touched[i]) refresh(Space::kReg, i, st.reg_ts[i], st.reg_val[i]);
  }
  const uint32_t text_begin = st.program.text_begin / 4, text_end = st.program.text_end / 4;
  st.ram.ForEach(abi::kImageBase / 4, abi::kInputEnd / 4,
                 [&](uint32_t w, uint64_t& ts, uint32_t value, uint64_t) {
                   refresh(w >= text_begin && w < text_end ? Space::kRom : Space::kRam, w, ts,
                           value);
                 });
}

Status Router::Finish(const executor::MachineState& state, RoutedExecution* out) {
  State& st = *state_;
  const executor::Program& program = st.program;
  if (state.status != executor::RunStatus::kHalted || state.cycle != st.cycles) {
    return MakeError("only a halted run whose every step was routed can be finished");
  }
  out->program = &program;
  out->cycles = state.cycle;
  out->exit_code = state.exit_code;
  out->output = state.public_output;
  if (st.options.check_reads && st.cursor != out->output.size()) {
    return MakeError("the routed output has {} bytes, the run {}", st.cursor, out->output.size());
  }
  out->decode_counts = st.decode_counts;
  out->reg_fin_ts = st.reg_ts;
  out->reg_fin_val = st.reg_val;
  out->reg_init_ts = st.reg_init_ts;
  const uint32_t image_end = ImageEnd(program);
  const std::vector<uint32_t> image = ImageWords(program);
  out->elf_fin_ts.assign(image.size(), 0);
  out->elf_init_ts.assign(image.size(), 0);
  out->elf_fin_val = image;
  const uint32_t image_w = abi::kImageBase / 4;
  MemoryShadow& ram = st.ram;
  ram.ForEach(image_w, image_end / 4,
              [&](uint32_t w, uint64_t ts, uint32_t value, uint64_t init_ts) {
                out->elf_fin_ts[w - image_w] = ts;
                out->elf_fin_val[w - image_w] = value;
                out->elf_init_ts[w - image_w] = init_ts;
              });
  out->zero_words.clear();
  ram.ForEach(image_end / 4, abi::kInputBase / 4,
              [&](uint32_t w, uint64_t ts, uint32_t value, uint64_t init_ts) {
                out->zero_words.push_back(
                    {.w = w, .init = 0, .init_ts = init_ts, .fin_ts = ts, .fin_val = value});
              });
  const uint8_t* initial = st.pristine.memory().base();
  auto initial_word = [&](uint32_t w) {
    uint32_t init;
    std::memcpy(&init, initial + 4 * size_t{w}, 4);
    return init;
  };
  out->input_words.clear();
  ram.ForEach(
      abi::kInputBase / 4, abi::kInputEnd / 4,
      [&](uint32_t w, uint64_t ts, uint32_t value, uint64_t init_ts) {
        out->input_words.push_back(
            {.w = w, .init = initial_word(w), .init_ts = init_ts, .fin_ts = ts, .fin_val = value});
      });
  // Once the guest touches the input range, PAGE_INPUT also holds the header words and the
  // boundary word (memory_airs.h); those it did not touch keep their initial token.
  if (!out->input_words.empty()) {
    for (uint32_t w : InputFrameWords(initial_word(abi::kInputBase / 4))) {
      auto it = std::lower_bound(out->input_words.begin(), out->input_words.end(), w,
                                 [](const PageWord& a, uint32_t b) { return a.w < b; });
      if (it == out->input_words.end() || it->w != w) {
        const uint32_t init = initial_word(w);
        out->input_words.insert(it, {.w = w, .init = init, .fin_ts = 0, .fin_val = init});
      }
    }
  }
  // Accesses outside the image, the zero range and the input range (the guard and reserved
  // regions) trap in the executor, so nothing else can have been touched.
  return {};
}

Result<RoutedExecution> Route(const executor::Program& program, std::span<const uint8_t> input,
                              executor::ExecutionLog run_log, const executor::MachineState& state,
                              const RouteOptions& options) {
  if (state.status != executor::RunStatus::kHalted || run_log.first_cycle != 0 ||
      run_log.steps.size() != state.cycle) {
    return MakeError("only a complete log of a halted run can be routed");
  }
  Result<Router> router = Router::Create(program, input, options);
  if (!router.ok()) return router.error();
  RoutedExecution out;
  if (Status s = router->RouteSteps(std::move(run_log), &out); !s.ok()) return Error{s.message()};
  if (Status s = router->Finish(state, &out); !s.ok()) return Error{s.message()};
  return out;
}

// ---- Lookup counting
// ------------------------------------------------------------------------------

LookupCounter::LookupCounter()
    : byte_(std::make_unique<std::atomic<uint64_t>[]>(kNumByteOps * kByteTableRows)) {}

void LookupCounter::Byte(const ByteLookup& lookup) {
  Result<size_t> row = ByteRowOf(lookup);
  if (!row.ok()) {
    invalid_.store(true, std::memory_order_relaxed);
    return;
  }
  const size_t op = static_cast<size_t>(lookup.op) - 1;
  byte_[op * kByteTableRows + *row].fetch_add(1, std::memory_order_relaxed);
}

void LookupCounter::Pow(uint32_t s, uint32_t dir) {
  if (s >= 32 || dir >= 2) {
    invalid_.store(true, std::memory_order_relaxed);
    return;
  }
  pow_[PowRow(s, dir)].fetch_add(1, std::memory_order_relaxed);
}

Status LookupCounter::status() const {
  if (invalid_.load())
    return MakeError("a table reported a lookup that no BYTE or POW row answers");
  return {};
}

ColumnMajorMatrix LookupCounter::ByteTrace() const {
  ColumnMajorMatrix m(kByteTableRows, kNumByteOps);
  for (size_t op = 0; op < kNumByteOps; ++op) {
    for (size_t r = 0; r < kByteTableRows; ++r) {
      m(r, op) = Felt::FromU64(byte_[op * kByteTableRows + r].load(std::memory_order_relaxed));
    }
  }
  return m;
}

ColumnMajorMatrix LookupCounter::PowTrace() const {
  ColumnMajorMatrix m(kPowTableRows, 1);
  for (size_t r = 0; r < kPowTableRows; ++r) {
    m(r, 0) = Felt::FromU64(pow_[r].load(std::memory_order_relaxed));
  }
  return m;
}

// ---- Building tables
// ------------------------------------------------------------------------------

namespace {

std::vector<uint32_t> ChunkLogHeightsAt(const RoutedExecution& routed, TableId t,
                                        uint32_t max_log_rows, uint32_t floor) {
  const executor::Program& program = *routed.program;
  const size_t rows = routed.num_rows(t);
  switch (ChunkingOf(t)) {
    case Chunking::kFixed:
      return {FixedLogRows(t, Log2(DecodeTableRows(program)), Log2(PageElfRows(program)))};
    case Chunking::kOne:
      if (rows == 0) return {};
      return {std::max(Log2(PageRows(SourceOf(t) == RowSource::kInputWords, rows)), floor)};
    case Chunking::kKeccakCalls: {
      // Whole calls per chunk; a tail that would leave over a quarter of its chunk as padding
      // is split into a chunk of half the height and another for the rest (2,362 columns make
      // padding rows expensive).
      std::vector<uint32_t> chunks;
      const uint32_t log_max = KeccakLogMax(max_log_rows);
      const uint32_t log_min = std::min(floor, log_max);
      size_t calls = routed.keccak_calls.size();
      while (calls > 0) {
        const size_t call_rows = calls * kKeccakRowsPerCall;
        const uint32_t k = std::max<uint32_t>(Log2(PowerOfTwoAtLeast(call_rows)), 5);
        const uint32_t chunk = k > log_max                                     ? log_max
                               : k > 5 && 4 * call_rows < 3 * (size_t{1} << k) ? k - 1
                                                                               : k;
        chunks.push_back(std::max(chunk, log_min));
        calls -= std::min(calls, KeccakCallsPerChunk(chunks.back()));
      }
      return chunks;
    }
    case Chunking::kRows:
      break;
  }
  std::vector<uint32_t> chunks;
  size_t left = rows;
  const size_t full = size_t{1} << max_log_rows;
  while (left > full) {
    chunks.push_back(max_log_rows);
    left -= full;
  }
  if (left > 0) {
    chunks.push_back(std::max(Log2(PowerOfTwoAtLeast(left)), std::min(floor, max_log_rows)));
  }
  return chunks;
}

}  // namespace

std::vector<uint32_t> ChunkLogHeights(const RoutedExecution& routed, TableId t,
                                      uint32_t max_log_rows) {
  return ChunkLogHeightsAt(routed, t, max_log_rows, routed.min_log_rows);
}

uint32_t HeightClassFloor(const RoutedExecution& routed, bool last, uint32_t max_log_rows,
                          uint32_t max_classes) {
  // The smallest floor that meets the bound pads least.
  for (uint32_t floor = 0;; ++floor) {
    uint64_t heights = 0;  // bit h: some chunk has 2^h rows
    for (size_t i = 0; i < kNumTables; ++i) {
      const TableId t = static_cast<TableId>(i);
      if (!last && IsClosingTable(t)) continue;
      for (uint32_t h : ChunkLogHeightsAt(routed, t, max_log_rows, floor)) {
        heights |= uint64_t{1} << h;
      }
    }
    if (std::popcount(heights) <= static_cast<int>(max_classes) ||
        floor >= stark::kStarkMaxLogHeight) {
      return floor;
    }
  }
}

size_t ChunkRealRows(const RoutedExecution& routed, TableId t, size_t chunk,
                     uint32_t max_log_rows) {
  const std::vector<uint32_t> logs = ChunkLogHeights(routed, t, max_log_rows);
  ZKVM_CHECK(chunk < logs.size(), "no such chunk");
  const size_t height = size_t{1} << logs[chunk];
  if (IsPreprocessed(t)) return height;
  if (ChunkingOf(t) == Chunking::kKeccakCalls) {
    size_t begin = 0;
    for (size_t c = 0; c < chunk; ++c) begin += KeccakCallsPerChunk(logs[c]);
    const size_t calls = routed.keccak_calls.size() - begin;
    return kKeccakRowsPerCall * std::min(calls, KeccakCallsPerChunk(logs[chunk]));
  }
  const size_t begin = chunk << max_log_rows;
  return std::min(routed.num_rows(t) - std::min(routed.num_rows(t), begin), height);
}

ColumnMajorMatrix BuildChunk(const RoutedExecution& routed, TableId t, size_t chunk,
                             uint32_t max_log_rows, LookupSink* sink) {
  const executor::Program& program = *routed.program;
  const RowSource source = SourceOf(t);
  ZKVM_CHECK(!IsPreprocessed(t), "a preprocessed table's trace comes from BuildFixedTrace");
  if (source == RowSource::kKeccakRounds) return BuildKeccakChunk(routed, t, chunk, max_log_rows);
  if (source == RowSource::kZeroWords || source == RowSource::kInputWords) {
    const bool input = source == RowSource::kInputWords;
    return PageTrace(input, input ? routed.input_words : routed.zero_words,
                     input ? PageInputBounds() : PageZeroBounds(ImageEnd(program)), sink,
                     size_t{1} << ChunkLogHeights(routed, t, max_log_rows).at(0));
  }
  const std::vector<uint32_t> logs = ChunkLogHeights(routed, t, max_log_rows);
  ZKVM_CHECK(chunk < logs.size(), "no such chunk");
  const size_t height = size_t{1} << logs[chunk];
  const size_t begin = chunk << max_log_rows;
  const size_t end = std::min(routed.num_rows(t), begin + (size_t{1} << max_log_rows));
  const size_t width = TableAir(t).shape().num_main_columns;
  ColumnMajorMatrix m(height, width);
  const executor::ExecutionLog& log = routed.log;
  const size_t blocks = (end - begin + kBuildBlock - 1) / kBuildBlock;
  tbb::parallel_for(size_t{0}, blocks, [&](size_t b) {
    std::vector<Felt> scratch(width);
    const size_t lo = begin + b * kBuildBlock, hi = std::min(end, lo + kBuildBlock);
    for (size_t i = lo; i < hi; ++i) {
      std::fill(scratch.begin(), scratch.end(), Felt::Zero());
      RowWriter writer(scratch);
      if (source == RowSource::kCommitWords) {
        FillCommitRead(routed.commit_words[i], writer, sink);
      } else if (source == RowSource::kCommitBytes) {
        FillCommit(routed.commit_bytes[i], writer);
      } else if (source == RowSource::kKeccakMemRows) {
        FillKeccakMem(routed.keccak_calls[i / kKeccakMemRowsPerCall], i % kKeccakMemRowsPerCall,
                      writer, sink);
      } else if (source == RowSource::kPoseidon2MemRows) {
        FillPoseidon2Mem(routed.poseidon2_calls[i / kPoseidon2MemRowsPerCall],
                         i % kPoseidon2MemRowsPerCall, writer, sink);
      } else if (source == RowSource::kRefreshRows) {
        FillRefresh(routed.refresh_rows[i], routed.refresh_ts, writer, sink);
      } else {
        const RoutedRow& r = routed.rows[static_cast<size_t>(t)][i];
        const StepRecord& s = log.steps[r.step];
        RowInput in;
        in.clk = log.first_cycle + uint64_t{r.step} + 1;
        in.step = &s;
        in.dec = DecodeRow(s.pc, program.decoded[(s.pc - program.text_begin) / 4]);
        in.routed = &r;
        if (in.dec.uop == Uop::kEcall) {
          in.syscall = &log.syscalls[s.mem_addr - log.first_syscall];
          in.syscall_data =
              log.syscall_data.data() + (in.syscall->data_offset - log.first_data_offset);
        }
        in.rom = s.mem_addr >= program.text_begin && s.mem_addr < program.text_end;
        InstructionTable(t).Fill(in, writer, sink);
      }
      for (size_t c = 0; c < width; ++c) m(i - begin, c) = scratch[c];
    }
  });
  return m;
}

std::vector<uint32_t> KeccakChunkLogHeights(const RoutedExecution& routed, uint32_t max_log_rows) {
  std::vector<uint32_t> heights;
  for (size_t k = 0; k < kNumTables; ++k) {
    if (SourceOf(static_cast<TableId>(k)) != RowSource::kKeccakRounds) continue;
    const std::vector<uint32_t> logs =
        ChunkLogHeights(routed, static_cast<TableId>(k), max_log_rows);
    heights.insert(heights.end(), logs.begin(), logs.end());
  }
  return heights;
}

ColumnMajorMatrix BuildFixedTrace(const RoutedExecution& routed, TableId t,
                                  const LookupCounter& counter, uint32_t max_log_rows) {
  return BuildFixedTrace(routed, t, counter, KeccakChunkLogHeights(routed, max_log_rows));
}

ColumnMajorMatrix BuildFixedTrace(const RoutedExecution& routed, TableId t,
                                  const LookupCounter& counter,
                                  std::span<const uint32_t> keccak_log_heights) {
  const executor::Program& program = *routed.program;
  switch (SourceOf(t)) {
    case RowSource::kDecodeCounts: {
      ColumnMajorMatrix m(DecodeTableRows(program), kNumDecodeMainColumns);
      for (size_t i = 0; i < routed.decode_counts.size(); ++i) {
        m(i, 0) = Felt::FromU64(routed.decode_counts[i]);
      }
      return m;
    }
    case RowSource::kRegisterTokens: {
      ColumnMajorMatrix m(kRegisterTableRows, 3);
      for (size_t i = 0; i < kNumRegisterTokens; ++i) {
        m(i, 0) = Felt::FromU64(routed.reg_fin_ts[i]);
        m(i, 1) = Felt::FromU64(routed.reg_fin_val[i]);
        m(i, 2) = Felt::FromU64(routed.reg_init_ts[i]);
      }
      return m;
    }
    case RowSource::kElfTokens: {
      ColumnMajorMatrix m(PageElfRows(program), 3);
      for (size_t i = 0; i < routed.elf_fin_ts.size(); ++i) {
        m(i, 0) = Felt::FromU64(routed.elf_fin_ts[i]);
        m(i, 1) = Felt::FromU64(routed.elf_fin_val[i]);
        m(i, 2) = Felt::FromU64(routed.elf_init_ts[i]);
      }
      return m;
    }
    case RowSource::kByteLookups:
      return counter.ByteTrace();
    case RowSource::kPowLookups:
      return counter.PowTrace();
    case RowSource::kKeccakChunks:
      return KeccakRcTrace(keccak_log_heights);
    default:
      break;
  }
  ZKVM_CHECK(false, "not a preprocessed table");
  return {};
}

}  // namespace zkvm::prover
