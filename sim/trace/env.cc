#include "sim/trace/env.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ccsim::trace {

namespace {

FileError Errno(const std::string& what) { return FileError{what + ": " + std::strerror(errno)}; }

class PosixEnv final : public Env {
 public:
  PathKind Inspect(const std::string& path) override {
    struct stat st;
    if (lstat(path.c_str(), &st) != 0) return PathKind::kMissing;
    if (S_ISREG(st.st_mode)) return PathKind::kRegular;
    if (S_ISLNK(st.st_mode)) return PathKind::kSymlink;
    if (S_ISDIR(st.st_mode)) return PathKind::kDirectory;
    return PathKind::kSpecial;
  }

  Status WriteFile(const std::string& path, std::string_view contents) override {
    const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return Errno("cannot create " + path);
    for (size_t done = 0; done < contents.size();) {
      const ssize_t n = write(fd, contents.data() + done, contents.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        const FileError e = Errno("cannot write " + path);
        close(fd);
        return e;
      }
      done += static_cast<size_t>(n);
    }
    if (fsync(fd) != 0) {
      const FileError e = Errno("cannot sync " + path);
      close(fd);
      return e;
    }
    if (close(fd) != 0) return Errno("cannot close " + path);
    return Done{};
  }

  Status Rename(const std::string& from, const std::string& to) override {
    if (std::rename(from.c_str(), to.c_str()) != 0)
      return Errno("cannot rename " + from + " to " + to);
    return Done{};
  }

  Status Remove(const std::string& path) override {
    if (std::remove(path.c_str()) != 0 && errno != ENOENT) return Errno("cannot remove " + path);
    return Done{};
  }

  Status Flush(std::FILE* stream) override {
    errno = 0;
    if (std::fflush(stream) != 0 || std::ferror(stream)) {
      return FileError{errno != 0 ? std::strerror(errno) : "write error"};
    }
    return Done{};
  }
};

}  // namespace

Env* Env::Default() {
  static PosixEnv* env = new PosixEnv;  // never destroyed: usable until the process ends
  return env;
}

Status CheckOutputPath(Env& env, const std::string& path, bool force) {
  switch (env.Inspect(path)) {
    case PathKind::kMissing:
      return Done{};
    case PathKind::kRegular:
      if (force) return Done{};
      return FileError{path + " exists; use --force to overwrite it"};
    case PathKind::kSymlink:
      return FileError{path +
                       " is a symbolic link; ccsim does not write through links (give the path of "
                       "a regular file)"};
    case PathKind::kDirectory:
      return FileError{path + " is a folder"};
    case PathKind::kSpecial:
      break;
  }
  return FileError{
      path + " is not a regular file (a device, FIFO or socket); ccsim writes only regular files"};
}

std::string TemporaryPathFor(const std::string& path) {
  return path + ".tmp-" + std::to_string(getpid());
}

Status WriteFileAtomically(Env& env, const std::string& path, std::string_view contents) {
  const std::string temp = TemporaryPathFor(path);
  Status done = env.WriteFile(temp, contents);
  if (done) done = CheckOutputPath(env, path, /*force=*/true);
  if (done) done = env.Rename(temp, path);
  if (!done) env.Remove(temp);
  return done;
}

}  // namespace ccsim::trace
