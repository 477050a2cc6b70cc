#include "sim/model/replication.h"

#include <bit>
#include <boost/random/uniform_int_distribution.hpp>

#include "sim/model/replication_internal.h"

namespace ccsim::model {

namespace internal {

ReplicationResult Replication::Run() {
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

void Replication::ReportProgress() {
  if (!options_.progress_seconds) return;
  const auto done = static_cast<int64_t>(std::min(now_, s_.horizon));
  options_.progress_seconds->fetch_add(done - progress_reported_, std::memory_order_relaxed);
  progress_reported_ = done;
}

void Replication::OnArrival(int type) {
  ++result_.events;
  const uint32_t j = journeys_.Add({.customer_key = CustomerKey(type, next_seq_[type]++),
                                    .customer_id = next_customer_id_++,
                                    .start = now_,
                                    .counted = now_ >= s_.warmup});
  if (journeys_[j].counted) result_.journeys.started++;
  Offer(type, j, EventKind::kArrival);
  ScheduleArrival(type, now_);
}

void Replication::ScheduleArrival(int type, double after) {
  const double t =
      model_.types()[type].arrivals.Next(after, cursors_[type], arrival_streams_[type]);
  if (std::isfinite(t)) Push(t, kArrival, type, static_cast<uint32_t>(type));
}

// The journey's next contact (a transfer, escalation, retrial or repeat), unless it has
// had as many as a journey may.
void Replication::Continue(uint32_t j, EventKind how) {
  Journey& journey = journeys_[j];
  if (journey.contacts >= s_.max_journey_contacts) {
    EndJourney(j, JourneyEnd::kGivenUp);
    return;
  }
  if (how == EventKind::kTransfer) journey.transfers++;
  if (how == EventKind::kRetrial) ++result_.retrials;
  Offer(journey.next_type, j, how);
}

void Replication::OnTalkEnd(uint32_t j) {
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

void Replication::OnReturn(uint32_t j) {
  ++result_.events;
  if (journeys_[j].next == Next::kRetrial) {
    Continue(j, EventKind::kRetrial);
  } else {
    Continue(j, EventKind::kRepeat);
  }
}

// After an abandonment (kRetrial) or an unresolved or disconnected handling (kRepeat)
// of a contact of journey.next_type: the customer comes back after a delay, or gives up.
void Replication::MaybeReturn(uint32_t j, Next why) {
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

void Replication::EndJourney(uint32_t j, JourneyEnd how, double end) {
  if (end < 0) end = now_;
  const Journey& journey = journeys_[j];
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
  journeys_.Free(j);
}

// A contact of `type` of journey `j` arrives now: answered at once, blocked, or queued.
void Replication::Offer(int type, uint32_t j, EventKind how) {
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
                                journey.last_agent >= 0 && HasSkill(journey.last_agent, type);
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
void Replication::Enqueue(const Work& w, int reserved_for) {
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
Work Replication::Unqueue(uint32_t slot) {
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
bool Replication::StillWaiting(const Event& e) {
  const WaitingContact& c = slots_[e.payload];
  return c.waiting && MakeKey(e.kind, journeys_[c.journey].customer_key) == e.key;
}

void Replication::OnAbandon(const Event& e) {
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
void Replication::OnOverflow(const Event& e) {
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
void Replication::OnPreferredExpiry(const Event& e) {
  if (!StillWaiting(e) || slots_[e.payload].reserved_for < 0) return;
  ++result_.events;
  WaitingContact& c = slots_[e.payload];
  c.reserved_for = -1;
  queues_[c.type].push_back({e.payload, c.contact_id});
  const Eligibility* terms = nullptr;
  const int agent = FindAgent(c.type, c.arrival, &terms);
  if (agent >= 0) StartService(agent, *terms, Unqueue(e.payload));
}

uint32_t Replication::FrontSlot(RingQueue<QueueEntry>& q, int32_t reserved_for) {
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

// Picks an idle agent for a contact of `type` that entered the queue at `arrival`, by
// the routing policy, and takes it off its group's idle list. -1 when none is free.
int Replication::FindAgent(int type, double arrival, const Eligibility** terms) {
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
int Replication::FindChatAgent(int type, double arrival, const Eligibility** terms) {
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

bool Replication::CanTakeMoreChats(int agent) const {
  const Agent& a = agents_[agent];
  return a.chats > 0 && a.chats < model_.groups()[a.group].concurrency && now_ < a.shift_end &&
         !a.coaching_due && !BreakIsDue(a);
}

// Whether group a's longest-idle agent is preferred to group b's under `policy`.
bool Replication::Prefer(AgentSelection policy, const Eligibility& a, const Eligibility& b) const {
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
bool Replication::TakeIfIdle(int agent) {
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
const Eligibility& Replication::EligibilityOf(int agent, int type) const {
  for (const Eligibility& e : model_.groups()[agents_[agent].group].serves) {
    if (e.contact_type == type) return e;
  }
  return kPlainTerms;
}

bool Replication::HasSkill(int agent, int type) const {
  const Eligibility& e = EligibilityOf(agent, type);
  return &e != &kPlainTerms && e.after == 0;
}

void Replication::OnAgentFree(int agent) {
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
void Replication::GetToWork(int agent) {
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
void Replication::TakeNextContactOrIdle(int agent) {
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
void Replication::TakeMoreChats(int agent) {
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
const Eligibility* Replication::BestWaiting(int g, bool email, bool chat_only) {
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
void Replication::OnChatEnd(const Event& e) {
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
  a.talk_end = now_;                     // chats have no separate wrap-up spell
  OnAgentFree(agent);                    // counts the event
}

// The agent answers `w` now. The handling's talk time and how it ends are decided here:
// the escalation guideline cuts a talk that would run past it; otherwise the outcomes
// (the skill's own, or the type's) are drawn.
void Replication::StartService(int agent, const Eligibility& terms, const Work& w) {
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
    k.transfers_out +=
        outcome == ContactOutcome::kTransferred || outcome == ContactOutcome::kDisconnected;
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
ContactOutcome Replication::DrawOutcome(int set_index, const Work& w) {
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
double Replication::AddSpan(std::vector<double>& per_interval, double from, double to) {
  const double lo = std::max(from, s_.warmup), hi = std::min(to, s_.horizon);
  const double end = std::min(to, s_.horizon);
  for (int i = model_.IntervalOf(from); from < end; ++i) {
    const double interval_end = std::min(end, (i + 1) * s_.interval);
    per_interval[i] += interval_end - from;
    from = interval_end;
  }
  return hi > lo ? hi - lo : 0;
}

void Replication::AddBusy(int agent, double from, double to) {
  const double in_window = AddSpan(result_.interval_busy, from, to);
  result_.busy_time += in_window;
  result_.agents[agent].busy += in_window;
}

// Staffed: on duty and not on a break.
void Replication::AddStaffed(int agent, double from, double to) {
  if (from < 0) return;
  const double in_window = AddSpan(result_.interval_staffed, from, to);
  result_.staffed_time += in_window;
  result_.agents[agent].staffed += in_window;
}

void Replication::Trace(const Work& w, double answer, double end, double handle, int agent,
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
                             : std::isnan(answer)                ? end - w.arrival
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

void Replication::Log(EventKind kind, int64_t contact_id, int64_t customer_id, int32_t type,
                      int agent) {
  if (!events_on_) return;
  event_log_.push_back({.time = now_,
                        .kind = kind,
                        .contact_id = contact_id,
                        .customer_id = customer_id,
                        .contact_type = type,
                        .agent_id = agent});
  if (event_log_.size() == kTraceChunk) {
    options_.trace->OnEvents(rep_, event_log_);
    event_log_.clear();
  }
}

void Replication::Log(EventKind kind, const Work& w, int agent) {
  if (!events_on_) return;
  Log(kind, static_cast<int64_t>(w.contact_id),
      static_cast<int64_t>(journeys_[w.journey].customer_id), w.type, agent);
}

// Records [start, end) of `agent` in `state`; empty spells are left out.
void Replication::Spell(int agent, AgentState state, double start, double end) {
  if (!events_on_ || !(end > start)) return;
  spells_.push_back({.agent_id = agent,
                     .group = agents_[agent].group,
                     .state = state,
                     .start = start,
                     .end = end});
  if (spells_.size() == kTraceChunk) {
    options_.trace->OnAgentSpells(rep_, spells_);
    spells_.clear();
  }
}

// Hands over what is left at the end of the replication.
void Replication::FlushTrace() {
  if (!trace_.empty()) options_.trace->OnContacts(rep_, trace_);
  if (!spells_.empty()) options_.trace->OnAgentSpells(rep_, spells_);
  if (!event_log_.empty()) options_.trace->OnEvents(rep_, event_log_);
  trace_.clear();
  spells_.clear();
  event_log_.clear();
}

void Replication::Finish() {
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

}  // namespace internal

ReplicationResult Simulate(const Model& model, int replication, const SimulateOptions& options) {
  return internal::Replication(model, replication, options).Run();
}

}  // namespace ccsim::model
