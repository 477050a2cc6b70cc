#include "sim/cli/summary_output.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "sim/cli/json_writer.h"
#include "sim/cli/version.h"

namespace ccsim::cli {

namespace {

using model::Kpi;
using model::kKpiCount;

using model::IsOverallOnly;

}  // namespace

void WriteEstimate(JsonWriter& j, const engine::Estimate& e) {
  j.BeginObject();
  j.Key("mean");
  j.Number(e.mean);
  j.Key("ci95");
  j.Number(e.ci95);
  j.EndObject();
}

void WriteClockTime(JsonWriter& j, const scenario::Calendar& calendar, double t) {
  j.Key("interval_start");
  j.String(calendar.Iso(t));
  j.Key("day_of_week");
  j.String(scenario::DayName(calendar.DayOfWeek(t)));
}

std::string KpiCell(Kpi k, const engine::Estimate& e) {
  if (std::isnan(e.mean)) return "-";
  char buf[64];
  switch (model::Info(k).format) {
    case model::KpiFormat::kPercent:
      std::snprintf(buf, sizeof buf, "%.1f%% ± %.1f", 100 * e.mean, 100 * e.ci95);
      break;
    case model::KpiFormat::kSeconds:
      std::snprintf(buf, sizeof buf, "%.1fs ± %.1f", e.mean, e.ci95);
      break;
    case model::KpiFormat::kRatio:
      std::snprintf(buf, sizeof buf, "%.3f ± %.3f", e.mean, e.ci95);
      break;
    case model::KpiFormat::kCount:
      std::snprintf(buf, sizeof buf, "%.1f ± %.1f", e.mean, e.ci95);
      break;
  }
  return buf;
}

namespace {

// Display width of UTF-8 text (the ± sign is two bytes, one column).
size_t Width(const std::string& s) {
  size_t w = 0;
  for (unsigned char c : s) w += (c & 0xC0) != 0x80;
  return w;
}

void Pad(std::string& out, const std::string& text, size_t width) {
  out += text;
  for (size_t w = Width(text); w < width; ++w) out += ' ';
}

// Left-aligned columns, three spaces apart; the first row is the header.
}  // namespace

std::string Table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> width(rows.front().size());
  for (const auto& r : rows) {
    for (size_t c = 0; c < r.size(); ++c) width[c] = std::max(width[c], Width(r[c]));
  }
  std::string out;
  for (const auto& r : rows) {
    for (size_t c = 0; c < r.size(); ++c) Pad(out, r[c], width[c] + 3);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += '\n';
  }
  return out;
}

std::string KpiHelp() {
  std::vector<std::vector<std::string>> rows = {{"  KPI", "unit", "definition"}};
  for (const model::KpiInfo& k : model::kKpis) {
    const std::string marks = std::string(IsOverallOnly(k.kpi) ? "*" : "") + (k.feature_count ? "+" : "");
    rows.push_back({"  " + std::string(k.name) + marks, std::string(k.unit), std::string(k.definition)});
  }
  return Table(rows);
}

namespace {

// "0.832 ± 0.011" for a band figure.
std::string BandCell(model::BandFigure f, const engine::Estimate& e) {
  if (std::isnan(e.mean)) return "-";
  char buf[64];
  switch (f) {
    case model::BandFigure::kOccupancy:
    case model::BandFigure::kResolvedShare:
      std::snprintf(buf, sizeof buf, "%.1f%% ± %.1f", 100 * e.mean, 100 * e.ci95);
      break;
    case model::BandFigure::kAht:
      std::snprintf(buf, sizeof buf, "%.1fs ± %.1f", e.mean, e.ci95);
      break;
    case model::BandFigure::kResolvedPerHour:
      std::snprintf(buf, sizeof buf, "%.2f ± %.2f", e.mean, e.ci95);
      break;
    default:
      std::snprintf(buf, sizeof buf, "%.1f ± %.1f", e.mean, e.ci95);
      break;
  }
  return buf;
}

constexpr model::Band kBands[] = {model::Band::kTop, model::Band::kMiddle, model::Band::kBottom};

void WriteBands(JsonWriter& j, const model::Summary& s) {
  j.BeginObject();
  for (model::Band b : kBands) {
    j.Key(model::ToString(b));
    j.BeginObject();
    const model::BandEstimates& est = s.bands[static_cast<int>(b)];
    for (int f = 0; f < model::kBandFigureCount; ++f) {
      j.Key(model::ToString(static_cast<model::BandFigure>(f)));
      WriteEstimate(j, est.values[f]);
    }
    j.EndObject();
  }
  j.EndObject();
}

void WriteAgentDetail(JsonWriter& j, const model::Summary& s) {
  j.BeginArray();
  for (const model::AgentSummary& a : s.agents) {
    j.BeginObject();
    j.Key("agent_id");
    j.Integer(a.agent);
    j.Key("group");
    j.String(s.group_names.at(a.group));
    j.Key("contacts");
    j.Number(a.contacts);
    j.Key("aht");
    j.Number(a.aht);
    j.Key("occupancy");
    j.Number(a.occupancy);
    j.Key("resolved_share");
    j.Number(a.resolved_share);
    j.Key("resolved_per_hour");
    j.Number(a.resolved_per_hour);
    j.Key("band");
    j.String(model::ToString(a.band));
    j.Key("band_replications");
    j.BeginObject();
    for (int b = 0; b <= model::kBandCount; ++b) {
      j.Key(b == model::kBandCount ? "none" : model::ToString(static_cast<model::Band>(b)));
      j.Integer(a.band_replications[b]);
    }
    j.EndObject();
    j.EndObject();
  }
  j.EndArray();
}

// `per_interval_only`: the KPIs measured per reporting interval, as in "intervals".
void WriteKpis(JsonWriter& j, const model::KpiEstimates& est, bool overall,
               bool per_interval_only = false) {
  j.BeginObject();
  for (int i = 0; i < kKpiCount; ++i) {
    const Kpi k = static_cast<Kpi>(i);
    if (!overall && IsOverallOnly(k)) continue;
    if (per_interval_only && !model::Info(k).per_interval) continue;
    j.Key(model::ToString(k));
    WriteEstimate(j, est.values[i]);
  }
  j.EndObject();
}

bool SameEstimate(const engine::Estimate& a, const engine::Estimate& b) {
  return a.mean == b.mean && a.ci95 == b.ci95;
}

}  // namespace

std::string SummaryTable(const model::Summary& s) {
  const std::string start =
      s.start ? " | start " + scenario::TimeLabels(s.start).At(0) : std::string();
  std::string out = "ccsim " + std::string(kVersion) + " | scenario " + s.scenario + " | " +
                    std::to_string(s.replications) + " replication" +
                    (s.replications == 1 ? "" : "s") + " | seed " + std::to_string(s.seed) +
                    start + "\nmean ± half-width of the 95% confidence interval over replications\n\n";
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {"KPI", "overall"};
  for (const std::string& n : s.type_names) header.push_back(n);
  rows.push_back(header);
  for (int i = 0; i < kKpiCount; ++i) {
    const Kpi k = static_cast<Kpi>(i);
    if (model::Info(k).feature_count && s.overall.values[i].mean == 0 && s.overall.values[i].ci95 == 0) {
      continue;  // a feature the scenario does not use (the JSON still has it)
    }
    if (k == Kpi::kLost && SameEstimate(s.overall[Kpi::kLost], s.overall[Kpi::kAbandoned])) {
      continue;  // nobody balked, had a message or was cleared: lost is abandoned again
    }
    std::vector<std::string> row = {model::ToString(k), KpiCell(k, s.overall.values[i])};
    for (const model::KpiEstimates& t : s.by_type) {
      row.push_back(IsOverallOnly(k) ? "" : KpiCell(k, t.values[i]));
    }
    rows.push_back(row);
  }
  return out + Table(rows) + GroupTable(s);
}

std::string GroupTable(const model::Summary& s) {
  if (s.by_group.empty()) return "";
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {"agent group"};
  for (Kpi k : model::kGroupKpis) header.push_back(model::ToString(k));
  rows.push_back(header);
  for (size_t g = 0; g < s.by_group.size(); ++g) {
    std::vector<std::string> row = {s.group_names.at(g)};
    for (Kpi k : model::kGroupKpis) row.push_back(KpiCell(k, s.by_group[g][k]));
    rows.push_back(row);
  }
  return "\nby agent group (mean ± 95% half-width)\n" + Table(rows);
}

std::string IntervalTable(const std::vector<model::IntervalSummary>& intervals,
                          const scenario::TimeLabels& labels) {
  const Kpi columns[] = {Kpi::kOffered, Kpi::kServiceLevel, Kpi::kAsa, Kpi::kAbandonRate,
                         Kpi::kOccupancy};
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {labels.IntervalHeader()};
  for (Kpi k : columns) header.push_back(model::ToString(k));
  rows.push_back(header);
  for (const model::IntervalSummary& i : intervals) {
    std::vector<std::string> row = {labels.Interval(i.start, i.end)};
    for (Kpi k : columns) row.push_back(KpiCell(k, i.kpis[k]));
    rows.push_back(row);
  }
  return "\nby interval (all contact types, by arrival time; mean ± 95% half-width)\n" + Table(rows);
}

std::string AgentBandTable(const model::Summary& s) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {"band"};
  for (int f = 0; f < model::kBandFigureCount; ++f) {
    header.push_back(model::ToString(static_cast<model::BandFigure>(f)));
  }
  rows.push_back(header);
  for (model::Band b : kBands) {
    std::vector<std::string> row = {model::ToString(b)};
    const model::BandEstimates& est = s.bands[static_cast<int>(b)];
    for (int f = 0; f < model::kBandFigureCount; ++f) {
      row.push_back(BandCell(static_cast<model::BandFigure>(f), est.values[f]));
    }
    rows.push_back(row);
  }
  return "\nby agent band: thirds of the stack rank on resolved contacts per staffed hour\n"
         "(contacts per agent, the rest pooled over the band; mean ± 95% half-width)\n" +
         Table(rows);
}

void WriteKpiDocument(JsonWriter& j, const model::Summary& s) {
  j.BeginObject();
  j.Key("overall");
  WriteKpis(j, s.overall, true);
  j.Key("by_type");
  j.BeginObject();
  for (size_t t = 0; t < s.type_names.size(); ++t) {
    j.Key(s.type_names[t]);
    WriteKpis(j, s.by_type[t], false);
  }
  j.EndObject();
  if (!s.by_group.empty()) {
    j.Key("by_group");
    j.BeginObject();
    for (size_t g = 0; g < s.by_group.size(); ++g) {
      j.Key(s.group_names.at(g));
      j.BeginObject();
      for (Kpi k : model::kGroupKpis) {
        j.Key(model::ToString(k));
        WriteEstimate(j, s.by_group[g][k]);
      }
      j.EndObject();
    }
    j.EndObject();
  }
  j.EndObject();
}

std::string SummaryJson(const model::Summary& s,
                        const std::vector<model::IntervalSummary>& intervals, bool agent_detail) {
  JsonWriter j;
  j.BeginObject();
  j.Key("ccsim_version");
  j.String(kVersion);
  j.Key("scenario");
  j.String(s.scenario);
  j.Key("replications");
  j.Integer(s.replications);
  j.Key("seed");
  j.Unsigned(s.seed);
  const scenario::TimeLabels labels(s.start);
  if (const scenario::Calendar* calendar = labels.calendar()) {
    j.Key("start");
    j.String(calendar->Iso(0));
  }
  j.Key("kpis");
  WriteKpiDocument(j, s);
  j.Key("agents");
  WriteBands(j, s);
  if (agent_detail) {
    j.Key("agents_detail");
    WriteAgentDetail(j, s);
  }
  if (!intervals.empty()) {
    j.Key("intervals");
    j.BeginArray();
    for (const model::IntervalSummary& i : intervals) {
      j.BeginObject();
      j.Key("start");
      j.Number(i.start);
      j.Key("end");
      j.Number(i.end);
      if (const scenario::Calendar* calendar = labels.calendar()) {
        WriteClockTime(j, *calendar, i.start);
      }
      j.Key("kpis");
      WriteKpis(j, i.kpis, /*overall=*/true, /*per_interval_only=*/true);
      j.EndObject();
    }
    j.EndArray();
  }
  j.EndObject();
  return j.str() + "\n";
}

}  // namespace ccsim::cli
