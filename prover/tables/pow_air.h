// The POW table (docs/tables.md section 4.5): a fixed lookup table of 64 rows that gives the
// shift tables (section 4.8) the power of two and the sign-fill mask of a shift amount on bus
// POW (section 6, id 5).
//
// Row r = s + 32 dir, for s in [0, 32) and dir in {0 = left, 1 = right}. Preprocessed columns
// (in the verifying key):
//   0 s     the shift amount
//   1 dir   the direction: 0 left, 1 right
//   2 P     the multiplier: left 2^s; right 2^(32 - s), and 1 when s = 0
//   3 F     the sign fill of an arithmetic right shift: right 2^32 - 2^(32 - s), the top s bits
//           of a u32 set, and 0 when s = 0; left 0
//   4 z     [s == 0] (both directions)
// Main column: 0 m, how many times the row's tuple was looked up.
// Interaction: Receive POW (s, dir, P, F, z) x m.
// No constraints: a lookup table with free multiplicities proves that every tuple sent on POW
// is one of its rows. So a sender that balances against this table knows s in [0, 32), dir
// boolean, and P, F, z as above; in particular P <= 2^31, which keeps a u32 times P below 2^63.
// 1 main + 3 * (1 + 1) aux = 7 committed cells per row.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "prover/tables/air_common.h"

namespace zkvm::prover {

inline constexpr size_t kPowTableRows = 64;

enum PowPreprocessedColumn : size_t {
  kPowS = 0,
  kPowDir = 1,
  kPowP = 2,
  kPowF = 3,
  kPowZ = 4,
  kNumPowPreprocessedColumns = 5,
};
inline constexpr size_t kNumPowMainColumns = 1;

// The values of POW row (s, dir), s < 32, dir < 2.
struct PowValues {
  uint64_t p = 0;
  uint64_t f = 0;
  uint32_t z = 0;
};
constexpr PowValues PowOf(uint32_t s, uint32_t dir) {
  if (s == 0) return {.p = 1, .f = 0, .z = 1};
  if (dir == 0) return {.p = uint64_t{1} << s, .f = 0, .z = 0};
  return {
      .p = uint64_t{1} << (32 - s), .f = (uint64_t{1} << 32) - (uint64_t{1} << (32 - s)), .z = 0};
}
constexpr size_t PowRow(uint32_t s, uint32_t dir) { return size_t{s} + 32 * size_t{dir}; }

class PowAir {
 public:
  const char* name() const { return "pow"; }
  AirShape shape() const {
    return {.num_main_columns = kNumPowMainColumns,
            .num_preprocessed_columns = kNumPowPreprocessedColumns,
            .max_degree = 3};
  }
  template <typename E>
  void Evaluate(E& e) const {
    e.Receive(kPowBus, e.main(0),
              {e.preprocessed(kPowS), e.preprocessed(kPowDir), e.preprocessed(kPowP),
               e.preprocessed(kPowF), e.preprocessed(kPowZ)});
  }
};

}  // namespace zkvm::prover
