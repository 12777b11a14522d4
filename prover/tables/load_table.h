// The row fillers of the load table family; the AIR and its documentation (columns,
// constraints, interactions, guarantees) are in load_air.h.
#pragma once

#include "prover/tables/gadgets.h"
#include "prover/tables/load_air.h"
#include "prover/tables/vm_table.h"

namespace zkvm::prover {

// The row fillers, with the space of the word read given: `rom` is true when the load's byte
// address lies in the executable range [text_begin, text_end) (RowAccesses gives the word
// read the space ROM then).
void FillLoadW(const RowInput& in, bool rom, RowWriter& row, LookupSink* sink);
void FillLoadBh(const RowInput& in, bool rom, RowWriter& row, LookupSink* sink);

// The tables. Their Fill takes the word from RAM: RowInput does not carry the executable
// range, so a load from code must be filled with FillLoadW / FillLoadBh and rom = true.
const VmTable& LoadWTable();
const VmTable& LoadBhTable();

}  // namespace zkvm::prover
