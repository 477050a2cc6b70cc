// A progress bar on stderr for long runs: drawn only when stderr is a terminal, and only
// once a run has taken more than a second, so short runs and pipes stay clean. It shows
// the share done, about how many replications (or sweep points) that is, the time spent
// and an estimate of the time left:
//
//   [################........................]  40%  4,000 of 10,000 replications  0:12 elapsed, about 0:18 left
//
// Example:
//   ProgressBar progress(horizon * replications, {.name = "replications", .count = reps});
//   Simulate(..., progress.counter());     // adds simulated seconds as it goes
#ifndef CCSIM_CLI_PROGRESS_BAR_H_
#define CCSIM_CLI_PROGRESS_BAR_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace ccsim::cli {

// What the work is made of, for the count on the line ("replications", 10000): the count
// shown is the share done times `count`.
struct ProgressItems {
  const char* name = "replications";
  int64_t count = 0;  // 0: no count shown
};

// The line the bar draws (without the leading carriage return), from the share done, the
// seconds since the start and the items: pure, for tests.
std::string ProgressLine(double fraction, double elapsed_seconds, const ProgressItems& items);

class ProgressBar {
 public:
  // `total` units of work; the runner adds to counter() as it goes. `allowed` false keeps
  // it silent (e.g. on every MPI rank but the first).
  explicit ProgressBar(int64_t total, ProgressItems items = {}, bool allowed = true);
  ~ProgressBar();  // stops and clears the line

  std::atomic<int64_t>* counter() { return &done_; }

 private:
  void Loop();
  void Draw(double elapsed_seconds);

  const int64_t total_;
  const ProgressItems items_;
  std::atomic<int64_t> done_{0};
  bool enabled_ = false;
  bool drawn_ = false;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace ccsim::cli

#endif  // CCSIM_CLI_PROGRESS_BAR_H_
