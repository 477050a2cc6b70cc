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
#include "sim/model/result_rows.h"
#include "sim/model/summary.h"
#include "sim/trace/result_reader.h"

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
  std::vector<std::string> overrides;  // the --set of the run (a file's root attributes)
  std::vector<model::KpiValues> kpis;  // [replication][kpi], the ALL rows
  std::optional<std::string> currency;  // with the scenario's costs (money KPIs)
};

trace::Expected<Side> Read(const std::string& path, const std::string& group,
                           const std::string& label) {
  // The root attributes too: a file whose seed cannot be read is refused, not unpaired.
  const trace::Expected<trace::RootAttributes> info = trace::ReadRootAttributes(path);
  if (!info) return trace::FileError{info.error()};
  const trace::Expected<trace::SummaryContents> read = trace::ReadSummary(path, group);
  if (!read) return trace::FileError{read.error()};
  Side side{.label = label, .overrides = info->overrides,
            .currency = model::CurrencyOf(read->summary)};
  for (const auto& rep : model::KpisFromRows(read->summary, read->contact_types.size())) {
    side.kpis.push_back(rep[0]);
  }
  return side;
}

// Both sides: two points of a sweep file, or two files. An error names what is wrong.
trace::Expected<std::pair<Side, Side>> ReadSides(const std::vector<std::string>& files,
                                                 const std::vector<int>& points) {
  if (points.empty()) {
    trace::Expected<Side> a = Read(files[0], "", files[0]), b = Read(files[1], "", files[1]);
    if (!a) return trace::FileError{a.error()};
    if (!b) return trace::FileError{b.error()};
    return std::pair{std::move(*a), std::move(*b)};
  }
  const trace::Expected<trace::RootAttributes> info = trace::ReadRootAttributes(files[0]);
  if (!info) return trace::FileError{info.error()};
  for (int p : points) {
    if (p < 0 || p >= info->total_points) {
      return trace::FileError{"--points: " + files[0] + " has points 0.." +
                              std::to_string(info->total_points - 1) + "; got " + std::to_string(p)};
    }
  }
  auto point = [&](int p) {
    return Read(files[0], "points/" + std::to_string(p), "point " + std::to_string(p));
  };
  trace::Expected<Side> a = point(points[0]), b = point(points[1]);
  if (!a) return trace::FileError{a.error()};
  if (!b) return trace::FileError{b.error()};
  return std::pair{std::move(*a), std::move(*b)};
}

// Whether two runs' files come from the same seed (a sweep's points always do).
bool SameSeed(const std::string& a, const std::string& b) {
  const auto info_a = trace::ReadRootAttributes(a), info_b = trace::ReadRootAttributes(b);
  return info_a && info_b && info_a->seed == info_b->seed;
}

// "five.h5 (--set agent_groups.desk.agents=6)": a side and what was set for it.
std::string Described(const Side& side) {
  std::string out = side.label;
  for (size_t i = 0; i < side.overrides.size(); ++i) {
    out += (i == 0 ? " (--set " : " --set ") + side.overrides[i];
  }
  return out + (side.overrides.empty() ? "" : ")");
}

// B − A for KPI k: paired over common replications when `paired`, and Welch's interval.
model::KpiDifference Compare(const Side& a, const Side& b, int k, bool paired) {
  std::vector<double> va, vb;
  for (const auto& r : a.kpis) va.push_back(r[k]);
  for (const auto& r : b.kpis) vb.push_back(r[k]);
  return model::CompareKpi(va, vb, paired);
}

using Differences = std::vector<std::pair<model::Kpi, model::KpiDifference>>;


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
  const std::string currency = a.currency.value_or(b.currency.value_or(""));
  for (const auto& [k, d] : diffs) {
    if (d.a == 0 && d.b == 0 && d.mean == 0 && !(d.ci95 > 0)) continue;  // not used on either side
    rows.push_back({model::ToString(k), KpiValue(k, d.a, currency), KpiValue(k, d.b, currency),
                    KpiDifferenceCell(k, d.mean, d.ci95, currency),
                    std::isnan(d.ci95_unpaired) ? "-" : KpiDifferenceCell(k, d.mean, d.ci95_unpaired, currency),
                    d.significant ? "yes" : "no"});
  }
  std::printf("A = %s\nB = %s\n%s\n\n%s", Described(a).c_str(), Described(b).c_str(),
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
  trace::Expected<std::pair<Side, Side>> sides = ReadSides(files, points);
  if (!sides) {
    PrintError(cmd, sides.error());
    return kExitBadInput;
  }
  const auto& [a, b] = *sides;
  if (a.currency && b.currency && *a.currency != *b.currency) {
    std::fprintf(stderr,
                 "ccsim compare: warning: the money KPIs are in %s on side A and %s on side B; "
                 "their differences mix currencies\n",
                 a.currency->c_str(), b.currency->c_str());
  }
  // Same replications from the same seed: the same customers, so pair them. A sweep's
  // points share the seed by construction; two runs' files say theirs.
  const bool paired =
      a.kpis.size() == b.kpis.size() && (sweep || SameSeed(files[0], files[1]));
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