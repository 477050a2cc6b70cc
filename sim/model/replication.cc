// One replication: the parts of the centre composed on the engine's run loop, and the
// contact flow between them (offer, answer, an agent coming free).
#include "sim/model/replication.h"

#include <optional>
#include <vector>

#include "sim/engine/simulator.h"
#include "sim/model/callbacks.h"
#include "sim/model/centre_state.h"
#include "sim/model/chat_channel.h"
#include "sim/model/costs.h"
#include "sim/model/journeys.h"
#include "sim/model/pending_event.h"
#include "sim/model/real_time_control.h"
#include "sim/model/recorder.h"
#include "sim/model/router.h"
#include "sim/model/warm_transfers.h"
#include "sim/model/workforce.h"

namespace ccsim::model {
namespace internal {
namespace {

class Replication {
 public:
  Replication(const Model& model, int replication, const SimulateOptions& options);

  ReplicationResult Run();

  // The engine's handler (engine::EventHandler).
  void OnTimeAdvance(double from, double to) {
    recorder_.OnTimeAdvance(from, to, router_.waiting_total());
  }
  void OnEvent(const engine::Event& e);

 private:
  // A contact of `type` of journey `j` arrives now: answered at once, blocked, or queued.
  void Offer(int type, uint32_t j, EventKind how);
  void Offer(const std::optional<Journeys::Contact>& next, uint32_t j) {
    if (next) Offer(next->type, j, next->how);
  }
  // `w` leaves at once without waiting: kBlocked (no line, or no agent and no room to
  // wait) or kBalked.
  void TurnAway(const Work& w, ContactOutcome outcome);
  // `w`, taken out of its queue now, leaves unanswered: kAbandoned, kMessage or kClosed.
  void LeaveQueue(const Work& w, ContactOutcome outcome);
  // An idle agent for a contact of `type` that entered the queue at `arrival`, else (a
  // chat) a chatting agent with room, else, for a live contact that finds `ahead` (>= 0)
  // of its type waiting, one of a group an overflow condition that holds adds; taken for
  // it. -1 when none.
  int FindAgent(int type, double arrival, const Eligibility** terms, int64_t ahead = -1);
  // `agent` answers `w` now on `terms`.
  void Answer(int agent, const Eligibility& terms, const Work& w);
  // `agent` takes `w`, taken from a queue, on `terms`: answers it, or calls back a callback.
  void Serve(int agent, const Eligibility& terms, const Work& w) {
    if (w.callback >= 0) [[unlikely]] {
      callbacks_.Dial(agent, terms, w);
    } else {
      Answer(agent, terms, w);
    }
  }

  void OnAbandon(const engine::Event& e);
  // max_wait: a contact still waiting `after` leaves with a message, or takes a callback.
  void OnMaxWait(const engine::Event& e);
  // at_close: clear: every contact of `type` still waiting leaves (closed); the next close
  // is scheduled.
  void OnClose(int type);
  // A waiting contact has waited long enough for more groups: served if one has an idle
  // agent. (Earlier contacts of its type became eligible earlier, so none of them can be
  // waiting for such an agent.)
  void OnOverflow(const engine::Event& e);
  // A contact waited routing.preferred_agent.wait for its last agent: anyone may take it.
  void OnPreferredExpiry(const engine::Event& e);
  void OnAgentFree(int agent);
  // A talk ended: the transfer or escalation it ends in arrives (a warm transfer's first
  // agent is freed if the journey ends there instead).
  void OnTalkEnd(uint32_t j);
  void OnChatEnd(const engine::Event& e);

  // An available agent takes the waiting contact it should, or becomes idle.
  void TakeNextContactOrIdle(int agent);
  // A chatting agent with room takes waiting chats until it is full.
  void TakeMoreChats(int agent);

  // Ends the contacts still queued when no event is left (unserved); returns how many.
  int64_t EndUnserved();

  const Model& model_;
  const Streams streams_;
  engine::Simulator sim_;
  std::vector<Agent> agents_;
  Pool<Journey> journey_pool_;
  Recorder recorder_;
  Router router_;
  RealTimeControl control_;
  Workforce workforce_;
  ChatChannel chat_;
  Journeys journeys_;
  Callbacks callbacks_;
  WarmTransfers warm_;
  std::vector<bool> is_chat_;  // by contact type
};

Replication::Replication(const Model& model, int replication, const SimulateOptions& options)
    : model_(model),
      streams_{.seed = options.seed, .replication = replication},
      sim_({.stop = options.stop,
            .progress_seconds = options.progress_seconds,
            .progress_until = model.scenario().horizon}),
      agents_(model.agent_count()),
      recorder_(model, replication, sim_, journey_pool_, options.trace, options.trace_level),
      router_(model, sim_, streams_, agents_, journey_pool_),
      control_(model, sim_, agents_, recorder_),
      workforce_(model, sim_, streams_, agents_, router_, recorder_, control_),
      chat_(model, sim_, agents_, workforce_),
      journeys_(model, sim_, streams_, journey_pool_, recorder_),
      callbacks_(model, sim_, streams_, agents_, router_, journeys_, recorder_),
      warm_(model, sim_, agents_, recorder_) {
  for (const ContactTypeModel& tm : model.types()) {
    is_chat_.push_back(tm.channel == scenario::Channel::kChat);
  }
  sim_.reserve(model.agent_count() + model.types().size() + 1024);
}

ReplicationResult Replication::Run() {
  for (int agent = 0; agent < model_.agent_count(); ++agent) {
    if (workforce_.StartAgent(agent)) TakeNextContactOrIdle(agent);
  }
  control_.Start();
  journeys_.ScheduleFirstArrivals();
  router_.ScheduleFirstCloses();
  bool stopped = sim_.Run(*this);
  const int64_t unserved = stopped ? router_.waiting_total() : EndUnserved();
  // Agents who held warm transfers left unserved were freed then: they finish their wrap-up.
  if (!stopped && sim_.pending() > 0) stopped = sim_.Run(*this);
  return recorder_.Finish(agents_, unserved, stopped);
}

void Replication::OnEvent(const engine::Event& e) {
  const int agent = static_cast<int>(e.payload);  // for the agents' events
  switch (static_cast<PendingEvent>(e.kind)) {
    case kAgentFree:
      OnAgentFree(agent);
      break;
    case kChatEnd:
      OnChatEnd(e);
      break;
    case kShiftEnd:
      workforce_.OnShiftEnd(agent);
      break;
    case kAwayEnd:
      if (workforce_.OnAwayEnd(agent)) TakeNextContactOrIdle(agent);
      break;
    case kBreakDue:
      workforce_.OnBreakDue(agent);
      break;
    case kShiftStart:
      if (workforce_.OnShiftStart(agent)) TakeNextContactOrIdle(agent);
      break;
    case kCoachingDue:
      workforce_.OnCoachingDue(agent);
      break;
    case kLineFree:
      recorder_.CountEvent();
      router_.FreeLine(static_cast<int>(e.payload));
      break;
    case kDialEnd: {
      const int freed = callbacks_.OnDialEnd(e.payload);
      if (freed >= 0) {
        OnAgentFree(freed);  // counts the event
      } else {
        recorder_.CountEvent();
      }
      break;
    }
    case kRedial:
      recorder_.CountEvent();
      callbacks_.OnRedial(e.payload);
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
    case kMaxWait:
      OnMaxWait(e);
      break;
    case kTalkEnd:
      OnTalkEnd(e.payload);
      break;
    case kReturn:
      Offer(journeys_.OnReturn(e.payload), e.payload);
      break;
    case kArrival: {
      const int type = static_cast<int>(e.payload);
      Offer(type, journeys_.OnArrival(type), EventKind::kArrival);
      break;
    }
    case kClose:
      OnClose(static_cast<int>(e.payload));
      break;
    case kRealTimeCheck:
      control_.OnCheck();
      break;
    case kBreaksResume:
      if (control_.OnBreaksResume()) workforce_.TakeDueBreaks();
      break;
  }
  // Live contacts that left the queue may have let own-queue callbacks through.
  if (!router_.unblocked_callbacks().empty()) [[unlikely]] {
    callbacks_.DialUnblocked();
  }
}

void Replication::Offer(int type, uint32_t j, EventKind how) {
  Work w = journeys_.NewContact(type, j, how);
  const int preferred = journeys_.PreferredAgent(j, type, how);
  w.asked_for = preferred;
  if (!router_.HasLine(type)) {
    TurnAway(w, ContactOutcome::kBlocked);
    return;
  }
  if (preferred >= 0 && router_.TakeIfIdle(preferred)) {
    recorder_.Tally(w, [](Counters& k) { k.offered++; });
    router_.TakeLine(type);
    Answer(preferred, TermsOf(model_, agents_[preferred].group, type), w);
    return;
  }
  const Eligibility* terms = nullptr;
  // A repeat that asks for its last agent waits for it, even when others are idle.
  const int agent =
      preferred >= 0 ? -1 : FindAgent(type, w.arrival, &terms, router_.waiting(type));
  if (agent >= 0) {
    recorder_.Tally(w, [](Counters& k) { k.offered++; });
    router_.TakeLine(type);
    Answer(agent, *terms, w);
    return;
  }
  // It would have to wait: with no room it is blocked, else it may take a callback, or balk.
  const uint64_t customer_key = journeys_[j].customer_key;
  if (!router_.HasWaitingRoom(type)) {
    TurnAway(w, ContactOutcome::kBlocked);
  } else if (model_.has_callbacks() && callbacks_.OfferOnArrival(w, customer_key, preferred)) {
    return;  // the customer left the line; the callback is queued or being dialled
  } else if (router_.Balks(w, customer_key)) {
    TurnAway(w, ContactOutcome::kBalked);
  } else {
    recorder_.Tally(w, [](Counters& k) { k.offered++; });
    router_.TakeLine(type);
    router_.Enqueue(w, customer_key, preferred);
  }
}

void Replication::TurnAway(const Work& w, ContactOutcome outcome) {
  const bool balked = outcome == ContactOutcome::kBalked;
  recorder_.Tally(w, [balked](Counters& k) {
    if (balked) {
      k.offered++;
      k.balked++;
    } else {
      k.blocked++;
    }
  });
  if (w.asked_for >= 0) recorder_.CountAsked(w, 0);
  recorder_.Log(balked ? EventKind::kBalk : EventKind::kBlock, w, -1);
  recorder_.Trace(w, kNaN, sim_.now(), 0, -1, outcome);
  warm_.Drop(w.journey);
  if (balked) {
    control_.CountDecided(false);
    journeys_.Abandoned(w.journey, w.type);
  } else {
    journeys_.Blocked(w.journey, w.type);
  }
}

int Replication::FindAgent(int type, double arrival, const Eligibility** terms,
                           int64_t ahead) {
  int agent = router_.FindIdleAgent(type, arrival, terms);
  if (agent < 0 && is_chat_[type]) agent = chat_.FindAgent(type, arrival, terms);
  if (agent < 0 && ahead >= 0 && router_.HasConditions(type)) [[unlikely]] {
    agent = router_.FindConditionalAgent(type, ahead, terms);
  }
  return agent;
}

void Replication::Answer(int agent, const Eligibility& terms, const Work& w) {
  const ContactTypeModel& tm = model_.types()[w.type];
  Agent& a = agents_[agent];
  const double now = sim_.now();
  const double wait = now - w.arrival;
  // (Interference is 1 for all but a chat beside others: only chats join chats in hand.)
  // An agent holding the customer (a warm transfer) confers with this one, then leaves.
  const double consult = warm_.Connect(w.journey);
  const Journeys::Handling h = journeys_.Handle(w, terms, a.factor, ChatChannel::Interference(a),
                                                a.resolution, consult);
  const double handle = h.talk + w.wrap_up;
  const bool within = wait <= tm.sl_threshold;
  control_.CountDecided(within);
  recorder_.Tally(w, [&](Counters& k) {
    k.answered++;
    k.answered_within += within;
    k.wait_answered += wait;
    k.handle += handle;
    k.transfers_out +=
        h.outcome == ContactOutcome::kTransferred || h.outcome == ContactOutcome::kDisconnected;
    k.escalations_out += h.outcome == ContactOutcome::kEscalated;
  });
  recorder_.result().wait_total += wait;
  if (w.counted) recorder_.CountHandling(agent, w.type, handle, wait, h.outcome);
  if (w.asked_for >= 0) recorder_.CountAsked(w, wait);
  recorder_.Log(EventKind::kAnswer, w, agent);
  if (a.state == AgentState::kIdle) recorder_.Spell(agent, AgentState::kIdle, a.state_since, now);
  if (is_chat_[w.type]) {
    chat_.Open(agent, handle);
  } else {
    a.busy_since = now;
    a.talk_end = now + h.talk;
    if (h.warm_consult >= 0) [[unlikely]] {
      warm_.Hold(agent, w, h.talk, h.warm_consult);  // free (and traced) when released
    } else {
      sim_.Schedule(now + handle, kAgentFree, agent, static_cast<uint32_t>(agent));
    }
    // Under `lines` a voice talk holds its line until it ends (wrap-up holds none).
    if (router_.HoldsLine(w.type)) [[unlikely]] {
      router_.FreeLineAt(a.talk_end, agent, w.type);
    }
  }
  a.state = AgentState::kBusy;
  a.idle_since = -1;
  if (h.warm_consult < 0) recorder_.Trace(w, now, now + h.talk, handle, agent, h.outcome);
  journeys_.Answered(w, agent, h);
}

void Replication::OnAbandon(const engine::Event& e) {
  if (!router_.StillWaiting(e) || router_.contact(e.payload).abandon_at != e.time) {
    return;  // answered before its patience ran out
  }
  recorder_.CountEvent();
  LeaveQueue(router_.Unqueue(e.payload), ContactOutcome::kAbandoned);
}

void Replication::OnMaxWait(const engine::Event& e) {
  if (!router_.StillWaiting(e)) return;  // answered, or gone, before max_wait
  const WaitingContact& c = router_.contact(e.payload);
  // (A later contact of the same customer may hold the slot: it came later.)
  if (c.arrival + model_.types()[c.type].max_wait != e.time) return;
  recorder_.CountEvent();
  if (model_.types()[c.type].max_wait_callback) {
    callbacks_.FromMaxWait(e.payload);
  } else {
    LeaveQueue(router_.Unqueue(e.payload), ContactOutcome::kMessage);
  }
}

void Replication::OnClose(int type) {
  recorder_.CountEvent();
  // The Router's slots are a dense pool: every waiting contact sits below the last one
  // found, so the scan ends inside it.
  int64_t left = router_.waiting(type);
  for (uint32_t slot = 0; left > 0; ++slot) {
    const WaitingContact& c = router_.contact(slot);
    if (!c.waiting || c.type != type || c.callback >= 0) continue;  // callbacks are still made
    --left;
    LeaveQueue(router_.Unqueue(slot), ContactOutcome::kClosed);
  }
  router_.ScheduleNextClose(type);
}

void Replication::LeaveQueue(const Work& w, ContactOutcome outcome) {
  recorder_.CountLeft(w, outcome, sim_.now());
  control_.CountDecided(false);
  router_.FreeLine(w.type);
  warm_.Drop(w.journey);
  if (outcome == ContactOutcome::kAbandoned) {
    journeys_.Abandoned(w.journey, w.type);
  } else {
    journeys_.ToldToCallBack(w.journey, w.type);
  }
}

void Replication::OnOverflow(const engine::Event& e) {
  if (!router_.StillWaiting(e) || router_.contact(e.payload).reserved_for >= 0) return;
  recorder_.CountEvent();
  const WaitingContact& c = router_.contact(e.payload);
  if (c.callback >= 0 && router_.HeldBehindLive(c.type)) return;  // live contacts first
  const Eligibility* terms = nullptr;
  const int agent = FindAgent(c.type, c.arrival, &terms);
  if (agent < 0) return;
  const Work w = router_.Unqueue(e.payload);
  recorder_.Log(EventKind::kOverflow, w, agent);
  Serve(agent, *terms, w);
}

void Replication::OnPreferredExpiry(const engine::Event& e) {
  if (!router_.StillWaiting(e) || router_.contact(e.payload).reserved_for < 0) return;
  recorder_.CountEvent();
  router_.OpenToAnyone(e.payload);
  const WaitingContact& c = router_.contact(e.payload);
  const Eligibility* terms = nullptr;
  // (A callback met no overflow condition: those are looked at for live contacts.)
  const int agent =
      FindAgent(c.type, c.arrival, &terms, c.callback < 0 ? router_.waiting(c.type) - 1 : -1);
  if (agent >= 0) Serve(agent, *terms, router_.Unqueue(e.payload));
}

void Replication::OnAgentFree(int agent) {
  recorder_.CountEvent();
  const Agent& a = agents_[agent];
  const double now = sim_.now();
  recorder_.AddBusy(agent, a.busy_since, now);
  if (recorder_.events_on()) {
    recorder_.Log(EventKind::kAgentFree, -1, -1, -1, agent);
    recorder_.Spell(agent, AgentState::kBusy, a.busy_since, a.talk_end);
    recorder_.Spell(agent, AgentState::kWrapUp, a.talk_end, now);
  }
  if (workforce_.AfterContact(agent)) TakeNextContactOrIdle(agent);
}

void Replication::OnTalkEnd(uint32_t j) {
  const std::optional<Journeys::Contact> next = journeys_.OnTalkEnd(j);
  if (!next) warm_.Drop(j);  // a warm transfer cut short by journeys.max_contacts
  Offer(next, j);
}

void Replication::OnChatEnd(const engine::Event& e) {
  const int agent = static_cast<int>(e.payload);
  if (chat_.Close(e)) {
    OnAgentFree(agent);  // its last chat: counts the event
    return;
  }
  recorder_.CountEvent();
  TakeMoreChats(agent);
}

void Replication::TakeNextContactOrIdle(int agent) {
  const Router::Pick pick = router_.NextFor(agent);
  if (pick.slot == Router::kNone) {
    router_.MakeIdle(agent);
    workforce_.LookAgainAtHeldBreak(agent);
    return;
  }
  Serve(agent, *pick.terms, router_.Unqueue(pick.slot));
  // (A contact that waited for this agent in particular is taken alone.)
  if (!pick.reserved() && agents_[agent].chats > 0) TakeMoreChats(agent);
}

void Replication::TakeMoreChats(int agent) {
  while (chat_.HasRoom(agent)) {
    const Router::Pick pick = router_.NextChatFor(agents_[agent].group);
    if (pick.slot == Router::kNone) return;
    Answer(agent, *pick.terms, router_.Unqueue(pick.slot));
  }
}

int64_t Replication::EndUnserved() {
  const int64_t waiting = router_.waiting_total() + router_.callbacks_queued_total();
  // The Router's slots are a dense pool: every waiting contact sits below the last one
  // found, so the scan ends inside it.
  int64_t left = waiting;
  for (uint32_t slot = 0; left > 0; ++slot) {
    if (!router_.contact(slot).waiting) continue;
    --left;
    const Work w = router_.Unqueue(slot);
    if (w.callback >= 0) {
      callbacks_.Unserved(w);
      continue;
    }
    recorder_.CountLeft(w, ContactOutcome::kUnserved, sim_.now());
    router_.FreeLine(w.type);
    warm_.Drop(w.journey);
    journeys_.Unserved(w.journey);
  }
  return waiting;
}

}  // namespace
}  // namespace internal

ReplicationResult Simulate(const Model& model, int replication, const SimulateOptions& options) {
  ReplicationResult r = internal::Replication(model, replication, options).Run();
  if (const auto& costs = model.scenario().costs) PriceReplication(*costs, model.seats(), r);
  return r;
}

}  // namespace ccsim::model
