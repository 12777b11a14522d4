// The STARK engine's view of an AIR (stark/air/air.h) behind one small virtual interface, so a
// statement can list tables of different AIR classes: StarkAir is what the verifier needs
// (shape, LogUp layout, and the folded constraints at one point), AirAdapter<A> implements it
// for any AIR class A. The prover extends it (stark/prover/stark_prover.h) with the host-only
// steps (row checker, LogUp aux columns).
//
// The folded constraint value at a point x (FoldConstraintsAt) is the one definition both sides
// use: the verifier at the out-of-domain point zeta, the prover at every point of the LDE coset
// (through FoldConstraintsOnCoset, stark/prover/coset_constraints.h, which computes the same
// value over F_p with precomputed powers of alpha; stark_test checks that the two agree). It is the
// Horner fold, with the challenge alpha, of the AIR's constraints (OodEvaluator) followed by the
// table's LogUp constraints (EvaluateLogupConstraints, stark/logup/logup.h), so the two sides
// cannot fold in different orders. The selectors are the Lagrange polynomials of the trace domain H
// = <omega_n>:
//     is_first_row(x)  = (x^n - 1) / (n (x - 1))
//     is_last_row(x)   = omega^-1 (x^n - 1) / (n (x - omega^-1))
//     is_transition(x) = 1 - is_last_row(x),
// each of degree n - 1 (one "column" of degree, as air.h counts them); SelectorsAt computes
// them at any point outside H.
//
// Freestanding (DESIGN.md section 7): no heap, no exceptions; the interface has no virtual
// destructor (nothing is ever deleted through it), so no operator delete is needed in a guest.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "crypto/field/ext3.h"
#include "crypto/field/felt.h"
#include "stark/air/air.h"
#include "stark/logup/logup.h"

namespace zkvm::stark {

// Most interactions per row a table may declare (InteractionEvaluator's default capacity).
inline constexpr uint32_t kStarkMaxInteractions = 64;
// Most Ext3 aux columns of one table (NumAuxColumns with one interaction per column).
inline constexpr uint32_t kStarkMaxAuxColumns = kStarkMaxInteractions + 1;

// How a table's bus interactions become LogUp aux columns (logup.h).
struct LogupLayout {
  uint32_t num_interactions = 0;
  uint32_t per_column = 0;       // fractions per h column
  uint32_t num_aux_columns = 0;  // Ext3 columns: the h_j, then s (0 without interactions)

  constexpr uint32_t num_aux_felts() const { return 3 * num_aux_columns; }
};

// A table's committed polynomials, counted in base-field columns, and the quotient chunks its
// constraints need (the quotient itself is committed per height class, stark_protocol.h).
struct TableColumns {
  uint32_t num_preprocessed = 0;
  uint32_t num_main = 0;
  uint32_t num_aux = 0;     // 3 per Ext3 aux column
  uint32_t num_chunks = 0;  // quotient chunks, max(max_degree - 1, 1)

  // Values the proof's OOD section holds for the table: preprocessed, main and aux columns at
  // zeta and zeta * omega.
  constexpr uint32_t num_ood_values() const { return 2 * (num_preprocessed + num_main + num_aux); }
};

// Values of one table's columns at a point x and at x * omega_n, and the selectors at x.
struct AirPointValues {
  const Ext3* main = nullptr;
  const Ext3* main_next = nullptr;
  const Ext3* preprocessed = nullptr;
  const Ext3* preprocessed_next = nullptr;
  const Ext3* aux = nullptr;  // Ext3 aux columns (h_0 .. h_{g-1}, s)
  const Ext3* aux_next = nullptr;
  const Felt* public_values = nullptr;
  Ext3 is_first_row, is_last_row, is_transition;
};

struct AirChallenges {
  Ext3 z, a;   // LogUp
  Ext3 alpha;  // constraint folding
  Ext3 total;  // the table's published bus total (unused without interactions)
};

class StarkAir {
 public:
  virtual const char* name() const = 0;
  virtual AirShape shape() const = 0;
  virtual LogupLayout logup() const = 0;
  // False when the AIR cannot be proved: a constraint above its declared degree, an interaction
  // that reads the next row or a selector, too many interactions, or a degree bound that cannot
  // hold a LogUp constraint.
  virtual bool valid() const = 0;
  // Constraints folded by FoldConstraints: the AIR's, then the LogUp ones (groups + 3).
  virtual uint32_t num_constraints() const = 0;
  // The folded constraints (header comment) at one point; false if the interactions do not
  // fit the recorder (cannot happen for a valid() AIR).
  virtual bool FoldConstraints(const AirPointValues& values, const AirChallenges& challenges,
                               Ext3* out) const = 0;

 protected:
  StarkAir() = default;
  StarkAir(const StarkAir&) = default;
  StarkAir& operator=(const StarkAir&) = default;
  ~StarkAir() = default;
};

constexpr TableColumns ColumnsOf(const AirShape& shape, const LogupLayout& logup) {
  TableColumns c;
  c.num_preprocessed = static_cast<uint32_t>(shape.num_preprocessed_columns);
  c.num_main = static_cast<uint32_t>(shape.num_main_columns);
  c.num_aux = logup.num_aux_felts();
  c.num_chunks = shape.max_degree > 2 ? static_cast<uint32_t>(shape.max_degree - 1) : 1;
  return c;
}

// The element X of Ext3 = F_p[X]/(X^3 - 2): aux and quotient values are rebuilt from their
// three coordinate columns as v0 + v1 X + v2 X^2.
inline constexpr Ext3 kExt3X = Ext3(Felt::Zero(), Felt::One(), Felt::Zero());

constexpr Ext3 FromCoordinates(const Ext3& v0, const Ext3& v1, const Ext3& v2) {
  return v0 + v1 * kExt3X + v2 * (kExt3X * kExt3X);
}

struct Selectors {
  Ext3 is_first_row, is_last_row, is_transition;
  Ext3 vanishing;  // x^n - 1
};

// The selectors at a point x outside H (x^n != 1), n = 2^log_n.
constexpr Selectors SelectorsAt(const Ext3& x, uint32_t log_n) {
  const Felt n = Felt::FromU64(uint64_t{1} << log_n);
  const Felt omega_inverse = Felt::TwoAdicRoot(static_cast<int>(log_n)).Inverse();
  Ext3 x_n = x;
  for (uint32_t i = 0; i < log_n; ++i) x_n = x_n.Square();
  Selectors s;
  s.vanishing = x_n - Ext3::One();
  s.is_first_row = s.vanishing * ((x - Ext3::One()) * n).Inverse();
  s.is_last_row = s.vanishing * omega_inverse * ((x - Ext3(omega_inverse)) * n).Inverse();
  s.is_transition = Ext3::One() - s.is_last_row;
  return s;
}

namespace detail {

template <AirTable A>
constexpr LogupLayout ComputeLogupLayout(const A& air, bool* ok) {
  DegreeEvaluator degrees;
  air.Evaluate(degrees);
  LogupLayout layout;
  *ok = FirstConstraintAboveDegree(air) < 0;
  if (degrees.num_interactions() == 0) return layout;
  if (degrees.num_interactions() > kStarkMaxInteractions || !InteractionsUseOnlyCurrentRow(air)) {
    *ok = false;
    return layout;
  }
  const size_t per_column = InteractionsPerColumn(
      air.shape().max_degree, degrees.max_fingerprint_degree(), degrees.max_multiplicity_degree());
  if (per_column == 0) {
    *ok = false;
    return layout;
  }
  layout.num_interactions = static_cast<uint32_t>(degrees.num_interactions());
  layout.per_column = static_cast<uint32_t>(per_column);
  layout.num_aux_columns =
      static_cast<uint32_t>(NumAuxColumns(degrees.num_interactions(), per_column));
  return layout;
}

}  // namespace detail

// The AIR constraints then the LogUp constraints of `air` at one point, Horner-folded with
// alpha (header comment).
template <AirTable A>
constexpr bool FoldConstraintsAt(const A& air, const LogupLayout& layout, const AirPointValues& v,
                                 const AirChallenges& c, Ext3* out) {
  OodEvaluator::Inputs inputs;
  inputs.main = v.main;
  inputs.main_next = v.main_next;
  inputs.preprocessed = v.preprocessed;
  inputs.preprocessed_next = v.preprocessed_next;
  inputs.public_values = v.public_values;
  inputs.is_first_row = v.is_first_row;
  inputs.is_last_row = v.is_last_row;
  inputs.is_transition = v.is_transition;
  inputs.alpha = c.alpha;
  OodEvaluator ood(inputs);
  air.Evaluate(ood);
  Ext3 folded = ood.folded();
  if (layout.num_interactions > 0) {
    using Evaluator = InteractionEvaluator<kStarkMaxInteractions>;
    typename Evaluator::Recorder recorder;
    Evaluator interactions(v.main, v.preprocessed, v.public_values, &recorder);
    air.Evaluate(interactions);
    if (recorder.overflow() || recorder.size() != layout.num_interactions) return false;
    const uint32_t s = layout.num_aux_columns - 1;
    LogupAuxValues aux;
    aux.h = v.aux;
    aux.h_next = v.aux_next;
    aux.s = v.aux[s];
    aux.s_next = v.aux_next[s];
    aux.total = c.total;
    aux.is_first_row = v.is_first_row;
    aux.is_last_row = v.is_last_row;
    aux.is_transition = v.is_transition;
    EvaluateLogupConstraints(recorder, layout.per_column, c.z, c.a, aux,
                             [&](const Ext3& x) { folded = folded * c.alpha + x; });
  }
  *out = folded;
  return true;
}

// StarkAir for an AIR class A (which must outlive the adapter). `Base` is StarkAir or an
// interface derived from it (the prover's).
template <AirTable A, typename Base = StarkAir>
class AirAdapter : public Base {
 public:
  explicit constexpr AirAdapter(const A& air) : air_(air) {
    layout_ = detail::ComputeLogupLayout(air_, &valid_);
    DegreeEvaluator degrees;
    air_.Evaluate(degrees);
    num_constraints_ = static_cast<uint32_t>(degrees.num_constraints());
    if (layout_.num_aux_columns > 0) num_constraints_ += layout_.num_aux_columns - 1 + 3;
  }

  const char* name() const override { return air_.name(); }
  AirShape shape() const override { return air_.shape(); }
  LogupLayout logup() const override { return layout_; }
  bool valid() const override { return valid_; }
  uint32_t num_constraints() const override { return num_constraints_; }
  bool FoldConstraints(const AirPointValues& values, const AirChallenges& challenges,
                       Ext3* out) const override {
    return FoldConstraintsAt(air_, layout_, values, challenges, out);
  }

  const A& air() const { return air_; }

 private:
  const A& air_;
  LogupLayout layout_;
  uint32_t num_constraints_ = 0;
  bool valid_ = false;
};

}  // namespace zkvm::stark
