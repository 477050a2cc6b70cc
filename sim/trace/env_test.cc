// The Env and what is built on it, with faults injected: a failed write, a full disk, a
// failed rename leave an error value and nothing under the final name.
#include "sim/trace/env.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "sim/trace/atomic_file.h"
#include "sim/trace/result_tables.h"
#include "sim/trace/sweep_file.h"

namespace ccsim::trace {
namespace {

class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = ::testing::TempDir() + "ccsim_env_test_XXXXXX";
    path_ = mkdtemp(pattern.data());
  }
  ~ScratchDir() { std::filesystem::remove_all(path_); }
  std::string File(const std::string& name) const { return path_ + "/" + name; }
  int Count() const {
    int n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(path_)) ++n;
    return n;
  }

 private:
  std::string path_;
};

// The real file system, but the calls asked to fail do, as a full disk or a broken
// rename would.
class FaultyEnv final : public Env {
 public:
  bool fail_write = false, fill_disk = false, fail_rename = false, fail_flush = false;

  PathKind Inspect(const std::string& path) override { return real_.Inspect(path); }
  Status WriteFile(const std::string& path, std::string_view contents) override {
    if (fail_write) return FileError{"cannot write " + path + ": Input/output error"};
    if (fill_disk) {  // half the bytes arrive, then the disk is full
      Status half = real_.WriteFile(path, contents.substr(0, contents.size() / 2));
      return FileError{"cannot write " + path + ": No space left on device"};
    }
    return real_.WriteFile(path, contents);
  }
  Status Rename(const std::string& from, const std::string& to) override {
    if (fail_rename)
      return FileError{"cannot rename " + from + " to " + to + ": Permission denied"};
    return real_.Rename(from, to);
  }
  Status Remove(const std::string& path) override { return real_.Remove(path); }
  Status Flush(std::FILE* stream) override {
    if (fail_flush) return FileError{"No space left on device"};
    return real_.Flush(stream);
  }

 private:
  Env& real_ = *Env::Default();
};

std::string Contents(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(CheckOutputPathTest, TakesOnlyAMissingPathOrARegularFileWithForce) {
  ScratchDir dir;
  Env& env = *Env::Default();
  EXPECT_TRUE(CheckOutputPath(env, dir.File("new.h5"), false).ok());
  std::ofstream(dir.File("old.h5")) << "x";
  EXPECT_EQ(CheckOutputPath(env, dir.File("old.h5"), false).error(),
            dir.File("old.h5") + " exists; use --force to overwrite it");
  EXPECT_TRUE(CheckOutputPath(env, dir.File("old.h5"), true).ok());
  ASSERT_EQ(symlink("nowhere/x.h5", dir.File("dangling.h5").c_str()), 0);
  ASSERT_EQ(symlink(dir.File("old.h5").c_str(), dir.File("link.h5").c_str()), 0);
  for (const char* link : {"dangling.h5", "link.h5"}) {
    for (bool force : {false, true}) {
      EXPECT_NE(CheckOutputPath(env, dir.File(link), force).error().find("is a symbolic link"),
                std::string::npos);
    }
  }
  ASSERT_EQ(mkfifo(dir.File("fifo").c_str(), 0600), 0);
  EXPECT_NE(CheckOutputPath(env, dir.File("fifo"), true).error().find("is not a regular file"),
            std::string::npos);
  EXPECT_NE(CheckOutputPath(env, "/dev/full", true).error().find("is not a regular file"),
            std::string::npos);
  EXPECT_EQ(CheckOutputPath(env, dir.File(""), true).error(), dir.File("") + " is a folder");
}

TEST(WriteFileAtomicallyTest, WritesTheWholeFileUnderItsName) {
  ScratchDir dir;
  ASSERT_TRUE(WriteFileAtomically(*Env::Default(), dir.File("a.csv"), "a,b\n1,2\n").ok());
  EXPECT_EQ(Contents(dir.File("a.csv")), "a,b\n1,2\n");
  EXPECT_EQ(dir.Count(), 1);
}

TEST(WriteFileAtomicallyTest, AFailedWriteFullDiskOrRenameLeavesTheOldFileAndNoTemporary) {
  ScratchDir dir;
  const std::string path = dir.File("a.csv");
  std::ofstream(path) << "old\n";
  for (int fault = 0; fault < 3; ++fault) {
    FaultyEnv env;
    env.fail_write = fault == 0;
    env.fill_disk = fault == 1;
    env.fail_rename = fault == 2;
    const Status s = WriteFileAtomically(env, path, "new contents\n");
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().find(fault == 1 ? "No space left on device" : "cannot"), std::string::npos)
        << s.error();
    EXPECT_EQ(Contents(path), "old\n");
    EXPECT_EQ(dir.Count(), 1) << "a temporary file was left";
  }
}

TEST(WriteFileAtomicallyTest, NeverRenamesOverALink) {
  ScratchDir dir;
  ASSERT_EQ(symlink("nowhere", dir.File("l.csv").c_str()), 0);
  EXPECT_FALSE(WriteFileAtomically(*Env::Default(), dir.File("l.csv"), "x").ok());
  EXPECT_EQ(dir.Count(), 1);
}

TEST(AtomicFileTest, AFailedRenameLeavesNothing) {
  ScratchDir dir;
  FaultyEnv env;
  env.fail_rename = true;
  AtomicFile file(dir.File("out.h5"), env);
  EXPECT_THROW(file.Commit(), std::runtime_error);
  EXPECT_EQ(dir.Count(), 0);
}

TEST(AtomicFileTest, ADeviceOrLinkPutInPlaceMeanwhileIsNotReplaced) {
  ScratchDir dir;
  AtomicFile file(dir.File("out.h5"));
  ASSERT_EQ(mkfifo(dir.File("out.h5").c_str(), 0600), 0);
  EXPECT_THROW(file.Commit(), std::runtime_error);
  struct stat st;
  ASSERT_EQ(lstat(dir.File("out.h5").c_str(), &st), 0);
  EXPECT_TRUE(S_ISFIFO(st.st_mode));
  EXPECT_EQ(dir.Count(), 1);
}

TEST(SweepFileTest, AFailedRenameGivesAnErrorValueAndNoFile) {
  ScratchDir dir;
  FaultyEnv env;
  env.fail_rename = true;
  const RootAttributes info{
      .kind = FileKind::kSweep, .scenario_text = "name: x", .total_points = 1};
  records::ResultTables tables;
  tables.names = {.contact_types = {"voice"}, .agent_groups = {"desk"}, .bands = {{"top", 0}}};
  const std::vector<SweepPoint> points = {{.index = 0, .tables = tables}};
  const Status s = WriteSweepFile(dir.File("s.h5"), info, points, env);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().find("Permission denied"), std::string::npos) << s.error();
  EXPECT_EQ(dir.Count(), 0);
}

}  // namespace
}  // namespace ccsim::trace
