// The KPIs (SPEC §4), each defined once: its name (the JSON key and the result file's
// column), a label and unit for plots, where it is measured, how the tables show it and
// what it means. The summary, the text and JSON outputs, the HDF5 columns and their
// attributes, and `ccsim run --help` are all derived from kKpis.
//
// Adding a KPI: an enumerator in Kpi, its row in kKpis (same place), its value in
// ComputeKpis (summary.cc) or ReplicationKpis; tests/golden/ then needs regenerating.
//
// Example:
//   const KpiInfo& sl = Info(Kpi::kServiceLevel);
//   sl.name   // "service_level"
//   sl.unit   // "fraction"
#ifndef CCSIM_MODEL_KPI_H_
#define CCSIM_MODEL_KPI_H_

#include <cstddef>
#include <iterator>
#include <string_view>

namespace ccsim::model {

// The order is the order of the JSON keys and of the /summary columns. Keep kMargin last
// (kKpiCount relies on it).
enum class Kpi {
  kOffered,
  kAnswered,
  kAbandoned,
  kBlocked,
  kUnserved,
  kBalked,
  kMessages,
  kClosed,
  kLost,
  kServiceLevel,
  kAsa,
  kAbandonRate,
  kAht,
  kCallbacksOffered,
  kCallbacksAccepted,
  kCallbacksReached,
  kCallbackWait,
  kCallbackServiceLevel,
  kOccupancy,
  kStaffedHours,
  kPaidHours,
  kFcr,
  kContactsPerJourney,
  kTransfersPerJourney,
  kJourneyTime,
  kJourneyTimeP90,
  kUnresolvedShare,
  kTransfersIn,
  kTransfersOut,
  kAlerts,
  kCoachingSessions,
  // Money (KpiFormat::kMoney): only with the scenario's `costs`.
  kCostAgents,
  kCostContacts,
  kCostTotal,
  kCostPerHandled,
  kRevenue,
  kMargin,
};

// Whether a KPI is measured per contact type too, or for the whole centre only (agents'
// time and journeys are not split by contact type).
enum class KpiScope { kPerType, kOverallOnly };

// How the text tables show an estimate: "12.0 ± 1.3", "83.2% ± 1.1" (a fraction, shown
// × 100), "12.4s ± 0.9", "1.234 ± 0.012", "1,234.50 ± 12.30 EUR" (an amount in the
// scenario's currency: money KPIs exist only when the scenario has `costs`).
enum class KpiFormat { kCount, kPercent, kSeconds, kRatio, kMoney };

struct KpiInfo {
  Kpi kpi;
  std::string_view name;  // JSON key, /summary column: lower_snake_case
  std::string_view label;  // for people: plots, reports
  KpiScope scope;
  bool per_interval;      // also measured per reporting interval (/intervals, "intervals")
  bool feature_count;     // the text table leaves it out when 0 in every replication
  std::string_view unit;  // "contacts", "fraction", "s", ...
  KpiFormat format;
  std::string_view definition;  // one line
};

inline constexpr KpiInfo kKpis[] = {
    {Kpi::kOffered, "offered", "offered", KpiScope::kPerType, true, false, "contacts",
     KpiFormat::kCount,
     "contacts arriving at or after warmup that were not blocked: they entered a queue or balked"},
    {Kpi::kAnswered, "answered", "answered", KpiScope::kPerType, true, false, "contacts",
     KpiFormat::kCount, "offered contacts an agent answered"},
    {Kpi::kAbandoned, "abandoned", "abandoned", KpiScope::kPerType, true, false, "contacts",
     KpiFormat::kCount, "offered contacts that hung up while waiting"},
    {Kpi::kBlocked, "blocked", "blocked", KpiScope::kPerType, true, false, "contacts",
     KpiFormat::kCount,
     "contacts turned away because the queue was full or every line was busy (not offered)"},
    {Kpi::kUnserved, "unserved", "unserved", KpiScope::kPerType, true, true, "contacts",
     KpiFormat::kCount,
     "offered contacts still waiting when no event was left: nobody on duty could serve them"},
    {Kpi::kBalked, "balked", "balked", KpiScope::kPerType, true, true, "contacts",
     KpiFormat::kCount, "offered contacts that would have had to wait and left at once (balking)"},
    {Kpi::kMessages, "messages", "messages after max_wait", KpiScope::kPerType, true, true,
     "contacts", KpiFormat::kCount,
     "offered contacts taken out of the queue with a message after waiting max_wait"},
    {Kpi::kClosed, "closed", "cleared at close", KpiScope::kPerType, true, true, "contacts",
     KpiFormat::kCount, "offered contacts still waiting when their type closed (at_close: clear)"},
    {Kpi::kLost, "lost", "lost", KpiScope::kPerType, true, true, "contacts", KpiFormat::kCount,
     "offered contacts that left unanswered: abandoned + balked + messages + closed"},
    {Kpi::kServiceLevel, "service_level", "service level", KpiScope::kPerType, true, false,
     "fraction", KpiFormat::kPercent,
     "live contacts answered within the type's threshold / live contacts offered (offered "
     "minus callbacks accepted)"},
    {Kpi::kAsa, "asa", "ASA (average speed of answer)", KpiScope::kPerType, true, false, "s",
     KpiFormat::kSeconds, "mean wait of answered live contacts (callbacks reached apart)"},
    {Kpi::kAbandonRate, "abandon_rate", "abandon rate", KpiScope::kPerType, true, false,
     "fraction", KpiFormat::kPercent, "abandoned / offered"},
    {Kpi::kAht, "aht", "AHT (talk + wrap-up)", KpiScope::kPerType, true, false, "s",
     KpiFormat::kSeconds,
     "mean talk + wrap-up of answered contacts (a callback's: its reaching call's dial time "
     "too)"},
    {Kpi::kCallbacksOffered, "callbacks_offered", "callbacks offered", KpiScope::kPerType, true,
     true, "contacts", KpiFormat::kCount,
     "offered contacts offered a callback (callback.offer_when; max_wait's callbacks count as "
     "offers taken)"},
    {Kpi::kCallbacksAccepted, "callbacks_accepted", "callbacks accepted", KpiScope::kPerType,
     true, true, "contacts", KpiFormat::kCount,
     "offered contacts that took a callback and left the line (counted once in offered)"},
    {Kpi::kCallbacksReached, "callbacks_reached", "callbacks reached", KpiScope::kPerType, true,
     true, "contacts", KpiFormat::kCount,
     "accepted callbacks whose customer answered an agent's call (counted in answered)"},
    {Kpi::kCallbackWait, "callback_wait", "callback wait", KpiScope::kPerType, true, false, "s",
     KpiFormat::kSeconds, "mean time from taking the callback to being reached, reached callbacks"},
    {Kpi::kCallbackServiceLevel, "callback_service_level", "callback service level",
     KpiScope::kPerType, true, false, "fraction", KpiFormat::kPercent,
     "callbacks reached within service_level.callback_threshold / callbacks accepted"},
    {Kpi::kOccupancy, "occupancy", "occupancy", KpiScope::kOverallOnly, true, false, "fraction",
     KpiFormat::kPercent, "busy / staffed agent time over [warmup, horizon]"},
    {Kpi::kStaffedHours, "staffed_hours", "staffed agent-hours", KpiScope::kOverallOnly, false,
     false, "h", KpiFormat::kCount,
     "agent-hours on duty and not on a break over [warmup, horizon]"},
    {Kpi::kPaidHours, "paid_hours", "paid agent-hours", KpiScope::kOverallOnly, false, false,
     "h", KpiFormat::kCount,
     "agent-hours paid: on duty, breaks and overtime included, from the later of warmup and "
     "the start of duty"},
    {Kpi::kFcr, "fcr", "first-contact resolution", KpiScope::kOverallOnly, false, false,
     "fraction", KpiFormat::kPercent, "ended journeys resolved by their first contact / ended journeys"},
    {Kpi::kContactsPerJourney, "contacts_per_journey", "contacts per journey",
     KpiScope::kOverallOnly, false, false, "contacts / journey", KpiFormat::kRatio,
     "contacts of ended journeys / ended journeys"},
    {Kpi::kTransfersPerJourney, "transfers_per_journey", "transfers per journey",
     KpiScope::kOverallOnly, false, true, "transfers / journey", KpiFormat::kRatio,
     "transfers of ended journeys / ended journeys"},
    {Kpi::kJourneyTime, "journey_time", "journey time to resolution", KpiScope::kOverallOnly,
     false, false, "s", KpiFormat::kSeconds,
     "mean first arrival → resolution of resolved journeys"},
    {Kpi::kJourneyTimeP90, "journey_time_p90", "journey time, 90th percentile",
     KpiScope::kOverallOnly, false, false, "s", KpiFormat::kSeconds,
     "90th percentile (to 1%) of first arrival → resolution of resolved journeys"},
    {Kpi::kUnresolvedShare, "unresolved_share", "journeys given up", KpiScope::kOverallOnly,
     false, false, "fraction", KpiFormat::kPercent, "ended journeys given up / ended journeys"},
    {Kpi::kTransfersIn, "transfers_in", "transfers in", KpiScope::kPerType, false, true,
     "contacts", KpiFormat::kCount, "contacts that arrived by a transfer"},
    {Kpi::kTransfersOut, "transfers_out", "transfers out", KpiScope::kPerType, false, true,
     "contacts", KpiFormat::kCount, "handlings that ended in a transfer"},
    {Kpi::kAlerts, "alerts", "real-time alerts", KpiScope::kOverallOnly, false, true, "alerts",
     KpiFormat::kCount, "real-time control triggers: the service level fell below its trigger"},
    {Kpi::kCoachingSessions, "coaching_sessions", "coaching sessions", KpiScope::kOverallOnly,
     false, true, "sessions", KpiFormat::kCount, "coaching sessions completed"},
    {Kpi::kCostAgents, "cost_agents", "agents' cost", KpiScope::kOverallOnly, false, false,
     "currency", KpiFormat::kMoney,
     "paid agent-hours × the group's agent_hour: on duty, breaks and overtime included, from "
     "the later of warmup and the start of duty"},
    {Kpi::kCostContacts, "cost_contacts", "contacts' cost", KpiScope::kPerType, false, false,
     "currency", KpiFormat::kMoney,
     "per_handled × answered + per_abandoned × (lost + blocked) + per_callback × accepted "
     "callbacks"},
    {Kpi::kCostTotal, "cost_total", "total cost", KpiScope::kOverallOnly, false, false,
     "currency", KpiFormat::kMoney, "cost_agents + cost_contacts"},
    {Kpi::kCostPerHandled, "cost_per_handled", "cost per handled contact",
     KpiScope::kOverallOnly, false, false, "currency", KpiFormat::kMoney,
     "cost_total / answered"},
    {Kpi::kRevenue, "revenue", "revenue", KpiScope::kPerType, false, false, "currency",
     KpiFormat::kMoney, "revenue_per_resolved × answered contacts whose handling resolved them"},
    {Kpi::kMargin, "margin", "margin", KpiScope::kOverallOnly, false, false, "currency",
     KpiFormat::kMoney, "revenue − cost_total"},
};
inline constexpr int kKpiCount = static_cast<int>(std::size(kKpis));

constexpr bool KpiTableFollowsEnum() {
  for (int i = 0; i < kKpiCount; ++i) {
    if (kKpis[i].kpi != static_cast<Kpi>(i)) return false;
  }
  return true;
}
static_assert(static_cast<int>(Kpi::kMargin) + 1 == kKpiCount,
              "one row of kKpis per Kpi");
static_assert(KpiTableFollowsEnum(), "kKpis lists the KPIs in the order of enum Kpi");

// The KPIs measured per agent group too (JSON kpis.by_group, the group rows of /summary, the
// text table's group rows), each an overall-only KPI of the table above: a KPI joins them
// here, with its value in GroupKpis (summary.cc).
// (cost_agents, a money KPI, is NaN and left out without costs.)
inline constexpr Kpi kGroupKpis[] = {Kpi::kOccupancy, Kpi::kStaffedHours, Kpi::kPaidHours,
                                     Kpi::kCostAgents};

constexpr const KpiInfo& Info(Kpi k) { return kKpis[static_cast<int>(k)]; }
// The JSON key: "service_level", ...
inline const char* ToString(Kpi k) { return Info(k).name.data(); }
// Whether the KPI is reported for the whole centre only.
constexpr bool IsOverallOnly(Kpi k) { return Info(k).scope == KpiScope::kOverallOnly; }
// Whether the KPI is an amount of money: measured, shown and stored only when the scenario
// has `costs` (NaN otherwise).
constexpr bool IsMoney(Kpi k) { return Info(k).format == KpiFormat::kMoney; }

}  // namespace ccsim::model

#endif  // CCSIM_MODEL_KPI_H_
