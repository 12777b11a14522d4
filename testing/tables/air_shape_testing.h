// The shape checks every VM table's test makes of its AIR, as the AIR headers state them: no
// constraint above the degree bound, at most degree 3, `interactions` bus interactions with
// degree-1 tuple entries and multiplicities of at most `max_multiplicity_degree`.
#pragma once

#include <gtest/gtest.h>
#include <stddef.h>

#include "stark/air/air.h"

namespace zkvm::prover::testing {

template <typename Air>
void ExpectShape(const Air& air, size_t interactions, int max_multiplicity_degree = 2) {
  stark::DegreeEvaluator d;
  air.Evaluate(d);
  EXPECT_EQ(stark::FirstConstraintAboveDegree(air), -1) << air.name();
  EXPECT_LE(d.max_constraint_degree(), 3) << air.name();
  EXPECT_EQ(d.num_interactions(), interactions) << air.name();
  EXPECT_LE(d.max_fingerprint_degree(), 1) << air.name();
  EXPECT_LE(d.max_multiplicity_degree(), max_multiplicity_degree) << air.name();
}

}  // namespace zkvm::prover::testing
