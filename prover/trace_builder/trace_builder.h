// The trace builder (DESIGN.md sections 1 and 9, docs/tables.md section 5): routes the
// executor's step log once into a compact per-table intermediate, then builds any table (or
// chunk of one) from it on demand.
//
// Routing is one sequential pass over the steps. Per step it decodes the pc (DecodeRow, the
// function that built DECODE), picks the table (TableOf), lists the memory accesses
// (RowAccesses) and, from a shadow of every register and touched memory word (last timestamp,
// last value), records the timestamp and value of the token each access consumes: a RoutedRow
// (44 bytes) per instruction. A value the log claims to have read that differs from the
// shadow is reported as an error: the builder never trusts the log silently. WRITE calls to
// fd 1 also produce their COMMIT_READ and COMMIT rows, KECCAK_F1600 calls a KeccakCallRecord
// (the 50 state words' tokens; KECCAK and KECCAK_MEM are filled from it), POSEIDON2 calls a
// Poseidon2CallRecord (the 24 state words' tokens; POSEIDON2_MEM is filled from it). After the last
// step the shadows give every address's final token.
//
// Building a table fills its rows from the routed rows in parallel (fixed blocks, so the
// result is independent of the thread count) and reports every BYTE and POW lookup to a
// counting sink; the fixed tables' multiplicities are complete once every witness table has
// been built. Iteration orders are fixed (steps in cycle order, memory pages in address
// order); no hash-map order reaches a trace.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <array>
#include <atomic>
#include <functional>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "crypto/field/matrix.h"
#include "executor/executor.h"
#include "executor/program.h"
#include "prover/tables/keccak_tables.h"
#include "prover/tables/memory_tables.h"
#include "prover/tables/poseidon2_tables.h"
#include "prover/tables/syscall_tables.h"
#include "prover/tables/vm_table.h"

namespace zkvm::prover {

// Everything routing derives from one run, or from one segment of it (Router): a segment has
// the rows of its steps (RoutedRow::step counts from log.first_cycle), and the last segment
// also what Router::Finish adds.
struct RoutedExecution {
  const executor::Program* program = nullptr;
  executor::ExecutionLog log;
  uint64_t cycles = 0;
  uint32_t exit_code = 0;
  std::vector<uint8_t> output;

  // Rows of the instruction tables (indexed by TableId; empty for the others).
  std::array<std::vector<RoutedRow>, kNumTables> rows;
  std::vector<CommitWord> commit_words;
  std::vector<CommitByte> commit_bytes;
  std::vector<KeccakCallRecord> keccak_calls;        // in execution order
  std::vector<Poseidon2CallRecord> poseidon2_calls;  // in execution order

  // Tokens renewed at the start of the segment (REFRESH, Router::RouteSteps), at refresh_ts.
  std::vector<RefreshRow> refresh_rows;
  uint64_t refresh_ts = 0;

  // Initial timestamps and final tokens.
  std::array<uint64_t, kNumRegisterTokens> reg_init_ts{}, reg_fin_ts{};
  std::array<uint32_t, kNumRegisterTokens> reg_fin_val{};
  std::vector<uint64_t> elf_init_ts, elf_fin_ts;  // per PAGE_ELF word
  std::vector<uint32_t> elf_fin_val;
  std::vector<PageWord> zero_words, input_words;  // sorted by address

  std::vector<uint64_t> decode_counts;  // per word of the executable range

  // Every witness chunk has at least 2^min_log_rows rows (the height-class bound,
  // HeightClassFloor); 0 for none.
  uint32_t min_log_rows = 0;

  // Real rows of table t.
  size_t num_rows(TableId t) const;
};

// Runs `program` on `input` with logging (at most `max_cycles` cycles) and routes the log.
// Fails, naming the cause, when the run does not halt (trap, cycle limit), uses a syscall no
// table proves, or exceeds the prover's limits. The guest's debug text goes to `debug_sink`
// (dropped when empty).
Result<RoutedExecution> ExecuteAndRoute(
    const executor::Program& program, std::span<const uint8_t> input, uint64_t max_cycles,
    const std::function<void(std::string_view)>& debug_sink = {});

struct RouteOptions {
  // Cross-check every value the log says was read against the memory shadow. Only the
  // soundness tests turn it off, to push a lying log through and watch the proof fail.
  bool check_reads = true;
  // A piece (RouteSteps) that starts at a multiple of 2^refresh_log_cycles cycles first
  // refreshes every token older than that (air_common.h). Tests lower it to exercise REFRESH.
  uint32_t refresh_log_cycles = kRefreshLogCycles;
};

// Routes the log of a halted run of `program` on `input` (`state` is the final machine state).
Result<RoutedExecution> Route(const executor::Program& program, std::span<const uint8_t> input,
                              executor::ExecutionLog log, const executor::MachineState& state,
                              const RouteOptions& options = {});

// Routing a run piece by piece (a segment at a time, docs/continuations.md): the shadows of
// every register and touched word persist across RouteSteps calls, so a token consumed in one
// piece may have been emitted in any earlier one. Route is RouteSteps over the whole log, then
// Finish.
class Router {
 public:
  static Result<Router> Create(const executor::Program& program, std::span<const uint8_t> input,
                               const RouteOptions& options = {});
  Router(Router&&) noexcept;
  Router& operator=(Router&&) noexcept;
  ~Router();

  // Routes the next steps of the run (log.first_cycle must be cycles()) into `out`: its
  // instruction rows (RoutedRow::step indexes `out->log`, which receives the log), output and
  // KECCAK records. The fields Finish fills are left as they are.
  Status RouteSteps(executor::ExecutionLog log, RoutedExecution* out);
  // After the last step of a halted run: the run's cycles, exit code and output, the final
  // tokens and the decode counts of the whole run into `out`.
  Status Finish(const executor::MachineState& state, RoutedExecution* out);
  // Steps routed so far.
  uint64_t cycles() const;

 private:
  struct State;
  // Renews every register and word whose token is older than 2^refresh_log_cycles cycles at
  // out->refresh_ts into out->refresh_rows.
  void Refresh(RoutedExecution* out);
  Router();
  std::unique_ptr<State> state_;
};

// Counts BYTE and POW lookups from any number of threads (relaxed atomic adds: the totals do
// not depend on the order).
class LookupCounter final : public LookupSink {
 public:
  LookupCounter();
  void Byte(const ByteLookup& lookup) override;
  void Pow(uint32_t s, uint32_t dir) override;
  // The first invalid lookup seen, if any (a table reported a tuple no row answers).
  Status status() const;
  crypto::ColumnMajorMatrix ByteTrace() const;
  crypto::ColumnMajorMatrix PowTrace() const;

 private:
  std::unique_ptr<std::atomic<uint64_t>[]> byte_;  // kNumByteOps * kByteTableRows
  std::array<std::atomic<uint64_t>, 64> pow_{};
  std::atomic<bool> invalid_{false};
};

// The chunk heights (log2) of table t's rows, by its Chunking (table_list.h): kRows, chunks of
// 2^max_log_rows rows, the last one the next power of two of what remains (at least 2 rows),
// no chunk when the table has no rows; kOne, at most one chunk (PAGE_ZERO, PAGE_INPUT); kFixed,
// one chunk at its fixed height; kKeccakCalls, chunks of whole calls (24 rows each,
// floor(2^k / 24) per chunk of 2^k rows; max_log_rows is taken as at least 5), and a tail that
// would be more than a quarter padding is split in two. Witness chunks (all but kFixed) are
// at least 2^routed.min_log_rows rows (at most the largest chunk of their chunking).
std::vector<uint32_t> ChunkLogHeights(const RoutedExecution& routed, TableId t,
                                      uint32_t max_log_rows);

// The height-class bound (docs/stark.md): a proof's soundness bound grows with the number of
// distinct table heights it commits (the list-size factor (L+)^H), so the prover pads witness
// chunks to a floor that leaves at most kMaxHeightClasses distinct heights in a segment (the
// representative statement's, stark/security/representative.h, which the presets are pinned
// for). Returns the smallest floor (log2 rows) that leaves at most `max_classes` distinct
// heights among `routed`'s chunks, the closing tables included when `last` (or, when no floor
// does, as the fixed tables' heights are not padded, the floor that raises every witness chunk
// to its chunking's largest height).
inline constexpr uint32_t kMaxHeightClasses = 13;
uint32_t HeightClassFloor(const RoutedExecution& routed, bool last, uint32_t max_log_rows,
                          uint32_t max_classes = kMaxHeightClasses);

// How many of chunk `chunk`'s rows of table t are real (the rest padding; every row of a
// preprocessed table counts as real).
size_t ChunkRealRows(const RoutedExecution& routed, TableId t, size_t chunk, uint32_t max_log_rows);

// The main trace of chunk `chunk` of witness table t (heights as ChunkLogHeights), with its
// lookups reported to `sink` (may be null).
crypto::ColumnMajorMatrix BuildChunk(const RoutedExecution& routed, TableId t, size_t chunk,
                                     uint32_t max_log_rows, LookupSink* sink);

// The main trace of preprocessed table t, once every witness chunk has been built with
// `counter` as its sink: lookup multiplicities (BYTE, POW), KECCAK chunk heights (KECCAK_RC),
// or what routing recorded (DECODE counts, REGISTER and PAGE_ELF final tokens).
crypto::ColumnMajorMatrix BuildFixedTrace(const RoutedExecution& routed, TableId t,
                                          const LookupCounter& counter, uint32_t max_log_rows);
// The same for a run cut into segments: `keccak_log_heights` are the log heights of every
// KECCAK chunk of the run, in order (KECCAK_RC's multiplicities), and `counter` has seen every
// segment's witness chunks.
crypto::ColumnMajorMatrix BuildFixedTrace(const RoutedExecution& routed, TableId t,
                                          const LookupCounter& counter,
                                          std::span<const uint32_t> keccak_log_heights);

// The log heights of `routed`'s KECCAK chunks (ChunkLogHeights of the KECCAK tables).
std::vector<uint32_t> KeccakChunkLogHeights(const RoutedExecution& routed, uint32_t max_log_rows);

}  // namespace zkvm::prover
