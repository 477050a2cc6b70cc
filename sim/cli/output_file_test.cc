#include "sim/cli/output_file.h"

#include <gtest/gtest.h>

#include <string>

#include "sim/cli/commands.h"

namespace ccsim::cli {
namespace {

// Stdout that fails as a full disk or a closed pipe would; the rest as it is.
class FailingStdout final : public trace::Env {
 public:
  trace::PathKind Inspect(const std::string& path) override { return real_.Inspect(path); }
  trace::Status WriteFile(const std::string& path, std::string_view contents) override {
    return real_.WriteFile(path, contents);
  }
  trace::Status Rename(const std::string& from, const std::string& to) override {
    return real_.Rename(from, to);
  }
  trace::Status Remove(const std::string& path) override { return real_.Remove(path); }
  trace::Status Flush(std::FILE*) override { return trace::FileError{"No space left on device"}; }

 private:
  trace::Env& real_ = *trace::Env::Default();
};

TEST(FinishStdoutTest, AFailedStdoutTurnsSuccessIntoFailureAndSaysWhy) {
  FailingStdout env;
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(FinishStdout("run", kExitOk, env), kExitFailure);
  EXPECT_EQ(::testing::internal::GetCapturedStderr(),
            "ccsim run: error: cannot write to standard output: No space left on device\n");
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(FinishStdout("run", kExitBadInput, env), kExitBadInput);  // the first error stays
  ::testing::internal::GetCapturedStderr();
}

TEST(FinishStdoutTest, AWorkingStdoutKeepsTheStatus) {
  EXPECT_EQ(FinishStdout("run", kExitOk), kExitOk);
  EXPECT_EQ(FinishStdout("run", 130), 130);
}

TEST(CheckOutputTest, NamesTheFlagAndRefusesADevice) {
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(CheckOutput("sweep", "-o", "/dev/full", true), kExitBadInput);
  EXPECT_NE(::testing::internal::GetCapturedStderr().find(
                "ccsim sweep: error: -o: /dev/full is not a regular file"),
            std::string::npos);
  // A missing folder is refused before any work (OutputPathProblem).
  EXPECT_EQ(CheckOutput("sweep", "-o", "/nonexistent-dir-ccsim/x.h5", false), kExitBadInput);
}

}  // namespace
}  // namespace ccsim::cli
