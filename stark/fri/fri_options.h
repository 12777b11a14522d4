// The parameters of the batched FRI low-degree test (DESIGN.md section 5, phases 5-7; the
// protocol is in fri_layout.h, the prover in fri_prover.h, the verifier in fri_verifier.h).
//
// FRI (Ben-Sasson, Bentov, Horesh, Riabzev, "Fast Reed-Solomon Interactive Oracle Proofs of
// Proximity", ICALP 2018, "BBHR18"; notation as in Haböck, "A summary on the FRI low degree
// test", ePrint 2022/1216) tests that a function on an evaluation domain of size N is close to
// the Reed-Solomon code RS[N, rho] of rate rho = 1 / blowup, i.e. to the evaluations of a
// polynomial of degree < N / blowup. Each round folds the current function in half with a
// random challenge (arity 2: the domain shrinks by 2 per round; FriOptions::kLogArity is fixed
// at 1 for now, so every layer pairs x with -x and every Merkle leaf holds one such pair), until
// the last layer's polynomial has at most 2^log_final_poly_len coefficients, which the prover
// sends in the clear. After all commitments the prover grinds `grinding_bits` of proof of work, and
// the verifier checks `num_queries` random positions of the top domain through every layer.
// Soundness per query is roughly that of one sample of a function at relative distance delta from
// the code, delta up to the Johnson bound 1 - sqrt(rho) (Haböck section 4); the security calculator
// (not here) turns num_queries, grinding_bits and the blowup into bits.
//
// Freestanding (DESIGN.md section 7): shared by the host prover and the guest verifier.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace zkvm::stark {

// Supported ranges (checked by FriOptions::IsValid on both sides).
inline constexpr uint32_t kFriMinLogBlowup = 1;  // blowup 2
inline constexpr uint32_t kFriMaxLogBlowup = 4;  // blowup 16
inline constexpr uint32_t kFriMaxQueries = 1024;
inline constexpr uint32_t kFriMaxGrindingBits = 32;
inline constexpr uint32_t kFriMaxLogFinalPolyLen = 10;
inline constexpr uint32_t kFriMaxFinalCoeffs = uint32_t{1} << kFriMaxLogFinalPolyLen;

struct FriOptions {
  // Every round halves the domain (x and -x fold into x^2). Higher arities are not implemented.
  static constexpr uint32_t kLogArity = 1;

  // log2 of the blowup factor 1 / rho: a codeword of size N claims degree < N >> log_blowup.
  uint32_t log_blowup = 1;
  // Query positions checked through all layers (drawn with repetition).
  uint32_t num_queries = 0;
  // Leading zero bits of proof of work before the queries are drawn.
  uint32_t grinding_bits = 0;
  // Folding stops once the layer has at most 2^(log_final_poly_len + log_blowup) values (and
  // every input has been folded in); that layer is sent as the coefficients of its polynomial,
  // at most 2^log_final_poly_len of them (fewer when the inputs are that small). The same field
  // as ProofOptions::log_final_poly_len (stark/security/proof_options.h).
  uint32_t log_final_poly_len = 3;

  constexpr bool IsValid() const {
    return log_blowup >= kFriMinLogBlowup && log_blowup <= kFriMaxLogBlowup && num_queries >= 1 &&
           num_queries <= kFriMaxQueries && grinding_bits <= kFriMaxGrindingBits &&
           log_final_poly_len <= kFriMaxLogFinalPolyLen;
  }
};

}  // namespace zkvm::stark
