// A statement's size as the security calculator counts it (freestanding): the host's
// StatementSecurityParameters (stark_verifier_host.h) reads it, and the recursion guest checks
// it against the representative statement the presets are pinned for
// (stark/security/representative.h).
#pragma once

#include <stdint.h>

#include "stark/protocol/stark_protocol.h"
#include "stark/security/representative.h"

namespace zkvm::stark {

struct StatementSize {
  uint32_t log_max_height = 0;
  uint32_t num_columns = 0;  // preprocessed + main + aux (base columns) + quotient chunks
  uint32_t num_constraints = 1;
  uint32_t max_constraint_degree = 2;
  uint64_t num_bus_fractions = 0;  // rows x interactions over all tables, plus public ones
  uint32_t num_height_classes = 0;
};

constexpr StatementSize MeasureStatement(const StarkStatement& statement,
                                         const StarkLayout& layout) {
  StatementSize z;
  z.num_height_classes = layout.num_fri_inputs;
  uint32_t constraints = 0;
  int degree = 2;
  for (uint32_t t = 0; t < layout.num_tables; ++t) {
    const StarkLayout::Table& lt = layout.tables[t];
    if (lt.log_height > z.log_max_height) z.log_max_height = lt.log_height;
    const TableColumns& c = lt.columns;
    z.num_columns += c.num_preprocessed + c.num_main + c.num_aux;
    // The AIR's constraints, its LogUp constraints (one per h column, three on s), and one for
    // its power of delta in its height class's quotient: the folded constraints are a
    // polynomial in (alpha, delta) of at most this total degree.
    constraints += statement.tables[t].air->num_constraints() + 1;
    if (lt.logup.num_aux_columns > 0) constraints += lt.logup.num_aux_columns - 1 + 3;
    const int d = statement.tables[t].air->shape().max_degree;
    if (d > degree) degree = d;
    z.num_bus_fractions += uint64_t{lt.logup.num_interactions} << lt.log_height;
  }
  for (uint32_t i = 0; i < layout.num_fri_inputs; ++i)
    z.num_columns += 3 * layout.quotient_chunks[i];
  z.num_constraints = constraints > 0 ? constraints : 1;
  z.max_constraint_degree = static_cast<uint32_t>(degree);
  z.num_bus_fractions += statement.num_public_interactions;
  return z;
}

// Every parameter at most the representative statement's (tuples are at most 8 wide by the
// interaction recorder's capacity; openings are always 2).
constexpr bool WithinRepresentativeStatement(const StatementSize& z) {
  return z.log_max_height <= kRepresentativeLogMaxHeight &&
         z.num_columns <= kRepresentativeColumns &&
         z.num_constraints <= kRepresentativeConstraints &&
         z.max_constraint_degree <= kRepresentativeDegree &&
         z.num_bus_fractions <= kRepresentativeBusFractions &&
         z.num_height_classes <= kRepresentativeHeightClasses;
}

}  // namespace zkvm::stark
