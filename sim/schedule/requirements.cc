#include "sim/schedule/requirements.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/model/erlang.h"
#include "sim/model/model.h"
#include "sim/scenario/limits.h"

namespace ccsim::schedule {

std::vector<std::vector<double>> LoadShares(const scenario::Scenario& s) {
  const size_t types = s.contact_types.size();
  std::vector<std::vector<double>> share(s.agent_groups.size(), std::vector<double>(types, 0));
  for (size_t t = 0; t < types; ++t) {
    int best = std::numeric_limits<int>::max();
    for (const scenario::AgentGroup& g : s.agent_groups) {
      for (const scenario::Skill& sk : g.skills) {
        if (sk.contact_type == static_cast<int>(t)) best = std::min(best, sk.level);
      }
    }
    std::vector<size_t> at_best;
    for (size_t g = 0; g < s.agent_groups.size(); ++g) {
      for (const scenario::Skill& sk : s.agent_groups[g].skills) {
        if (sk.contact_type == static_cast<int>(t) && sk.level == best) at_best.push_back(g);
      }
    }
    for (size_t g : at_best) share[g][t] = 1.0 / static_cast<double>(at_best.size());
  }
  return share;
}

int WithShrinkage(int agents, double shrinkage) {
  return static_cast<int>(std::ceil(agents / (1 - shrinkage) - 1e-9));
}

namespace {

// The mean of the type's arrival rate over [a, b): its rate at the middles of 60 equal
// parts (exact for patterns whose slots divide the interval into whole parts).
double MeanRate(const model::ArrivalProcess& arrivals, double a, double b) {
  constexpr int kParts = 60;
  double sum = 0;
  for (int k = 0; k < kParts; ++k) sum += arrivals.RateAt(a + (k + 0.5) * (b - a) / kParts);
  return sum / kParts;
}

IntervalRequirement GroupInterval(const scenario::Scenario& s, const model::Model& m,
                                  const std::vector<double>& share, int group, double a,
                                  double b, double target, double shrinkage) {
  IntervalRequirement r;
  double work = 0, patience_rate = 0, patience_sum = 0;
  r.threshold = std::numeric_limits<double>::infinity();
  for (const scenario::Skill& sk : s.agent_groups[group].skills) {
    const int t = sk.contact_type;
    if (share[t] <= 0) continue;
    const scenario::ContactType& ct = s.contact_types[t];
    const double rate = share[t] * MeanRate(m.types()[t].arrivals, a, b);
    r.arrival_rate += rate;
    work += rate * (ct.handle_time.Mean() * sk.handle_time_factor + ct.wrap_up.Mean());
    if (ct.patience) {
      patience_rate += rate;
      patience_sum += rate * ct.patience->Mean();
    }
    r.threshold = std::min(r.threshold, ct.service_level.threshold);
  }
  if (r.arrival_rate <= 0 || work <= 0) {
    r.arrival_rate = 0;
    r.threshold = s.service_level.threshold;
    return r;
  }
  r.mean_handle = work / r.arrival_rate;
  if (patience_rate > 0) r.mean_patience = patience_sum / patience_rate;
  const std::optional<int> n = model::AgentsFor({.arrival_rate = r.arrival_rate,
                                                 .mean_handle = r.mean_handle,
                                                 .mean_patience = r.mean_patience,
                                                 .threshold = r.threshold},
                                                target, scenario::kMaxAgents);
  r.unreachable = !n;
  r.erlang_agents = n.value_or(scenario::kMaxAgents);
  r.required = std::min(WithShrinkage(r.erlang_agents, shrinkage), scenario::kMaxAgents);
  return r;
}

}  // namespace

std::vector<std::vector<IntervalRequirement>> ErlangRequirements(const scenario::Scenario& s,
                                                                 const std::vector<int>& groups,
                                                                 const PlanningGrid& grid,
                                                                 double target,
                                                                 double shrinkage) {
  const model::Model m(s);
  const std::vector<std::vector<double>> share = LoadShares(s);
  std::vector<std::vector<IntervalRequirement>> out;
  for (int g : groups) {
    std::vector<IntervalRequirement>& row = out.emplace_back();
    for (int i = 0; i < grid.count(); ++i) {
      row.push_back(GroupInterval(s, m, share[g], g, grid.Start(i), grid.End(i), target,
                                  shrinkage));
    }
  }
  return out;
}

}  // namespace ccsim::schedule
