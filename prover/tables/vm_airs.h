// The verifier's view of every VM table's AIR, by table id (freestanding declaration). The host
// defines it as the prover's adapter (table_registry.cc); the guest verifier links
// vm_airs.cc, one static AirAdapter per table class.
#pragma once

#include "prover/tables/air_common.h"
#include "stark/protocol/stark_air.h"

namespace zkvm::prover {

const stark::StarkAir& VmStarkAir(TableId t);

}  // namespace zkvm::prover
