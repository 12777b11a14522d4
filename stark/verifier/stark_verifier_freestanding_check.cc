// Compiled for rv32im, freestanding, by the stark_verifier_rv32_compile test: the verifier core
// (stark_verifier.h with a small AIR behind AirAdapter) needs no heap, exceptions, RTTI or
// standard library.
#include "stark/verifier/stark_verifier.h"

namespace {

using zkvm::stark::AirShape;

// a_{i+1} = b_i, b_{i+1} = a_i + b_i, a_0 = public value 0; sends a on bus 1 and receives it.
class TinyAir {
 public:
  const char* name() const { return "tiny"; }
  AirShape shape() const {
    return {.num_main_columns = 2, .num_public_values = 1, .max_degree = 3};
  }
  template <typename E>
  void Evaluate(E& e) const {
    e.Constrain(e.is_first_row() * (e.main(0) - e.public_value(0)));
    e.Constrain(e.is_transition() * (e.main_next(0) - e.main(1)));
    e.Constrain(e.is_transition() * (e.main_next(1) - e.main(0) - e.main(1)));
    e.Send(1, e.constant(1), {e.main(0)});
    e.Receive(1, e.constant(1), {e.main(0)});
  }
};

zkvm::stark::StarkVerifier<> g_verifier;

}  // namespace

bool VerifyTinyProof(const uint8_t* proof, size_t size) {
  const TinyAir air;
  const zkvm::stark::AirAdapter<TinyAir> adapter(air);
  const zkvm::crypto::Felt public_value = zkvm::crypto::Felt::One();
  const zkvm::stark::StarkTable table{&adapter, 3, &public_value, 1};
  zkvm::stark::StarkStatement statement;
  statement.tables = &table;
  statement.num_tables = 1;
  statement.options = zkvm::stark::kRecursionOptions;
  return g_verifier.Verify(statement, proof, size).ok();
}
