// The state and event handlers of one replication (see replication.h for the contract).
// Internal to the model: replication.cc holds the contact flow and routing (the hot
// path), workforce.cc the shifts, breaks, coaching and real-time control.
#ifndef CCSIM_MODEL_REPLICATION_INTERNAL_H_
#define CCSIM_MODEL_REPLICATION_INTERNAL_H_

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/engine/event_queue.h"
#include "sim/engine/random_stream.h"
#include "sim/model/model.h"
#include "sim/model/replication.h"
#include "sim/model/results.h"
#include "sim/model/ring_queue.h"
#include "sim/records/trace_records.h"

namespace ccsim::model::internal {

using engine::Event;
using engine::MakeKey;
using engine::RandomStream;
using scenario::AgentSelection;
using scenario::ContactSelection;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInfinity = std::numeric_limits<double>::infinity();
// Records go to the sink in chunks of this many rows (the last of a replication may be
// shorter): the result file's chunk size, so that whole chunks are written directly.
constexpr size_t kTraceChunk = 4096;
constexpr uint64_t kProgressEvery = 1 << 14;

// Pending event kinds; the value is also the rank among equal-time events (replication.h).
enum PendingEvent : uint32_t {
  kAgentFree = 0,        // payload: agent; entity: agent
  kShiftEnd = 1,         // payload: agent; entity: agent
  kAwayEnd = 2,          // payload: agent; entity: agent (end of a break or coaching)
  kBreakDue = 3,         // payload: agent; entity: agent
  kShiftStart = 4,       // payload: agent; entity: agent (also a called-in agent)
  kCoachingDue = 11,     // payload: agent; entity: agent
  kRealTimeCheck = 12,   // payload: 0; entity: 0
  kBreaksResume = 13,    // payload: 0; entity: 0
  kChatEnd = 14,         // payload: agent; entity: agent * kMaxConcurrency + chat slot
  kAbandon = 5,          // payload: contact slot; entity: customer key
  kOverflow = 6,         // payload: contact slot; entity: customer key
  kPreferredExpiry = 7,  // payload: contact slot; entity: customer key
  kTalkEnd = 8,          // payload: journey; entity: customer key
  kReturn = 9,           // payload: journey; entity: customer key
  kArrival = 10,         // payload: contact type; entity: contact type
};

constexpr double kDay = 86400;

// A customer's stable identity inside a replication: the contact type of its first arrival
// and its sequence number among that type's arrivals. Random draws and event keys use it,
// so neither depends on the order in which other customers were processed.
inline uint64_t CustomerKey(int type, uint64_t seq) {
  return (static_cast<uint64_t>(type) << 40) | seq;
}

// What happens to a journey when the current handling's talk ends or it is due back.
enum class Next : uint8_t { kTransfer, kEscalation, kLeave, kRetrial, kRepeat };

// A customer from first contact to resolution or giving up.
struct Journey {
  uint64_t customer_key = 0;
  uint64_t customer_id = 0;
  double start = 0;       // first arrival
  double extra_talk = 0;  // re-explaining owed to the next handling (context lost)
  int32_t contacts = 0;   // contacts so far; the latest one's `attempt`
  int32_t transfers = 0;
  int32_t last_agent = -1;
  int32_t next_type = 0;  // where a pending transfer, escalation or return goes
  Next next = Next::kLeave;
  bool counted = false;  // started at or after warmup
};

// A contact in a queue (a type's, or one agent's while it waits for that agent).
struct WaitingContact {
  uint64_t contact_id = 0;
  uint32_t journey = 0;
  double arrival = 0;  // entered the centre
  double abandon_at = kInfinity;
  double base_handle = 0;  // talk time before the agent's handle_time_factor
  double wrap_up = 0;
  int32_t type = 0;
  int32_t attempt = 1;
  int32_t interval = 0;
  int32_t reserved_for = -1;  // waiting for this agent only (preferred agent), or -1
  bool counted = false;       // arrived at or after warmup
  bool waiting = false;
};

struct QueueEntry {
  uint32_t slot = 0;
  uint64_t contact_id = 0;  // the entry is dead when the slot no longer holds this contact
};

struct Agent {
  int32_t group = 0;
  int32_t shift = -1;  // index into its group's shifts; -1: constant headcount
  AgentState state = AgentState::kOffline;
  double state_since = 0;  // start of the current idle, break or offline spell
  double busy_since = 0;
  double talk_end = 0;           // end of the current contact's talk (wrap-up follows)
  double idle_since = -1;        // -1 while not idle (longest-idle routing reads it)
  double staffed_since = -1;     // -1 while off duty or on a break
  double factor = 1;             // personal handle-time factor (agent_variation)
  double shift_start = 0;        // the current shift occurrence
  double shift_end = kInfinity;  // infinite for constant headcount or past the horizon
  int32_t day = 0;               // which occurrence of a daily shift
  int32_t next_break = 0;        // index into the shift's breaks
  bool coaching_due = false;     // a coaching session is owed (taken when free and on duty)
  int32_t chats = 0;             // chat contacts in hand
  uint32_t chat_slots = 0;       // which of its kMaxConcurrency chat slots are in use
  bool reserve = false;          // comes only when real_time.call_in calls it
};

// What a new or waiting contact brings to an agent.
struct Work {
  uint64_t contact_id;
  uint32_t journey;
  double arrival;
  double base_handle;
  double wrap_up;
  int32_t type;
  int32_t attempt;
  int32_t interval;
  bool counted;
};

// A pool of T addressed by index, reusing freed entries.
template <class T>
class Pool {
 public:
  uint32_t Add(const T& v) {
    if (!free_.empty()) {
      const uint32_t i = free_.back();
      free_.pop_back();
      items_[i] = v;
      return i;
    }
    items_.push_back(v);
    return static_cast<uint32_t>(items_.size() - 1);
  }
  void Free(uint32_t i) { free_.push_back(i); }
  T& operator[](uint32_t i) { return items_[i]; }

 private:
  std::vector<T> items_;
  std::vector<uint32_t> free_;
};

class Replication {
 public:
  Replication(const Model& model, int replication, const SimulateOptions& options)
      : model_(model),
        s_(model.scenario()),
        rep_(replication),
        options_(options),
        routing_stream_(options.seed, replication, kRoutingStream, 0) {
    const size_t n_types = model.types().size();
    result_.replication = replication;
    result_.by_type.resize(n_types);
    result_.intervals.resize(static_cast<size_t>(model.interval_count()) * n_types);
    result_.interval_busy.assign(model.interval_count(), 0.0);
    result_.interval_staffed.assign(model.interval_count(), 0.0);
    result_.interval_on_break.assign(model.interval_count(), 0.0);
    queues_.resize(n_types);
    waiting_.assign(n_types, 0);
    next_seq_.assign(n_types, 0);
    cursors_.resize(n_types);
    arrival_streams_.reserve(n_types);
    for (size_t t = 0; t < n_types; ++t) {
      arrival_streams_.emplace_back(options.seed, replication, kArrivalStream, t);
    }
    agents_.resize(model.agent_count());
    result_.agents.resize(model.agent_count());
    for (const AgentGroupModel& g : model.groups()) idle_.emplace_back(g.agents);
    chatting_.resize(model.groups().size());
    if (s_.routing.preferred_agent_wait) reserved_.resize(model.agent_count());
    events_.reserve(model.agent_count() + n_types + 1024);
    contacts_on_ = options.trace != nullptr && options.trace_level != TraceLevel::kSummary;
    events_on_ = contacts_on_ && options.trace_level == TraceLevel::kEvents;
    if (contacts_on_) trace_.reserve(kTraceChunk);
  }

  ReplicationResult Run();

 private:
  // ---- time ----

  void AdvanceTo(double t) {
    const double dt = t - now_;
    if (waiting_total_ > 0 && dt > 0) {
      result_.queue_area += waiting_total_ * dt;
      const double lo = std::max(now_, s_.warmup), hi = std::min(t, s_.horizon);
      if (hi > lo) result_.queue_area_window += waiting_total_ * (hi - lo);
    }
    now_ = t;
  }

  void ReportProgress();

  void Push(double time, PendingEvent kind, uint64_t entity, uint32_t payload) {
    events_.Push({.time = time, .key = MakeKey(kind, entity), .kind = kind, .payload = payload});
  }

  // ---- journeys ----

  void OnArrival(int type);

  void ScheduleArrival(int type, double after);

  // The journey's next contact (a transfer, escalation, retrial or repeat), unless it has
  // had as many as a journey may.
  void Continue(uint32_t j, EventKind how);

  void OnTalkEnd(uint32_t j);

  void OnReturn(uint32_t j);

  // After an abandonment (kRetrial) or an unresolved or disconnected handling (kRepeat)
  // of a contact of journey.next_type: the customer comes back after a delay, or gives up.
  void MaybeReturn(uint32_t j, Next why);

  enum class JourneyEnd { kResolved, kGivenUp, kOpen };

  void EndJourney(uint32_t j, JourneyEnd how, double end = -1);

  // ---- contacts ----

  // A contact of `type` of journey `j` arrives now: answered at once, blocked, or queued.
  void Offer(int type, uint32_t j, EventKind how);

  // Queues `w` for its type, or, when `reserved_for` >= 0, for that agent alone until
  // routing.preferred_agent.wait has passed.
  void Enqueue(const Work& w, int reserved_for);

  // Takes the contact in `slot` out of its queue (its queue entry goes dead) and frees it.
  Work Unqueue(uint32_t slot);

  // Whether the pending event `e` (abandon, overflow, preferred expiry) still concerns the
  // contact in its slot: the slot may have been freed and reused since.
  bool StillWaiting(const Event& e);

  void OnAbandon(const Event& e);

  // A waiting contact has waited long enough for more groups: serve it if one has an
  // idle agent. (Earlier contacts of its type became eligible earlier, so none of them
  // can be waiting for such an agent.)
  void OnOverflow(const Event& e);

  // A contact waited routing.preferred_agent.wait for its last agent: anyone may take it.
  void OnPreferredExpiry(const Event& e);

  // The live front of a queue, dropping dead entries; nullopt-like kNone when empty.
  static constexpr uint32_t kNone = ~uint32_t{0};
  uint32_t FrontSlot(RingQueue<QueueEntry>& q, int32_t reserved_for);

  // ---- agents ----

  // Picks an idle agent for a contact of `type` that entered the queue at `arrival`, by
  // the routing policy, and takes it off its group's idle list. -1 when none is free.
  int FindAgent(int type, double arrival, const Eligibility** terms);

  // With no idle agent, a chat goes to the eligible agent with the fewest chats in hand
  // below its group's concurrency (ties: lowest agent id), unless the agent is winding
  // down for a break, coaching or the end of its shift.
  int FindChatAgent(int type, double arrival, const Eligibility** terms);

  bool CanTakeMoreChats(int agent) const;

  // Whether group a's longest-idle agent is preferred to group b's under `policy`.
  bool Prefer(AgentSelection policy, const Eligibility& a, const Eligibility& b) const;

  // Takes `agent` off its idle list when it is idle.
  bool TakeIfIdle(int agent);

  // The terms on which `agent` serves `type`: its group's, or plain ones when the group
  // has no such skill.
  const Eligibility& EligibilityOf(int agent, int type) const;
  static inline const Eligibility kPlainTerms{};

  bool HasSkill(int agent, int type) const;

  void OnAgentFree(int agent);

  // An agent on duty and free: a break or coaching that fell due first, else the phones.
  // REQUIRES: the agent is not idle, or a break or coaching is due (an idle agent has
  // nothing else to do).
  void GetToWork(int agent);

  // An available agent takes the waiting contact it should, or becomes idle.
  void TakeNextContactOrIdle(int agent);

  // A chatting agent with room takes waiting chats until it is full.
  void TakeMoreChats(int agent);

  // Of the types group `g` serves (email ones, or the others), the one whose waiting
  // front contact comes next by contact_selection; null when none waits.
  const Eligibility* BestWaiting(int g, bool email, bool chat_only);

  // One of an agent's chats ends. The agent is free when its last chat ends; until then
  // it may take more.
  void OnChatEnd(const Event& e);

  // ---- the workforce: shifts, breaks, absence ----

  const scenario::Shift& ShiftOf(const Agent& a) const {
    return s_.agent_groups[a.group].shifts[a.shift];
  }

  // Whether the agent's next break has fallen due (and its shift is still on), unless
  // real-time control holds breaks back.
  bool BreakIsDue(const Agent& a) const {
    if (a.shift < 0) return false;
    const std::vector<scenario::Break>& breaks = ShiftOf(a).breaks;
    if (a.next_break >= static_cast<int>(breaks.size())) return false;
    const double due = a.shift_start + breaks[a.next_break].after;
    return due <= now_ && now_ < a.shift_end && !BreakHeld(due);
  }

  // Real-time control holds breaks back, each by at most postpone_breaks.max past its due
  // time.
  bool BreakHeld(double due) const {
    return now_ < breaks_held_until_ && now_ < due + *s_.real_time->postpone_breaks_max;
  }

  // Schedules the agent's next break, if it falls due before its shift ends and before
  // the horizon (agents draining the centre after the horizon take no more breaks).
  void ScheduleNextBreak(int agent);

  // At time 0: constant-headcount agents come on duty (unless absent for the run), shift
  // agents wait for their first shift.
  void StartAgent(int agent);

  bool Absent(int agent, int day);

  void OnShiftStart(int agent);

  void OnShiftEnd(int agent);

  void OnBreakDue(int agent);

  // When the agent's due break is held back, looks again when the hold ends or the
  // break's delay reaches its cap (an idle agent has nothing else to wake it).
  void LookAgainAtHeldBreak(int agent);

  void OnCoachingDue(int agent);

  // The agent leaves the phones for a break or a coaching session.
  void StartAway(int agent, AgentState state, double duration);

  void OnAwayEnd(int agent);

  // ---- real-time control ----

  // The service level of contacts whose fate was decided in the last `window`: answered
  // within the threshold / answered or abandoned. Kept in buckets of check_every.
  void CountDecided(bool answered_within) {
    if (!s_.real_time) return;
    decided_.back()[0] += 1;
    decided_.back()[1] += answered_within;
  }

  void OnRealTimeCheck();

  // Breaks held back by real-time control may be taken again: idle agents whose break
  // fell due meanwhile take it now (busy ones when they are free).
  void OnBreaksResume();

  // A reserve agent called in by real-time control comes on duty for call_in.for.
  void OnCallIn(int agent);

  void GoOffline(int agent);

  // Takes an idle agent off its idle list, closing its idle spell.
  void LeaveIdle(int agent);

  // The agent answers `w` now. The handling's talk time and how it ends are decided here:
  // the escalation guideline cuts a talk that would run past it; otherwise the outcomes
  // (the skill's own, or the type's) are drawn.
  void StartService(int agent, const Eligibility& terms, const Work& w);

  // How a handling of `w` ends by the outcome set's probabilities; sets the journey's next
  // step (and the re-explaining a lost context costs the next handling).
  ContactOutcome DrawOutcome(int set_index, const Work& w);

  // Adds the span [from, to) to `per_interval` (cut at the horizon) and returns its part
  // inside the occupancy window [warmup, horizon].
  double AddSpan(std::vector<double>& per_interval, double from, double to);

  void AddBusy(int agent, double from, double to);

  // Staffed: on duty and not on a break.
  void AddStaffed(int agent, double from, double to);

  void AddOnBreak(double from, double to) { AddSpan(result_.interval_on_break, from, to); }

  // ---- counting and tracing ----

  size_t Cell(const Work& w) const {
    return static_cast<size_t>(w.interval) * model_.types().size() + w.type;
  }

  // Applies `f` to the counters a contact counts in: its arrival interval's, and its
  // type's when it arrived at or after warmup.
  template <class F>
  void Tally(const Work& w, F&& f) {
    f(result_.intervals[Cell(w)]);
    if (w.counted) f(result_.by_type[w.type]);
  }

  void Trace(const Work& w, double answer, double end, double handle, int agent,
             ContactOutcome outcome);

  void Log(EventKind kind, int64_t contact_id, int64_t customer_id, int32_t type, int agent);
  void Log(EventKind kind, const Work& w, int agent);

  // Records [start, end) of `agent` in `state`; empty spells are left out.
  void Spell(int agent, AgentState state, double start, double end);

  // Hands over what is left at the end of the replication.
  void FlushTrace();

  void Finish();

  const Model& model_;
  const scenario::Scenario& s_;
  const int rep_;
  const SimulateOptions options_;
  ReplicationResult result_;

  double now_ = 0;
  engine::EventQueue events_;
  RandomStream routing_stream_;
  std::vector<RandomStream> arrival_streams_;
  std::vector<ArrivalProcess::Cursor> cursors_;
  std::vector<uint64_t> next_seq_;
  uint64_t next_customer_id_ = 0;
  uint64_t next_contact_id_ = 0;

  Pool<Journey> journeys_;
  Pool<WaitingContact> slots_;
  std::vector<RingQueue<QueueEntry>> queues_;    // by contact type
  std::vector<RingQueue<QueueEntry>> reserved_;  // by agent (preferred agent routing only)
  std::vector<int64_t> waiting_;
  int64_t waiting_total_ = 0;

  std::vector<Agent> agents_;
  std::vector<RingQueue<int>> idle_;
  std::vector<std::vector<int>> chatting_;      // by group: agents with room for more chats
  double breaks_held_until_ = -kInfinity;       // real-time control: no break starts before
  double called_in_until_ = -kInfinity;         // reserves are on their way or on duty until
  std::vector<std::array<double, 2>> decided_;  // per check period: decided, within

  bool contacts_on_ = false;  // contact records go to options_.trace
  bool events_on_ = false;    // so do agent spells and the event log
  std::vector<ContactRecord> trace_;
  std::vector<AgentSpellRecord> spells_;
  std::vector<EventRecord> event_log_;
  int64_t progress_reported_ = 0;
};

}  // namespace ccsim::model::internal

#endif  // CCSIM_MODEL_REPLICATION_INTERNAL_H_
