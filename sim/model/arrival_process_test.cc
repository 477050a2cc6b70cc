#include "sim/model/arrival_process.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/random/gamma_distribution.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "sim/engine/random_stream.h"
#include "sim/model/model.h"
#include "sim/scenario/calendar.h"
#include "sim/scenario/scenario.h"

namespace ccsim::model {
namespace {

using scenario::ArrivalKind;
using scenario::Arrivals;

constexpr uint64_t kSeed = 2026;
constexpr uint32_t kPurpose = 1;
constexpr double kInf = std::numeric_limits<double>::infinity();

constexpr ArrivalProcess::Draws kDraws{.seed = kSeed, .replication = 0};

// Every arrival of one replication, in the order Next returns them.
std::vector<double> AllArrivals(const ArrivalProcess& p, uint32_t rep) {
  engine::RandomStream g(kSeed, rep, kPurpose, /*entity=*/0);
  const ArrivalProcess::Draws draws{.seed = kSeed, .replication = rep};
  ArrivalProcess::Cursor cursor;
  std::vector<double> times;
  for (double t = p.Next(0, cursor, g, draws); t != kInf; t = p.Next(t, cursor, g, draws)) {
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
  EXPECT_EQ(p.Next(horizon, cursor, g, kDraws), kInf);
  EXPECT_EQ(p.Next(horizon + 100, cursor, g, kDraws), kInf);
  EXPECT_EQ(p.Next(kInf, cursor, g, kDraws), kInf);
  const double t = p.Next(horizon - 1e3, cursor, g, kDraws);  // far before: a finite arrival
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
  EXPECT_EQ(p.Next(horizon, cursor, g, kDraws), kInf);
  EXPECT_EQ(p.Next(horizon + 1800, cursor, g, kDraws), kInf);
}

TEST(ArrivalProcessTest, AllZeroPatternHasNoArrivalAndTerminates) {
  // An infinite horizon: only the all-zero check can end the walk over the slots.
  const ArrivalProcess p(Pattern(1800, {0, 0, 0}), kInf);
  engine::RandomStream g(kSeed, 0, kPurpose, 0);
  ArrivalProcess::Cursor cursor;
  EXPECT_EQ(p.Next(0, cursor, g, kDraws), kInf);
  EXPECT_EQ(p.Next(12345, cursor, g, kDraws), kInf);
  EXPECT_TRUE(AllArrivals(ArrivalProcess(Pattern(1800, {0, 0, 0}), 8 * 3600.0), 0).empty());
}

TEST(ArrivalProcessTest, FileReplaysListedTimesBelowTheHorizonInOrder) {
  const std::vector<double> listed = {0, 5, 5, 12.5, 100, 3599.5, 3600, 7200};
  const ArrivalProcess p(File(listed), 3600);
  engine::RandomStream g(kSeed, 0, kPurpose, 0);
  ArrivalProcess::Cursor cursor;
  std::vector<double> got;
  for (double t = p.Next(0, cursor, g, kDraws); t != kInf; t = p.Next(t, cursor, g, kDraws)) {
    got.push_back(t);
  }
  EXPECT_EQ(got, (std::vector<double>{0, 5, 5, 12.5, 100, 3599.5}));
  EXPECT_EQ(p.Next(3599.5, cursor, g, kDraws), kInf);  // stays exhausted
}

TEST(ArrivalProcessTest, FileCursorsAreIndependent) {
  const ArrivalProcess p(File({1, 2, 3}), 3600);
  engine::RandomStream g(kSeed, 0, kPurpose, 0);
  ArrivalProcess::Cursor a, b;
  EXPECT_EQ(p.Next(0, a, g, kDraws), 1);
  EXPECT_EQ(p.Next(1, a, g, kDraws), 2);
  EXPECT_EQ(p.Next(0, b, g, kDraws), 1);
  EXPECT_EQ(p.Next(2, a, g, kDraws), 3);
  EXPECT_EQ(p.Next(3, a, g, kDraws), kInf);
  EXPECT_EQ(p.Next(1, b, g, kDraws), 2);
  EXPECT_EQ(p.Next(2, b, g, kDraws), 3);
  EXPECT_EQ(p.Next(3, b, g, kDraws), kInf);
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

// --- the calendar's arrivals: weekly patterns, forecasts, open hours, busyness -----------

constexpr double kHour = 3600, kDay = 86400;

// A scenario of one contact type with these arrivals (and nothing else the process reads).
scenario::Scenario OneType(const Arrivals& a, double horizon, const char* start = nullptr) {
  scenario::Scenario s;
  s.horizon = horizon;
  if (start != nullptr) s.start = scenario::ParseDateTime(start);
  scenario::ContactType ct;
  ct.name = "calls";
  ct.arrivals = a;
  s.contact_types.push_back(ct);
  return s;
}

// The tolerance on a sample variance of `r` values of a distribution with cumulants
// kappa2 (the variance) and kappa4: z standard deviations of S^2, whose variance is
// mu4 / r - sigma^4 (r - 3) / (r (r - 1)) with mu4 = kappa4 + 3 kappa2^2. (A chi-square
// interval would assume normal counts; these are negative binomial, heavier-tailed.)
double VarianceTolerance(double kappa2, double kappa4, int r, double z) {
  const double n = r, mu4 = kappa4 + 3 * kappa2 * kappa2;
  return z * std::sqrt(mu4 / n - kappa2 * kappa2 * (n - 3) / (n * (n - 1)));
}

// Cumulants 2 and 4 of a Poisson count with mean m whose rate is scaled by a gamma factor
// with mean 1 and standard deviation sd (negative binomial with shape r = 1/sd^2).
double NegBinKappa2(double m, double sd) { return m + sd * sd * m * m; }
double NegBinKappa4(double m, double sd) {
  const double q = sd * sd;  // 1/r
  return m + 7 * m * m * q + 12 * m * m * m * q * q + 6 * m * m * m * m * q * q * q;
}

// Sample mean and variance.
std::pair<double, double> MeanAndVariance(const std::vector<double>& x) {
  double sum = 0, sum2 = 0;
  for (double v : x) sum += v;
  const double mean = sum / static_cast<double>(x.size());
  for (double v : x) sum2 += (v - mean) * (v - mean);
  return {mean, sum2 / static_cast<double>(x.size() - 1)};
}

TEST(CalendarArrivalsTest, AWeeklyPatternsSlotFollowsTheCalendar) {
  // Slot h of day d has rate (24 d + h + 1)/h; the start is a Wednesday at 10:00.
  Arrivals a;
  a.kind = ArrivalKind::kWeekly;
  a.slot = kHour;
  for (int i = 0; i < 7 * 24; ++i) a.rates.push_back((i + 1) / kHour);
  a.handle_time_factors.assign(7 * 24, 1.0);
  a.handle_time_factors[2 * 24 + 10] = 1.5;
  scenario::Scenario s = OneType(a, 14 * kDay, "2026-03-04 10:00");
  s.contact_types[0].arrivals.offset = scenario::Calendar(*s.start).SecondsIntoWeek(0);
  const ArrivalProcess p(s, 0);
  EXPECT_EQ(p.RateAt(0), (2 * 24 + 10 + 1) / kHour);                   // Wednesday 10:00
  EXPECT_EQ(p.RateAt(kHour - 0.5), (2 * 24 + 10 + 1) / kHour);         // still its slot
  EXPECT_EQ(p.RateAt(14 * kHour), (3 * 24 + 1) / kHour);               // Thursday 00:00
  EXPECT_EQ(p.RateAt(5 * kDay + 13 * kHour), (24) / kHour);            // Monday 23:00
  EXPECT_EQ(p.RateAt(5 * kDay + 14 * kHour), (24 + 1) / kHour);        // Tuesday 00:00
  EXPECT_EQ(p.RateAt(7 * kDay + 30 * 60), (2 * 24 + 10 + 1) / kHour);  // a week on
  EXPECT_EQ(p.HandleTimeFactorAt(1800), 1.5);
  EXPECT_EQ(p.HandleTimeFactorAt(7 * kDay), 1.5);
  EXPECT_EQ(p.HandleTimeFactorAt(kHour), 1);
  EXPECT_EQ(p.PatienceFactorAt(1800), 1);
}

TEST(CalendarArrivalsTest, AForecastHasArrivalsOnlyInItsIntervals) {
  // Two half hours from 1h: 60 and 20 expected arrivals; none before or after.
  Arrivals a;
  a.kind = ArrivalKind::kForecast;
  a.slot = 1800;
  a.rates = {60 / 1800.0, 20 / 1800.0};
  a.offset = -3600;
  a.repeats = false;
  const scenario::Scenario s = OneType(a, 4 * kHour);
  const ArrivalProcess p(s, 0);
  EXPECT_EQ(p.RateAt(3599), 0);
  EXPECT_EQ(p.RateAt(3600), 60 / 1800.0);
  EXPECT_EQ(p.RateAt(5400), 20 / 1800.0);
  EXPECT_EQ(p.RateAt(7200), 0);
  constexpr int kReps = 400;
  double first = 0, second = 0;
  for (uint32_t rep = 0; rep < kReps; ++rep) {
    for (double t : AllArrivals(p, rep)) {
      ASSERT_GE(t, 3600);
      ASSERT_LT(t, 7200);
      (t < 5400 ? first : second) += 1;
    }
  }
  // Poisson counts: the standard error of a mean of kReps is sqrt(m / kReps).
  EXPECT_NEAR(first / kReps, 60, 3.5 * std::sqrt(60.0 / kReps));
  EXPECT_NEAR(second / kReps, 20, 3.5 * std::sqrt(20.0 / kReps));
}

// Open Monday to Friday 08:00-20:00, Saturday 09:00-13:00 and Sunday 22:00 to Monday
// 02:00, computed from the calendar alone (not by OpenHoursModel).
bool OpenAt(const scenario::Calendar& c, double t) {
  const int d = c.DayOfWeek(t);
  const double h = c.SecondsIntoDay(t) / kHour;
  return (d <= 4 && h >= 8 && h < 20) || (d == 5 && h >= 9 && h < 13) || (d == 6 && h >= 22) ||
         (d == 0 && h < 2);
}

TEST(CalendarArrivalsTest, NoArrivalOutsideOpenHoursAndTheRateInside) {
  scenario::Arrivals a = Pattern(45 * 60, {100 / kHour, 40 / kHour, 70 / kHour});
  scenario::Scenario s = OneType(a, 14 * kDay, "2026-03-02 06:30");
  scenario::OpenHours open;
  for (int d = 0; d < 5; ++d) open.week.emplace_back(d * kDay + 8 * kHour, d * kDay + 20 * kHour);
  open.week.emplace_back(5 * kDay + 9 * kHour, 5 * kDay + 13 * kHour);
  open.week.emplace_back(6 * kDay + 22 * kHour, 7 * kDay);
  open.week.insert(open.week.begin(), {0, 2 * kHour});
  s.contact_types[0].open = open;
  const scenario::Calendar calendar(*s.start);
  // The expected arrivals by day of the week: every boundary is a whole minute.
  std::vector<double> expected(7, 0.0);
  for (double t = 0; t < s.horizon; t += 60) {
    if (OpenAt(calendar, t)) {
      expected[calendar.DayOfWeek(t)] += 60 * a.rates[static_cast<size_t>(t / a.slot) % 3];
    }
  }
  const ArrivalProcess p(s, 0);
  constexpr int kReps = 100;
  std::vector<double> counts(7, 0.0);
  for (uint32_t rep = 0; rep < kReps; ++rep) {
    for (double t : AllArrivals(p, rep)) {
      ASSERT_TRUE(OpenAt(calendar, t)) << "an arrival at " << calendar.Label(t);
      ++counts[calendar.DayOfWeek(t)];
    }
  }
  for (int d = 0; d < 7; ++d) {
    EXPECT_NEAR(counts[d] / kReps, expected[d], 3.5 * std::sqrt(expected[d] / kReps))
        << scenario::DayName(d);
  }
}

TEST(CalendarArrivalsTest, BusynessFactorsAreKeyedDrawsSharedByEveryType) {
  // Two types, the scenario's factor per day (sd 0.2) and type 1's own per day (sd 0.5); the
  // start at 18:00 puts the first midnight at 6 h.
  scenario::Scenario s = OneType(Arrivals::Rate(0.01), 3 * kDay, "2026-03-02 18:00");
  s.contact_types.push_back(s.contact_types[0]);
  s.busyness = scenario::Busyness{.sd = 0.2, .per = scenario::BusynessPer::kDay};
  s.contact_types[1].arrivals.busyness = scenario::Busyness{.sd = 0.5};
  const ArrivalProcess::Draws draws{.seed = 99, .replication = 3};
  const auto gamma = [&](uint64_t entity, uint64_t day, double sd) {
    engine::RandomStream g(99, 3, kBusynessStream, entity, day);
    return boost::random::gamma_distribution<double>(1 / (sd * sd), sd * sd)(g);
  };
  const ArrivalProcess p0(s, 0), p1(s, 1);
  for (int day = 0; day < 3; ++day) {
    const double t = day == 0 ? 0 : 6 * kHour + (day - 1) * kDay;  // the day's first instant
    for (double at : {t, t + kHour, (day == 0 ? 6 * kHour : t + kDay) - 0.001}) {
      EXPECT_EQ(p0.BusynessAt(at, draws), gamma(0, day, 0.2)) << day << " " << at;
      EXPECT_EQ(p1.BusynessAt(at, draws), gamma(0, day, 0.2) * gamma(2, day, 0.5));
    }
  }
  EXPECT_NE(p0.BusynessAt(0, draws), p0.BusynessAt(6 * kHour, draws));
  // Once per replication: one draw (sub 0) for the whole run.
  s.busyness->per = scenario::BusynessPer::kReplication;
  const ArrivalProcess once(s, 0);
  EXPECT_EQ(once.BusynessAt(0, draws), gamma(0, 0, 0.2));
  EXPECT_EQ(once.BusynessAt(2.5 * kDay, draws), gamma(0, 0, 0.2));
}

TEST(CalendarArrivalsTest, ANegligibleBusynessIsNone) {
  // sd 1e-300: sd^2 is 0 in doubles, and a gamma of shape 1/0 would stop every arrival.
  Arrivals a = Arrivals::Rate(0.01);
  const ArrivalProcess plain(a, kDay);
  a.busyness = scenario::Busyness{.sd = 1e-300};
  const ArrivalProcess tiny(a, kDay);
  EXPECT_EQ(tiny.BusynessAt(0, kDraws), 1);
  EXPECT_EQ(AllArrivals(tiny, 0), AllArrivals(plain, 0));
}

TEST(CalendarArrivalsTest, ArrivalsFollowTheirDaysFactors) {
  // Per day (sd 0.5) from a start at 18:00: given the factors, day 0 (6 h) and day 1 (24 h)
  // hold Poisson counts with means rate * length * factor.
  const double rate = 20 / kHour;
  Arrivals a = Arrivals::Rate(rate);
  a.busyness = scenario::Busyness{.sd = 0.5};
  const scenario::Scenario s = OneType(a, 30 * kHour, "2026-03-02 18:00");
  const ArrivalProcess p(s, 0);
  constexpr int kReps = 300;
  double diff[2] = {0, 0}, expected[2] = {0, 0};
  for (uint32_t rep = 0; rep < kReps; ++rep) {
    const ArrivalProcess::Draws draws{.seed = kSeed, .replication = rep};
    const double m0 = rate * 6 * kHour * p.BusynessAt(0, draws);
    const double m1 = rate * 24 * kHour * p.BusynessAt(6 * kHour, draws);
    double n[2] = {0, 0};
    for (double t : AllArrivals(p, rep)) ++n[t < 6 * kHour ? 0 : 1];
    diff[0] += n[0] - m0;
    diff[1] += n[1] - m1;
    expected[0] += m0;
    expected[1] += m1;
  }
  // Sums of independent Poisson deviations: standard deviation sqrt(sum of means).
  EXPECT_NEAR(diff[0], 0, 3.5 * std::sqrt(expected[0]));
  EXPECT_NEAR(diff[1], 0, 3.5 * std::sqrt(expected[1]));
}

TEST(CalendarArrivalsTest, BusynessOncePerReplicationSpreadsTheCount) {
  // 100/h over 2 h: m = 200; sd 0.3: variance m + sd^2 m^2 = 3800 (Poisson alone: 200).
  const double rate = 100 / kHour, horizon = 2 * kHour, sd = 0.3, m = rate * horizon;
  Arrivals a = Arrivals::Rate(rate);
  a.busyness = scenario::Busyness{.sd = sd, .per = scenario::BusynessPer::kReplication};
  const ArrivalProcess p(a, horizon);
  constexpr int kReps = 2000;
  std::vector<double> counts;
  for (uint32_t rep = 0; rep < kReps; ++rep) {
    counts.push_back(static_cast<double>(AllArrivals(p, rep).size()));
  }
  const auto [mean, variance] = MeanAndVariance(counts);
  const double kappa2 = NegBinKappa2(m, sd);
  EXPECT_NEAR(mean, m, 3.5 * std::sqrt(kappa2 / kReps));
  EXPECT_NEAR(variance, kappa2, VarianceTolerance(kappa2, NegBinKappa4(m, sd), kReps, 3.5));
}

TEST(CalendarArrivalsTest, BusynessPerDayDrawsEachDayApart) {
  // Four days of 10/h without a start (days of 24 h from 0), sd 0.3 per day: the days are
  // independent, so the total's variance is 4 (m + sd^2 m^2) with m = 240, not the
  // 4m + sd^2 (4m)^2 of one factor for the run.
  const double rate = 10 / kHour, sd = 0.3, m = rate * kDay;
  Arrivals a = Arrivals::Rate(rate);
  a.busyness = scenario::Busyness{.sd = sd, .per = scenario::BusynessPer::kDay};
  const ArrivalProcess p(a, 4 * kDay);
  constexpr int kReps = 2000;
  std::vector<double> totals;
  for (uint32_t rep = 0; rep < kReps; ++rep) {
    totals.push_back(static_cast<double>(AllArrivals(p, rep).size()));
  }
  const auto [mean, variance] = MeanAndVariance(totals);
  const double kappa2 = 4 * NegBinKappa2(m, sd), kappa4 = 4 * NegBinKappa4(m, sd);
  EXPECT_NEAR(mean, 4 * m, 3.5 * std::sqrt(kappa2 / kReps));
  EXPECT_NEAR(variance, kappa2, VarianceTolerance(kappa2, kappa4, kReps, 3.5));
}

}  // namespace
}  // namespace ccsim::model
