// `ccsim staff`: the fewest agents per interval that meet the service-level target.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "sim/cli/commands.h"
#include "sim/cli/json_writer.h"
#include "sim/cli/options.h"
#include "sim/cli/summary_output.h"
#include "sim/model/erlang.h"
#include "sim/model/model.h"
#include "sim/model/replication.h"
#include "sim/model/simulate_all.h"
#include "sim/scenario/loader.h"

namespace ccsim::cli {

namespace {

constexpr const char* kStaffHelp = R"(Usage: ccsim staff SCENARIO.yaml --target 0.8 [--group NAME] [options]

Finds, interval by interval, the fewest agents of one group that meet the service-level
target (answered within the scenario's threshold / offered). It starts from the Erlang C
answer for each interval's load (Erlang A when the contact types have a patience), then
simulates the whole horizon with that staffing — each interval inherits the queue the
previous one left — adds an agent to every interval whose simulated service level is
below the target until every interval meets it, and tries one agent fewer wherever the
simulation has not shown it to be needed. Prints a per-interval table (and writes
it as CSV with --csv), or one JSON document with --json.

Examples:
  ccsim staff scenarios/insurance_day.yaml --target 0.8
  ccsim staff scenarios/insurance_day.yaml --target 0.8 -r 20 --csv staffing.csv

Options)";

constexpr int kMaxRounds = 50;

struct Interval {
  double start = 0, end = 0;
  double load = 0;        // offered erlangs for the group at the interval's middle
  int analytic = 0;       // Erlang C/A agents
  int agents = 0;         // after simulation
  engine::Estimate service_level;
  double offered = 0;     // mean contacts offered
};

// The fewest agents for `target` by the analytical formula (0 without load).
int AnalyticAgents(double rate, double handle, std::optional<double> patience, double threshold,
                   double target) {
  if (rate <= 0 || handle <= 0) return 0;
  for (int n = 1; n < 100000; ++n) {
    const model::QueueKpis k = model::AnalyticKpis({.arrival_rate = rate, .mean_handle = handle,
                                                    .agents = n, .mean_patience = patience,
                                                    .threshold = threshold});
    if (k.stable && k.service_level >= target) return n;
  }
  return 100000;
}

}  // namespace

int StaffCommand(const std::vector<std::string>& args) {
  const std::string cmd = "staff";
  po::options_description options(kStaffHelp);
  options.add_options()                                                      //
      ("help,h", "show this help")                                           //
      ("scenario", po::value<std::string>(), "the scenario YAML file")        //
      ("target", po::value<double>(), "service-level target, e.g. 0.8 (default: the scenario's)")
      ("group", po::value<std::string>(), "the agent group to staff (default: the only one)")
      ("set", po::value<std::vector<std::string>>()->composing(), "override a scenario key")
      ("replications,r", po::value<int>(), "replications per round (default: the scenario's)")
      ("seed,s", po::value<uint64_t>(), "random seed (default: the scenario's)")
      ("threads,j", po::value<int>()->default_value(0), "worker threads; 0 = one per core")
      ("csv", po::value<std::string>(), "also write the staffing table to this CSV file")
      ("json", "print one JSON document instead of the table");
  po::variables_map vm;
  if (auto stop = ParseCommandLine(cmd, args, options, "scenario", 1, vm)) return *stop;
  if (!vm.count("scenario")) {
    PrintError(cmd, "missing SCENARIO.yaml (see ccsim staff --help)");
    return kExitBadInput;
  }
  const std::vector<std::string> overrides =
      StringList(vm, "set");
  scenario::LoadResult loaded = scenario::LoadScenarioFile(vm["scenario"].as<std::string>(), overrides);
  if (!loaded.ok()) {
    PrintDiagnostics(loaded.errors);
    return kExitBadInput;
  }
  scenario::Scenario s = *loaded.scenario;
  if (vm.count("replications")) s.replications = vm["replications"].as<int>();
  if (vm.count("seed")) s.seed = vm["seed"].as<uint64_t>();
  const double target = vm.count("target") ? vm["target"].as<double>() : s.service_level.target;
  if (!(target > 0 && target < 1) || s.replications < 1) {
    PrintError(cmd, "--target: expected a service level strictly between 0 and 1; -r at least 1");
    return kExitBadInput;
  }
  int g = 0;
  if (vm.count("group")) {
    g = s.AgentGroupIndex(vm["group"].as<std::string>());
    if (g < 0) {
      PrintError(cmd, "--group: no agent group '" + vm["group"].as<std::string>() + "'");
      return kExitBadInput;
    }
  } else if (s.agent_groups.size() != 1) {
    PrintError(cmd, "the scenario has several agent groups: say which to staff with --group");
    return kExitBadInput;
  }

  // The load the group carries in each interval: the rates of the types it has a skill for
  // at the interval's middle, and their mean handle time (talk × factor + wrap-up).
  const model::Model base(s);
  const int n = base.interval_count();
  std::vector<Interval> intervals(n);
  std::optional<double> patience;
  for (const scenario::Skill& sk : s.agent_groups[g].skills) {
    const auto& ct = s.contact_types[sk.contact_type];
    if (ct.patience) patience = ct.patience->Mean();
  }
  for (int i = 0; i < n; ++i) {
    Interval& iv = intervals[i];
    iv.start = i * s.interval;
    iv.end = std::min((i + 1) * s.interval, s.horizon);
    double rate = 0, work = 0;
    for (const scenario::Skill& sk : s.agent_groups[g].skills) {
      const auto& ct = s.contact_types[sk.contact_type];
      const double r = base.types()[sk.contact_type].arrivals.RateAt((iv.start + iv.end) / 2);
      rate += r;
      work += r * (ct.handle_time.Mean() * sk.handle_time_factor + ct.wrap_up.Mean());
    }
    iv.load = work;
    iv.analytic = AnalyticAgents(rate, rate > 0 ? work / rate : 0, patience,
                                 s.service_level.threshold, target);
    iv.agents = iv.analytic;
  }

  // Simulates the horizon with one shift per interval staffed as `agents`, and returns
  // each interval's service level (by arrival interval) and mean offered contacts.
  const int threads = vm["threads"].as<int>();
  auto simulate = [&](const std::vector<int>& agents) {
    scenario::Scenario staffed = s;
    scenario::AgentGroup& group = staffed.agent_groups[g];
    group.agents = 0;
    group.shifts.clear();
    for (int i = 0; i < n; ++i) {
      if (agents[i] > 0) {
        group.shifts.push_back({.start = intervals[i].start, .end = intervals[i].end, .agents = agents[i]});
      }
    }
    const model::Model m(staffed);
    const auto results =
        model::SimulateReplications(m, staffed.replications, threads, {.seed = staffed.seed});
    std::vector<std::pair<engine::Estimate, double>> out(n);
    const size_t types = s.contact_types.size();
    for (int i = 0; i < n; ++i) {
      std::vector<double> sl(results.size()), offered(results.size());
      for (size_t r = 0; r < results.size(); ++r) {
        model::Counters c;
        for (size_t t = 0; t < types; ++t) c.Add(results[r].intervals[i * types + t]);
        sl[r] = c.offered > 0 ? static_cast<double>(c.answered_within) / c.offered : NAN;
        offered[r] = static_cast<double>(c.offered);
      }
      out[i] = {engine::EstimateMean(sl), engine::EstimateMean(offered).mean};
    }
    return out;
  };
  auto meets = [&](const engine::Estimate& e) { return std::isnan(e.mean) || e.mean >= target; };
  auto staffing = [&] {
    std::vector<int> agents;
    for (const Interval& iv : intervals) agents.push_back(iv.agents);
    return agents;
  };

  // Raise every interval below target by one agent and simulate again, until all meet it
  // (the same seed each round: the same customers, so the rounds compare like with like).
  // Then try one agent fewer wherever it is not known to be needed; keep the cuts the
  // simulation accepts, and raise again if a cut hurt a neighbour.
  int rounds = 0;
  std::vector<bool> needed(n, false);
  for (; rounds < kMaxRounds; ++rounds) {
    const auto now = simulate(staffing());
    bool all_met = true;
    for (int i = 0; i < n; ++i) {
      intervals[i].service_level = now[i].first;
      intervals[i].offered = now[i].second;
      if (!meets(now[i].first)) {
        all_met = false;
        ++intervals[i].agents;
        needed[i] = true;  // the agent just added is needed
      }
    }
    if (!all_met) continue;
    std::vector<int> trial = staffing();
    bool any = false;
    for (int i = 0; i < n; ++i) {
      if (!needed[i] && trial[i] > 0) {
        --trial[i];
        any = true;
      }
    }
    if (!any) break;
    ++rounds;
    const auto cut = simulate(trial);
    for (int i = 0; i < n; ++i) {
      if (trial[i] == intervals[i].agents) continue;
      if (meets(cut[i].first)) {
        intervals[i].agents = trial[i];
      } else {
        needed[i] = true;
      }
    }
  }

  auto clock = [](double seconds) {
    char buf[32];
    const long long m = static_cast<long long>(seconds / 60 + 0.5);
    std::snprintf(buf, sizeof buf, "%lld:%02lld", m / 60, m % 60);
    return std::string(buf);
  };
  if (vm.count("csv")) {
    std::ofstream csv(vm["csv"].as<std::string>());
    csv << "interval,start_s,end_s,offered_load_erlangs,erlang_agents,agents,service_level,service_level_ci95\n";
    for (int i = 0; i < n; ++i) {
      const Interval& iv = intervals[i];
      csv << i << ',' << iv.start << ',' << iv.end << ',' << FormatNumber(iv.load) << ','
          << iv.analytic << ',' << iv.agents << ',' << FormatNumber(iv.service_level.mean) << ','
          << FormatNumber(iv.service_level.ci95) << '\n';
    }
    if (!csv) {
      PrintError(cmd, "--csv: cannot write " + vm["csv"].as<std::string>());
      return kExitFailure;
    }
  }
  if (vm.count("json")) {
    JsonWriter j;
    j.BeginObject();
    j.Key("scenario");
    j.String(s.name);
    j.Key("group");
    j.String(s.agent_groups[g].name);
    j.Key("target");
    j.Number(target);
    j.Key("rounds");
    j.Integer(rounds + 1);
    j.Key("intervals");
    j.BeginArray();
    for (const Interval& iv : intervals) {
      j.BeginObject();
      j.Key("start");
      j.Number(iv.start);
      j.Key("end");
      j.Number(iv.end);
      j.Key("offered_load");
      j.Number(iv.load);
      j.Key("erlang_agents");
      j.Integer(iv.analytic);
      j.Key("agents");
      j.Integer(iv.agents);
      j.Key("service_level");
      WriteEstimate(j, iv.service_level);
      j.EndObject();
    }
    j.EndArray();
    j.EndObject();
    std::printf("%s\n", j.str().c_str());
    return kExitOk;
  }
  std::vector<std::vector<std::string>> rows = {
      {"interval", "load (erlangs)", "Erlang", "agents", "service_level", "offered"}};
  for (const Interval& iv : intervals) {
    char load[32], offered[32];
    std::snprintf(load, sizeof load, "%.2f", iv.load);
    std::snprintf(offered, sizeof offered, "%.1f", iv.offered);
    rows.push_back({clock(iv.start) + "-" + clock(iv.end), load, std::to_string(iv.analytic),
                    std::to_string(iv.agents), KpiCell(model::Kpi::kServiceLevel, iv.service_level),
                    offered});
  }
  std::printf("ccsim staff | %s | group %s | target %.0f%% within %gs | %d replications, %d round%s\n\n%s",
              s.name.c_str(), s.agent_groups[g].name.c_str(), 100 * target,
              s.service_level.threshold, s.replications, rounds + 1, rounds == 0 ? "" : "s",
              Table(rows).c_str());
  return kExitOk;
}

}  // namespace ccsim::cli
