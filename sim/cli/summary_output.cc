#include "sim/cli/summary_output.h"

#include <cmath>
#include <cstdio>
#include <vector>

#include "sim/cli/json_writer.h"
#include "sim/cli/version.h"

namespace ccsim::cli {

namespace {

using model::Kpi;
using model::kKpiCount;

bool IsOverallOnly(Kpi k) { return k == Kpi::kOccupancy; }

// "0.832 ± 0.011" with a precision that suits the KPI.
std::string Cell(Kpi k, const engine::Estimate& e) {
  if (std::isnan(e.mean)) return "-";
  char buf[64];
  switch (k) {
    case Kpi::kServiceLevel:
    case Kpi::kAbandonRate:
    case Kpi::kOccupancy:
      std::snprintf(buf, sizeof buf, "%.1f%% ± %.1f", 100 * e.mean, 100 * e.ci95);
      break;
    case Kpi::kAsa:
    case Kpi::kAht:
      std::snprintf(buf, sizeof buf, "%.1fs ± %.1f", e.mean, e.ci95);
      break;
    default:
      std::snprintf(buf, sizeof buf, "%.1f ± %.1f", e.mean, e.ci95);
      break;
  }
  return buf;
}

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

void WriteKpis(JsonWriter& j, const model::KpiEstimates& est, bool overall) {
  j.BeginObject();
  for (int i = 0; i < kKpiCount; ++i) {
    const Kpi k = static_cast<Kpi>(i);
    if (!overall && IsOverallOnly(k)) continue;
    j.Key(model::ToString(k));
    j.BeginObject();
    j.Key("mean");
    j.Number(est.values[i].mean);
    j.Key("ci95");
    j.Number(est.values[i].ci95);
    j.EndObject();
  }
  j.EndObject();
}

}  // namespace

std::string SummaryTable(const model::Summary& s) {
  std::string out = "ccsim " + std::string(kVersion) + " | scenario " + s.scenario + " | " +
                    std::to_string(s.replications) + " replication" +
                    (s.replications == 1 ? "" : "s") + " | seed " + std::to_string(s.seed) +
                    "\nmean ± half-width of the 95% confidence interval over replications\n\n";
  std::vector<std::string> headers = {"KPI", "overall"};
  for (const std::string& n : s.type_names) headers.push_back(n);
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < kKpiCount; ++i) {
    const Kpi k = static_cast<Kpi>(i);
    std::vector<std::string> row = {model::ToString(k), Cell(k, s.overall.values[i])};
    for (const model::KpiEstimates& t : s.by_type) {
      row.push_back(IsOverallOnly(k) ? "" : Cell(k, t.values[i]));
    }
    rows.push_back(row);
  }
  std::vector<size_t> width(headers.size());
  for (size_t c = 0; c < headers.size(); ++c) {
    width[c] = Width(headers[c]);
    for (const auto& r : rows) width[c] = std::max(width[c], Width(r[c]));
  }
  auto line = [&](const std::vector<std::string>& cells) {
    for (size_t c = 0; c < cells.size(); ++c) Pad(out, cells[c], width[c] + 3);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += '\n';
  };
  line(headers);
  for (const auto& r : rows) line(r);
  return out;
}

std::string SummaryJson(const model::Summary& s) {
  JsonWriter j;
  j.BeginObject();
  j.Key("ccsim_version");
  j.String(kVersion);
  j.Key("scenario");
  j.String(s.scenario);
  j.Key("replications");
  j.Integer(s.replications);
  j.Key("seed");
  j.Integer(static_cast<long long>(s.seed));
  j.Key("kpis");
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
  j.EndObject();
  j.EndObject();
  return j.str() + "\n";
}

}  // namespace ccsim::cli
