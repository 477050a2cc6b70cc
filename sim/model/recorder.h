// What a replication measures and records: the counters of ReplicationResult (per contact
// type, per interval, per agent), agent time spans, and the trace records, buffered in
// chunks and handed to the TraceSink. Only the Recorder touches the sink.
//
// Thread safety: none; one per replication.
#ifndef CCSIM_MODEL_RECORDER_H_
#define CCSIM_MODEL_RECORDER_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/engine/simulator.h"
#include "sim/model/centre_state.h"
#include "sim/model/model.h"
#include "sim/model/results.h"
#include "sim/model/replication.h"  // the model's names for the trace records

namespace ccsim::model::internal {

// Records go to the sink in chunks of this many rows (the last of a replication may be
// shorter): the result file's chunk size, so that whole chunks are written directly.
inline constexpr size_t kTraceChunk = 4096;

class Recorder {
 public:
  // `sink` may be null (no records). Reads the clock and journeys (customer ids).
  Recorder(const Model& model, int replication, const engine::Simulator& sim,
           const Pool<Journey>& journeys, TraceSink* sink, TraceLevel level);

  ReplicationResult& result() { return result_; }
  // Whether agent spells and the event log are recorded.
  bool events_on() const { return events_on_; }

  void CountEvent() { ++result_.events; }

  // Applies `f` to the counters a contact counts in: its arrival interval's, and its
  // type's when it arrived at or after warmup.
  template <class F>
  void Tally(const Work& w, F&& f) {
    f(result_.intervals[static_cast<size_t>(w.interval) * type_count_ + w.type]);
    if (w.counted) f(result_.by_type[w.type]);
  }

  // `waiting` contacts were queued over [from, to): the queue-length integrals.
  void OnTimeAdvance(double from, double to, int64_t waiting) {
    if (waiting > 0) AddQueueArea(from, to, waiting);
  }

  // A handling by `agent` of a contact of `type` that arrived after warmup and waited `wait`.
  void CountHandling(int agent, int type, double handle, double wait, ContactOutcome outcome);
  // `w`, which asked for its last agent (w.asked_for >= 0), was answered or left after
  // `wait`.
  void CountAsked(const Work& w, double wait) {
    if (!w.counted) return;
    AgentResult& r = result_.agents[w.asked_for];
    r.asked++;
    r.asked_wait += wait;
  }
  // `w` left its queue unanswered at `now` (kAbandoned, kMessage, kClosed, or kUnserved:
  // still waiting at the end): its count and wait, the wait of an asked-for agent, the
  // event (none for kUnserved) and its trace row.
  void CountLeft(const Work& w, ContactOutcome outcome, double now);
  // `more` seconds of handle time for a handling counted before (a warm transfer's hold).
  void AddHandleTime(int agent, double more) { result_.agents[agent].handle += more; }

  void JourneyEnded(const Journey& journey, JourneyEnd how, double end);

  void AddBusy(int agent, double from, double to);
  // Staffed: on duty and not on a break. A negative `from` (not staffed) adds nothing.
  void AddStaffed(int agent, double from, double to);
  void AddOnBreak(double from, double to) { AddSpan(result_.interval_on_break, from, to); }
  // Paid: on duty, breaks included, from the later of warmup and `from` to `to` (not cut
  // at the horizon: overtime is paid). A negative `from` (off duty) adds nothing.
  void AddPaid(int agent, double from, double to);

  // A contact's fate (answer is NaN when not answered).
  void Trace(const Work& w, double answer, double end, double handle, int agent,
             ContactOutcome outcome) {
    if (contacts_on_) AppendContact(w, answer, end, handle, agent, outcome);
  }
  void Log(EventKind kind, int64_t contact_id, int64_t customer_id, int32_t type, int agent) {
    if (events_on_) AppendEvent(kind, contact_id, customer_id, type, agent);
  }
  void Log(EventKind kind, const Work& w, int agent) {
    if (events_on_) {
      AppendEvent(kind, static_cast<int64_t>(w.contact_id),
                  static_cast<int64_t>(journeys_[w.journey].customer_id), w.type, agent);
    }
  }
  // Records [start, end) of `agent` in `state`; empty spells are left out.
  void Spell(int agent, AgentState state, double start, double end) {
    if (events_on_ && end > start) AppendSpell(agent, state, start, end);
  }

  // Closes every agent's open spans and spells (each agent's spells tile [0, end_time]),
  // hands over the last records, and returns the result.
  ReplicationResult Finish(const std::vector<Agent>& agents, int64_t waiting, bool stopped);

 private:
  void AddQueueArea(double from, double to, int64_t waiting);
  // Adds the span [from, to) to `per_interval` (cut at the horizon) and returns its part
  // inside the occupancy window [warmup, horizon].
  double AddSpan(std::vector<double>& per_interval, double from, double to);
  void AppendContact(const Work& w, double answer, double end, double handle, int agent,
                     ContactOutcome outcome);
  void AppendEvent(EventKind kind, int64_t contact_id, int64_t customer_id, int32_t type,
                   int agent);
  void AppendSpell(int agent, AgentState state, double start, double end);

  const Model& model_;
  const scenario::Scenario& s_;
  const int replication_;
  const engine::Simulator& sim_;
  const Pool<Journey>& journeys_;
  const size_t type_count_;
  ReplicationResult result_;

  TraceSink* const sink_;
  const bool contacts_on_;  // contact records go to the sink
  const bool events_on_;    // so do agent spells and the event log
  std::vector<ContactRecord> contacts_;
  std::vector<AgentSpellRecord> spells_;
  std::vector<EventRecord> event_log_;
};

}  // namespace ccsim::model::internal

#endif  // CCSIM_MODEL_RECORDER_H_
