#include "sim/model/replication.h"

#include <boost/random/uniform_int_distribution.hpp>
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
// Records go to the sink in chunks of this many rows (the last of a replication may be
// shorter): the result file's chunk size, so that whole chunks are written directly.
constexpr size_t kTraceChunk = 4096;
constexpr uint64_t kProgressEvery = 1 << 14;

// Event kinds; the value is also the rank among equal-time events (see replication.h).
enum PendingEvent : uint32_t {
  kAgentFree = 0,  // payload: agent; entity: agent
  kAbandon = 1,    // payload: contact slot; entity: customer key
  kOverflow = 2,   // payload: contact slot; entity: customer key
  kRetrial = 3,    // payload: retrial record; entity: customer key
  kArrival = 4,    // payload: contact type; entity: contact type
};

// A customer's stable identity inside a replication: the contact type of its first arrival
// and its sequence number among that type's arrivals. Random draws and event keys use it,
// so neither depends on the order in which other customers were processed.
uint64_t CustomerKey(int type, uint64_t seq) { return (static_cast<uint64_t>(type) << 40) | seq; }

// A contact in a queue.
struct WaitingContact {
  uint64_t contact_id = 0;
  uint64_t customer_key = 0;
  uint64_t customer_id = 0;
  double arrival = 0;  // entered the queue
  double abandon_at = std::numeric_limits<double>::infinity();
  double base_handle = 0;  // talk time before the agent's handle_time_factor
  double wrap_up = 0;
  int32_t type = 0;
  int32_t attempt = 1;
  int32_t interval = 0;
  bool counted = false;  // arrived at or after warmup
  bool waiting = false;
};

struct QueueEntry {
  uint32_t slot = 0;
  uint64_t contact_id = 0;  // the entry is dead when the slot no longer holds this contact
};

struct PendingRetrial {
  uint64_t customer_key = 0;
  uint64_t customer_id = 0;
  int32_t type = 0;
  int32_t attempt = 1;
};

struct Agent {
  int32_t group = 0;
  double busy_since = 0;
  double talk_end = 0;  // end of the current contact's talk (wrap-up follows)
  double idle_since = 0;
};

// What a new or waiting contact brings to an agent.
struct Work {
  uint64_t contact_id;
  uint64_t customer_id;
  double arrival;
  double base_handle;
  double wrap_up;
  int32_t type;
  int32_t attempt;
  int32_t interval;
  bool counted;
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
    queues_.resize(n_types);
    waiting_.assign(n_types, 0);
    next_seq_.assign(n_types, 0);
    cursors_.resize(n_types);
    arrival_streams_.reserve(n_types);
    for (size_t t = 0; t < n_types; ++t) {
      arrival_streams_.emplace_back(options.seed, replication, kArrivalStream, t);
    }
    agents_.resize(model.agent_count());
    for (const AgentGroupModel& g : model.groups()) idle_.emplace_back(g.agents);
    for (size_t g = 0; g < model.groups().size(); ++g) {
      const AgentGroupModel& gm = model.groups()[g];
      for (int a = gm.first_agent; a < gm.first_agent + gm.agents; ++a) {
        agents_[a].group = static_cast<int32_t>(g);
        idle_[g].push_back(a);
      }
    }
    events_.reserve(model.agent_count() + n_types + 1024);
    contacts_on_ = options.trace != nullptr;
    events_on_ = contacts_on_ && options.trace_level == TraceLevel::kEvents;
    if (contacts_on_) trace_.reserve(kTraceChunk);
  }

  ReplicationResult Run() {
    for (size_t t = 0; t < model_.types().size(); ++t) ScheduleArrival(static_cast<int>(t), 0.0);
    uint64_t until_progress = kProgressEvery;
    while (!events_.empty()) {
      const Event e = events_.Pop();
      AdvanceTo(e.time);
      switch (e.kind) {
        case kAgentFree:
          OnAgentFree(static_cast<int>(e.payload));
          break;
        case kAbandon:
          OnAbandon(e);
          break;
        case kOverflow:
          OnOverflow(e);
          break;
        case kRetrial:
          OnRetrial(e.payload);
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

  // ---- arrivals ----

  void ScheduleArrival(int type, double after) {
    const double t = model_.types()[type].arrivals.Next(after, cursors_[type], arrival_streams_[type]);
    if (std::isfinite(t)) {
      events_.Push({.time = t, .key = MakeKey(kArrival, type), .kind = kArrival,
                    .payload = static_cast<uint32_t>(type)});
    }
  }

  void OnArrival(int type) {
    ++result_.events;
    const uint64_t key = CustomerKey(type, next_seq_[type]++);
    Offer(type, key, next_customer_id_++, 1, EventKind::kArrival);
    ScheduleArrival(type, now_);
  }

  void OnRetrial(uint32_t index) {
    ++result_.events;
    const PendingRetrial r = retrials_[index];
    free_retrials_.push_back(index);
    ++result_.retrials;
    Offer(r.type, r.customer_key, r.customer_id, r.attempt, EventKind::kRetrial);
  }

  // A contact of `type` arrives now: answered at once, blocked, or queued.
  void Offer(int type, uint64_t customer_key, uint64_t customer_id, int attempt, EventKind why) {
    const ContactTypeModel& tm = model_.types()[type];
    Work w{.contact_id = next_contact_id_++,
           .customer_id = customer_id,
           .arrival = now_,
           .base_handle = 0,
           .wrap_up = 0,
           .type = type,
           .attempt = attempt,
           .interval = model_.IntervalOf(now_),
           .counted = now_ >= s_.warmup};
    {
      RandomStream g(options_.seed, rep_, kHandleStream, customer_key, attempt);
      w.base_handle = tm.handle_time(g);
    }
    if (!tm.wrap_up.is_constant()) {
      RandomStream g(options_.seed, rep_, kWrapUpStream, customer_key, attempt);
      w.wrap_up = tm.wrap_up(g);
    } else {
      w.wrap_up = tm.wrap_up.mean();
    }
    ++result_.arrivals_total;
    Log(why, w, -1);

    double factor = 1.0;
    const int agent = FindAgent(type, now_, &factor);
    if (agent >= 0) {
      Tally(w, [](Counters& k) { k.offered++; });
      StartService(agent, factor, w);
      return;
    }
    if (tm.queue_capacity >= 0 && waiting_[type] >= tm.queue_capacity) {
      Tally(w, [](Counters& k) { k.blocked++; });
      Log(EventKind::kBlock, w, -1);
      Trace(w, kNaN, now_, 0, -1, ContactOutcome::kBlocked);
      return;
    }
    Tally(w, [](Counters& k) { k.offered++; });
    Enqueue(w, customer_key);
  }

  void Enqueue(const Work& w, uint64_t customer_key) {
    const ContactTypeModel& tm = model_.types()[w.type];
    uint32_t slot;
    if (!free_slots_.empty()) {
      slot = free_slots_.back();
      free_slots_.pop_back();
    } else {
      slot = static_cast<uint32_t>(slots_.size());
      slots_.emplace_back();
    }
    WaitingContact& c = slots_[slot];
    c = {.contact_id = w.contact_id,
         .customer_key = customer_key,
         .customer_id = w.customer_id,
         .arrival = w.arrival,
         .abandon_at = std::numeric_limits<double>::infinity(),
         .base_handle = w.base_handle,
         .wrap_up = w.wrap_up,
         .type = w.type,
         .attempt = w.attempt,
         .interval = w.interval,
         .counted = w.counted,
         .waiting = true};
    queues_[w.type].push_back({slot, w.contact_id});
    ++waiting_[w.type];
    ++waiting_total_;
    if (tm.patience) {
      RandomStream g(options_.seed, rep_, kPatienceStream, customer_key, w.attempt);
      c.abandon_at = now_ + (*tm.patience)(g);
      events_.Push({.time = c.abandon_at, .key = MakeKey(kAbandon, customer_key),
                    .kind = kAbandon, .payload = slot});
    }
    for (double after : tm.overflow_delays) {
      events_.Push({.time = w.arrival + after, .key = MakeKey(kOverflow, customer_key),
                    .kind = kOverflow, .payload = slot});
    }
  }

  // Takes the contact in `slot` out of its queue (its queue entry goes dead) and frees it.
  Work Unqueue(uint32_t slot) {
    WaitingContact& c = slots_[slot];
    c.waiting = false;
    --waiting_[c.type];
    --waiting_total_;
    free_slots_.push_back(slot);
    return Work{.contact_id = c.contact_id,
                .customer_id = c.customer_id,
                .arrival = c.arrival,
                .base_handle = c.base_handle,
                .wrap_up = c.wrap_up,
                .type = c.type,
                .attempt = c.attempt,
                .interval = c.interval,
                .counted = c.counted};
  }

  // ---- waiting contacts ----

  void OnAbandon(const Event& e) {
    WaitingContact& c = slots_[e.payload];
    if (!c.waiting || c.abandon_at != e.time || MakeKey(kAbandon, c.customer_key) != e.key) {
      return;  // answered before its patience ran out
    }
    ++result_.events;
    const uint64_t customer_key = c.customer_key;
    const Work w = Unqueue(e.payload);
    const double wait = now_ - w.arrival;
    Tally(w, [wait](Counters& k) {
      k.abandoned++;
      k.wait_abandoned += wait;
    });
    result_.wait_total += wait;
    Log(EventKind::kAbandon, w, -1);
    Trace(w, kNaN, now_, 0, -1, ContactOutcome::kAbandoned);
    MaybeRetry(w, customer_key);
  }

  void MaybeRetry(const Work& w, uint64_t customer_key) {
    const ContactTypeModel& tm = model_.types()[w.type];
    if (tm.retrial_probability <= 0) return;
    RandomStream g(options_.seed, rep_, kRetrialStream, customer_key, w.attempt);
    if (g.Uniform01() > tm.retrial_probability) return;
    const double at = now_ + tm.retrial_delay(g);
    if (at >= s_.horizon) return;  // arrivals, retrials included, stop at the horizon
    uint32_t index;
    if (!free_retrials_.empty()) {
      index = free_retrials_.back();
      free_retrials_.pop_back();
    } else {
      index = static_cast<uint32_t>(retrials_.size());
      retrials_.emplace_back();
    }
    retrials_[index] = {customer_key, w.customer_id, w.type, w.attempt + 1};
    events_.Push({.time = at, .key = MakeKey(kRetrial, customer_key), .kind = kRetrial,
                  .payload = index});
  }

  // A waiting contact has waited long enough for more groups: serve it if one has an
  // idle agent. (Earlier contacts of its type became eligible earlier, so none of them
  // can be waiting for such an agent.)
  void OnOverflow(const Event& e) {
    const WaitingContact& c = slots_[e.payload];
    if (!c.waiting || MakeKey(kOverflow, c.customer_key) != e.key) return;
    ++result_.events;
    double factor = 1.0;
    const int agent = FindAgent(c.type, c.arrival, &factor);
    if (agent < 0) return;
    const Work w = Unqueue(e.payload);
    Log(EventKind::kOverflow, w, agent);
    StartService(agent, factor, w);
  }

  // The live front of a type's queue, dropping dead entries. REQUIRES: waiting_[type] > 0.
  uint32_t FrontSlot(int type) {
    RingQueue<QueueEntry>& q = queues_[type];
    for (;;) {
      const QueueEntry& f = q.front();
      const WaitingContact& c = slots_[f.slot];
      if (c.waiting && c.contact_id == f.contact_id) return f.slot;
      q.pop_front();
    }
  }

  // ---- agents ----

  // Picks an idle agent for a contact of `type` that entered the queue at `arrival`, by
  // the routing policy, and takes it off its group's idle list. -1 when none is free.
  int FindAgent(int type, double arrival, double* factor) {
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
    if (best == nullptr) return -1;
    *factor = best->handle_time_factor;
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
        *factor = e.handle_time_factor;
        return agent;
      }
      pick -= n;
    }
    return -1;  // unreachable
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

  void OnAgentFree(int agent) {
    ++result_.events;
    Agent& a = agents_[agent];
    AddBusy(a.busy_since, now_);
    if (events_on_) {
      Log(EventKind::kAgentFree, -1, -1, -1, agent);
      Spell(agent, AgentState::kBusy, a.busy_since, a.talk_end);
      Spell(agent, AgentState::kWrapUp, a.talk_end, now_);
    }
    // The waiting contact this agent's group should take next, by contact_selection.
    const bool by_priority =
        s_.routing.contact_selection == ContactSelection::kPriorityThenLongestWait;
    int best_type = -1;
    uint32_t best_slot = 0;
    double best_factor = 1.0;
    for (const Eligibility& e : model_.groups()[a.group].serves) {
      const int t = e.contact_type;
      if (waiting_[t] == 0) continue;
      const uint32_t slot = FrontSlot(t);
      const double arrival = slots_[slot].arrival;
      if (e.after > 0 && arrival + e.after > now_) continue;
      if (best_type >= 0) {
        const int p = model_.types()[t].priority, bp = model_.types()[best_type].priority;
        if (by_priority && p != bp) {
          if (p < bp) continue;
        } else if (arrival >= slots_[best_slot].arrival) {
          continue;
        }
      }
      best_type = t;
      best_slot = slot;
      best_factor = e.handle_time_factor;
    }
    if (best_type < 0) {
      a.idle_since = now_;
      idle_[a.group].push_back(agent);
      return;
    }
    queues_[best_type].pop_front();
    StartService(agent, best_factor, Unqueue(best_slot));
  }

  void StartService(int agent, double factor, const Work& w) {
    const double wait = now_ - w.arrival;
    const double talk = w.base_handle * factor;
    const double handle = talk + w.wrap_up;
    const bool within = wait <= model_.types()[w.type].sl_threshold;
    Tally(w, [=](Counters& k) {
      k.answered++;
      k.answered_within += within;
      k.wait_answered += wait;
      k.handle += handle;
    });
    result_.wait_total += wait;
    Agent& a = agents_[agent];
    if (events_on_) {
      Log(EventKind::kAnswer, w, agent);
      if (a.idle_since >= 0) Spell(agent, AgentState::kIdle, a.idle_since, now_);
    }
    a.idle_since = -1;  // not idle
    a.busy_since = now_;
    a.talk_end = now_ + talk;
    events_.Push({.time = now_ + handle, .key = MakeKey(kAgentFree, agent), .kind = kAgentFree,
                  .payload = static_cast<uint32_t>(agent)});
    Trace(w, now_, now_ + talk, handle, agent, ContactOutcome::kResolved);
  }

  // Adds the busy span [from, to) to the occupancy window and the interval totals.
  void AddBusy(double from, double to) {
    const double lo = std::max(from, s_.warmup), hi = std::min(to, s_.horizon);
    if (hi > lo) result_.busy_time += hi - lo;
    const double end = std::min(to, s_.horizon);
    for (int i = model_.IntervalOf(from); from < end; ++i) {
      const double interval_end = std::min(end, (i + 1) * s_.interval);
      result_.interval_busy[i] += interval_end - from;
      from = interval_end;
    }
  }

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
                      .customer_id = w.customer_id,
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
    Log(kind, static_cast<int64_t>(w.contact_id), static_cast<int64_t>(w.customer_id), w.type,
        agent);
  }

  // Records [start, end) of `agent` in `state`; empty spells are left out.
  void Spell(int agent, AgentState state, double start, double end) {
    if (!(end > start)) return;
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
    result_.end_time = now_;
    const double window = std::max(0.0, s_.horizon - s_.warmup);
    result_.staffed_time = model_.agent_count() * window;
    for (int i = 0; i < model_.interval_count(); ++i) {
      const double len = std::min((i + 1) * s_.interval, s_.horizon) - i * s_.interval;
      result_.interval_staffed[i] = model_.agent_count() * len;
    }
    if (events_on_) {
      // Agents idle at the end close their last spell: each agent's spells tile [0, end].
      for (size_t g = 0; g < idle_.size(); ++g) {
        for (size_t i = 0; i < idle_[g].size(); ++i) {
          const int agent = idle_[g][i];
          Spell(agent, AgentState::kIdle, agents_[agent].idle_since, now_);
        }
      }
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

  std::vector<WaitingContact> slots_;
  std::vector<uint32_t> free_slots_;
  std::vector<RingQueue<QueueEntry>> queues_;
  std::vector<int64_t> waiting_;
  int64_t waiting_total_ = 0;
  std::vector<PendingRetrial> retrials_;
  std::vector<uint32_t> free_retrials_;

  std::vector<Agent> agents_;
  std::vector<RingQueue<int>> idle_;

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
