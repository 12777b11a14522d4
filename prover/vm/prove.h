// Proving RV32IM programs (DESIGN.md sections 1, 6, 8, 12); verify.h is its mirror:
//
//   Prove(program, input, config)  -> proof bytes (vm_statement.h format)
//
// Prove runs the program with logging a segment of 2^log_segment_cycles cycles at a time,
// routes each segment's log (prover/trace_builder's Router, whose memory shadow carries the
// tokens across segments), builds the segment's table chunks and counts the BYTE and POW
// lookups; the last segment also holds the run's closing tables. A run of one segment is
// proved in one pass. A longer run takes two (docs/continuations.md): the first commits every
// segment's main trace and keeps only its root; the shared LogUp challenges are drawn from all
// of them; the second runs the program again and proves each segment with those challenges.
// Peak memory follows the segment, not the run.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "executor/program.h"
#include "prover/trace_builder/trace_builder.h"
#include "prover/vm/verifying_key.h"
#include "prover/vm/vm_statement.h"
#include "stark/prover/stark_prover.h"
#include "stark/security/proof_options.h"
#include "stark/security/security.h"

namespace zkvm::prover {

// The default segment: 2^21 cycles, which proves in about 6 GiB at the default options
// (fibonacci, MemoryMode::kFast; docs/continuations.md). Smaller machines: 2^20, or
// MemoryMode::kLow.
inline constexpr uint32_t kDefaultLogSegmentCycles = 21;

// How the prover trades memory for time.
enum class MemoryMode : uint8_t {
  // kLow when kFast's estimated peak (about 34 bytes per committed cell) would exceed half of
  // the machine's physical memory, else kFast.
  kAuto,
  // Keep every trace chunk and every LDE until the proof is written.
  kFast,
  // Build each witness chunk when the STARK prover asks for it and free it after (the chunks
  // are built once more up front to count lookups), and drop each LDE once committed,
  // recomputing it from its coefficients when a later phase needs it. The peak, at the main
  // trace commitment, is about 24 bytes per committed cell; proving takes about 20% longer.
  kLow,
};

// What Prove is doing, reported through ProveConfig::on_phase as each phase begins. The STARK
// phases follow stark::ProverPhase in order.
enum class ProvePhase : uint8_t {
  kExecute,  // run the program with logging, route the log
  kTraces,   // build the table chunks
  kStark,    // the first STARK phase; kStark + i is stark::ProverPhase(i)
};
inline constexpr int kNumProvePhases = 2 + stark::kNumProverPhases;

// "executing", "building traces", "committing main traces", ... for the phase with index
// `phase` (0 .. kNumProvePhases - 1).
const char* ProvePhaseName(int phase);

struct ProveConfig {
  stark::ProofOptions options = stark::kDefaultOptions;
  // At most this many distinct table heights per segment (HeightClassFloor pads witness chunks
  // to reach it); tests lower it to exercise the padding.
  uint32_t max_height_classes = kMaxHeightClasses;
  MemoryMode memory = MemoryMode::kAuto;
  uint64_t max_cycles = kMaxCycles;
  // Witness tables are split into chunks of at most 2^max_log_chunk_rows rows.
  uint32_t max_log_chunk_rows = 22;
  // Segments of 2^log_segment_cycles cycles (kMinLogSegmentCycles to kMaxLogSegmentCycles).
  uint32_t log_segment_cycles = kDefaultLogSegmentCycles;
  // Tokens older than 2^refresh_log_cycles cycles are renewed (REFRESH) at the segments that
  // start at multiples of it (RouteOptions); tests lower it to exercise REFRESH.
  uint32_t refresh_log_cycles = kRefreshLogCycles;
  // Run the row checker on every table and the bus ledger across them before proving (slow;
  // names the table, row and constraint or bus tuple that fails).
  bool debug_checks = false;
  // The guest's debug text (WRITE to fd 2) as it runs; empty: dropped.
  std::function<void(std::string_view)> debug_sink = {};
  // Called with the index of each phase (ProvePhase, then the STARK's) as it begins.
  std::function<void(int phase)> on_phase = {};
  // Called as each segment's work begins: its index, the segment count, and whether it is the
  // second pass (a run of several segments makes two; a one-segment run only the first).
  std::function<void(uint32_t segment, uint32_t num_segments, bool second_pass)> on_segment = {};
  // Soundness tests only: rewrites each segment's log before it is routed (in both passes), as
  // a lying executor would; the log is then routed without its cross-checks (RouteOptions).
  // Empty in real use.
  std::function<void(uint32_t segment, executor::ExecutionLog& log)> tamper_log = {};
};

// What a proof cost, for `zkvm prove --stats` and the benchmarks.
struct ProveStats {
  // One segment: its cycles, committed cells, the seconds of its two passes (the first only
  // for runs of several segments) and the process's peak resident memory once it was proved
  // (a high-water mark: it rises at the segment whose proof needed more than any before).
  struct Segment {
    uint64_t cycles = 0;
    uint64_t committed_cells = 0;
    double commit_seconds = 0;  // first pass: execute, route, build, commit the main trace
    double prove_seconds = 0;   // second pass (or the only one): the whole segment proof
    uint64_t peak_rss_bytes = 0;
    size_t proof_bytes = 0;
  };
  std::vector<Segment> segments;
  uint64_t cycles = 0;
  uint32_t exit_code = 0;       // what the proof states: the guest's exit code
  std::vector<uint8_t> output;  // and its public output
  struct Chunk {
    TableId table = TableId::kCount;
    uint64_t real_rows = 0;
    uint64_t rows = 0;
    uint64_t main_columns = 0;
    uint64_t aux_columns = 0;  // base-field columns
  };
  std::vector<Chunk> chunks;     // the last segment's
  uint64_t committed_cells = 0;  // main + aux over all padded rows of every segment
  double security_bits = 0;      // the run's (stark::RunSecurityBits)
  uint32_t num_queries = 0;      // the run's query count (RunOptions)
  double execute_seconds = 0;    // run + route
  double trace_seconds = 0;      // table building
  double stark_seconds = 0;
  double total_seconds = 0;
  size_t proof_bytes = 0;
  stark::ProverStats stark;  // the STARK prover's phases and proof parts (the last segment's)
};

Result<std::vector<uint8_t>> Prove(const executor::Program& program, std::span<const uint8_t> input,
                                   const ProveConfig& config = {}, ProveStats* stats = nullptr);

// The pieces of a one-segment proof, for tests that change them before proving.
struct VmWitness {
  VerifyingKey vk;
  VmStatement statement;  // one segment
  RoutedExecution routed;
  FixedPreprocessed fixed;
  // One per statement chunk; a witness chunk's matrix is empty (0 rows) when it is streamed
  // (MemoryMode::kLow): ProveWitness then builds it from `routed` whenever the prover asks.
  std::vector<crypto::ColumnMajorMatrix> traces;
  uint32_t max_log_chunk_rows = 22;  // the chunking the statement was built with
};

// The statement and every table chunk of a routed run proved as one segment (witness chunks
// left empty under MemoryMode::kLow, or kAuto when the run is large). The run must fit one
// segment of 2^config.log_segment_cycles cycles. The statement carries config.options as they
// are (Prove raises the query count where the run needs it: RunOptions).
Result<VmWitness> BuildWitness(const executor::Program& program, RoutedExecution routed,
                               const ProveConfig& config);

// Main + aux cells of chunks, padded rows included.
uint64_t CommittedCells(std::span<const TableChunk> chunks);

// The mode kAuto resolves to for a statement of `committed_cells` cells.
MemoryMode ResolveMemoryMode(MemoryMode mode, uint64_t committed_cells);

// The STARK statement of a witness (pointing into `witness` and `storage`).
stark::ProverStatement MakeProverStatement(const VmWitness& witness,
                                           const StarkStatementStorage& storage);

// The options the statement's run is proved with under `vk` (stark::RunOptions over its
// segments): the key's, or the key's query count raised to reach 100 bits for this run.
Result<stark::ProofOptions> RunOptions(const VmStatement& statement, const VerifyingKey& vk);

// The provable bits of a statement's run (stark::RunSecurityBits over its segments).
double RunSecurityBits(const VmStatement& statement, const VerifyingKey& vk);

// Whether the statement's options reach `floor` (by default 100 provable bits for this run's
// segments, heights and chunks). Prove checks it before proving the segments, allowing the
// insecure test preset only when the options it was asked for carry it.
Status CheckSecurityFloor(const VmStatement& statement, const VerifyingKey& vk,
                          const stark::SecurityFloor& floor = {});

// Proves a one-segment witness: the proof file bytes (and the STARK prover's phase times into
// `stats`).
Result<std::vector<uint8_t>> ProveWitness(const VmWitness& witness, const ProveConfig& config,
                                          stark::ProverStats* stats = nullptr);

}  // namespace zkvm::prover
