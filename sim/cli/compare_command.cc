// `ccsim compare`: is policy B really better than A, or is the difference noise?
#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "sim/cli/commands.h"
#include "sim/cli/json_writer.h"
#include "sim/cli/options.h"
#include "sim/cli/summary_output.h"
#include "sim/model/comparison.h"
#include "sim/model/summary.h"
#include "sim/trace/sweep_file.h"

namespace ccsim::cli {

namespace {

constexpr const char* kCompareHelp = R"(Usage: ccsim compare A.h5 B.h5 [--json]
       ccsim compare SWEEP.h5 --points I J [--json]

Prints, for each whole-centre KPI, B − A with its 95% confidence interval and says
whether the difference is significant (the interval excludes 0). When both results come
from the same seed and replications they saw the same customers (common random numbers):
the difference is taken replication by replication (paired), which removes the noise the
two share; the unpaired (Welch) interval is shown beside it for comparison.

Examples:
  ccsim run scenarios/help_desk.yaml -o five.h5
  ccsim run scenarios/help_desk.yaml --set agent_groups.desk.agents=6 -o six.h5
  ccsim compare five.h5 six.h5
  ccsim sweep scenarios/retail_bank.yaml --vary routing.agent_selection=longest_idle,most_skilled -o s.h5
  ccsim compare s.h5 --points 0 1

Options)";

struct Side {
  std::string label;
  std::vector<std::vector<double>> kpis;  // [replication][kpi], the ALL rows
};

Side Read(const std::string& path, const std::string& group, const std::string& label) {
  Side side{.label = label};
  for (const trace::SummaryRow& row : trace::ReadSummary(path, group)) {
    if (row.contact_type != -1) continue;
    if (static_cast<int>(side.kpis.size()) <= row.replication) side.kpis.resize(row.replication + 1);
    side.kpis[row.replication].assign(row.kpis, row.kpis + model::kKpiCount);
  }
  return side;
}

std::string Short(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

// B − A for KPI k: paired over common replications when `paired`, and Welch's interval.
model::KpiDifference Compare(const Side& a, const Side& b, int k, bool paired) {
  std::vector<double> va, vb;
  for (const auto& r : a.kpis) va.push_back(r.empty() ? NAN : r[k]);
  for (const auto& r : b.kpis) vb.push_back(r.empty() ? NAN : r[k]);
  return model::CompareKpi(va, vb, paired);
}

using Differences = std::vector<std::pair<model::Kpi, model::KpiDifference>>;

// The two sides named on the command line: two result files, or two points of a sweep
// file. Returns the exit status when they cannot be read (the reason printed).
std::optional<int> ReadSides(const std::string& cmd, const std::vector<std::string>& files,
                             const std::vector<int>& points, Side& a, Side& b) {
  const bool sweep = !points.empty();
  try {
    if (sweep) {
      const int count = trace::CountPoints(files[0]);
      for (int p : points) {
        if (p < 0 || p >= count) {
          PrintError(cmd, "--points: " + files[0] + " has points 0.." + std::to_string(count - 1) +
                              "; got " + std::to_string(p));
          return kExitBadInput;
        }
      }
      a = Read(files[0], "points/" + std::to_string(points[0]), "point " + std::to_string(points[0]));
      b = Read(files[0], "points/" + std::to_string(points[1]), "point " + std::to_string(points[1]));
    } else {
      a = Read(files[0], "", files[0]);
      b = Read(files[1], "", files[1]);
    }
  } catch (const std::exception& e) {
    PrintError(cmd, e.what());
    return kExitBadInput;
  }
  return std::nullopt;
}

// Same replications from the same seed: the same customers, so pair them. A sweep's
// points share the seed by construction; two runs' files say theirs.
bool Paired(const std::vector<std::string>& files, bool sweep, const Side& a, const Side& b) {
  bool paired = a.kpis.size() == b.kpis.size();
  if (paired && !sweep) {
    try {
      paired = trace::ReadSeed(files[0]) == trace::ReadSeed(files[1]);
    } catch (const std::exception&) {
      paired = false;
    }
  }
  return paired;
}

void PrintJson(const Side& a, const Side& b, bool paired, const Differences& diffs) {
  JsonWriter j;
  j.BeginObject();
  j.Key("a");
  j.String(a.label);
  j.Key("b");
  j.String(b.label);
  j.Key("paired");
  j.Integer(paired ? 1 : 0);
  j.Key("kpis");
  j.BeginObject();
  for (const auto& [k, d] : diffs) {
    j.Key(model::ToString(k));
    j.BeginObject();
    j.Key("a");
    j.Number(d.a);
    j.Key("b");
    j.Number(d.b);
    j.Key("difference");
    j.Number(d.mean);
    j.Key("ci95");
    j.Number(d.ci95);
    j.Key("ci95_unpaired");
    j.Number(d.ci95_unpaired);
    j.Key("significant");
    j.Integer(d.significant ? 1 : 0);
    j.EndObject();
  }
  j.EndObject();
  j.EndObject();
  std::printf("%s\n", j.str().c_str());
}

void PrintTable(const Side& a, const Side& b, bool paired, const Differences& diffs) {
  std::vector<std::vector<std::string>> rows = {
      {"KPI", "A", "B", paired ? "B − A (paired 95% CI)" : "B − A (95% CI)", "B − A (unpaired CI)", "significant"}};
  for (const auto& [k, d] : diffs) {
    rows.push_back({model::ToString(k), Short(d.a), Short(d.b),
                    KpiCell(k, {.mean = d.mean, .ci95 = std::isnan(d.ci95) ? 0 : d.ci95}),
                    std::isnan(d.ci95_unpaired) ? "-" : KpiCell(k, {.mean = d.mean, .ci95 = d.ci95_unpaired}),
                    d.significant ? "yes" : "no"});
  }
  std::printf("A = %s\nB = %s\n%s\n\n%s", a.label.c_str(), b.label.c_str(),
              paired ? "paired by replication: same seed, the same customers on both sides"
                     : "not paired: different seeds or replications, so the intervals are Welch's",
              Table(rows).c_str());
}

}  // namespace

int CompareCommand(const std::vector<std::string>& args) {
  const std::string cmd = "compare";
  po::options_description options(kCompareHelp);
  options.add_options()                                                          //
      ("help,h", "show this help")                                               //
      ("files", po::value<std::vector<std::string>>(), "result files")             //
      ("points", po::value<std::vector<int>>()->multitoken(), "two points of a sweep file")
      ("json", "print one JSON document");
  po::variables_map vm;
  if (auto stop = ParseCommandLine(cmd, args, options, "files", -1, vm)) return *stop;
  const std::vector<std::string> files =
      vm.count("files") ? vm["files"].as<std::vector<std::string>>() : std::vector<std::string>{};
  const std::vector<int> points =
      vm.count("points") ? vm["points"].as<std::vector<int>>() : std::vector<int>{};
  const bool sweep = !points.empty();
  if ((sweep && (files.size() != 1 || points.size() != 2)) || (!sweep && files.size() != 2)) {
    PrintError(cmd, "give two result files, or one sweep file and --points I J (see ccsim compare --help)");
    return kExitBadInput;
  }
  Side a, b;
  if (auto stop = ReadSides(cmd, files, points, a, b)) return *stop;
  const bool paired = Paired(files, sweep, a, b);
  Differences diffs;
  for (int k = 0; k < model::kKpiCount; ++k) {
    const model::KpiDifference d = Compare(a, b, k, paired);
    if (std::isnan(d.a) && std::isnan(d.b)) continue;
    diffs.emplace_back(static_cast<model::Kpi>(k), d);
  }
  if (vm.count("json")) {
    PrintJson(a, b, paired, diffs);
  } else {
    PrintTable(a, b, paired, diffs);
  }
  return kExitOk;
}

}  // namespace ccsim::cli
