// A progress bar on stderr for long runs: drawn only when stderr is a terminal, and only
// once a run has taken more than a second, so short runs and pipes stay clean.
#ifndef CCSIM_CLI_PROGRESS_BAR_H_
#define CCSIM_CLI_PROGRESS_BAR_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

namespace ccsim::cli {

class ProgressBar {
 public:
  // `total` units of work; the runner adds to counter() as it goes. `allowed` false keeps
  // it silent (e.g. on every MPI rank but the first).
  explicit ProgressBar(int64_t total, bool allowed = true);
  ~ProgressBar();  // stops and clears the line

  std::atomic<int64_t>* counter() { return &done_; }

 private:
  void Loop();
  void Draw();

  const int64_t total_;
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
