// The tables' AIR adapters (stark::ProverAirAdapter over each table's AIR: constraint checks,
// LogUp columns, the quotient's constraint folding) are the heaviest code the build compiles.
// They are instantiated in kTableAirParts translation units, table_airs_<k>.cc, table t in part
// t mod kTableAirParts, so that compiling them spreads over cores; TableAir (table_registry.h)
// picks the part. Internal to this folder.
#pragma once

#include <stddef.h>

#include "prover/tables/table_list.h"
#include "stark/prover/stark_prover.h"

namespace zkvm::prover {

inline constexpr size_t kTableAirParts = 4;

// Table t's AIR adapter when t lies in part `Part`, else nullptr. Defined in
// table_airs_part.h, instantiated once per part.
template <size_t Part>
const stark::ProverAir* TableAirInPart(TableId t);

}  // namespace zkvm::prover
