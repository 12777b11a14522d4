#include "stark/air/bus_ledger.h"

#include <fmt/format.h>

namespace zkvm::stark {
namespace {
constexpr size_t kContributionsKept = 6;
}

void BusLedger::Add(uint32_t bus, const std::vector<Felt>& tuple, Felt multiplicity, bool send,
                    const std::string& table, size_t row) {
  AddImpl(bus, tuple, multiplicity, send, table, row);
}

void BusLedger::AddExternal(uint32_t bus, const std::vector<Felt>& tuple, Felt multiplicity,
                            bool send, const std::string& source) {
  AddImpl(bus, tuple, multiplicity, send, source, SIZE_MAX);
}

void BusLedger::AddImpl(uint32_t bus, const std::vector<Felt>& tuple, Felt multiplicity, bool send,
                        const std::string& source, size_t row) {
  if (multiplicity.IsZero()) return;
  ++num_interactions_;
  Key key{bus, {}};
  key.second.reserve(tuple.size());
  for (Felt f : tuple) key.second.push_back(f.value());
  Entry& e = entries_[key];
  e.net += (send != negate_) ? multiplicity : -multiplicity;
  if (e.contributions.size() < kContributionsKept) {
    e.contributions.push_back({source, row, send, multiplicity});
  }
}

bool BusLedger::Balanced() const {
  for (const auto& [key, e] : entries_) {
    if (!e.net.IsZero()) return false;
  }
  return true;
}

std::string BusLedger::Report(size_t max_lines) const {
  std::string out;
  size_t lines = 0, unbalanced = 0;
  for (const auto& [key, e] : entries_) {
    if (e.net.IsZero()) continue;
    ++unbalanced;
    if (lines == max_lines) continue;
    ++lines;
    std::string tuple;
    for (size_t i = 0; i < key.second.size(); ++i) {
      tuple += fmt::format("{}{}", i ? ", " : "", key.second[i]);
    }
    const uint64_t net = e.net.value();
    const std::string net_text = net > Felt::kModulus / 2 ? fmt::format("-{}", Felt::kModulus - net)
                                                          : fmt::format("{}", net);
    std::string who;
    for (const Contribution& c : e.contributions) {
      who += fmt::format(
          "{}{} {} {}", who.empty() ? "" : "; ", c.send ? "sent by" : "received by", c.source,
          c.row == SIZE_MAX ? std::string("(external)") : fmt::format("row {}", c.row));
      if (c.multiplicity != Felt::One()) who += fmt::format(" x{}", c.multiplicity.value());
    }
    out += fmt::format("bus {}, tuple ({}): net multiplicity {} ({})\n", key.first, tuple, net_text,
                       who);
  }
  if (unbalanced > lines)
    out += fmt::format("... and {} more unbalanced tuples\n", unbalanced - lines);
  return out;
}

}  // namespace zkvm::stark
