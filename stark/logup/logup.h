// LogUp buses (DESIGN.md section 5; Haböck, "Multivariate lookups based on logarithmic
// derivatives", ePrint 2022/1530): the constraints that tie a table's bus interactions to its
// auxiliary (extension-field) columns, written once for the prover (logup_prover.h builds the
// columns) and the verifier (evaluates them at the out-of-domain point).
//
// With challenges z, a in Ext3, the fingerprint of tuple v on bus b is
//     phi(b, v) = z - (b + a v_0 + a^2 v_1 + ... + a^k v_{k-1}),
// and a row's interaction contributes +m / phi (Send) or -m / phi (Receive). The table's
// interactions are split, in declaration order, into groups of at most g; group j has an aux
// column h_j with
//     h_j * prod_{k in j} phi_k = sum_{k in j} (+-m_k) prod_{l in j, l != k} phi_l   (every row)
// and one running-sum column s with
//     is_first_row  * (s - sum_j h_j)                  = 0
//     is_transition * (s_next - s - sum_j h_j,next)    = 0
//     is_last_row   * (s - total)                      = 0,
// where `total` (the sum of all the table's fractions) is published. If every fingerprint is
// non-zero the constraints force h_j and s to be exactly those sums; the verifier then checks
// that the totals of all tables add up to the public contribution (zero for internal buses).
// A cheating prover's unbalanced multiset survives only if the random z, a hit a root of a
// non-zero rational function of low degree (probability ~ (interactions x height) / p^3).
//
// g is the largest group size whose constraint stays within the table's degree bound D:
// with fingerprints of degree f and multiplicities of degree m (from DegreeEvaluator),
// 1 + g f <= D and m + (g - 1) f <= D.
//
// Freestanding: fixed-capacity recorders, no heap.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <initializer_list>

#include "stark/air/air.h"

namespace zkvm::stark {

// The LogUp fingerprint phi(bus, values) = z - (bus + a v_0 + a^2 v_1 + ...).
constexpr Ext3 Fingerprint(const Ext3& z, const Ext3& a, uint32_t bus, const Ext3* values,
                           size_t n) {
  Ext3 acc(Felt::FromU64(bus));
  Ext3 power = a;
  for (size_t i = 0; i < n; ++i) {
    acc += power * values[i];
    power *= a;
  }
  return z - acc;
}

// Fractions per aux column for a table of degree bound `max_degree` (at least 1; 0 if the
// bound cannot hold even one interaction).
constexpr size_t InteractionsPerColumn(int max_degree, int fingerprint_degree,
                                       int multiplicity_degree) {
  if (fingerprint_degree <= 0) fingerprint_degree = 1;
  if (1 + fingerprint_degree > max_degree || multiplicity_degree > max_degree) return 0;
  const int by_product = (max_degree - 1) / fingerprint_degree;
  const int by_numerator = (max_degree - multiplicity_degree) / fingerprint_degree + 1;
  const int g = by_product < by_numerator ? by_product : by_numerator;
  return g < 1 ? 0 : static_cast<size_t>(g);
}

constexpr size_t NumAuxColumns(size_t num_interactions, size_t per_column) {
  if (num_interactions == 0) return 0;
  return (num_interactions + per_column - 1) / per_column + 1;  // the h_j, then s
}

// Records a table's interactions at one point, with Ext3 values (the verifier at zeta, tests on
// rows) or Felt values (the prover on trace rows and on the LDE coset, where every value is in
// F_p). Overflow is reported, never written past.
template <size_t kMaxInteractions = 64, size_t kMaxTuple = 8, typename Value = Ext3>
class InteractionRecorder {
 public:
  static constexpr size_t kCapacity = kMaxInteractions;
  static constexpr size_t kMaxTupleWidth = kMaxTuple;
  struct Record {
    uint32_t bus = 0;
    Value signed_multiplicity;  // +m for Send, -m for Receive
    size_t length = 0;
    Value values[kMaxTuple];
  };

  void Add(uint32_t bus, const Value& m, std::initializer_list<Value> values, bool send) {
    if (size_ == kMaxInteractions || values.size() > kMaxTuple) {
      overflow_ = true;
      return;
    }
    Record& r = records_[size_++];
    r.bus = bus;
    r.signed_multiplicity = send ? m : -m;
    r.length = 0;
    for (const Value& v : values) r.values[r.length++] = v;
  }
  // Forgets the records (and an overflow), for reuse at the next point.
  void Clear() {
    size_ = 0;
    overflow_ = false;
  }

  size_t size() const { return size_; }
  bool overflow() const { return overflow_; }
  const Record& operator[](size_t i) const { return records_[i]; }

 private:
  Record records_[kMaxInteractions];
  size_t size_ = 0;
  bool overflow_ = false;
};

// An evaluator over `Value` (Ext3 or Felt) expressions that records the interactions (and
// ignores Constrain): used to obtain a table's interactions at a point from its column values
// there.
template <size_t kMaxInteractions = 64, size_t kMaxTuple = 8, typename Value = Ext3>
class InteractionEvaluator {
 public:
  using Expr = Value;
  using Recorder = InteractionRecorder<kMaxInteractions, kMaxTuple, Value>;

  InteractionEvaluator(const Value* main, const Value* preprocessed, const Felt* public_values,
                       Recorder* out)
      : main_(main), preprocessed_(preprocessed), public_values_(public_values), out_(out) {}

  Expr main(size_t c) const { return main_[c]; }
  Expr preprocessed(size_t c) const { return preprocessed_[c]; }
  Expr public_value(size_t i) const { return Value(public_values_[i]); }
  Expr constant(uint64_t v) const { return Value(Felt::FromU64(v)); }
  // Interactions may not depend on the next row or on selectors (a requirement on AIRs that
  // the engine checks with InteractionsUseOnlyCurrentRow).
  Expr main_next(size_t) const { return Value(); }
  Expr preprocessed_next(size_t) const { return Value(); }
  Expr is_first_row() const { return Value(); }
  Expr is_last_row() const { return Value(); }
  Expr is_transition() const { return Value(); }

  void Constrain(const Expr&) {}
  void Send(uint32_t bus, const Expr& m, std::initializer_list<Expr> v) {
    out_->Add(bus, m, v, true);
  }
  void Receive(uint32_t bus, const Expr& m, std::initializer_list<Expr> v) {
    out_->Add(bus, m, v, false);
  }

 private:
  const Value* main_;
  const Value* preprocessed_;
  const Felt* public_values_;
  Recorder* out_;
};

// Whether a table's interactions depend only on the current row (no next-row values, no
// selectors): required, because the LogUp columns are built row by row.
class InteractionTaintEvaluator {
 public:
  // An expression remembers whether it involves a next-row value or a selector.
  struct Expr {
    bool tainted = false;
    Expr operator+(Expr b) const { return {tainted || b.tainted}; }
    Expr operator-(Expr b) const { return {tainted || b.tainted}; }
    Expr operator-() const { return *this; }
    Expr operator*(Expr b) const { return {tainted || b.tainted}; }
  };
  Expr main(size_t) const { return {}; }
  Expr preprocessed(size_t) const { return {}; }
  Expr public_value(size_t) const { return {}; }
  Expr constant(uint64_t) const { return {}; }
  Expr main_next(size_t) const { return {true}; }
  Expr preprocessed_next(size_t) const { return {true}; }
  Expr is_first_row() const { return {true}; }
  Expr is_last_row() const { return {true}; }
  Expr is_transition() const { return {true}; }
  void Constrain(Expr) {}
  void Send(uint32_t, Expr m, std::initializer_list<Expr> v) { Check(m, v); }
  void Receive(uint32_t, Expr m, std::initializer_list<Expr> v) { Check(m, v); }
  bool ok() const { return ok_; }

 private:
  void Check(Expr m, std::initializer_list<Expr> v) {
    if (m.tainted) ok_ = false;
    for (Expr x : v) {
      if (x.tainted) ok_ = false;
    }
  }
  bool ok_ = true;
};

template <AirTable T>
bool InteractionsUseOnlyCurrentRow(const T& table) {
  InteractionTaintEvaluator e;
  table.Evaluate(e);
  return e.ok();
}

// The values of a table's LogUp aux columns at one point (row or zeta) and the next.
struct LogupAuxValues {
  const Ext3* h = nullptr;       // h_j at the point, NumAuxColumns - 1 of them
  const Ext3* h_next = nullptr;  // h_j at the next point
  Ext3 s, s_next;
  Ext3 total;
  Ext3 is_first_row, is_last_row, is_transition;
};

// Calls sink(constraint) for every LogUp constraint of the table at one point, in a fixed
// order: the group constraints, then the three running-sum constraints. `fingerprint(record)`
// gives phi of one recorded interaction (the prover's rows have base-field tuples and use
// precomputed powers of a; the overload below is the plain Ext3 one).
template <typename Recorder, typename FingerprintOf, typename Sink>
void EvaluateLogupConstraintsWith(const Recorder& interactions, size_t per_column,
                                  FingerprintOf&& fingerprint, const LogupAuxValues& aux,
                                  Sink&& sink) {
  const size_t n = interactions.size();
  const size_t groups = n == 0 ? 0 : (n + per_column - 1) / per_column;
  Ext3 sum_h, sum_h_next;
  for (size_t j = 0; j < groups; ++j) {
    const size_t first = j * per_column;
    const size_t last = first + per_column < n ? first + per_column : n;
    // h * prod(phi) - sum_k m_k prod_{l != k} phi_l, accumulated as a fraction p / q.
    Ext3 numerator, denominator = Ext3::One();
    for (size_t k = first; k < last; ++k) {
      const auto& r = interactions[k];
      const Ext3 phi = fingerprint(r);
      numerator = numerator * phi + r.signed_multiplicity * denominator;
      denominator *= phi;
    }
    sink(aux.h[j] * denominator - numerator);
    sum_h += aux.h[j];
    sum_h_next += aux.h_next[j];
  }
  if (groups == 0) return;
  sink(aux.is_first_row * (aux.s - sum_h));
  sink(aux.is_transition * (aux.s_next - aux.s - sum_h_next));
  sink(aux.is_last_row * (aux.s - aux.total));
}

template <typename Recorder, typename Sink>
void EvaluateLogupConstraints(const Recorder& interactions, size_t per_column, const Ext3& z,
                              const Ext3& a, const LogupAuxValues& aux, Sink&& sink) {
  // a^1 .. a^w for the widest tuple, so each tuple value costs one product (the same value as
  // Fingerprint).
  size_t width = 0;
  for (size_t k = 0; k < interactions.size(); ++k) {
    if (interactions[k].length > width) width = interactions[k].length;
  }
  Ext3 a_powers[Recorder::kMaxTupleWidth];
  Ext3 power = a;
  for (size_t i = 0; i < width && i < Recorder::kMaxTupleWidth; ++i, power *= a)
    a_powers[i] = power;
  EvaluateLogupConstraintsWith(
      interactions, per_column,
      [&](const auto& r) {
        Ext3 acc(Felt::FromU64(r.bus));
        for (size_t i = 0; i < r.length; ++i) acc += a_powers[i] * r.values[i];
        return z - acc;
      },
      aux, sink);
}

}  // namespace zkvm::stark
