// A debug ledger of bus interactions (DESIGN.md section 5, LogUp buses): every Send and Receive
// of every table row, netted per (bus, tuple). A valid multi-table trace leaves every tuple at
// net multiplicity zero (or at what the verifier contributes from public data, added with
// AddExternal); the report names the bus, the tuple and the tables and rows whose interactions
// do not cancel. LogUp proves exactly this balance with random fingerprints; the ledger checks
// it exactly, before any proving. Host-only.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "crypto/field/felt.h"

namespace zkvm::stark {

using crypto::Felt;

class BusLedger {
 public:
  // `multiplicity` is added (Send) or subtracted (Receive) for the tuple on `bus`.
  void Add(uint32_t bus, const std::vector<Felt>& tuple, Felt multiplicity, bool send,
           const std::string& table, size_t row);
  // A contribution the verifier makes itself from public data (e.g. the public output bytes).
  void AddExternal(uint32_t bus, const std::vector<Felt>& tuple, Felt multiplicity, bool send,
                   const std::string& source);

  bool Balanced() const;
  // While set, every later contribution counts with the opposite sign: recording a trace,
  // then a changed copy of it negated, leaves the ledger balanced exactly when the two make
  // the same interactions (the mutation tests' check that a change reaches a bus).
  void set_negate(bool negate) { negate_ = negate; }
  // One line per unbalanced (bus, tuple), in a deterministic order, naming the contributors
  // (at most a few rows per table); empty when balanced.
  std::string Report(size_t max_lines = 20) const;

  size_t num_interactions() const { return num_interactions_; }

 private:
  struct Contribution {
    std::string source;
    size_t row;  // SIZE_MAX for external contributions
    bool send;
    Felt multiplicity;
  };
  struct Entry {
    Felt net;
    std::vector<Contribution> contributions;  // the first few, for the report
  };
  using Key = std::pair<uint32_t, std::vector<uint64_t>>;

  void AddImpl(uint32_t bus, const std::vector<Felt>& tuple, Felt multiplicity, bool send,
               const std::string& source, size_t row);

  std::map<Key, Entry> entries_;
  size_t num_interactions_ = 0;
  bool negate_ = false;
};

}  // namespace zkvm::stark
