// `ccsim erlang`: the analytical KPIs of one interval (Erlang C, or Erlang A with --patience).
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "sim/cli/commands.h"
#include "sim/cli/json_writer.h"
#include "sim/cli/options.h"
#include "sim/cli/summary_output.h"
#include "sim/model/erlang.h"
#include "sim/model/kpi.h"
#include "sim/scenario/limits.h"
#include "sim/scenario/units.h"

namespace ccsim::cli {

namespace {

constexpr const char* kErlangHelp =
    R"(Usage: ccsim erlang --rate RATE --aht DURATION (--agents N | --target SL) [options]

The steady-state answer for one interval with Poisson arrivals and exponential handle
times: Erlang C (M/M/c), or Erlang A (M/M/c+M) when --patience gives the customers' mean
patience. Prints service_level, asa, p_wait, abandon_rate and occupancy with the same
definitions as `ccsim run`. With --target instead of --agents it answers "how many
agents": the fewest whose service level within --threshold is at least the target, and
their figures. At most 100000 agents and 1000 arrivals a second; durations at most 10
years.

Examples:
  ccsim erlang --rate 360/h --aht 4m --agents 28
  ccsim erlang --rate 360/h --aht 4m --target 0.8
  ccsim erlang --rate 1/s --aht 100s --agents 110 --patience 60s --json

Options)";

// The interval described by the flags. Returns false after printing every mistake.
bool ParseQueueInputs(const std::string& cmd, const po::variables_map& vm, model::QueueInputs& in) {
  bool ok = true;
  auto need = [&](const char* name) {
    if (vm.count(name)) return true;
    PrintError(cmd, std::string("missing --") + name + " (see ccsim erlang --help)");
    ok = false;
    return false;
  };
  auto duration = [&](const char* name) -> std::optional<double> {
    const std::string text = vm[name].as<std::string>();
    const std::optional<double> d = scenario::ParseDuration(text);
    if (!d || *d <= 0 || *d > scenario::kMaxDurationSeconds) {
      PrintError(cmd, std::string("--") + name +
                          ": expected a positive duration like 45s, 4m or 1h, at most " +
                          scenario::kMaxDurationText + "; got '" + text + "'");
      ok = false;
      return std::nullopt;
    }
    return d;
  };
  if (need("rate")) {
    const std::string text = vm["rate"].as<std::string>();
    const std::optional<double> r = scenario::ParseRate(text);
    if (!r || *r <= 0 || *r > scenario::kMaxRatePerSecond) {
      PrintError(
          cmd, std::string("--rate: expected a positive rate like 360/h, 6/m or 0.1/s, at most ") +
                   scenario::kMaxRateText + "; got '" + text + "'");
      ok = false;
    } else {
      in.arrival_rate = *r;
    }
  }
  if (need("aht")) {
    if (auto d = duration("aht")) in.mean_handle = *d;
  }
  if (vm.count("target")) {
    if (vm.count("agents")) {
      PrintError(cmd, "give --agents (what they achieve) or --target (how many are needed), "
                      "not both");
      ok = false;
    }
  } else if (need("agents")) {
    in.agents = vm["agents"].as<int>();
    if (in.agents < 1 || in.agents > scenario::kMaxAgents) {
      PrintError(cmd, "--agents: expected 1 to " + std::to_string(scenario::kMaxAgents) +
                          " agents; got " + std::to_string(in.agents));
      ok = false;
    }
  }
  if (vm.count("patience")) {
    if (auto d = duration("patience")) in.mean_patience = *d;
  }
  {
    const std::string text = vm["threshold"].as<std::string>();
    const std::optional<double> d = scenario::ParseDuration(text);
    if (!d || *d < 0 || *d > scenario::kMaxDurationSeconds) {
      PrintError(cmd, std::string("--threshold: expected a duration like 20s, at most ") +
                          scenario::kMaxDurationText + "; got '" + text + "'");
      ok = false;
    } else {
      in.threshold = *d;
    }
  }
  return ok;
}

std::string FormatTarget(double target) {
  char text[32];
  std::snprintf(text, sizeof text, "%g%%", target * 100);
  return text;
}

void PrintJson(const model::QueueInputs& in, const model::QueueKpis& k, double load,
               std::optional<double> target) {
  JsonWriter j;
  j.BeginObject();
  j.Key("model");
  j.String(in.mean_patience ? "erlang_a" : "erlang_c");
  if (target) {
    j.Key("target");
    j.Number(*target);
  }
  j.Key("offered_load");
  j.Number(load);
  j.Key("agents");
  j.Integer(in.agents);
  j.Key("stable");
  j.Integer(k.stable ? 1 : 0);
  j.Key("service_level");
  j.Number(k.service_level);
  j.Key("asa");
  j.Number(k.asa);
  j.Key("p_wait");
  j.Number(k.p_wait);
  j.Key("abandon_rate");
  j.Number(k.abandon_rate);
  j.Key("occupancy");
  j.Number(k.occupancy);
  j.EndObject();
  std::printf("%s\n", j.str().c_str());
}

void PrintText(const model::QueueInputs& in, const model::QueueKpis& k, double load,
               std::optional<double> target) {
  std::printf("%s: offered load %.4g erlangs on %d agents\n",
              in.mean_patience ? "Erlang A (M/M/c+M)" : "Erlang C (M/M/c)", load, in.agents);
  if (target) {
    std::printf("%d agents are the fewest with a service level of at least %g%% within %gs\n",
                in.agents, *target * 100, in.threshold);
  }
  if (!k.stable) {
    std::printf("unstable: the load is at least the number of agents, so the queue grows without bound\n");
    return;
  }
  // The same number format as `ccsim run`'s tables.
  std::printf("service_level  %-8s (answered within %gs / offered)\n",
              KpiValue(model::Kpi::kServiceLevel, k.service_level).c_str(), in.threshold);
  std::printf("asa            %s\n", KpiValue(model::Kpi::kAsa, k.asa).c_str());
  std::printf("p_wait         %s\n", KpiValue(model::Kpi::kServiceLevel, k.p_wait).c_str());
  std::printf("abandon_rate   %s\n", KpiValue(model::Kpi::kAbandonRate, k.abandon_rate).c_str());
  std::printf("occupancy      %s\n", KpiValue(model::Kpi::kOccupancy, k.occupancy).c_str());
}

}  // namespace

int ErlangCommand(const std::vector<std::string>& args) {
  const std::string cmd = "erlang";
  po::options_description options(kErlangHelp);
  options.add_options()                                                                     //
      ("help,h", "show this help")                                                          //
      ("rate", po::value<std::string>(), "arrival rate: 360/h, 6/m, 0.1/s (bare: per hour)")  //
      ("aht", po::value<std::string>(), "mean handle time (talk + wrap-up): 4m, 240s, 240")   //
      ("agents", po::value<int>(), "agents on duty")                                        //
      ("target", po::value<double>(), "service level to meet, e.g. 0.8: prints the agents needed")  //
      ("patience", po::value<std::string>(), "mean patience (exponential): Erlang A")        //
      ("threshold", po::value<std::string>()->default_value("20s"),
       "service-level threshold")  //
      ("json", "print one flat JSON object");
  po::variables_map vm;
  if (auto stop = ParseCommandLine(cmd, args, options, nullptr, 0, vm)) return *stop;
  model::QueueInputs in{};
  bool ok = ParseQueueInputs(cmd, vm, in);
  std::optional<double> target;
  if (vm.count("target")) {
    target = vm["target"].as<double>();
    if (!(*target > 0 && *target <= 1)) {
      PrintError(cmd, "--target: expected a service level above 0 and at most 1, like 0.8");
      ok = false;
    }
  }
  if (!ok) return kExitBadInput;
  if (target) {
    const std::optional<int> needed = model::AgentsFor(in, *target, scenario::kMaxAgents);
    if (!needed) {
      PrintError(cmd, "no number of agents up to " + std::to_string(scenario::kMaxAgents) +
                          " meets a service level of " + FormatTarget(*target));
      return kExitBadInput;
    }
    in.agents = *needed;
  }
  const model::QueueKpis k = model::AnalyticKpis(in);
  const double load = in.arrival_rate * in.mean_handle;
  if (vm.count("json")) {
    PrintJson(in, k, load, target);
  } else {
    PrintText(in, k, load, target);
  }
  return kExitOk;
}

}  // namespace ccsim::cli
