#include "sim/model/staffing.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "sim/model/erlang.h"
#include "sim/model/model.h"
#include "sim/model/simulate_all.h"

namespace ccsim::model {

namespace {

// The fewest agents for `target` by the analytical formula (0 without load).
int AnalyticAgents(double rate, double handle, std::optional<double> patience, double threshold,
                   double target) {
  if (rate <= 0 || handle <= 0) return 0;
  for (int n = 1; n < 100000; ++n) {
    const QueueKpis k = AnalyticKpis({.arrival_rate = rate,
                                      .mean_handle = handle,
                                      .agents = n,
                                      .mean_patience = patience,
                                      .threshold = threshold});
    if (k.stable && k.service_level >= target) return n;
  }
  return 100000;
}

struct Simulated {
  engine::Estimate service_level;  // by arrival interval; NaN mean when none offered
  double offered = 0;              // mean contacts offered
};

// Simulates the horizon with one shift per interval staffed as `agents`, and returns each
// interval's service level and mean offered contacts.
std::vector<Simulated> SimulateStaffing(const scenario::Scenario& s, const StaffingRequest& request,
                                        const std::vector<IntervalStaffing>& intervals,
                                        const std::vector<int>& agents) {
  const int n = static_cast<int>(intervals.size());
  scenario::Scenario staffed = s;
  staffed.replications = request.replications;
  staffed.seed = request.seed;
  scenario::AgentGroup& group = staffed.agent_groups[request.group];
  group.agents = 0;
  group.shifts.clear();
  for (int i = 0; i < n; ++i) {
    if (agents[i] > 0) {
      group.shifts.push_back(
          {.start = intervals[i].start, .end = intervals[i].end, .agents = agents[i]});
    }
  }
  const Model m(staffed);
  const size_t types = s.contact_types.size();
  // Each interval's service level and offered contacts, by replication: folded as the
  // replications finish, so memory does not grow with -r.
  std::vector<std::vector<double>> sl(n), offered(n);
  SimulateReplicationsInOrder(
      m, request.replications, request.threads, {.seed = request.seed, .stop = request.stop},
      [&](ReplicationResult&& r) {
        for (int i = 0; i < n; ++i) {
          Counters c;
          for (size_t t = 0; t < types; ++t) c.Add(r.intervals[i * types + t]);
          sl[i].push_back(c.offered > 0 ? static_cast<double>(c.answered_within) / c.offered : NAN);
          offered[i].push_back(static_cast<double>(c.offered));
        }
      });
  std::vector<Simulated> out(n);
  // Stopped: some replications were skipped; the caller drops the round.
  if (request.stop != nullptr && request.stop->load()) return out;
  for (int i = 0; i < n; ++i) {
    out[i] = {engine::EstimateMean(sl[i]), engine::EstimateMean(offered[i]).mean};
  }
  return out;
}

// The search's state: the plan so far and what the simulation has shown.
class Search {
 public:
  Search(const scenario::Scenario& s, const StaffingRequest& request) : s_(s), request_(request) {
    plan_.intervals = ErlangStaffing(s, request.group, request.target);
    needed_.assign(plan_.intervals.size(), false);
  }

  // Raise every interval below target by one agent and simulate again, until all meet it
  // (the same seed each round: the same customers, so the rounds compare like with like).
  // Then try one agent fewer wherever it is not known to be needed; keep the cuts the
  // simulation accepts, and raise again if a cut hurt a neighbour.
  StaffingPlan Run() {
    const int n = static_cast<int>(plan_.intervals.size());
    int rounds = 0;
    for (; rounds < request_.max_rounds; ++rounds) {
      const bool met = SimulatePlan();
      if (Interrupted()) return plan_;
      if (!met) {
        RaiseShortIntervals();
        continue;
      }
      std::vector<int> trial = Agents();
      bool any = false;
      for (int i = 0; i < n; ++i) {
        if (!needed_[i] && trial[i] > 0) {
          --trial[i];
          any = true;
        }
      }
      if (!any) {
        plan_.target_met = true;  // the last round simulated exactly this plan
        return plan_;
      }
      ++rounds;
      KeepAcceptedCuts(trial);
    }
    // At the limit the agents may have changed since they were last simulated: simulate
    // the plan as it stands, so its service levels are the ones it achieves.
    plan_.stopped_at_round_limit = true;
    plan_.target_met = SimulatePlan();
    return plan_;
  }

 private:
  std::vector<int> Agents() const {
    std::vector<int> agents;
    for (const IntervalStaffing& iv : plan_.intervals) agents.push_back(iv.agents);
    return agents;
  }

  bool Interrupted() {
    plan_.interrupted = request_.stop != nullptr && request_.stop->load();
    return plan_.interrupted;
  }

  bool Meets(const engine::Estimate& e) const {
    return std::isnan(e.mean) || e.mean >= request_.target;
  }

  std::vector<Simulated> Simulate(const std::vector<int>& agents) {
    ++plan_.rounds;
    return SimulateStaffing(s_, request_, plan_.intervals, agents);
  }

  // Simulates the plan as it stands and records its service levels. Returns whether every
  // interval meets the target.
  bool SimulatePlan() {
    const std::vector<Simulated> now = Simulate(Agents());
    bool all_met = true;
    for (size_t i = 0; i < now.size(); ++i) {
      plan_.intervals[i].service_level = now[i].service_level;
      plan_.intervals[i].offered = now[i].offered;
      all_met = all_met && Meets(now[i].service_level);
    }
    return all_met;
  }

  // Adds an agent to every interval below target: one the simulation has shown is needed.
  void RaiseShortIntervals() {
    for (size_t i = 0; i < plan_.intervals.size(); ++i) {
      IntervalStaffing& iv = plan_.intervals[i];
      if (Meets(iv.service_level)) continue;
      ++iv.agents;
      needed_[i] = true;
    }
  }

  // Simulates `trial` (one agent fewer in some intervals) and keeps each cut whose
  // interval still meets the target; a rejected cut marks that agent as needed.
  void KeepAcceptedCuts(const std::vector<int>& trial) {
    const std::vector<Simulated> cut = Simulate(trial);
    for (size_t i = 0; i < cut.size(); ++i) {
      if (trial[i] == plan_.intervals[i].agents) continue;
      if (Meets(cut[i].service_level)) {
        plan_.intervals[i].agents = trial[i];
      } else {
        needed_[i] = true;
      }
    }
  }

  const scenario::Scenario& s_;
  const StaffingRequest& request_;
  StaffingPlan plan_;
  std::vector<bool> needed_;
};

}  // namespace

std::vector<IntervalStaffing> ErlangStaffing(const scenario::Scenario& s, int group,
                                             double target) {
  // The load the group carries in each interval: the rates of the types it has a skill for
  // at the interval's middle, and their mean handle time (talk × factor + wrap-up).
  const Model base(s);
  const int n = base.interval_count();
  std::vector<IntervalStaffing> intervals(n);
  std::optional<double> patience;
  for (const scenario::Skill& sk : s.agent_groups[group].skills) {
    const auto& ct = s.contact_types[sk.contact_type];
    if (ct.patience) patience = ct.patience->Mean();
  }
  for (int i = 0; i < n; ++i) {
    IntervalStaffing& iv = intervals[i];
    iv.start = i * s.interval;
    iv.end = std::min((i + 1) * s.interval, s.horizon);
    double rate = 0, work = 0;
    for (const scenario::Skill& sk : s.agent_groups[group].skills) {
      const auto& ct = s.contact_types[sk.contact_type];
      const double r = base.types()[sk.contact_type].arrivals.RateAt((iv.start + iv.end) / 2);
      rate += r;
      work += r * (ct.handle_time.Mean() * sk.handle_time_factor + ct.wrap_up.Mean());
    }
    iv.load = work;
    iv.erlang_agents = AnalyticAgents(rate, rate > 0 ? work / rate : 0, patience,
                                      s.service_level.threshold, target);
    iv.agents = iv.erlang_agents;
  }
  return intervals;
}

StaffingPlan PlanStaffing(const scenario::Scenario& s, const StaffingRequest& request) {
  scenario::Scenario by_interval = s;
  by_interval.interval = request.interval;
  return Search(by_interval, request).Run();
}

double AgentHours(const StaffingPlan& plan) {
  double hours = 0;
  for (const IntervalStaffing& iv : plan.intervals) hours += iv.agents * (iv.end - iv.start) / 3600;
  return hours;
}

}  // namespace ccsim::model
