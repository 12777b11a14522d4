// The multi-table STARK prover (docs/stark.md): proves that every table's trace satisfies its
// AIR (stark/air/air.h) and that the tables' bus interactions balance (LogUp,
// stark/logup/logup.h), in one proof in the format of stark/proof, for the verifier of
// stark/verifier/stark_verifier.h. The protocol, transcript order and proof sections are fixed
// in stark/protocol/stark_protocol.h, shared by both sides.
//
// Phases (ProveStark, one function each in stark_prover.cc, in this order):
//   1. CheckTraces (debug mode): the row checker on every table and a bus ledger across them
//      (with the statement's public interactions added as external contributions);
//   2. CommitMainTraces: per table, interpolate the main (and preprocessed) columns, evaluate
//      them on the LDE coset; commit all main LDEs in one mixed-height tree (the preprocessed
//      tree is the verifying key's, PreprocessedRoot);
//   3. CommitLogup: z, a; the LogUp aux columns (BuildLogupAux; Ext3 columns as 3 base
//      columns), one tree; the bus totals;
//   4. CommitQuotients: alpha, delta; each table's quotient on its LDE coset, F(x) / (x^n - 1)
//      with F the folded constraints (FoldConstraintsOnCoset, coset_constraints.h: the value
//      of the verifier's FoldConstraintsAt, computed over F_p where the values are in F_p),
//      combined per height class with powers of delta, interpolated on the coset and split
//      into max_degree - 1 chunks of n coefficients, each re-evaluated on the coset; one tree;
//   5. EvaluateOutOfDomain: zeta (outside F_p); every committed column at zeta and
//      zeta * omega_n (quotient chunks at zeta), from the columns' coefficients;
//   6. CommitDeepAndFri: gamma, lambda; one DEEP codeword per LDE size, committed in the DEEP
//      tree (sibling rows in one leaf); FRI (stark/fri) over them, tallest first;
//   7. OpenAndWrite: the openings at the FRI queries, one row per table in each trace tree and
//      one pair per codeword in the DEEP tree; the proof bytes.
// ProofInProgress carries what one phase hands the next.
// Everything parallel runs on TBB over fixed blocks, and field arithmetic is exact, so the
// proof is the same for any thread count.
//
// Streaming hooks (DESIGN.md section 9): the prover reads every main trace through a
// TraceProvider (Trace, then ReleaseTrace once it has the trace's coefficients or aux columns;
// by default the statement's in-memory matrices), and keeps or drops each LDE after committing
// it (LdePolicy). Dropped LDEs are re-evaluated from the kept coefficients when the quotient,
// DEEP and opening phases need them. The proof bytes are the same under every policy and
// provider.
//
// A table is given to the prover as a ProverAir: AirAdapter (stark_air.h) plus the host-only
// row checker and aux-column builder, implemented for an AIR class by ProverAirAdapter<A>.
// Host only.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <functional>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "crypto/field/matrix.h"
#include "crypto/merkle/merkle_layout.h"
#include "stark/air/bus_ledger.h"
#include "stark/air/row_checker.h"
#include "stark/logup/logup_prover.h"
#include "stark/protocol/stark_air.h"
#include "stark/protocol/stark_protocol.h"
#include "stark/prover/coset_constraints.h"
#include "stark/security/proof_options.h"

namespace zkvm::stark {

class ProverAir : public StarkAir {
 public:
  // The row checker (row_checker.h); records interactions in `ledger` when given.
  Status Check(const TableTrace& trace, BusLedger* ledger) const {
    return CheckRows(trace, ledger, 0, SIZE_MAX);
  }
  // The row checker on rows [row_begin, row_end) only.
  virtual Status CheckRows(const TableTrace& trace, BusLedger* ledger, size_t row_begin,
                           size_t row_end) const = 0;
  // The LogUp aux columns (logup_prover.h).
  virtual Result<LogupAux> BuildAux(const TableTrace& trace, const Ext3& z,
                                    const Ext3& a) const = 0;
  // FoldConstraints at a point of the LDE coset, from base-field values (coset_constraints.h).
  virtual bool FoldConstraintsOnCoset(const CosetPointValues& values, const CosetFoldContext& ctx,
                                      Ext3* out) const = 0;

 protected:
  ~ProverAir() = default;
};

template <AirTable A>
class ProverAirAdapter final : public AirAdapter<A, ProverAir> {
 public:
  explicit ProverAirAdapter(const A& air) : AirAdapter<A, ProverAir>(air) {}

  Status CheckRows(const TableTrace& trace, BusLedger* ledger, size_t row_begin,
                   size_t row_end) const override {
    return CheckTable(this->air(), trace, ledger, row_begin, row_end);
  }
  Result<LogupAux> BuildAux(const TableTrace& trace, const Ext3& z, const Ext3& a) const override {
    return BuildLogupAux(this->air(), trace, z, a);
  }
  bool FoldConstraintsOnCoset(const CosetPointValues& values, const CosetFoldContext& ctx,
                              Ext3* out) const override {
    return stark::FoldConstraintsOnCoset(this->air(), this->logup(), values, ctx, out);
  }
};

// One table of what is proved: its AIR, its trace (height a power of two >= 2), its
// preprocessed matrix (same height; 0 columns when the AIR has none) and its public values.
// With a TraceProvider (ProverConfig::traces) `main` may be left empty and `rows` gives the
// height; otherwise `rows` is 0 or main's height.
struct ProverTable {
  const ProverAir* air = nullptr;
  crypto::ConstMatrixView main;
  crypto::ConstMatrixView preprocessed;
  std::vector<Felt> public_values;
  size_t rows = 0;

  size_t num_rows() const { return rows != 0 ? rows : main.num_rows(); }
};

struct ProverStatement {
  std::vector<ProverTable> tables;
  ProofOptions options;
  // Public bus interactions the verifier adds itself (stark_protocol.h): the public side acts
  // as one more table, so the tables' totals must balance them.
  std::vector<StarkPublicInteraction> public_interactions;
};

// Where the prover gets each table's main trace from (the streaming hook of DESIGN.md section
// 9). Trace(t) returns a matrix of the statement's shape for table t, valid until the matching
// ReleaseTrace(t); the prover asks for a table's trace once per phase that reads it (debug
// checks, main commitment, LogUp aux columns) and releases it before the next, so a provider
// may build it on demand and free it on release. Calls come from one thread, in table order.
class TraceProvider {
 public:
  virtual ~TraceProvider() = default;
  virtual crypto::ConstMatrixView Trace(size_t table) = 0;
  virtual void ReleaseTrace(size_t table) { (void)table; }
};

// The default provider: the statement's in-memory matrices (ProverTable::main).
class StatementTraceProvider final : public TraceProvider {
 public:
  explicit StatementTraceProvider(const ProverStatement& statement) : statement_(statement) {}
  crypto::ConstMatrixView Trace(size_t table) override { return statement_.tables[table].main; }

 private:
  const ProverStatement& statement_;
};

// What the prover does with a committed LDE (preprocessed, main, aux, quotient).
enum class LdePolicy : uint8_t {
  kKeep,             // keep every LDE until the proof is written
  kDropAfterCommit,  // free it once its tree is committed; recompute it from the kept
                     // coefficients in the quotient, DEEP and opening phases, then free it
};

// Where the prover's time went, phase by phase (wall seconds), and the proof's bytes by part;
// filled when ProverConfig::stats is set. `lde` is interpolation and coset evaluation of every
// committed matrix (preprocessed, main, aux, quotient chunks, and re-evaluations of dropped
// LDEs), `merkle` the commitment trees of the trace phases.
struct ProverStats {
  double checks = 0;      // debug row checker and bus ledger
  double lde = 0;         // interpolation + coset evaluation
  double merkle = 0;      // hashing the preprocessed, main, aux and quotient trees
  double logup = 0;       // LogUp aux columns (fractions, running sums)
  double quotient = 0;    // constraints on the LDE coset, quotient interpolation
  double ood = 0;         // openings at zeta and zeta * omega
  double deep = 0;        // DEEP codewords
  double fri_commit = 0;  // FRI folding and layer trees
  double fri_query = 0;   // grinding, query sampling, FRI layer openings
  double openings = 0;    // trace tree openings, proof assembly
  double total = 0;
  // Proof bytes by part (the sections of stark_protocol.h).
  size_t fri_bytes = 0;  // the FRI proof and the DEEP tree's openings
  size_t opening_bytes[kStarkNumTrees] = {};
  size_t ood_bytes = 0;
};

// The prover's phases in order, reported through ProverConfig::on_phase as each begins.
enum class ProverPhase : uint8_t {
  kChecks,       // debug row checker and bus ledger (only with debug_checks)
  kCommitMain,   // main trace LDEs and trees
  kLogup,        // LogUp aux columns and their tree
  kQuotients,    // constraint quotients and their tree
  kOutOfDomain,  // openings at zeta and zeta * omega
  kDeepAndFri,   // DEEP codewords, FRI folding
  kOpenings,     // grinding, queries, openings, proof assembly
};
inline constexpr int kNumProverPhases = 7;

struct ProverConfig {
  // Run the row checker and the bus ledger first and refuse to prove a failing trace. Tests
  // turn it off to push a bad trace through and watch the verifier reject the proof.
  bool debug_checks = true;
  // The main traces (nullptr: StatementTraceProvider over the statement).
  TraceProvider* traces = nullptr;
  LdePolicy lde_policy = LdePolicy::kKeep;
  // Phase timings and proof part sizes (nullptr: not collected).
  ProverStats* stats = nullptr;
  // Called as each phase begins (progress display); empty: not called.
  std::function<void(ProverPhase)> on_phase = {};
  // Set when the statement is one instance of a run (stark_protocol.h, "Runs of several
  // instances"): called with the instance's main root once it is committed, it returns the
  // run's shared LogUp challenges (or an error, e.g. when the root differs from the one the
  // run absorbed). The instance's buses then need not balance alone.
  std::function<Result<SharedLogup>(const crypto::MerkleDigest& main_root)> shared_logup = {};
  // With debug_checks: when set, the bus ledger the checks record into (a run's instances
  // share one, and the caller checks that it balances); the instance's own balance is then not
  // required. Null: a ledger of this proof alone, which must balance.
  BusLedger* ledger = nullptr;
  // Soundness tests only: rewrites the DEEP codewords before they are committed, as a cheating
  // prover would (the verifier must catch it). Empty in real use.
  std::function<void(std::vector<crypto::ColumnMajorMatrix>&)> tamper_deep = {};
};

// Lines for --stats output: the phase times (seconds and share of the total) and the proof's
// bytes by part, each line starting with `indent`.
std::string DescribeProverStats(const ProverStats& stats, const char* indent);

// The verifying key's commitment to the preprocessed columns (stark_protocol.h, tree 0): the
// mixed-height tree of the LDEs of every table's preprocessed matrix. The zero digest when no
// table has preprocessed columns.
Result<crypto::MerkleDigest> PreprocessedRoot(const ProverStatement& statement);

// The statement as the verifier sees it. `tables` receives the StarkTable array the result
// points into (and must outlive it, as must `statement`).
StarkStatement VerifierStatement(const ProverStatement& statement,
                                 const crypto::MerkleDigest& preprocessed_root,
                                 std::vector<StarkTable>* tables);

// The proof bytes (stark/proof format), or an error naming the table and the problem.
Result<std::vector<uint8_t>> ProveStark(const ProverStatement& statement,
                                        const ProverConfig& config = {});

// What a run absorbs of an instance before the shared challenges: the roots its statement and
// main trace commit to.
struct MainCommitment {
  crypto::MerkleDigest preprocessed_root;  // zero when no table has preprocessed columns
  crypto::MerkleDigest main_root;
};

// The first pass of a run (stark_protocol.h): the debug checks when enabled (into
// config.ledger when set), then the main trace commitment, exactly as ProveStark computes it.
// Reads the traces through config.traces like ProveStark.
Result<MainCommitment> CommitMainRoot(const ProverStatement& statement,
                                      const ProverConfig& config = {});

// Proves the instances of a run held in memory: commits every main trace, draws the shared
// challenges, then proves each instance (one proof per instance, in order). With
// debug_checks, the buses must balance over the whole run. Host helper for tests and small
// runs; the VM prover streams its segments through the same pieces.
Result<std::vector<std::vector<uint8_t>>> ProveStarkRun(std::span<const ProverStatement> instances,
                                                        const ProverConfig& config = {});

}  // namespace zkvm::stark
