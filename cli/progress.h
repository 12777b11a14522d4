// A one-line progress display for long commands (`zkvm prove`, long `execute` runs) on a
// terminal: the current phase, k of n, the elapsed time and an estimate of the time left,
// redrawn in place on stderr a few times a second. It is shown only when stderr is a terminal
// and the user did not ask for --quiet or --json; a pipe or a file gets nothing. Text that
// must appear while it runs (the guest's debug output) goes through Print, which clears the
// line first and redraws it after.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace zkvm::cli {

class ProgressLine {
 public:
  // `enabled`: draw at all (see ShouldShowProgress). `label` starts the line ("proving").
  // `weights[i]` is phase i's typical share of the total time (they need not sum to 1); an
  // estimate of the time left is shown once the finished phases hold a tenth of the weight.
  ProgressLine(bool enabled, std::string label, std::span<const double> weights = {});
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  // Phase `index` of `count` (0-based) named `name` begins.
  void SetPhase(int index, int count, std::string_view name);
  // Replaces the phases' typical shares (when the phases become known only as the work runs).
  void SetWeights(std::vector<double> weights);
  // Free text after the phase, e.g. "1.2 G cycles".
  void SetDetail(std::string detail);
  // Writes `text` to stderr without tearing the progress line.
  void Print(std::string_view text);
  // Clears the line for good (also done by the destructor).
  void Finish();

 private:
  void Run();
  void DrawLocked();
  void ClearLocked();

  const bool enabled_;
  const std::string label_;
  std::vector<double> weights_;
  const std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point phase_start_ = start_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  bool drawn_ = false;
  int phase_ = -1;
  int num_phases_ = 0;
  std::string phase_name_;
  std::string detail_;
  std::thread thread_;
};

// Whether progress should be drawn: stderr is a terminal, and neither --quiet nor --json.
bool ShouldShowProgress(bool quiet, bool json);

}  // namespace zkvm::cli
