// BYTE's preprocessed columns and lookup counting (host); the AIR and its documentation are in
// byte_air.h.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <array>
#include <span>
#include <vector>

#include "base/result.h"
#include "crypto/field/matrix.h"
#include "prover/tables/buses.h"
#include "prover/tables/byte_air.h"
#include "stark/air/air.h"

namespace zkvm::prover {

using crypto::ColumnMajorMatrix;
using crypto::Felt;
using stark::AirShape;

// One lookup a table makes on bus BYTE: the tuple (op, x, y, z).
struct ByteLookup {
  ByteOp op = ByteOp::kAnd;
  uint32_t x = 0, y = 0, z = 0;

  static ByteLookup And(uint32_t x, uint32_t y) { return {ByteOp::kAnd, x, y, x & y}; }
  static ByteLookup Or(uint32_t x, uint32_t y) { return {ByteOp::kOr, x, y, x | y}; }
  static ByteLookup Xor(uint32_t x, uint32_t y) { return {ByteOp::kXor, x, y, x ^ y}; }
  static ByteLookup Pair(uint32_t x, uint32_t y) { return {ByteOp::kPair, x, y, 0}; }
  static ByteLookup Msb(uint32_t x) { return {ByteOp::kMsb, x, 0, (x >> 7) & 1}; }
  static ByteLookup R16(uint32_t x) { return {ByteOp::kR16, x, 0, 0}; }
};

// The row of the table that answers `lookup`, or an error when no row does (an operand out of
// range, a wrong result, a nonzero unused entry): such a lookup cannot balance.
Result<size_t> ByteRowOf(const ByteLookup& lookup);

// The preprocessed matrix: 2^16 rows x 6 columns, as laid out above.
ColumnMajorMatrix BytePreprocessed();

// Accumulates the multiplicities of lookups (the routing pass of docs/tables.md section 5 adds
// each lookup as it meets it), then writes the main trace.
class ByteCounts {
 public:
  ByteCounts();
  // Counts `lookup` once (or `times` times); an error, and nothing counted, when no row answers
  // it.
  Status Add(const ByteLookup& lookup, uint64_t times = 1);
  // The count of `op` at `row`.
  uint64_t count(ByteOp op, size_t row) const;
  // The main trace: 2^16 rows x 6 multiplicity columns.
  ColumnMajorMatrix Trace() const;

 private:
  std::array<std::vector<uint64_t>, kNumByteOps> counts_;
};

// Convenience: the main trace for a list of lookups; fails on the first lookup no row answers.
Result<ColumnMajorMatrix> BuildByteTrace(std::span<const ByteLookup> lookups);

}  // namespace zkvm::prover
