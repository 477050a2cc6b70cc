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

std::string KpiHelp() {
  std::vector<std::vector<std::string>> rows = {{"  KPI", "unit", "definition"}};
  for (const model::KpiInfo& k : model::kKpis) {
    const std::string marks = std::string(IsOverallOnly(k.kpi) ? "*" : "") +
                              (k.feature_count ? "+" : "") + (model::IsMoney(k.kpi) ? "$" : "");
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

// One object per agent; `named_only`: the named agents (people) alone.
void WriteAgentDetail(JsonWriter& j, const model::Summary& s, bool named_only = false) {
  j.BeginArray();
  for (const model::AgentSummary& a : s.agents) {
    if (named_only && a.name.empty()) continue;
    j.BeginObject();
    j.Key("agent_id");
    j.Integer(a.agent);
    if (!a.name.empty()) {
      j.Key("name");
      j.String(a.name);
    }
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
    j.Key("asa");
    j.Number(a.asa);
    j.Key("asked_for");
    j.Number(a.asked_for);
    j.Key("asked_wait");
    j.Number(a.asked_wait);
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
// `money`: the money KPIs too (the scenario has costs).
void WriteKpis(JsonWriter& j, const model::KpiEstimates& est, bool overall, bool money,
               bool per_interval_only = false) {
  j.BeginObject();
  for (int i = 0; i < kKpiCount; ++i) {
    const Kpi k = static_cast<Kpi>(i);
    if (!overall && IsOverallOnly(k)) continue;
    if (!money && model::IsMoney(k)) continue;
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

namespace {

// What the numbers below the header are, and how far to trust them.
std::string EstimateNote(int replications) {
  if (replications == 1) {
    return "one replication: its figures, without a confidence interval (give -r 2 or more; "
           "about 10 for useful intervals)\n\n";
  }
  std::string note = "mean ± half-width of the 95% confidence interval over replications\n";
  if (replications < 5) {
    note += "(only " + std::to_string(replications) +
            " replications: Student's t with so few makes the intervals wide; about 10 or "
            "more give useful ones)\n";
  }
  return note + "\n";
}

}  // namespace

std::string SummaryTable(const model::Summary& s, const std::string& provenance) {
  const std::string start =
      s.start ? " | start " + scenario::TimeLabels(s.start).At(0) : std::string();
  std::string out = "ccsim " + std::string(kVersion) + " | scenario " + s.scenario + " | " +
                    std::to_string(s.replications) + " replication" +
                    (s.replications == 1 ? "" : "s") + " | seed " + std::to_string(s.seed) +
                    start + "\n";
  if (!provenance.empty()) out += provenance + "\n";
  out += EstimateNote(s.replications);
  const std::string_view currency = s.currency ? std::string_view(*s.currency) : "";
  const auto cell = [&s, currency](Kpi k, const engine::Estimate& e) {
    return s.replications == 1 ? KpiValue(k, e.mean, currency) : KpiCell(k, e, currency);
  };
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {"KPI", "overall"};
  for (const std::string& n : s.type_names) header.push_back(n);
  rows.push_back(header);
  for (int i = 0; i < kKpiCount; ++i) {
    const Kpi k = static_cast<Kpi>(i);
    if (model::IsMoney(k) && !s.currency) continue;  // no costs in the scenario
    if (model::Info(k).feature_count && s.overall.values[i].mean == 0 && s.overall.values[i].ci95 == 0) {
      continue;  // a feature the scenario does not use (the JSON still has it)
    }
    if (k == Kpi::kLost && SameEstimate(s.overall[Kpi::kLost], s.overall[Kpi::kAbandoned])) {
      continue;  // nobody balked, had a message or was cleared: lost is abandoned again
    }
    if ((k == Kpi::kCallbackWait || k == Kpi::kCallbackServiceLevel) &&
        SameEstimate(s.overall[Kpi::kCallbacksAccepted], engine::Estimate{})) {
      continue;  // no callback was taken: nothing to measure
    }
    std::vector<std::string> row = {model::ToString(k), cell(k, s.overall.values[i])};
    for (const model::KpiEstimates& t : s.by_type) {
      row.push_back(IsOverallOnly(k) ? "" : cell(k, t.values[i]));
    }
    rows.push_back(row);
  }
  return out + Table(rows) + GroupTable(s);
}

std::string GroupTable(const model::Summary& s) {
  if (s.by_group.empty()) return "";
  const std::string_view currency = s.currency ? std::string_view(*s.currency) : "";
  std::vector<Kpi> kpis;  // the money ones only with costs
  for (Kpi k : model::kGroupKpis) {
    if (!model::IsMoney(k) || s.currency) kpis.push_back(k);
  }
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {"agent group"};
  for (Kpi k : kpis) header.push_back(model::ToString(k));
  rows.push_back(header);
  for (size_t g = 0; g < s.by_group.size(); ++g) {
    std::vector<std::string> row = {s.group_names.at(g)};
    for (Kpi k : kpis) {
      row.push_back(s.replications == 1 ? KpiValue(k, s.by_group[g][k].mean, currency)
                                        : KpiCell(k, s.by_group[g][k], currency));
    }
    rows.push_back(row);
  }
  return "\nby agent group (paid: on duty, breaks and overtime included, from warmup on)\n" +
         Table(rows);
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

std::string NamedAgentTable(const model::Summary& s) {
  std::vector<std::vector<std::string>> rows = {{"agent", "group", "contacts", "aht", "occupancy",
                                                 "asa", "resolved_share", "resolved_per_hour",
                                                 "asked_for", "asked_wait", "band"}};
  auto cell = [](const char* format, double v) {
    if (std::isnan(v)) return std::string("-");
    char buf[32];
    std::snprintf(buf, sizeof buf, format, v);
    return std::string(buf);
  };
  for (const model::AgentSummary& a : s.agents) {
    if (a.name.empty()) continue;
    rows.push_back({a.name, s.group_names.at(a.group), cell("%.1f", a.contacts),
                    cell("%.1fs", a.aht), cell("%.1f%%", 100 * a.occupancy), cell("%.1fs", a.asa),
                    cell("%.1f%%", 100 * a.resolved_share), cell("%.2f", a.resolved_per_hour),
                    cell("%.1f", a.asked_for), cell("%.1fs", a.asked_wait),
                    model::ToString(a.band)});
  }
  return "\nnamed agents (means over replications; asa: the mean wait of the contacts each "
         "answered;\nasked_for: repeat contacts that asked for the agent (routing.preferred_agent), "
         "asked_wait:\ntheir mean wait, whoever answered them; band: the stack-rank third the "
         "agent fell in most often)\n" +
         Table(rows);
}

bool HasPeople(const model::Summary& s) {
  return std::any_of(s.agents.begin(), s.agents.end(),
                     [](const model::AgentSummary& a) { return !a.name.empty(); });
}

void WriteKpiDocument(JsonWriter& j, const model::Summary& s) {
  j.BeginObject();
  const bool money = s.currency.has_value();
  j.Key("overall");
  WriteKpis(j, s.overall, true, money);
  j.Key("by_type");
  j.BeginObject();
  for (size_t t = 0; t < s.type_names.size(); ++t) {
    j.Key(s.type_names[t]);
    WriteKpis(j, s.by_type[t], false, money);
  }
  j.EndObject();
  if (!s.by_group.empty()) {
    j.Key("by_group");
    j.BeginObject();
    for (size_t g = 0; g < s.by_group.size(); ++g) {
      j.Key(s.group_names.at(g));
      j.BeginObject();
      for (Kpi k : model::kGroupKpis) {
        if (model::IsMoney(k) && !money) continue;
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
  if (s.currency) {
    j.Key("currency");
    j.String(*s.currency);
  }
  j.Key("kpis");
  WriteKpiDocument(j, s);
  j.Key("agents");
  WriteBands(j, s);
  if (agent_detail) {
    j.Key("agents_detail");
    WriteAgentDetail(j, s);
  }
  if (HasPeople(s)) {
    j.Key("people");
    WriteAgentDetail(j, s, /*named_only=*/true);
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
      WriteKpis(j, i.kpis, /*overall=*/true, /*money=*/false, /*per_interval_only=*/true);
      j.EndObject();
    }
    j.EndArray();
  }
  j.EndObject();
  return j.str() + "\n";
}

}  // namespace ccsim::cli
