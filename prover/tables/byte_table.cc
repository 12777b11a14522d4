#include "prover/tables/byte_table.h"

namespace zkvm::prover {

Result<size_t> ByteRowOf(const ByteLookup& l) {
  const auto op = static_cast<unsigned>(l.op);
  switch (l.op) {
    case ByteOp::kAnd:
    case ByteOp::kOr:
    case ByteOp::kXor: {
      if (l.x > 0xFF || l.y > 0xFF) {
        return MakeError("BYTE lookup op {}: operands ({}, {}) are not bytes", op, l.x, l.y);
      }
      const uint32_t want = l.op == ByteOp::kAnd  ? (l.x & l.y)
                            : l.op == ByteOp::kOr ? (l.x | l.y)
                                                  : (l.x ^ l.y);
      if (l.z != want) {
        return MakeError("BYTE lookup op {} ({}, {}): result {}, not {}", op, l.x, l.y, l.z, want);
      }
      return size_t{l.x} + 256 * size_t{l.y};
    }
    case ByteOp::kPair:
      if (l.x > 0xFF || l.y > 0xFF || l.z != 0) {
        return MakeError("BYTE lookup PAIR ({}, {}, {}): not a byte pair", l.x, l.y, l.z);
      }
      return size_t{l.x} + 256 * size_t{l.y};
    case ByteOp::kMsb:
      if (l.x > 0xFF || l.y != 0 || l.z != (l.x >> 7)) {
        return MakeError("BYTE lookup MSB ({}, {}, {}): no such row", l.x, l.y, l.z);
      }
      return size_t{l.x};
    case ByteOp::kR16:
      if (l.x > 0xFFFF || l.y != 0 || l.z != 0) {
        return MakeError("BYTE lookup R16 ({}, {}, {}): not a 16-bit value", l.x, l.y, l.z);
      }
      return size_t{l.x};
  }
  return MakeError("BYTE lookup: unknown op {}", op);
}

ColumnMajorMatrix BytePreprocessed() {
  ColumnMajorMatrix m(kByteTableRows, kNumBytePreprocessedColumns);
  for (size_t r = 0; r < kByteTableRows; ++r) {
    const uint64_t x = r & 0xFF, y = r >> 8;
    m(r, kByteX) = Felt::FromU64(x);
    m(r, kByteY) = Felt::FromU64(y);
    m(r, kByteAnd) = Felt::FromU64(x & y);
    m(r, kByteOr) = Felt::FromU64(x | y);
    m(r, kByteXor) = Felt::FromU64(x ^ y);
    m(r, kByteMsb) = Felt::FromU64(x >> 7);
  }
  return m;
}

ByteCounts::ByteCounts() {
  for (auto& c : counts_) c.assign(kByteTableRows, 0);
}

Status ByteCounts::Add(const ByteLookup& lookup, uint64_t times) {
  Result<size_t> row = ByteRowOf(lookup);
  if (!row.ok()) return row.error();
  counts_[static_cast<size_t>(lookup.op) - 1][*row] += times;
  return {};
}

uint64_t ByteCounts::count(ByteOp op, size_t row) const {
  return counts_[static_cast<size_t>(op) - 1][row];
}

ColumnMajorMatrix ByteCounts::Trace() const {
  ColumnMajorMatrix m(kByteTableRows, kNumByteMainColumns);
  for (size_t c = 0; c < kNumByteMainColumns; ++c) {
    for (size_t r = 0; r < kByteTableRows; ++r) m(r, c) = Felt::FromU64(counts_[c][r]);
  }
  return m;
}

Result<ColumnMajorMatrix> BuildByteTrace(std::span<const ByteLookup> lookups) {
  ByteCounts counts;
  for (size_t i = 0; i < lookups.size(); ++i) {
    if (Status s = counts.Add(lookups[i]); !s.ok()) {
      return MakeError("lookup {}: {}", i, s.message());
    }
  }
  return counts.Trace();
}

}  // namespace zkvm::prover
