// The multi-table STARK protocol of docs/stark.md as both sides implement it: the statement,
// the shape of a proof that the statement implies (StarkLayout), the proof's sections, the
// transcript labels and the statement absorption. The prover (stark/prover/stark_prover.h) and
// the verifier (stark_verifier.h) include this file, so the two cannot disagree on an order.
//
// Statement: T tables, each an AIR (StarkAir, stark_air.h) with a height n_t = 2^k_t and its
// public values; the proof options; the root of the verifying-key tree that commits the
// preprocessed columns (the LDEs of every table's preprocessed matrix, one mixed-height tree;
// stark/prover computes it with PreprocessedRoot and the verifier receives it as a digest,
// never from the proof); and the public bus interactions (StarkPublicInteraction).
//
// Public bus interactions: (bus, send or receive, multiplicity m, tuple v) given by the caller
// from public data (e.g. the output bytes), which the verifier turns into fractions itself. The
// public side acts like one more table: a public Send contributes +m / phi(bus, v), a Receive
// -m / phi(bus, v), with the same fingerprint phi as the tables' (stark/logup/logup.h). The bus
// check is
//     sum_t total_t + PublicBusContribution = 0,
// i.e. the tables' totals must equal the expected value -PublicBusContribution (zero when there
// are no public interactions). A table that sends (index, byte) pairs no table receives is
// balanced by public Receives of the same pairs.
//
// Committed polynomials, all on the LDE coset g <omega_N>, N_t = n_t * blowup, rows in
// bit-reversed order (crypto/ntt/lde.h), each table's matrix committed one row per leaf
// (RowPairing::kNone: a query opens the row at its own point only):
//   tree 0  preprocessed (verifying key)  tables with preprocessed columns
//   tree 1  main                          every table (its main columns)
//   tree 2  aux                           tables with bus interactions: 3 base columns per
//                                         Ext3 LogUp column (h_0 .. h_{g-1}, s)
//   tree 3  quotient                      one matrix per height class (class order): 3 base
//                                         columns per quotient chunk. With F_t =
//                                         sum alpha^(k-1-i) C_i a table's folded constraints,
//                                         the class's quotient
//                                         Q = (sum_j delta^j F_(t_j)) / (x^n - 1) over its
//                                         tables t_0, t_1, ... (statement order) has degree
//                                         < (d - 1) n, d the class's largest constraint
//                                         degree, and is split as Q = sum_c x^(c n) Q_c(x),
//                                         deg Q_c < n, which needs blowup >= d - 1 (checked)
//   DEEP tree                             the DEEP codewords D_i (one per LDE size, 3 base
//                                         columns each), RowPairing::kAdjacent: a leaf holds
//                                         D_i(x) and D_i(-x), the pair FRI folds first
//
// Transcript (protocol label kStarkProtocol):
//   1. options (32-byte encoding), table count; per table: name, log height, shape, public
//      values; the public interactions (count, then per interaction: bus, direction,
//      multiplicity, width, tuple; only when there is at least one, so a statement without any
//      keeps the transcript it had before they existed); the verifying-key root (when some
//      table has preprocessed columns)
//   2. main root                      -> z, a (LogUp challenges)
//   3. aux root, bus totals           (the verifier checks totals + public contribution = 0)
//   4.                                -> alpha, delta
//   5. quotient root                  -> zeta (redrawn while in F_p: then zeta is outside every
//                                        H_n and every LDE coset, all subsets of F_p)
//   6. OOD values                     -> gamma, lambda
//   7. DEEP root: the tree of one DEEP codeword per LDE size, tallest first,
//        D(x) = (sum_n gamma^n c_n(x) - A) / (x - zeta)
//               + lambda (sum_{n not quotient} gamma^n c_n(x) - B) / (x - zeta omega)
//      over the DEEP columns c_n of that size: its tables in statement order, each with its
//      preprocessed, main and aux columns (StarkLayout::Table::deep_offset), then the class's
//      quotient chunks; A and B are the same sums over the OOD values at zeta and at
//      zeta omega (omega of that height)
//   8. FRI (stark/fri/fri_layout.h) on the DEEP codewords, tallest first; FRI takes the pair
//      of D_i it folds or injects from the DEEP tree's opening
//   9. openings at the FRI queries: query q opens leaf q >> log2(N_0 / H) of trace tree 0-3
//      whose tallest matrix has H rows (so a table of LDE size N_t is opened at its own row
//      q >> log2(N_0 / N_t), the point of the query), and leaf q >> 1 of the DEEP tree (the
//      pair of D_i at q >> (1 + log2(N_0 / N_i))). The verifier computes D_i at the query's
//      row from the trace rows and requires it to equal the DEEP tree's value on that side.
//
// Why one quotient per height class: the tables of a class share their vanishing polynomial,
// so their folded constraints can be combined (with powers of a fresh challenge delta; powers
// of alpha would give two tables' constraints the same weight) and divided once. A query then
// opens 3 x chunks quotient cells per class rather than per table: about a twelfth fewer
// opened cells for the VM (29 tables, 13 classes), and fewer LDEs for the prover.
//
// Why a DEEP tree: opening every trace column as a sibling pair (so FRI's first fold could be
// computed from trace rows) would double the trace openings, which dominate the proof; one
// extra tree of 3-column codewords costs a path and an Ext3 pair per query instead.
//
// Sections of a proof (ids ascending, all present, counts fixed by the statement except the
// byte sections):
//    1 table heights       u32 x T       log2 n_t (must equal the statement's)
//    2 main root           digest x 1
//    3 aux root            digest x (1 if any table has interactions, else 0)
//    4 bus totals          Ext3 x (tables with interactions)
//    5 quotient root       digest x 1
//    6 ood values          Ext3 x StarkLayout::num_ood_values: table by table,
//                          TableColumns::num_ood_values() each: preprocessed at zeta, at
//                          zeta omega; main at zeta, at zeta omega; aux (base columns) at zeta,
//                          at zeta omega; then class by class its quotient chunks' base
//                          columns at zeta
//    7 deep root           digest x 1
//    8 fri                 bytes: the FRI proof (stark/fri/fri_layout.h layout)
//    9 preprocessed openings  bytes: MerkleTree::Open of tree 0 (empty without one)
//   10 main openings       bytes
//   11 aux openings        bytes (empty without aux)
//   12 quotient openings   bytes
//   13 deep openings       bytes: MerkleTree::Open of the DEEP tree
//
// Freestanding (DESIGN.md section 7).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "crypto/field/ext3.h"
#include "crypto/field/felt.h"
#include "crypto/merkle/merkle_layout.h"
#include "stark/fri/fri_layout.h"
#include "stark/fri/fri_options.h"
#include "stark/proof/proof_format.h"
#include "stark/protocol/stark_air.h"
#include "stark/security/proof_options.h"

namespace zkvm::stark {

inline constexpr const char kStarkProtocol[] = "zkvm-stark-v3";

// Capacities of the freestanding verifier (and limits the prover enforces).
inline constexpr uint32_t kStarkMaxTables = 64;
inline constexpr uint32_t kStarkMaxQueries = kMaxNumQueries;
inline constexpr uint32_t kStarkMaxLogHeight = 26;
// Widest tuple of a public bus interaction.
inline constexpr uint32_t kStarkMaxPublicTupleWidth = 8;
// Most DEEP columns of one LDE size (all columns of its tables; the verifier keeps a weight
// per column).
inline constexpr uint32_t kStarkMaxDeepColumns = 8192;

enum StarkSection : uint32_t {
  kSectionTableHeights = 1,
  kSectionMainRoot = 2,
  kSectionAuxRoot = 3,
  kSectionBusTotals = 4,
  kSectionQuotientRoot = 5,
  kSectionOodValues = 6,
  kSectionDeepRoot = 7,
  kSectionFri = 8,
  kSectionPreprocessedOpenings = 9,
  kSectionMainOpenings = 10,
  kSectionAuxOpenings = 11,
  kSectionQuotientOpenings = 12,
  kSectionDeepOpenings = 13,
};
inline constexpr uint32_t kStarkNumSections = 13;

inline constexpr ProofSectionName kStarkSectionNameTable[kStarkNumSections] = {
    {kSectionTableHeights, "table heights"},
    {kSectionMainRoot, "main root"},
    {kSectionAuxRoot, "aux root"},
    {kSectionBusTotals, "bus totals"},
    {kSectionQuotientRoot, "quotient root"},
    {kSectionOodValues, "ood values"},
    {kSectionDeepRoot, "deep root"},
    {kSectionFri, "fri"},
    {kSectionPreprocessedOpenings, "preprocessed openings"},
    {kSectionMainOpenings, "main openings"},
    {kSectionAuxOpenings, "aux openings"},
    {kSectionQuotientOpenings, "quotient openings"},
    {kSectionDeepOpenings, "deep openings"},
};
inline constexpr ProofSectionNames kStarkSectionNames{kStarkSectionNameTable, kStarkNumSections};

// The four committed trace trees, in the order of the header comment (the DEEP tree is
// StarkLayout::deep).
enum StarkTree : uint32_t {
  kTreePreprocessed = 0,
  kTreeMain = 1,
  kTreeAux = 2,
  kTreeQuotient = 3,
};
inline constexpr uint32_t kStarkNumTrees = 4;

constexpr uint32_t OpeningsSection(uint32_t tree) { return kSectionPreprocessedOpenings + tree; }

// Transcript labels.
inline constexpr const char kLabelOptions[] = "options";
inline constexpr const char kLabelNumTables[] = "num tables";
inline constexpr const char kLabelTableName[] = "table name";
inline constexpr const char kLabelTableShape[] = "table shape";
inline constexpr const char kLabelPublicValues[] = "public values";
inline constexpr const char kLabelPublicInteractions[] = "public interactions";
inline constexpr const char kLabelPreprocessedRoot[] = "preprocessed root";
inline constexpr const char kLabelMainRoot[] = "main root";
inline constexpr const char kLabelAuxRoot[] = "aux root";
inline constexpr const char kLabelBusTotals[] = "bus totals";
inline constexpr const char kLabelQuotientRoot[] = "quotient root";
inline constexpr const char kLabelOodValues[] = "ood values";
inline constexpr const char kLabelDeepRoot[] = "deep root";
inline constexpr const char kLabelSharedLogup[] = "shared logup";

// Runs of several instances (continuations, docs/continuations.md): the run transcript.
inline constexpr const char kStarkRunProtocol[] = "zkvm-stark-run-v1";
inline constexpr const char kLabelRunInstances[] = "run instances";
inline constexpr const char kLabelRunTag[] = "run tag";
inline constexpr const char kLabelInstance[] = "instance";
// Most instances in one run.
inline constexpr uint32_t kStarkMaxInstances = 1u << 16;

// The LogUp challenges an instance of a run uses instead of drawing its own (header comment
// of the run section below): drawn once from the run transcript, after every instance's
// statement and main root.
struct SharedLogup {
  Ext3 z, a;
  // A block squeezed from the run transcript after z and a: each instance absorbs it (with
  // its index and the instance count) where it would have drawn z and a, so its later
  // challenges depend on the whole run's commitments.
  uint8_t binding[32] = {};
  uint32_t instance = 0;
  uint32_t num_instances = 0;
};

// One table of a statement.
struct StarkTable {
  const StarkAir* air = nullptr;
  uint32_t log_height = 0;
  const Felt* public_values = nullptr;
  uint32_t num_public_values = 0;
};

// One public bus interaction (header comment): `multiplicity` copies of `values[0, width)` sent
// (send = true: +m / phi) or received (send = false: -m / phi) on `bus`.
struct StarkPublicInteraction {
  uint32_t bus = 0;
  bool send = false;
  Felt multiplicity;
  uint32_t width = 0;
  Felt values[kStarkMaxPublicTupleWidth] = {};
};

// An interaction of `width` values (at most kStarkMaxPublicTupleWidth; more are dropped and
// `width` keeps the requested count, so MakeStarkLayout rejects it).
constexpr StarkPublicInteraction MakePublicInteraction(uint32_t bus, bool send, Felt multiplicity,
                                                       const Felt* values, uint32_t width) {
  StarkPublicInteraction p;
  p.bus = bus;
  p.send = send;
  p.multiplicity = multiplicity;
  p.width = width;
  for (uint32_t i = 0; i < width && i < kStarkMaxPublicTupleWidth; ++i) p.values[i] = values[i];
  return p;
}

struct StarkStatement {
  const StarkTable* tables = nullptr;
  uint32_t num_tables = 0;
  ProofOptions options;
  // The verifying-key commitment to the preprocessed columns (ignored when no table has any).
  crypto::MerkleDigest preprocessed_root;
  // The public bus interactions (the caller's array; none by default).
  const StarkPublicInteraction* public_interactions = nullptr;
  uint32_t num_public_interactions = 0;
  // Set when the statement is one instance of a run: its LogUp challenges come from the run
  // (SharedLogup), and its buses need not balance alone (the run checks the sum over all
  // instances). Null: a standalone proof.
  const SharedLogup* shared_logup = nullptr;
};

// What is wrong with a statement (the caller's, not the proof's).
enum class StatementError : uint8_t {
  kOk = 0,
  kNoTables,            // no tables, or more than kStarkMaxTables
  kBadOptions,          // options invalid, or a FRI arity other than 2
  kNullAir,             // a table without an AIR (table)
  kInvalidAir,          // StarkAir::valid() is false (table)
  kNoMainColumns,       // an AIR without main columns (table)
  kBadHeight,           // log height outside [1, kStarkMaxLogHeight] (table)
  kPublicValues,        // public value count differs from the AIR's (table)
  kBlowupTooSmall,      // blowup < max_degree - 1 (table)
  kTooManyColumns,      // a tree row wider than the Merkle bound (tree)
  kTooManyClasses,      // more LDE sizes than FRI inputs
  kTooManyDeepColumns,  // more columns of one LDE size than kStarkMaxDeepColumns (FRI input)
  kPublicInteractions,  // null list with a count, or a tuple wider than the bound (interaction)
};

constexpr const char* StatementErrorName(StatementError e) {
  switch (e) {
    case StatementError::kOk:
      return "ok";
    case StatementError::kNoTables:
      return "no tables, or too many";
    case StatementError::kBadOptions:
      return "invalid proof options (or FRI arity other than 2)";
    case StatementError::kNullAir:
      return "table without an AIR";
    case StatementError::kInvalidAir:
      return "the AIR cannot be proved (constraint above its degree bound, interaction on the "
             "next row or a selector, too many interactions, or no room for LogUp)";
    case StatementError::kNoMainColumns:
      return "the AIR has no main columns";
    case StatementError::kBadHeight:
      return "table height out of range";
    case StatementError::kPublicValues:
      return "public value count differs from the AIR's";
    case StatementError::kBlowupTooSmall:
      return "blowup smaller than the AIR's max_degree - 1";
    case StatementError::kTooManyColumns:
      return "too many columns for one Merkle tree";
    case StatementError::kTooManyClasses:
      return "too many distinct table heights";
    case StatementError::kTooManyDeepColumns:
      return "too many columns of one height (kStarkMaxDeepColumns)";
    case StatementError::kPublicInteractions:
      return "public bus interactions: null list, or a tuple wider than "
             "kStarkMaxPublicTupleWidth";
  }
  return "unknown";
}

// Everything the statement fixes about a proof.
struct StarkLayout {
  struct Table {
    TableColumns columns;
    LogupLayout logup;
    uint32_t log_height = 0;
    uint32_t log_lde = 0;
    uint32_t ood_offset = 0;   // first OOD value of the table
    uint32_t total_index = 0;  // position in the bus totals (tables with interactions)
    uint32_t fri_input = 0;    // FRI input (LDE size class) of the table
    uint32_t deep_offset = 0;  // first DEEP column of the table within its FRI input
    // Position of the table's matrix in each tree's shape list (kNoMatrix if absent).
    uint32_t matrix[kStarkNumTrees] = {};
  };
  struct Tree {
    crypto::MatrixShape shapes[kStarkMaxTables];
    uint32_t num_matrices = 0;
    uint32_t log_lde = 0;  // the tallest matrix's LDE size
  };
  static constexpr uint32_t kNoMatrix = 0xFFFF'FFFFu;

  uint32_t num_tables = 0;
  Table tables[kStarkMaxTables];
  Tree trees[kStarkNumTrees];
  Tree deep;  // one 3-column matrix per FRI input, rows paired
  uint32_t num_totals = 0;
  uint32_t num_ood_values = 0;
  uint32_t num_fri_inputs = 0;
  uint32_t fri_input_log_sizes[kFriMaxInputs] = {};
  uint32_t deep_columns[kFriMaxInputs] = {};  // DEEP columns per FRI input
  // Per FRI input (height class): quotient chunks (the most its tables need), the first OOD
  // value and the first DEEP column of its quotient. Its quotient is matrix i of tree 3.
  uint32_t quotient_chunks[kFriMaxInputs] = {};
  uint32_t quotient_ood_offset[kFriMaxInputs] = {};
  uint32_t quotient_deep_offset[kFriMaxInputs] = {};
  FriOptions fri;

  // The leaf of trace tree `tree` that FRI query index q opens (the row of its tallest
  // matrix at the query's point).
  constexpr uint32_t Leaf(uint32_t tree, uint32_t q) const {
    return q >> (fri_input_log_sizes[0] - trees[tree].log_lde);
  }
  // The leaf of the DEEP tree that q opens (the pair of the tallest codeword).
  static constexpr uint32_t DeepLeaf(uint32_t q) { return q >> 1; }
};

struct StatementCheck {
  StatementError error = StatementError::kOk;
  uint32_t where = 0;  // table or tree
  constexpr bool ok() const { return error == StatementError::kOk; }
};

constexpr FriOptions FriOptionsOf(const ProofOptions& o) {
  FriOptions f;
  f.log_blowup = o.log_blowup;
  f.num_queries = o.num_queries;
  f.grinding_bits = o.grinding_bits;
  f.log_final_poly_len = o.log_final_poly_len;
  return f;
}

// Validates the statement and fills *out.
constexpr StatementCheck MakeStarkLayout(const StarkStatement& s, StarkLayout* out) {
  if (s.tables == nullptr || s.num_tables == 0 || s.num_tables > kStarkMaxTables) {
    return {StatementError::kNoTables, 0};
  }
  if (!s.options.Check().ok() || s.options.fri_log_arity != 1 ||
      !FriOptionsOf(s.options).IsValid()) {
    return {StatementError::kBadOptions, 0};
  }
  if (s.num_public_interactions > 0 && s.public_interactions == nullptr) {
    return {StatementError::kPublicInteractions, 0};
  }
  for (uint32_t i = 0; i < s.num_public_interactions; ++i) {
    if (s.public_interactions[i].width > kStarkMaxPublicTupleWidth) {
      return {StatementError::kPublicInteractions, i};
    }
  }
  StarkLayout& l = *out;
  l = StarkLayout();
  l.num_tables = s.num_tables;
  l.fri = FriOptionsOf(s.options);
  const uint32_t log_blowup = s.options.log_blowup;
  uint32_t ood = 0;
  for (uint32_t t = 0; t < s.num_tables; ++t) {
    const StarkTable& in = s.tables[t];
    if (in.air == nullptr) return {StatementError::kNullAir, t};
    if (!in.air->valid()) return {StatementError::kInvalidAir, t};
    const AirShape shape = in.air->shape();
    if (shape.num_main_columns == 0) return {StatementError::kNoMainColumns, t};
    if (in.log_height < 1 || in.log_height > kStarkMaxLogHeight) {
      return {StatementError::kBadHeight, t};
    }
    if (in.num_public_values != shape.num_public_values ||
        (in.num_public_values > 0 && in.public_values == nullptr)) {
      return {StatementError::kPublicValues, t};
    }
    if (shape.max_degree - 1 > static_cast<int>(s.options.blowup())) {
      return {StatementError::kBlowupTooSmall, t};
    }
    StarkLayout::Table& table = l.tables[t];
    table.logup = in.air->logup();
    table.columns = ColumnsOf(shape, table.logup);
    if (table.columns.num_main > crypto::kMerkleMaxRowWidth / 4 ||
        table.columns.num_preprocessed > crypto::kMerkleMaxRowWidth / 4) {
      return {StatementError::kTooManyColumns, t};
    }
    table.log_height = in.log_height;
    table.log_lde = in.log_height + log_blowup;
    table.ood_offset = ood;
    ood += table.columns.num_ood_values();
    if (table.logup.num_aux_columns > 0) table.total_index = l.num_totals++;
    const uint32_t widths[kStarkNumTrees] = {table.columns.num_preprocessed, table.columns.num_main,
                                             table.columns.num_aux, 0};
    for (uint32_t k = 0; k < kStarkNumTrees; ++k) {
      table.matrix[k] = StarkLayout::kNoMatrix;
      if (widths[k] == 0) continue;
      StarkLayout::Tree& tree = l.trees[k];
      table.matrix[k] = tree.num_matrices;
      tree.shapes[tree.num_matrices++] = {uint32_t{1} << table.log_lde, widths[k],
                                          crypto::RowPairing::kNone};
      if (table.log_lde > tree.log_lde) tree.log_lde = table.log_lde;
    }
  }
  // FRI inputs: the distinct LDE sizes, descending.
  uint32_t previous = 64;
  for (;;) {
    uint32_t best = 0;
    for (uint32_t t = 0; t < s.num_tables; ++t) {
      const uint32_t v = l.tables[t].log_lde;
      if (v < previous && v > best) best = v;
    }
    if (best == 0) break;
    if (l.num_fri_inputs == kFriMaxInputs) return {StatementError::kTooManyClasses, 0};
    l.fri_input_log_sizes[l.num_fri_inputs++] = best;
    previous = best;
  }
  for (uint32_t t = 0; t < s.num_tables; ++t) {
    StarkLayout::Table& table = l.tables[t];
    for (uint32_t i = 0; i < l.num_fri_inputs; ++i) {
      if (l.fri_input_log_sizes[i] == table.log_lde) table.fri_input = i;
    }
    const TableColumns& c = table.columns;
    const uint32_t width = c.num_preprocessed + c.num_main + c.num_aux;
    uint32_t& columns = l.deep_columns[table.fri_input];
    if (width > kStarkMaxDeepColumns - columns) {
      return {StatementError::kTooManyDeepColumns, table.fri_input};
    }
    table.deep_offset = columns;
    columns += width;
    if (c.num_chunks > l.quotient_chunks[table.fri_input]) {
      l.quotient_chunks[table.fri_input] = c.num_chunks;
    }
  }
  // Per height class: its quotient, one matrix of the quotient tree (class order), its OOD
  // values after every table's, its DEEP columns after its tables'.
  StarkLayout::Tree& quotient_tree = l.trees[kTreeQuotient];
  for (uint32_t i = 0; i < l.num_fri_inputs; ++i) {
    const uint32_t width = 3 * l.quotient_chunks[i];
    quotient_tree.shapes[quotient_tree.num_matrices++] = {uint32_t{1} << l.fri_input_log_sizes[i],
                                                          width, crypto::RowPairing::kNone};
    l.quotient_ood_offset[i] = ood;
    ood += width;
    if (width > kStarkMaxDeepColumns - l.deep_columns[i]) {
      return {StatementError::kTooManyDeepColumns, i};
    }
    l.quotient_deep_offset[i] = l.deep_columns[i];
    l.deep_columns[i] += width;
  }
  quotient_tree.log_lde = l.fri_input_log_sizes[0];
  l.num_ood_values = ood;
  for (uint32_t k = 0; k < kStarkNumTrees; ++k) {
    size_t bad = 0;
    if (l.trees[k].num_matrices > 0 &&
        !crypto::ValidateMatrixShapes(l.trees[k].shapes, l.trees[k].num_matrices, &bad)) {
      return {StatementError::kTooManyColumns, k};
    }
  }
  for (uint32_t i = 0; i < l.num_fri_inputs; ++i) {
    l.deep.shapes[i] = {uint32_t{1} << l.fri_input_log_sizes[i], kFriLayerColumns,
                        crypto::RowPairing::kAdjacent};
  }
  l.deep.num_matrices = l.num_fri_inputs;
  l.deep.log_lde = l.fri_input_log_sizes[0];
  return {};
}

namespace detail {

constexpr size_t StarkStringLength(const char* s) {
  size_t n = 0;
  while (s[n] != '\0') ++n;
  return n;
}

}  // namespace detail

// Transcript step 1.
template <typename Transcript>
constexpr void AbsorbStatement(Transcript& transcript, const StarkStatement& s) {
  uint8_t options[kProofOptionsBytes];
  s.options.Encode(options);
  transcript.AbsorbBytes(kLabelOptions, options, kProofOptionsBytes);
  transcript.AbsorbU64(kLabelNumTables, s.num_tables);
  bool any_preprocessed = false;
  for (uint32_t t = 0; t < s.num_tables; ++t) {
    const StarkTable& table = s.tables[t];
    const char* name = table.air->name();
    transcript.AbsorbBytes(kLabelTableName, reinterpret_cast<const uint8_t*>(name),
                           detail::StarkStringLength(name));
    const AirShape shape = table.air->shape();
    transcript.AbsorbU64(kLabelTableShape, table.log_height);
    transcript.AbsorbU64(kLabelTableShape, shape.num_main_columns);
    transcript.AbsorbU64(kLabelTableShape, shape.num_preprocessed_columns);
    transcript.AbsorbU64(kLabelTableShape, static_cast<uint64_t>(shape.max_degree));
    transcript.AbsorbFelts(kLabelPublicValues, table.public_values, table.num_public_values);
    if (shape.num_preprocessed_columns > 0) any_preprocessed = true;
  }
  if (s.num_public_interactions > 0) {
    transcript.AbsorbU64(kLabelPublicInteractions, s.num_public_interactions);
    for (uint32_t i = 0; i < s.num_public_interactions; ++i) {
      const StarkPublicInteraction& p = s.public_interactions[i];
      transcript.AbsorbU64(kLabelPublicInteractions, p.bus);
      transcript.AbsorbU64(kLabelPublicInteractions, p.send ? 1 : 0);
      transcript.AbsorbFelt(kLabelPublicInteractions, p.multiplicity);
      transcript.AbsorbU64(kLabelPublicInteractions, p.width);
      transcript.AbsorbFelts(kLabelPublicInteractions, p.values, p.width);
    }
  }
  if (any_preprocessed) {
    transcript.AbsorbDigest(kLabelPreprocessedRoot, s.preprocessed_root.bytes);
  }
}

// The public side of the bus check: sum over the statement's public interactions of
// +-m / phi(bus, v) (+ for Send), with the LogUp challenges z, a. False when a fingerprint is
// zero (probability ~ count / p^3 over z; the bus check then fails). The fractions are summed
// as one fraction and inverted once (an output of thousands of bytes is thousands of
// interactions: one Ext3 inversion each would dominate the in-VM verifier).
constexpr bool PublicBusContribution(const StarkStatement& s, const Ext3& z, const Ext3& a,
                                     Ext3* out) {
  Ext3 a_powers[kStarkMaxPublicTupleWidth];
  Ext3 power = a;
  for (uint32_t k = 0; k < kStarkMaxPublicTupleWidth; ++k, power *= a) a_powers[k] = power;
  Ext3 numerator, denominator = Ext3::One();
  for (uint32_t i = 0; i < s.num_public_interactions; ++i) {
    const StarkPublicInteraction& p = s.public_interactions[i];
    // Fingerprint(z, a, bus, values) (stark/logup/logup.h) with the powers precomputed.
    Ext3 acc(Felt::FromU64(p.bus));
    for (uint32_t k = 0; k < p.width && k < kStarkMaxPublicTupleWidth; ++k) {
      acc += a_powers[k] * p.values[k];
    }
    const Ext3 phi = z - acc;
    if (phi.IsZero()) return false;
    const Ext3 m(p.send ? p.multiplicity : -p.multiplicity);
    numerator = numerator * phi + m * denominator;
    denominator *= phi;
  }
  *out = numerator * denominator.Inverse();
  return true;
}

// ---- Runs of several instances ------------------------------------------------------------
//
// A run proves N statements ("instances", e.g. the segments of a long execution) whose buses
// balance only together: a token sent in one instance may be received in another. Each
// instance is a complete proof of this file's protocol, except at step 3: instead of drawing
// z, a from its own transcript, it takes them from the run transcript (protocol label
// kStarkRunProtocol), which absorbs
//     the instance count and the run tag (a value the caller binds to the whole run, such as
//     the VM's segment size; 0 for none), then per instance in order: its index, its statement
//     (AbsorbStatement) and its main root,
// and then draws z, a and a binding block (DrawSharedLogup). The instance absorbs the binding
// block, its index and the count (label kLabelSharedLogup) where it would have drawn z, a. So
// z, a are drawn after every instance's main trace is fixed, as in one proof over all of the
// run's tables, and every later challenge of an instance depends on the whole run.
//
// The bus check moves to the run: an instance's bus sum (its totals plus its statement's own
// public contribution) need not be zero; the sum over all instances must be
// (RunBusSumIsZero). The prover commits every instance's main trace before proving any
// instance (two passes, stark_prover.h's CommitMainRoot); a run of one instance is one pass.

template <typename Transcript>
constexpr void AbsorbRunHeader(Transcript& transcript, uint32_t num_instances, uint64_t run_tag) {
  transcript.AbsorbU64(kLabelRunInstances, num_instances);
  transcript.AbsorbU64(kLabelRunTag, run_tag);
}

template <typename Transcript>
constexpr void AbsorbRunInstance(Transcript& transcript, uint32_t index,
                                 const StarkStatement& statement,
                                 const crypto::MerkleDigest& main_root) {
  transcript.AbsorbU64(kLabelInstance, index);
  AbsorbStatement(transcript, statement);
  transcript.AbsorbDigest(kLabelMainRoot, main_root.bytes);
}

// z, a and the binding block, after the header and every instance.
template <typename Transcript>
constexpr SharedLogup DrawSharedLogup(Transcript& transcript, uint32_t num_instances) {
  SharedLogup shared;
  shared.z = transcript.SampleExt3();
  shared.a = transcript.SampleExt3();
  transcript.SampleDigest(shared.binding);
  shared.num_instances = num_instances;
  return shared;
}

// What an instance absorbs in place of drawing z, a (transcript step 3).
template <typename Transcript>
constexpr void AbsorbSharedLogup(Transcript& transcript, const SharedLogup& shared) {
  transcript.AbsorbBytes(kLabelSharedLogup, shared.binding, 32);
  transcript.AbsorbU64(kLabelSharedLogup, shared.instance);
  transcript.AbsorbU64(kLabelSharedLogup, shared.num_instances);
}

// zeta: an Ext3 element outside F_p (transcript step 5).
template <typename Transcript>
constexpr Ext3 SampleOodPoint(Transcript& transcript) {
  for (;;) {
    const Ext3 zeta = transcript.SampleExt3();
    if (!zeta.IsBase()) return zeta;
  }
}

}  // namespace zkvm::stark
