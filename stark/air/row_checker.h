// The row checker: runs a table's constraints (air.h) on a concrete trace, row by row, before
// any proving. It checks the trace's shape against the table's declared shape, the declared
// degree bound against the symbolic degrees, and every constraint on every row, and records the
// bus interactions in a BusLedger. Failures name the table, the row and the constraint:
// "table fibonacci, row 7: constraint 3 evaluates to 12, not 0". The prover runs it in debug
// mode; tests run it to show which mutations the constraints catch. Host-only.
#pragma once

#include <fmt/format.h>
#include <stdint.h>

#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "crypto/field/matrix.h"
#include "stark/air/air.h"
#include "stark/air/bus_ledger.h"

namespace zkvm::stark {

using crypto::ConstMatrixView;

// A table's trace as the checker sees it: column-major main and preprocessed matrices of the
// same power-of-two height (preprocessed may be empty) and the statement's public values.
struct TableTrace {
  ConstMatrixView main;
  ConstMatrixView preprocessed;
  std::span<const Felt> public_values;
};

// Felt-valued evaluator for one row.
class RowEvaluator {
 public:
  using Expr = Felt;

  RowEvaluator(const TableTrace& t, size_t row)
      : t_(t), row_(row), next_((row + 1) % t.main.num_rows()), last_(t.main.num_rows() - 1) {}

  Expr main(size_t c) const { return t_.main.column(c)[row_]; }
  Expr main_next(size_t c) const { return t_.main.column(c)[next_]; }
  Expr preprocessed(size_t c) const { return t_.preprocessed.column(c)[row_]; }
  Expr preprocessed_next(size_t c) const { return t_.preprocessed.column(c)[next_]; }
  Expr public_value(size_t i) const { return t_.public_values[i]; }
  Expr constant(uint64_t v) const { return Felt::FromU64(v); }
  Expr is_first_row() const { return row_ == 0 ? Felt::One() : Felt::Zero(); }
  Expr is_last_row() const { return row_ == last_ ? Felt::One() : Felt::Zero(); }
  Expr is_transition() const { return row_ != last_ ? Felt::One() : Felt::Zero(); }

  void Constrain(Expr x) {
    if (!x.IsZero() && failed_constraint_ < 0) {
      failed_constraint_ = static_cast<long>(num_constraints_);
      failed_value_ = x;
    }
    ++num_constraints_;
  }
  void Send(uint32_t bus, Expr m, std::initializer_list<Expr> values) {
    interactions_.push_back({bus, m, std::vector<Felt>(values), true});
  }
  void Receive(uint32_t bus, Expr m, std::initializer_list<Expr> values) {
    interactions_.push_back({bus, m, std::vector<Felt>(values), false});
  }

  struct Interaction {
    uint32_t bus;
    Felt multiplicity;
    std::vector<Felt> tuple;
    bool send;
  };
  long failed_constraint() const { return failed_constraint_; }
  Felt failed_value() const { return failed_value_; }
  const std::vector<Interaction>& interactions() const { return interactions_; }

 private:
  const TableTrace& t_;
  size_t row_, next_, last_;
  size_t num_constraints_ = 0;
  long failed_constraint_ = -1;
  Felt failed_value_;
  std::vector<Interaction> interactions_;
};

// Checks `trace` against `table`; records interactions in `ledger` when given. The first
// problem found is returned as the error. Only rows in [row_begin, row_end) are evaluated (the
// shape is always checked): a change to row r of a trace that passed can only break rows r - 1
// and r, which is how the mutation tests stay fast on wide tables.
template <AirTable T>
Status CheckTable(const T& table, const TableTrace& trace, BusLedger* ledger = nullptr,
                  size_t row_begin = 0, size_t row_end = SIZE_MAX) {
  const AirShape shape = table.shape();
  const char* name = table.name();
  const size_t rows = trace.main.num_rows();
  if (rows < 2 || (rows & (rows - 1)) != 0) {
    return MakeError("table {}: height {} is not a power of two >= 2", name, rows);
  }
  if (trace.main.num_cols() != shape.num_main_columns) {
    return MakeError("table {}: {} main columns, the AIR declares {}", name, trace.main.num_cols(),
                     shape.num_main_columns);
  }
  if (trace.preprocessed.num_cols() != shape.num_preprocessed_columns ||
      (shape.num_preprocessed_columns > 0 && trace.preprocessed.num_rows() != rows)) {
    return MakeError(
        "table {}: preprocessed matrix is {} x {}, the AIR declares {} columns of "
        "height {}",
        name, trace.preprocessed.num_rows(), trace.preprocessed.num_cols(),
        shape.num_preprocessed_columns, rows);
  }
  if (trace.public_values.size() != shape.num_public_values) {
    return MakeError("table {}: {} public values, the AIR declares {}", name,
                     trace.public_values.size(), shape.num_public_values);
  }
  DegreeEvaluator degrees;
  table.Evaluate(degrees);
  if (const long bad = FirstConstraintAboveDegree(table); bad >= 0) {
    return MakeError("table {}: constraint {} has degree {}, above the declared bound {}", name,
                     bad, degrees.constraint_degree(static_cast<size_t>(bad)), shape.max_degree);
  }
  for (size_t row = row_begin; row < rows && row < row_end; ++row) {
    RowEvaluator e(trace, row);
    table.Evaluate(e);
    if (e.failed_constraint() >= 0) {
      return MakeError("table {}, row {}: constraint {} evaluates to {}, not 0", name, row,
                       e.failed_constraint(), e.failed_value().value());
    }
    if (ledger != nullptr) {
      for (const auto& i : e.interactions()) {
        ledger->Add(i.bus, i.tuple, i.multiplicity, i.send, name, row);
      }
    }
  }
  return {};
}

}  // namespace zkvm::stark
