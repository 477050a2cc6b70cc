// Test support for the statistical tests: every replication of a scenario, a mean with its
// confidence interval over them, the check of an estimate against an exact value, and the
// M/M/c centre most checks start from.
//
// Example:
//   const auto results = RunAll(Mmc(0.05, 300, 20), /*seed=*/7);
//   const engine::Estimate waited = Over(results, [](const auto& r) { return r.wait_total; });
#ifndef CCSIM_TESTS_REPLICATIONS_FOR_TEST_H_
#define CCSIM_TESTS_REPLICATIONS_FOR_TEST_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/engine/replication_runner.h"
#include "sim/engine/statistics.h"
#include "sim/model/model.h"
#include "sim/model/replication.h"
#include "sim/records/trace_sink.h"

namespace ccsim::test_support {

// Every replication of `s` with `seed`, in parallel, traced to `sink` (if any) at `level`.
inline std::vector<model::ReplicationResult> RunAll(
    const scenario::Scenario& s, uint64_t seed, records::TraceSink* sink = nullptr,
    records::TraceLevel level = records::TraceLevel::kContacts) {
  const model::Model m(s);
  return engine::RunReplications<model::ReplicationResult>(s.replications, 0, [&](int rep) {
    return model::Simulate(m, rep, {.seed = seed, .trace = sink, .trace_level = level});
  });
}

// The mean over replications of f(result), with its 95% confidence interval.
template <class F>
engine::Estimate Over(const std::vector<model::ReplicationResult>& results, F&& f) {
  std::vector<double> values;
  for (const model::ReplicationResult& r : results) values.push_back(f(r));
  return engine::EstimateMean(values);
}

// |estimate − exact| within 1.5 half-widths plus `bias`; and the interval informative: a
// test whose tolerance swallows everything proves nothing.
inline void ExpectAgrees(const engine::Estimate& e, double exact, double bias,
                         const std::string& what) {
  EXPECT_NEAR(e.mean, exact, 1.5 * e.ci95 + bias)
      << what << ": simulated " << e.mean << " ± " << e.ci95 << ", exact " << exact;
  EXPECT_LT(e.ci95, 0.05 * std::max(std::abs(exact), 0.2)) << what << ": too few replications";
}

// One voice type, Poisson arrivals at `rate` per second, exponential talk of mean `aht`,
// `agents` agents who stay until the centre is empty, nobody abandoning; 1,000 h after a
// 2 h warmup.
inline scenario::Scenario Mmc(double rate, double aht, int agents, int replications = 30) {
  constexpr double kHour = 3600;
  scenario::Scenario s;
  s.name = "mmc";
  s.horizon = 1000 * kHour;
  s.warmup = 2 * kHour;
  s.replications = replications;
  scenario::ContactType ct;
  ct.name = "call";
  ct.arrivals = scenario::Arrivals::Rate(rate);
  ct.handle_time = scenario::Distribution::Exponential(aht);
  s.contact_types.push_back(ct);
  scenario::AgentGroup g;
  g.name = "agents";
  g.agents = agents;
  g.skills.push_back({.contact_type = 0});
  s.agent_groups.push_back(g);
  return s;
}

}  // namespace ccsim::test_support

#endif  // CCSIM_TESTS_REPLICATIONS_FOR_TEST_H_
