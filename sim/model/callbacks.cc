#include "sim/model/callbacks.h"

#include "sim/model/pending_event.h"

namespace ccsim::model::internal {

Callbacks::Callbacks(const Model& model, engine::Simulator& sim, const Streams& streams,
                     std::vector<Agent>& agents, Router& router, Journeys& journeys,
                     Recorder& recorder)
    : model_(model),
      sim_(sim),
      streams_(streams),
      agents_(agents),
      router_(router),
      journeys_(journeys),
      recorder_(recorder) {}

double Callbacks::ExpectedWait(int type) const {
  // The Router's formula; queued callbacks that keep their place come before this one too.
  const int64_t ahead =
      router_.waiting(type) + (Of(type).keep_place ? router_.callbacks_queued(type) : 0);
  return router_.ExpectedWait(type, ahead);
}

bool Callbacks::Offers(int type) const {
  const CallbackModel& m = Of(type);
  switch (m.offer) {
    case scenario::CallbackOffer::kNever:
      return false;
    case scenario::CallbackOffer::kQueueOver:
      return router_.waiting(type) > m.queue_over;  // live contacts only
    case scenario::CallbackOffer::kExpectedWaitOver:
      return ExpectedWait(type) > m.expected_wait_over;
  }
  return false;
}

bool Callbacks::OfferOnArrival(const Work& w, uint64_t customer_key, int preferred) {
  if (!model_.types()[w.type].callback || !Offers(w.type)) return false;
  const CallbackModel& m = Of(w.type);
  recorder_.Tally(w, [](Counters& k) { k.callbacks_offered++; });
  recorder_.Log(EventKind::kCallbackOffer, w, -1);
  engine::RandomStream g = streams_.Get(kCallbackStream, customer_key, w.attempt);
  if (g.Uniform01() > m.accept) return false;  // in (0, 1]: accept 1 always takes it
  recorder_.Tally(w, [](Counters& k) {
    k.offered++;
    k.callbacks_accepted++;
  });
  Place(Take(w), /*at_front=*/false, m.keep_place ? preferred : -1);
  return true;
}

void Callbacks::FromMaxWait(uint32_t slot) {
  const WaitingContact& c = router_.contact(slot);
  const Work live = WorkOf(c);
  recorder_.Tally(live, [](Counters& k) {
    k.callbacks_offered++;
    k.callbacks_accepted++;
  });
  recorder_.Log(EventKind::kCallbackOffer, live, -1);
  recorder_.result().wait_total += sim_.now() - c.arrival;  // its wait in the line ends
  router_.FreeLine(c.type);
  if (Of(c.type).keep_place) {
    router_.MakeCallback(slot, static_cast<int32_t>(Take(live)));
    return;
  }
  router_.Unqueue(slot);
  Place(Take(live), /*at_front=*/false, -1);
}

uint32_t Callbacks::Take(const Work& w) {
  recorder_.Log(EventKind::kCallbackAccept, w, -1);
  const uint32_t id = pool_.Add({.work = w, .accepted = sim_.now()});
  pool_[id].work.callback = static_cast<int32_t>(id);
  return id;
}

void Callbacks::Place(uint32_t id, bool at_front, int reserved_for) {
  const Work& w = pool_[id].work;
  if (reserved_for < 0 && !router_.HeldBehindLive(w.type)) {
    const Eligibility* terms = nullptr;
    const int agent = router_.FindIdleAgent(w.type, w.arrival, &terms);
    if (agent >= 0) {
      Dial(agent, *terms, w);
      return;
    }
  }
  router_.EnqueueCallback(w, CustomerKey(w), reserved_for, at_front);
}

void Callbacks::Dial(int agent, const Eligibility& terms, const Work& w) {
  Pending& cb = pool_[w.callback];
  cb.terms = terms;
  cb.agent = agent;
  Agent& a = agents_[agent];
  const double now = sim_.now();
  if (a.state == AgentState::kIdle) recorder_.Spell(agent, AgentState::kIdle, a.state_since, now);
  a.state = AgentState::kBusy;
  a.idle_since = -1;
  a.busy_since = now;
  a.talk_end = now + Of(w.type).dial_time;
  recorder_.Log(EventKind::kDial, w, agent);
  sim_.Schedule(a.talk_end, kDialEnd, CustomerKey(w), static_cast<uint32_t>(w.callback));
}

int Callbacks::OnDialEnd(uint32_t id) {
  Pending& cb = pool_[id];
  const CallbackModel& m = Of(cb.work.type);
  const uint64_t sub = static_cast<uint64_t>(cb.work.attempt) * kDialsPerAttempt + cb.dials;
  engine::RandomStream g = streams_.Get(kDialStream, CustomerKey(cb.work), sub);
  ++cb.dials;
  if (g.Uniform01() <= m.reach) {  // in (0, 1]: reach 1 always answers
    Reached(cb);
    pool_.Free(id);
    return -1;
  }
  const int agent = cb.agent;
  recorder_.Log(EventKind::kNoAnswer, cb.work, agent);
  if (cb.dials <= m.redial_max) {
    sim_.Schedule(sim_.now() + m.redial_delay(g), kRedial, CustomerKey(cb.work), id);
  } else {
    Fail(id);
  }
  return agent;
}

void Callbacks::OnRedial(uint32_t id) { Place(id, /*at_front=*/true, -1); }

void Callbacks::Reached(Pending& cb) {
  const Work& w = cb.work;
  const int agent = cb.agent;
  Agent& a = agents_[agent];
  const double now = sim_.now();
  const CallbackModel& m = Of(w.type);
  const Journeys::Handling h = journeys_.Handle(w, cb.terms, a.factor, /*interference=*/1);
  const double handle = m.dial_time + h.talk + w.wrap_up;
  const double wait = now - cb.accepted;
  const bool within = wait <= m.threshold;
  recorder_.Tally(w, [&](Counters& k) {
    k.answered++;
    k.handle += handle;
    k.transfers_out +=
        h.outcome == ContactOutcome::kTransferred || h.outcome == ContactOutcome::kDisconnected;
    k.escalations_out += h.outcome == ContactOutcome::kEscalated;
    k.callbacks_reached++;
    k.callbacks_within += within;
    k.callback_wait += wait;
  });
  // (no wait on the line: a callback is not a live contact, as in asa)
  if (w.counted) recorder_.CountHandling(agent, w.type, handle, 0, h.outcome);
  recorder_.Log(EventKind::kAnswer, w, agent);
  a.talk_end = now + h.talk;
  sim_.Schedule(now + h.talk + w.wrap_up, kAgentFree, agent, static_cast<uint32_t>(agent));
  recorder_.Trace(w, now, now + h.talk, handle, agent, ContactOutcome::kCallback);
  journeys_.Answered(w, agent, h);
}

void Callbacks::Fail(uint32_t id) {
  const Work w = pool_[id].work;
  pool_.Free(id);
  recorder_.Tally(w, [](Counters& k) {
    k.abandoned++;
    k.callbacks_failed++;
  });
  recorder_.Log(EventKind::kAbandon, w, -1);
  recorder_.Trace(w, kNaN, sim_.now(), 0, -1, ContactOutcome::kCallback);
  journeys_.Abandoned(w.journey, w.type);
}

void Callbacks::DialUnblocked() {
  std::vector<int>& types = router_.unblocked_callbacks();
  for (int type : types) {
    for (uint32_t slot = router_.OwnQueueFront(type); slot != Router::kNone;
         slot = router_.OwnQueueFront(type)) {
      const Eligibility* terms = nullptr;
      const int agent = router_.FindIdleAgent(type, router_.contact(slot).arrival, &terms);
      if (agent < 0) break;
      Dial(agent, *terms, router_.Unqueue(slot));
    }
  }
  types.clear();
}

void Callbacks::Unserved(const Work& w) {
  pool_.Free(static_cast<uint32_t>(w.callback));
  recorder_.Tally(w, [](Counters& k) {
    k.unserved++;
    k.callbacks_unserved++;
  });
  recorder_.Trace(w, kNaN, sim_.now(), 0, -1, ContactOutcome::kUnserved);
  journeys_.Unserved(w.journey);
}

}  // namespace ccsim::model::internal
