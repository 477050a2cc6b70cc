#include "sim/trace/isolated_read.h"

#include <poll.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "sim/trace/file_checks.h"

namespace ccsim::trace::internal {

namespace {

std::atomic<bool> g_probe{true};

// The child's bounds: HDF5 then fails an absurd allocation instead of touching it.
void LimitChild() {
  alarm(kProbeSeconds);
  uint64_t pages = 0;
  std::ifstream("/proc/self/statm") >> pages;
  const uint64_t limit = pages * static_cast<uint64_t>(sysconf(_SC_PAGESIZE)) + kProbeMemoryBytes;
  const rlimit as{.rlim_cur = limit, .rlim_max = limit};
  setrlimit(RLIMIT_AS, &as);
}

// Runs in the child: sends read()'s answer through `fd` and ends.
[[noreturn]] void Child(int fd, const std::function<std::string()>& read) {
  LimitChild();
  std::string answer;
  try {
    answer = read();
  } catch (...) {
    answer = "cannot read it";
  }
  for (size_t done = 0; done < answer.size();) {
    const ssize_t n = write(fd, answer.data() + done, answer.size() - done);
    if (n <= 0) _exit(3);
    done += static_cast<size_t>(n);
  }
  _exit(0);  // no atexit handler, no flush of the parent's streams
}

}  // namespace

void SetProbeInChild(bool on) { g_probe.store(on); }

namespace {

// The child's answer from `fd`; kStoppedAnswer (after killing the child) when `*stop`
// becomes true first.
std::string ReadAnswer(int fd, pid_t pid, const std::atomic<bool>* stop) {
  std::string answer;
  char block[4096];
  for (;;) {
    if (stop != nullptr && stop->load(std::memory_order_relaxed)) {
      kill(pid, SIGKILL);
      return kStoppedAnswer;
    }
    pollfd ready{.fd = fd, .events = POLLIN, .revents = 0};
    const int polled = poll(&ready, 1, 100);
    if (polled == 0 || (polled < 0 && errno == EINTR)) continue;  // time out, or a signal
    if (polled < 0) break;
    const ssize_t n = ::read(fd, block, sizeof block);
    if (n == 0) break;
    if (n > 0) answer.append(block, static_cast<size_t>(n));
    if (n < 0 && errno != EINTR) break;
  }
  return answer;
}

}  // namespace

std::string ProbeInChild(const std::function<std::string()>& read,
                         const std::atomic<bool>* stop) {
  int fds[2];
  if (!g_probe.load() || pipe(fds) != 0) return "";
  std::fflush(nullptr);  // what is buffered is printed once, by this process
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    Child(fds[1], read);
  }
  close(fds[1]);
  if (pid < 0) {
    close(fds[0]);
    return "";
  }
  const std::string answer = ReadAnswer(fds[0], pid, stop);
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return answer;
  }
  if (answer == kStoppedAnswer) return answer;
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return answer;
  if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM) {
    throw BadFile("HDF5 did not finish reading it in " + std::to_string(kProbeSeconds) +
                  " s: the file is malformed");
  }
  const std::string how = WIFSIGNALED(status) ? std::string(strsignal(WTERMSIG(status)))
                                              : "exit " + std::to_string(WEXITSTATUS(status));
  throw BadFile("HDF5 fails on it (" + how + " while reading): the file is malformed");
}

}  // namespace ccsim::trace::internal
