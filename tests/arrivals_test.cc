// The planner's arrivals end to end: weekly patterns, forecast files, open hours, per-slot
// factors and busyness, run through the whole model and checked on its counters and trace
// against what the scenario promises. Tolerances come from the replications (1.5 times the
// 95% half-width, about three standard errors) or, for variances, from the exact fourth
// moment of the counts; seeds are fixed, so the outcome is repeatable.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "sim/engine/replication_runner.h"
#include "sim/engine/statistics.h"
#include "sim/model/model.h"
#include "sim/model/replication.h"
#include "sim/scenario/calendar.h"
#include "sim/scenario/loader.h"
#include "tests/replications_for_test.h"

namespace ccsim {
namespace {

constexpr double kHour = 3600, kDay = 86400;
using scenario::Distribution;

using test_support::RunAll;

void ExpectAgrees(std::span<const double> values, double exact, const std::string& what) {
  const engine::Estimate e = engine::EstimateMean(values);
  EXPECT_NEAR(e.mean, exact, 1.5 * e.ci95)
      << what << ": simulated " << e.mean << " ± " << e.ci95 << ", expected " << exact;
}

scenario::Scenario Centre(double horizon, int replications, const char* start) {
  scenario::Scenario s;
  s.name = "arrivals";
  s.horizon = horizon;
  s.replications = replications;
  if (start != nullptr) s.start = scenario::ParseDateTime(start);
  return s;
}

// A contact type served at once by a big team (so every contact is answered).
void AddType(scenario::Scenario& s, const std::string& name, const scenario::Arrivals& a,
             Distribution handle = Distribution::Exponential(60), int agents = 200) {
  scenario::ContactType ct;
  ct.name = name;
  ct.arrivals = a;
  ct.handle_time = handle;
  s.contact_types.push_back(ct);
  scenario::AgentGroup g;
  g.name = name + "_team";
  g.agents = agents;
  g.skills = {{.contact_type = static_cast<int>(s.contact_types.size()) - 1}};
  s.agent_groups.push_back(g);
}

// Offered contacts of `type` per replication, summed over the intervals `pick` accepts.
template <typename Pick>
std::vector<double> Offered(const model::Model& m, const std::vector<model::ReplicationResult>& rs,
                            int type, Pick pick) {
  const size_t types = m.types().size();
  std::vector<double> out;
  for (const model::ReplicationResult& r : rs) {
    double n = 0;
    for (int i = 0; i < m.interval_count(); ++i) {
      if (pick(i)) n += static_cast<double>(r.intervals[i * types + type].offered);
    }
    out.push_back(n);
  }
  return out;
}

TEST(WeeklyArrivalsTest, OfferedPerWeekdayIsThePatternsVolume) {
  // From Wednesday 00:00, two weeks of hourly rates: day d has (d + 1) * 20/h from 08:00 to
  // 20:00 and 2/h at night; Sunday is left out (no arrivals).
  scenario::Scenario s = Centre(14 * kDay, 20, "2026-03-04 00:00");
  s.interval = kHour;
  scenario::Arrivals a;
  a.kind = scenario::ArrivalKind::kWeekly;
  a.slot = kHour;
  std::vector<double> volume(7, 0.0);  // a week's expected arrivals by day
  for (int d = 0; d < 7; ++d) {
    for (int h = 0; h < 24; ++h) {
      const double rate = d == 6 ? 0 : (h >= 8 && h < 20 ? (d + 1) * 20 : 2) / kHour;
      a.rates.push_back(rate);
      volume[d] += rate * kHour;
    }
  }
  a.offset = scenario::Calendar(*s.start).SecondsIntoWeek(0);
  AddType(s, "calls", a);
  const model::Model m(s);
  const std::vector<model::ReplicationResult> rs = RunAll(s, 11);
  const scenario::Calendar calendar(*s.start);
  for (int d = 0; d < 7; ++d) {
    const std::vector<double> offered =
        Offered(m, rs, 0, [&](int i) { return calendar.DayOfWeek(i * s.interval) == d; });
    if (d == 6) {
      EXPECT_EQ(engine::EstimateMean(offered).mean, 0);
      continue;
    }
    ExpectAgrees(offered, 2 * volume[d], scenario::DayName(d));
  }
}

// A folder of its own for a test's files.
class TempFolder {
 public:
  TempFolder() {
    path_ = std::filesystem::temp_directory_path() /
            ("ccsim_arrivals_" + std::to_string(getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(path_);
  }
  ~TempFolder() { std::filesystem::remove_all(path_); }
  std::string Write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
    return (path_ / name).string();
  }

 private:
  std::filesystem::path path_;
};

TEST(ForecastArrivalsTest, VolumesAndAhtComeBackPerInterval) {
  // Eight half hours from 09:00 with their volumes and AHTs; the run starts at 08:00, so the
  // first two intervals have no forecast and no arrival. Handle times: exponential, mean
  // 200s, scaled to each interval's aht.
  const std::vector<double> volume = {20, 40, 80, 120, 100, 60, 30, 10};
  const std::vector<double> aht = {180, 200, 240, 300, 260, 220, 200, 180};
  TempFolder folder;
  std::string csv = "interval_start,contact_type,volume,aht\n";
  for (size_t i = 0; i < volume.size(); ++i) {
    csv += scenario::FormatDateTime(*scenario::ParseDateTime("2026-03-02 09:00") +
                                    static_cast<int64_t>(i) * 1800) +
           ",calls," + std::to_string(static_cast<int>(volume[i])) + "," +
           std::to_string(static_cast<int>(aht[i])) + "\n";
  }
  folder.Write("forecast.csv", csv);
  const std::string yaml = folder.Write("s.yaml", R"(name: forecast
start: 2026-03-02 08:00
horizon: 6h
interval: 30m
replications: 40
contact_types:
  calls:
    arrivals: {forecast: forecast.csv}
    handle_time: {dist: exponential, mean: 200s}
agent_groups:
  team:
    agents: 200
    skills: {calls: 1}
)");
  const scenario::LoadResult loaded = scenario::LoadScenarioFile(yaml);
  ASSERT_TRUE(loaded.ok()) << loaded.errors.front().ToString();
  const scenario::Scenario& s = *loaded.scenario;
  const model::Model m(s);
  const std::vector<model::ReplicationResult> rs = RunAll(s, 5);
  for (int i = 0; i < m.interval_count(); ++i) {
    std::vector<double> offered, mean_aht;
    for (const model::ReplicationResult& r : rs) {
      const model::Counters& c = r.intervals[i];
      offered.push_back(static_cast<double>(c.offered));
      if (c.answered > 0) mean_aht.push_back(c.handle / static_cast<double>(c.answered));
    }
    if (i < 2 || i >= 10) {
      EXPECT_EQ(engine::EstimateMean(offered).mean, 0) << "interval " << i;
      continue;
    }
    ExpectAgrees(offered, volume[i - 2], "offered in interval " + std::to_string(i));
    ExpectAgrees(mean_aht, aht[i - 2], "aht in interval " + std::to_string(i));
  }
}

// The second and fourth central moments of a Poisson count whose mean is random, from the
// first four raw moments of that mean: the count's factorial moments are the mean's raw
// moments, and E N^k follows with the Stirling numbers of the second kind.
std::pair<double, double> MixedPoissonMoments(const double lambda[4]) {
  const double e1 = lambda[0], e2 = lambda[1] + lambda[0],
               e3 = lambda[2] + 3 * lambda[1] + lambda[0],
               e4 = lambda[3] + 6 * lambda[2] + 7 * lambda[1] + lambda[0];
  const double mu2 = e2 - e1 * e1;
  const double mu4 = e4 - 4 * e1 * e3 + 6 * e1 * e1 * e2 - 3 * e1 * e1 * e1 * e1;
  return {mu2, mu4};
}

// E G^k of a gamma factor with mean 1 and standard deviation sd (shape 1/sd^2).
double GammaMoment(double sd, int k) {
  double m = 1;
  for (int i = 0; i < k; ++i) m *= 1 + i * sd * sd;
  return m;
}

// z standard deviations of the sample variance of r values with moments mu2 and mu4.
double VarianceTolerance(double mu2, double mu4, int r, double z) {
  const double n = r;
  return z * std::sqrt(mu4 / n - mu2 * mu2 * (n - 3) / (n * (n - 1)));
}

double SampleVariance(const std::vector<double>& x) {
  double mean = 0, sum2 = 0;
  for (double v : x) mean += v / static_cast<double>(x.size());
  for (double v : x) sum2 += (v - mean) * (v - mean);
  return sum2 / static_cast<double>(x.size() - 1);
}

TEST(BusynessTest, OnceAReplicationOfferedHasTheMixedPoissonVariance) {
  // Two types, m = 400 and 200 over 2 h; the scenario's factor (sd 0.2) is shared, type A
  // also has its own (sd 0.25). Offered of A: Poisson with mean 400 G1 G2; of B: 200 G1; of
  // both: G1 (400 G2 + 200), whose variance is larger than with two independent factors.
  const double ma = 400, mb = 200, s1 = 0.2, s2 = 0.25;
  scenario::Scenario s = Centre(2 * kHour, 1500, nullptr);
  s.busyness = scenario::Busyness{.sd = s1, .per = scenario::BusynessPer::kReplication};
  scenario::Arrivals a = scenario::Arrivals::Rate(ma / s.horizon);
  a.busyness = scenario::Busyness{.sd = s2, .per = scenario::BusynessPer::kReplication};
  AddType(s, "a", a, Distribution::Constant(30));
  AddType(s, "b", scenario::Arrivals::Rate(mb / s.horizon), Distribution::Constant(30));
  const std::vector<model::ReplicationResult> rs = RunAll(s, 2026);
  std::vector<double> na, nb, both;
  for (const model::ReplicationResult& r : rs) {
    na.push_back(static_cast<double>(r.by_type[0].offered));
    nb.push_back(static_cast<double>(r.by_type[1].offered));
    both.push_back(na.back() + nb.back());
  }
  double la[4], lb[4], lt[4];
  for (int k = 1; k <= 4; ++k) {
    la[k - 1] = std::pow(ma, k) * GammaMoment(s1, k) * GammaMoment(s2, k);
    lb[k - 1] = std::pow(mb, k) * GammaMoment(s1, k);
    double inner = 0;  // E (ma G2 + mb)^k by the binomial theorem
    for (int j = 0; j <= k; ++j) {
      inner += std::tgamma(k + 1) / (std::tgamma(j + 1) * std::tgamma(k - j + 1)) *
               std::pow(ma, j) * GammaMoment(s2, j) * std::pow(mb, k - j);
    }
    lt[k - 1] = GammaMoment(s1, k) * inner;
  }
  const int r = s.replications;
  for (const auto& [counts, lambda, what] :
       {std::tuple(&na, la, "a"), std::tuple(&nb, lb, "b"), std::tuple(&both, lt, "a + b")}) {
    const auto [mu2, mu4] = MixedPoissonMoments(lambda);
    EXPECT_NEAR(engine::EstimateMean(*counts).mean, lambda[0], 3.5 * std::sqrt(mu2 / r)) << what;
    EXPECT_NEAR(SampleVariance(*counts), mu2, VarianceTolerance(mu2, mu4, r, 3.5))
        << what << ": m + v m^2 = " << mu2;
  }
  // Had each type drawn the scenario's factor apart, a + b would vary by about this much
  // less: the test above tells the two apart.
  const double independent = MixedPoissonMoments(la).first + MixedPoissonMoments(lb).first;
  EXPECT_GT(
      MixedPoissonMoments(lt).first - independent,
      3 * VarianceTolerance(MixedPoissonMoments(lt).first, MixedPoissonMoments(lt).second, r, 1));
}

class RecordingSink : public records::TraceSink {
 public:
  void OnContacts(int, std::span<const records::ContactRecord> chunk) override {
    std::lock_guard<std::mutex> lock(mu_);
    rows.insert(rows.end(), chunk.begin(), chunk.end());
  }
  std::vector<records::ContactRecord> rows;

 private:
  std::mutex mu_;
};

TEST(OpenHoursTest, NoContactArrivesWhileClosed) {
  // Open Monday to Friday 08:00-20:00 and Saturday 09:00-13:00, a week from Monday 06:00.
  scenario::Scenario s = Centre(7 * kDay, 10, "2026-03-02 06:00");
  AddType(s, "calls", scenario::Arrivals::Rate(30 / kHour));
  scenario::OpenHours open;
  for (int d = 0; d < 5; ++d) open.week.emplace_back(d * kDay + 8 * kHour, d * kDay + 20 * kHour);
  open.week.emplace_back(5 * kDay + 9 * kHour, 5 * kDay + 13 * kHour);
  s.contact_types[0].open = open;
  RecordingSink sink;
  RunAll(s, 3, &sink);
  const scenario::Calendar calendar(*s.start);
  for (const records::ContactRecord& c : sink.rows) {
    const int d = calendar.DayOfWeek(c.arrival);
    const double h = calendar.SecondsIntoDay(c.arrival) / kHour;
    ASSERT_TRUE((d <= 4 && h >= 8 && h < 20) || (d == 5 && h >= 9 && h < 13))
        << "a contact arrived " << calendar.Label(c.arrival);
  }
  // 64 open hours at 30/h, ten replications: Poisson, standard error sqrt(1920 * 10).
  EXPECT_NEAR(static_cast<double>(sink.rows.size()), 10 * 64 * 30, 3.5 * std::sqrt(10 * 64 * 30.0));
}

TEST(SlotFactorsTest, EachContactsDrawsAreScaledByItsSlot) {
  // Two one-hour slots: handle-time factors 1 and 1.5, patience factors 2 and 0.5. `served`
  // has a constant 100s handle time and agents to spare; `waiting` nobody, and a constant
  // patience of 60s: each handle time and each wait is exactly its slot's multiple.
  scenario::Scenario s = Centre(2 * kHour, 3, nullptr);
  scenario::Arrivals a;
  a.kind = scenario::ArrivalKind::kPattern;
  a.slot = kHour;
  a.rates = {60 / kHour, 60 / kHour};
  a.handle_time_factors = {1, 1.5};
  a.patience_factors = {2, 0.5};
  AddType(s, "served", a, Distribution::Constant(100));
  AddType(s, "waiting", a, Distribution::Constant(100), /*agents=*/0);
  s.contact_types[1].patience = Distribution::Constant(60);
  RecordingSink sink;
  RunAll(s, 8, &sink);
  int served = 0, waited = 0;
  for (const records::ContactRecord& c : sink.rows) {
    const bool second = c.arrival >= kHour;
    if (c.contact_type == 0) {
      ASSERT_EQ(c.outcome, records::ContactOutcome::kResolved);
      EXPECT_EQ(c.handle_time, second ? 150 : 100) << c.arrival;
      ++served;
    } else {
      ASSERT_EQ(c.outcome, records::ContactOutcome::kAbandoned);
      EXPECT_EQ(c.end, c.arrival + (second ? 30 : 120)) << c.arrival;
      ++waited;
    }
  }
  EXPECT_GT(served, 200);
  EXPECT_GT(waited, 200);
}

}  // namespace
}  // namespace ccsim
