// Part 1 of the tables' AIR adapters (table_airs.h).
#include "prover/tables/table_airs_part.h"

namespace zkvm::prover {
template const stark::ProverAir* TableAirInPart<1>(TableId t);
}  // namespace zkvm::prover
