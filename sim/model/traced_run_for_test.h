// Test support for exact, hand-computed cases: one voice queue replayed at given times,
// simulated once with the trace at events level, its contacts in contact_id order, its
// event counts, its counters and KPIs at hand.
//
// Example:
//   const TracedRun run = SimulateTraced(OneQueue({0, 10}, 50));
//   EXPECT_DOUBLE_EQ(run.rows[1].answer, 50);
//   EXPECT_EQ(run.Events(EventKind::kAnswer), 2);
#ifndef CCSIM_MODEL_TRACED_RUN_FOR_TEST_H_
#define CCSIM_MODEL_TRACED_RUN_FOR_TEST_H_

#include <algorithm>
#include <cstdint>
#include <map>
#include <mutex>
#include <span>
#include <vector>

#include "sim/model/kpi.h"
#include "sim/model/model.h"
#include "sim/model/replication.h"
#include "sim/model/summary.h"

namespace ccsim::model::test_support {

// Keeps every contact row and counts the events by kind (replications in any order).
class RecordingSink : public TraceSink {
 public:
  void OnContacts(int, std::span<const ContactRecord> chunk) override {
    std::lock_guard<std::mutex> lock(mu_);
    rows.insert(rows.end(), chunk.begin(), chunk.end());
  }
  void OnAgentSpells(int, std::span<const AgentSpellRecord>) override {}
  void OnEvents(int, std::span<const EventRecord> chunk) override {
    std::lock_guard<std::mutex> lock(mu_);
    for (const EventRecord& e : chunk) events[e.kind]++;
  }
  std::vector<ContactRecord> rows;
  std::map<EventKind, int> events;

 private:
  std::mutex mu_;
};

// One voice type replayed at `times`, talk `handle`, served by one group of `agents`;
// horizon 100, reporting interval 50, service-level threshold 5 s.
inline scenario::Scenario OneQueue(std::vector<double> times, double handle, int agents = 1) {
  scenario::Scenario s;
  s.name = "exact";
  s.horizon = 100;
  s.interval = 50;
  scenario::ContactType ct;
  ct.name = "call";
  ct.arrivals.kind = scenario::ArrivalKind::kFile;
  ct.arrivals.times = std::move(times);
  ct.handle_time = scenario::Distribution::Constant(handle);
  ct.service_level.threshold = 5;
  s.contact_types.push_back(ct);
  scenario::AgentGroup g;
  g.name = "desk";
  g.agents = agents;
  g.skills = {{.contact_type = 0}};
  s.agent_groups.push_back(g);
  return s;
}

struct TracedRun {
  ReplicationResult result;
  std::vector<ContactRecord> rows;  // in contact_id order
  std::map<EventKind, int> events;
  Counters all;  // every contact
  KpiValues kpis;

  double Kpi(model::Kpi k) const { return kpis[static_cast<int>(k)]; }
  int Events(EventKind k) const { return events.count(k) ? events.at(k) : 0; }
};

// Replication 0 of `s` with `seed`, traced at events level.
inline TracedRun SimulateTraced(const scenario::Scenario& s, uint64_t seed = 1) {
  const Model m(s);
  RecordingSink sink;
  TracedRun run;
  run.result = Simulate(m, 0, {.seed = seed, .trace = &sink, .trace_level = TraceLevel::kEvents});
  run.rows = sink.rows;
  std::sort(run.rows.begin(), run.rows.end(), [](const ContactRecord& a, const ContactRecord& b) {
    return a.contact_id < b.contact_id;
  });
  run.events = sink.events;
  run.all = run.result.Overall();
  run.kpis = ReplicationKpis(run.result)[0];
  return run;
}

}  // namespace ccsim::model::test_support

#endif  // CCSIM_MODEL_TRACED_RUN_FOR_TEST_H_
