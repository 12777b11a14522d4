#include "cli/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <numeric>

#include <fmt/format.h>

namespace zkvm::cli {
namespace {

std::string Duration(double seconds) {
  if (seconds < 60) return fmt::format("{:.1f} s", seconds);
  const int total = static_cast<int>(seconds + 0.5);
  if (total < 3600) return fmt::format("{}m{:02}s", total / 60, total % 60);
  return fmt::format("{}h{:02}m", total / 3600, total / 60 % 60);
}

}  // namespace

bool ShouldShowProgress(bool quiet, bool json) {
  return !quiet && !json && isatty(STDERR_FILENO) == 1;
}

ProgressLine::ProgressLine(bool enabled, std::string label, std::span<const double> weights)
    : enabled_(enabled), label_(std::move(label)), weights_(weights.begin(), weights.end()) {
  if (enabled_) thread_ = std::thread([this] { Run(); });
}

ProgressLine::~ProgressLine() { Finish(); }

void ProgressLine::SetPhase(int index, int count, std::string_view name) {
  std::lock_guard lock(mutex_);
  phase_ = index;
  num_phases_ = count;
  phase_name_ = name;
  phase_start_ = std::chrono::steady_clock::now();
  detail_.clear();
  if (enabled_) DrawLocked();
}

void ProgressLine::SetWeights(std::vector<double> weights) {
  std::lock_guard lock(mutex_);
  weights_ = std::move(weights);
}

void ProgressLine::SetDetail(std::string detail) {
  std::lock_guard lock(mutex_);
  detail_ = std::move(detail);
}

void ProgressLine::Print(std::string_view text) {
  std::lock_guard lock(mutex_);
  if (enabled_) ClearLocked();
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
  // Redraw only at a line start, so the guest's partial lines stay whole.
  if (enabled_ && !done_ && (text.empty() || text.back() == '\n')) DrawLocked();
}

void ProgressLine::Finish() {
  {
    std::lock_guard lock(mutex_);
    if (done_) return;
    done_ = true;
    if (enabled_) ClearLocked();
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ProgressLine::Run() {
  std::unique_lock lock(mutex_);
  while (!done_) {
    wake_.wait_for(lock, std::chrono::milliseconds(250));
    if (!done_ && drawn_) DrawLocked();
  }
}

void ProgressLine::DrawLocked() {
  const auto now = std::chrono::steady_clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  std::string line = label_;
  if (phase_ >= 0) {
    line += fmt::format(": {} ({}/{})", phase_name_, phase_ + 1, num_phases_);
  }
  if (!detail_.empty()) line += ", " + detail_;
  line += ", " + Duration(elapsed);
  // The estimate: the time the finished phases took, scaled by their typical share.
  if (phase_ > 0 && static_cast<size_t>(phase_) <= weights_.size()) {
    const double all = std::accumulate(weights_.begin(), weights_.end(), 0.0);
    const double finished = std::accumulate(weights_.begin(), weights_.begin() + phase_, 0.0);
    const double at_phase_start = std::chrono::duration<double>(phase_start_ - start_).count();
    if (all > 0 && finished >= 0.1 * all && at_phase_start > 0) {
      const double left = std::max(0.0, at_phase_start * all / finished - elapsed);
      line += ", about " + Duration(left) + " left";
    }
  }
  // \r, the line, then erase to the end of the line (what a shorter redraw leaves behind).
  std::fprintf(stderr, "\r%s\033[K", line.c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressLine::ClearLocked() {
  if (!drawn_) return;
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace zkvm::cli
