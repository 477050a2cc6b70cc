#include "sim/cli/progress_bar.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace ccsim::cli {

ProgressBar::ProgressBar(int64_t total, bool allowed) : total_(total > 0 ? total : 1) {
  enabled_ = allowed && isatty(STDERR_FILENO) == 1;
  if (enabled_) thread_ = std::thread([this] { Loop(); });
}

ProgressBar::~ProgressBar() {
  if (!enabled_) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
  if (drawn_) std::fprintf(stderr, "\r\033[K");
}

void ProgressBar::Loop() {
  const auto start = std::chrono::steady_clock::now();
  std::unique_lock<std::mutex> lock(mu_);
  while (!cv_.wait_for(lock, std::chrono::milliseconds(200), [this] { return stop_; })) {
    if (std::chrono::steady_clock::now() - start < std::chrono::seconds(1)) continue;
    Draw();
  }
}

void ProgressBar::Draw() {
  const double f = std::min(1.0, static_cast<double>(done_.load()) / total_);
  constexpr int kWidth = 40;
  const int filled = static_cast<int>(f * kWidth);
  char bar[kWidth + 1];
  for (int i = 0; i < kWidth; ++i) bar[i] = i < filled ? '#' : '.';
  bar[kWidth] = '\0';
  std::fprintf(stderr, "\r[%s] %3d%% simulated", bar, static_cast<int>(100 * f));
  std::fflush(stderr);
  drawn_ = true;
}

}  // namespace ccsim::cli
