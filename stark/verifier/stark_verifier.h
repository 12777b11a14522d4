// The multi-table STARK verifier (docs/stark.md; the protocol and the proof's sections are in
// stark_protocol.h, the prover it mirrors is stark/prover/stark_prover.h). It reads the proof in
// place (ProofView) and checks, in this order:
//   1. the statement (StarkLayout), the proof's structure against the exact section list the
//      statement implies, the options and the insecure flag, the table heights, the FRI proof's
//      fixed part;
//   2. the transcript replay up to zeta, and the bus check: the tables' totals plus the
//      contribution of the statement's public interactions, which the verifier computes itself
//      (PublicBusContribution, stark_protocol.h), sum to zero;
//   3. at zeta, height class by height class: its tables' folded constraints (AIR and LogUp,
//      FoldConstraintsAt), combined with powers of delta, equal
//      Z_H(zeta) * sum_c zeta^(c n) Q_c(zeta) from the claimed openings of its quotient (a
//      mismatch names the class's first table);
//   4. gamma, lambda, the DEEP root, the FRI transcript (betas, grinding, query indices);
//   5. the Merkle openings of the preprocessed (against the statement's verifying-key root),
//      main and aux trees (one row per table at each query's point), the quotient tree (one
//      row per height class) and the DEEP tree (one pair per codeword);
//   6. per query and DEEP codeword: the DEEP value computed from the opened trace rows equals
//      the DEEP tree's value at the query's side (the constant parts of the DEEP sums are
//      computed once; per query an opened cell costs one weight x cell product per Ext3
//      coordinate, summed unreduced: crypto/field/felt_dot.h);
//   7. FRI's queries, with each input pair read from the DEEP tree's opening.
// The first failure is returned as a StarkStatus naming the check, the section and the table;
// stark_verifier_host.h renders it.
//
// Freestanding (DESIGN.md section 7): no heap, exceptions or standard library; everything lives
// in the StarkVerifier object (about 280 KiB with the default capacities, 192 KiB of them the
// DEEP weights), which a guest keeps in static storage. The hash is a template parameter
// (stark/protocol/stark_hash.h: SHA3-256 or Poseidon2, over the guest's precompile); a proof
// whose options name the other hash is rejected (kHashMismatch). The public interactions are
// read from the caller's array (StarkStatement::public_interactions).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "crypto/field/ext3.h"
#include "crypto/field/felt.h"
#include "crypto/field/felt_dot.h"
#include "crypto/merkle/merkle_verifier.h"
#include "crypto/transcript/verifier_transcript.h"
#include "stark/fri/fri_verifier.h"
#include "stark/proof/proof_view.h"
#include "stark/protocol/stark_air.h"
#include "stark/protocol/stark_hash.h"
#include "stark/protocol/stark_protocol.h"

namespace zkvm::stark {

enum class StarkError : uint8_t {
  kOk = 0,
  kStatement,           // the statement itself is invalid (StarkStatus::statement)
  kProofFormat,         // ProofView rejected the bytes (StarkStatus::proof)
  kOptionsMismatch,     // the proof's options are not the statement's
  kHashMismatch,        // the statement's options name another hash than this verifier's
  kInsecureFlag,        // the insecure-preset flag disagrees with the options
  kHeightMismatch,      // a table height differs from the statement's (table)
  kBusImbalance,        // bus totals + public contribution != 0
  kConstraintMismatch,  // folded constraints at zeta != quotient * Z_H (table)
  kMerkle,              // a tree's opening does not verify (section, StarkStatus::merkle)
  kDeepMismatch,        // the trace rows' DEEP value differs from the DEEP tree's (query)
  kFri,                 // the FRI proof is rejected (StarkStatus::fri)
};

constexpr const char* StarkErrorName(StarkError e) {
  switch (e) {
    case StarkError::kOk:
      return "ok";
    case StarkError::kStatement:
      return "invalid statement";
    case StarkError::kProofFormat:
      return "malformed proof";
    case StarkError::kOptionsMismatch:
      return "the proof's options differ from the statement's";
    case StarkError::kHashMismatch:
      return "the options name another hash than the verifier's";
    case StarkError::kInsecureFlag:
      return "the insecure-preset flag does not match the options";
    case StarkError::kHeightMismatch:
      return "table height differs from the statement";
    case StarkError::kBusImbalance:
      return "bus totals do not balance the public bus contribution (their sum is not zero)";
    case StarkError::kConstraintMismatch:
      return "constraints at the out-of-domain point do not match the quotient";
    case StarkError::kMerkle:
      return "Merkle opening rejected";
    case StarkError::kDeepMismatch:
      return "the DEEP value of the opened trace rows differs from the committed DEEP codeword";
    case StarkError::kFri:
      return "FRI rejected";
  }
  return "unknown";
}

inline constexpr uint32_t kStarkNoPlace = 0xFFFF'FFFFu;

struct StarkStatus {
  StarkError error = StarkError::kOk;
  uint32_t section = kStarkNoPlace;  // the proof section the failure is about
  uint32_t table = kStarkNoPlace;    // the table, where one is concerned
  uint32_t query = kStarkNoPlace;    // the query position, where one is concerned
  StatementCheck statement;
  ProofStatus proof;
  FriStatus fri;
  crypto::MerkleStatus merkle;

  constexpr bool ok() const { return error == StarkError::kOk; }
};

template <typename Hash = Sha3StarkHash<>>
class StarkVerifier {
 public:
  StarkVerifier() = default;
  StarkVerifier(const StarkVerifier&) = delete;
  StarkVerifier& operator=(const StarkVerifier&) = delete;

  // Called as each phase of Verify begins, with its number (DESIGN.md section 8's step
  // markers): 2 statement and transcript replayed, 3 constraints at the OOD point, 4 FRI (its
  // transcript, the DEEP tree's opening and the queries), 5 the trace trees' openings and their
  // DEEP values. The recursion guest turns them into profiler step markers.
  using PhaseHook = void (*)(uint32_t phase);
  void set_phase_hook(PhaseHook hook) { phase_hook_ = hook; }

  // The main root of an instance's proof, for the run transcript (stark_protocol.h: every
  // instance's main root is absorbed before any instance is verified). Checks the statement
  // and the proof's section structure (step 1 of Verify) first.
  StarkStatus ReadMainRoot(const StarkStatement& statement, const uint8_t* proof, size_t size,
                           crypto::MerkleDigest* main_root) {
    if (const StarkStatus s = CheckStatement(statement); !s.ok()) return s;
    ProofView view;
    if (const StarkStatus s = ParseShaped(proof, size, &view); !s.ok()) return s;
    SectionReader root;
    (void)view.Section(kSectionMainRoot, &root);  // present: the shape was checked
    *main_root = *root.Digests();
    return {};
  }

  // Verifies `proof` (16-byte aligned, `size` bytes) for `statement`. For an instance of a run
  // (statement.shared_logup set) the bus check is left to the run: bus_sum() is this
  // instance's share, which the caller adds up over the run.
  StarkStatus Verify(const StarkStatement& statement, const uint8_t* proof, size_t size) {
    // 1. Statement and structure.
    if (const StarkStatus s = CheckStatement(statement); !s.ok()) return s;
    const StarkLayout& l = layout_;
    const bool has_aux = l.trees[kTreeAux].num_matrices > 0;
    ProofView view;
    if (const StarkStatus s = ParseShaped(proof, size, &view); !s.ok()) return s;
    uint8_t options[kProofOptionsBytes];
    statement.options.Encode(options);
    if (!view.OptionsEqual(options)) return Fail(StarkError::kOptionsMismatch);
    if (view.insecure_test_preset() != statement.options.insecure()) {
      return Fail(StarkError::kInsecureFlag);
    }
    SectionReader sections[kStarkNumSections + 1];
    for (uint32_t id = 1; id <= kStarkNumSections; ++id) {
      (void)view.Section(id, &sections[id]);  // present: the shape was checked
    }
    const uint32_t* heights = sections[kSectionTableHeights].U32s();
    for (uint32_t t = 0; t < l.num_tables; ++t) {
      if (heights[t] != l.tables[t].log_height) {
        return Fail(StarkError::kHeightMismatch, kSectionTableHeights, t);
      }
    }
    const SectionReader& fri_section = sections[kSectionFri];
    FriStatus fri = fri_.ReadProof(l.fri, l.fri_input_log_sizes, l.num_fri_inputs,
                                   fri_section.bytes(), fri_section.size_bytes());
    if (!fri.ok()) return FriFail(fri);

    // 2. Transcript up to zeta; bus balance.
    Phase(2);
    typename Hash::Transcript transcript(kStarkProtocol);
    AbsorbStatement(transcript, statement);
    const crypto::MerkleDigest* main_root = sections[kSectionMainRoot].Digests();
    transcript.AbsorbDigest(kLabelMainRoot, main_root->bytes);
    AirChallenges challenges;
    if (statement.shared_logup != nullptr) {
      AbsorbSharedLogup(transcript, *statement.shared_logup);
      challenges.z = statement.shared_logup->z;
      challenges.a = statement.shared_logup->a;
    } else {
      challenges.z = transcript.SampleExt3();
      challenges.a = transcript.SampleExt3();
    }
    const Ext3* totals = sections[kSectionBusTotals].Ext3s();
    if (has_aux) {
      transcript.AbsorbDigest(kLabelAuxRoot, sections[kSectionAuxRoot].Digests()->bytes);
      transcript.AbsorbExt3s(kLabelBusTotals, totals, l.num_totals);
    }
    bus_sum_ = Ext3();
    if (has_aux || statement.num_public_interactions > 0) {
      Ext3 sum;
      if (!PublicBusContribution(statement, challenges.z, challenges.a, &sum)) {
        return Fail(StarkError::kBusImbalance, kSectionBusTotals);
      }
      for (uint32_t i = 0; i < l.num_totals; ++i) sum += totals[i];
      bus_sum_ = sum;
      if (statement.shared_logup == nullptr && !sum.IsZero()) {
        return Fail(StarkError::kBusImbalance, kSectionBusTotals);
      }
    }
    challenges.alpha = transcript.SampleExt3();
    delta_ = transcript.SampleExt3();
    transcript.AbsorbDigest(kLabelQuotientRoot, sections[kSectionQuotientRoot].Digests()->bytes);
    zeta_ = SampleOodPoint(transcript);
    ood_ = sections[kSectionOodValues].Ext3s();
    transcript.AbsorbExt3s(kLabelOodValues, ood_, l.num_ood_values);

    // 3. Constraints at zeta.
    Phase(3);
    for (bool& known : selectors_known_) known = false;
    for (uint32_t i = 0; i < l.num_fri_inputs; ++i) {
      class_folded_[i] = Ext3();
      class_power_[i] = Ext3::One();
      class_first_table_[i] = kStarkNoPlace;
    }
    for (uint32_t t = 0; t < l.num_tables; ++t) {
      Ext3 folded;
      if (!FoldTableAtZeta(statement.tables[t], t, totals, challenges, &folded)) {
        return Fail(StarkError::kConstraintMismatch, kSectionOodValues, t);
      }
      const uint32_t i = l.tables[t].fri_input;
      class_folded_[i] += class_power_[i] * folded;
      class_power_[i] *= delta_;
      if (class_first_table_[i] == kStarkNoPlace) class_first_table_[i] = t;
    }
    for (uint32_t i = 0; i < l.num_fri_inputs; ++i) {
      if (!QuotientMatchesAtZeta(i)) {
        return Fail(StarkError::kConstraintMismatch, kSectionOodValues, class_first_table_[i]);
      }
    }

    // 4. DEEP and FRI: the transcript, the DEEP tree's opening, the FRI queries over its pairs.
    Phase(4);
    gamma_ = transcript.SampleExt3();
    lambda_ = transcript.SampleExt3();
    PrepareDeep();
    const crypto::MerkleDigest deep_root = *sections[kSectionDeepRoot].Digests();
    transcript.AbsorbDigest(kLabelDeepRoot, deep_root.bytes);
    fri = fri_.ReplayTranscript(transcript);
    if (!fri.ok()) return FriFail(fri);
    const uint32_t num_queries = fri_.num_queries();

    // The DEEP tree's opening: one pair per codeword at each query.
    {
      for (uint32_t t = 0; t < num_queries; ++t) {
        leaves_[t] = StarkLayout::DeepLeaf(fri_.query_index(t));
      }
      const SectionReader& opening = sections[kSectionDeepOpenings];
      deep_openings_ = opening.bytes();
      deep_row_bytes_ =
          size_t{crypto::MerkleRowWidth(l.deep.shapes, l.deep.num_matrices)} * Felt::kBytes;
      for (uint32_t m = 0; m < l.deep.num_matrices; ++m) {
        deep_offsets_[m] =
            size_t{crypto::MerkleMatrixOffset(l.deep.shapes, l.deep.num_matrices, m)} *
            Felt::kBytes;
      }
      const crypto::MerkleStatus merkle = crypto::VerifyMerkleOpening(
          deep_root, l.deep.shapes, l.deep.num_matrices, leaves_, num_queries, opening.bytes(),
          opening.size_bytes(), merkle_storage_.scratch(), merkle_hasher_);
      if (!merkle.ok()) {
        StarkStatus s = Fail(StarkError::kMerkle, kSectionDeepOpenings);
        s.merkle = merkle;
        return s;
      }
    }

    // FRI queries over the DEEP tree's pairs.
    fri = fri_.VerifyQueries(
        [this](uint32_t input, uint32_t query, uint32_t) { return DeepPair(input, query); });
    if (!fri.ok()) return FriFail(fri);

    // 5. Openings of the four trace trees, and the DEEP values of the opened rows against the
    // DEEP tree.
    Phase(5);
    for (uint32_t k = 0; k < kStarkNumTrees; ++k) {
      const StarkLayout::Tree& tree = l.trees[k];
      if (tree.num_matrices == 0) continue;
      const crypto::MerkleDigest root = k == kTreePreprocessed ? statement.preprocessed_root
                                        : k == kTreeMain       ? *main_root
                                        : k == kTreeAux ? *sections[kSectionAuxRoot].Digests()
                                                        : *sections[kSectionQuotientRoot].Digests();
      for (uint32_t t = 0; t < num_queries; ++t) leaves_[t] = l.Leaf(k, fri_.query_index(t));
      const SectionReader& opening = sections[OpeningsSection(k)];
      openings_[k] = opening.bytes();
      row_bytes_[k] = size_t{crypto::MerkleRowWidth(tree.shapes, tree.num_matrices)} * Felt::kBytes;
      for (uint32_t m = 0; m < tree.num_matrices; ++m) {
        matrix_offsets_[k][m] =
            size_t{crypto::MerkleMatrixOffset(tree.shapes, tree.num_matrices, m)} * Felt::kBytes;
      }
      const crypto::MerkleStatus merkle = crypto::VerifyMerkleOpening(
          root, tree.shapes, tree.num_matrices, leaves_, num_queries, opening.bytes(),
          opening.size_bytes(), merkle_storage_.scratch(), merkle_hasher_);
      if (!merkle.ok()) {
        StarkStatus s = Fail(StarkError::kMerkle, OpeningsSection(k));
        s.merkle = merkle;
        return s;
      }
    }

    BuildDeepSegments();

    // The DEEP values of the opened trace rows against the DEEP tree. Input i's point is
    // g w^(2^s), with w = omega^bitrev(q) the tallest input's and s its log size below that
    // (bitrev(q >> s) over log_i bits is bitrev(q) mod 2^log_i), so one power per query serves
    // every input. The check D = (U / (x - zeta) + V / (x - zeta omega)) is made multiplied
    // out, U (x - zeta omega) + V (x - zeta) = D (x - zeta) (x - zeta omega), which is the same
    // equation (neither factor is zero: x is in F_p, zeta and zeta omega are not,
    // SampleOodPoint) without an inversion.
    const uint32_t log0 = l.fri_input_log_sizes[0];
    const Felt omega0 = Felt::TwoAdicRoot(static_cast<int>(log0));
    for (uint32_t t = 0; t < num_queries; ++t) {
      const uint32_t q = fri_.query_index(t);
      Felt w = omega0.Pow(detail::FriBitReverse(q, log0));
      uint32_t log_w = log0;
      for (uint32_t i = 0; i < l.num_fri_inputs; ++i) {
        for (; log_w > l.fri_input_log_sizes[i]; --log_w) w = w * w;
        const Ext3 x(Felt::MultiplicativeGenerator() * w);
        const uint32_t row = q >> (log0 - l.fri_input_log_sizes[i]);
        if (!DeepValueMatches(i, t, x - zeta_, x - deep_point_next_[i],
                              DeepPair(i, t).Side(row & 1))) {
          StarkStatus s = Fail(StarkError::kDeepMismatch, kSectionDeepOpenings);
          s.query = t;
          return s;
        }
      }
    }
    return {};
  }

  // After Verify of a run's instance: its bus totals plus its statement's public contribution.
  const Ext3& bus_sum() const { return bus_sum_; }

 private:
  StarkStatus CheckStatement(const StarkStatement& statement) {
    if (statement.options.hash != Hash::kId) return Fail(StarkError::kHashMismatch);
    const StatementCheck check = MakeStarkLayout(statement, &layout_);
    if (!check.ok()) {
      StarkStatus s = Fail(StarkError::kStatement);
      s.statement = check;
      s.table = check.where;
      return s;
    }
    return {};
  }

  // Parses the proof against the exact section list the statement (layout_) implies.
  StarkStatus ParseShaped(const uint8_t* proof, size_t size, ProofView* view) const {
    const StarkLayout& l = layout_;
    const bool has_aux = l.trees[kTreeAux].num_matrices > 0;
    const ProofSectionSpec specs[kStarkNumSections] = {
        {kSectionTableHeights, ElementKind::kU32, l.num_tables},
        {kSectionMainRoot, ElementKind::kDigest, 1},
        {kSectionAuxRoot, ElementKind::kDigest, has_aux ? 1u : 0u},
        {kSectionBusTotals, ElementKind::kExt3, l.num_totals},
        {kSectionQuotientRoot, ElementKind::kDigest, 1},
        {kSectionOodValues, ElementKind::kExt3, l.num_ood_values},
        {kSectionDeepRoot, ElementKind::kDigest, 1},
        {kSectionFri, ElementKind::kBytes, kAnyCount},
        {kSectionPreprocessedOpenings, ElementKind::kBytes,
         l.trees[kTreePreprocessed].num_matrices > 0 ? kAnyCount : 0u},
        {kSectionMainOpenings, ElementKind::kBytes, kAnyCount},
        {kSectionAuxOpenings, ElementKind::kBytes, has_aux ? kAnyCount : 0u},
        {kSectionQuotientOpenings, ElementKind::kBytes, kAnyCount},
        {kSectionDeepOpenings, ElementKind::kBytes, kAnyCount},
    };
    const ProofShape shape{specs, kStarkNumSections};
    const ProofStatus parsed = ProofView::Parse(proof, size, view, &shape);
    if (!parsed.ok()) {
      StarkStatus s = Fail(StarkError::kProofFormat, parsed.section);
      s.proof = parsed;
      return s;
    }
    return {};
  }

  void Phase(uint32_t phase) const {
    if (phase_hook_ != nullptr) phase_hook_(phase);
  }

  static constexpr StarkStatus Fail(StarkError error, uint32_t section = kStarkNoPlace,
                                    uint32_t table = kStarkNoPlace) {
    StarkStatus s;
    s.error = error;
    s.section = section;
    s.table = table;
    return s;
  }
  static constexpr StarkStatus FriFail(const FriStatus& fri) {
    StarkStatus s = Fail(StarkError::kFri, kSectionFri);
    s.fri = fri;
    return s;
  }

  // Step 3 for table t: its folded constraints (AIR and LogUp) at zeta. False if the AIR
  // cannot be evaluated (its interactions differ from its layout's).
  bool FoldTableAtZeta(const StarkTable& table, uint32_t t, const Ext3* totals,
                       AirChallenges challenges, Ext3* folded) {
    const StarkLayout::Table& lt = layout_.tables[t];
    const TableColumns& c = lt.columns;
    const Ext3* pre = ood_ + lt.ood_offset;
    const Ext3* main = pre + 2 * c.num_preprocessed;
    const Ext3* aux = main + 2 * c.num_main;
    const uint32_t num_aux = lt.logup.num_aux_columns;
    for (uint32_t j = 0; j < num_aux; ++j) {
      aux_[j] = FromCoordinates(aux[3 * j], aux[3 * j + 1], aux[3 * j + 2]);
      const Ext3* next = aux + c.num_aux;
      aux_next_[j] = FromCoordinates(next[3 * j], next[3 * j + 1], next[3 * j + 2]);
    }
    const Selectors& sel = SelectorsFor(lt.log_height);
    AirPointValues values;
    values.preprocessed = pre;
    values.preprocessed_next = pre + c.num_preprocessed;
    values.main = main;
    values.main_next = main + c.num_main;
    values.aux = aux_;
    values.aux_next = aux_next_;
    values.public_values = table.public_values;
    values.is_first_row = sel.is_first_row;
    values.is_last_row = sel.is_last_row;
    values.is_transition = sel.is_transition;
    if (num_aux > 0) challenges.total = totals[lt.total_index];
    return table.air->FoldConstraints(values, challenges, folded);
  }

  // Step 3 for height class i: its tables' folded constraints, combined with powers of delta
  // in statement order, equal Z_H(zeta) sum_c zeta^(c n) Q_c(zeta) from its quotient's chunks.
  bool QuotientMatchesAtZeta(uint32_t i) {
    const StarkLayout& l = layout_;
    const Selectors& sel = SelectorsFor(l.fri_input_log_sizes[i] - l.fri.log_blowup);
    const Ext3* quotient = ood_ + l.quotient_ood_offset[i];
    // zeta^n = Z_H(zeta) + 1.
    const Ext3 zeta_n = sel.vanishing + Ext3::One();
    Ext3 quotient_value, power = Ext3::One();
    for (uint32_t k = 0; k < l.quotient_chunks[i]; ++k) {
      quotient_value +=
          power * FromCoordinates(quotient[3 * k], quotient[3 * k + 1], quotient[3 * k + 2]);
      power *= zeta_n;
    }
    return class_folded_[i] == quotient_value * sel.vanishing;
  }

  // The selectors depend only on the height: computed once per height.
  const Selectors& SelectorsFor(uint32_t log_height) {
    if (!selectors_known_[log_height]) {
      selectors_[log_height] = SelectorsAt(zeta_, log_height);
      selectors_known_[log_height] = true;
    }
    return selectors_[log_height];
  }

  // The DEEP weights gamma^n (as three coordinate arrays, for the unreduced sums) for the
  // widest FRI input, and per FRI input the constant parts of its DEEP codeword
  // (stark_protocol.h, transcript step 7): A = sum_n gamma^n v_n(zeta) over its columns and
  // B = sum_{n not quotient} gamma^n v_n(zeta omega), and the point zeta omega.
  void PrepareDeep() {
    const StarkLayout& l = layout_;
    uint32_t widest = 0;
    for (uint32_t i = 0; i < l.num_fri_inputs; ++i) {
      widest = l.deep_columns[i] > widest ? l.deep_columns[i] : widest;
      deep_zeta_sums_[i] = crypto::Ext3DotAccumulator();
      deep_next_sums_[i] = crypto::Ext3DotAccumulator();
    }
    Ext3 power = Ext3::One();
    for (uint32_t n = 0; n < widest; ++n, power *= gamma_) {
      for (uint32_t k = 0; k < Ext3::kDegree; ++k) weights_[k][n] = power[k].value();
    }
    for (uint32_t t = 0; t < l.num_tables; ++t) {
      const StarkLayout::Table& lt = l.tables[t];
      const uint32_t input = lt.fri_input;
      deep_point_next_[input] = zeta_ * Felt::TwoAdicRoot(static_cast<int>(lt.log_height));
      const Ext3* v = ood_ + lt.ood_offset;
      uint32_t n = lt.deep_offset;
      for (uint32_t k = 0; k < kTreeQuotient; ++k) {
        const uint32_t width = TreeWidth(lt.columns, k);
        for (uint32_t c = 0; c < width; ++c) deep_zeta_sums_[input].Add(Weight(n + c), v[c]);
        v += width;
        for (uint32_t c = 0; c < width; ++c) deep_next_sums_[input].Add(Weight(n + c), v[c]);
        v += width;
        n += width;
      }
    }
    for (uint32_t i = 0; i < l.num_fri_inputs; ++i) {
      // The class's quotient chunks, at zeta only.
      const Ext3* v = ood_ + l.quotient_ood_offset[i];
      const uint32_t n = l.quotient_deep_offset[i];
      for (uint32_t c = 0; c < 3 * l.quotient_chunks[i]; ++c) {
        deep_zeta_sums_[i].Add(Weight(n + c), v[c]);
      }
    }
    for (uint32_t i = 0; i < l.num_fri_inputs; ++i) {
      deep_zeta_[i] = deep_zeta_sums_[i].Reduce();
      deep_next_[i] = deep_next_sums_[i].Reduce();
    }
  }

  // A table's columns in trace tree `tree` (none in the quotient tree: quotients are per
  // height class).
  static constexpr uint32_t TreeWidth(const TableColumns& c, uint32_t tree) {
    return tree == kTreePreprocessed ? c.num_preprocessed
           : tree == kTreeMain       ? c.num_main
           : tree == kTreeAux        ? c.num_aux
                                     : 0;
  }

  Ext3 Weight(uint32_t n) const {
    return Ext3(Felt::FromCanonical(weights_[0][n]), Felt::FromCanonical(weights_[1][n]),
                Felt::FromCanonical(weights_[2][n]));
  }

  // Per FRI input, where its DEEP columns lie in a query's opened rows: one segment per
  // committed matrix, non-quotient ones first (S), then the quotient chunks (S_Q).
  struct DeepSegment {
    uint32_t tree = 0;
    uint32_t weight = 0;  // the first column's DEEP index n
    uint32_t width = 0;
    size_t offset = 0;  // bytes from the start of the query's rows in that tree's opening
  };

  void BuildDeepSegments() {
    const StarkLayout& l = layout_;
    uint32_t count = 0;
    for (uint32_t i = 0; i < l.num_fri_inputs; ++i) {
      segments_begin_[i] = count;
      for (uint32_t t = 0; t < l.num_tables; ++t) {
        const StarkLayout::Table& lt = l.tables[t];
        if (lt.fri_input != i) continue;
        uint32_t n = lt.deep_offset;
        for (uint32_t k = 0; k < kTreeQuotient; ++k) {
          const uint32_t width = TreeWidth(lt.columns, k);
          if (width != 0) segments_[count++] = {k, n, width, matrix_offsets_[k][lt.matrix[k]]};
          n += width;
        }
      }
      segments_quotient_[i] = count;
      segments_[count++] = {kTreeQuotient, l.quotient_deep_offset[i], 3 * l.quotient_chunks[i],
                            matrix_offsets_[kTreeQuotient][i]};
    }
    segments_begin_[l.num_fri_inputs] = count;
  }

  // Whether DEEP codeword `input` at query position t, computed from the verified trace rows
  // (stark_protocol.h, transcript step 7), equals `expected`, given x - zeta and
  // x - zeta omega for its LDE point x:
  //   (S + S_Q - A) / (x - zeta) + lambda (S - B) / (x - zeta omega) = expected,
  // checked multiplied by both denominators as
  //   (S + S_Q - A) (x - zeta omega) = (x - zeta) (expected (x - zeta omega) - lambda (S - B)).
  // S is the sum over its non-quotient columns of gamma^n c_n(x), S_Q the same over the
  // quotient columns; each coordinate of each is one unreduced inner product of the opened
  // cells with that coordinate's weights.
  bool DeepValueMatches(uint32_t input, uint32_t t, const Ext3& d_zeta, const Ext3& d_next,
                        const Ext3& expected) const {
    const uint8_t* rows[kStarkNumTrees];
    for (uint32_t k = 0; k < kStarkNumTrees; ++k) rows[k] = openings_[k] + t * row_bytes_[k];
    const DeepSegment* begin = segments_ + segments_begin_[input];
    const DeepSegment* quotient = segments_ + segments_quotient_[input];
    const DeepSegment* end = segments_ + segments_begin_[input + 1];
    Felt s[Ext3::kDegree], s_quotient[Ext3::kDegree];
    for (uint32_t c = 0; c < Ext3::kDegree; ++c) {
      s[c] = Dot(begin, quotient, rows, weights_[c]);
      s_quotient[c] = Dot(quotient, end, rows, weights_[c]);
    }
    const Ext3 sum(s[0], s[1], s[2]);
    const Ext3 u = sum + Ext3(s_quotient[0], s_quotient[1], s_quotient[2]) - deep_zeta_[input];
    const Ext3 v = lambda_ * (sum - deep_next_[input]);
    return u * d_next == d_zeta * (expected * d_next - v);
  }

  // sum over the segments' cells of cell * weights[n] (the cells are canonical: the Merkle
  // verifier checked them), reduced once. The cells are 8-byte little-endian, read as two
  // 32-bit words where they are 4-aligned (as rows of a proof read in place are), which rv32
  // requires.
  static Felt Dot(const DeepSegment* segment, const DeepSegment* end,
                  const uint8_t* const rows[kStarkNumTrees], const uint64_t* weights) {
    crypto::FeltDotAccumulator a;
    for (; segment != end; ++segment) {
      const uint8_t* cells = rows[segment->tree] + segment->offset;
      const uint64_t* w = weights + segment->weight;
      const uint32_t width = segment->width;
      if (reinterpret_cast<uintptr_t>(cells) % 4 == 0) {
        uint32_t c = 0;
        for (; c + 2 <= width; c += 2) {
          a.Add(crypto::detail::MerkleLoadLe64Aligned4(cells + size_t{c} * Felt::kBytes), w[c]);
          a.Add(crypto::detail::MerkleLoadLe64Aligned4(cells + size_t{c + 1} * Felt::kBytes),
                w[c + 1]);
        }
        if (c < width) {
          a.Add(crypto::detail::MerkleLoadLe64Aligned4(cells + size_t{c} * Felt::kBytes), w[c]);
        }
      } else {
        for (uint32_t c = 0; c < width; ++c) {
          a.Add(crypto::detail::MerkleLoadLe64(cells + size_t{c} * Felt::kBytes), w[c]);
        }
      }
    }
    return a.Reduce();
  }

  // The DEEP tree's pair of codeword `input` for query position t (verified opening).
  FriPair DeepPair(uint32_t input, uint32_t t) const {
    const uint8_t* row = deep_openings_ + t * deep_row_bytes_ + deep_offsets_[input];
    auto value = [row](uint32_t c) {
      return Felt::FromCanonical(crypto::detail::MerkleLoadLe64(row + size_t{c} * Felt::kBytes));
    };
    return {Ext3(value(0), value(1), value(2)), Ext3(value(3), value(4), value(5))};
  }

  typename Hash::MerkleHasher merkle_hasher_;
  StarkLayout layout_;
  FriVerifier<kStarkMaxQueries, kFriMaxFinalCoeffs, Hash> fri_;
  crypto::MerkleVerifierStorage<kStarkMaxQueries> merkle_storage_;
  uint32_t leaves_[kStarkMaxQueries] = {};
  const uint8_t* openings_[kStarkNumTrees] = {};
  size_t row_bytes_[kStarkNumTrees] = {};  // one query's rows in each trace tree's opening
  size_t matrix_offsets_[kStarkNumTrees][kStarkMaxTables] = {};  // a matrix's row in them
  const uint8_t* deep_openings_ = nullptr;
  size_t deep_row_bytes_ = 0;
  DeepSegment segments_[(kStarkNumTrees - 1) * kStarkMaxTables + kFriMaxInputs];
  uint32_t segments_begin_[kFriMaxInputs + 1] = {};  // input i: [begin_i, begin_{i+1})
  uint32_t segments_quotient_[kFriMaxInputs] = {};   // its first quotient segment
  size_t deep_offsets_[kFriMaxInputs] = {};
  Ext3 deep_zeta_[kFriMaxInputs];
  Ext3 deep_next_[kFriMaxInputs];
  crypto::Ext3DotAccumulator deep_zeta_sums_[kFriMaxInputs];
  crypto::Ext3DotAccumulator deep_next_sums_[kFriMaxInputs];
  Ext3 deep_point_next_[kFriMaxInputs];
  // weights_[k][n]: coordinate k of gamma^n, the weight of DEEP column n.
  uint64_t weights_[Ext3::kDegree][kStarkMaxDeepColumns] = {};
  const Ext3* ood_ = nullptr;
  Ext3 bus_sum_;
  Ext3 zeta_, gamma_, lambda_, delta_;
  // Step 3, per height class: sum_j delta^j (folded constraints of its j-th table).
  Ext3 class_folded_[kFriMaxInputs];
  Ext3 class_power_[kFriMaxInputs];
  uint32_t class_first_table_[kFriMaxInputs] = {};
  Selectors selectors_[kStarkMaxLogHeight + 1];
  bool selectors_known_[kStarkMaxLogHeight + 1] = {};
  PhaseHook phase_hook_ = nullptr;
  Ext3 aux_[kStarkMaxAuxColumns];
  Ext3 aux_next_[kStarkMaxAuxColumns];
};

}  // namespace zkvm::stark
