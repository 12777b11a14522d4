#include "prover/vm/prove.h"

#include <unistd.h>

#include <array>
#include <chrono>
#include <optional>
#include <string>

#include "base/peak_rss.h"
#include "crypto/transcript/prover_transcript.h"
#include "prover/tables/table_registry.h"
#include "stark/security/security.h"
#include "stark/verifier/stark_verifier_host.h"

namespace zkvm::prover {
namespace {

using crypto::ColumnMajorMatrix;
using crypto::MerkleDigest;
using stark::ProofOptions;

double SecondsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// Each chunk's index within its table.
std::vector<size_t> ChunkIndices(std::span<const TableChunk> chunks) {
  std::array<size_t, kNumTables> seen{};
  std::vector<size_t> index;
  for (const TableChunk& c : chunks) index.push_back(seen[static_cast<size_t>(c.table)]++);
  return index;
}

// The chunks of a segment in table order: the tables its steps fill, and for the last segment
// the closing tables too.
std::vector<TableChunk> SegmentChunks(const RoutedExecution& routed, bool last,
                                      uint32_t max_log_rows) {
  std::vector<TableChunk> chunks;
  for (size_t t = 0; t < kNumTables; ++t) {
    const TableId id = static_cast<TableId>(t);
    if (!last && IsClosingTable(id)) continue;
    for (uint32_t log : ChunkLogHeights(routed, id, max_log_rows)) chunks.push_back({id, log});
  }
  return chunks;
}

// The STARK prover's view of a segment whose witness chunks are streamed: a chunk without a
// matrix is built from the routed segment when asked for and freed on release.
class SegmentTraceProvider final : public stark::TraceProvider {
 public:
  SegmentTraceProvider(const RoutedExecution& routed, std::span<const TableChunk> chunks,
                       std::span<const ColumnMajorMatrix> traces, uint32_t max_log_rows)
      : routed_(routed),
        chunks_(chunks),
        traces_(traces),
        index_(ChunkIndices(chunks)),
        max_log_rows_(max_log_rows) {}
  crypto::ConstMatrixView Trace(size_t i) override {
    if (traces_[i].num_rows() != 0) return traces_[i].view();
    built_ = BuildChunk(routed_, chunks_[i].table, index_[i], max_log_rows_, nullptr);
    return built_.view();
  }
  void ReleaseTrace(size_t) override { built_ = ColumnMajorMatrix(); }

 private:
  const RoutedExecution& routed_;
  std::span<const TableChunk> chunks_;
  std::span<const ColumnMajorMatrix> traces_;
  std::vector<size_t> index_;
  uint32_t max_log_rows_;
  ColumnMajorMatrix built_;
};

bool Streamed(std::span<const ColumnMajorMatrix> traces) {
  for (const ColumnMajorMatrix& m : traces) {
    if (m.num_rows() == 0) return true;
  }
  return false;
}

// A segment's traces: its witness chunks built (and their lookups counted into `counter` when
// given), kept unless `keep` is false; the fixed tables' traces when `last`.
struct SegmentTraces {
  std::vector<TableChunk> chunks;
  std::vector<ColumnMajorMatrix> traces;
};

Result<SegmentTraces> BuildSegmentTraces(const RoutedExecution& routed, bool last,
                                         const ProveConfig& config, LookupCounter* counter,
                                         const LookupCounter& fixed_counter,
                                         std::vector<uint32_t>* keccak_log_heights) {
  SegmentTraces s;
  s.chunks = SegmentChunks(routed, last, config.max_log_chunk_rows);
  const bool keep = ResolveMemoryMode(config.memory, CommittedCells(s.chunks)) == MemoryMode::kFast;
  const std::vector<size_t> index = ChunkIndices(s.chunks);
  s.traces.resize(s.chunks.size());
  // Witness chunks feed the lookup counts, so the fixed tables' main traces (lookup
  // multiplicities among them) are filled after all of them. Streamed chunks are built here
  // only to count their lookups (or not at all when the counts are known).
  for (size_t i = 0; i < s.chunks.size(); ++i) {
    const TableId id = s.chunks[i].table;
    if (IsPreprocessed(id)) continue;
    if (!keep && counter == nullptr) continue;
    ColumnMajorMatrix m = BuildChunk(routed, id, index[i], config.max_log_chunk_rows, counter);
    if (keep) s.traces[i] = std::move(m);
  }
  if (counter != nullptr) {
    if (Status st = counter->status(); !st.ok()) return Error{st.message()};
    const std::vector<uint32_t> keccak = KeccakChunkLogHeights(routed, config.max_log_chunk_rows);
    keccak_log_heights->insert(keccak_log_heights->end(), keccak.begin(), keccak.end());
  }
  if (last) {
    for (size_t i = 0; i < s.chunks.size(); ++i) {
      const TableId id = s.chunks[i].table;
      if (IsPreprocessed(id)) {
        s.traces[i] = BuildFixedTrace(routed, id, fixed_counter, *keccak_log_heights);
      }
    }
  }
  return s;
}

// The STARK statement of a segment from its chunks and traces; `storage` gives the public
// values and interactions the verifier computes. It is null in the first pass of a long run
// for the segments before the last: they have no public interactions, and of the public
// values only REFRESH's, which depends on the segment alone (its first clock, `first_clk`).
stark::ProverStatement SegmentProverStatement(std::span<const TableChunk> chunks,
                                              std::span<const ColumnMajorMatrix> traces,
                                              const FixedPreprocessed& fixed,
                                              const ProofOptions& options,
                                              const StarkStatementStorage* storage,
                                              uint64_t first_clk = 0) {
  stark::ProverStatement ps;
  ps.options = options;
  if (storage != nullptr) {
    ps.public_interactions.assign(storage->public_interactions().begin(),
                                  storage->public_interactions().end());
  }
  for (size_t i = 0; i < chunks.size(); ++i) {
    stark::ProverTable table;
    const TableId id = chunks[i].table;
    table.air = &TableAir(id);
    table.main = traces[i].view();
    table.rows = size_t{1} << chunks[i].log_height;
    if (storage != nullptr) {
      table.public_values.assign(storage->public_values(i).begin(),
                                 storage->public_values(i).end());
    } else if (PublicValuesOf(id) == PublicValues::kRefreshTimestamp) {
      table.public_values = {Felt::FromU64(RefreshTimestamp(first_clk))};
    }
    if (IsPreprocessed(id)) table.preprocessed = fixed.of(id).view();
    ps.tables.push_back(std::move(table));
  }
  return ps;
}

stark::ProverConfig StarkConfig(const ProveConfig& config, stark::ProverStats* stats) {
  stark::ProverConfig c;
  c.debug_checks = config.debug_checks;
  c.stats = stats;
  if (config.on_phase) {
    c.on_phase = [&config](stark::ProverPhase phase) {
      config.on_phase(static_cast<int>(ProvePhase::kStark) + static_cast<int>(phase));
    };
  }
  return c;
}

// The run transcript over the statement's segments and their main roots: the shared LogUp
// challenges (stark_protocol.h).
stark::SharedLogup DrawRunChallenges(const EncodedVmStatement& statement,
                                     std::span<const MerkleDigest> main_roots) {
  const uint32_t n = statement.view().num_segments;
  crypto::ProverTranscript run(stark::kStarkRunProtocol, statement.view().options.hash);
  stark::AbsorbRunHeader(run, n, statement.view().log_segment_cycles);
  for (uint32_t i = 0; i < n; ++i) {
    const StarkStatementStorage storage(statement, i);
    stark::AbsorbRunInstance(run, i, storage.statement(), main_roots[i]);
  }
  return stark::DrawSharedLogup(run, n);
}

// Proves segment `segment` of a complete statement (`encoded` is the same statement encoded),
// whose main root must be `expected_root` when given (the first pass's), with the run's
// challenges from `shared` (drawn here from this segment alone when the run has one segment).
Result<std::vector<uint8_t>> ProveSegment(const VmStatement& statement,
                                          const EncodedVmStatement& encoded, uint32_t segment,
                                          const RoutedExecution& routed,
                                          std::span<const ColumnMajorMatrix> traces,
                                          const FixedPreprocessed& fixed,
                                          const std::optional<stark::SharedLogup>& shared,
                                          const std::optional<MerkleDigest>& expected_root,
                                          const ProveConfig& config, stark::ProverStats* stats) {
  const StarkStatementStorage storage(encoded, segment);
  const std::vector<TableChunk>& chunks = statement.segments[segment];
  const stark::ProverStatement ps =
      SegmentProverStatement(chunks, traces, fixed, statement.run_options(), &storage);
  stark::ProverConfig prover_config = StarkConfig(config, stats);
  if (shared) prover_config.debug_checks = false;  // the first pass checked the whole run
  prover_config.shared_logup = [&](const MerkleDigest& root) -> Result<stark::SharedLogup> {
    if (expected_root && root != *expected_root) {
      return MakeError(
          "segment {}: its main trace differs from the first pass (the run is not "
          "deterministic)",
          segment);
    }
    if (!shared) return DrawRunChallenges(encoded, std::span(&root, 1));
    stark::SharedLogup s = *shared;
    s.instance = segment;
    return s;
  };
  SegmentTraceProvider provider(routed, chunks, traces, config.max_log_chunk_rows);
  if (Streamed(traces)) {
    prover_config.traces = &provider;
    prover_config.lde_policy = stark::LdePolicy::kDropAfterCommit;
  }
  return stark::ProveStark(ps, prover_config);
}

// Why a run that stopped in `state` cannot be proved (empty when it halted or is paused).
Status RunStopped(const executor::Program& program, const executor::MachineState& state,
                  uint64_t limit) {
  if (state.status == executor::RunStatus::kTrapped) {
    const std::string where = program.WhereIs(state.trap.pc);
    return MakeError("the run trapped at cycle {}: {}{}{}; only halting runs can be proved",
                     state.cycle, executor::DescribeTrap(state.trap), where.empty() ? "" : " ",
                     where);
  }
  if (state.status == executor::RunStatus::kCycleLimit) {
    return MakeError("the run did not halt within {} cycles", limit);
  }
  return {};
}

// Runs the program a segment at a time with logging, routing each segment's log: calls
// `on_segment(index, routed, last)` for each. The guest's debug text is dropped (the run
// before the passes showed it).
template <typename OnSegment>
Status ForEachSegment(const executor::Program& program, std::span<const uint8_t> input,
                      const ProveConfig& config, OnSegment&& on_segment) {
  Result<executor::Executor> machine = executor::Executor::Create(program, input);
  if (!machine.ok()) return Error{machine.error().message};
  machine->set_debug_sink([](std::string_view) {});
  Result<Router> router = Router::Create(
      program, input,
      {.check_reads = !config.tamper_log, .refresh_log_cycles = config.refresh_log_cycles});
  if (!router.ok()) return Error{router.error().message};
  const uint64_t limit = std::min(config.max_cycles, kMaxCycles);
  const uint64_t segment_cycles = uint64_t{1} << config.log_segment_cycles;
  for (uint32_t segment = 0;; ++segment) {
    executor::ExecutionLog log;
    const executor::MachineState& state = machine->Run(
        {.max_cycles = limit, .stop_at_cycle = (segment + 1) * segment_cycles, .log = &log});
    if (Status s = RunStopped(program, state, limit); !s.ok()) return s;
    const bool last = state.status == executor::RunStatus::kHalted;
    if (config.tamper_log) config.tamper_log(segment, log);
    RoutedExecution routed;
    if (Status s = router->RouteSteps(std::move(log), &routed); !s.ok()) return s;
    if (last) {
      if (Status s = router->Finish(state, &routed); !s.ok()) return s;
    }
    routed.min_log_rows =
        HeightClassFloor(routed, last, config.max_log_chunk_rows, config.max_height_classes);
    if (Status s = on_segment(segment, routed, last); !s.ok()) return s;
    if (last) return {};
  }
}

void FillChunkStats(const RoutedExecution& routed, std::span<const TableChunk> chunks,
                    uint32_t max_log_rows, ProveStats* stats) {
  stats->chunks.clear();
  const std::vector<size_t> index = ChunkIndices(chunks);
  for (size_t i = 0; i < chunks.size(); ++i) {
    const TableId id = chunks[i].table;
    ProveStats::Chunk c;
    c.table = id;
    c.rows = size_t{1} << chunks[i].log_height;
    c.real_rows = ChunkRealRows(routed, id, index[i], max_log_rows);
    c.main_columns = TableAir(id).shape().num_main_columns;
    c.aux_columns = TableAir(id).logup().num_aux_felts();
    stats->chunks.push_back(c);
  }
}

}  // namespace

uint64_t CommittedCells(std::span<const TableChunk> chunks) {
  uint64_t cells = 0;
  for (const TableChunk& c : chunks) {
    const stark::ProverAir& air = TableAir(c.table);
    cells += (uint64_t{1} << c.log_height) *
             (air.shape().num_main_columns + air.logup().num_aux_felts());
  }
  return cells;
}

MemoryMode ResolveMemoryMode(MemoryMode mode, uint64_t committed_cells) {
  if (mode != MemoryMode::kAuto) return mode;
  const long pages = sysconf(_SC_PHYS_PAGES), page_size = sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page_size <= 0) return MemoryMode::kFast;
  const double physical = static_cast<double>(pages) * static_cast<double>(page_size);
  return 34.0 * static_cast<double>(committed_cells) > 0.5 * physical ? MemoryMode::kLow
                                                                      : MemoryMode::kFast;
}

Result<VmWitness> BuildWitness(const executor::Program& program, RoutedExecution routed,
                               const ProveConfig& config) {
  Result<VerifyingKey> vk = ComputeVerifyingKey(program, config.options);
  if (!vk.ok()) return vk.error();
  if (SegmentCount(routed.cycles, config.log_segment_cycles) != 1) {
    return MakeError("a one-segment witness: the run's {} cycles exceed one segment of 2^{}",
                     routed.cycles, config.log_segment_cycles);
  }
  routed.min_log_rows =
      HeightClassFloor(routed, /*last=*/true, config.max_log_chunk_rows, config.max_height_classes);
  VmWitness w{.vk = *vk,
              .statement = {},
              .routed = std::move(routed),
              .fixed = BuildFixedPreprocessed(program),
              .traces = {},
              .max_log_chunk_rows = config.max_log_chunk_rows};
  VmStatement& statement = w.statement;
  statement.vk_digest = vk->Digest();
  statement.options = config.options;
  statement.exit_code = w.routed.exit_code;
  statement.cycles = w.routed.cycles;
  statement.output = w.routed.output;
  statement.log_segment_cycles = config.log_segment_cycles;
  LookupCounter counter;
  std::vector<uint32_t> keccak;
  Result<SegmentTraces> traces =
      BuildSegmentTraces(w.routed, /*last=*/true, config, &counter, counter, &keccak);
  if (!traces.ok()) return traces.error();
  statement.segments = {std::move(traces->chunks)};
  w.traces = std::move(traces->traces);
  if (Status s = CheckStatementShape(statement, *vk); !s.ok()) return Error{s.message()};
  return w;
}

stark::ProverStatement MakeProverStatement(const VmWitness& w,
                                           const StarkStatementStorage& storage) {
  return SegmentProverStatement(w.statement.segments[0], w.traces, w.fixed,
                                w.statement.run_options(), &storage);
}

Result<std::vector<uint8_t>> ProveWitness(const VmWitness& w, const ProveConfig& config,
                                          stark::ProverStats* stats) {
  const EncodedVmStatement encoded(w.statement, w.vk);
  Result<std::vector<uint8_t>> proof =
      ProveSegment(w.statement, encoded, 0, w.routed, w.traces, w.fixed, std::nullopt, std::nullopt,
                   config, stats);
  if (!proof.ok()) return proof.error();
  return EncodeVmProof(w.statement, std::span(&*proof, 1));
}

const char* ProvePhaseName(int phase) {
  static constexpr const char* kNames[kNumProvePhases] = {
      "executing",           "building traces", "checking traces",        "committing traces",
      "LogUp columns",       "quotients",       "out-of-domain openings", "DEEP and FRI",
      "queries and openings"};
  return phase >= 0 && phase < kNumProvePhases ? kNames[phase] : "proving";
}

namespace {

Result<std::vector<stark::SecurityParameters>> RunParameters(const VmStatement& statement,
                                                             const VerifyingKey& vk) {
  std::vector<stark::SecurityParameters> params;
  const EncodedVmStatement encoded(statement, vk);
  for (uint32_t i = 0; i < statement.segments.size(); ++i) {
    const StarkStatementStorage storage(encoded, i);
    auto layout = std::make_unique<stark::StarkLayout>();
    if (const stark::StatementCheck check =
            stark::MakeStarkLayout(storage.statement(), layout.get());
        !check.ok()) {
      return MakeError("statement: segment {}: {}", i, stark::StatementErrorName(check.error));
    }
    params.push_back(stark::StatementSecurityParameters(storage.statement(), *layout));
  }
  return params;
}

}  // namespace

Result<stark::ProofOptions> RunOptions(const VmStatement& statement, const VerifyingKey& vk) {
  Result<std::vector<stark::SecurityParameters>> params = RunParameters(statement, vk);
  if (!params.ok()) return params.error();
  Result<stark::ProofOptions> options = stark::RunOptions(vk.options, *params);
  if (!options.ok()) return MakeError("options: {}", options.error().message);
  return options;
}

double RunSecurityBits(const VmStatement& statement, const VerifyingKey& vk) {
  Result<std::vector<stark::SecurityParameters>> params = RunParameters(statement, vk);
  return params.ok() ? stark::RunProvableBits(statement.run_options(), *params) : 0.0;
}

Status CheckSecurityFloor(const VmStatement& statement, const VerifyingKey& vk,
                          const stark::SecurityFloor& floor) {
  Result<std::vector<stark::SecurityParameters>> params = RunParameters(statement, vk);
  if (!params.ok()) return Error{params.error().message};
  if (Status s = stark::ValidateRunSecurity(statement.run_options(), *params, floor); !s.ok()) {
    return MakeError("options: {}", s.message());
  }
  return {};
}

Result<std::vector<uint8_t>> Prove(const executor::Program& program, std::span<const uint8_t> input,
                                   const ProveConfig& config, ProveStats* stats) {
  const auto start = std::chrono::steady_clock::now();
  if (config.log_segment_cycles < kMinLogSegmentCycles ||
      config.log_segment_cycles > kMaxLogSegmentCycles) {
    return MakeError("segments of 2^{} cycles: the segment size must be 2^{} to 2^{} cycles",
                     config.log_segment_cycles, kMinLogSegmentCycles, kMaxLogSegmentCycles);
  }
  Result<VerifyingKey> vk = ComputeVerifyingKey(program, config.options);
  if (!vk.ok()) return vk.error();
  const FixedPreprocessed fixed = BuildFixedPreprocessed(program);
  // The verifier measures the options against this run's statement and rejects anything
  // below the floor; refuse before the (second pass's) STARK work rather than hand out a proof
  // no verifier accepts. Proving at the insecure test preset is the caller's explicit choice.
  const stark::SecurityFloor floor{.allow_insecure_preset = config.options.insecure()};
  VmStatement statement;
  statement.vk_digest = vk->Digest();
  statement.options = config.options;
  statement.log_segment_cycles = config.log_segment_cycles;
  LookupCounter counter;
  std::vector<uint32_t> keccak_log_heights;
  std::vector<MerkleDigest> roots;
  ProveStats local;
  ProveStats& st = stats != nullptr ? *stats : local;
  st = ProveStats();
  std::vector<uint8_t> single_proof;
  stark::BusLedger ledger;
  double execute_seconds = 0, trace_seconds = 0;

  // The run without logging first (the executor's fast path): a run that traps or does not
  // halt is refused before any proving, and the segment count is known.
  if (config.on_phase) config.on_phase(static_cast<int>(ProvePhase::kExecute));
  uint32_t num_segments = 0;
  {
    Result<executor::Executor> machine = executor::Executor::Create(program, input);
    if (!machine.ok()) return machine.error();
    machine->set_debug_sink(config.debug_sink ? config.debug_sink : [](std::string_view) {});
    const uint64_t limit = std::min(config.max_cycles, kMaxCycles);
    const executor::MachineState& state = machine->Run({.max_cycles = limit});
    if (Status s = RunStopped(program, state, limit); !s.ok()) return Error{s.message()};
    const uint64_t segments = SegmentCount(state.cycle, config.log_segment_cycles);
    if (segments > kMaxSegments) {
      uint32_t k = config.log_segment_cycles;
      while (k < kMaxLogSegmentCycles && SegmentCount(state.cycle, k) > kMaxSegments) ++k;
      return MakeError(
          "the run's {} cycles make {} segments of 2^{} cycles, more than one proof holds ({}); "
          "{}",
          state.cycle, segments, config.log_segment_cycles, kMaxSegments,
          SegmentCount(state.cycle, k) <= kMaxSegments
              ? fmt::format("prove with --segment-cycles {} or more", uint64_t{1} << k)
              : std::string("no segment size fits it"));
    }
    num_segments = static_cast<uint32_t>(segments);
  }
  execute_seconds = SecondsSince(start);
  auto segment_of = [&](uint32_t segment, bool second_pass) {
    if (config.on_segment) config.on_segment(segment, num_segments, second_pass);
  };

  // First pass: every segment's main commitment (a one-segment run is proved right away).
  auto segment_start = std::chrono::steady_clock::now();
  Status first = ForEachSegment(
      program, input, config,
      [&](uint32_t segment, const RoutedExecution& routed, bool last) -> Status {
        execute_seconds += SecondsSince(segment_start);
        segment_of(segment, false);
        if (config.on_phase) config.on_phase(static_cast<int>(ProvePhase::kTraces));
        const auto trace_start = std::chrono::steady_clock::now();
        Result<SegmentTraces> traces =
            BuildSegmentTraces(routed, last, config, &counter, counter, &keccak_log_heights);
        if (!traces.ok()) return Error{traces.error().message};
        trace_seconds += SecondsSince(trace_start);
        ProveStats::Segment seg;
        seg.cycles = routed.log.steps.size();
        seg.committed_cells = CommittedCells(traces->chunks);
        statement.segments.push_back(traces->chunks);
        if (last) {
          statement.exit_code = routed.exit_code;
          statement.cycles = routed.cycles;
          statement.output = routed.output;
          if (Status s = CheckStatementShape(statement, *vk); !s.ok()) return s;
          // The run's query count: the key's, raised when this run needs more to reach 100
          // bits (the verifier derives the same from the statement). The run's security
          // parameters are measured once, here.
          Result<std::vector<stark::SecurityParameters>> params = RunParameters(statement, *vk);
          if (!params.ok()) return Error{params.error().message};
          Result<stark::ProofOptions> run_options = stark::RunOptions(vk->options, *params);
          if (!run_options.ok()) return MakeError("options: {}", run_options.error().message);
          statement.num_queries = run_options->num_queries;
          if (Status s = stark::ValidateRunSecurity(*run_options, *params, floor); !s.ok()) {
            return MakeError("options: {}", s.message());
          }
          st.security_bits = stark::RunProvableBits(*run_options, *params);
          st.exit_code = routed.exit_code;
          st.output = routed.output;
          st.cycles = routed.cycles;
          FillChunkStats(routed, traces->chunks, config.max_log_chunk_rows, &st);
        }
        if (last && segment == 0) {
          const auto prove_start = std::chrono::steady_clock::now();
          const EncodedVmStatement encoded(statement, *vk);
          Result<std::vector<uint8_t>> proof =
              ProveSegment(statement, encoded, 0, routed, traces->traces, fixed, std::nullopt,
                           std::nullopt, config, &st.stark);
          if (!proof.ok()) return Error{proof.error().message};
          seg.prove_seconds = SecondsSince(prove_start);
          seg.peak_rss_bytes = PeakRssBytes();
          seg.proof_bytes = proof->size();
          single_proof = std::move(*proof);
          st.segments.push_back(seg);
          return {};
        }
        // Only the last segment has public interactions and the closing tables' public
        // values, and it is built after the statement is complete.
        std::optional<StarkStatementStorage> storage;
        if (last) storage.emplace(statement, *vk, segment);
        const stark::ProverStatement ps = SegmentProverStatement(
            traces->chunks, traces->traces, fixed, config.options, last ? &*storage : nullptr,
            SegmentFirstClock(segment, config.log_segment_cycles));
        stark::ProverConfig commit = StarkConfig(config, nullptr);
        commit.ledger = &ledger;
        SegmentTraceProvider provider(routed, traces->chunks, traces->traces,
                                      config.max_log_chunk_rows);
        if (Streamed(traces->traces)) {
          commit.traces = &provider;
          commit.lde_policy = stark::LdePolicy::kDropAfterCommit;
        }
        Result<stark::MainCommitment> c = stark::CommitMainRoot(ps, commit);
        if (!c.ok()) return MakeError("segment {}: {}", segment, c.error().message);
        roots.push_back(c->main_root);
        seg.commit_seconds = SecondsSince(segment_start);
        st.segments.push_back(seg);
        segment_start = std::chrono::steady_clock::now();
        return {};
      });
  if (!first.ok()) return Error{first.message()};

  std::vector<std::vector<uint8_t>> proofs;
  if (!single_proof.empty()) {
    proofs.push_back(std::move(single_proof));
  } else {
    if (config.debug_checks && !ledger.Balanced()) {
      return MakeError("the run's buses do not balance:\n{}", ledger.Report());
    }
    const EncodedVmStatement encoded(statement, *vk);
    const stark::SharedLogup shared = DrawRunChallenges(encoded, roots);
    // Second pass: the same run again, each segment proved with the shared challenges.
    if (config.on_phase) config.on_phase(static_cast<int>(ProvePhase::kExecute));
    Status second = ForEachSegment(
        program, input, config,
        [&](uint32_t segment, const RoutedExecution& routed, bool last) -> Status {
          if (segment >= statement.segments.size()) {
            return MakeError("the second pass ran past the first pass's segments");
          }
          segment_of(segment, true);
          const auto prove_start = std::chrono::steady_clock::now();
          if (config.on_phase) config.on_phase(static_cast<int>(ProvePhase::kTraces));
          Result<SegmentTraces> traces =
              BuildSegmentTraces(routed, last, config, nullptr, counter, &keccak_log_heights);
          if (!traces.ok()) return Error{traces.error().message};
          if (traces->chunks != statement.segments[segment]) {
            return MakeError("segment {}: its tables differ from the first pass", segment);
          }
          Result<std::vector<uint8_t>> proof =
              ProveSegment(statement, encoded, segment, routed, traces->traces, fixed, shared,
                           roots[segment], config, &st.stark);
          if (!proof.ok()) return Error{proof.error().message};
          ProveStats::Segment& seg = st.segments[segment];
          seg.prove_seconds = SecondsSince(prove_start);
          seg.peak_rss_bytes = PeakRssBytes();
          seg.proof_bytes = proof->size();
          proofs.push_back(std::move(*proof));
          return {};
        });
    if (!second.ok()) return Error{second.message()};
  }
  std::vector<uint8_t> file = EncodeVmProof(statement, proofs);

  st.committed_cells = 0;
  for (const ProveStats::Segment& s : st.segments) st.committed_cells += s.committed_cells;
  st.execute_seconds = execute_seconds;
  st.trace_seconds = trace_seconds;
  st.total_seconds = SecondsSince(start);
  st.stark_seconds = st.total_seconds - execute_seconds - trace_seconds;
  st.proof_bytes = file.size();
  st.num_queries = statement.run_queries();
  return file;
}

}  // namespace zkvm::prover
