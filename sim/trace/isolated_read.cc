#include "sim/trace/isolated_read.h"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>

#include "sim/trace/file_checks.h"

namespace ccsim::trace::internal {

namespace {

std::atomic<bool> g_probe{true};

}  // namespace

void SetProbeInChild(bool on) { g_probe.store(on); }

void ProbeInChild(const std::function<void()>& read) {
  if (!g_probe.load()) return;
  std::fflush(nullptr);  // what is buffered is printed once, by this process
  const pid_t pid = fork();
  if (pid < 0) return;
  if (pid == 0) {
    alarm(kProbeSeconds);
    try {
      read();
    } catch (...) {
    }
    _exit(0);  // no atexit handler, no flush of the parent's streams
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return;
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return;
  if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM) {
    throw BadFile("HDF5 did not finish reading it in " + std::to_string(kProbeSeconds) +
                  " s: the file is malformed");
  }
  const std::string how = WIFSIGNALED(status) ? std::string(strsignal(WTERMSIG(status)))
                                              : "exit " + std::to_string(WEXITSTATUS(status));
  throw BadFile("HDF5 fails on it (" + how + " while reading): the file is malformed");
}

}  // namespace ccsim::trace::internal
