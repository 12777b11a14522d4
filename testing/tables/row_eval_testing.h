// Test support for the control-flow tables' forgery tests: evaluates one row of a trace with a
// table's AIR and reports whether every constraint vanishes and every BYTE lookup is a row of
// BYTE, which next pc the row sends on EXEC and which memory tokens it emits. A forged row that the
// row checker accepts must still fail here (a lookup of an out-of-range limb) or send a next pc
// that no DECODE row holds.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <initializer_list>
#include <vector>

#include "crypto/field/felt.h"
#include "crypto/field/matrix.h"
#include "prover/tables/buses.h"
#include "prover/tables/byte_table.h"

namespace zkvm::prover::testing {

class RowEvaluator {
 public:
  using Expr = crypto::Felt;

  RowEvaluator(const crypto::ColumnMajorMatrix& trace, size_t row) : trace_(trace), row_(row) {}

  Expr main(size_t c) const { return trace_(row_, c); }
  Expr main_next(size_t c) const { return trace_((row_ + 1) % trace_.num_rows(), c); }
  Expr preprocessed(size_t) const { return Expr::Zero(); }
  Expr preprocessed_next(size_t) const { return Expr::Zero(); }
  Expr public_value(size_t) const { return Expr::Zero(); }
  Expr constant(uint64_t v) const { return Expr::FromU64(v); }
  Expr is_first_row() const { return Expr::FromU64(row_ == 0); }
  Expr is_last_row() const { return Expr::FromU64(row_ + 1 == trace_.num_rows()); }
  Expr is_transition() const { return Expr::FromU64(row_ + 1 != trace_.num_rows()); }

  void Constrain(Expr x) {
    if (!x.IsZero()) constraints_hold_ = false;
  }
  void Send(uint32_t bus, Expr m, std::initializer_list<Expr> v) {
    if (m.IsZero()) return;
    const std::vector<Expr> t(v);
    if (bus == kByteBus) {
      bool ok = t.size() == 4;
      for (const Expr& x : t) ok = ok && x.value() < (uint64_t{1} << 32);
      if (ok) {
        const ByteLookup l{static_cast<ByteOp>(t[0].value()), static_cast<uint32_t>(t[1].value()),
                           static_cast<uint32_t>(t[2].value()),
                           static_cast<uint32_t>(t[3].value())};
        ok = t[0].value() >= 1 && t[0].value() <= kNumByteOps && ByteRowOf(l).ok();
      }
      if (!ok) lookups_valid_ = false;
    }
    if (bus == kExecBus) next_pc_ = t[0];
    if (bus == kMemBus) mem_sends_.push_back(t);
  }
  void Receive(uint32_t, Expr, std::initializer_list<Expr>) {}

  // Constraints vanish and every BYTE lookup is a row of BYTE.
  bool accepted() const { return constraints_hold_ && lookups_valid_; }
  bool constraints_hold() const { return constraints_hold_; }
  Expr next_pc() const { return next_pc_; }
  // The tuples (space, addr, ts, value) the row sends on MEM, in order.
  const std::vector<std::vector<Expr>>& mem_sends() const { return mem_sends_; }

 private:
  const crypto::ColumnMajorMatrix& trace_;
  size_t row_;
  bool constraints_hold_ = true;
  bool lookups_valid_ = true;
  Expr next_pc_;
  std::vector<std::vector<Expr>> mem_sends_;
};

// Evaluates `air` on `row` of `trace`.
template <typename Air>
RowEvaluator EvaluateRow(const Air& air, const crypto::ColumnMajorMatrix& trace, size_t row) {
  RowEvaluator e(trace, row);
  air.Evaluate(e);
  return e;
}

}  // namespace zkvm::prover::testing
