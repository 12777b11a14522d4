// The BYTE table (docs/tables.md section 4.5): a fixed lookup table of 2^16 rows that answers
// every byte-level question the instruction tables ask on bus BYTE (section 6, id 4).
//
// Row r = x + 256 y, for x, y in [0, 256). Preprocessed columns (in the verifying key):
//   0 x         the low byte of r
//   1 y         the high byte of r
//   2 and       x & y
//   3 or        x | y
//   4 xor       x ^ y
//   5 msb       x >> 7, the most significant bit of x
// Main columns, one multiplicity per op (how many times the row's tuple was looked up):
//   0 m_and, 1 m_or, 2 m_xor, 3 m_pair, 4 m_msb, 5 m_r16
// Interactions (all Receive on bus BYTE, each with its multiplicity column):
//   (AND, x, y, x & y), (OR, x, y, x | y), (XOR, x, y, x ^ y), (PAIR, x, y, 0),
//   (MSB, x, 0, msb), (R16, x + 256 y, 0, 0).
// No constraints: a lookup table with free multiplicities proves that every tuple sent on the
// bus is one of its rows. So a sender that balances against this table knows:
//   AND/OR/XOR: x and y are bytes and z is their bitwise and / or / xor;
//   PAIR:       x and y are both bytes;
//   MSB:        x is a byte and z is its top bit;
//   R16:        x is in [0, 2^16) (a check of x < 2^k is a lookup of 2^(16-k) x).
// Unused tuple entries are the constant 0, which a sender must match. Every tuple entry is of
// degree 1 and every multiplicity a column, so the six interactions pack two per Ext3 aux
// column: 6 main + 3 * (3 + 1) aux = 18 committed cells per row.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <array>
#include <span>
#include <vector>

#include "base/result.h"
#include "crypto/field/matrix.h"
#include "prover/tables/buses.h"
#include "stark/air/air.h"

namespace zkvm::prover {

using crypto::ColumnMajorMatrix;
using crypto::Felt;
using stark::AirShape;

// The op ids on bus BYTE; the tuple's first entry. 0 is no op (padding rows of senders).
enum class ByteOp : uint8_t { kAnd = 1, kOr = 2, kXor = 3, kPair = 4, kMsb = 5, kR16 = 6 };
inline constexpr size_t kNumByteOps = 6;
inline constexpr size_t kByteTableLogRows = 16;
inline constexpr size_t kByteTableRows = size_t{1} << kByteTableLogRows;

// Column indices.
enum BytePreprocessedColumn : size_t {
  kByteX = 0,
  kByteY = 1,
  kByteAnd = 2,
  kByteOr = 3,
  kByteXor = 4,
  kByteMsb = 5,
  kNumBytePreprocessedColumns = 6,
};
// Main column of op `op` is static_cast<size_t>(op) - 1.
inline constexpr size_t kNumByteMainColumns = kNumByteOps;

class ByteAir {
 public:
  const char* name() const { return "byte"; }
  AirShape shape() const {
    return {.num_main_columns = kNumByteMainColumns,
            .num_preprocessed_columns = kNumBytePreprocessedColumns,
            .max_degree = 3};
  }
  template <typename E>
  void Evaluate(E& e) const {
    const auto x = e.preprocessed(kByteX), y = e.preprocessed(kByteY);
    const auto zero = e.constant(0);
    const auto op = [&](ByteOp o) { return e.constant(static_cast<uint64_t>(o)); };
    const auto m = [&](ByteOp o) { return e.main(static_cast<size_t>(o) - 1); };
    e.Receive(kByteBus, m(ByteOp::kAnd), {op(ByteOp::kAnd), x, y, e.preprocessed(kByteAnd)});
    e.Receive(kByteBus, m(ByteOp::kOr), {op(ByteOp::kOr), x, y, e.preprocessed(kByteOr)});
    e.Receive(kByteBus, m(ByteOp::kXor), {op(ByteOp::kXor), x, y, e.preprocessed(kByteXor)});
    e.Receive(kByteBus, m(ByteOp::kPair), {op(ByteOp::kPair), x, y, zero});
    e.Receive(kByteBus, m(ByteOp::kMsb), {op(ByteOp::kMsb), x, zero, e.preprocessed(kByteMsb)});
    e.Receive(kByteBus, m(ByteOp::kR16), {op(ByteOp::kR16), x + e.constant(256) * y, zero, zero});
  }
};

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
