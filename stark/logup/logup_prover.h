// Builds a table's LogUp auxiliary columns (logup.h) from its trace and the bus challenges:
// the h_j columns (sums of the row's fractions, g per column) and the running sum s, as Ext3
// values per row, and the table's total. All fingerprints of the table are inverted with one
// field inversion (Montgomery's trick). Host-only.
#pragma once

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

}  // namespace detail

template <AirTable T>
Result<LogupAux> BuildLogupAux(const T& table, const TableTrace& trace, const Ext3& z,
                               const Ext3& a) {
  using Evaluator = InteractionEvaluator<>;
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
  // Pass 1: every fingerprint and signed multiplicity.
  std::vector<Ext3> phis, multiplicities;
  std::vector<Ext3> main, pre;
  size_t per_row = 0;
  for (size_t row = 0; row < rows; ++row) {
    detail::RowAsExt3(trace, row, main, pre);
    typename Evaluator::Recorder rec;
    Evaluator e(main.data(), pre.data(), trace.public_values.data(), &rec);
    table.Evaluate(e);
    if (rec.overflow()) return MakeError("table {}: too many interactions per row", table.name());
    if (row == 0) per_row = rec.size();
    if (rec.size() != per_row) {
      return MakeError("table {}: row {} has {} interactions, row 0 has {}", table.name(), row,
                       rec.size(), per_row);
    }
    for (size_t k = 0; k < rec.size(); ++k) {
      const Ext3 phi = Fingerprint(z, a, rec[k].bus, rec[k].values, rec[k].length);
      if (phi.IsZero()) {
        return MakeError("table {}, row {}: fingerprint {} is zero (redraw the challenges)",
                         table.name(), row, k);
      }
      phis.push_back(phi);
      multiplicities.push_back(rec[k].signed_multiplicity);
    }
  }
  std::vector<Ext3> inverses;
  detail::BatchInverseExt3(phis, inverses);
  // Pass 2: the columns.
  const size_t groups = (per_row + aux.per_column - 1) / aux.per_column;
  aux.h.assign(groups, std::vector<Ext3>(rows));
  aux.s.assign(rows, Ext3());
  Ext3 running;
  for (size_t row = 0; row < rows; ++row) {
    for (size_t k = 0; k < per_row; ++k) {
      const size_t i = row * per_row + k;
      aux.h[k / aux.per_column][row] += multiplicities[i] * inverses[i];
    }
    for (size_t j = 0; j < groups; ++j) running += aux.h[j][row];
    aux.s[row] = running;
  }
  aux.total = running;
  return aux;
}

}  // namespace zkvm::stark
