// Part 0 of the tables' AIR adapters (table_airs.h).
#include "prover/tables/table_airs_part.h"

namespace zkvm::prover {
template const stark::ProverAir* TableAirInPart<0>(TableId t);
}  // namespace zkvm::prover
