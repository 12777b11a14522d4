// The syscall tables' row fillers (host); the AIRs and their documentation are in
// syscall_airs.h.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <vector>

#include "crypto/field/matrix.h"
#include "prover/tables/gadgets.h"
#include "prover/tables/syscall_airs.h"
#include "prover/tables/vm_table.h"

namespace zkvm::prover {

const VmTable& HaltTable();
const VmTable& WriteTable();

// One COMMIT_READ row: the word `w` read at clock `clk` (value `value`, from the space ROM when
// `rom`), consuming a token of timestamp `p`; m[i] COMMIT rows use its byte i.
struct CommitWord {
  uint64_t clk = 0;
  uint32_t w = 0;
  uint32_t value = 0;
  uint32_t gap = 0;  // the token's age (RoutedRow::prev_gap)
  bool rom = false;
  uint8_t m[4] = {};
};

// One COMMIT row.
struct CommitByte {
  uint64_t clk = 0;
  uint32_t addr = 0;
  uint32_t rem = 0;
  uint32_t idx = 0;
  uint8_t byte = 0;
};

// Row fillers for the two job tables (writer zeroed, as VmTable::Fill).
void FillCommitRead(const CommitWord& word, RowWriter& row, LookupSink* sink);
void FillCommit(const CommitByte& byte, RowWriter& row);

}  // namespace zkvm::prover
