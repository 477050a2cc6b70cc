#include "sim/model/replication.h"

#include <boost/random/uniform_int_distribution.hpp>
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <vector>

#include "sim/engine/event_queue.h"
#include "sim/engine/random_stream.h"
#include "sim/model/ring_queue.h"

namespace ccsim::model {

namespace {

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
  kAgentFree = 0,         // payload: agent; entity: agent
  kShiftEnd = 1,          // payload: agent; entity: agent
  kAwayEnd = 2,           // payload: agent; entity: agent (end of a break or coaching)
  kBreakDue = 3,          // payload: agent; entity: agent
  kShiftStart = 4,        // payload: agent; entity: agent (also a called-in agent)
  kCoachingDue = 11,      // payload: agent; entity: agent
  kRealTimeCheck = 12,    // payload: 0; entity: 0
  kBreaksResume = 13,     // payload: 0; entity: 0
  kChatEnd = 14,          // payload: agent; entity: agent * kMaxConcurrency + chat slot
  kAbandon = 5,           // payload: contact slot; entity: customer key
  kOverflow = 6,          // payload: contact slot; entity: customer key
  kPreferredExpiry = 7,   // payload: contact slot; entity: customer key
  kTalkEnd = 8,           // payload: journey; entity: customer key
  kReturn = 9,            // payload: journey; entity: customer key
  kArrival = 10,          // payload: contact type; entity: contact type
};

constexpr double kDay = 86400;

// A customer's stable identity inside a replication: the contact type of its first arrival
// and its sequence number among that type's arrivals. Random draws and event keys use it,
// so neither depends on the order in which other customers were processed.
uint64_t CustomerKey(int type, uint64_t seq) { return (static_cast<uint64_t>(type) << 40) | seq; }

// What happens to a journey when the current handling's talk ends or it is due back.
enum class Next : uint8_t { kTransfer, kEscalation, kLeave, kRetrial, kRepeat };

// A customer from first contact to resolution or giving up.
struct Journey {
  uint64_t customer_key = 0;
  uint64_t customer_id = 0;
  double start = 0;        // first arrival
  double extra_talk = 0;   // re-explaining owed to the next handling (context lost)
  int32_t contacts = 0;    // contacts so far; the latest one's `attempt`
  int32_t transfers = 0;
  int32_t last_agent = -1;
  int32_t next_type = 0;   // where a pending transfer, escalation or return goes
  Next next = Next::kLeave;
  bool counted = false;    // started at or after warmup
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
  int32_t shift = -1;        // index into its group's shifts; -1: constant headcount
  AgentState state = AgentState::kOffline;
  double state_since = 0;    // start of the current idle, break or offline spell
  double busy_since = 0;
  double talk_end = 0;       // end of the current contact's talk (wrap-up follows)
  double idle_since = -1;    // -1 while not idle (longest-idle routing reads it)
  double staffed_since = -1; // -1 while off duty or on a break
  double factor = 1;         // personal handle-time factor (agent_variation)
  double shift_start = 0;    // the current shift occurrence
  double shift_end = kInfinity;  // infinite for constant headcount or past the horizon
  int32_t day = 0;           // which occurrence of a daily shift
  int32_t next_break = 0;    // index into the shift's breaks
  bool coaching_due = false; // a coaching session is owed (taken when free and on duty)
  int32_t chats = 0;         // chat contacts in hand
  uint32_t chat_slots = 0;   // which of its kMaxConcurrency chat slots are in use
  bool reserve = false;      // comes only when real_time.call_in calls it
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

  ReplicationResult Run() {
    for (int a = 0; a < model_.agent_count(); ++a) StartAgent(a);
    if (s_.real_time) {
      decided_.push_back({0, 0});
      if (s_.real_time->check_every < s_.horizon) {
        Push(s_.real_time->check_every, kRealTimeCheck, 0, 0);
      }
    }
    for (size_t t = 0; t < model_.types().size(); ++t) ScheduleArrival(static_cast<int>(t), 0.0);
    uint64_t until_progress = kProgressEvery;
    while (!events_.empty()) {
      const Event e = events_.Pop();
      AdvanceTo(e.time);
      switch (e.kind) {
        case kAgentFree:
          OnAgentFree(static_cast<int>(e.payload));
          break;
        case kShiftStart:
          OnShiftStart(static_cast<int>(e.payload));
          break;
        case kShiftEnd:
          OnShiftEnd(static_cast<int>(e.payload));
          break;
        case kBreakDue:
          OnBreakDue(static_cast<int>(e.payload));
          break;
        case kAwayEnd:
          OnAwayEnd(static_cast<int>(e.payload));
          break;
        case kCoachingDue:
          OnCoachingDue(static_cast<int>(e.payload));
          break;
        case kRealTimeCheck:
          OnRealTimeCheck();
          break;
        case kBreaksResume:
          OnBreaksResume();
          break;
        case kChatEnd:
          OnChatEnd(e);
          break;
        case kAbandon:
          OnAbandon(e);
          break;
        case kOverflow:
          OnOverflow(e);
          break;
        case kPreferredExpiry:
          OnPreferredExpiry(e);
          break;
        case kTalkEnd:
          OnTalkEnd(e.payload);
          break;
        case kReturn:
          OnReturn(e.payload);
          break;
        case kArrival:
          OnArrival(static_cast<int>(e.payload));
          break;
      }
      if (--until_progress == 0) [[unlikely]] {
        ReportProgress();
        if (options_.stop && options_.stop->load(std::memory_order_relaxed)) {
          result_.stopped = true;
          break;
        }
        until_progress = kProgressEvery;
      }
    }
    Finish();
    return std::move(result_);
  }

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

  void ReportProgress() {
    if (!options_.progress_seconds) return;
    const auto done = static_cast<int64_t>(std::min(now_, s_.horizon));
    options_.progress_seconds->fetch_add(done - progress_reported_, std::memory_order_relaxed);
    progress_reported_ = done;
  }

  void Push(double time, PendingEvent kind, uint64_t entity, uint32_t payload) {
    events_.Push({.time = time, .key = MakeKey(kind, entity), .kind = kind, .payload = payload});
  }

  // ---- journeys ----

  void OnArrival(int type) {
    ++result_.events;
    const uint32_t j = journeys_.Add({.customer_key = CustomerKey(type, next_seq_[type]++),
                                      .customer_id = next_customer_id_++,
                                      .start = now_,
                                      .counted = now_ >= s_.warmup});
    if (journeys_[j].counted) result_.journeys.started++;
    Offer(type, j, EventKind::kArrival);
    ScheduleArrival(type, now_);
  }

  void ScheduleArrival(int type, double after) {
    const double t = model_.types()[type].arrivals.Next(after, cursors_[type], arrival_streams_[type]);
    if (std::isfinite(t)) Push(t, kArrival, type, static_cast<uint32_t>(type));
  }

  // The journey's next contact (a transfer, escalation, retrial or repeat), unless it has
  // had as many as a journey may.
  void Continue(uint32_t j, EventKind how) {
    Journey& journey = journeys_[j];
    if (journey.contacts >= s_.max_journey_contacts) {
      EndJourney(j, JourneyEnd::kGivenUp);
      return;
    }
    if (how == EventKind::kTransfer) journey.transfers++;
    if (how == EventKind::kRetrial) ++result_.retrials;
    Offer(journey.next_type, j, how);
  }

  void OnTalkEnd(uint32_t j) {
    ++result_.events;
    Journey& journey = journeys_[j];
    switch (journey.next) {
      case Next::kTransfer:
        Continue(j, EventKind::kTransfer);
        break;
      case Next::kEscalation:
        Continue(j, EventKind::kEscalation);
        break;
      default:  // unresolved or disconnected: maybe the customer comes back
        MaybeReturn(j, Next::kRepeat);
        break;
    }
  }

  void OnReturn(uint32_t j) {
    ++result_.events;
    if (journeys_[j].next == Next::kRetrial) {
      Continue(j, EventKind::kRetrial);
    } else {
      Continue(j, EventKind::kRepeat);
    }
  }

  // After an abandonment (kRetrial) or an unresolved or disconnected handling (kRepeat)
  // of a contact of journey.next_type: the customer comes back after a delay, or gives up.
  void MaybeReturn(uint32_t j, Next why) {
    Journey& journey = journeys_[j];
    const ContactTypeModel& tm = model_.types()[journey.next_type];
    const double p = why == Next::kRetrial ? tm.retrial_probability : tm.repeat_probability;
    if (p <= 0) {
      EndJourney(j, JourneyEnd::kGivenUp);
      return;
    }
    RandomStream g(options_.seed, rep_, why == Next::kRetrial ? kRetrialStream : kRepeatStream,
                   journey.customer_key, journey.contacts);
    if (g.Uniform01() > p) {
      EndJourney(j, JourneyEnd::kGivenUp);
      return;
    }
    const double at = now_ + (why == Next::kRetrial ? tm.retrial_delay : tm.repeat_delay)(g);
    if (at >= s_.horizon) {  // arrivals, returns included, stop at the horizon
      EndJourney(j, JourneyEnd::kOpen);
      return;
    }
    journey.next = why;
    Push(at, kReturn, journey.customer_key, j);
  }

  enum class JourneyEnd { kResolved, kGivenUp, kOpen };

  void EndJourney(uint32_t j, JourneyEnd how, double end = -1) {
    if (end < 0) end = now_;
    const Journey& journey = journeys_[j];
    const double lo = std::max(journey.start, s_.warmup), hi = std::min(end, s_.horizon);
    if (hi > lo) result_.journey_area_window += hi - lo;
    result_.journey_time_total += end - journey.start;
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
    journeys_.Free(j);
  }

  // ---- contacts ----

  // A contact of `type` of journey `j` arrives now: answered at once, blocked, or queued.
  void Offer(int type, uint32_t j, EventKind how) {
    const ContactTypeModel& tm = model_.types()[type];
    Journey& journey = journeys_[j];
    journey.contacts++;
    Work w{.contact_id = next_contact_id_++,
           .journey = j,
           .arrival = now_,
           .base_handle = 0,
           .wrap_up = tm.wrap_up.mean(),
           .type = type,
           .attempt = journey.contacts,
           .interval = model_.IntervalOf(now_),
           .counted = now_ >= s_.warmup};
    {
      RandomStream g(options_.seed, rep_, kHandleStream, journey.customer_key, w.attempt);
      w.base_handle = tm.handle_time(g);
    }
    if (!tm.wrap_up.is_constant()) {
      RandomStream g(options_.seed, rep_, kWrapUpStream, journey.customer_key, w.attempt);
      w.wrap_up = tm.wrap_up(g);
    }
    ++result_.arrivals_total;
    Log(how, w, -1);
    if (how == EventKind::kTransfer) Tally(w, [](Counters& k) { k.transfers_in++; });
    if (how == EventKind::kEscalation) Tally(w, [](Counters& k) { k.escalations_in++; });

    // routing.preferred_agent: a repeat contact waits first for the agent who served the
    // customer last, when that agent's group has the skill for it.
    const bool wants_last_agent = s_.routing.preferred_agent_wait && how == EventKind::kRepeat &&
                                  journey.last_agent >= 0 &&
                                  HasSkill(journey.last_agent, type);
    if (wants_last_agent && TakeIfIdle(journey.last_agent)) {
      Tally(w, [](Counters& k) { k.offered++; });
      StartService(journey.last_agent, EligibilityOf(journey.last_agent, type), w);
      return;
    }
    const Eligibility* terms = nullptr;
    const int agent = wants_last_agent ? -1 : FindAgent(type, now_, &terms);
    if (agent >= 0) {
      Tally(w, [](Counters& k) { k.offered++; });
      StartService(agent, *terms, w);
      return;
    }
    if (tm.queue_capacity >= 0 && waiting_[type] >= tm.queue_capacity) {
      Tally(w, [](Counters& k) { k.blocked++; });
      Log(EventKind::kBlock, w, -1);
      Trace(w, kNaN, now_, 0, -1, ContactOutcome::kBlocked);
      EndJourney(j, JourneyEnd::kGivenUp);
      return;
    }
    Tally(w, [](Counters& k) { k.offered++; });
    Enqueue(w, wants_last_agent ? journey.last_agent : -1);
  }

  // Queues `w` for its type, or, when `reserved_for` >= 0, for that agent alone until
  // routing.preferred_agent.wait has passed.
  void Enqueue(const Work& w, int reserved_for) {
    const ContactTypeModel& tm = model_.types()[w.type];
    const uint32_t slot = slots_.Add({.contact_id = w.contact_id,
                                      .journey = w.journey,
                                      .arrival = w.arrival,
                                      .abandon_at = kInfinity,
                                      .base_handle = w.base_handle,
                                      .wrap_up = w.wrap_up,
                                      .type = w.type,
                                      .attempt = w.attempt,
                                      .interval = w.interval,
                                      .reserved_for = reserved_for,
                                      .counted = w.counted,
                                      .waiting = true});
    const uint64_t customer = journeys_[w.journey].customer_key;
    if (reserved_for >= 0) {
      reserved_[reserved_for].push_back({slot, w.contact_id});
      Push(now_ + *s_.routing.preferred_agent_wait, kPreferredExpiry, customer, slot);
    } else {
      queues_[w.type].push_back({slot, w.contact_id});
    }
    ++waiting_[w.type];
    ++waiting_total_;
    if (tm.patience) {
      RandomStream g(options_.seed, rep_, kPatienceStream, customer, w.attempt);
      slots_[slot].abandon_at = now_ + (*tm.patience)(g);
      Push(slots_[slot].abandon_at, kAbandon, customer, slot);
    }
    for (double after : tm.overflow_delays) Push(w.arrival + after, kOverflow, customer, slot);
  }

  // Takes the contact in `slot` out of its queue (its queue entry goes dead) and frees it.
  Work Unqueue(uint32_t slot) {
    WaitingContact& c = slots_[slot];
    c.waiting = false;
    --waiting_[c.type];
    --waiting_total_;
    slots_.Free(slot);
    return Work{.contact_id = c.contact_id,
                .journey = c.journey,
                .arrival = c.arrival,
                .base_handle = c.base_handle,
                .wrap_up = c.wrap_up,
                .type = c.type,
                .attempt = c.attempt,
                .interval = c.interval,
                .counted = c.counted};
  }

  // Whether the pending event `e` (abandon, overflow, preferred expiry) still concerns the
  // contact in its slot: the slot may have been freed and reused since.
  bool StillWaiting(const Event& e) {
    const WaitingContact& c = slots_[e.payload];
    return c.waiting && MakeKey(e.kind, journeys_[c.journey].customer_key) == e.key;
  }

  void OnAbandon(const Event& e) {
    if (!StillWaiting(e) || slots_[e.payload].abandon_at != e.time) {
      return;  // answered before its patience ran out
    }
    ++result_.events;
    const Work w = Unqueue(e.payload);
    const double wait = now_ - w.arrival;
    Tally(w, [wait](Counters& k) {
      k.abandoned++;
      k.wait_abandoned += wait;
    });
    result_.wait_total += wait;
    CountDecided(false);
    Log(EventKind::kAbandon, w, -1);
    Trace(w, kNaN, now_, 0, -1, ContactOutcome::kAbandoned);
    journeys_[w.journey].next_type = w.type;
    MaybeReturn(w.journey, Next::kRetrial);
  }

  // A waiting contact has waited long enough for more groups: serve it if one has an
  // idle agent. (Earlier contacts of its type became eligible earlier, so none of them
  // can be waiting for such an agent.)
  void OnOverflow(const Event& e) {
    if (!StillWaiting(e) || slots_[e.payload].reserved_for >= 0) return;
    ++result_.events;
    const WaitingContact& c = slots_[e.payload];
    const Eligibility* terms = nullptr;
    const int agent = FindAgent(c.type, c.arrival, &terms);
    if (agent < 0) return;
    const Work w = Unqueue(e.payload);
    Log(EventKind::kOverflow, w, agent);
    StartService(agent, *terms, w);
  }

  // A contact waited routing.preferred_agent.wait for its last agent: anyone may take it.
  void OnPreferredExpiry(const Event& e) {
    if (!StillWaiting(e) || slots_[e.payload].reserved_for < 0) return;
    ++result_.events;
    WaitingContact& c = slots_[e.payload];
    c.reserved_for = -1;
    queues_[c.type].push_back({e.payload, c.contact_id});
    const Eligibility* terms = nullptr;
    const int agent = FindAgent(c.type, c.arrival, &terms);
    if (agent >= 0) StartService(agent, *terms, Unqueue(e.payload));
  }

  // The live front of a queue, dropping dead entries; nullopt-like kNone when empty.
  static constexpr uint32_t kNone = ~uint32_t{0};
  uint32_t FrontSlot(RingQueue<QueueEntry>& q, int32_t reserved_for) {
    while (!q.empty()) {
      const QueueEntry& f = q.front();
      const WaitingContact& c = slots_[f.slot];
      if (c.waiting && c.contact_id == f.contact_id && c.reserved_for == reserved_for) {
        return f.slot;
      }
      q.pop_front();
    }
    return kNone;
  }

  // ---- agents ----

  // Picks an idle agent for a contact of `type` that entered the queue at `arrival`, by
  // the routing policy, and takes it off its group's idle list. -1 when none is free.
  int FindAgent(int type, double arrival, const Eligibility** terms) {
    const std::vector<Eligibility>& candidates = model_.types()[type].groups;
    const AgentSelection policy = s_.routing.agent_selection;
    const Eligibility* best = nullptr;
    int idle_total = 0;
    for (const Eligibility& e : candidates) {
      if (idle_[e.group].empty()) continue;
      if (e.after > 0 && arrival + e.after > now_) continue;
      idle_total += static_cast<int>(idle_[e.group].size());
      if (best == nullptr || Prefer(policy, e, *best)) best = &e;
    }
    if (best == nullptr) {
      return model_.types()[type].channel == scenario::Channel::kChat
                 ? FindChatAgent(type, arrival, terms)
                 : -1;
    }
    *terms = best;
    if (policy != AgentSelection::kRandom) {
      const int agent = idle_[best->group].front();
      idle_[best->group].pop_front();
      return agent;
    }
    // Uniform over every eligible idle agent.
    int pick = boost::random::uniform_int_distribution<int>(0, idle_total - 1)(routing_stream_);
    for (const Eligibility& e : candidates) {
      if (idle_[e.group].empty()) continue;
      if (e.after > 0 && arrival + e.after > now_) continue;
      const int n = static_cast<int>(idle_[e.group].size());
      if (pick < n) {
        const int agent = idle_[e.group][pick];
        idle_[e.group].erase_at(pick);
        *terms = &e;
        return agent;
      }
      pick -= n;
    }
    return -1;  // unreachable
  }

  // With no idle agent, a chat goes to the eligible agent with the fewest chats in hand
  // below its group's concurrency (ties: lowest agent id), unless the agent is winding
  // down for a break, coaching or the end of its shift.
  int FindChatAgent(int type, double arrival, const Eligibility** terms) {
    int best = -1;
    for (const Eligibility& e : model_.types()[type].groups) {
      if (e.after > 0 && arrival + e.after > now_) continue;
      for (int agent : chatting_[e.group]) {
        if (!CanTakeMoreChats(agent)) continue;
        if (best < 0 || agents_[agent].chats < agents_[best].chats ||
            (agents_[agent].chats == agents_[best].chats && agent < best)) {
          best = agent;
          *terms = &e;
        }
      }
    }
    return best;
  }

  bool CanTakeMoreChats(int agent) const {
    const Agent& a = agents_[agent];
    return a.chats > 0 && a.chats < model_.groups()[a.group].concurrency && now_ < a.shift_end &&
           !a.coaching_due && !BreakIsDue(a);
  }

  // Whether group a's longest-idle agent is preferred to group b's under `policy`.
  bool Prefer(AgentSelection policy, const Eligibility& a, const Eligibility& b) const {
    if (policy == AgentSelection::kMostSkilled && a.level != b.level) return a.level < b.level;
    if (policy == AgentSelection::kFewestSkills) {
      const int sa = model_.groups()[a.group].skill_count, sb = model_.groups()[b.group].skill_count;
      if (sa != sb) return sa < sb;
    }
    const int agent_a = idle_[a.group].front(), agent_b = idle_[b.group].front();
    const double ia = agents_[agent_a].idle_since, ib = agents_[agent_b].idle_since;
    if (ia != ib) return ia < ib;
    return agent_a < agent_b;
  }

  // Takes `agent` off its idle list when it is idle.
  bool TakeIfIdle(int agent) {
    if (agents_[agent].idle_since < 0) return false;
    RingQueue<int>& idle = idle_[agents_[agent].group];
    for (size_t i = 0; i < idle.size(); ++i) {
      if (idle[i] == agent) {
        idle.erase_at(i);
        return true;
      }
    }
    return false;
  }

  // The terms on which `agent` serves `type`: its group's, or plain ones when the group
  // has no such skill.
  const Eligibility& EligibilityOf(int agent, int type) const {
    for (const Eligibility& e : model_.groups()[agents_[agent].group].serves) {
      if (e.contact_type == type) return e;
    }
    return kPlainTerms;
  }
  static inline const Eligibility kPlainTerms{};

  bool HasSkill(int agent, int type) const {
    const Eligibility& e = EligibilityOf(agent, type);
    return &e != &kPlainTerms && e.after == 0;
  }

  void OnAgentFree(int agent) {
    ++result_.events;
    Agent& a = agents_[agent];
    AddBusy(agent, a.busy_since, now_);
    if (events_on_) {
      Log(EventKind::kAgentFree, -1, -1, -1, agent);
      Spell(agent, AgentState::kBusy, a.busy_since, a.talk_end);
      Spell(agent, AgentState::kWrapUp, a.talk_end, now_);
    }
    // The contact in hand is finished: now the shift may end or a break begin.
    if (now_ >= a.shift_end) {
      GoOffline(agent);
    } else {
      GetToWork(agent);
    }
  }

  // An agent on duty and free: a break or coaching that fell due first, else the phones.
  // REQUIRES: the agent is not idle, or a break or coaching is due (an idle agent has
  // nothing else to do).
  void GetToWork(int agent) {
    Agent& a = agents_[agent];
    if (BreakIsDue(a)) {
      StartAway(agent, AgentState::kBreak, ShiftOf(a).breaks[a.next_break++].duration);
    } else if (a.coaching_due) {
      a.coaching_due = false;
      StartAway(agent, AgentState::kCoaching, s_.agent_groups[a.group].coaching->duration);
    } else {
      TakeNextContactOrIdle(agent);
    }
  }

  // An available agent takes the waiting contact it should, or becomes idle.
  void TakeNextContactOrIdle(int agent) {
    Agent& a = agents_[agent];
    // Customers waiting for this agent in particular come first.
    if (!reserved_.empty()) {
      const uint32_t slot = FrontSlot(reserved_[agent], agent);
      if (slot != kNone) {
        reserved_[agent].pop_front();
        const Work w = Unqueue(slot);
        StartService(agent, EligibilityOf(agent, w.type), w);
        return;
      }
    }
    // The waiting contact this agent's group should take next, by contact_selection;
    // email only when no voice or chat contact waits for the agent.
    const Eligibility* best = BestWaiting(a.group, /*email=*/false, /*chat_only=*/false);
    if (best == nullptr) best = BestWaiting(a.group, /*email=*/true, false);
    if (best == nullptr) {
      a.idle_since = now_;
      a.state = AgentState::kIdle;
      a.state_since = now_;
      idle_[a.group].push_back(agent);
      LookAgainAtHeldBreak(agent);
      return;
    }
    const uint32_t slot = FrontSlot(queues_[best->contact_type], -1);
    queues_[best->contact_type].pop_front();
    StartService(agent, *best, Unqueue(slot));
    if (agents_[agent].chats > 0) TakeMoreChats(agent);
  }

  // A chatting agent with room takes waiting chats until it is full.
  void TakeMoreChats(int agent) {
    while (CanTakeMoreChats(agent)) {
      const Eligibility* best = BestWaiting(agents_[agent].group, false, /*chat_only=*/true);
      if (best == nullptr) return;
      const uint32_t slot = FrontSlot(queues_[best->contact_type], -1);
      queues_[best->contact_type].pop_front();
      StartService(agent, *best, Unqueue(slot));
    }
  }

  // Of the types group `g` serves (email ones, or the others), the one whose waiting
  // front contact comes next by contact_selection; null when none waits.
  const Eligibility* BestWaiting(int g, bool email, bool chat_only) {
    const bool by_priority =
        s_.routing.contact_selection == ContactSelection::kPriorityThenLongestWait;
    const Eligibility* best = nullptr;
    uint32_t best_slot = 0;
    for (const Eligibility& e : model_.groups()[g].serves) {
      const int t = e.contact_type;
      const scenario::Channel channel = model_.types()[t].channel;
      if ((channel == scenario::Channel::kEmail) != email) continue;
      if (chat_only && channel != scenario::Channel::kChat) continue;
      if (waiting_[t] == 0) continue;
      const uint32_t slot = FrontSlot(queues_[t], -1);
      if (slot == kNone) continue;
      const double arrival = slots_[slot].arrival;
      if (e.after > 0 && arrival + e.after > now_) continue;
      if (best != nullptr) {
        const int p = model_.types()[t].priority;
        const int bp = model_.types()[best->contact_type].priority;
        if (by_priority && p != bp) {
          if (p < bp) continue;
        } else if (arrival >= slots_[best_slot].arrival) {
          continue;
        }
      }
      best = &e;
      best_slot = slot;
    }
    return best;
  }

  // One of an agent's chats ends. The agent is free when its last chat ends; until then
  // it may take more.
  void OnChatEnd(const Event& e) {
    const int agent = static_cast<int>(e.payload);
    Agent& a = agents_[agent];
    a.chat_slots &= ~(uint32_t{1} << (e.key % kMaxConcurrency));
    --a.chats;
    if (a.chats > 0) {
      ++result_.events;
      if (a.chats == model_.groups()[a.group].concurrency - 1) chatting_[a.group].push_back(agent);
      TakeMoreChats(agent);
      return;
    }
    std::vector<int>& open = chatting_[a.group];
    const auto it = std::find(open.begin(), open.end(), agent);
    if (it != open.end()) open.erase(it);  // (never listed with concurrency 1)
    a.talk_end = now_;  // chats have no separate wrap-up spell
    OnAgentFree(agent);  // counts the event
  }

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
  void ScheduleNextBreak(int agent) {
    const Agent& a = agents_[agent];
    const std::vector<scenario::Break>& breaks = ShiftOf(a).breaks;
    if (a.next_break >= static_cast<int>(breaks.size())) return;
    const double due = std::max(now_, a.shift_start + breaks[a.next_break].after);
    if (due < a.shift_end && due < s_.horizon) Push(due, kBreakDue, agent, agent);
  }

  // At time 0: constant-headcount agents come on duty (unless absent for the run), shift
  // agents wait for their first shift.
  void StartAgent(int agent) {
    Agent& a = agents_[agent];
    const AgentSeat& seat = model_.seats()[agent];
    a.group = seat.group;
    a.shift = seat.shift;
    a.reserve = seat.reserve;
    if (model_.agent_factor()) {
      RandomStream g(options_.seed, rep_, kAgentStream, agent);
      a.factor = (*model_.agent_factor())(g);
    }
    const auto& coaching = s_.agent_groups[a.group].coaching;
    if (coaching && !a.reserve) {
      // Sessions spread evenly over the cycle: agent i of n first at (i + 0.5) / n cycles
      // (call-in reserves, numbered last in the group, are not coached).
      const AgentGroupModel& g = model_.groups()[a.group];
      int regular = g.agents;
      for (int r : model_.reserves()) regular -= model_.seats()[r].group == a.group;
      const double first = (agent - g.first_agent + 0.5) / regular * coaching->every;
      if (first < s_.horizon) Push(first, kCoachingDue, agent, agent);
    }
    if (a.reserve) return;
    if (a.shift >= 0) {
      const double start = ShiftOf(a).start;
      if (start < s_.horizon) Push(start, kShiftStart, agent, agent);
      return;
    }
    if (Absent(agent, 0)) return;
    a.staffed_since = 0;
    TakeNextContactOrIdle(agent);
  }

  bool Absent(int agent, int day) {
    const double p = s_.agent_groups[agents_[agent].group].absenteeism;
    if (p <= 0) return false;
    RandomStream g(options_.seed, rep_, kAbsenceStream, agent, day);
    return g.Uniform01() <= p;
  }

  void OnShiftStart(int agent) {
    ++result_.events;
    Agent& a = agents_[agent];
    if (a.reserve) {
      OnCallIn(agent);
      return;
    }
    const scenario::Shift& shift = ShiftOf(a);
    const int day = a.day++;
    if (shift.repeat == scenario::ShiftRepeat::kDaily && shift.start + (day + 1) * kDay < s_.horizon) {
      Push(shift.start + (day + 1) * kDay, kShiftStart, agent, agent);
    }
    if (a.state != AgentState::kOffline) {
      // Still on duty from the last shift (a contact ran past its end, or shifts meet):
      // the agent carries on into this one.
      a.shift_start = now_;
      const double end = shift.end + day * kDay;
      a.shift_end = end < s_.horizon ? end : kInfinity;
      if (std::isfinite(a.shift_end)) Push(a.shift_end, kShiftEnd, agent, agent);
      a.next_break = 0;
      ScheduleNextBreak(agent);
      return;
    }
    if (Absent(agent, day)) return;
    Spell(agent, AgentState::kOffline, a.state_since, now_);
    a.shift_start = now_;
    const double end = shift.end + day * kDay;
    // Agents on duty at the horizon stay until the centre is empty.
    a.shift_end = end < s_.horizon ? end : kInfinity;
    if (std::isfinite(a.shift_end)) Push(a.shift_end, kShiftEnd, agent, agent);
    a.next_break = 0;
    a.staffed_since = now_;
    ScheduleNextBreak(agent);
    GetToWork(agent);
  }

  void OnShiftEnd(int agent) {
    ++result_.events;
    // A busy agent finishes the contact in hand first (OnAgentFree); one on a break or
    // in coaching leaves when it ends (OnAwayEnd).
    if (agents_[agent].state == AgentState::kIdle) GoOffline(agent);
  }

  void OnBreakDue(int agent) {
    ++result_.events;
    // A busy agent takes it as soon as it is free (OnAgentFree).
    // (GetToWork takes an idle agent off its idle list when it leaves the phones.)
    if (agents_[agent].state == AgentState::kIdle && BreakIsDue(agents_[agent])) {
      GetToWork(agent);
    } else {
      LookAgainAtHeldBreak(agent);
    }
  }

  // When the agent's due break is held back, looks again when the hold ends or the
  // break's delay reaches its cap (an idle agent has nothing else to wake it).
  void LookAgainAtHeldBreak(int agent) {
    const Agent& a = agents_[agent];
    if (a.shift < 0 || a.next_break >= static_cast<int>(ShiftOf(a).breaks.size())) return;
    const double due = a.shift_start + ShiftOf(a).breaks[a.next_break].after;
    if (due > now_ || !BreakHeld(due)) return;
    const double again = std::min(breaks_held_until_, due + *s_.real_time->postpone_breaks_max);
    if (again < a.shift_end) Push(again, kBreakDue, agent, agent);
  }

  void OnCoachingDue(int agent) {
    ++result_.events;
    Agent& a = agents_[agent];
    const double every = s_.agent_groups[a.group].coaching->every;
    if (now_ + every < s_.horizon) Push(now_ + every, kCoachingDue, agent, agent);
    a.coaching_due = true;  // taken at once when idle, else when next free on duty
    if (a.state == AgentState::kIdle) GetToWork(agent);
  }

  // The agent leaves the phones for a break or a coaching session.
  void StartAway(int agent, AgentState state, double duration) {
    Agent& a = agents_[agent];
    LeaveIdle(agent);
    AddStaffed(agent, a.staffed_since, now_);
    a.staffed_since = -1;
    a.state = state;
    a.state_since = now_;
    Push(now_ + duration, kAwayEnd, agent, agent);
  }

  void OnAwayEnd(int agent) {
    ++result_.events;
    Agent& a = agents_[agent];
    Spell(agent, a.state, a.state_since, now_);
    if (a.state == AgentState::kBreak) {
      AddOnBreak(a.state_since, now_);
    } else {
      const scenario::Coaching& c = *s_.agent_groups[a.group].coaching;
      // Faster by the improvement, but never pushed below the floor (nor up to it).
      a.factor = std::min(a.factor, std::max(c.floor, a.factor * (1 - c.improvement)));
      ++result_.coaching_sessions;
    }
    a.state_since = now_;
    if (now_ >= a.shift_end) {
      a.state = AgentState::kOffline;
      return;
    }
    a.staffed_since = now_;
    if (a.shift >= 0) ScheduleNextBreak(agent);
    GetToWork(agent);
  }

  // ---- real-time control ----

  // The service level of contacts whose fate was decided in the last `window`: answered
  // within the threshold / answered or abandoned. Kept in buckets of check_every.
  void CountDecided(bool answered_within) {
    if (!s_.real_time) return;
    decided_.back()[0] += 1;
    decided_.back()[1] += answered_within;
  }

  void OnRealTimeCheck() {
    ++result_.events;
    const scenario::RealTime& rt = *s_.real_time;
    const size_t buckets = static_cast<size_t>(std::ceil(rt.window / rt.check_every - 1e-9));
    double decided = 0, within = 0;
    for (size_t i = decided_.size() > buckets ? decided_.size() - buckets : 0; i < decided_.size(); ++i) {
      decided += decided_[i][0];
      within += decided_[i][1];
    }
    decided_.push_back({0, 0});
    if (decided_.size() > buckets + 1) decided_.erase(decided_.begin());
    if (now_ + rt.check_every < s_.horizon) Push(now_ + rt.check_every, kRealTimeCheck, 0, 0);
    if (decided == 0 || within / decided >= rt.service_level_below) return;
    // Control acts while the centre is open: with nobody on duty there is no one to call
    // in beside, nor a break to hold.
    if (std::none_of(agents_.begin(), agents_.end(),
                     [](const Agent& x) { return x.state != AgentState::kOffline; })) {
      return;
    }
    // The service level is below the trigger: an alert, and the actions.
    ++result_.alerts;
    Log(EventKind::kAlert, -1, -1, -1, -1);
    if (rt.postpone_breaks_max) {
      breaks_held_until_ = now_ + *rt.postpone_breaks_max;
      Push(breaks_held_until_, kBreaksResume, 0, 0);
    }
    if (rt.call_in && now_ >= called_in_until_) {
      const scenario::CallIn& c = *rt.call_in;
      called_in_until_ = now_ + c.delay + c.duration;
      for (int agent : model_.reserves()) Push(now_ + c.delay, kShiftStart, agent, agent);
    }
  }

  // Breaks held back by real-time control may be taken again: idle agents whose break
  // fell due meanwhile take it now (busy ones when they are free).
  void OnBreaksResume() {
    if (now_ < breaks_held_until_) return;  // a later alert extended the hold
    ++result_.events;
    for (int agent = 0; agent < model_.agent_count(); ++agent) {
      if (agents_[agent].state == AgentState::kIdle && BreakIsDue(agents_[agent])) {
        GetToWork(agent);
      }
    }
  }

  // A reserve agent called in by real-time control comes on duty for call_in.for.
  void OnCallIn(int agent) {
    Agent& a = agents_[agent];
    Spell(agent, AgentState::kOffline, a.state_since, now_);
    a.shift_start = now_;
    const double end = now_ + s_.real_time->call_in->duration;
    a.shift_end = end < s_.horizon ? end : kInfinity;
    if (std::isfinite(a.shift_end)) Push(a.shift_end, kShiftEnd, agent, agent);
    a.staffed_since = now_;
    TakeNextContactOrIdle(agent);
  }

  void GoOffline(int agent) {
    Agent& a = agents_[agent];
    LeaveIdle(agent);
    AddStaffed(agent, a.staffed_since, now_);
    a.staffed_since = -1;
    a.state = AgentState::kOffline;
    a.state_since = now_;
  }

  // Takes an idle agent off its idle list, closing its idle spell.
  void LeaveIdle(int agent) {
    Agent& a = agents_[agent];
    if (a.state != AgentState::kIdle) return;
    TakeIfIdle(agent);
    Spell(agent, AgentState::kIdle, a.state_since, now_);
    a.idle_since = -1;
  }

  // The agent answers `w` now. The handling's talk time and how it ends are decided here:
  // the escalation guideline cuts a talk that would run past it; otherwise the outcomes
  // (the skill's own, or the type's) are drawn.
  void StartService(int agent, const Eligibility& terms, const Work& w) {
    const ContactTypeModel& tm = model_.types()[w.type];
    Journey& journey = journeys_[w.journey];
    const double wait = now_ - w.arrival;
    Agent& a = agents_[agent];
    const bool chat = tm.channel == scenario::Channel::kChat;
    double talk = w.base_handle * terms.handle_time_factor * a.factor + journey.extra_talk;
    if (chat) talk *= 1 + kChatInterference * a.chats;
    journey.extra_talk = 0;
    ContactOutcome outcome = ContactOutcome::kResolved;
    if (tm.escalation_to >= 0 && talk > tm.escalation_after) {
      talk = tm.escalation_after;
      outcome = ContactOutcome::kEscalated;
      journey.next = Next::kEscalation;
      journey.next_type = tm.escalation_to;
    } else {
      outcome = DrawOutcome(terms.outcome_set >= 0 ? terms.outcome_set : tm.outcome_set, w);
    }
    const double handle = talk + w.wrap_up;
    const bool within = wait <= tm.sl_threshold;
    CountDecided(within);
    Tally(w, [=](Counters& k) {
      k.answered++;
      k.answered_within += within;
      k.wait_answered += wait;
      k.handle += handle;
      k.transfers_out += outcome == ContactOutcome::kTransferred ||
                         outcome == ContactOutcome::kDisconnected;
      k.escalations_out += outcome == ContactOutcome::kEscalated;
    });
    result_.wait_total += wait;
    if (w.counted) {
      AgentResult& r = result_.agents[agent];
      r.contacts++;
      r.handle += handle;
      r.resolved += outcome == ContactOutcome::kResolved;
    }
    Log(EventKind::kAnswer, w, agent);
    if (a.state == AgentState::kIdle) Spell(agent, AgentState::kIdle, a.state_since, now_);
    journey.last_agent = agent;
    if (chat) {
      if (a.chats == 0) {
        a.busy_since = now_;
        if (model_.groups()[a.group].concurrency > 1) chatting_[a.group].push_back(agent);
      }
      const int slot = std::countr_one(a.chat_slots);
      a.chat_slots |= uint32_t{1} << slot;
      ++a.chats;
      if (a.chats == model_.groups()[a.group].concurrency && a.chats > 1) {
        std::vector<int>& open = chatting_[a.group];
        open.erase(std::find(open.begin(), open.end(), agent));
      }
      Push(now_ + handle, kChatEnd, static_cast<uint64_t>(agent) * kMaxConcurrency + slot,
           static_cast<uint32_t>(agent));
    } else {
      a.busy_since = now_;
      a.talk_end = now_ + talk;
      Push(now_ + handle, kAgentFree, agent, static_cast<uint32_t>(agent));
    }
    a.state = AgentState::kBusy;
    a.idle_since = -1;
    Trace(w, now_, now_ + talk, handle, agent, outcome);
    if (outcome == ContactOutcome::kResolved) {
      EndJourney(w.journey, JourneyEnd::kResolved, now_ + talk);
    } else {
      Push(now_ + talk, kTalkEnd, journey.customer_key, w.journey);
    }
  }

  // How a handling of `w` ends by the outcome set's probabilities; sets the journey's next
  // step (and the re-explaining a lost context costs the next handling).
  ContactOutcome DrawOutcome(int set_index, const Work& w) {
    const OutcomeSet& set = model_.outcome_sets()[set_index];
    if (set.empty()) return ContactOutcome::kResolved;
    Journey& journey = journeys_[w.journey];
    RandomStream g(options_.seed, rep_, kOutcomeStream, journey.customer_key, w.attempt);
    const double u = g.Uniform01();
    double cumulative = 0;
    for (const OutcomeModel& o : set) {
      cumulative += o.probability;
      if (u > cumulative) continue;
      if (o.kind == scenario::Outcome::Kind::kUnresolved) {
        journey.next = Next::kLeave;
        journey.next_type = w.type;
        return ContactOutcome::kUnresolved;
      }
      if (o.disconnect > 0 && g.Uniform01() <= o.disconnect) {
        journey.next = Next::kLeave;  // follows `repeat` of the type it was in
        journey.next_type = w.type;
        return ContactOutcome::kDisconnected;
      }
      journey.next = Next::kTransfer;
      journey.next_type = o.transfer_to;
      if (o.context_lost) {
        RandomStream r(options_.seed, rep_, kReExplainStream, journey.customer_key, w.attempt);
        journey.extra_talk = o.re_explain(r);
      }
      return ContactOutcome::kTransferred;
    }
    return ContactOutcome::kResolved;
  }

  // Adds the span [from, to) to `per_interval` (cut at the horizon) and returns its part
  // inside the occupancy window [warmup, horizon].
  double AddSpan(std::vector<double>& per_interval, double from, double to) {
    const double lo = std::max(from, s_.warmup), hi = std::min(to, s_.horizon);
    const double end = std::min(to, s_.horizon);
    for (int i = model_.IntervalOf(from); from < end; ++i) {
      const double interval_end = std::min(end, (i + 1) * s_.interval);
      per_interval[i] += interval_end - from;
      from = interval_end;
    }
    return hi > lo ? hi - lo : 0;
  }

  void AddBusy(int agent, double from, double to) {
    const double in_window = AddSpan(result_.interval_busy, from, to);
    result_.busy_time += in_window;
    result_.agents[agent].busy += in_window;
  }

  // Staffed: on duty and not on a break.
  void AddStaffed(int agent, double from, double to) {
    if (from < 0) return;
    const double in_window = AddSpan(result_.interval_staffed, from, to);
    result_.staffed_time += in_window;
    result_.agents[agent].staffed += in_window;
  }

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
             ContactOutcome outcome) {
    if (!contacts_on_) return;
    trace_.push_back({.contact_id = w.contact_id,
                      .customer_id = journeys_[w.journey].customer_id,
                      .contact_type = w.type,
                      .attempt = w.attempt,
                      .arrival = w.arrival,
                      .answer = answer,
                      .end = end,
                      .wait = (outcome == ContactOutcome::kBlocked ? 0.0
                               : std::isnan(answer)                 ? end - w.arrival
                                                                    : answer - w.arrival),
                      .handle_time = handle,
                      .agent_id = agent,
                      .agent_group = agent >= 0 ? agents_[agent].group : -1,
                      .outcome = outcome});
    if (trace_.size() == kTraceChunk) {
      options_.trace->OnContacts(rep_, trace_);
      trace_.clear();
    }
  }

  void Log(EventKind kind, int64_t contact_id, int64_t customer_id, int32_t type, int agent) {
    if (!events_on_) return;
    event_log_.push_back({.time = now_, .kind = kind, .contact_id = contact_id,
                          .customer_id = customer_id, .contact_type = type, .agent_id = agent});
    if (event_log_.size() == kTraceChunk) {
      options_.trace->OnEvents(rep_, event_log_);
      event_log_.clear();
    }
  }
  void Log(EventKind kind, const Work& w, int agent) {
    if (!events_on_) return;
    Log(kind, static_cast<int64_t>(w.contact_id),
        static_cast<int64_t>(journeys_[w.journey].customer_id), w.type, agent);
  }

  // Records [start, end) of `agent` in `state`; empty spells are left out.
  void Spell(int agent, AgentState state, double start, double end) {
    if (!events_on_ || !(end > start)) return;
    spells_.push_back({.agent_id = agent, .group = agents_[agent].group, .state = state,
                       .start = start, .end = end});
    if (spells_.size() == kTraceChunk) {
      options_.trace->OnAgentSpells(rep_, spells_);
      spells_.clear();
    }
  }

  // Hands over what is left at the end of the replication.
  void FlushTrace() {
    if (!trace_.empty()) options_.trace->OnContacts(rep_, trace_);
    if (!spells_.empty()) options_.trace->OnAgentSpells(rep_, spells_);
    if (!event_log_.empty()) options_.trace->OnEvents(rep_, event_log_);
    trace_.clear();
    spells_.clear();
    event_log_.clear();
  }

  void Finish() {
    ReportProgress();
    result_.waiting_at_end = waiting_total_;
    // The run covers at least the horizon: agents are on duty until then even when the
    // centre empties earlier.
    result_.end_time = std::max(now_, s_.horizon);
    // Close every agent's open spell: each agent's spells tile [0, end_time].
    for (int agent = 0; agent < model_.agent_count(); ++agent) {
      Agent& a = agents_[agent];
      AddStaffed(agent, a.staffed_since, result_.end_time);
      if (a.state == AgentState::kBreak) AddOnBreak(a.state_since, result_.end_time);
      if (a.state != AgentState::kBusy) Spell(agent, a.state, a.state_since, result_.end_time);
    }
    if (contacts_on_) FlushTrace();
  }

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
  std::vector<RingQueue<QueueEntry>> queues_;  // by contact type
  std::vector<RingQueue<QueueEntry>> reserved_;  // by agent (preferred agent routing only)
  std::vector<int64_t> waiting_;
  int64_t waiting_total_ = 0;

  std::vector<Agent> agents_;
  std::vector<RingQueue<int>> idle_;
  std::vector<std::vector<int>> chatting_;  // by group: agents with room for more chats
  double breaks_held_until_ = -kInfinity;  // real-time control: no break starts before
  double called_in_until_ = -kInfinity;    // reserves are on their way or on duty until
  std::vector<std::array<double, 2>> decided_;  // per check period: decided, within

  bool contacts_on_ = false;  // contact records go to options_.trace
  bool events_on_ = false;    // so do agent spells and the event log
  std::vector<ContactRecord> trace_;
  std::vector<AgentSpellRecord> spells_;
  std::vector<EventRecord> event_log_;
  int64_t progress_reported_ = 0;
};

}  // namespace

ReplicationResult Simulate(const Model& model, int replication, const SimulateOptions& options) {
  return Replication(model, replication, options).Run();
}

}  // namespace ccsim::model
