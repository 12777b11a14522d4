#include "prover/vm/prove.h"

#include <chrono>

#include "prover/tables/keccak_tables.h"
#include "prover/tables/table_registry.h"
#include "stark/security/security.h"
#include "stark/verifier/stark_verifier_host.h"

namespace zkvm::prover {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

bool IsFixed(TableId id) {
  return id == TableId::kDecode || id == TableId::kRegister || id == TableId::kPageElf ||
         id == TableId::kByte || id == TableId::kPow || id == TableId::kKeccakRc;
}

}  // namespace

Result<VmWitness> BuildWitness(const executor::Program& program, RoutedExecution routed,
                               const ProveConfig& config) {
  Result<VerifyingKey> vk = ComputeVerifyingKey(program, config.options);
  if (!vk.ok()) return vk.error();
  VmWitness w{.vk = *vk,
              .statement = {},
              .routed = std::move(routed),
              .fixed = BuildFixedPreprocessed(program),
              .traces = {}};
  VmStatement& statement = w.statement;
  statement.vk_digest = vk->Digest();
  statement.options = config.options;
  statement.exit_code = w.routed.exit_code;
  statement.cycles = w.routed.cycles;
  statement.output = w.routed.output;
  // Witness tables feed the lookup counts; BYTE, POW and KECCAK_RC are filled after all of
  // them.
  LookupCounter counter;
  std::vector<uint32_t> keccak_log_heights;
  for (size_t t = 0; t < kNumTables; ++t) {
    const TableId id = static_cast<TableId>(t);
    const std::vector<uint32_t> logs = ChunkLogHeights(w.routed, id, config.max_log_chunk_rows);
    for (size_t c = 0; c < logs.size(); ++c) {
      statement.chunks.push_back({id, logs[c]});
      if (id == TableId::kDecode || id == TableId::kRegister || id == TableId::kPageElf) {
        w.traces.push_back(BuildFixedTrace(w.routed, id));
      } else if (id == TableId::kByte || id == TableId::kPow || id == TableId::kKeccakRc) {
        w.traces.emplace_back();
      } else {
        if (id == TableId::kKeccak) keccak_log_heights.push_back(logs[c]);
        w.traces.push_back(BuildChunk(w.routed, id, c, config.max_log_chunk_rows, &counter));
      }
    }
  }
  if (Status s = counter.status(); !s.ok()) return Error{s.message()};
  for (size_t i = 0; i < statement.chunks.size(); ++i) {
    if (statement.chunks[i].table == TableId::kByte) w.traces[i] = counter.ByteTrace();
    if (statement.chunks[i].table == TableId::kPow) w.traces[i] = counter.PowTrace();
    if (statement.chunks[i].table == TableId::kKeccakRc) {
      w.traces[i] = KeccakRcTrace(keccak_log_heights);
    }
  }
  if (Status s = CheckStatementShape(statement, *vk); !s.ok()) return Error{s.message()};
  return w;
}

stark::ProverStatement MakeProverStatement(const VmWitness& w,
                                           const StarkStatementStorage& storage) {
  stark::ProverStatement ps;
  ps.options = w.statement.options;
  ps.public_interactions = storage.public_interactions();
  for (size_t i = 0; i < w.statement.chunks.size(); ++i) {
    stark::ProverTable table;
    const TableId id = w.statement.chunks[i].table;
    table.air = &TableAir(id);
    table.main = w.traces[i].view();
    table.public_values = storage.public_values(i);
    if (id == TableId::kDecode) table.preprocessed = w.fixed.decode.view();
    if (id == TableId::kRegister) table.preprocessed = w.fixed.reg.view();
    if (id == TableId::kPageElf) table.preprocessed = w.fixed.page_elf.view();
    if (id == TableId::kByte) table.preprocessed = w.fixed.byte.view();
    if (id == TableId::kPow) table.preprocessed = w.fixed.pow.view();
    if (id == TableId::kKeccakRc) table.preprocessed = w.fixed.keccak_rc.view();
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
  Result<std::vector<uint8_t>> stark_proof = stark::ProveStark(ps, prover_config);
  if (!stark_proof.ok()) return stark_proof.error();
  return EncodeVmProof(w.statement, *stark_proof);
}

Status CheckSecurityFloor(const VmStatement& statement, const VerifyingKey& vk) {
  const StarkStatementStorage storage(statement, vk);
  const stark::StarkStatement& st = storage.statement();
  auto layout = std::make_unique<stark::StarkLayout>();
  if (const stark::StatementCheck check = stark::MakeStarkLayout(st, layout.get()); !check.ok()) {
    return MakeError("statement: {}", stark::StatementErrorName(check.error));
  }
  if (Status s = stark::ValidateSecurity(statement.options,
                                         stark::StatementSecurityParameters(st, *layout));
      !s.ok()) {
    return MakeError("options: {}", s.message());
  }
  return {};
}

Result<std::vector<uint8_t>> Prove(const executor::Program& program, std::span<const uint8_t> input,
                                   const ProveConfig& config, ProveStats* stats) {
  const auto start = std::chrono::steady_clock::now();
  Result<RoutedExecution> routed = ExecuteAndRoute(program, input, config.max_cycles);
  if (!routed.ok()) return routed.error();
  const double execute_seconds = SecondsSince(start);
  const auto trace_start = std::chrono::steady_clock::now();
  Result<VmWitness> w = BuildWitness(program, std::move(*routed), config);
  if (!w.ok()) return w.error();
  const double trace_seconds = SecondsSince(trace_start);
  // The verifier measures the options against this run's statement (its heights and chunk
  // count) and rejects anything below the floor; refuse here, before the STARK work, rather
  // than hand out a proof no verifier accepts.
  if (Status s = CheckSecurityFloor(w->statement, w->vk); !s.ok()) {
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
    stats->chunks.clear();
    stats->committed_cells = 0;
    for (size_t i = 0; i < w->statement.chunks.size(); ++i) {
      const TableId id = w->statement.chunks[i].table;
      ProveStats::Chunk c;
      c.table = id;
      c.rows = size_t{1} << w->statement.chunks[i].log_height;
      c.real_rows = IsFixed(id) ? c.rows : std::min<uint64_t>(w->routed.num_rows(id), c.rows);
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

Result<VerifiedStatement> Verify(std::span<const uint8_t> proof, const VerifyingKey& vk) {
  std::span<const uint8_t> stark_proof;
  Result<VmStatement> statement = DecodeVmProof(proof, &stark_proof);
  if (!statement.ok()) return statement.error();
  if (statement->vk_digest != vk.Digest()) {
    return MakeError(
        "the proof is for another program or other options: its vk_digest {} is "
        "not the verifying key's {}",
        HexDigest(statement->vk_digest), HexDigest(vk.Digest()));
  }
  if (Status s = CheckStatementShape(*statement, vk); !s.ok()) return Error{s.message()};
  const StarkStatementStorage storage(*statement, vk);
  if (Status s = stark::VerifyStark(stark_proof, storage.statement()); !s.ok()) {
    return MakeError("proof rejected: {}", s.message());
  }
  return VerifiedStatement{.vk_digest = statement->vk_digest,
                           .options = statement->options,
                           .exit_code = statement->exit_code,
                           .cycles = statement->cycles,
                           .output = statement->output};
}

Result<VerifiedStatement> Verify(std::span<const uint8_t> proof, const executor::Program& program) {
  std::span<const uint8_t> stark_proof;
  Result<VmStatement> statement = DecodeVmProof(proof, &stark_proof);
  if (!statement.ok()) return statement.error();
  Result<VerifyingKey> vk = ComputeVerifyingKey(program, statement->options);
  if (!vk.ok()) return vk.error();
  return Verify(proof, *vk);
}

}  // namespace zkvm::prover
