// The prover's folded constraints at one point of the LDE coset: the same value as
// FoldConstraintsAt (stark/protocol/stark_air.h), which the verifier computes at zeta, but with
// the point's main and preprocessed values and selectors in F_p (the coset lies in F_p), so the
// AIR's constraints and its interaction tuples are evaluated in the base field, in one pass of
// the AIR, and only the folding and the LogUp constraints use Ext3.
//
// The Horner fold of FoldConstraintsAt, ((C_0 alpha + C_1) alpha + ...) alpha + C_{k-1}, is
// sum_i alpha^(k-1-i) C_i; with those powers precomputed (FoldPowers) a base-field constraint
// costs three base multiplications to fold instead of an Ext3 product.
//
// Host-only.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <initializer_list>
#include <vector>

#include "crypto/field/ext3.h"
#include "crypto/field/felt.h"
#include "stark/logup/logup.h"
#include "stark/logup/logup_prover.h"
#include "stark/protocol/stark_air.h"

namespace zkvm::stark {

// One coset point's values: base columns at x and x * omega_n, the selectors at x, and the
// table's Ext3 aux columns.
struct CosetPointValues {
  const Felt* main = nullptr;
  const Felt* main_next = nullptr;
  const Felt* preprocessed = nullptr;
  const Felt* preprocessed_next = nullptr;
  const Ext3* aux = nullptr;
  const Ext3* aux_next = nullptr;
  const Felt* public_values = nullptr;
  Felt is_first_row, is_last_row, is_transition;
};

// What the fold needs beyond the challenges: alpha^(k-1-i) for constraint i of k, and a^(i+1)
// for tuple entry i.
struct CosetFoldContext {
  std::vector<Ext3> alpha_powers;
  Ext3 a_powers[detail::BaseInteractionRecorder::kMaxTupleWidth];
  AirChallenges challenges;
};

inline CosetFoldContext MakeCosetFoldContext(const AirChallenges& c, uint32_t num_constraints) {
  CosetFoldContext ctx;
  ctx.challenges = c;
  ctx.alpha_powers.resize(num_constraints);
  Ext3 power = Ext3::One();
  for (uint32_t i = num_constraints; i-- > 0;) {
    ctx.alpha_powers[i] = power;
    power *= c.alpha;
  }
  Ext3 a_power = c.a;
  for (Ext3& p : ctx.a_powers) {
    p = a_power;
    a_power *= c.a;
  }
  return ctx;
}

namespace detail {

// Evaluates the AIR over F_p at one coset point: folds each constraint with its alpha power
// and records the interactions.
class CosetEvaluator {
 public:
  using Expr = Felt;

  CosetEvaluator(const CosetPointValues& v, const Ext3* alpha_powers, uint32_t num_powers,
                 BaseInteractionRecorder* interactions)
      : v_(v), alpha_powers_(alpha_powers), num_powers_(num_powers), interactions_(interactions) {}

  Expr main(size_t c) const { return v_.main[c]; }
  Expr main_next(size_t c) const { return v_.main_next[c]; }
  Expr preprocessed(size_t c) const { return v_.preprocessed[c]; }
  Expr preprocessed_next(size_t c) const { return v_.preprocessed_next[c]; }
  Expr public_value(size_t i) const { return v_.public_values[i]; }
  Expr constant(uint64_t v) const { return Felt::FromU64(v); }
  Expr is_first_row() const { return v_.is_first_row; }
  Expr is_last_row() const { return v_.is_last_row; }
  Expr is_transition() const { return v_.is_transition; }

  void Constrain(Expr x) {
    if (index_ < num_powers_) folded_ += alpha_powers_[index_] * x;
    ++index_;  // a count above num_powers fails FoldConstraintsOnCoset
  }
  void Send(uint32_t bus, const Expr& m, std::initializer_list<Expr> v) {
    interactions_->Add(bus, m, v, true);
  }
  void Receive(uint32_t bus, const Expr& m, std::initializer_list<Expr> v) {
    interactions_->Add(bus, m, v, false);
  }

  const Ext3& folded() const { return folded_; }
  uint32_t index() const { return index_; }

 private:
  const CosetPointValues& v_;
  const Ext3* alpha_powers_;
  uint32_t num_powers_;
  BaseInteractionRecorder* interactions_;
  Ext3 folded_;
  uint32_t index_ = 0;
};

}  // namespace detail

// FoldConstraintsAt's value at a coset point; false if the interactions do not fit the
// recorder or the constraint count differs from the context's (cannot happen for a valid()
// AIR and its own context).
template <AirTable A>
bool FoldConstraintsOnCoset(const A& air, const LogupLayout& layout, const CosetPointValues& v,
                            const CosetFoldContext& ctx, Ext3* out) {
  detail::BaseInteractionRecorder interactions;
  const uint32_t num_constraints = static_cast<uint32_t>(ctx.alpha_powers.size());
  detail::CosetEvaluator e(v, ctx.alpha_powers.data(), num_constraints, &interactions);
  air.Evaluate(e);
  Ext3 folded = e.folded();
  uint32_t index = e.index();
  if (index > num_constraints) return false;
  if (layout.num_interactions > 0) {
    if (interactions.overflow() || interactions.size() != layout.num_interactions) return false;
    const uint32_t s = layout.num_aux_columns - 1;
    LogupAuxValues aux;
    aux.h = v.aux;
    aux.h_next = v.aux_next;
    aux.s = v.aux[s];
    aux.s_next = v.aux_next[s];
    aux.total = ctx.challenges.total;
    aux.is_first_row = Ext3(v.is_first_row);
    aux.is_last_row = Ext3(v.is_last_row);
    aux.is_transition = Ext3(v.is_transition);
    bool fits = true;
    EvaluateLogupConstraintsWith(
        interactions, layout.per_column,
        [&](const detail::BaseInteractionRecorder::Record& r) {
          return detail::BaseFingerprint(ctx.challenges.z, ctx.a_powers, r.bus, r.values, r.length);
        },
        aux,
        [&](const Ext3& x) {
          if (index >= num_constraints) {
            fits = false;
            return;
          }
          folded += ctx.alpha_powers[index++] * x;
        });
    if (!fits) return false;
  }
  if (index != num_constraints) return false;
  *out = folded;
  return true;
}

}  // namespace zkvm::stark
