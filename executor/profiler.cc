#include "executor/profiler.h"

#include <fmt/format.h>

#include <cxxabi.h>

#include <algorithm>
#include <cstdlib>

namespace zkvm::executor {
namespace {}  // namespace

Profile::Profile(const Program& program) : program_(&program) {
  std::vector<uint64_t>& before_first_marker = counts_[0];
  before_first_marker.assign(program.decoded.size(), 0);
  current_ = before_first_marker.data();
}

void Profile::EnterStep(int32_t marker, uint64_t cycle) {
  auto [it, inserted] = counts_.try_emplace(marker);
  if (inserted) it->second.assign(program_->decoded.size(), 0);
  current_ = it->second.data();
  transitions_.emplace_back(marker, cycle);
}

std::vector<Profile::FunctionCycles> Profile::TopFunctions(const std::vector<uint64_t>& counts,
                                                           size_t top_n, uint64_t total) const {
  // Attribute per-instruction counts to functions (a map keeps the output order stable).
  std::map<std::string, uint64_t> per_function;
  for (size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] == 0) continue;
    const uint32_t pc = program_->text_begin + static_cast<uint32_t>(4 * i);
    const Symbol* sym = program_->FunctionAt(pc);
    per_function[sym ? Demangle(sym->name) : fmt::format("<unknown {:#x}>", pc)] += counts[i];
  }
  std::vector<FunctionCycles> out;
  for (auto& [name, cycles] : per_function) {
    out.push_back({name, cycles, total ? 100.0 * static_cast<double>(cycles) / total : 0.0});
  }
  std::stable_sort(out.begin(), out.end(), [](const FunctionCycles& a, const FunctionCycles& b) {
    return a.cycles > b.cycles;
  });
  if (out.size() > top_n) out.resize(top_n);
  return out;
}

Profile::Report Profile::Summarize(size_t top_n) const {
  Report report;
  std::vector<uint64_t> overall(program_->decoded.size(), 0);
  for (const auto& [marker, counts] : counts_) {
    StepCycles step;
    step.marker = marker;
    for (size_t i = 0; i < counts.size(); ++i) {
      step.cycles += counts[i];
      overall[i] += counts[i];
    }
    if (step.cycles == 0 && marker == 0) continue;  // no cycles before the first marker
    step.top = TopFunctions(counts, top_n, step.cycles);
    report.total_cycles += step.cycles;
    report.steps.push_back(std::move(step));
  }
  report.top = TopFunctions(overall, top_n, report.total_cycles);
  report.transitions = transitions_;
  return report;
}

std::string FormatProfile(const Profile::Report& report, bool full_names) {
  std::string out = fmt::format("total cycles: {}\n", report.total_cycles);
  auto functions = [&out, full_names](const std::vector<Profile::FunctionCycles>& top) {
    for (const auto& f : top) {
      out += fmt::format("  {:>14}  {:6.2f}%  {}\n", f.cycles, f.percent,
                         full_names ? f.name : ShortFunctionName(f.name));
    }
  };
  if (report.steps.size() > 1 || (report.steps.size() == 1 && report.steps[0].marker != 0)) {
    out += "cycles per step:\n";
    for (const auto& step : report.steps) {
      const double pct = report.total_cycles ? 100.0 * step.cycles / report.total_cycles : 0.0;
      out += fmt::format("  step {:>4}  {:>14}  {:6.2f}%\n", step.marker, step.cycles, pct);
    }
  }
  out += fmt::format("top {} functions overall:\n", report.top.size());
  functions(report.top);
  if (report.steps.size() > 1 || (report.steps.size() == 1 && report.steps[0].marker != 0)) {
    for (const auto& step : report.steps) {
      out += fmt::format("top functions in step {} ({} cycles):\n", step.marker, step.cycles);
      functions(step.top);
    }
  }
  return out;
}

}  // namespace zkvm::executor
