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
using BaseInteractionRecorder = InteractionRecorder<64, 8, Felt>;
using BaseInteractionEvaluator = InteractionEvaluator<64, 8, Felt>;

// The row's main and preprocessed values.
void RowValues(const TableTrace& trace, size_t row, std::vector<Felt>& main,
               std::vector<Felt>& preprocessed);

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
  std::vector<Felt> main, pre;
  {
    detail::BaseInteractionRecorder rec;
    detail::RowValues(trace, 0, main, pre);
    detail::BaseInteractionEvaluator e(main.data(), pre.data(), trace.public_values.data(), &rec);
    table.Evaluate(e);
    if (rec.overflow()) return MakeError("table {}: too many interactions per row", table.name());
    per_row = rec.size();
  }
  Ext3 a_powers[detail::BaseInteractionRecorder::kMaxTupleWidth];
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
    std::vector<Felt> multiplicities(block * per_row), main, pre;
    detail::BaseInteractionRecorder rec;
    for (size_t i = 0; i < block; ++i) {
      const size_t row = begin + i;
      rec.Clear();
      detail::RowValues(trace, row, main, pre);
      detail::BaseInteractionEvaluator e(main.data(), pre.data(), trace.public_values.data(), &rec);
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
