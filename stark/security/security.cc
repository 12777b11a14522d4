#include "stark/security/security.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "base/check.h"
#include "stark/security/representative.h"

namespace zkvm::stark {
namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

// log2(2^a + 2^b), exact for -inf operands.
double Log2Add(double a, double b) {
  if (a < b) std::swap(a, b);
  if (b == kNegInf) return a;
  return a + std::log2(1.0 + std::exp2(b - a));
}

// The FRI folding arities: 2^fri_log_arity until the degree bound 2^h is at most
// 2^log_final_poly_len, the last fold smaller if the remaining log does not divide evenly.
std::vector<uint32_t> FoldLogArities(const ProofOptions& options, uint32_t log_max_height) {
  std::vector<uint32_t> log_arities;
  uint32_t remaining =
      log_max_height > options.log_final_poly_len ? log_max_height - options.log_final_poly_len : 0;
  while (remaining > 0) {
    const uint32_t step = std::min<uint32_t>(options.fri_log_arity, remaining);
    log_arities.push_back(step);
    remaining -= step;
  }
  return log_arities;
}

// Everything about one m, in log2. `include_query` false drops the query term (the limit of
// many queries); `with_terms` false computes only the bits (the fast path of the scan over m).
std::optional<SecurityReport> Evaluate(const ProofOptions& options,
                                       const SecurityParameters& params, uint32_t m,
                                       bool include_query, bool with_terms = true) {
  if (m < 3) return std::nullopt;
  const double field = params.field_bits;
  const double log_blowup = options.log_blowup;
  const double rho = std::exp2(-log_blowup);
  const double sqrt_rho = std::sqrt(rho);
  const double k = std::exp2(params.log_max_height);
  const double n = std::exp2(params.log_max_height + log_blowup);
  const double s = params.num_openings;
  const double md = m;

  const double alpha = sqrt_rho * (1.0 + 1.0 / (2.0 * md));
  const double rho_plus = (k + s) / n;
  const double sqrt_rho_plus = std::sqrt(rho_plus);
  if (!(alpha > sqrt_rho_plus)) return std::nullopt;
  const double m_plus = std::max(1.0, std::ceil(sqrt_rho_plus / (2.0 * (alpha - sqrt_rho_plus))));
  const double list_size = (m_plus + 0.5) / sqrt_rho_plus;
  const double log_list = params.num_height_classes * std::log2(list_size);

  SecurityReport report;
  report.johnson_m = m;
  report.alpha = alpha;
  report.theta = 1.0 - alpha;
  report.m_plus = static_cast<uint32_t>(m_plus);
  report.list_size = list_size;

  double total = kNegInf;
  auto add = [&](const char* name, int round, double error_log2) {
    total = Log2Add(total, error_log2);
    if (with_terms) {
      report.terms.push_back(SecurityTerm{
          round < 0 ? std::string(name) : fmt::format("{}{}", name, round), error_log2});
    }
  };

  if (params.num_bus_fractions > 0) {
    add("logup", -1,
        log_list + 1.0 + std::log2(static_cast<double>(params.num_bus_fractions)) +
            std::log2(static_cast<double>(params.max_bus_tuple_width)) - field);
  }
  if (params.num_constraints > 0) {
    add("ali", -1, log_list + std::log2(static_cast<double>(params.num_constraints)) - field);
  }
  {
    const double d = params.max_constraint_degree;
    const double numerator = d * (k + s - 1.0) + (k - 1.0);
    // log2(|F| - k - n)
    const double denominator = field + std::log1p(-(k + n) * std::exp2(-field)) / std::log(2.0);
    add("deep", -1, log_list + std::log2(numerator) - denominator);
  }

  // Correlated-agreement errors of [BCIKS20, Thm 7.2/7.4] in the Johnson regime.
  const double log_e_w = std::log2(2.0 * md + 1.0) + std::log2(n + 1.0) + 0.5 * log_blowup - field;
  auto log_e_pg = [&](double log_domain) {
    return 7.0 * std::log2(md + 0.5) + 2.0 * log_domain - std::log2(3.0) + 1.5 * log_blowup - field;
  };
  const double log_n = params.log_max_height + log_blowup;
  const double num_batched = static_cast<double>(params.num_columns) * params.num_openings;
  if (num_batched > 1.0) {
    add("fri_batch", -1, std::log2(num_batched - 1.0) + Log2Add(log_e_pg(log_n), log_e_w));
  }
  const std::vector<uint32_t> log_arities = FoldLogArities(options, params.log_max_height);
  report.num_fri_rounds = static_cast<uint32_t>(log_arities.size());
  double log_domain = log_n;
  for (size_t i = 0; i < log_arities.size(); ++i) {
    log_domain -= log_arities[i];  // the folded vectors live on the smaller domain
    add("fri_fold_", static_cast<int>(i),
        static_cast<double>(log_arities[i]) + Log2Add(log_e_pg(log_domain), log_e_w));
  }
  if (include_query) {
    add("fri_query", -1, options.num_queries * std::log2(alpha) - options.grinding_bits);
  }

  report.johnson_bits = -total;
  report.provable_bits =
      std::min({report.johnson_bits, params.hash_collision_bits, HashCollisionBits(options.hash)});
  if (with_terms) report.conjectured_bits = ConjecturedSecurity(options, params);
  return report;
}

// The calculator needs the fields in range; it does not care which preset they claim.
bool FieldsInRange(const ProofOptions& options) {
  ProofOptions custom = options;
  custom.preset = PresetId::kCustom;
  return custom.Check().ok();
}

SecurityReport Optimize(const ProofOptions& options, const SecurityParameters& params,
                        bool include_query) {
  ZKVM_CHECK(FieldsInRange(options), "ProvableSecurity: proof options out of range");
  ZKVM_CHECK(params.Validate().ok(), "ProvableSecurity: invalid security parameters");
  uint32_t best_m = 0;
  double best_bits = 0.0;
  for (uint32_t m = 3; m <= kMaxJohnsonM; ++m) {
    const std::optional<SecurityReport> report =
        Evaluate(options, params, m, include_query, /*with_terms=*/false);
    if (report && (best_m == 0 || report->johnson_bits > best_bits)) {
      best_m = m;
      best_bits = report->johnson_bits;
    }
  }
  if (best_m != 0) return *Evaluate(options, params, best_m, include_query);
  SecurityReport none;
  none.conjectured_bits = ConjecturedSecurity(options, params);
  none.num_fri_rounds =
      static_cast<uint32_t>(FoldLogArities(options, params.log_max_height).size());
  return none;
}

}  // namespace

Status SecurityParameters::Validate() const {
  if (log_max_height < 1 || log_max_height > 30) {
    return MakeError("security parameters: log_max_height {} out of range [1, 30]", log_max_height);
  }
  if (num_columns < 1) return MakeError("security parameters: num_columns must be >= 1");
  if (num_openings < 1 || num_openings > 8) {
    return MakeError("security parameters: num_openings {} out of range [1, 8]", num_openings);
  }
  if (max_constraint_degree < 1 || max_constraint_degree > 64) {
    return MakeError("security parameters: max_constraint_degree {} out of range [1, 64]",
                     max_constraint_degree);
  }
  if (num_bus_fractions > 0 && max_bus_tuple_width < 1) {
    return MakeError("security parameters: {} bus fractions but max_bus_tuple_width 0",
                     num_bus_fractions);
  }
  if (num_height_classes < 1 || num_height_classes > 32) {
    return MakeError("security parameters: num_height_classes {} out of range [1, 32]",
                     num_height_classes);
  }
  if (!(field_bits >= 64.0 && field_bits <= 512.0)) {
    return MakeError("security parameters: field_bits {} out of range [64, 512]", field_bits);
  }
  if (!(hash_collision_bits > 0.0)) {
    return MakeError("security parameters: hash_collision_bits {} must be positive",
                     hash_collision_bits);
  }
  return {};
}

SecurityParameters RepresentativeParameters() {
  SecurityParameters params;
  params.log_max_height = kRepresentativeLogMaxHeight;
  params.num_columns = kRepresentativeColumns;
  params.num_openings = kRepresentativeOpenings;
  params.max_constraint_degree = kRepresentativeDegree;
  params.num_constraints = kRepresentativeConstraints;
  params.num_bus_fractions = kRepresentativeBusFractions;
  params.max_bus_tuple_width = kRepresentativeTupleWidth;
  params.num_height_classes = kRepresentativeHeightClasses;
  return params;
}

const SecurityTerm* SecurityReport::Find(std::string_view name) const {
  for (const SecurityTerm& term : terms) {
    if (term.name == name) return &term;
  }
  return nullptr;
}

std::string SecurityReport::Summary() const {
  if (johnson_m == 0) {
    return fmt::format(
        "0 bits provable (no admissible Johnson parameter: trace too short), "
        "{:.1f} bits conjectured",
        conjectured_bits);
  }
  const SecurityTerm* weakest = nullptr;
  for (const SecurityTerm& term : terms) {
    if (weakest == nullptr || term.error_log2 > weakest->error_log2) weakest = &term;
  }
  return fmt::format(
      "{:.1f} bits provable (Johnson regime, m = {}, theta = {:.4f}; weakest term {} at "
      "{:.1f} bits), {:.1f} bits conjectured (ethSTARK conjecture)",
      provable_bits, johnson_m, theta, weakest->name, weakest->bits(), conjectured_bits);
}

SecurityReport ProvableSecurity(const ProofOptions& options, const SecurityParameters& params) {
  return Optimize(options, params, /*include_query=*/true);
}

std::optional<SecurityReport> ProvableSecurityAtM(const ProofOptions& options,
                                                  const SecurityParameters& params, uint32_t m) {
  ZKVM_CHECK(FieldsInRange(options), "ProvableSecurityAtM: proof options out of range");
  ZKVM_CHECK(params.Validate().ok(), "ProvableSecurityAtM: invalid security parameters");
  return Evaluate(options, params, m, /*include_query=*/true);
}

double ConjecturedSecurity(const ProofOptions& options, const SecurityParameters& params) {
  const double query_bits =
      static_cast<double>(options.num_queries) * options.log_blowup + options.grinding_bits;
  const double log_n = static_cast<double>(params.log_max_height) + options.log_blowup;
  const double bits = -Log2Add(-query_bits, log_n - params.field_bits);
  return std::min({bits, params.hash_collision_bits, HashCollisionBits(options.hash)});
}

double MaxProvableBits(const ProofOptions& options, const SecurityParameters& params) {
  return Optimize(options, params, /*include_query=*/false).provable_bits;
}

namespace {

// The smallest num_queries in [1, kMaxNumQueries] for which bits(options with it) reaches
// target_bits. Provable bits are non-decreasing in q (every term but fri_query is independent
// of q, and the maximum over m of non-decreasing functions is non-decreasing): binary search.
template <typename Bits>
std::optional<uint16_t> SmallestQueryCount(const ProofOptions& options, double target_bits,
                                           Bits&& bits) {
  ProofOptions trial = options;
  trial.preset = PresetId::kCustom;  // a named preset pins num_queries; the trials vary it
  auto reaches = [&](uint16_t q) {
    trial.num_queries = q;
    return bits(trial) >= target_bits;
  };
  if (!reaches(kMaxNumQueries)) return std::nullopt;
  uint16_t lo = 1, hi = kMaxNumQueries;
  while (lo < hi) {
    const uint16_t mid = static_cast<uint16_t>(lo + (hi - lo) / 2);
    if (reaches(mid)) {
      hi = mid;
    } else {
      lo = static_cast<uint16_t>(mid + 1);
    }
  }
  return lo;
}

}  // namespace

std::optional<uint16_t> MinNumQueries(const ProofOptions& options, const SecurityParameters& params,
                                      double target_bits) {
  return SmallestQueryCount(options, target_bits, [&](const ProofOptions& trial) {
    return ProvableSecurity(trial, params).provable_bits;
  });
}

Status ValidateOptions(const ProofOptions& options) {
  const OptionsCheck check = options.Check();
  switch (check.error) {
    case OptionsError::kOk:
      return {};
    case OptionsError::kUnknownPreset:
      return MakeError("proof options: unknown preset id {} (known: 0..{})",
                       static_cast<unsigned>(options.preset), kNumPresetIds - 1);
    case OptionsError::kLogBlowup:
      return MakeError("proof options: log_blowup {} out of range [{}, {}] (blowup 2..16)",
                       options.log_blowup, kMinLogBlowup, kMaxLogBlowup);
    case OptionsError::kNumQueries:
      return MakeError("proof options: num_queries {} out of range [1, {}]", options.num_queries,
                       kMaxNumQueries);
    case OptionsError::kGrindingBits:
      return MakeError("proof options: grinding_bits {} out of range [0, {}]",
                       options.grinding_bits, kMaxGrindingBits);
    case OptionsError::kFriLogArity:
      return MakeError("proof options: fri_log_arity {} out of range [{}, {}] (arity 2..8)",
                       options.fri_log_arity, kMinFriLogArity, kMaxFriLogArity);
    case OptionsError::kLogFinalPolyLen:
      return MakeError("proof options: log_final_poly_len {} out of range [0, {}]",
                       options.log_final_poly_len, kMaxLogFinalPolyLen);
    case OptionsError::kPresetMismatch: {
      ProofOptions expected = *FindPreset(options.preset);
      return MakeError("proof options: preset {} requires {}; got {}", PresetName(options.preset),
                       DescribeOptions(expected), DescribeOptions(options));
    }
    case OptionsError::kHash:
      return MakeError("proof options: unknown hash id {} (known: 0 sha3, 1 poseidon2)",
                       static_cast<unsigned>(options.hash));
    case OptionsError::kReservedByteNonZero:
      return MakeError("proof options: reserved byte {} is not zero", check.offset);
  }
  return MakeError("proof options: {}", OptionsErrorName(check.error));
}

Result<ProofOptions> DecodeOptions(std::span<const uint8_t> bytes) {
  if (bytes.size() != kProofOptionsBytes) {
    return MakeError("proof options: encoding is {} bytes, expected {}", bytes.size(),
                     kProofOptionsBytes);
  }
  ProofOptions options;
  const OptionsCheck check = ProofOptions::Decode(bytes.data(), &options);
  if (check.ok()) return options;
  switch (check.error) {
    case OptionsError::kReservedByteNonZero:
      return MakeError("proof options: reserved byte {} is 0x{:02x}, must be zero", check.offset,
                       bytes[check.offset]);
    case OptionsError::kUnknownPreset:
      return MakeError("proof options: unknown preset id {} (known: 0..{})", bytes[0],
                       kNumPresetIds - 1);
    default: {
      // A field out of range: rebuild the raw fields to name them.
      ProofOptions raw;
      raw.preset = static_cast<PresetId>(bytes[0]);
      raw.log_blowup = bytes[1];
      raw.num_queries = static_cast<uint16_t>(bytes[2] | (bytes[3] << 8));
      raw.grinding_bits = bytes[4];
      raw.fri_log_arity = bytes[5];
      raw.log_final_poly_len = bytes[6];
      raw.hash = static_cast<crypto::HashId>(bytes[7]);
      Status status = ValidateOptions(raw);
      ZKVM_CHECK(!status.ok(), "DecodeOptions: Decode and Check disagree");
      return Error{status.message()};
    }
  }
}

std::string DescribeOptions(const ProofOptions& options) {
  return fmt::format(
      "preset {}: blowup {}, {} queries, {} grinding bits, FRI arity {}, final poly {}, hash {}",
      PresetName(options.preset), uint64_t{1} << options.log_blowup, options.num_queries,
      options.grinding_bits, uint64_t{1} << options.fri_log_arity,
      uint64_t{1} << options.log_final_poly_len, crypto::HashName(options.hash));
}

Status ValidateSecurity(const ProofOptions& options, const SecurityParameters& params,
                        const SecurityFloor& floor) {
  if (Status status = ValidateOptions(options); !status.ok()) return status;
  if (Status status = params.Validate(); !status.ok()) return status;
  if (params.log_max_height + options.log_blowup > 32) {
    return MakeError(
        "security: LDE domain 2^{} exceeds the 2^32 two-adic subgroup of Goldilocks "
        "(2^{} rows at blowup {})",
        params.log_max_height + options.log_blowup, params.log_max_height, options.blowup());
  }
  if (options.insecure() && floor.allow_insecure_preset) return {};
  const SecurityReport report = ProvableSecurity(options, params);
  if (options.insecure()) {
    return MakeError(
        "security: {} reach {:.1f} bits of provable security for this statement, below the "
        "required {:.0f}; the insecure test preset is accepted only when the verifier is asked "
        "to allow it",
        DescribeOptions(options), report.provable_bits, floor.min_bits);
  }
  if (report.provable_bits >= floor.min_bits) return {};
  const std::optional<uint16_t> needed = MinNumQueries(options, params, floor.min_bits);
  const std::string hint =
      needed ? fmt::format("{} queries would reach it", *needed)
             : fmt::format("no query count reaches it (at most {:.1f} bits at blowup {})",
                           MaxProvableBits(options, params), options.blowup());
  return MakeError(
      "security: {} reach {:.1f} bits of provable security (Johnson regime, m = {}), below the "
      "required {:.0f}; {}",
      DescribeOptions(options), report.provable_bits, report.johnson_m, floor.min_bits, hint);
}

namespace {

SecurityParameters WithRunFractions(SecurityParameters params,
                                    std::span<const SecurityParameters> instances) {
  uint64_t fractions = 0;
  uint32_t width = 0;
  for (const SecurityParameters& p : instances) {
    fractions += p.num_bus_fractions;
    width = std::max(width, p.max_bus_tuple_width);
  }
  params.num_bus_fractions = fractions;
  if (fractions > 0) params.max_bus_tuple_width = std::max<uint32_t>(width, 1);
  return params;
}

// The instances' distinct parameter sets, in first-seen order (a run has a handful: its full
// segments, the last one).
std::vector<SecurityParameters> DistinctShapes(std::span<const SecurityParameters> instances) {
  std::vector<SecurityParameters> shapes;
  for (const SecurityParameters& p : instances) {
    if (std::find(shapes.begin(), shapes.end(), p) == shapes.end()) shapes.push_back(p);
  }
  return shapes;
}

}  // namespace

double RunProvableBits(const ProofOptions& options, std::span<const SecurityParameters> instances) {
  ZKVM_CHECK(!instances.empty(), "a run has at least one instance");
  if (instances.size() == 1) return ProvableSecurity(options, instances[0]).provable_bits;
  // The LogUp term once, at the run's fractions (one draw of z, a), and every other term (a
  // round of the instances' parallel proofs) at its largest over the instances: the run
  // accepts only if every instance does, so a round lets a doomed run escape only if each of
  // its doomed instances escapes (docs/continuations.md section 6). Each instance's terms are
  // at its own best m. Instances of one shape (every full segment of a run) share a report.
  double logup_log2 = -std::numeric_limits<double>::infinity();
  std::vector<SecurityTerm> rounds;  // the largest error of each other term, by name
  double hash_bits = std::numeric_limits<double>::infinity();
  for (const SecurityParameters& p : DistinctShapes(instances)) {
    const SecurityParameters run = WithRunFractions(p, instances);
    hash_bits = std::min({hash_bits, run.hash_collision_bits, HashCollisionBits(options.hash)});
    const SecurityReport report = ProvableSecurity(options, run);
    if (report.johnson_m == 0) return 0.0;
    for (const SecurityTerm& t : report.terms) {
      if (t.name == "logup") {
        logup_log2 = std::max(logup_log2, t.error_log2);
        continue;
      }
      auto it = std::find_if(rounds.begin(), rounds.end(),
                             [&](const SecurityTerm& r) { return r.name == t.name; });
      if (it == rounds.end()) {
        rounds.push_back(t);
      } else {
        it->error_log2 = std::max(it->error_log2, t.error_log2);
      }
    }
  }
  double error_log2 = logup_log2;
  for (const SecurityTerm& r : rounds) error_log2 = Log2Add(error_log2, r.error_log2);
  return std::min(-error_log2, hash_bits);
}

std::optional<uint16_t> MinRunNumQueries(const ProofOptions& options,
                                         std::span<const SecurityParameters> instances,
                                         double target_bits) {
  return SmallestQueryCount(options, target_bits, [&](const ProofOptions& trial) {
    return RunProvableBits(trial, instances);
  });
}

Status ValidateRunSecurity(const ProofOptions& options,
                           std::span<const SecurityParameters> instances,
                           const SecurityFloor& floor) {
  if (instances.empty()) return MakeError("security: a run without instances");
  if (instances.size() == 1) return ValidateSecurity(options, instances[0], floor);
  for (const SecurityParameters& p : DistinctShapes(instances)) {
    SecurityFloor any = floor;
    any.min_bits = 0;
    if (Status s = ValidateSecurity(options, WithRunFractions(p, instances), any); !s.ok()) {
      return s;
    }
  }
  if (options.insecure() && floor.allow_insecure_preset) return {};
  const double bits = RunProvableBits(options, instances);
  if (options.insecure() || bits < floor.min_bits) {
    std::string hint;
    if (options.insecure()) {
      hint = "; the insecure test preset is accepted only when the verifier is asked to allow it";
    } else if (const std::optional<uint16_t> q =
                   MinRunNumQueries(options, instances, floor.min_bits)) {
      hint = fmt::format("; {} queries would reach it", *q);
    } else {
      hint = "; no query count reaches it at this blowup";
    }
    return MakeError(
        "security: {} reach {:.1f} bits of provable security for this run of {} instances (the "
        "LogUp challenges at the run's fractions, every other round at its weakest instance), "
        "below the required {:.0f}{}",
        DescribeOptions(options), bits, instances.size(), floor.min_bits, hint);
  }
  return {};
}

Result<ProofOptions> RunOptions(const ProofOptions& key,
                                std::span<const SecurityParameters> instances, double target_bits) {
  if (instances.empty()) return MakeError("security: a run without instances");
  // Ranges first: the calculator takes only valid options and parameters.
  if (Status s =
          ValidateRunSecurity(key, instances, {.min_bits = 0, .allow_insecure_preset = true});
      !s.ok()) {
    return Error{s.message()};
  }
  if (key.insecure() || RunProvableBits(key, instances) >= target_bits) return key;
  const std::optional<uint16_t> q = MinRunNumQueries(key, instances, target_bits);
  if (!q) {
    return MakeError(
        "security: no query count reaches {:.0f} bits of provable security for this run at "
        "blowup {} and {} grinding bits (a larger --blowup)",
        target_bits, key.blowup(), key.grinding_bits);
  }
  return WithNumQueries(key, *q);
}

}  // namespace zkvm::stark
