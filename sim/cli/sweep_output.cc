#include "sim/cli/sweep_output.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>

#include "sim/cli/json_writer.h"
#include "sim/cli/summary_output.h"
#include "sim/cli/version.h"
#include "sim/model/result_rows.h"

namespace ccsim::cli {

namespace {

// The whole-centre KPIs a one-line-per-point table has room for (a display choice; the
// JSON has them all).
const model::Kpi kTableKpis[] = {model::Kpi::kOffered, model::Kpi::kServiceLevel,
                                 model::Kpi::kAsa,     model::Kpi::kAbandonRate,
                                 model::Kpi::kAht,     model::Kpi::kOccupancy};

std::optional<int> Whole(std::string_view s) {
  int v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

std::string SweepOutput(bool json, const std::string& scenario, uint64_t seed,
                        const std::vector<std::string>& vary_paths,
                        const std::vector<SweepRow>& rows) {
  if (json) {
    JsonWriter j;
    j.BeginObject();
    j.Key("ccsim_version");
    j.String(kVersion);
    j.Key("scenario");
    j.String(scenario);
    j.Key("seed");
    j.Unsigned(seed);
    j.Key("vary");
    j.BeginArray();
    for (const std::string& p : vary_paths) j.String(p);
    j.EndArray();
    j.Key("points");
    j.BeginArray();
    for (const SweepRow& r : rows) {
      j.BeginObject();
      j.Key("point");
      j.Integer(r.index);
      j.Key("values");
      j.BeginObject();
      for (size_t k = 0; k < vary_paths.size(); ++k) {
        j.Key(vary_paths[k]);
        j.String(r.values[k]);
      }
      j.EndObject();
      j.Key("replications");
      j.Integer(r.summary.replications);
      j.Key("kpis");
      WriteKpiDocument(j, r.summary);
      j.EndObject();
    }
    j.EndArray();
    j.EndObject();
    return j.str() + "\n";
  }
  std::vector<std::vector<std::string>> table;
  std::vector<std::string> header = {"point"};
  for (const std::string& p : vary_paths) header.push_back(p);
  for (model::Kpi k : kTableKpis) header.push_back(model::ToString(k));
  table.push_back(header);
  for (const SweepRow& r : rows) {
    std::vector<std::string> row = {std::to_string(r.index)};
    for (const std::string& v : r.values) row.push_back(v);
    for (model::Kpi k : kTableKpis) row.push_back(KpiCell(k, r.summary.overall[k]));
    table.push_back(row);
  }
  char head[512];
  std::snprintf(head, sizeof head,
                "ccsim %s | sweep of %s | %zu points | seed %llu (the same customers at every point)\n"
                "whole-centre KPIs, mean ± half-width of the 95%% confidence interval over "
                "replications\n\n",
                kVersion, scenario.c_str(), rows.size(), static_cast<unsigned long long>(seed));
  return head + Table(table);
}

std::vector<SweepRow> SweepRowsOf(const trace::SweepContents& c) {
  std::vector<SweepRow> rows;
  for (const trace::SweepPointContents& p : c.points) {
    const std::vector<std::string>& types = p.summary.contact_types;
    const auto per_rep = model::KpisFromRows(p.summary.summary, types.size());
    rows.push_back({p.index, p.values,
                    model::SummariseKpis(c.info.scenario_name, c.info.seed, types, per_rep)});
  }
  return rows;
}

std::optional<Shard> ParseShard(std::string_view text) {
  const size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const auto i = Whole(text.substr(0, slash)), n = Whole(text.substr(slash + 1));
  if (!i || !n || *n < 1 || *i < 0 || *i >= *n) return std::nullopt;
  return Shard{*i, *n};
}

std::optional<Shard> ShardFromSlurm() {
  const char* id = std::getenv("SLURM_ARRAY_TASK_ID");
  const char* count = std::getenv("SLURM_ARRAY_TASK_COUNT");
  if (id == nullptr || count == nullptr) return std::nullopt;
  // Array indices may start anywhere (--array=1-8): count from SLURM_ARRAY_TASK_MIN.
  const char* min = std::getenv("SLURM_ARRAY_TASK_MIN");
  const auto i = Whole(id), m = min ? Whole(min) : std::optional<int>(0);
  if (!i || !m) return std::nullopt;
  return ParseShard(std::to_string(*i - *m) + "/" + count);
}

}  // namespace ccsim::cli
