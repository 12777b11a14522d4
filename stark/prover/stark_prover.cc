#include "stark/prover/stark_prover.h"

#include <fmt/format.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <utility>

#include "crypto/field/felt_array.h"
#include "crypto/merkle/merkle_matrix.h"
#include "crypto/merkle/merkle_prover.h"
#include "crypto/ntt/lde.h"
#include "crypto/transcript/prover_transcript.h"
#include "stark/fri/fri_prover.h"
#include "stark/proof/proof_writer.h"

namespace zkvm::stark {
namespace {

using crypto::ColumnMajorMatrix;
using crypto::ConstMatrixView;
using crypto::MerkleDigest;
using crypto::MerkleMatrix;
using crypto::MerkleTree;

// Rows per parallel task.
constexpr size_t kBlock = 1024;

// Adds the wall time of its scope to *seconds.
class ScopedSeconds {
 public:
  explicit ScopedSeconds(double* seconds)
      : seconds_(seconds), start_(std::chrono::steady_clock::now()) {}
  ~ScopedSeconds() {
    *seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  ScopedSeconds(const ScopedSeconds&) = delete;
  ScopedSeconds& operator=(const ScopedSeconds&) = delete;

 private:
  double* seconds_;
  std::chrono::steady_clock::time_point start_;
};

// A set of columns as the prover keeps them: coefficients (height n) and LDE (height N; empty
// while dropped under LdePolicy::kDropAfterCommit).
struct Extended {
  ColumnMajorMatrix coeffs;
  ColumnMajorMatrix lde;

  size_t num_cols() const { return coeffs.num_cols(); }
};

Extended Extend(ConstMatrixView trace, uint32_t log_blowup, double* seconds) {
  const ScopedSeconds timer(seconds);
  Extended e;
  if (trace.num_cols() == 0) return e;
  e.coeffs = ColumnMajorMatrix::Uninitialized(trace.num_rows(), trace.num_cols());
  crypto::InterpolateColumns(trace, e.coeffs);
  e.lde = ColumnMajorMatrix::Uninitialized(trace.num_rows() << log_blowup, trace.num_cols());
  crypto::EvaluateColumnsOnCoset(e.coeffs, crypto::kLdeShift, e.lde);
  return e;
}

// Coefficients given (height n): only the LDE.
void ExtendCoefficients(Extended& e, uint32_t log_blowup, double* seconds) {
  const ScopedSeconds timer(seconds);
  e.lde = ColumnMajorMatrix::Uninitialized(e.coeffs.num_rows() << log_blowup, e.coeffs.num_cols());
  crypto::EvaluateColumnsOnCoset(e.coeffs, crypto::kLdeShift, e.lde);
}

// The LDE cache policy: Acquire before reading an LDE (re-evaluates a dropped one from its
// coefficients, the same bytes as the first evaluation), Release once a phase is done with it.
class LdeCache {
 public:
  LdeCache(LdePolicy policy, uint32_t log_blowup, double* lde_seconds)
      : policy_(policy), log_blowup_(log_blowup), lde_seconds_(lde_seconds) {}

  void Acquire(Extended& e) const {
    if (e.num_cols() > 0 && e.lde.num_cols() == 0) ExtendCoefficients(e, log_blowup_, lde_seconds_);
  }
  void Release(Extended& e) const {
    if (policy_ == LdePolicy::kDropAfterCommit) e.lde = ColumnMajorMatrix();
  }

 private:
  LdePolicy policy_;
  uint32_t log_blowup_;
  double* lde_seconds_;
};

// The points of an LDE of 2^log_size rows (LdePoint of every row).
std::vector<Felt> LdePoints(uint32_t log_size) {
  const size_t n = size_t{1} << log_size;
  std::vector<Felt> natural(n), out(n);
  const Felt omega = Felt::TwoAdicRoot(static_cast<int>(log_size));
  Felt x = crypto::kLdeShift;
  for (size_t i = 0; i < n; ++i, x *= omega) natural[i] = x;
  for (size_t j = 0; j < n; ++j) {
    out[j] = natural[detail::FriBitReverse(static_cast<uint32_t>(j), log_size)];
  }
  return out;
}

void BatchInverseExt3(Ext3* values, size_t n, Ext3* scratch) {
  Ext3 acc = Ext3::One();
  for (size_t i = 0; i < n; ++i) {
    scratch[i] = acc;
    acc *= values[i];
  }
  Ext3 inverse = acc.Inverse();
  for (size_t i = n; i-- > 0;) {
    const Ext3 v = values[i];
    values[i] = scratch[i] * inverse;
    inverse *= v;
  }
}

// Per table state across the phases.
struct TableWork {
  Extended preprocessed, main, aux;
  Ext3 total;
};

// The quotient of one table on its LDE coset, as an N x 3 matrix (Ext3 coordinates): the
// folded constraints (FoldConstraintsOnCoset, base-field values) over x^n - 1.
ColumnMajorMatrix QuotientOnCoset(const ProverTable& table, const StarkLayout::Table& lt,
                                  const TableWork& w, const AirChallenges& challenges,
                                  uint32_t log_blowup) {
  const size_t num_rows = size_t{1} << lt.log_lde;
  const uint64_t n = uint64_t{1} << lt.log_height;
  const uint32_t mask = static_cast<uint32_t>(num_rows - 1);
  const uint32_t blowup = uint32_t{1} << log_blowup;
  const std::vector<Felt> points = LdePoints(lt.log_lde);
  const Felt n_felt = Felt::FromU64(n);
  const Felt omega_inverse = Felt::TwoAdicRoot(static_cast<int>(lt.log_height)).Inverse();
  const TableColumns& c = lt.columns;
  const uint32_t num_aux = lt.logup.num_aux_columns;
  const CosetFoldContext ctx = MakeCosetFoldContext(challenges, table.air->num_constraints());
  ColumnMajorMatrix out = ColumnMajorMatrix::Uninitialized(num_rows, 3);
  const size_t block = std::min(num_rows, kBlock);
  tbb::parallel_for(size_t{0}, num_rows / block, [&](size_t b) {
    const size_t begin = b * block;
    std::vector<Felt> vanishing(block), d_first(block), d_last(block), inv_first(block),
        inv_last(block), inv_vanishing(block);
    for (size_t i = 0; i < block; ++i) {
      const Felt x = points[begin + i];
      vanishing[i] = x.Pow(n) - Felt::One();
      d_first[i] = n_felt * (x - Felt::One());
      d_last[i] = n_felt * (x - omega_inverse);
    }
    BatchInverse(vanishing.data(), inv_vanishing.data(), block);
    BatchInverse(d_first.data(), inv_first.data(), block);
    BatchInverse(d_last.data(), inv_last.data(), block);
    std::vector<Felt> main(c.num_main), main_next(c.num_main), pre(c.num_preprocessed),
        pre_next(c.num_preprocessed);
    std::vector<Ext3> aux(num_aux), aux_next(num_aux);
    CosetPointValues values;
    values.main = main.data();
    values.main_next = main_next.data();
    values.preprocessed = pre.data();
    values.preprocessed_next = pre_next.data();
    values.aux = aux.data();
    values.aux_next = aux_next.data();
    values.public_values = table.public_values.data();
    for (size_t i = 0; i < block; ++i) {
      const size_t row = begin + i;
      const uint32_t natural = detail::FriBitReverse(static_cast<uint32_t>(row), lt.log_lde);
      const size_t next = detail::FriBitReverse((natural + blowup) & mask, lt.log_lde);
      for (uint32_t k = 0; k < c.num_main; ++k) {
        main[k] = w.main.lde(row, k);
        main_next[k] = w.main.lde(next, k);
      }
      for (uint32_t k = 0; k < c.num_preprocessed; ++k) {
        pre[k] = w.preprocessed.lde(row, k);
        pre_next[k] = w.preprocessed.lde(next, k);
      }
      for (uint32_t k = 0; k < num_aux; ++k) {
        aux[k] = Ext3(w.aux.lde(row, 3 * k), w.aux.lde(row, 3 * k + 1), w.aux.lde(row, 3 * k + 2));
        aux_next[k] =
            Ext3(w.aux.lde(next, 3 * k), w.aux.lde(next, 3 * k + 1), w.aux.lde(next, 3 * k + 2));
      }
      const Felt last = omega_inverse * vanishing[i] * inv_last[i];
      values.is_first_row = vanishing[i] * inv_first[i];
      values.is_last_row = last;
      values.is_transition = Felt::One() - last;
      Ext3 folded;
      ZKVM_CHECK(table.air->FoldConstraintsOnCoset(values, ctx, &folded),
                 "interactions do not fit the recorder");
      const Ext3 q = folded * inv_vanishing[i];
      for (size_t k = 0; k < 3; ++k) out(row, k) = q[k];
    }
  });
  return out;
}

// sum_i coeffs(i, col) * powers[i] for every column, appended to *out.
void EvaluateAt(const ColumnMajorMatrix& coeffs, const std::vector<Ext3>& powers,
                std::vector<Ext3>* out) {
  const size_t base = out->size();
  out->resize(base + coeffs.num_cols());
  tbb::parallel_for(size_t{0}, coeffs.num_cols(), [&](size_t col) {
    Ext3 acc;
    const std::span<const Felt> column = coeffs.column(col);
    for (size_t i = 0; i < column.size(); ++i) acc += powers[i] * column[i];
    (*out)[base + col] = acc;
  });
}

std::vector<Ext3> Powers(const Ext3& x, size_t n) {
  std::vector<Ext3> p(n);
  Ext3 acc = Ext3::One();
  for (size_t i = 0; i < n; ++i, acc *= x) p[i] = acc;
  return p;
}

// acc += s * d for N x 3 matrices holding Ext3 rows as coordinate columns, s fixed:
// (s d)_c = sum_j m[c][j] d_j with m = [[s0, 2 s2, 2 s1], [s1, s0, 2 s2], [s2, s1, s0]]
// (X^3 = 2, crypto/field/ext3.h), nine SIMD axpys.
void AddScaledRows(ColumnMajorMatrix* acc, const ColumnMajorMatrix& d, const Ext3& s) {
  const Felt m[3][3] = {
      {s[0], s[2].Double(), s[1].Double()}, {s[1], s[0], s[2].Double()}, {s[2], s[1], s[0]}};
  for (size_t c = 0; c < 3; ++c) {
    for (size_t j = 0; j < 3; ++j) crypto::ArrayAddScaled(acc->column(c), d.column(j), m[c][j]);
  }
}

// DEEP codeword `input` (stark_protocol.h, transcript step 7): its columns c_n (the tables of
// that LDE size in order, each with its preprocessed, main and aux columns, then the class's
// quotient chunks) enter with weight gamma^n in S (non-quotient) or S_Q (quotient), and
//   D(x) = (S(x) + S_Q(x) - A) / (x - zeta) + lambda (S(x) - B) / (x - zeta omega).
struct DeepGroup {
  const ColumnMajorMatrix* lde;
  std::vector<Ext3> weights;  // gamma^n of its columns
  bool is_quotient;
};

ColumnMajorMatrix DeepCodeword(uint32_t input, const StarkLayout& layout,
                               const std::vector<TableWork>& work, const Extended& quotient,
                               const std::vector<Ext3>& ood, const Ext3& zeta, const Ext3& gamma,
                               const Ext3& lambda) {
  const uint32_t log_size = layout.fri_input_log_sizes[input];
  const size_t num_rows = size_t{1} << log_size;
  std::vector<DeepGroup> groups;
  Ext3 constant_zeta, constant_next, zeta_next;
  Ext3 power = Ext3::One();  // gamma^n
  for (uint32_t t = 0; t < layout.num_tables; ++t) {
    const StarkLayout::Table& lt = layout.tables[t];
    if (lt.fri_input != input) continue;
    zeta_next = zeta * Felt::TwoAdicRoot(static_cast<int>(lt.log_height));
    size_t j = lt.ood_offset;
    for (const Extended* set : {&work[t].preprocessed, &work[t].main, &work[t].aux}) {
      const size_t width = set->num_cols();
      if (width == 0) continue;
      DeepGroup g{&set->lde, {}, false};
      for (size_t col = 0; col < width; ++col, power *= gamma) {
        g.weights.push_back(power);
        constant_zeta += power * ood[j + col];
        constant_next += power * ood[j + width + col];
      }
      j += 2 * width;
      groups.push_back(std::move(g));
    }
  }
  // The height class's quotient chunks, last, at zeta only.
  DeepGroup q{&quotient.lde, {}, true};
  for (size_t col = 0; col < quotient.num_cols(); ++col, power *= gamma) {
    q.weights.push_back(power);
    constant_zeta += power * ood[layout.quotient_ood_offset[input] + col];
  }
  groups.push_back(std::move(q));
  const std::vector<Felt> points = LdePoints(log_size);
  ColumnMajorMatrix out = ColumnMajorMatrix::Uninitialized(num_rows, 3);
  const size_t block = std::min(num_rows, kBlock);
  tbb::parallel_for(size_t{0}, num_rows / block, [&](size_t b) {
    const size_t begin = b * block;
    // Coordinate arrays of S and S_Q.
    std::vector<Felt> storage(6 * block);
    Felt* sum[3];
    Felt* sum_quotient[3];
    for (size_t c = 0; c < 3; ++c) {
      sum[c] = storage.data() + c * block;
      sum_quotient[c] = storage.data() + (3 + c) * block;
    }
    for (const DeepGroup& g : groups) {
      Felt* const* acc = g.is_quotient ? sum_quotient : sum;
      for (size_t col = 0; col < g.weights.size(); ++col) {
        const std::span<const Felt> column = g.lde->column(col).subspan(begin, block);
        for (size_t c = 0; c < 3; ++c) {
          crypto::ArrayAddScaled({acc[c], block}, column, g.weights[col][c]);
        }
      }
    }
    std::vector<Ext3> d_zeta(block), d_next(block), scratch(block);
    for (size_t i = 0; i < block; ++i) {
      d_zeta[i] = Ext3(points[begin + i]) - zeta;
      d_next[i] = Ext3(points[begin + i]) - zeta_next;
    }
    BatchInverseExt3(d_zeta.data(), block, scratch.data());
    BatchInverseExt3(d_next.data(), block, scratch.data());
    for (size_t i = 0; i < block; ++i) {
      const Ext3 s(sum[0][i], sum[1][i], sum[2][i]);
      const Ext3 s_quotient(sum_quotient[0][i], sum_quotient[1][i], sum_quotient[2][i]);
      const Ext3 d =
          (s + s_quotient - constant_zeta) * d_zeta[i] + lambda * ((s - constant_next) * d_next[i]);
      for (size_t k = 0; k < 3; ++k) out(begin + i, k) = d[k];
    }
  });
  return out;
}

bool IsPowerOfTwo(size_t v) { return v >= 2 && (v & (v - 1)) == 0; }

Status CheckShapes(const ProverStatement& statement) {
  if (statement.tables.empty()) return MakeError("statement: no tables");
  for (size_t t = 0; t < statement.tables.size(); ++t) {
    const ProverTable& table = statement.tables[t];
    if (table.air == nullptr) return MakeError("statement: table {} has no AIR", t);
    const AirShape shape = table.air->shape();
    const char* name = table.air->name();
    if (!IsPowerOfTwo(table.num_rows())) {
      return MakeError("table {}: height {} is not a power of two >= 2", name, table.num_rows());
    }
    if (table.rows != 0 && table.main.num_cols() != 0 && table.main.num_rows() != table.rows) {
      return MakeError("table {}: {} trace rows, the statement says {}", name,
                       table.main.num_rows(), table.rows);
    }
    if (table.rows == 0 && table.main.num_cols() != shape.num_main_columns) {
      return MakeError("table {}: {} main columns, the AIR declares {}", name,
                       table.main.num_cols(), shape.num_main_columns);
    }
    if (table.preprocessed.num_cols() != shape.num_preprocessed_columns ||
        (shape.num_preprocessed_columns > 0 && table.preprocessed.num_rows() != table.num_rows())) {
      return MakeError(
          "table {}: preprocessed matrix is {} x {}, the AIR declares {} columns of "
          "height {}",
          name, table.preprocessed.num_rows(), table.preprocessed.num_cols(),
          shape.num_preprocessed_columns, table.num_rows());
    }
  }
  return {};
}

// A trace from the provider, checked against the statement's shape.
Result<ConstMatrixView> GetTrace(TraceProvider& provider, const ProverStatement& statement,
                                 size_t t) {
  const ProverTable& table = statement.tables[t];
  const ConstMatrixView trace = provider.Trace(t);
  if (trace.num_rows() != table.num_rows() ||
      trace.num_cols() != table.air->shape().num_main_columns) {
    provider.ReleaseTrace(t);
    return MakeError(
        "table {}: the trace provider gave a {} x {} trace, the statement says {} x {}",
        table.air->name(), trace.num_rows(), trace.num_cols(), table.num_rows(),
        table.air->shape().num_main_columns);
  }
  return trace;
}

uint32_t Log2(size_t v) {
  uint32_t log = 0;
  while ((size_t{1} << log) < v) ++log;
  return log;
}

// The statement's layout; the error names the table.
Status Layout(const ProverStatement& statement, std::vector<StarkTable>* tables,
              StarkLayout* layout) {
  if (Status s = CheckShapes(statement); !s.ok()) return s;
  const StarkStatement s = VerifierStatement(statement, MerkleDigest(), tables);
  const StatementCheck check = MakeStarkLayout(s, layout);
  if (!check.ok()) {
    const char* name = check.where < statement.tables.size() && statement.tables[check.where].air
                           ? statement.tables[check.where].air->name()
                           : "-";
    return MakeError("statement: {} (table or tree {}: {})", StatementErrorName(check.error),
                     check.where, name);
  }
  return {};
}

// Extends the preprocessed matrices and commits them (nullopt-like: no tree without any).
std::unique_ptr<MerkleTree> CommitPreprocessed(const ProverStatement& statement,
                                               std::vector<TableWork>& work,
                                               std::vector<MerkleMatrix>* matrices,
                                               ProverStats* stats) {
  const uint32_t log_blowup = statement.options.log_blowup;
  for (size_t t = 0; t < statement.tables.size(); ++t) {
    if (statement.tables[t].preprocessed.num_cols() == 0) continue;
    work[t].preprocessed = Extend(statement.tables[t].preprocessed, log_blowup, &stats->lde);
    matrices->push_back({work[t].preprocessed.lde, crypto::RowPairing::kNone});
  }
  if (matrices->empty()) return nullptr;
  const ScopedSeconds timer(&stats->merkle);
  return std::make_unique<MerkleTree>(
      MerkleTree::Commit(*matrices, {.hash = statement.options.hash}));
}

}  // namespace

StarkStatement VerifierStatement(const ProverStatement& statement,
                                 const MerkleDigest& preprocessed_root,
                                 std::vector<StarkTable>* tables) {
  tables->clear();
  for (const ProverTable& t : statement.tables) {
    tables->push_back({t.air, Log2(t.num_rows()), t.public_values.data(),
                       static_cast<uint32_t>(t.public_values.size())});
  }
  StarkStatement s;
  s.tables = tables->data();
  s.num_tables = static_cast<uint32_t>(tables->size());
  s.options = statement.options;
  s.preprocessed_root = preprocessed_root;
  s.public_interactions = statement.public_interactions.data();
  s.num_public_interactions = static_cast<uint32_t>(statement.public_interactions.size());
  return s;
}

std::string DescribeProverStats(const ProverStats& s, const char* indent) {
  const double total = s.total > 0 ? s.total : 1;
  const std::pair<const char*, double> phases[] = {
      {"debug checks", s.checks},
      {"LDE (interpolate + coset NTT)", s.lde},
      {"Merkle hashing (trace trees)", s.merkle},
      {"LogUp aux columns", s.logup},
      {"quotient (constraints on the coset)", s.quotient},
      {"OOD evaluations", s.ood},
      {"DEEP codewords", s.deep},
      {"FRI fold + layer trees", s.fri_commit},
      {"grinding + FRI openings", s.fri_query},
      {"trace openings + proof", s.openings}};
  std::string out = fmt::format("{}stark phases ({:.2f} s):\n", indent, s.total);
  double accounted = 0;
  for (const auto& [name, seconds] : phases) {
    accounted += seconds;
    if (seconds == 0) continue;
    out += fmt::format("{}  {:<36} {:7.3f} s {:5.1f}%\n", indent, name, seconds,
                       100 * seconds / total);
  }
  out += fmt::format("{}  {:<36} {:7.3f} s {:5.1f}%\n", indent, "other", s.total - accounted,
                     100 * (s.total - accounted) / total);
  const size_t openings = s.opening_bytes[kTreePreprocessed] + s.opening_bytes[kTreeMain] +
                          s.opening_bytes[kTreeAux] + s.opening_bytes[kTreeQuotient];
  out += fmt::format(
      "{}proof parts: trace openings {} B (preprocessed {}, main {}, aux {}, quotient {}), "
      "FRI {} B, OOD values {} B\n",
      indent, openings, s.opening_bytes[kTreePreprocessed], s.opening_bytes[kTreeMain],
      s.opening_bytes[kTreeAux], s.opening_bytes[kTreeQuotient], s.fri_bytes, s.ood_bytes);
  return out;
}

Result<MerkleDigest> PreprocessedRoot(const ProverStatement& statement) {
  std::vector<StarkTable> tables;
  auto layout = std::make_unique<StarkLayout>();
  if (Status s = Layout(statement, &tables, layout.get()); !s.ok()) return Error{s.message()};
  std::vector<TableWork> work(statement.tables.size());
  std::vector<MerkleMatrix> matrices;
  ProverStats stats;
  const std::unique_ptr<MerkleTree> tree = CommitPreprocessed(statement, work, &matrices, &stats);
  return tree ? tree->root() : MerkleDigest();
}

namespace {

// One proof in progress: what the phases of ProveStark hand each other, in protocol order.
struct ProofInProgress {
  ProofInProgress(const ProverStatement& st, const ProverConfig& cfg, TraceProvider& traces,
                  ProverStats& s)
      : statement(st),
        config(cfg),
        provider(traces),
        stats(s),
        log_blowup(st.options.log_blowup),
        cache(cfg.lde_policy, log_blowup, &s.lde),
        num_tables(st.tables.size()),
        layout_storage(std::make_unique<StarkLayout>()),
        layout(*layout_storage),
        transcript(kStarkProtocol, st.options.hash) {}

  // The phases, in protocol order (stark_prover.h).
  Status CheckTraces();
  Status CommitMainTraces();
  Status CommitLogup();
  void CommitQuotients();
  void EvaluateOutOfDomain();
  void CommitDeepAndFri();
  std::vector<uint8_t> OpenAndWrite();

  // The trees' hash is the options'.
  crypto::MerkleTreeOptions TreeOptions() const { return {.hash = statement.options.hash}; }

  // Table t's trace as the row checker and the aux builder read it (main from the provider).
  TableTrace Trace(size_t t, ConstMatrixView main) const {
    const ProverTable& table = statement.tables[t];
    return TableTrace{main, table.preprocessed, table.public_values};
  }

  const ProverStatement& statement;
  const ProverConfig& config;
  TraceProvider& provider;
  ProverStats& stats;
  const uint32_t log_blowup;
  const LdeCache cache;
  const size_t num_tables;
  std::vector<StarkTable> tables;  // the verifier's view of the statement's tables
  std::unique_ptr<StarkLayout> layout_storage;
  const StarkLayout& layout;
  crypto::ProverTranscript transcript;
  std::vector<TableWork> work;  // per table: its extended columns and bus total
  std::vector<MerkleMatrix> matrices[kStarkNumTrees];
  std::unique_ptr<MerkleTree> trees[kStarkNumTrees];
  AirChallenges challenges;
  std::vector<Ext3> totals;
  std::vector<Extended> quotients;  // per height class
  Ext3 zeta;
  std::vector<Ext3> ood;
  std::vector<ColumnMajorMatrix> deep;  // the DEEP codewords
  std::vector<MerkleMatrix> deep_matrices;
  std::unique_ptr<MerkleTree> deep_tree;
  FriProof fri_proof;
};

// 1 (debug mode). Every table's rows against its AIR (the row checker), and a bus ledger across
// all tables and the statement's public interactions.
Status ProofInProgress::CheckTraces() {
  const ScopedSeconds timer(&stats.checks);
  BusLedger own_ledger;
  BusLedger& ledger = config.ledger != nullptr ? *config.ledger : own_ledger;
  for (size_t t = 0; t < num_tables; ++t) {
    Result<ConstMatrixView> main = GetTrace(provider, statement, t);
    if (!main.ok()) return Error{main.error().message};
    const Status s = statement.tables[t].air->Check(Trace(t, *main), &ledger);
    provider.ReleaseTrace(t);
    if (!s.ok()) return Error{s.message()};
  }
  for (size_t i = 0; i < statement.public_interactions.size(); ++i) {
    const StarkPublicInteraction& p = statement.public_interactions[i];
    if (p.width > kStarkMaxPublicTupleWidth) break;  // the statement check has rejected it
    ledger.AddExternal(p.bus, std::vector<Felt>(p.values, p.values + p.width), p.multiplicity,
                       p.send, fmt::format("public interaction {}", i));
  }
  if (config.ledger == nullptr && !ledger.Balanced()) {
    return MakeError("buses do not balance:\n{}", ledger.Report());
  }
  return {};
}

// 2. The verifying-key tree of the preprocessed columns, the statement absorbed, every main
// trace interpolated and extended, the main tree committed.
Status ProofInProgress::CommitMainTraces() {
  work.resize(num_tables);
  trees[kTreePreprocessed] =
      CommitPreprocessed(statement, work, &matrices[kTreePreprocessed], &stats);
  for (TableWork& w : work) cache.Release(w.preprocessed);
  matrices[kTreePreprocessed].clear();
  const StarkStatement verifier_statement = VerifierStatement(
      statement, trees[kTreePreprocessed] ? trees[kTreePreprocessed]->root() : MerkleDigest(),
      &tables);
  AbsorbStatement(transcript, verifier_statement);
  for (size_t t = 0; t < num_tables; ++t) {
    Result<ConstMatrixView> main = GetTrace(provider, statement, t);
    if (!main.ok()) return Error{main.error().message};
    work[t].main = Extend(*main, log_blowup, &stats.lde);
    provider.ReleaseTrace(t);
    matrices[kTreeMain].push_back({work[t].main.lde, crypto::RowPairing::kNone});
  }
  {
    const ScopedSeconds timer(&stats.merkle);
    trees[kTreeMain] =
        std::make_unique<MerkleTree>(MerkleTree::Commit(matrices[kTreeMain], TreeOptions()));
  }
  transcript.AbsorbDigest(kLabelMainRoot, trees[kTreeMain]->root().bytes);
  for (TableWork& w : work) cache.Release(w.main);
  matrices[kTreeMain].clear();
  return {};
}

// 3. z, a; each table's LogUp aux columns and bus total; the aux tree.
Status ProofInProgress::CommitLogup() {
  if (config.shared_logup) {
    Result<SharedLogup> shared = config.shared_logup(trees[kTreeMain]->root());
    if (!shared.ok()) return shared.error();
    AbsorbSharedLogup(transcript, *shared);
    challenges.z = shared->z;
    challenges.a = shared->a;
  } else {
    challenges.z = transcript.SampleExt3();
    challenges.a = transcript.SampleExt3();
  }
  for (size_t t = 0; t < num_tables; ++t) {
    const LogupLayout& logup = layout.tables[t].logup;
    if (logup.num_aux_columns == 0) continue;
    const size_t n = statement.tables[t].num_rows();
    ColumnMajorMatrix trace;
    Ext3 total;
    {
      const ScopedSeconds timer(&stats.logup);
      Result<ConstMatrixView> main = GetTrace(provider, statement, t);
      if (!main.ok()) return Error{main.error().message};
      Result<LogupAux> aux =
          statement.tables[t].air->BuildAux(Trace(t, *main), challenges.z, challenges.a);
      provider.ReleaseTrace(t);
      if (!aux.ok()) return Error{aux.error().message};
      ZKVM_CHECK(aux->h.size() + 1 == logup.num_aux_columns, "aux layout mismatch");
      trace = ColumnMajorMatrix::Uninitialized(n, logup.num_aux_felts());
      for (size_t j = 0; j < logup.num_aux_columns; ++j) {
        const std::vector<Ext3>& column = j < aux->h.size() ? aux->h[j] : aux->s;
        for (size_t row = 0; row < n; ++row) {
          for (size_t k = 0; k < 3; ++k) trace(row, 3 * j + k) = column[row][k];
        }
      }
      total = aux->total;
    }
    work[t].aux = Extend(trace, log_blowup, &stats.lde);
    work[t].total = total;
    totals.push_back(total);
    matrices[kTreeAux].push_back({work[t].aux.lde, crypto::RowPairing::kNone});
  }
  if (!matrices[kTreeAux].empty()) {
    const ScopedSeconds timer(&stats.merkle);
    trees[kTreeAux] =
        std::make_unique<MerkleTree>(MerkleTree::Commit(matrices[kTreeAux], TreeOptions()));
    transcript.AbsorbDigest(kLabelAuxRoot, trees[kTreeAux]->root().bytes);
    transcript.AbsorbExt3s(kLabelBusTotals, totals.data(), totals.size());
  }
  for (TableWork& w : work) cache.Release(w.aux);
  matrices[kTreeAux].clear();
  return {};
}

// 4. alpha, delta; one quotient per height class: its tables' quotients on their (shared) LDE
// coset, combined with powers of delta in statement order, then split into chunks of degree
// < n; the quotient tree.
void ProofInProgress::CommitQuotients() {
  challenges.alpha = transcript.SampleExt3();
  const Ext3 delta = transcript.SampleExt3();
  quotients.resize(layout.num_fri_inputs);
  for (uint32_t i = 0; i < layout.num_fri_inputs; ++i) {
    const uint32_t log_height = layout.fri_input_log_sizes[i] - log_blowup;
    const size_t n = size_t{1} << log_height;
    ColumnMajorMatrix combined;
    Ext3 power = Ext3::One();
    for (size_t t = 0; t < num_tables; ++t) {
      const StarkLayout::Table& lt = layout.tables[t];
      if (lt.fri_input != i) continue;
      AirChallenges c = challenges;
      c.total = work[t].total;
      for (Extended* e : {&work[t].preprocessed, &work[t].main, &work[t].aux}) cache.Acquire(*e);
      {
        const ScopedSeconds timer(&stats.quotient);
        ColumnMajorMatrix values = QuotientOnCoset(statement.tables[t], lt, work[t], c, log_blowup);
        if (combined.num_cols() == 0) {
          combined = std::move(values);  // the first table: delta^0
        } else {
          AddScaledRows(&combined, values, power);
        }
      }
      for (Extended* e : {&work[t].preprocessed, &work[t].main, &work[t].aux}) cache.Release(*e);
      power *= delta;
    }
    Extended& q = quotients[i];
    {
      const ScopedSeconds timer(&stats.quotient);
      const std::vector<Ext3> coeffs = FriInterpolateCoset(combined, crypto::kLdeShift);
      // An honest quotient has degree < num_chunks * n; higher coefficients (a failing trace
      // pushed through without debug checks) are dropped, and the verifier's check at zeta
      // fails.
      const uint32_t chunks = layout.quotient_chunks[i];
      q.coeffs = ColumnMajorMatrix::Uninitialized(n, 3 * chunks);
      for (size_t chunk = 0; chunk < chunks; ++chunk) {
        for (size_t r = 0; r < n; ++r) {
          for (size_t k = 0; k < 3; ++k) q.coeffs(r, 3 * chunk + k) = coeffs[chunk * n + r][k];
        }
      }
    }
    ExtendCoefficients(q, log_blowup, &stats.lde);
    matrices[kTreeQuotient].push_back({q.lde, crypto::RowPairing::kNone});
  }
  {
    const ScopedSeconds timer(&stats.merkle);
    trees[kTreeQuotient] =
        std::make_unique<MerkleTree>(MerkleTree::Commit(matrices[kTreeQuotient], TreeOptions()));
  }
  transcript.AbsorbDigest(kLabelQuotientRoot, trees[kTreeQuotient]->root().bytes);
  for (Extended& q : quotients) cache.Release(q);
  matrices[kTreeQuotient].clear();
}

// 5. zeta; every committed column at zeta and zeta omega_n (quotient chunks at zeta).
void ProofInProgress::EvaluateOutOfDomain() {
  zeta = SampleOodPoint(transcript);
  ood.reserve(layout.num_ood_values);
  std::map<uint32_t, std::pair<std::vector<Ext3>, std::vector<Ext3>>> powers;
  std::optional<ScopedSeconds> ood_timer(&stats.ood);
  for (size_t t = 0; t < num_tables; ++t) {
    const uint32_t log_n = layout.tables[t].log_height;
    auto& p = powers[log_n];
    if (p.first.empty()) {
      p.first = Powers(zeta, size_t{1} << log_n);
      p.second = Powers(zeta * Felt::TwoAdicRoot(static_cast<int>(log_n)), size_t{1} << log_n);
    }
    for (const Extended* e : {&work[t].preprocessed, &work[t].main, &work[t].aux}) {
      EvaluateAt(e->coeffs, p.first, &ood);
      EvaluateAt(e->coeffs, p.second, &ood);
    }
  }
  for (uint32_t i = 0; i < layout.num_fri_inputs; ++i) {
    EvaluateAt(quotients[i].coeffs, powers[layout.fri_input_log_sizes[i] - log_blowup].first, &ood);
  }
  ZKVM_CHECK(ood.size() == layout.num_ood_values, "OOD layout mismatch");
  ood_timer.reset();
  transcript.AbsorbExt3s(kLabelOodValues, ood.data(), ood.size());
}

// 6. gamma, lambda; one DEEP codeword per LDE size, the DEEP tree; FRI over the codewords.
void ProofInProgress::CommitDeepAndFri() {
  const Ext3 gamma = transcript.SampleExt3();
  const Ext3 lambda = transcript.SampleExt3();
  std::vector<ConstMatrixView> deep_views;
  for (uint32_t i = 0; i < layout.num_fri_inputs; ++i) {
    for (size_t t = 0; t < num_tables; ++t) {
      if (layout.tables[t].fri_input != i) continue;
      for (Extended* e : {&work[t].preprocessed, &work[t].main, &work[t].aux}) {
        cache.Acquire(*e);
      }
    }
    cache.Acquire(quotients[i]);
    {
      const ScopedSeconds timer(&stats.deep);
      deep.push_back(DeepCodeword(i, layout, work, quotients[i], ood, zeta, gamma, lambda));
    }
    cache.Release(quotients[i]);
    for (size_t t = 0; t < num_tables; ++t) {
      if (layout.tables[t].fri_input != i) continue;
      for (Extended* e : {&work[t].preprocessed, &work[t].main, &work[t].aux}) {
        cache.Release(*e);
      }
    }
  }
  if (config.tamper_deep) config.tamper_deep(deep);
  for (const ColumnMajorMatrix& d : deep) deep_views.push_back(d.view());
  // The DEEP tree: FRI's inputs, pairs in one leaf (stark_protocol.h, step 7).
  for (const ConstMatrixView& d : deep_views) {
    deep_matrices.push_back({d, crypto::RowPairing::kAdjacent});
  }
  {
    const ScopedSeconds timer(&stats.deep);
    deep_tree = std::make_unique<MerkleTree>(MerkleTree::Commit(deep_matrices, TreeOptions()));
  }
  transcript.AbsorbDigest(kLabelDeepRoot, deep_tree->root().bytes);
  FriProver fri(layout.fri);
  {
    const ScopedSeconds timer(&stats.fri_commit);
    fri.CommitPhase(deep_views, transcript);
  }
  std::optional<ScopedSeconds> fri_query_timer(&stats.fri_query);
  fri_proof = fri.QueryPhase(transcript);
  fri_query_timer.reset();
}

// 7. The openings at the FRI queries, and the proof's sections.
std::vector<uint8_t> ProofInProgress::OpenAndWrite() {
  const ScopedSeconds openings_timer(&stats.openings);
  const double lde_before_openings = stats.lde;

  // 7. Openings and the proof.
  std::vector<uint8_t> openings[kStarkNumTrees];
  for (uint32_t k = 0; k < kStarkNumTrees; ++k) {
    if (!trees[k]) continue;
    std::vector<uint32_t> leaves;
    for (uint32_t q : fri_proof.query_indices) leaves.push_back(layout.Leaf(k, q));
    // The tree's matrices, in commitment order (table order, tables without columns skipped;
    // the quotient tree in height-class order).
    std::vector<Extended*> sets;
    if (k == kTreeQuotient) {
      for (Extended& q : quotients) sets.push_back(&q);
    } else {
      for (TableWork& w : work) {
        Extended* e = k == kTreePreprocessed ? &w.preprocessed : k == kTreeMain ? &w.main : &w.aux;
        if (e->num_cols() != 0) sets.push_back(e);
      }
    }
    for (Extended* e : sets) {
      cache.Acquire(*e);
      matrices[k].push_back({e->lde, crypto::RowPairing::kNone});
    }
    openings[k] = trees[k]->Open(leaves, matrices[k]);
    matrices[k].clear();
    for (Extended* e : sets) cache.Release(*e);
  }
  // Re-evaluated LDEs (LdePolicy::kDropAfterCommit) count as LDE time, not twice.
  stats.openings -= stats.lde - lde_before_openings;
  std::vector<uint32_t> deep_leaves;
  for (uint32_t q : fri_proof.query_indices) deep_leaves.push_back(StarkLayout::DeepLeaf(q));
  const std::vector<uint8_t> deep_openings = deep_tree->Open(deep_leaves, deep_matrices);
  ProofWriter writer;
  writer.BeginSection(kSectionTableHeights, ElementKind::kU32);
  for (size_t t = 0; t < num_tables; ++t) writer.AppendU32(layout.tables[t].log_height);
  writer.EndSection();
  writer.BeginSection(kSectionMainRoot, ElementKind::kDigest);
  writer.AppendDigest(trees[kTreeMain]->root());
  writer.EndSection();
  writer.BeginSection(kSectionAuxRoot, ElementKind::kDigest);
  if (trees[kTreeAux]) writer.AppendDigest(trees[kTreeAux]->root());
  writer.EndSection();
  writer.WriteSection(kSectionBusTotals, std::span<const Ext3>(totals));
  writer.BeginSection(kSectionQuotientRoot, ElementKind::kDigest);
  writer.AppendDigest(trees[kTreeQuotient]->root());
  writer.EndSection();
  writer.WriteSection(kSectionOodValues, std::span<const Ext3>(ood));
  writer.BeginSection(kSectionDeepRoot, ElementKind::kDigest);
  writer.AppendDigest(deep_tree->root());
  writer.EndSection();
  writer.BeginSection(kSectionFri, ElementKind::kBytes);
  const std::vector<uint8_t> fri_bytes = fri_proof.Serialize();
  writer.AppendBytes(fri_bytes);
  writer.EndSection();
  for (uint32_t k = 0; k < kStarkNumTrees; ++k) {
    writer.BeginSection(OpeningsSection(k), ElementKind::kBytes);
    writer.AppendBytes(openings[k]);
    writer.EndSection();
  }
  writer.BeginSection(kSectionDeepOpenings, ElementKind::kBytes);
  writer.AppendBytes(deep_openings);
  writer.EndSection();
  stats.fri_bytes = fri_bytes.size() + deep_openings.size();
  for (uint32_t k = 0; k < kStarkNumTrees; ++k) stats.opening_bytes[k] = openings[k].size();
  stats.ood_bytes = ood.size() * Ext3::kBytes;
  uint8_t options[kProofOptionsBytes];
  statement.options.Encode(options);
  return writer.Finish(options, statement.options.insecure() ? kFlagInsecureTestPreset : 0u);
}

}  // namespace

Result<MainCommitment> CommitMainRoot(const ProverStatement& statement,
                                      const ProverConfig& config) {
  StatementTraceProvider statement_traces(statement);
  ProverStats local_stats;
  ProverStats& stats = config.stats != nullptr ? *config.stats : local_stats;
  ProofInProgress p(statement, config, config.traces != nullptr ? *config.traces : statement_traces,
                    stats);
  if (Status s = Layout(statement, &p.tables, p.layout_storage.get()); !s.ok()) {
    return Error{s.message()};
  }
  if (config.debug_checks) {
    if (config.on_phase) config.on_phase(ProverPhase::kChecks);
    if (Status s = p.CheckTraces(); !s.ok()) return Error{s.message()};
  }
  if (config.on_phase) config.on_phase(ProverPhase::kCommitMain);
  if (Status s = p.CommitMainTraces(); !s.ok()) return Error{s.message()};
  MainCommitment c;
  if (p.trees[kTreePreprocessed]) c.preprocessed_root = p.trees[kTreePreprocessed]->root();
  c.main_root = p.trees[kTreeMain]->root();
  return c;
}

Result<std::vector<std::vector<uint8_t>>> ProveStarkRun(std::span<const ProverStatement> instances,
                                                        const ProverConfig& config) {
  if (instances.empty() || instances.size() > kStarkMaxInstances) {
    return MakeError("a run needs 1 to {} instances, not {}", kStarkMaxInstances, instances.size());
  }
  const uint32_t n = static_cast<uint32_t>(instances.size());
  BusLedger ledger;
  ProverConfig first = config;
  first.ledger = &ledger;
  first.stats = nullptr;
  first.on_phase = {};
  crypto::ProverTranscript run(kStarkRunProtocol, instances[0].options.hash);
  AbsorbRunHeader(run, n, /*run_tag=*/0);
  std::vector<MerkleDigest> roots;
  for (uint32_t i = 0; i < n; ++i) {
    Result<MainCommitment> c = CommitMainRoot(instances[i], first);
    if (!c.ok()) return MakeError("instance {}: {}", i, c.error().message);
    std::vector<StarkTable> tables;
    const StarkStatement st = VerifierStatement(instances[i], c->preprocessed_root, &tables);
    AbsorbRunInstance(run, i, st, c->main_root);
    roots.push_back(c->main_root);
  }
  if (config.debug_checks && !ledger.Balanced()) {
    return MakeError("the run's buses do not balance:\n{}", ledger.Report());
  }
  const SharedLogup shared = DrawSharedLogup(run, n);
  std::vector<std::vector<uint8_t>> proofs;
  for (uint32_t i = 0; i < n; ++i) {
    ProverConfig second = config;
    second.debug_checks = false;
    second.shared_logup = [&, i](const MerkleDigest& root) -> Result<SharedLogup> {
      if (root != roots[i]) {
        return MakeError("instance {}: the main root differs from the first pass", i);
      }
      SharedLogup s = shared;
      s.instance = i;
      return s;
    };
    Result<std::vector<uint8_t>> proof = ProveStark(instances[i], second);
    if (!proof.ok()) return MakeError("instance {}: {}", i, proof.error().message);
    proofs.push_back(std::move(*proof));
  }
  return proofs;
}

Result<std::vector<uint8_t>> ProveStark(const ProverStatement& statement,
                                        const ProverConfig& config) {
  StatementTraceProvider statement_traces(statement);
  ProverStats local_stats;
  ProverStats& stats = config.stats != nullptr ? *config.stats : local_stats;
  stats = ProverStats();
  const ScopedSeconds total_timer(&stats.total);
  ProofInProgress p(statement, config, config.traces != nullptr ? *config.traces : statement_traces,
                    stats);
  if (Status s = Layout(statement, &p.tables, p.layout_storage.get()); !s.ok()) {
    return Error{s.message()};
  }
  auto phase = [&config](ProverPhase next) {
    if (config.on_phase) config.on_phase(next);
  };
  if (config.debug_checks) {
    phase(ProverPhase::kChecks);
    if (Status s = p.CheckTraces(); !s.ok()) return Error{s.message()};
  }
  phase(ProverPhase::kCommitMain);
  if (Status s = p.CommitMainTraces(); !s.ok()) return Error{s.message()};
  phase(ProverPhase::kLogup);
  if (Status s = p.CommitLogup(); !s.ok()) return Error{s.message()};
  phase(ProverPhase::kQuotients);
  p.CommitQuotients();
  phase(ProverPhase::kOutOfDomain);
  p.EvaluateOutOfDomain();
  phase(ProverPhase::kDeepAndFri);
  p.CommitDeepAndFri();
  phase(ProverPhase::kOpenings);
  return p.OpenAndWrite();
}

}  // namespace zkvm::stark
