#include "prover/vm/prove.h"

#include <unistd.h>

#include <array>
#include <chrono>

#include "prover/tables/table_registry.h"
#include "stark/security/security.h"
#include "stark/verifier/stark_verifier_host.h"

namespace zkvm::prover {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

uint64_t CommittedCells(const VmStatement& statement) {
  uint64_t cells = 0;
  for (const TableChunk& c : statement.chunks) {
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
  std::vector<size_t> chunk_index;  // of each statement chunk within its table
  for (size_t t = 0; t < kNumTables; ++t) {
    const TableId id = static_cast<TableId>(t);
    const std::vector<uint32_t> logs = ChunkLogHeights(w.routed, id, config.max_log_chunk_rows);
    for (size_t c = 0; c < logs.size(); ++c) {
      statement.chunks.push_back({id, logs[c]});
      chunk_index.push_back(c);
    }
  }
  const bool keep =
      ResolveMemoryMode(config.memory, CommittedCells(statement)) == MemoryMode::kFast;
  // Witness chunks feed the lookup counts, so the preprocessed tables' main traces (lookup
  // multiplicities among them) are filled after all of them. Streamed chunks are built here
  // only to count their lookups.
  LookupCounter counter;
  w.traces.resize(statement.chunks.size());
  for (size_t i = 0; i < statement.chunks.size(); ++i) {
    const TableId id = statement.chunks[i].table;
    if (IsPreprocessed(id)) continue;
    ColumnMajorMatrix m =
        BuildChunk(w.routed, id, chunk_index[i], config.max_log_chunk_rows, &counter);
    if (keep) w.traces[i] = std::move(m);
  }
  if (Status s = counter.status(); !s.ok()) return Error{s.message()};
  for (size_t i = 0; i < statement.chunks.size(); ++i) {
    const TableId id = statement.chunks[i].table;
    if (IsPreprocessed(id)) {
      w.traces[i] = BuildFixedTrace(w.routed, id, counter, config.max_log_chunk_rows);
    }
  }
  if (Status s = CheckStatementShape(statement, *vk); !s.ok()) return Error{s.message()};
  return w;
}

namespace {

// The STARK prover's view of a witness whose witness chunks are streamed: a chunk without a
// matrix is built from the routed run when asked for and freed on release.
class WitnessTraceProvider final : public stark::TraceProvider {
 public:
  explicit WitnessTraceProvider(const VmWitness& w) : w_(w) {
    std::array<size_t, kNumTables> seen{};
    for (const TableChunk& c : w.statement.chunks) {
      chunk_index_.push_back(seen[static_cast<size_t>(c.table)]++);
    }
  }
  crypto::ConstMatrixView Trace(size_t i) override {
    if (w_.traces[i].num_rows() != 0) return w_.traces[i].view();
    built_ = BuildChunk(w_.routed, w_.statement.chunks[i].table, chunk_index_[i],
                        w_.max_log_chunk_rows, nullptr);
    return built_.view();
  }
  void ReleaseTrace(size_t) override { built_ = ColumnMajorMatrix(); }

 private:
  const VmWitness& w_;
  std::vector<size_t> chunk_index_;
  ColumnMajorMatrix built_;
};

bool Streamed(const VmWitness& w) {
  for (const ColumnMajorMatrix& m : w.traces) {
    if (m.num_rows() == 0) return true;
  }
  return false;
}

}  // namespace

stark::ProverStatement MakeProverStatement(const VmWitness& w,
                                           const StarkStatementStorage& storage) {
  stark::ProverStatement ps;
  ps.options = w.statement.options;
  ps.public_interactions.assign(storage.public_interactions().begin(),
                                storage.public_interactions().end());
  for (size_t i = 0; i < w.statement.chunks.size(); ++i) {
    stark::ProverTable table;
    const TableId id = w.statement.chunks[i].table;
    table.air = &TableAir(id);
    table.main = w.traces[i].view();
    table.rows = size_t{1} << w.statement.chunks[i].log_height;
    table.public_values.assign(storage.public_values(i).begin(), storage.public_values(i).end());
    if (IsPreprocessed(id)) table.preprocessed = w.fixed.of(id).view();
    ps.tables.push_back(std::move(table));
  }
  return ps;
}

Result<std::vector<uint8_t>> ProveWitness(const VmWitness& w, const ProveConfig& config,
                                          stark::ProverStats* stats) {
  const StarkStatementStorage storage(w.statement, w.vk);
  const stark::ProverStatement ps = MakeProverStatement(w, storage);
  stark::ProverConfig prover_config;
  prover_config.debug_checks = config.debug_checks;
  prover_config.stats = stats;
  if (config.on_phase) {
    prover_config.on_phase = [&config](stark::ProverPhase phase) {
      config.on_phase(static_cast<int>(ProvePhase::kStark) + static_cast<int>(phase));
    };
  }
  WitnessTraceProvider provider(w);
  if (Streamed(w)) {
    prover_config.traces = &provider;
    prover_config.lde_policy = stark::LdePolicy::kDropAfterCommit;
  }
  Result<std::vector<uint8_t>> stark_proof = stark::ProveStark(ps, prover_config);
  if (!stark_proof.ok()) return stark_proof.error();
  return EncodeVmProof(w.statement, *stark_proof);
}

const char* ProvePhaseName(int phase) {
  static constexpr const char* kNames[kNumProvePhases] = {
      "executing",           "building traces", "checking traces",        "committing traces",
      "LogUp columns",       "quotients",       "out-of-domain openings", "DEEP and FRI",
      "queries and openings"};
  return phase >= 0 && phase < kNumProvePhases ? kNames[phase] : "proving";
}

Status CheckSecurityFloor(const VmStatement& statement, const VerifyingKey& vk,
                          const stark::SecurityFloor& floor) {
  const StarkStatementStorage storage(statement, vk);
  const stark::StarkStatement& st = storage.statement();
  auto layout = std::make_unique<stark::StarkLayout>();
  if (const stark::StatementCheck check = stark::MakeStarkLayout(st, layout.get()); !check.ok()) {
    return MakeError("statement: {}", stark::StatementErrorName(check.error));
  }
  if (Status s = stark::ValidateSecurity(statement.options,
                                         stark::StatementSecurityParameters(st, *layout), floor);
      !s.ok()) {
    return MakeError("options: {}", s.message());
  }
  return {};
}

Result<std::vector<uint8_t>> Prove(const executor::Program& program, std::span<const uint8_t> input,
                                   const ProveConfig& config, ProveStats* stats) {
  const auto start = std::chrono::steady_clock::now();
  if (config.on_phase) config.on_phase(static_cast<int>(ProvePhase::kExecute));
  Result<RoutedExecution> routed =
      ExecuteAndRoute(program, input, config.max_cycles, config.debug_sink);
  if (!routed.ok()) return routed.error();
  const double execute_seconds = SecondsSince(start);
  if (config.on_phase) config.on_phase(static_cast<int>(ProvePhase::kTraces));
  const auto trace_start = std::chrono::steady_clock::now();
  Result<VmWitness> w = BuildWitness(program, std::move(*routed), config);
  if (!w.ok()) return w.error();
  const double trace_seconds = SecondsSince(trace_start);
  // The verifier measures the options against this run's statement (its heights and chunk
  // count) and rejects anything below the floor; refuse here, before the STARK work, rather
  // than hand out a proof no verifier accepts.
  // Proving at the insecure test preset is the caller's explicit choice of options; its
  // proofs are flagged, and verifiers refuse them unless asked to accept them.
  const stark::SecurityFloor floor{.allow_insecure_preset = config.options.insecure()};
  if (Status s = CheckSecurityFloor(w->statement, w->vk, floor); !s.ok()) {
    return MakeError("{}; choose a larger --blowup for a run this size", s.message());
  }
  const auto stark_start = std::chrono::steady_clock::now();
  Result<std::vector<uint8_t>> proof =
      ProveWitness(*w, config, stats != nullptr ? &stats->stark : nullptr);
  if (!proof.ok()) return proof.error();

  if (stats != nullptr) {
    const StarkStatementStorage storage(w->statement, w->vk);
    const stark::StarkStatement& st = storage.statement();
    stats->cycles = w->routed.cycles;
    stats->exit_code = w->routed.exit_code;
    stats->output = w->routed.output;
    stats->chunks.clear();
    stats->committed_cells = 0;
    std::array<size_t, kNumTables> seen{};
    for (size_t i = 0; i < w->statement.chunks.size(); ++i) {
      const TableId id = w->statement.chunks[i].table;
      const size_t chunk = seen[static_cast<size_t>(id)]++;
      ProveStats::Chunk c;
      c.table = id;
      c.rows = size_t{1} << w->statement.chunks[i].log_height;
      c.real_rows = ChunkRealRows(w->routed, id, chunk, config.max_log_chunk_rows);
      c.main_columns = TableAir(id).shape().num_main_columns;
      c.aux_columns = 3 * st.tables[i].air->logup().num_aux_columns;
      stats->committed_cells += c.rows * (c.main_columns + c.aux_columns);
      stats->chunks.push_back(c);
    }
    stats->execute_seconds = execute_seconds;
    stats->trace_seconds = trace_seconds;
    stats->stark_seconds = SecondsSince(stark_start);
    stats->total_seconds = SecondsSince(start);
    stats->proof_bytes = proof->size();
    auto layout = std::make_unique<stark::StarkLayout>();
    if (stark::MakeStarkLayout(st, layout.get()).ok()) {
      stats->security_bits =
          stark::ProvableSecurity(config.options, stark::StatementSecurityParameters(st, *layout))
              .provable_bits;
    }
  }
  return proof;
}

}  // namespace zkvm::prover
