// The expectations every VM table's test makes (GoogleTest): the AIR's shape as its header
// states it, and no cell mutation of a filled trace that goes undetected.
#pragma once

#include <gtest/gtest.h>
#include <stddef.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "stark/air/air.h"
#include "testing/tables/table_testing.h"

namespace zkvm::prover::testing {

// No constraint above the degree bound, at most degree 3, `interactions` bus interactions with
// degree-1 tuple entries and multiplicities of at most `max_multiplicity_degree`.
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

// Adding each of `deltas` to any cell of the real rows breaks a constraint or changes the
// table's bus interactions (UndetectedMutations is empty).
inline void ExpectNoUndetectedMutations(const VmTable& table, const FilledTable& filled,
                                        std::initializer_list<uint64_t> deltas = {
                                            1, uint64_t{1} << 16, kMinusOne}) {
  for (uint64_t delta : deltas) {
    const std::vector<std::string> undetected =
        UndetectedMutations(table, filled, filled.real_rows, delta);
    EXPECT_TRUE(undetected.empty()) << "delta " << delta << ": " << undetected.front();
  }
}

}  // namespace zkvm::prover::testing
