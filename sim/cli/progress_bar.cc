#include "sim/cli/progress_bar.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace ccsim::cli {

namespace {

// "0:07", "12:34", "1:02:03".
std::string Clock(double seconds) {
  const auto s = static_cast<long long>(std::max(0.0, std::round(seconds)));
  char text[32];
  if (s >= 3600) {
    std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
  } else {
    std::snprintf(text, sizeof text, "%lld:%02lld", s / 60, s % 60);
  }
  return text;
}

// 12345 -> "12,345": the number format of the summaries.
std::string Count(int64_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

std::string ProgressLine(double fraction, double elapsed_seconds, const ProgressItems& items) {
  const double f = std::clamp(fraction, 0.0, 1.0);
  constexpr int kWidth = 40;
  const int filled = static_cast<int>(f * kWidth);
  std::string line = "[";
  line.append(filled, '#');
  line.append(kWidth - filled, '.');
  line += "] ";
  char percent[8];
  std::snprintf(percent, sizeof percent, "%3d%%", static_cast<int>(100 * f));
  line += percent;
  if (items.count > 0) {
    const auto done = static_cast<int64_t>(std::floor(f * static_cast<double>(items.count)));
    line += "  " + Count(done) + " of " + Count(items.count) + " " + items.name;
  }
  line += "  " + Clock(elapsed_seconds) + " elapsed";
  // The time left, once there is something to go by: the rate so far.
  if (f > 0 && f < 1) line += ", about " + Clock(elapsed_seconds * (1 - f) / f) + " left";
  return line;
}

ProgressBar::ProgressBar(int64_t total, ProgressItems items, bool allowed)
    : total_(total > 0 ? total : 1), items_(items) {
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
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    if (elapsed < std::chrono::seconds(1)) continue;
    Draw(elapsed.count());
  }
}

void ProgressBar::Draw(double elapsed_seconds) {
  const double f = static_cast<double>(done_.load()) / static_cast<double>(total_);
  // \033[K clears what a longer earlier line left.
  std::fprintf(stderr, "\r%s\033[K", ProgressLine(f, elapsed_seconds, items_).c_str());
  std::fflush(stderr);
  drawn_ = true;
}

}  // namespace ccsim::cli
