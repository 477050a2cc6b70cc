// What one replication measured: counters per contact type and per interval, agent time,
// and the bookkeeping that the flow-conservation and Little's-law checks read.
#ifndef CCSIM_MODEL_RESULTS_H_
#define CCSIM_MODEL_RESULTS_H_

#include <cstdint>
#include <vector>

#include "sim/engine/statistics.h"

namespace ccsim::model {

// Counts of contacts by what happened to them; sums in seconds. Every contact counts in
// two of these (its type's and its interval's, each one of many with tens of types), so
// what an offered and answered contact updates comes first, within one aligned cache line.
struct alignas(64) Counters {
  int64_t offered = 0;  // not blocked: entered a queue, balked, or took a callback at once
  // offered = answered + abandoned + balked + messages + closed + unserved.
  int64_t answered = 0;         // callbacks reached included
  int64_t answered_within = 0;  // live: answered with wait <= the type's service-level threshold
  double wait_answered = 0;     // sum of waits of answered live contacts
  double handle = 0;            // sum of talk + wrap-up of answered contacts
  int64_t transfers_out = 0;    // handlings that ended in a transfer (disconnected ones too)
  int64_t escalations_out = 0;
  int64_t abandoned = 0;
  int64_t blocked = 0;
  int64_t unserved = 0;         // still waiting when no event was left (nobody to serve it)
  double wait_abandoned = 0;    // sum of waits of abandoned contacts
  int64_t transfers_in = 0;     // contacts that arrived by a transfer
  int64_t escalations_in = 0;
  int64_t balked = 0;    // would have had to wait and left at once (balking)
  int64_t messages = 0;  // taken out of the queue after max_wait, with a message
  int64_t closed = 0;    // still waiting when the type closed with at_close: clear
  // Callbacks (SPEC §9). An accepted callback is one offered contact; it ends reached
  // (answered), failed (every call went unanswered: abandoned) or unserved, so
  // callbacks_accepted = callbacks_reached + callbacks_failed + callbacks_unserved.
  int64_t callbacks_offered = 0;   // offers made (max_wait's callbacks count as taken offers)
  int64_t callbacks_accepted = 0;  // not live contacts any more: out of service_level and asa
  int64_t callbacks_reached = 0;
  int64_t callbacks_within = 0;  // reached within service_level.callback_threshold
  int64_t callbacks_failed = 0;
  int64_t callbacks_unserved = 0;  // still queued when no event was left
  double callback_wait = 0;        // sum of acceptance -> reached, reached callbacks

  void Add(const Counters& o);
};

// Journeys (a customer from first contact to resolution or giving up) that began at or
// after warmup.
struct JourneyCounters {
  int64_t started = 0;
  int64_t resolved = 0;
  int64_t resolved_first = 0;  // resolved by their first contact
  int64_t given_up = 0;        // abandoned/balked/blocked/unresolved/disconnected/message/closed
                               // for good, unserved, or too many contacts
  int64_t open_at_end = 0;     // due back after the horizon: neither resolved nor given up
  int64_t contacts = 0;        // contacts of ended (resolved or given-up) journeys
  int64_t transfers = 0;       // transfers of ended journeys
  double resolved_time = 0;    // sum of first arrival → resolution, resolved journeys
  engine::LogHistogram resolved_times;  // for the p90
  double durations = 0;        // sum of first arrival → end (any end), for Little's law
};

// One agent's figures in [warmup, horizon] (contacts: those that arrived after warmup).
struct AgentResult {
  int64_t contacts = 0;  // handled
  int64_t resolved = 0;
  double handle = 0;     // sum of talk + wrap-up
  double wait = 0;       // sum of the waits of the contacts it answered
  // routing.preferred_agent: repeat contacts that asked for this agent (whoever answered
  // them, or none), and the sum of their waits (0 for those it answered at once, or that
  // were turned away).
  int64_t asked = 0;
  double asked_wait = 0;
  double busy = 0;       // agent-seconds busy in the window
  double staffed = 0;    // agent-seconds on duty, not on a break, in the window
  // Agent-seconds paid: on duty (breaks included) from the later of warmup and the start
  // of duty until the agent left, overtime after a shift's end or the horizon included.
  double paid = 0;
};

// A replication's money (the scenario's `costs`, SPEC §10), in its currency. Empty
// vectors when the scenario has no costs.
struct MoneyResult {
  std::vector<double> paid_by_group;     // agent-seconds paid (AgentResult::paid summed)
  std::vector<double> agents_by_group;   // their cost: paid hours × the group's agent_hour
  std::vector<double> contacts_by_type;  // per handled, per lost or blocked, per callback
  std::vector<double> revenue_by_type;   // per resolved
  bool priced() const { return !contacts_by_type.empty(); }
};

struct ReplicationResult {
  int replication = 0;
  // Contacts that arrived at or after warmup, by contact type.
  std::vector<Counters> by_type;
  // Of those answered, the ones whose handling resolved them, by contact type (kept apart
  // from Counters, which every interval holds too).
  std::vector<int64_t> resolved_by_type;
  // Every contact by the interval it arrived in: index interval * types + type.
  std::vector<Counters> intervals;
  // Agent-seconds per interval: busy (talk + wrap-up), staffed, on a break.
  std::vector<double> interval_busy;
  std::vector<double> interval_staffed;   // on duty, not on a break
  std::vector<double> interval_on_break;
  // Agent-seconds in [warmup, horizon]: the occupancy window.
  double busy_time = 0;
  double staffed_time = 0;
  std::vector<AgentResult> agents;  // by agent id

  // Bookkeeping over the whole run (warmup included).
  int64_t arrivals_total = 0;       // contacts offered (balked too) or blocked, retrials included
  int64_t waiting_at_end = 0;       // contacts still queued when no event was left: unserved
  int64_t retrials = 0;             // retrial contacts that arrived
  JourneyCounters journeys;
  double journey_area_window = 0;   // integral over [warmup, horizon]
  double queue_area = 0;            // integral of the number waiting over the run
  double wait_total = 0;            // sum of waits of every contact that left a queue
  double queue_area_window = 0;     // integral of the number waiting over [warmup, horizon]
  double end_time = 0;              // max(horizon, time of the last event)
  uint64_t events = 0;              // events processed
  bool stopped = false;             // SimulateOptions::stop ended the run early
  int64_t alerts = 0;               // real-time control triggers
  int64_t coaching_sessions = 0;    // coaching sessions completed
  MoneyResult money;                // with the scenario's costs only

  // by_type summed.
  Counters Overall() const;
};

}  // namespace ccsim::model

#endif  // CCSIM_MODEL_RESULTS_H_
