#include "sim/model/recorder.h"

#include <algorithm>
#include <cmath>

namespace ccsim::model::internal {

namespace {

// The trace buffers of the replications a thread runs one after another, handed from one
// Recorder to the next: a traced run allocates them once per thread, not per replication.
struct TraceBuffers {
  std::vector<ContactRecord> contacts;
  std::vector<AgentSpellRecord> spells;
  std::vector<EventRecord> events;
};
thread_local TraceBuffers t_spare;

}  // namespace

Recorder::Recorder(const Model& model, int replication, const engine::Simulator& sim,
                   const Pool<Journey>& journeys, TraceSink* sink, TraceLevel level)
    : model_(model),
      s_(model.scenario()),
      replication_(replication),
      sim_(sim),
      journeys_(journeys),
      type_count_(model.types().size()),
      sink_(sink),
      contacts_on_(sink != nullptr && level != TraceLevel::kSummary),
      events_on_(contacts_on_ && level == TraceLevel::kEvents) {
  result_.replication = replication;
  result_.by_type.resize(type_count_);
  result_.resolved_by_type.assign(type_count_, 0);
  result_.intervals.resize(static_cast<size_t>(model.interval_count()) * type_count_);
  result_.interval_busy.assign(model.interval_count(), 0.0);
  result_.interval_staffed.assign(model.interval_count(), 0.0);
  result_.interval_on_break.assign(model.interval_count(), 0.0);
  result_.agents.resize(model.agent_count());
  if (contacts_on_) {
    contacts_.swap(t_spare.contacts);
    contacts_.reserve(kTraceChunk);
  }
  if (events_on_) {
    spells_.swap(t_spare.spells);
    event_log_.swap(t_spare.events);
    spells_.reserve(kTraceChunk);
    event_log_.reserve(kTraceChunk);
  }
}

void Recorder::AddQueueArea(double from, double to, int64_t waiting) {
  result_.queue_area += waiting * (to - from);
  const double lo = std::max(from, s_.warmup), hi = std::min(to, s_.horizon);
  if (hi > lo) result_.queue_area_window += waiting * (hi - lo);
}

void Recorder::CountHandling(int agent, int type, double handle, double wait,
                             ContactOutcome outcome) {
  AgentResult& r = result_.agents[agent];
  const bool resolved = outcome == ContactOutcome::kResolved;
  r.contacts++;
  r.handle += handle;
  r.wait += wait;
  r.resolved += resolved;
  result_.resolved_by_type[type] += resolved;
}

void Recorder::JourneyEnded(const Journey& journey, JourneyEnd how, double end) {
  const double lo = std::max(journey.start, s_.warmup), hi = std::min(end, s_.horizon);
  if (hi > lo) result_.journey_area_window += hi - lo;
  if (journey.counted) {
    JourneyCounters& k = result_.journeys;
    switch (how) {
      case JourneyEnd::kResolved:
        k.resolved++;
        k.resolved_first += journey.contacts == 1;
        k.resolved_time += end - journey.start;
        k.resolved_times.Add(end - journey.start);
        break;
      case JourneyEnd::kGivenUp:
        k.given_up++;
        break;
      case JourneyEnd::kOpen:
        k.open_at_end++;
        break;
    }
    if (how != JourneyEnd::kOpen) {
      k.contacts += journey.contacts;
      k.transfers += journey.transfers;
    }
    k.durations += end - journey.start;
  }
  if (how == JourneyEnd::kGivenUp) {
    Log(EventKind::kGiveUp, -1, static_cast<int64_t>(journey.customer_id), -1, -1);
  }
}

double Recorder::AddSpan(std::vector<double>& per_interval, double from, double to) {
  const double lo = std::max(from, s_.warmup), hi = std::min(to, s_.horizon);
  const double end = std::min(to, s_.horizon);
  for (int i = model_.IntervalOf(from); from < end; ++i) {
    const double interval_end = std::min(end, (i + 1) * s_.interval);
    per_interval[i] += interval_end - from;
    from = interval_end;
  }
  return hi > lo ? hi - lo : 0;
}

void Recorder::AddBusy(int agent, double from, double to) {
  const double in_window = AddSpan(result_.interval_busy, from, to);
  result_.busy_time += in_window;
  result_.agents[agent].busy += in_window;
}

void Recorder::AddStaffed(int agent, double from, double to) {
  if (from < 0) return;
  const double in_window = AddSpan(result_.interval_staffed, from, to);
  result_.staffed_time += in_window;
  result_.agents[agent].staffed += in_window;
}

void Recorder::CountLeft(const Work& w, ContactOutcome outcome, double now) {
  const double wait = now - w.arrival;
  Tally(w, [wait, outcome](Counters& k) {
    switch (outcome) {
      case ContactOutcome::kAbandoned:
        k.abandoned++;
        k.wait_abandoned += wait;
        break;
      case ContactOutcome::kMessage:
        k.messages++;
        break;
      case ContactOutcome::kUnserved:
        k.unserved++;
        break;
      default:
        k.closed++;
        break;
    }
  });
  result_.wait_total += wait;  // (unserved: it waited until the end, Little's law holds)
  if (w.asked_for >= 0) CountAsked(w, wait);
  if (outcome != ContactOutcome::kUnserved) {
    Log(outcome == ContactOutcome::kAbandoned  ? EventKind::kAbandon
        : outcome == ContactOutcome::kMessage ? EventKind::kMessage
                                              : EventKind::kClose,
        w, -1);
  }
  Trace(w, kNaN, now, 0, -1, outcome);
}

void Recorder::AddPaid(int agent, double from, double to) {
  if (from < 0) return;
  const double lo = std::max(from, s_.warmup);
  if (to > lo) result_.agents[agent].paid += to - lo;
}

void Recorder::AppendContact(const Work& w, double answer, double end, double handle,
                             int agent, ContactOutcome outcome) {
  contacts_.push_back({.contact_id = w.contact_id,
                       .customer_id = journeys_[w.journey].customer_id,
                       .contact_type = w.type,
                       .attempt = w.attempt,
                       .arrival = w.arrival,
                       .answer = answer,
                       .end = end,
                       .wait = (outcome == ContactOutcome::kBlocked ? 0.0
                                : std::isnan(answer)                ? end - w.arrival
                                                                    : answer - w.arrival),
                       .handle_time = handle,
                       .agent_id = agent,
                       .agent_group = agent >= 0 ? model_.seats()[agent].group : -1,
                       .outcome = outcome});
  if (contacts_.size() == kTraceChunk) {
    sink_->OnContacts(replication_, contacts_);
    contacts_.clear();
  }
}

void Recorder::AppendEvent(EventKind kind, int64_t contact_id, int64_t customer_id,
                           int32_t type, int agent) {
  event_log_.push_back({.time = sim_.now(),
                        .kind = kind,
                        .contact_id = contact_id,
                        .customer_id = customer_id,
                        .contact_type = type,
                        .agent_id = agent});
  if (event_log_.size() == kTraceChunk) {
    sink_->OnEvents(replication_, event_log_);
    event_log_.clear();
  }
}

void Recorder::AppendSpell(int agent, AgentState state, double start, double end) {
  spells_.push_back({.agent_id = agent,
                     .group = model_.seats()[agent].group,
                     .state = state,
                     .start = start,
                     .end = end});
  if (spells_.size() == kTraceChunk) {
    sink_->OnAgentSpells(replication_, spells_);
    spells_.clear();
  }
}

ReplicationResult Recorder::Finish(const std::vector<Agent>& agents, int64_t waiting,
                                   bool stopped) {
  result_.stopped = stopped;
  result_.waiting_at_end = waiting;
  // The run covers at least the horizon: agents are on duty until then even when the
  // centre empties earlier.
  result_.end_time = std::max(sim_.now(), s_.horizon);
  for (size_t agent = 0; agent < agents.size(); ++agent) {
    const Agent& a = agents[agent];
    const int id = static_cast<int>(agent);
    AddStaffed(id, a.staffed_since, result_.end_time);
    AddPaid(id, a.paid_since, result_.end_time);
    if (a.state == AgentState::kBreak) AddOnBreak(a.state_since, result_.end_time);
    if (a.state != AgentState::kBusy) Spell(id, a.state, a.state_since, result_.end_time);
  }
  if (contacts_on_) {
    if (!contacts_.empty()) sink_->OnContacts(replication_, contacts_);
    if (!spells_.empty()) sink_->OnAgentSpells(replication_, spells_);
    if (!event_log_.empty()) sink_->OnEvents(replication_, event_log_);
    contacts_.clear();
    spells_.clear();
    event_log_.clear();
    t_spare = {std::move(contacts_), std::move(spells_), std::move(event_log_)};
  }
  if (sink_ != nullptr) sink_->OnReplicationEnd(replication_);
  return std::move(result_);
}

}  // namespace ccsim::model::internal
