#include "sim/model/result_rows.h"

#include <algorithm>
#include <iterator>
#include <limits>
#include <string>

#include "sim/model/agent_ranking.h"
#include "sim/scenario/calendar.h"

namespace ccsim::model {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

records::Column KpiColumn(const KpiInfo& k) {
  return {.name = std::string(k.name),
          .label = std::string(k.label),
          .unit = std::string(k.unit),
          .definition = std::string(k.definition),
          .scope = k.scope == KpiScope::kPerType ? "per_type" : "overall_only"};
}

// The interval table's columns: the KPIs at index `kpis` (-1 for the agent figures).
struct IntervalLayout {
  std::vector<records::Column> columns;
  std::vector<int> kpis;  // per column: the KPI's index, or -1 staffed, -2 on a break
};

IntervalLayout IntervalColumns() {
  IntervalLayout out;
  auto add = [&](const KpiInfo& k) {
    out.columns.push_back(KpiColumn(k));
    out.kpis.push_back(static_cast<int>(k.kpi));
  };
  for (const KpiInfo& k : kKpis) {
    if (k.per_interval && k.scope == KpiScope::kPerType) add(k);
  }
  // Centre-wide: the same on every row of an interval.
  out.columns.push_back({"agents_staffed", "agents staffed", "agents",
                         "mean agents on duty and not on a break over the interval", "overall_only"});
  out.kpis.push_back(-1);
  out.columns.push_back({"agents_on_break", "agents on a break", "agents",
                         "mean agents on a break over the interval", "overall_only"});
  out.kpis.push_back(-2);
  for (const KpiInfo& k : kKpis) {
    if (k.per_interval && k.scope == KpiScope::kOverallOnly) add(k);
  }
  return out;
}

}  // namespace

records::EnumNames FileEnumNames(const Model& model) {
  records::EnumNames names;
  for (const auto& t : model.scenario().contact_types) names.contact_types.push_back(t.name);
  for (const auto& g : model.scenario().agent_groups) names.agent_groups.push_back(g.name);
  names.people = model.people();
  for (Band b : {Band::kNone, Band::kTop, Band::kMiddle, Band::kBottom}) {
    names.bands.emplace_back(ToString(b), static_cast<int8_t>(b));
  }
  return names;
}

records::SummaryRows SummaryRows(const Model& model, std::span<const ReplicationResult> results) {
  const auto& costs = model.scenario().costs;
  records::SummaryRows out;
  std::vector<int> kpis_kept;  // the columns' KPIs: money ones only with costs
  for (const KpiInfo& k : kKpis) {
    if (IsMoney(k.kpi) && !costs) continue;
    out.columns.push_back(KpiColumn(k));
    if (IsMoney(k.kpi)) out.columns.back().unit = costs->currency;
    kpis_kept.push_back(static_cast<int>(k.kpi));
  }
  for (const ReplicationResult& r : results) {
    const std::vector<KpiValues> kpis = ReplicationKpis(r);
    for (size_t c = 0; c < kpis.size(); ++c) {
      records::SummaryRow row{.replication = r.replication,
                              .contact_type = static_cast<int32_t>(c) - 1};
      for (int k : kpis_kept) row.values.push_back(kpis[c][k]);
      out.rows.push_back(std::move(row));
    }
    const std::vector<KpiValues> groups = GroupKpis(model, r);
    for (size_t g = 0; g < groups.size(); ++g) {
      records::SummaryRow row{
          .replication = r.replication, .contact_type = -1, .agent_group = static_cast<int32_t>(g)};
      for (int k : kpis_kept) row.values.push_back(groups[g][k]);
      out.rows.push_back(std::move(row));
    }
  }
  return out;
}

std::optional<std::string> CurrencyOf(const records::SummaryRows& rows) {
  for (const records::Column& c : rows.columns) {
    if (c.name == Info(Kpi::kCostTotal).name) return c.unit;
  }
  return std::nullopt;
}

records::IntervalRows IntervalRows(const Model& m, std::span<const ReplicationResult> results) {
  const IntervalLayout layout = IntervalColumns();
  const scenario::TimeLabels labels(m.scenario().start);
  const scenario::Calendar* calendar = labels.calendar();
  records::IntervalRows out{.columns = layout.columns, .clock = calendar != nullptr};
  const size_t types = m.types().size();
  const double length = m.scenario().interval;
  for (const ReplicationResult& r : results) {
    for (int i = 0; i < m.interval_count(); ++i) {
      const double start = i * length, end = std::min((i + 1) * length, m.scenario().horizon);
      const double busy = r.interval_busy[i], staffed = r.interval_staffed[i];
      const double on_break = r.interval_on_break[i];
      const std::string iso = labels.Iso(start);
      const auto day = static_cast<int8_t>(calendar ? calendar->DayOfWeek(start) : -1);
      auto row = [&](int32_t type, const Counters& c) {
        const KpiValues k = ComputeKpis(c, busy, staffed);
        records::IntervalRow out_row{.replication = r.replication, .interval = i, .start = start,
                                     .end = end, .contact_type = type, .interval_start = iso,
                                     .day_of_week = day};
        for (int index : layout.kpis) {
          const double seconds = index == -1 ? staffed : on_break;
          out_row.values.push_back(index >= 0 ? k[index] : end > start ? seconds / (end - start) : 0);
        }
        out.rows.push_back(std::move(out_row));
      };
      Counters all;
      for (size_t t = 0; t < types; ++t) all.Add(r.intervals[i * types + t]);
      row(-1, all);
      for (size_t t = 0; t < types; ++t) row(static_cast<int32_t>(t), r.intervals[i * types + t]);
    }
  }
  return out;
}

std::vector<records::AgentResultRow> AgentResultRows(const Model& m,
                                                     std::span<const ReplicationResult> results) {
  std::vector<records::AgentResultRow> rows;
  for (const ReplicationResult& r : results) {
    for (const AgentFigures& a : RankAgents(r.agents, m.seats())) {
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
                      .staffed = r.agents[a.agent].staffed,
                      .asa = a.asa,
                      .asked_for = a.asked_for,
                      .asked_wait = a.asked_wait,
                      .name = m.seats()[a.agent].person});
    }
  }
  return rows;
}

records::ResultTables ResultRows(const Model& model, std::span<const ReplicationResult> results) {
  return {.names = FileEnumNames(model),
          .summary = SummaryRows(model, results),
          .intervals = IntervalRows(model, results),
          .agent_results = AgentResultRows(model, results)};
}

void AppendResultRows(const Model& model, const ReplicationResult& result,
                      records::ResultTables& tables) {
  const std::span<const ReplicationResult> one(&result, 1);
  auto append = [](auto& to, auto&& from) {
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
  };
  append(tables.summary.rows, SummaryRows(model, one).rows);
  append(tables.intervals.rows, IntervalRows(model, one).rows);
  append(tables.agent_results, AgentResultRows(model, one));
}

namespace {

// per_rep[r][column(row)] from the rows that `column` places (-1: not one of them), with
// `columns` columns a replication.
template <class Column>
std::vector<std::vector<KpiValues>> ValuesFromRows(const records::SummaryRows& rows, size_t columns,
                                                   Column&& column) {
  std::vector<int> column_of(kKpiCount, -1);  // KPI → column, -1 when the file lacks it
  for (size_t c = 0; c < rows.columns.size(); ++c) {
    for (const KpiInfo& k : kKpis) {
      if (k.name == rows.columns[c].name) column_of[static_cast<int>(k.kpi)] = static_cast<int>(c);
    }
  }
  KpiValues missing;
  missing.fill(kNaN);
  std::vector<std::vector<KpiValues>> per_rep;
  for (const records::SummaryRow& row : rows.rows) {
    const int c = column(row);
    if (row.replication < 0 || c < 0) continue;
    if (static_cast<int>(per_rep.size()) <= row.replication) {
      per_rep.resize(row.replication + 1, std::vector<KpiValues>(columns, missing));
    }
    KpiValues& out = per_rep[row.replication][c];
    for (int k = 0; k < kKpiCount; ++k) {
      if (column_of[k] >= 0) out[k] = row.values[column_of[k]];
    }
  }
  return per_rep;
}

}  // namespace

std::vector<std::vector<KpiValues>> KpisFromRows(const records::SummaryRows& rows,
                                                 size_t contact_types) {
  return ValuesFromRows(rows, 1 + contact_types, [&](const records::SummaryRow& row) {
    // A group's row, or one this file's enums do not describe: none of these.
    if (row.contact_type < -1 || row.contact_type >= static_cast<int32_t>(contact_types) ||
        row.agent_group >= 0) {
      return -1;
    }
    return row.contact_type + 1;
  });
}

std::vector<std::vector<KpiValues>> GroupKpisFromRows(const records::SummaryRows& rows,
                                                      size_t groups) {
  return ValuesFromRows(rows, groups, [&](const records::SummaryRow& row) {
    const bool group_row = row.contact_type == -1 && row.agent_group >= 0 &&
                           row.agent_group < static_cast<int32_t>(groups);
    return group_row ? row.agent_group : -1;
  });
}

}  // namespace ccsim::model
