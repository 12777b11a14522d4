#include "prover/tables/keccak_tables.h"

namespace zkvm::prover {
namespace {

constexpr bool RoundConstantsUseOnlyTheRcPositions() {
  uint64_t mask = 0;
  for (int p : kKeccakRcPositions) mask |= uint64_t{1} << p;
  for (uint64_t rc : crypto::kKeccakRoundConstants) {
    if ((rc & ~mask) != 0) return false;
  }
  return true;
}
static_assert(RoundConstantsUseOnlyTheRcPositions());
static_assert(keccak_cols::kAppp + 2 == keccak_cols::kCount);

void FillKeccakCallRow(const RowInput& in, RowWriter& row, LookupSink* sink) {
  using Col = KeccakCallAir::Col;
  const RoutedRow& r = *in.routed;
  const uint32_t x = in.step->rs2_value;
  // Routing only admits calls the executor accepted: x is 8-aligned and in range.
  const uint32_t lo = x / 8 - static_cast<uint32_t>(kKeccakMinQ);
  const uint32_t hi = static_cast<uint32_t>(kKeccakMaxQ) - x / 8;
  row.Set(Col::kReal, 1);
  row.Set(Col::kPc, in.step->pc);
  row.Set(Col::kClk, in.clk);
  row.Set(Col::kX, x);
  row.Set(Col::kL0, lo & 0xFFFF);
  row.Set(Col::kL1, lo >> 16);
  row.Set(Col::kH0, hi & 0xFFFF);
  row.Set(Col::kH1, hi >> 16);
  FillAccess(row, Col::kPA7, Col::kDA7, Timestamp(in.clk, kSlotRs1), r.prev_gap[0], sink);
  FillAccess(row, Col::kPA0, Col::kDA0, Timestamp(in.clk, kSlotRs2), r.prev_gap[1], sink);
  for (uint32_t v : {lo & 0xFFFF, lo >> 16, hi & 0xFFFF, hi >> 16}) AddR16(sink, v);
}

uint32_t Half(uint64_t lane, int h) { return static_cast<uint32_t>(lane >> (32 * h)); }

}  // namespace

const VmTable& KeccakCallTable() {
  static const VmTableOf<KeccakCallAir, FillKeccakCallRow, Accesses::kKeccakCall> table;
  return table;
}

void FillKeccakRound(uint64_t state[25], int round, const KeccakRowContext& ctx, RowWriter& row) {
  using namespace keccak_cols;
  row.Set(kReal, ctx.real);
  row.Set(kClk, ctx.clk);
  row.Set(kPtr, ctx.ptr);
  row.Set(kRound, static_cast<uint64_t>(round));
  row.Set(kFirst, round == 0);
  row.Set(kLast, round == crypto::kKeccakRounds - 1);
  const uint64_t rc = crypto::kKeccakRoundConstants[round];
  for (size_t k = 0; k < kKeccakRcBits; ++k) row.Set(kRc + k, (rc >> kKeccakRcPositions[k]) & 1);
  for (int i = 0; i < 25; ++i) {
    row.Set(kA + 2 * i, Half(state[i], 0));
    row.Set(kA + 2 * i + 1, Half(state[i], 1));
  }
  // Theta.
  uint64_t c[5], cp[5];
  for (int x = 0; x < 5; ++x) {
    c[x] = state[x] ^ state[x + 5] ^ state[x + 10] ^ state[x + 15] ^ state[x + 20];
  }
  for (int x = 0; x < 5; ++x) {
    cp[x] = c[x] ^ c[(x + 4) % 5] ^ crypto::RotateLeft64(c[(x + 1) % 5], 1);
  }
  uint64_t ap[25];
  for (int i = 0; i < 25; ++i) ap[i] = state[i] ^ c[i % 5] ^ cp[i % 5];
  for (int x = 0; x < 5; ++x) {
    for (int z = 0; z < 64; ++z) {
      row.Set(kC + 64 * x + z, (c[x] >> z) & 1);
      row.Set(kCp + 64 * x + z, (cp[x] >> z) & 1);
    }
  }
  for (int i = 0; i < 25; ++i) {
    for (int z = 0; z < 64; ++z) row.Set(kAp + 64 * i + z, (ap[i] >> z) & 1);
  }
  // Rho, pi, chi.
  uint64_t b[25];
  for (int i = 0; i < 25; ++i) {
    b[crypto::kKeccakPiDestination[i]] = crypto::RotateLeft64(ap[i], crypto::kKeccakRotations[i]);
  }
  for (int y = 0; y < 25; y += 5) {
    for (int x = 0; x < 5; ++x) {
      state[x + y] = b[x + y] ^ (~b[(x + 1) % 5 + y] & b[(x + 2) % 5 + y]);
    }
  }
  for (int i = 0; i < 25; ++i) {
    row.Set(kApp + 2 * i, Half(state[i], 0));
    row.Set(kApp + 2 * i + 1, Half(state[i], 1));
  }
  // Iota.
  for (size_t k = 0; k < kKeccakRcBits; ++k)
    row.Set(kT + k, (state[0] >> kKeccakRcPositions[k]) & 1);
  state[0] ^= rc;
  row.Set(kAppp, Half(state[0], 0));
  row.Set(kAppp + 1, Half(state[0], 1));
}

std::array<uint32_t, kKeccakStateWords> KeccakRowOutput(const RowWriter& row) {
  std::array<uint32_t, kKeccakStateWords> out;
  for (size_t j = 0; j < kKeccakStateWords; ++j) {
    const size_t col = j < 2 ? keccak_cols::kAppp + j : keccak_cols::kApp + j;
    out[j] = static_cast<uint32_t>(row.Get(col).value());
  }
  return out;
}

void FillKeccakMem(const KeccakCallRecord& call, size_t group, RowWriter& row, LookupSink* sink) {
  using Col = KeccakMemAir::Col;
  const size_t j0 = kKeccakGroupWords * group;
  row.Set(Col::kReal, 1);
  row.Set(Col::kClk, call.clk);
  row.Set(Col::kW, call.ptr + j0);
  for (size_t i = 0; i < kKeccakGroupWords; ++i) {
    row.Set(Col::kOld + i, call.before[j0 + i]);
    row.Set(Col::kNew + i, call.after[j0 + i]);
    FillAccess(row, Col::kP + i, Col::kD + i, Timestamp(call.clk, kSlotRam), call.gap[j0 + i],
               sink);
  }
}

uint32_t KeccakRcPacked(int round) {
  uint32_t packed = 0;
  for (size_t k = 0; k < kKeccakRcBits; ++k) {
    packed |=
        static_cast<uint32_t>((crypto::kKeccakRoundConstants[round] >> kKeccakRcPositions[k]) & 1)
        << k;
  }
  return packed;
}

ColumnMajorMatrix KeccakRcPreprocessed() {
  ColumnMajorMatrix m(kKeccakRcRows, KeccakRcAir::kNumPre);
  for (size_t r = 0; r < kKeccakRcRows; ++r) {
    // Rows past the last round repeat it, so a multiplicity there proves nothing new.
    const int round = static_cast<int>(std::min<size_t>(r, kKeccakRowsPerCall - 1));
    m(r, KeccakRcAir::kRound) = Felt::FromU64(static_cast<uint64_t>(round));
    m(r, KeccakRcAir::kFirst) = Felt::FromU64(round == 0);
    m(r, KeccakRcAir::kLast) = Felt::FromU64(round == crypto::kKeccakRounds - 1);
    m(r, KeccakRcAir::kRcPacked) = Felt::FromU64(KeccakRcPacked(round));
  }
  return m;
}

ColumnMajorMatrix KeccakRcTrace(std::span<const uint32_t> keccak_log_heights) {
  uint64_t counts[kKeccakRowsPerCall] = {};
  for (uint32_t log_rows : keccak_log_heights) {
    const uint64_t rows = uint64_t{1} << log_rows;
    for (size_t r = 0; r < kKeccakRowsPerCall; ++r) {
      counts[r] += rows / kKeccakRowsPerCall + (r < rows % kKeccakRowsPerCall ? 1 : 0);
    }
  }
  ColumnMajorMatrix m(kKeccakRcRows, 1);
  for (size_t r = 0; r < kKeccakRowsPerCall; ++r) m(r, 0) = Felt::FromU64(counts[r]);
  return m;
}

}  // namespace zkvm::prover
