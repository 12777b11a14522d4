// The provable-security calculator (DESIGN.md section 5): how many bits of soundness a proof
// made with given ProofOptions has, for a statement of a given shape, in the list-decoding
// (Johnson-bound) regime, counting grinding; plus the conjectured figure for comparison, the
// smallest query count that reaches a target, and the check the prover and verifier apply.
//
// Protocol analysed (docs/stark.md): field F_p, p = 2^64 - 2^32 + 1; every challenge in the cubic
// extension F = F_p^3, |F| = p^3 (log2 |F| = 191.99999...). Tables of power-of-two heights, the
// tallest k = 2^h rows, committed on an LDE of rate rho = 1/blowup, so the largest evaluation
// domain has n = k / rho points. LogUp challenges (z, a); composition challenge; one
// out-of-domain point zeta, every column opened at s points (zeta, zeta * omega: s = 2); one
// batched FRI over the N = num_columns * s DEEP quotients, combined with powers of one
// challenge, folded with arity 2^fri_log_arity down to a final polynomial of 2^log_final_poly_len
// coefficients; g grinding bits before the q query positions are drawn.
//
// Notation. For an integer m >= 3 (the Johnson parameter of [BCIKS20, Thm 7.2/7.4, 8.3] and
// [Hab22, Thm 2]):
//   alpha = sqrt(rho) (1 + 1/(2m))            agreement, per-query acceptance bound
//   theta = 1 - alpha                         proximity parameter, below the Johnson
//                                             radius 1 - sqrt(rho)
//   rho+  = (k + s) / n                       rate of the codes the DEEP quotients are
//                                             decoded in [Hab22, sec. 5; "rho+" in the
//                                             RISC Zero and ethereum/soundcalc calculators]
//   m+    = ceil(sqrt(rho+) / (2 (alpha - sqrt(rho+))))   smallest m+ with
//                                             sqrt(rho+) (1 + 1/(2 m+)) <= alpha
//   L+    = (m+ + 1/2) / sqrt(rho+)           Johnson (Guruswami-Sudan) list-size bound at
//                                             agreement alpha, as in [Hab22, Thm 8]
//   L     = (L+)^H                            joint list size over the H height classes
//                                             (assumption A3 below)
//   E_pg(x) = (m + 1/2)^7 x^2 / (3 rho^(3/2) |F|)   [BCIKS20, Thm 7.2/7.4, first term]
//   E_w     = (2m + 1) (n + 1) / (sqrt(rho) |F|)    [BCIKS20, Thm 7.2/7.4, second term, with
//                                                   the weights' denominator M times the
//                                                   folded domain size = n]
//
// Error terms (each is the probability, over one verifier challenge, of a bad event):
//   logup       L * 2 T w / |F|                   T LogUp fractions in all, w = widest tuple
//                                                 (assumption A1)
//   ali         L * C / |F|                       C constraints folded with powers of one
//                                                 challenge [Hab22, Thm 8 (ALI)]
//   deep        L * (d (k + s - 1) + (k - 1)) / (|F| - k - n)
//                                                 d = max constraint degree [Hab22, Thm 8
//                                                 (DEEP)]; also ethSTARK [2021/582, sec. 5]
//   fri_batch   (N - 1) (E_pg(n) + E_w)           the DEEP quotients combined with powers of
//                                                 one challenge: a parameterized curve of
//                                                 degree N - 1 [BCIKS20, Thm 7.2, event E^(0)
//                                                 of Lemma 8.2]
//   fri_fold_i  a_i (E_pg(n_i / a_i) + E_w)       folding round i, arity a_i, from a domain of
//                                                 n_i points; a curve of degree a_i - 1
//                                                 [BCIKS20, Thm 7.2, events E^(i) of Lemma
//                                                 8.2], counted as a_i to cover the injection
//                                                 of shorter codewords (assumption A2)
//   fri_query   alpha^q * 2^-g                    q independent query rounds [BCIKS20, Thm 8.3;
//                                                 Hab22, Thm 2]; grinding divides the
//                                                 adversary's success per hash evaluation by
//                                                 2^g [ethSTARK 2021/582, sec. 6.3]. Grinding
//                                                 counts for this term only.
//
// fri_batch and the fri_fold_i are the union bound over the bad events of the proof of
// [BCIKS20, Lemma 8.2] with powers batching, each bounded by [BCIKS20, Thm 7.2], made slightly
// more conservative (a_i for a_i - 1, a sum for a max). At arity 2 their sum is at least the
// closed-form commit-phase error (N - 1/2) E_pg(n) + E_w * sum_i a_i of [Hab22, Thm 2] /
// [BCIKS20, Thm 8.3] and within a factor 1.5 of it; at arity 4 or 8 it is smaller than the
// closed form, which bounds the folding rounds' share by 1/2 E_pg(n) for every arity (the tests
// check both). The total error is the SUM of all terms (a union bound, which also
// upper-bounds the round-by-round error of [ethSTARK, sec. 5]), and
//   johnson_bits(m) = -log2(sum of terms),  m* = argmax over m in [3, kMaxJohnsonM],
// scanning m as Winterfell's proven_security and the RISC Zero calculator do. Provable bits are
// min(johnson_bits(m*), hash collision bits = 128 for SHA3-256 Merkle trees and transcript).
// The number of folding rounds r and the arities a_i follow ProofOptions: fold by 2^fri_log_arity
// (the last fold smaller if needed) until the degree bound k / prod(a_i) is at most
// 2^log_final_poly_len.
//
// Assumptions (stated, not proved here):
//   A1 LogUp. The verifier accepts the buses only if sum_i m_i / (z - phi_a(v_i)) equals the
//      public value, with phi_a(v) = b + a v_0 + a^2 v_1 + ... . As a rational function of
//      (Z, A) the sum is zero iff the tuples balance as multisets (the total number of fractions
//      T < p, so multiplicities do not wrap mod p). Clearing denominators gives a nonzero
//      polynomial of total degree <= T w, so by Schwartz-Zippel a false balance survives random
//      (z, a) with probability <= T w / |F|, and some denominator vanishes (letting the prover
//      cheat on that fraction) with probability <= T w / |F|: 2 T w / |F| per decoding of the
//      committed main trace, times the list size L.
//   A2 Mixed heights. [BCIKS20] and [Hab22] analyse one domain. Our FRI injects the DEEP
//      quotient of a shorter height class when the running codeword reaches its size. We count
//      every batched quotient in fri_batch at the largest domain (E_pg is increasing in the
//      domain size) and each folding round as a curve of degree a_i (one more than the fold),
//      which covers an injection whose coefficient is a power of that round's folding
//      challenge or fresh randomness. An injection with a fixed coefficient is NOT covered.
//   A3 List size. The committed trace of each height class is one interleaved word with at
//      most L+ codewords within distance theta; over H classes we union-bound over the
//      product, L = (L+)^H, for the ALI, DEEP and LogUp terms (conservative).
//   A4 The Fiat-Shamir transform of this interactive proof, with SHA3-256 modelled as a random
//      oracle, keeps these bits against an adversary counted in hash evaluations (ethSTARK,
//      sec. 5-6); collisions in the Merkle trees cap everything at 128 bits.
//
// Conjectured security (labelled as such; not a proof): the ethSTARK conjecture ("toy problem",
// [2021/582, Conjecture 1 and eq. (19)]; Winterfell's ConjecturedSecurity):
//   conjectured_bits = min(-log2(2^-(q log2(blowup) + g) + n / |F|), 128).
//
// References:
//   [BCIKS20] Ben-Sasson, Carmon, Ishai, Kopparty, Saraf. Proximity Gaps for Reed-Solomon
//             Codes. FOCS 2020, ePrint 2020/654. Theorems 1.5, 7.2, 7.4; Lemma 8.2; Theorem 8.3.
//   [Hab22]   U. Haboeck. A summary on the FRI low degree test. ePrint 2022/1216, sections 3.4,
//             3.5 (Theorem 2) and 5 (DEEP-ALI, Theorem 8).
//   [ethSTARK] StarkWare. ethSTARK Documentation, ePrint 2021/582, sections 5 and 6.3.
//   Implemented references compared against: Winterfell air/src/proof/security.rs
//   (proven_security, scan over m), RISC Zero risc0/zkp/src/prove/soundness.rs and its
//   soundness notebook, ethereum/soundcalc (Johnson-bound regime).
//
// Host-only (std::vector, fmt). The freestanding part of the options is proof_options.h.
#pragma once

#include <stdint.h>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "stark/security/proof_options.h"

namespace zkvm::stark {

// log2(p^3), p = 2^64 - 2^32 + 1.
inline constexpr double kGoldilocksCubicBits = 191.99999999899229;
// SHA3-256: collision resistance of the Merkle trees and the transcript (256-bit digest).
inline constexpr double kSha3CollisionBits = 128.0;
// Poseidon2 over Goldilocks, width 12 (crypto/hash/poseidon2.h): a digest of 4 elements
// (log2 p^4 = 255.99999999866 bits) and a capacity of 4 elements, so the birthday and capacity
// bounds are both log2(p^4) / 2; the instance's designed security is 128 bits.
inline constexpr double kPoseidon2CollisionBits = 127.99999999932973;

// The collision bits of a proof's hash (the smaller of the digest's birthday bound and the
// sponge's capacity bound). A proof's provable bits never exceed them.
constexpr double HashCollisionBits(crypto::HashId hash) {
  return hash == crypto::HashId::kPoseidon2 ? kPoseidon2CollisionBits : kSha3CollisionBits;
}
// The security floor of DESIGN.md section 5.
inline constexpr double kMinSecurityBits = 100.0;
// The scan over the Johnson parameter m stops here (the optimum is far below for any field and
// domain we use: E_pg grows as m^7).
inline constexpr uint32_t kMaxJohnsonM = 1000;

// What the statement implies about the proof, for the calculator. All counts are totals over
// the tables of the proof.
struct SecurityParameters {
  uint32_t log_max_height = 0;         // h: log2 of the tallest table's height
  uint32_t num_columns = 0;            // committed polynomials: main + aux (each extension
                                       // column counted as its base columns) + quotient chunks
  uint32_t num_openings = 2;           // s: points each column is opened at (zeta, zeta omega)
  uint32_t max_constraint_degree = 0;  // d
  uint32_t num_constraints = 0;        // C: constraints folded into the composition
  uint64_t num_bus_fractions = 0;      // T: LogUp fractions (rows x interactions, all tables)
  uint32_t max_bus_tuple_width = 0;    // w: most values in one bus tuple (>= 1 if T > 0)
  uint32_t num_height_classes = 1;     // H: distinct table heights
  double field_bits = kGoldilocksCubicBits;  // log2 |F| of the challenge field
  double hash_collision_bits = kSha3CollisionBits;

  // Ranges: 1 <= h <= 30, columns, openings (<= 8), degree (<= 64), height classes (<= 32)
  // at least 1; w >= 1 when T > 0; 64 <= field_bits <= 512; hash bits > 0.
  Status Validate() const;

  bool operator==(const SecurityParameters&) const = default;
};

// The statement the preset query counts are computed for, sized with a margin over the VM's
// own (about 1,300 committed columns, ~2,000 constraints, 8-11 distinct heights at 2^20-2^22
// cycles) plus Keccak precompile tables (2,398 columns and 3,053 constraints per KECCAK chunk;
// hashing 1 MiB gives about 6,000 columns, 6,500 constraints and 13 heights): 2^22 rows, 8192
// columns opened at 2 points, constraint degree 3, 8192 constraints, 2^30 bus fractions of
// width <= 8, 13 height classes. (Sixteen height classes would cost about 20 more queries at
// blowup 2 and put 100 bits out of reach at blowup 16: the list-size factor grows as (L+)^H.)
SecurityParameters RepresentativeParameters();

// One error term: its name ("logup", "ali", "deep", "fri_batch", "fri_fold_0", ...,
// "fri_query") and log2 of its probability (bits = -error_log2).
struct SecurityTerm {
  std::string name;
  double error_log2 = 0.0;

  double bits() const { return -error_log2; }
};

struct SecurityReport {
  double provable_bits = 0.0;       // min(johnson_bits, hash collision bits): the headline figure
  double johnson_bits = 0.0;        // -log2(sum of terms) at the best m (statistical soundness)
  double conjectured_bits = 0.0;    // ethSTARK conjecture, for comparison only
  uint32_t johnson_m = 0;           // the m that maximizes johnson_bits (0: no valid m)
  double alpha = 0.0;               // sqrt(rho) (1 + 1/(2m))
  double theta = 0.0;               // 1 - alpha: the proximity parameter
  uint32_t m_plus = 0;              // Johnson parameter of the DEEP codes
  double list_size = 0.0;           // L+ (per height class)
  uint32_t num_fri_rounds = 0;      // folding rounds r
  std::vector<SecurityTerm> terms;  // at the best m, in protocol order

  // The term named `name`, or nullptr.
  const SecurityTerm* Find(std::string_view name) const;
  // One line for the CLI: "101.3 bits provable (Johnson regime, m = 27, theta = 0.274), ...".
  std::string Summary() const;
};

// The provable security of `options` for a statement shaped like `params`, maximized over the
// Johnson parameter m. Requires the option fields in range (any preset id: the calculator ignores
// it) and params.Validate().ok() (ZKVM_CHECK); untrusted options go through ValidateSecurity. With
// no valid m (a trace so short that alpha <= sqrt(rho+) for every m) the report has johnson_m = 0
// and 0 bits.
SecurityReport ProvableSecurity(const ProofOptions& options, const SecurityParameters& params);

// The Johnson-regime bits for one fixed m (the terms of ProvableSecurity at that m), or nullopt
// when m is not admissible (m < 3, or alpha <= sqrt(rho+)). For tests and the README table.
std::optional<SecurityReport> ProvableSecurityAtM(const ProofOptions& options,
                                                  const SecurityParameters& params, uint32_t m);

// The ethSTARK-conjectured bits (see the header comment). Not a proof.
double ConjecturedSecurity(const ProofOptions& options, const SecurityParameters& params);

// The most provable bits any query count can give `options` (its other fields kept) for
// `params`: the commit-phase, ALI, DEEP and LogUp terms alone, capped by the hash.
double MaxProvableBits(const ProofOptions& options, const SecurityParameters& params);

// The smallest num_queries in [1, kMaxNumQueries] with provable bits >= target_bits, the other
// fields taken from `options`; nullopt if none reaches it.
std::optional<uint16_t> MinNumQueries(const ProofOptions& options, const SecurityParameters& params,
                                      double target_bits);

// Host wrappers of proof_options.h with messages that name the field and value.
Status ValidateOptions(const ProofOptions& options);
Result<ProofOptions> DecodeOptions(std::span<const uint8_t> bytes);
// "preset default: blowup 2, 182 queries, 20 grinding bits, FRI arity 2, final poly 16".
std::string DescribeOptions(const ProofOptions& options);

// What a caller accepts. The verifier sets it, never the proof (DESIGN.md section 8): options
// below min_bits for the statement are rejected, and the insecure test preset is accepted only
// when the caller asks for it, for tests that want fast proofs.
struct SecurityFloor {
  double min_bits = kMinSecurityBits;
  bool allow_insecure_preset = false;
};

// Rejects invalid options or parameters, and options below floor.min_bits of provable security
// for `params` (the calculator's own figure, whatever the preset id says), unless they carry the
// insecure test preset and floor.allow_insecure_preset is set. The message names the options
// and the bits they reach.
Status ValidateSecurity(const ProofOptions& options, const SecurityParameters& params,
                        const SecurityFloor& floor = {});

// ---- Runs of several instances (docs/continuations.md) ----------------------------------------
//
// N instances share one draw of the LogUp challenges (stark_protocol.h), and each has its own
// proof, with challenges of its own drawn after its aux commitment and bus totals. The run's
// error is the LogUp term once, for the run's fractions T = sum_j T_j (a false balance anywhere
// in the run is one event over the shared challenges; the largest of the instances' LogUp
// terms, each at its best m), plus each other term (ALI, DEEP, FRI batching, each folding
// round, queries) at its LARGEST over the instances, not their sum: the run accepts only if
// every instance does, an AND of proofs with independent challenges, so in each round a run
// that is doomed (some instance doomed) escapes only if every doomed instance escapes, with
// probability at most that instance's round error (round-by-round soundness of parallel
// composition; the argument is in docs/continuations.md section 6). A run of N alike segments
// therefore loses only what its N-fold fractions cost the LogUp term. The LogUp term keeps one
// instance's list-size factor (assumption A5 in docs/continuations.md: the joint list over the
// instances' main commitments is not multiplied out, as soundcalc counts one list per round).

// The run's provable bits; with one instance, ProvableSecurity's.
double RunProvableBits(const ProofOptions& options, std::span<const SecurityParameters> instances);

// The smallest num_queries reaching target_bits for the run (MinNumQueries for runs).
std::optional<uint16_t> MinRunNumQueries(const ProofOptions& options,
                                         std::span<const SecurityParameters> instances,
                                         double target_bits);

// ValidateSecurity for a run (with one instance, exactly ValidateSecurity).
Status ValidateRunSecurity(const ProofOptions& options,
                           std::span<const SecurityParameters> instances,
                           const SecurityFloor& floor = {});

// The options a run is proved with under a verifying key's options `key` (docs/stark.md,
// "Query counts follow the statement"): `key` itself when it reaches target_bits for the run,
// or is the insecure test preset; otherwise the key's fields as custom options with the
// smallest query count that reaches target_bits. An error when the options or an instance's
// parameters are invalid, or no query count reaches target_bits (at the key's blowup and
// grinding). Prover and verifier both derive it from the statement, so the prover has no
// choice of query count, and every valid run at a secure key is provable.
Result<ProofOptions> RunOptions(const ProofOptions& key,
                                std::span<const SecurityParameters> instances,
                                double target_bits = kMinSecurityBits);

}  // namespace zkvm::stark
