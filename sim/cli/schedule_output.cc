#include "sim/cli/schedule_output.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <utility>

#include "sim/cli/json_writer.h"
#include "sim/cli/summary_output.h"
#include "sim/scenario/calendar.h"

namespace ccsim::cli {
namespace {

std::string Fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}


// An interval's label: its start in clock time with the scenario's start ("Mon 03-02
// 08:00"), else the elapsed span ("8:00-8:30"), as every output labels intervals.
std::string IntervalLabel(const scenario::Scenario& s, double begin, double end) {
  return scenario::TimeLabels(s.start).Interval(begin, end);
}

// Agents, paid hours and cost per (template, group), in template order.
struct TemplateUse {
  int agents = 0;
  double hours = 0, cost = 0;
};
std::map<std::pair<int, int>, TemplateUse> UsePerTemplate(const schedule::SchedulePlan& plan) {
  std::map<std::pair<int, int>, TemplateUse> use;
  for (size_t j = 0; j < plan.columns.size(); ++j) {
    if (plan.counts[j] <= 0) continue;
    const schedule::ShiftColumn& c = plan.columns[j];
    TemplateUse& u = use[{c.shift_template, c.group}];
    u.agents += plan.counts[j];
    u.hours += plan.counts[j] * (c.end - c.start) / 3600;
    u.cost += plan.counts[j] * c.cost;
  }
  return use;
}

// An amount as every table shows money ("7,696.00"), with the scenario's currency when its
// costs name one.
std::string Money(const scenario::Scenario& s, double amount) {
  return FormatMoney(amount) + (s.costs ? " " + s.costs->currency : std::string());
}

const char* SolverStatus(const schedule::SchedulePlan& plan) {
  return plan.solver_at_limit ? "feasible, not proven optimal (time limit)" : "optimal";
}

std::string TemplateTable(const ScheduleReport& r) {
  std::vector<std::vector<std::string>> rows = {{"template", "group", "agents", "paid hours", "cost"}};
  for (const auto& [key, u] : UsePerTemplate(*r.plan)) {
    rows.push_back({(*r.templates)[key.first].name, r.scenario->agent_groups[key.second].name,
                    std::to_string(u.agents), Fixed(u.hours, 1), Money(*r.scenario, u.cost)});
  }
  return Table(rows);
}

std::string IntervalTableOf(const ScheduleReport& r, size_t p) {
  const scenario::Scenario& s = *r.scenario;
  const schedule::PlanningGrid grid{.interval = r.request->interval, .horizon = s.horizon};
  std::vector<std::vector<std::string>> rows = {
      {s.start ? "interval" : "elapsed", "load (erlangs)", "Erlang", "required", "on duty",
       "service_level", "offered"}};
  for (int i = 0; i < grid.count(); ++i) {
    const schedule::GroupIntervalPlan& g = r.plan->intervals[p][i];
    rows.push_back({IntervalLabel(s, grid.Start(i), grid.End(i)),
                    Fixed(g.erlang.arrival_rate * g.erlang.mean_handle, 2),
                    std::to_string(g.erlang.erlang_agents) + (g.uncovered ? " (uncovered)" : ""),
                    std::to_string(g.required), Fixed(g.on_duty, 1),
                    KpiCell(model::Kpi::kServiceLevel, g.service_level), Fixed(g.offered, 1)});
  }
  return Table(rows);
}

}  // namespace

std::string ScheduleTables(const ScheduleReport& r) {
  const scenario::Scenario& s = *r.scenario;
  const schedule::SchedulePlan& plan = *r.plan;
  std::string groups;
  for (int g : r.request->groups) groups += (groups.empty() ? "" : ", ") + s.agent_groups[g].name;
  char head[512];
  std::snprintf(head, sizeof head,
                "ccsim schedule | %s | groups %s | target %.0f%% within %gs | "
                "shrinkage %.0f%% | %d replications, %d round%s\n\n",
                s.name.c_str(), groups.c_str(), 100 * r.request->target, s.service_level.threshold,
                100 * r.request->shrinkage, r.request->replications, plan.rounds,
                plan.rounds == 1 ? "" : "s");
  std::string out = head;
  out += "total cost: " + Money(s, plan.cost) + " per the templates' hourly costs\n";
  out += "solver: " + std::string(SolverStatus(plan)) + ", " + Fixed(plan.solver_seconds, 2) +
         " s; simulation " + Fixed(plan.simulation_seconds, 2) + " s\n";
  out += std::string("target met in every interval: ") + (plan.target_met ? "yes" : "NO") + "\n";
  for (size_t p = 0; p < r.roster_files.size(); ++p) {
    out += "roster of " + s.agent_groups[r.request->groups[p]].name + ": " + r.roster_files[p] +
           "\n";
  }
  out += "\nAgents per template\n" + TemplateTable(r);
  for (size_t p = 0; p < r.request->groups.size(); ++p) {
    out += "\nGroup " + s.agent_groups[r.request->groups[p]].name +
           ": agents per interval (on duty: not on a break) and the simulated service level\n" +
           IntervalTableOf(r, p);
  }
  return out;
}

namespace {

void WriteTemplatesJson(JsonWriter& j, const ScheduleReport& r) {
  j.Key("templates");
  j.BeginArray();
  for (const auto& [key, u] : UsePerTemplate(*r.plan)) {
    j.BeginObject();
    j.Key("template");
    j.String((*r.templates)[key.first].name);
    j.Key("group");
    j.String(r.scenario->agent_groups[key.second].name);
    j.Key("agents");
    j.Integer(u.agents);
    j.Key("paid_hours");
    j.Number(u.hours);
    j.Key("cost");
    j.Number(u.cost);
    j.EndObject();
  }
  j.EndArray();
}

void WriteIntervalsJson(JsonWriter& j, const ScheduleReport& r) {
  const scenario::Scenario& s = *r.scenario;
  const schedule::PlanningGrid grid{.interval = r.request->interval, .horizon = s.horizon};
  j.Key("intervals");
  j.BeginArray();
  for (size_t p = 0; p < r.request->groups.size(); ++p) {
    for (int i = 0; i < grid.count(); ++i) {
      const schedule::GroupIntervalPlan& g = r.plan->intervals[p][i];
      j.BeginObject();
      j.Key("group");
      j.String(s.agent_groups[r.request->groups[p]].name);
      j.Key("start");
      j.Number(grid.Start(i));
      j.Key("end");
      j.Number(grid.End(i));
      if (s.start) {
        j.Key("interval_start");
        j.String(scenario::Calendar(*s.start).Iso(grid.Start(i)));
      }
      j.Key("offered_load");
      j.Number(g.erlang.arrival_rate * g.erlang.mean_handle);
      j.Key("erlang_agents");
      j.Integer(g.erlang.erlang_agents);
      j.Key("required");
      j.Integer(g.required);
      j.Key("on_duty");
      j.Number(g.on_duty);
      j.Key("uncovered");
      j.Integer(g.uncovered ? 1 : 0);
      j.Key("service_level");
      WriteEstimate(j, g.service_level);
      j.Key("offered");
      j.Number(g.offered);
      j.EndObject();
    }
  }
  j.EndArray();
}

}  // namespace

std::string ScheduleJson(const ScheduleReport& r) {
  const schedule::SchedulePlan& plan = *r.plan;
  JsonWriter j;
  j.BeginObject();
  j.Key("scenario");
  j.String(r.scenario->name);
  j.Key("templates_file");
  j.String(r.templates_file);
  j.Key("target");
  j.Number(r.request->target);
  j.Key("shrinkage");
  j.Number(r.request->shrinkage);
  j.Key("interval");
  j.Number(r.request->interval);
  j.Key("replications");
  j.Integer(r.request->replications);
  j.Key("seed");
  j.Unsigned(r.request->seed);
  j.Key("rounds");
  j.Integer(plan.rounds);
  j.Key("target_met");  // 0/1, as the other commands' flags
  j.Integer(plan.target_met ? 1 : 0);
  j.Key("stopped_at_round_limit");
  j.Integer(plan.stopped_at_round_limit ? 1 : 0);
  j.Key("uncovered");
  j.Integer(plan.uncovered ? 1 : 0);
  j.Key("solver");
  j.BeginObject();
  j.Key("status");
  j.String(plan.solver_at_limit ? "feasible_at_time_limit" : "optimal");
  j.Key("seconds");
  j.Number(plan.solver_seconds);
  j.Key("columns");  // the possible shifts: the program's variables
  j.Integer(static_cast<long long>(plan.columns.size()));
  j.EndObject();
  j.Key("simulation_seconds");
  j.Number(plan.simulation_seconds);
  j.Key("cost");
  j.Number(plan.cost);
  j.Key("rosters");
  j.BeginArray();
  for (size_t p = 0; p < r.roster_files.size(); ++p) {
    j.BeginObject();
    j.Key("group");
    j.String(r.scenario->agent_groups[r.request->groups[p]].name);
    j.Key("file");
    j.String(r.roster_files[p]);
    j.EndObject();
  }
  j.EndArray();
  WriteTemplatesJson(j, r);
  WriteIntervalsJson(j, r);
  j.EndObject();
  return j.str() + "\n";
}

std::string ScheduleWarnings(const ScheduleReport& r) {
  const scenario::Scenario& s = *r.scenario;
  const schedule::SchedulePlan& plan = *r.plan;
  const schedule::PlanningGrid grid{.interval = r.request->interval, .horizon = s.horizon};
  std::string below, uncovered;
  for (size_t p = 0; p < r.request->groups.size(); ++p) {
    const std::string& name = s.agent_groups[r.request->groups[p]].name;
    for (int i = 0; i < grid.count(); ++i) {
      const schedule::GroupIntervalPlan& g = plan.intervals[p][i];
      const std::string at = name + " " + IntervalLabel(s, grid.Start(i), grid.End(i));
      if (g.uncovered) uncovered += (uncovered.empty() ? "" : ", ") + at;
      if (g.service_level.mean < r.request->target) below += (below.empty() ? "" : ", ") + at;
    }
  }
  std::string out;
  const std::string w = "ccsim schedule: warning: ";
  if (!uncovered.empty()) {
    out += w + "no template covers " + uncovered +
           ", where agents are needed: add templates that work then\n";
  }
  if (plan.solver_at_limit) {
    out += w + "the solver stopped at its time limit (--solver-seconds " +
           Fixed(r.request->solver_seconds, 0) +
           ") with a roster that is feasible but not proven the cheapest\n";
  }
  if (plan.stopped_at_round_limit) {
    out += w + "the search stopped at its limit of " + std::to_string(r.request->max_rounds) +
           " rounds before settling (--max-rounds): " +
           (below.empty() ? "every interval meets the target, but a cheaper roster may exist"
                          : "the target is NOT met in " + below) +
           "\n";
  } else if (!below.empty()) {
    out += w + "the target is NOT met in " + below + "\n";
  }
  return out;
}

}  // namespace ccsim::cli
