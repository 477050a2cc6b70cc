#include "sim/model/arrival_process.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "sim/engine/random_stream.h"
#include "sim/scenario/scenario.h"

namespace ccsim::model {
namespace {

using scenario::ArrivalKind;
using scenario::Arrivals;

constexpr uint64_t kSeed = 2026;
constexpr uint32_t kPurpose = 1;
constexpr double kInf = std::numeric_limits<double>::infinity();

// Every arrival of one replication, in the order Next returns them.
std::vector<double> AllArrivals(const ArrivalProcess& p, uint32_t rep) {
  engine::RandomStream g(kSeed, rep, kPurpose, /*entity=*/0);
  ArrivalProcess::Cursor cursor;
  std::vector<double> times;
  for (double t = p.Next(0, cursor, g); t != kInf; t = p.Next(t, cursor, g)) {
    times.push_back(t);
  }
  return times;
}

Arrivals Pattern(double slot, std::vector<double> rates) {
  Arrivals a;
  a.kind = ArrivalKind::kPattern;
  a.slot = slot;
  a.rates = std::move(rates);
  return a;
}

Arrivals File(std::vector<double> times) {
  Arrivals a;
  a.kind = ArrivalKind::kFile;
  a.times = std::move(times);
  return a;
}

void ExpectStrictlyIncreasingBelow(const std::vector<double>& times, double horizon) {
  for (size_t i = 0; i < times.size(); ++i) {
    ASSERT_GE(times[i], 0) << i;
    ASSERT_LT(times[i], horizon) << i;
    if (i > 0) {
      ASSERT_GT(times[i], times[i - 1]) << i;
    }
  }
}

TEST(ArrivalProcessTest, HomogeneousCountAndGapsMatchPoisson) {
  const double rate = 0.1, horizon = 8 * 3600.0;  // 360/h over 8h: 2880 expected
  const ArrivalProcess p(Arrivals::Rate(rate), horizon);
  constexpr int kReps = 200;
  double sum = 0, sum2 = 0, gap_sum = 0;
  int64_t gaps = 0;
  for (int rep = 0; rep < kReps; ++rep) {
    const std::vector<double> times = AllArrivals(p, rep);
    ExpectStrictlyIncreasingBelow(times, horizon);
    const double n = static_cast<double>(times.size());
    sum += n;
    sum2 += n * n;
    for (size_t i = 1; i < times.size(); ++i) gap_sum += times[i] - times[i - 1];
    gaps += static_cast<int64_t>(times.size()) - 1;
  }
  const double expected = rate * horizon;
  const double mean = sum / kReps;
  EXPECT_NEAR(mean, expected, 5 * std::sqrt(expected / kReps));
  // Poisson: variance equals the mean; SE of a sample variance ~ var * sqrt(2 / (R - 1)).
  const double var = (sum2 - kReps * mean * mean) / (kReps - 1);
  EXPECT_NEAR(var, expected, 5 * expected * std::sqrt(2.0 / (kReps - 1)));
  // Exponential gaps: sd = mean = 1/rate.
  EXPECT_NEAR(gap_sum / gaps, 1 / rate, 5 * (1 / rate) / std::sqrt(static_cast<double>(gaps)));
}

TEST(ArrivalProcessTest, HomogeneousNextIsInfiniteAtAndAfterTheHorizon) {
  const double horizon = 600;
  const ArrivalProcess p(Arrivals::Rate(1.0), horizon);
  engine::RandomStream g(kSeed, 0, kPurpose, 0);
  ArrivalProcess::Cursor cursor;
  EXPECT_EQ(p.Next(horizon, cursor, g), kInf);
  EXPECT_EQ(p.Next(horizon + 100, cursor, g), kInf);
  EXPECT_EQ(p.Next(kInf, cursor, g), kInf);
  const double t = p.Next(horizon - 1e3, cursor, g);  // far before: a finite arrival
  EXPECT_LT(t, horizon);
}

TEST(ArrivalProcessTest, ZeroRateHasNoArrivals) {
  const ArrivalProcess p(Arrivals::Rate(0), 3600);
  EXPECT_TRUE(AllArrivals(p, 0).empty());
}

TEST(ArrivalProcessTest, PatternSlotCountsMatchRatesAndRepeat) {
  const double slot = 1800;
  const std::vector<double> rates = {0.05, 0.1, 0, 0.02};  // 180/h, 360/h, 0, 72/h
  // Two full cycles of the pattern and half a slot of a third: slot 8 is cut short.
  const double horizon = 2 * 4 * slot + slot / 2;
  const ArrivalProcess p(Pattern(slot, rates), horizon);
  constexpr int kSlots = 9;
  constexpr int kReps = 400;
  std::vector<double> counts(kSlots, 0);
  for (int rep = 0; rep < kReps; ++rep) {
    const std::vector<double> times = AllArrivals(p, rep);
    ExpectStrictlyIncreasingBelow(times, horizon);
    for (double t : times) ++counts[static_cast<size_t>(std::floor(t / slot))];
  }
  for (int i = 0; i < kSlots; ++i) {
    const double rate = rates[i % rates.size()];
    const double expected = rate * std::min(slot, horizon - i * slot);  // per replication
    if (rate == 0) {
      EXPECT_EQ(counts[i], 0) << "slot " << i;
      continue;
    }
    EXPECT_NEAR(counts[i] / kReps, expected, 5 * std::sqrt(expected / kReps)) << "slot " << i;
  }
}

TEST(ArrivalProcessTest, PatternWithOneSlotIsHomogeneous) {
  const double rate = 0.1, horizon = 8 * 3600.0;
  const ArrivalProcess p(Pattern(900, {rate}), horizon);
  constexpr int kReps = 100;
  double sum = 0;
  for (int rep = 0; rep < kReps; ++rep) sum += static_cast<double>(AllArrivals(p, rep).size());
  const double expected = rate * horizon;
  EXPECT_NEAR(sum / kReps, expected, 5 * std::sqrt(expected / kReps));
}

TEST(ArrivalProcessTest, PatternNextIsInfiniteAtAndAfterTheHorizon) {
  const double horizon = 3 * 1800.0;
  const ArrivalProcess p(Pattern(1800, {1.0, 2.0}), horizon);
  engine::RandomStream g(kSeed, 0, kPurpose, 0);
  ArrivalProcess::Cursor cursor;
  EXPECT_EQ(p.Next(horizon, cursor, g), kInf);
  EXPECT_EQ(p.Next(horizon + 1800, cursor, g), kInf);
}

TEST(ArrivalProcessTest, AllZeroPatternHasNoArrivalAndTerminates) {
  // An infinite horizon: only the all-zero check can end the walk over the slots.
  const ArrivalProcess p(Pattern(1800, {0, 0, 0}), kInf);
  engine::RandomStream g(kSeed, 0, kPurpose, 0);
  ArrivalProcess::Cursor cursor;
  EXPECT_EQ(p.Next(0, cursor, g), kInf);
  EXPECT_EQ(p.Next(12345, cursor, g), kInf);
  EXPECT_TRUE(AllArrivals(ArrivalProcess(Pattern(1800, {0, 0, 0}), 8 * 3600.0), 0).empty());
}

TEST(ArrivalProcessTest, FileReplaysListedTimesBelowTheHorizonInOrder) {
  const std::vector<double> listed = {0, 5, 5, 12.5, 100, 3599.5, 3600, 7200};
  const ArrivalProcess p(File(listed), 3600);
  engine::RandomStream g(kSeed, 0, kPurpose, 0);
  ArrivalProcess::Cursor cursor;
  std::vector<double> got;
  for (double t = p.Next(0, cursor, g); t != kInf; t = p.Next(t, cursor, g)) got.push_back(t);
  EXPECT_EQ(got, (std::vector<double>{0, 5, 5, 12.5, 100, 3599.5}));
  EXPECT_EQ(p.Next(3599.5, cursor, g), kInf);  // stays exhausted
}

TEST(ArrivalProcessTest, FileCursorsAreIndependent) {
  const ArrivalProcess p(File({1, 2, 3}), 3600);
  engine::RandomStream g(kSeed, 0, kPurpose, 0);
  ArrivalProcess::Cursor a, b;
  EXPECT_EQ(p.Next(0, a, g), 1);
  EXPECT_EQ(p.Next(1, a, g), 2);
  EXPECT_EQ(p.Next(0, b, g), 1);
  EXPECT_EQ(p.Next(2, a, g), 3);
  EXPECT_EQ(p.Next(3, a, g), kInf);
  EXPECT_EQ(p.Next(1, b, g), 2);
  EXPECT_EQ(p.Next(2, b, g), 3);
  EXPECT_EQ(p.Next(3, b, g), kInf);
}

TEST(ArrivalProcessTest, EmptyFileHasNoArrivals) {
  EXPECT_TRUE(AllArrivals(ArrivalProcess(File({}), 3600), 0).empty());
}

TEST(ArrivalProcessTest, SameStreamIdentityGivesSameArrivals) {
  const ArrivalProcess rate(Arrivals::Rate(0.05), 3600);
  const ArrivalProcess pattern(Pattern(600, {0.02, 0, 0.1}), 3600);
  EXPECT_EQ(AllArrivals(rate, 3), AllArrivals(rate, 3));
  EXPECT_NE(AllArrivals(rate, 3), AllArrivals(rate, 4));
  EXPECT_EQ(AllArrivals(pattern, 3), AllArrivals(pattern, 3));
  EXPECT_NE(AllArrivals(pattern, 3), AllArrivals(pattern, 4));
}

TEST(ArrivalProcessTest, RateAtEachKind) {
  const ArrivalProcess rate(Arrivals::Rate(0.1), 3600);
  EXPECT_EQ(rate.RateAt(0), 0.1);
  EXPECT_EQ(rate.RateAt(1234.5), 0.1);

  const ArrivalProcess pattern(Pattern(1800, {0.05, 0.1, 0, 0.02}), 4 * 7200.0);
  EXPECT_EQ(pattern.RateAt(0), 0.05);
  EXPECT_EQ(pattern.RateAt(1799.9), 0.05);
  EXPECT_EQ(pattern.RateAt(1800), 0.1);  // a boundary belongs to the slot it starts
  EXPECT_EQ(pattern.RateAt(3600 + 1), 0);
  EXPECT_EQ(pattern.RateAt(5400), 0.02);
  EXPECT_EQ(pattern.RateAt(7200), 0.05);  // second cycle
  EXPECT_EQ(pattern.RateAt(7200 + 1800), 0.1);
  EXPECT_EQ(pattern.RateAt(3 * 7200 + 5399), 0);

  // A replay has no intensity to report.
  const ArrivalProcess file(File({1, 2, 3}), 3600);
  EXPECT_EQ(file.RateAt(1.5), 0);
}

}  // namespace
}  // namespace ccsim::model
