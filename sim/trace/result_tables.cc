#include "sim/trace/result_tables.h"

#include <algorithm>

#include "sim/model/agent_ranking.h"
#include "sim/model/summary.h"

namespace ccsim::trace::internal {

Hid VariableString() {
  Hid t = Hid::Check(H5Tcopy(H5T_C_S1), H5Tclose, "create a string type");
  CheckStatus(H5Tset_size(t.get(), H5T_VARIABLE), "make a variable-length string type");
  CheckStatus(H5Tset_cset(t.get(), H5T_CSET_UTF8), "make a UTF-8 string type");
  return t;
}

void WriteAttribute(hid_t object, const char* name, hid_t type, const void* value) {
  const Hid space = Hid::Check(H5Screate(H5S_SCALAR), H5Sclose, "create a scalar space");
  const Hid attr = Hid::Check(H5Acreate2(object, name, type, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                              H5Aclose, std::string("create attribute ") + name);
  CheckStatus(H5Awrite(attr.get(), type, value), std::string("write attribute ") + name);
}

void WriteAttribute(hid_t object, const char* name, const std::string& value) {
  const Hid type = VariableString();
  const char* text = value.c_str();
  WriteAttribute(object, name, type.get(), &text);
}


std::string ReadStringAttribute(hid_t object, const char* name) {
  const Hid type = VariableString();
  char* text = ReadAttribute<char*>(object, name, type.get());
  std::string value = text ? text : "";
  H5free_memory(text);
  return value;
}

std::string Join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    const size_t end = std::min(text.find('\n', start), text.size());
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}


std::vector<SummaryRow> SummaryRows(std::span<const model::ReplicationResult> results) {
  std::vector<SummaryRow> rows;
  for (const model::ReplicationResult& r : results) {
    const std::vector<model::KpiValues> kpis = model::ReplicationKpis(r);
    for (size_t c = 0; c < kpis.size(); ++c) {
      SummaryRow row{.replication = r.replication, .contact_type = static_cast<int32_t>(c) - 1};
      std::copy(kpis[c].begin(), kpis[c].end(), row.kpis);
      rows.push_back(row);
    }
  }
  return rows;
}

std::vector<IntervalRow> IntervalRows(const model::Model& m,
                                      std::span<const model::ReplicationResult> results) {
  const size_t types = m.types().size();
  const double length = m.scenario().interval;
  std::vector<IntervalRow> rows;
  for (const model::ReplicationResult& r : results) {
    for (int i = 0; i < m.interval_count(); ++i) {
      const double start = i * length, end = std::min((i + 1) * length, m.scenario().horizon);
      const double busy = r.interval_busy[i], staffed = r.interval_staffed[i],
                   on_break = r.interval_on_break[i];
      auto row = [&](int32_t type, const model::Counters& c) {
        const model::KpiValues k = model::ComputeKpis(c, busy, staffed);
        auto v = [&](model::Kpi kpi) { return k[static_cast<int>(kpi)]; };
        rows.push_back({.replication = r.replication,
                        .interval = i,
                        .start = start,
                        .end = end,
                        .contact_type = type,
                        .offered = v(model::Kpi::kOffered),
                        .answered = v(model::Kpi::kAnswered),
                        .abandoned = v(model::Kpi::kAbandoned),
                        .blocked = v(model::Kpi::kBlocked),
                        .service_level = v(model::Kpi::kServiceLevel),
                        .asa = v(model::Kpi::kAsa),
                        .abandon_rate = v(model::Kpi::kAbandonRate),
                        .aht = v(model::Kpi::kAht),
                        .agents_staffed = end > start ? staffed / (end - start) : 0,
                        .agents_on_break = end > start ? on_break / (end - start) : 0,
                        .occupancy = v(model::Kpi::kOccupancy)});
      };
      model::Counters all;
      for (size_t t = 0; t < types; ++t) all.Add(r.intervals[i * types + t]);
      row(-1, all);
      for (size_t t = 0; t < types; ++t) row(static_cast<int32_t>(t), r.intervals[i * types + t]);
    }
  }
  return rows;
}

std::vector<AgentResultRow> AgentResultRows(const model::Model& m,
                                            std::span<const model::ReplicationResult> results) {
  std::vector<AgentResultRow> rows;
  for (const model::ReplicationResult& r : results) {
    for (const model::AgentFigures& a : model::RankAgents(r.agents, m.seats())) {
      rows.push_back({.replication = r.replication,
                      .agent_id = a.agent,
                      .group = a.group,
                      .contacts = a.contacts,
                      .aht = a.aht,
                      .occupancy = a.occupancy,
                      .resolved_share = a.resolved_share,
                      .resolved_per_hour = a.resolved_per_hour,
                      .band = static_cast<int8_t>(a.band),
                      .rank = a.rank < 0 ? -1 : a.rank + 1,
                      .staffed = r.agents[a.agent].staffed});
    }
  }
  return rows;
}

}  // namespace ccsim::trace::internal
