// Builds a table's LogUp auxiliary columns (logup.h) from its trace and the bus challenges:
// the h_j columns (sums of the row's fractions, g per column) and the running sum s, as Ext3
// values per row, and the table's total. Rows are evaluated over F_p, in parallel blocks whose
// fingerprints are inverted with one field inversion each (Montgomery's trick). Host-only.
#pragma once

#include <fmt/format.h>
#include <tbb/parallel_for.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "base/result.h"
#include "stark/air/row_checker.h"
#include "stark/logup/logup.h"

namespace zkvm::stark {

struct LogupAux {
  size_t per_column = 0;             // fractions per h column
  std::vector<std::vector<Ext3>> h;  // h[j][row]
  std::vector<Ext3> s;               // running sum
  Ext3 total;                        // s[n - 1]
};

namespace detail {

// out[i] = in[i]^-1 (in[i] != 0), with one inversion.
void BatchInverseExt3(const std::vector<Ext3>& in, std::vector<Ext3>& out);

// The row's main and preprocessed values as Ext3.
void RowAsExt3(const TableTrace& trace, size_t row, std::vector<Ext3>& main,
               std::vector<Ext3>& preprocessed);

// A row's interactions with base-field values: the prover's rows are in F_p, so tuples and
// multiplicities stay in F_p and only the fingerprints live in Ext3.
class BaseInteractionRecorder {
 public:
  static constexpr size_t kMaxInteractions = 64;
  static constexpr size_t kMaxTuple = 8;
  struct Record {
    uint32_t bus = 0;
    Felt signed_multiplicity;  // +m for Send, -m for Receive
    size_t length = 0;
    Felt values[kMaxTuple];
  };

  void Add(uint32_t bus, Felt m, std::initializer_list<Felt> values, bool send) {
    if (size_ == kMaxInteractions || values.size() > kMaxTuple) {
      overflow_ = true;
      return;
    }
    Record& r = records_[size_++];
    r.bus = bus;
    r.signed_multiplicity = send ? m : -m;
    r.length = 0;
    for (const Felt v : values) r.values[r.length++] = v;
  }
  void Clear() { size_ = 0; }
  size_t size() const { return size_; }
  bool overflow() const { return overflow_; }
  const Record& operator[](size_t i) const { return records_[i]; }

 private:
  Record records_[kMaxInteractions];
  size_t size_ = 0;
  bool overflow_ = false;
};

// The AIR evaluator that records one row's interactions over F_p (Expr = Felt).
class BaseInteractionEvaluator {
 public:
  using Expr = Felt;

  BaseInteractionEvaluator(const TableTrace& trace, size_t row, BaseInteractionRecorder* out)
      : trace_(trace), row_(row), out_(out) {}

  Expr main(size_t c) const { return trace_.main(row_, c); }
  Expr preprocessed(size_t c) const { return trace_.preprocessed(row_, c); }
  Expr public_value(size_t i) const { return trace_.public_values[i]; }
  Expr constant(uint64_t v) const { return Felt::FromU64(v); }
  // Interactions never read these (InteractionsUseOnlyCurrentRow).
  Expr main_next(size_t) const { return Felt(); }
  Expr preprocessed_next(size_t) const { return Felt(); }
  Expr is_first_row() const { return Felt(); }
  Expr is_last_row() const { return Felt(); }
  Expr is_transition() const { return Felt(); }

  void Constrain(const Expr&) {}
  void Send(uint32_t bus, const Expr& m, std::initializer_list<Expr> v) {
    out_->Add(bus, m, v, true);
  }
  void Receive(uint32_t bus, const Expr& m, std::initializer_list<Expr> v) {
    out_->Add(bus, m, v, false);
  }

 private:
  const TableTrace& trace_;
  size_t row_;
  BaseInteractionRecorder* out_;
};

// Fingerprint(z, a, bus, v) for base-field v, with a_powers[i] = a^(i + 1): the same value as
// the Ext3 version (logup.h), at three base multiplications per tuple entry.
inline Ext3 BaseFingerprint(const Ext3& z, const Ext3* a_powers, uint32_t bus, const Felt* values,
                            size_t n) {
  Ext3 acc(Felt::FromU64(bus));
  for (size_t i = 0; i < n; ++i) acc += a_powers[i] * values[i];
  return z - acc;
}

// Rows per parallel task of BuildLogupAux.
inline constexpr size_t kLogupBlockRows = 1024;

}  // namespace detail

// The aux columns of `table` over `trace`. Rows are processed in parallel blocks (each block's
// fingerprints inverted with one inversion), the running sum in one pass after; the result does
// not depend on the thread count. Errors name the first failing row.
template <AirTable T>
Result<LogupAux> BuildLogupAux(const T& table, const TableTrace& trace, const Ext3& z,
                               const Ext3& a) {
  if (!InteractionsUseOnlyCurrentRow(table)) {
    return MakeError("table {}: a bus interaction uses a next-row value or a selector",
                     table.name());
  }
  DegreeEvaluator degrees;
  table.Evaluate(degrees);
  LogupAux aux;
  const size_t rows = trace.main.num_rows();
  if (degrees.num_interactions() == 0) return aux;
  aux.per_column = InteractionsPerColumn(table.shape().max_degree, degrees.max_fingerprint_degree(),
                                         degrees.max_multiplicity_degree());
  if (aux.per_column == 0) {
    return MakeError("table {}: its degree bound {} cannot hold a LogUp constraint", table.name(),
                     table.shape().max_degree);
  }
  size_t per_row = 0;
  {
    detail::BaseInteractionRecorder rec;
    detail::BaseInteractionEvaluator e(trace, 0, &rec);
    table.Evaluate(e);
    if (rec.overflow()) return MakeError("table {}: too many interactions per row", table.name());
    per_row = rec.size();
  }
  Ext3 a_powers[detail::BaseInteractionRecorder::kMaxTuple];
  Ext3 power = a;
  for (Ext3& p : a_powers) {
    p = power;
    power *= a;
  }
  const size_t groups = (per_row + aux.per_column - 1) / aux.per_column;
  aux.h.assign(groups, std::vector<Ext3>(rows));
  aux.s.assign(rows, Ext3());
  const size_t block = rows < detail::kLogupBlockRows ? rows : detail::kLogupBlockRows;
  const size_t num_blocks = rows / block;
  // Per block: the first failing row (rows when none) and its message.
  std::vector<size_t> bad_row(num_blocks, rows);
  std::vector<std::string> bad_message(num_blocks);
  tbb::parallel_for(size_t{0}, num_blocks, [&](size_t b) {
    const size_t begin = b * block;
    std::vector<Ext3> phis(block * per_row), inverses;
    std::vector<Felt> multiplicities(block * per_row);
    detail::BaseInteractionRecorder rec;
    for (size_t i = 0; i < block; ++i) {
      const size_t row = begin + i;
      rec.Clear();
      detail::BaseInteractionEvaluator e(trace, row, &rec);
      table.Evaluate(e);
      if (rec.overflow() || rec.size() != per_row) {
        bad_row[b] = row;
        bad_message[b] = fmt::format("table {}: row {} has {} interactions, row 0 has {}",
                                     table.name(), row, rec.size(), per_row);
        return;
      }
      for (size_t k = 0; k < per_row; ++k) {
        const Ext3 phi =
            detail::BaseFingerprint(z, a_powers, rec[k].bus, rec[k].values, rec[k].length);
        if (phi.IsZero()) {
          bad_row[b] = row;
          bad_message[b] =
              fmt::format("table {}, row {}: fingerprint {} is zero (redraw the challenges)",
                          table.name(), row, k);
          return;
        }
        phis[i * per_row + k] = phi;
        multiplicities[i * per_row + k] = rec[k].signed_multiplicity;
      }
    }
    detail::BatchInverseExt3(phis, inverses);
    for (size_t i = 0; i < block; ++i) {
      for (size_t k = 0; k < per_row; ++k) {
        aux.h[k / aux.per_column][begin + i] +=
            inverses[i * per_row + k] * multiplicities[i * per_row + k];
      }
    }
  });
  for (size_t b = 0; b < num_blocks; ++b) {
    if (bad_row[b] != rows) return Error{bad_message[b]};
  }
  Ext3 running;
  for (size_t row = 0; row < rows; ++row) {
    for (size_t j = 0; j < groups; ++j) running += aux.h[j][row];
    aux.s[row] = running;
  }
  aux.total = running;
  return aux;
}

}  // namespace zkvm::stark
