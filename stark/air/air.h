// The AIR interface (DESIGN.md section 5): how a table states its constraints and bus
// interactions once, for every party that evaluates them.
//
// A table is a class with a few size accessors and one member template
//
//     template <typename E> void Evaluate(E& e) const;
//
// that reads column values through the evaluator `e` and states facts about them:
//
//   e.main(c), e.main_next(c)                 main column c at the current / next row
//   e.preprocessed(c), e.preprocessed_next(c) preprocessed (fixed, committed in the verifying
//                                             key) column c
//   e.public_value(i)                         a public value of the statement
//   e.constant(v)                             a field constant
//   e.is_first_row(), e.is_last_row(),
//   e.is_transition()                         selectors: 1 on the first row / on the last row /
//                                             on every row but the last, else 0
//   e.Constrain(x)                            x must be 0 on every row
//   e.Send(bus, m, {v0, v1, ...})             put the tuple v on bus `bus` with multiplicity m
//   e.Receive(bus, m, {v0, v1, ...})          take it off (multiplicity -m)
//
// Every expression has type `typename E::Expr` and supports +, -, *. Selectors are how boundary
// constraints are written (e.is_first_row() * (e.main(0) - e.public_value(0))): all
// constraints then vanish on the whole trace domain H, so one quotient by Z_H(x) = x^n - 1
// serves them all (is_first_row = Z_H / (n (x - 1)) and friends, so a selector adds one to a
// constraint's degree as counted here and nothing more to the quotient).
//
// The evaluators that run Evaluate:
//   - the row checker (row_checker.h): Expr = Felt, on a concrete trace; names the table, row
//     and constraint that fails and collects the bus interactions (bus_balance.h);
//   - DegreeEvaluator (below): Expr = Degree, a symbolic degree, so the declared degree bound of
//     each table is checked rather than trusted;
//   - OodEvaluator (below): Expr = Ext3, the verifier's check at the out-of-domain point: it
//     folds the constraints with powers of a random challenge;
//   - the prover's quotient evaluator on the LDE (the STARK prover).
// LogUp: each Send/Receive becomes the fraction m / (z - (bus + a v0 + a^2 v1 + ...)) in the
// table's aux columns (DESIGN.md section 5); the interactions' degrees decide how many fractions
// share an aux column.
//
// Freestanding (DESIGN.md section 7): the verifier's evaluators compile for the guest.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <concepts>
#include <initializer_list>

#include "crypto/field/ext3.h"
#include "crypto/field/felt.h"

namespace zkvm::stark {

using crypto::Ext3;
using crypto::Felt;

// The sizes a table declares.
struct AirShape {
  size_t num_main_columns = 0;
  size_t num_preprocessed_columns = 0;
  size_t num_public_values = 0;
  // Bound on the degree of every constraint, counting each column, selector and (for
  // interactions) each tuple entry as degree 1. The quotient is split into max_degree - 1
  // chunks of the trace height.
  int max_degree = 2;
};

template <typename T>
concept AirTable = requires(const T& t) {
  { t.shape() } -> std::same_as<AirShape>;
  { t.name() } -> std::convertible_to<const char*>;
};

// ---- Symbolic degree ------------------------------------------------------------------------

// The degree of an expression in the trace polynomials. A sum takes the larger degree, a
// product the sum of the degrees.
class Degree {
 public:
  constexpr Degree() = default;
  constexpr explicit Degree(int d) : d_(d) {}
  constexpr int value() const { return d_; }
  constexpr Degree operator+(Degree b) const { return Degree(d_ > b.d_ ? d_ : b.d_); }
  constexpr Degree operator-(Degree b) const { return *this + b; }
  constexpr Degree operator-() const { return *this; }
  constexpr Degree operator*(Degree b) const { return Degree(d_ + b.d_); }

 private:
  int d_ = 0;
};

// Runs a table's Evaluate symbolically: the degree of every constraint and interaction.
class DegreeEvaluator {
 public:
  using Expr = Degree;
  Expr main(size_t) const { return Degree(1); }
  Expr main_next(size_t) const { return Degree(1); }
  Expr preprocessed(size_t) const { return Degree(1); }
  Expr preprocessed_next(size_t) const { return Degree(1); }
  Expr public_value(size_t) const { return Degree(0); }
  Expr constant(uint64_t) const { return Degree(0); }
  Expr is_first_row() const { return Degree(1); }
  Expr is_last_row() const { return Degree(1); }
  Expr is_transition() const { return Degree(1); }

  void Constrain(Expr x) {
    if (x.value() > max_constraint_degree_) max_constraint_degree_ = x.value();
    if (num_constraints_ < kMaxTracked) constraint_degrees_[num_constraints_] = x.value();
    ++num_constraints_;
  }
  void Send(uint32_t, Expr m, std::initializer_list<Expr> values) { Interaction(m, values); }
  void Receive(uint32_t, Expr m, std::initializer_list<Expr> values) { Interaction(m, values); }

  int max_constraint_degree() const { return max_constraint_degree_; }
  size_t num_constraints() const { return num_constraints_; }
  size_t num_interactions() const { return num_interactions_; }
  // The largest degree of a fingerprint (tuple entry) and of a multiplicity.
  int max_fingerprint_degree() const { return max_fingerprint_degree_; }
  int max_multiplicity_degree() const { return max_multiplicity_degree_; }
  // Degree of constraint i (for the first kMaxTracked constraints).
  int constraint_degree(size_t i) const { return i < kMaxTracked ? constraint_degrees_[i] : -1; }

  static constexpr size_t kMaxTracked = 1024;

 private:
  void Interaction(Expr m, std::initializer_list<Expr> values) {
    ++num_interactions_;
    if (m.value() > max_multiplicity_degree_) max_multiplicity_degree_ = m.value();
    for (Expr v : values) {
      if (v.value() > max_fingerprint_degree_) max_fingerprint_degree_ = v.value();
    }
  }

  int max_constraint_degree_ = 0;
  size_t num_constraints_ = 0;
  size_t num_interactions_ = 0;
  int max_fingerprint_degree_ = 0;
  int max_multiplicity_degree_ = 0;
  int constraint_degrees_[kMaxTracked] = {};
};

// The declared shape checked against the symbolic degrees. Returns the index of the first
// constraint above the bound, or -1 when all are within it.
template <AirTable T>
long FirstConstraintAboveDegree(const T& table) {
  DegreeEvaluator d;
  table.Evaluate(d);
  for (size_t i = 0; i < d.num_constraints() && i < DegreeEvaluator::kMaxTracked; ++i) {
    if (d.constraint_degree(i) > table.shape().max_degree) return static_cast<long>(i);
  }
  return -1;
}

// ---- The verifier's out-of-domain evaluation ------------------------------------------------

// Evaluates a table's constraints at one point of the extension field from the claimed column
// values there (and at the next point), folding them as sum_i alpha^(k-1-i) C_i (Horner), which
// the verifier compares with the quotient's claimed value times Z_H.
class OodEvaluator {
 public:
  using Expr = Ext3;

  struct Inputs {
    const Ext3* main = nullptr;               // main columns at z
    const Ext3* main_next = nullptr;          // main columns at z * omega
    const Ext3* preprocessed = nullptr;       // preprocessed columns at z
    const Ext3* preprocessed_next = nullptr;  // preprocessed columns at z * omega
    const Felt* public_values = nullptr;
    Ext3 is_first_row, is_last_row, is_transition;  // the selectors at z
    Ext3 alpha;                                     // the constraint-folding challenge
  };

  explicit OodEvaluator(const Inputs& in) : in_(in) {}

  Expr main(size_t c) const { return in_.main[c]; }
  Expr main_next(size_t c) const { return in_.main_next[c]; }
  Expr preprocessed(size_t c) const { return in_.preprocessed[c]; }
  Expr preprocessed_next(size_t c) const { return in_.preprocessed_next[c]; }
  Expr public_value(size_t i) const { return Ext3(in_.public_values[i]); }
  Expr constant(uint64_t v) const { return Ext3(Felt::FromU64(v)); }
  Expr is_first_row() const { return in_.is_first_row; }
  Expr is_last_row() const { return in_.is_last_row; }
  Expr is_transition() const { return in_.is_transition; }

  void Constrain(Expr x) { folded_ = folded_ * in_.alpha + x; }
  // Interactions are checked through the LogUp aux columns, whose constraints the STARK engine
  // derives from the same Send/Receive declarations; this evaluator folds only Constrain.
  void Send(uint32_t, const Expr&, std::initializer_list<Expr>) {}
  void Receive(uint32_t, const Expr&, std::initializer_list<Expr>) {}

  Ext3 folded() const { return folded_; }

 private:
  Inputs in_;
  Ext3 folded_;
};

}  // namespace zkvm::stark
