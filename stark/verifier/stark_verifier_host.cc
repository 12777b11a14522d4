#include "stark/verifier/stark_verifier_host.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include "base/check.h"
#include "stark/proof/proof_host.h"
#include "stark/protocol/statement_size.h"
#include "stark/verifier/stark_run_verifier.h"

namespace zkvm::stark {

SecurityParameters StatementSecurityParameters(const StarkStatement& statement,
                                               const StarkLayout& layout) {
  const StatementSize z = MeasureStatement(statement, layout);
  SecurityParameters p;
  p.num_openings = 2;
  p.num_height_classes = z.num_height_classes;
  p.log_max_height = z.log_max_height;
  p.num_columns = z.num_columns;
  p.num_constraints = z.num_constraints;
  p.max_constraint_degree = z.max_constraint_degree;
  p.num_bus_fractions = z.num_bus_fractions;
  // Tuple widths are not exposed by the AIR interface; the recorder's capacity bounds them (and
  // kStarkMaxPublicTupleWidth those of the public interactions).
  p.max_bus_tuple_width = z.num_bus_fractions > 0 ? std::max(8u, kStarkMaxPublicTupleWidth) : 0;
  return p;
}

std::string StarkStatusMessage(const StarkStatus& status, const StarkStatement& statement) {
  std::string where;
  if (status.section != kStarkNoPlace) {
    const char* name = kStarkSectionNames.Find(status.section);
    where = name != nullptr ? fmt::format("section {} ({})", status.section, name)
                            : fmt::format("section {}", status.section);
  } else {
    where = "proof";
  }
  if (status.table != kStarkNoPlace && status.error != StarkError::kStatement &&
      status.table < statement.num_tables && statement.tables[status.table].air != nullptr) {
    where +=
        fmt::format(", table {} ({})", status.table, statement.tables[status.table].air->name());
  }
  if (status.query != kStarkNoPlace) where += fmt::format(", query {}", status.query);
  switch (status.error) {
    case StarkError::kOk:
      return "ok";
    case StarkError::kStatement:
      return fmt::format("statement: {} (table or tree {})",
                         StatementErrorName(status.statement.error), status.statement.where);
    case StarkError::kProofFormat:
      return ProofStatusMessage(status.proof, kStarkSectionNames);
    case StarkError::kMerkle: {
      const crypto::MerkleStatus& m = status.merkle;
      std::string detail = crypto::MerkleErrorName(m.error);
      if (m.query != crypto::kMerkleNoPlace) detail += fmt::format(" (query {})", m.query);
      if (m.level != crypto::kMerkleNoPlace) detail += fmt::format(" (level {})", m.level);
      return fmt::format("{}: {}: {}", where, StarkErrorName(status.error), detail);
    }
    case StarkError::kFri: {
      const FriStatus& f = status.fri;
      std::string detail = FriErrorName(f.error);
      if (f.layer != kFriNoPlace) detail += fmt::format(" (layer {})", f.layer);
      if (f.query != kFriNoPlace) detail += fmt::format(" (query {})", f.query);
      if (f.merkle.error != crypto::MerkleError::kOk) {
        detail += fmt::format(" [{}]", crypto::MerkleErrorName(f.merkle.error));
      }
      return fmt::format("{}: {}: {}", where, StarkErrorName(status.error), detail);
    }
    default:
      return fmt::format("{}: {}", where, StarkErrorName(status.error));
  }
}

namespace {

// Calls f with a verifier of `hash` (stark_hash.h); the verifiers are large, so on the heap.
template <typename F>
auto WithVerifier(crypto::HashId hash, const F& f) {
  if (hash == crypto::HashId::kPoseidon2) {
    auto verifier = std::make_unique<StarkVerifier<Poseidon2StarkHash<>>>();
    return f(*verifier);
  }
  auto verifier = std::make_unique<StarkVerifier<Sha3StarkHash<>>>();
  return f(*verifier);
}

}  // namespace

Status VerifyStark(std::span<const uint8_t> proof, const StarkStatement& statement,
                   const VerifyConfig& config, SecurityReport* security) {
  auto layout = std::make_unique<StarkLayout>();
  const StatementCheck check = MakeStarkLayout(statement, layout.get());
  if (!check.ok()) {
    return MakeError("statement: {} (table or tree {})", StatementErrorName(check.error),
                     check.where);
  }
  const SecurityParameters params = StatementSecurityParameters(statement, *layout);
  if (Status s = ValidateSecurity(statement.options, params, config.security); !s.ok()) {
    return Error{s.message()};
  }
  if (security != nullptr) *security = ProvableSecurity(statement.options, params);
  const AlignedProofCopy aligned(proof);
  const StarkStatus status = WithVerifier(statement.options.hash, [&](auto& verifier) {
    return verifier.Verify(statement, aligned.data(), aligned.size());
  });
  if (!status.ok()) return Error{StarkStatusMessage(status, statement)};
  return {};
}

std::vector<SecurityParameters> RunSecurityParameters(std::span<const StarkStatement> statements) {
  std::vector<SecurityParameters> params;
  for (const StarkStatement& st : statements) {
    auto layout = std::make_unique<StarkLayout>();
    ZKVM_CHECK(MakeStarkLayout(st, layout.get()).ok(), "invalid run statement");
    params.push_back(StatementSecurityParameters(st, *layout));
  }
  return params;
}

double RunSecurityBits(const ProofOptions& options, std::span<const StarkStatement> statements) {
  return RunProvableBits(options, RunSecurityParameters(statements));
}

namespace {

bool SameEncoding(const ProofOptions& a, const ProofOptions& b) {
  uint8_t x[kProofOptionsBytes] = {}, y[kProofOptionsBytes] = {};
  a.Encode(x);
  b.Encode(y);
  return std::equal(x, x + kProofOptionsBytes, y);
}

class HostRunInstances {
 public:
  HostRunInstances(std::span<const StarkStatement> statements,
                   std::span<const std::vector<uint8_t>> proofs)
      : statements_(statements) {
    for (const std::vector<uint8_t>& p : proofs)
      aligned_.push_back(std::make_unique<AlignedProofCopy>(p));
  }
  const StarkStatement* Statement(uint32_t i) const { return &statements_[i]; }
  void Proof(uint32_t i, const uint8_t** data, size_t* size) const {
    *data = aligned_[i]->data();
    *size = aligned_[i]->size();
  }

 private:
  std::span<const StarkStatement> statements_;
  std::vector<std::unique_ptr<AlignedProofCopy>> aligned_;
};

}  // namespace

Status VerifyStarkRun(std::span<const StarkStatement> statements,
                      std::span<const std::vector<uint8_t>> proofs, const VerifyConfig& config) {
  if (statements.empty() || statements.size() > kStarkMaxInstances) {
    return MakeError("a run needs 1 to {} instances, not {}", kStarkMaxInstances,
                     statements.size());
  }
  if (proofs.size() != statements.size()) {
    return MakeError("the run has {} instances but {} proofs", statements.size(), proofs.size());
  }
  for (size_t i = 0; i < statements.size(); ++i) {
    auto layout = std::make_unique<StarkLayout>();
    const StatementCheck check = MakeStarkLayout(statements[i], layout.get());
    if (!check.ok()) {
      return MakeError("instance {}: statement: {} (table or tree {})", i,
                       StatementErrorName(check.error), check.where);
    }
    if (!SameEncoding(statements[i].options, statements[0].options)) {
      return MakeError("instance {}: its options differ from instance 0's", i);
    }
  }
  if (Status s = ValidateRunSecurity(statements[0].options, RunSecurityParameters(statements),
                                     config.security);
      !s.ok()) {
    return s;
  }
  HostRunInstances instances(statements, proofs);
  const StarkRunStatus status = WithVerifier(statements[0].options.hash, [&](auto& verifier) {
    return VerifyStarkRun(verifier, static_cast<uint32_t>(statements.size()), instances);
  });
  if (status.ok()) return {};
  if (status.instance == kStarkNoPlace) {
    return MakeError(
        "the run's bus totals do not sum to zero over its {} instances (an instance "
        "missing, repeated, reordered or from another run)",
        statements.size());
  }
  return MakeError("instance {}: {}", status.instance,
                   StarkStatusMessage(status.stark, statements[status.instance]));
}

}  // namespace zkvm::stark
