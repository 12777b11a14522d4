// Test AIRs for the STARK engine (DESIGN.md section 5), with builders of valid traces:
//   - FibonacciAir: one table, boundary constraints on public values;
//   - a three-table pipeline over two buses, of three different heights, one table with a
//     preprocessed column and a multiplicity column (a producer/consumer lookup):
//       WordSourceAir (height 8):  w_{i+1} = w_i + step; sends each w on the word bus;
//       BytesAir (height 16):      receives words (multiplicity `active`), splits each into 4
//                                  bytes, sends each byte on the byte bus;
//       ByteRangeAir (height 256): preprocessed column 0..255; receives bytes with the
//                                  multiplicity column (how often each byte value occurs).
// Freestanding (the guest verifier smoke test uses FibonacciAir); the host-side trace builders
// are in test_traces.h.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "stark/air/air.h"

namespace zkvm::stark::testing {

enum Bus : uint32_t { kWordBus = 1, kByteBus = 2 };

// Columns: a, b. Public values: a_0, b_0, b_{n-1}.
class FibonacciAir {
 public:
  const char* name() const { return "fibonacci"; }
  AirShape shape() const {
    return {.num_main_columns = 2, .num_public_values = 3, .max_degree = 2};
  }
  template <typename E>
  void Evaluate(E& e) const {
    const auto a = e.main(0), b = e.main(1);
    e.Constrain(e.is_first_row() * (a - e.public_value(0)));
    e.Constrain(e.is_first_row() * (b - e.public_value(1)));
    e.Constrain(e.is_transition() * (e.main_next(0) - b));
    e.Constrain(e.is_transition() * (e.main_next(1) - (a + b)));
    e.Constrain(e.is_last_row() * (b - e.public_value(2)));
  }
};

// Columns: w. Public values: w_0, step.
class WordSourceAir {
 public:
  const char* name() const { return "word_source"; }
  AirShape shape() const {
    return {.num_main_columns = 1, .num_public_values = 2, .max_degree = 2};
  }
  template <typename E>
  void Evaluate(E& e) const {
    const auto w = e.main(0);
    e.Constrain(e.is_first_row() * (w - e.public_value(0)));
    e.Constrain(e.is_transition() * (e.main_next(0) - w - e.public_value(1)));
    e.Send(kWordBus, e.constant(1), {w});
  }
};

// Columns: active, x, b0, b1, b2, b3.
class BytesAir {
 public:
  const char* name() const { return "bytes"; }
  AirShape shape() const { return {.num_main_columns = 6, .max_degree = 2}; }
  template <typename E>
  void Evaluate(E& e) const {
    const auto active = e.main(0), x = e.main(1);
    e.Constrain(active * (active - e.constant(1)));
    e.Constrain(x - (e.main(2) + e.constant(1u << 8) * e.main(3) +
                     e.constant(1u << 16) * e.main(4) + e.constant(1u << 24) * e.main(5)));
    e.Receive(kWordBus, active, {x});
    for (size_t i = 2; i < 6; ++i) e.Send(kByteBus, active, {e.main(i)});
  }
};

// Preprocessed: value (0..255). Main: multiplicity.
class ByteRangeAir {
 public:
  const char* name() const { return "byte_range"; }
  AirShape shape() const {
    return {.num_main_columns = 1, .num_preprocessed_columns = 1, .max_degree = 2};
  }
  template <typename E>
  void Evaluate(E& e) const {
    e.Receive(kByteBus, e.main(0), {e.preprocessed(0)});
  }
};

}  // namespace zkvm::stark::testing
