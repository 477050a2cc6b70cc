#include "sim/cli/progress_bar.h"

#include <gtest/gtest.h>

namespace ccsim::cli {
namespace {

TEST(ProgressLineTest, ShareCountElapsedAndTimeLeft) {
  EXPECT_EQ(ProgressLine(0.4, 12, {.name = "replications", .count = 10000}),
            "[################........................]  40%  4,000 of 10,000 replications"
            "  0:12 elapsed, about 0:18 left");
}

TEST(ProgressLineTest, LongRunsShowHours) {
  // 10% in 7 minutes: 63 minutes to go.
  EXPECT_EQ(ProgressLine(0.1, 420, {.name = "points", .count = 250}),
            "[####....................................]  10%  25 of 250 points  7:00 elapsed, "
            "about 1:03:00 left");
}

TEST(ProgressLineTest, NothingDoneYetOrAllDone) {
  EXPECT_EQ(ProgressLine(0, 2, {.count = 0}),
            "[........................................]   0%  0:02 elapsed");
  EXPECT_EQ(ProgressLine(1.5, 3725, {.name = "replications", .count = 3}),
            "[########################################] 100%  3 of 3 replications  1:02:05 elapsed");
}

}  // namespace
}  // namespace ccsim::cli
