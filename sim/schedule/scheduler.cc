#include "sim/schedule/scheduler.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "sim/model/model.h"
#include "sim/model/simulate_all.h"

namespace ccsim::schedule {

scenario::Scenario WithRoster(const scenario::Scenario& s, const std::vector<int>& groups,
                              const std::vector<ShiftColumn>& columns,
                              const std::vector<int>& counts) {
  scenario::Scenario rostered = s;
  for (int g : groups) {
    rostered.agent_groups[g].agents = 0;
    rostered.agent_groups[g].shifts.clear();
  }
  for (size_t j = 0; j < columns.size(); ++j) {
    if (counts[j] <= 0) continue;
    const ShiftColumn& c = columns[j];
    rostered.agent_groups[c.group].shifts.push_back(
        {.start = c.start, .end = c.end, .agents = counts[j], .breaks = c.breaks});
  }
  return rostered;
}

namespace {

double SecondsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// One roster as solved and simulated.
struct Round {
  std::vector<int> counts;
  double cost = 0;
  std::vector<double> required;                // by row (group position × interval)
  std::vector<double> on_duty;                 // by row
  std::vector<engine::Estimate> service_level;  // by row
  std::vector<double> offered;                 // by row
};

class Search {
 public:
  Search(const scenario::Scenario& s, std::vector<ShiftColumn> columns,
         const ScheduleRequest& request)
      : s_(s), request_(request), grid_{.interval = request.interval, .horizon = s.horizon} {
    plan_.columns = std::move(columns);
    n_ = grid_.count();
    shares_ = LoadShares(s);
    const auto erlang =
        ErlangRequirements(s, request.groups, grid_, request.target, request.shrinkage);
    plan_.intervals.resize(request.groups.size(), std::vector<GroupIntervalPlan>(n_));
    program_.required.assign(request.groups.size() * n_, 0);
    for (size_t p = 0; p < request.groups.size(); ++p) {
      for (int i = 0; i < n_; ++i) plan_.intervals[p][i].erlang = erlang[p][i];
    }
    BuildProgram();
    needed_.assign(program_.required.size(), false);
    step_.assign(program_.required.size(), 1);
    lowered_by_.assign(program_.required.size(), 0);
    allowed_.assign(program_.required.size(), true);
  }

  SchedulePlan Run();

 private:
  int Row(size_t position, int i) const { return static_cast<int>(position) * n_ + i; }
  void BuildProgram();
  bool Solve(Round& round);
  void Simulate(Round& round);
  bool Meets(const engine::Estimate& e) const {
    return std::isnan(e.mean) || e.mean >= request_.target;
  }
  bool RaiseShortRows(const Round& round);
  bool LowerComfortableRows(const Round& accepted);
  bool TryCuts(const Round& accepted);
  void UndoTrial(const Round& round);
  void KeepTrial();
  void Finish(const Round& round);

  const scenario::Scenario& s_;
  const ScheduleRequest& request_;
  const PlanningGrid grid_;
  int n_ = 0;
  std::vector<std::vector<double>> shares_;
  CoveringProgram program_;
  std::vector<bool> uncovered_, needed_;
  // The cut each row is trying (lowered_by_, 0: none) and the next it will try (step_).
  std::vector<int> step_, lowered_by_;
  size_t next_group_ = 0;  // the group whose cuts the next trial tries first
  // Rows the next trial may cut: all, or after a trial that hurt only other rows, half of
  // its cuts (the search for the culprit halves the suspects).
  std::vector<bool> allowed_;
  SchedulePlan plan_;
};

// The program's columns and costs, and the Erlang requirements of the rows some column
// covers (the others are flagged: no roster can give them agents).
void Search::BuildProgram() {
  std::vector<int> position_of(s_.agent_groups.size(), -1);
  for (size_t p = 0; p < request_.groups.size(); ++p) position_of[request_.groups[p]] = p;
  std::vector<bool> covered(program_.required.size(), false);
  for (const ShiftColumn& c : plan_.columns) {
    program_.cost.push_back(c.cost);
    auto& rows = program_.columns.emplace_back();
    for (const auto& [i, share] : Coverage(c, grid_)) {
      rows.push_back({Row(position_of[c.group], i), share});
      covered[rows.back().first] = true;
    }
  }
  uncovered_.assign(program_.required.size(), false);
  for (size_t p = 0; p < request_.groups.size(); ++p) {
    for (int i = 0; i < n_; ++i) {
      const int required = plan_.intervals[p][i].erlang.required;
      if (required > 0 && !covered[Row(p, i)]) {
        uncovered_[Row(p, i)] = plan_.intervals[p][i].uncovered = plan_.uncovered = true;
      } else {
        program_.required[Row(p, i)] = required;
      }
    }
  }
}

bool Search::Solve(Round& round) {
  const CoveringSolution solution = SolveCoveringProgram(program_, request_.solver_seconds);
  plan_.solver_seconds += solution.seconds;
  if (solution.counts.empty()) return false;
  plan_.solver_at_limit =
      plan_.solver_at_limit || solution.status == SolveStatus::kFeasibleAtLimit;
  round.counts = solution.counts;
  round.cost = solution.cost;
  round.required = program_.required;
  round.on_duty.assign(program_.required.size(), 0);
  for (size_t j = 0; j < round.counts.size(); ++j) {
    for (const auto& [row, a] : program_.columns[j]) round.on_duty[row] += a * round.counts[j];
  }
  return true;
}

void Search::Simulate(Round& round) {
  const auto began = std::chrono::steady_clock::now();
  scenario::Scenario staffed = WithRoster(s_, request_.groups, plan_.columns, round.counts);
  staffed.interval = request_.interval;
  staffed.replications = request_.replications;
  staffed.seed = request_.seed;
  for (int g : request_.groups) {
    double& absent = staffed.agent_groups[g].absenteeism;
    absent = 1 - (1 - absent) * (1 - request_.shrinkage);
  }
  const model::Model m(staffed);
  const size_t types = s_.contact_types.size();
  const size_t rows = program_.required.size();
  std::vector<std::vector<double>> sl(rows), offered(rows);
  model::SimulateReplicationsInOrder(
      m, request_.replications, request_.threads, {.seed = request_.seed, .stop = request_.stop},
      [&](model::ReplicationResult&& r) {
        for (size_t p = 0; p < request_.groups.size(); ++p) {
          const std::vector<double>& share = shares_[request_.groups[p]];
          for (int i = 0; i < n_; ++i) {
            double within = 0, offer = 0;
            for (size_t t = 0; t < types; ++t) {
              if (share[t] <= 0) continue;
              within += r.intervals[i * types + t].answered_within;
              offer += r.intervals[i * types + t].offered;
            }
            sl[Row(p, i)].push_back(offer > 0 ? within / offer : NAN);
            offered[Row(p, i)].push_back(offer);
          }
        }
      });
  round.service_level.resize(rows);
  round.offered.resize(rows);
  for (size_t row = 0; row < rows; ++row) {
    round.service_level[row] = engine::EstimateMean(sl[row]);
    round.offered[row] = engine::EstimateMean(offered[row]).mean;
  }
  plan_.simulation_seconds += SecondsSince(began);
}

// Requires one agent more than are on duty wherever the target was missed (no cut was
// being tried: the roster has not yet met the target). Returns whether any row was short.
bool Search::RaiseShortRows(const Round& round) {
  bool any = false;
  for (size_t row = 0; row < program_.required.size(); ++row) {
    if (uncovered_[row] || Meets(round.service_level[row])) continue;
    program_.required[row] = std::floor(round.on_duty[row] + 1e-9) + 1;
    needed_[row] = true;
    any = true;
  }
  return any;
}

// Requires fewer agents where the accepted roster leaves room (the CI wholly above the
// target), the requirement binds (fewer would change the roster) and no trial showed the
// next agent needed: 1, 2, 4, ... fewer in successive successful trials. One group per
// trial, in turn (groups interact through their shared types, so a failure is then the
// group's). Returns whether any row was lowered.
bool Search::LowerComfortableRows(const Round& accepted) {
  if (TryCuts(accepted)) return true;
  if (std::find(allowed_.begin(), allowed_.end(), false) == allowed_.end()) return false;
  std::fill(allowed_.begin(), allowed_.end(), true);  // the suspects left are no candidates
  return TryCuts(accepted);
}

bool Search::TryCuts(const Round& accepted) {
  std::fill(lowered_by_.begin(), lowered_by_.end(), 0);
  const size_t groups = request_.groups.size();
  for (size_t k = 0; k < groups; ++k) {
    const size_t p = (next_group_ + k) % groups;
    bool any = false;
    for (int i = 0; i < n_; ++i) {
      const int row = Row(p, i);
      const engine::Estimate& e = accepted.service_level[row];
      if (!allowed_[row] || needed_[row] || program_.required[row] <= 0) continue;
      if (std::isnan(e.mean) || e.n < 2 || e.mean - e.ci95 <= request_.target) continue;
      if (accepted.on_duty[row] >= program_.required[row] + 1 - 1e-9) continue;  // slack
      lowered_by_[row] = std::min<int>(step_[row], static_cast<int>(program_.required[row]));
      program_.required[row] -= lowered_by_[row];
      any = true;
    }
    if (any) {
      next_group_ = (p + 1) % groups;
      return true;
    }
  }
  return false;
}

// A trial that missed the target somewhere: its cuts are undone. A cut of one agent whose
// own interval fell short is not tried again; a larger one is tried again as one agent.
// When only other intervals fell short, the culprit is among the cuts: the next trial
// tries the first half of them, and a single such cut of one agent is not tried again.
void Search::UndoTrial(const Round& round) {
  std::vector<size_t> cut;
  bool own_short = false;
  for (size_t row = 0; row < program_.required.size(); ++row) {
    if (lowered_by_[row] == 0) continue;
    cut.push_back(row);
    own_short = own_short || !Meets(round.service_level[row]);
  }
  std::fill(allowed_.begin(), allowed_.end(), true);
  if (!own_short && cut.size() > 1) {
    std::fill(allowed_.begin(), allowed_.end(), false);
    for (size_t k = 0; k < cut.size() / 2; ++k) allowed_[cut[k]] = true;
    next_group_ = cut[0] / n_;
  }
  for (size_t row : cut) {
    program_.required[row] += lowered_by_[row];
    const bool culprit = own_short ? !Meets(round.service_level[row]) : cut.size() == 1;
    needed_[row] = lowered_by_[row] == 1 && culprit;
    step_[row] = 1;
    lowered_by_[row] = 0;
  }
}

// A trial that met the target everywhere: its cuts stay, and the next are larger.
void Search::KeepTrial() {
  std::fill(allowed_.begin(), allowed_.end(), true);
  for (size_t row = 0; row < program_.required.size(); ++row) {
    if (lowered_by_[row] > 0) step_[row] *= 2;
  }
}

void Search::Finish(const Round& round) {
  plan_.counts = round.counts;
  plan_.cost = round.cost;
  for (size_t p = 0; p < request_.groups.size(); ++p) {
    for (int i = 0; i < n_; ++i) {
      GroupIntervalPlan& g = plan_.intervals[p][i];
      const int row = Row(p, i);
      g.required = static_cast<int>(std::lround(round.required[row]));
      g.on_duty = round.on_duty[row];
      g.service_level = round.service_level[row];
      g.offered = round.offered[row];
    }
  }
}

SchedulePlan Search::Run() {
  Round round, accepted;
  bool have_accepted = false, trial = false;
  while (plan_.rounds < request_.max_rounds) {
    if (!Solve(round)) {
      plan_.no_solution = true;
      return plan_;
    }
    ++plan_.rounds;
    Simulate(round);
    if (request_.stop != nullptr && request_.stop->load()) {
      plan_.interrupted = true;
      return plan_;
    }
    bool all_met = true;
    for (size_t row = 0; row < program_.required.size(); ++row) {
      all_met = all_met && (uncovered_[row] || Meets(round.service_level[row]));
    }
    if (trial && !all_met) {
      UndoTrial(round);
    } else if (!trial && !all_met) {
      RaiseShortRows(round);
      continue;
    } else {
      if (trial) KeepTrial();
      accepted = round;
      have_accepted = true;
    }
    trial = LowerComfortableRows(accepted);
    if (!trial) {
      plan_.target_met = !plan_.uncovered;
      Finish(accepted);
      return plan_;
    }
  }
  plan_.stopped_at_round_limit = true;
  plan_.target_met = have_accepted && !plan_.uncovered;
  Finish(have_accepted ? accepted : round);
  return plan_;
}

}  // namespace

SchedulePlan PlanSchedule(const scenario::Scenario& s, std::vector<ShiftColumn> columns,
                          const ScheduleRequest& request) {
  return Search(s, std::move(columns), request).Run();
}

}  // namespace ccsim::schedule
