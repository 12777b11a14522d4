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

#include "prover/tables/air_common.h"

namespace zkvm::prover {

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

}  // namespace zkvm::prover
