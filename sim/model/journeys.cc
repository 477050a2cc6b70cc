#include "sim/model/journeys.h"

#include <algorithm>
#include <cmath>

#include "sim/model/pending_event.h"
#include "sim/model/router.h"

namespace ccsim::model::internal {

Journeys::Journeys(const Model& model, engine::Simulator& sim, const Streams& streams,
                   Pool<Journey>& pool, Recorder& recorder)
    : model_(model),
      s_(model.scenario()),
      sim_(sim),
      streams_(streams),
      pool_(pool),
      recorder_(recorder),
      preferred_agent_(s_.routing.preferred_agent_wait.has_value()) {
  const size_t n_types = model.types().size();
  arrivals_.reserve(n_types);
  for (size_t t = 0; t < n_types; ++t) {
    arrivals_.push_back({.stream = streams.Get(kArrivalStream, t)});
  }
}

void Journeys::ScheduleFirstArrivals() {
  for (size_t t = 0; t < model_.types().size(); ++t) ScheduleArrival(static_cast<int>(t), 0.0);
}

void Journeys::ScheduleArrival(int type, double after) {
  Arrivals& a = arrivals_[type];
  const ArrivalProcess::Draws draws{.seed = streams_.seed,
                                    .replication = static_cast<uint32_t>(streams_.replication)};
  const double t = model_.types()[type].arrivals.Next(after, a.cursor, a.stream, draws);
  if (std::isfinite(t)) sim_.Schedule(t, kArrival, type, static_cast<uint32_t>(type));
}

uint32_t Journeys::OnArrival(int type) {
  recorder_.CountEvent();
  const double now = sim_.now();
  const uint32_t j = pool_.Add({.customer_key = CustomerKey(type, arrivals_[type].next_seq++),
                                .customer_id = next_customer_id_++,
                                .start = now,
                                .counted = now >= s_.warmup});
  if (pool_[j].counted) recorder_.result().journeys.started++;
  ScheduleArrival(type, now);
  return j;
}

Work Journeys::NewContact(int type, uint32_t j, EventKind how) {
  const ContactTypeModel& tm = model_.types()[type];
  Journey& journey = pool_[j];
  const double now = sim_.now();
  journey.contacts++;
  Work w{.contact_id = next_contact_id_++,
         .journey = j,
         .arrival = now,
         .base_handle = 0,
         .wrap_up = tm.fixed_wrap_up,
         .type = type,
         .attempt = journey.contacts,
         .interval = model_.IntervalOf(now),
         .counted = now >= s_.warmup};
  {
    engine::RandomStream g = streams_.Get(kHandleStream, journey.customer_key, w.attempt);
    w.base_handle = tm.handle_time(g);
    // (Per-slot factors: the draw scaled by the factor of the slot the contact arrived in.)
    if (tm.arrivals.has_handle_time_factors()) {
      w.base_handle *= tm.arrivals.HandleTimeFactorAt(now);
    }
  }
  if (std::isnan(w.wrap_up)) {
    engine::RandomStream g = streams_.Get(kWrapUpStream, journey.customer_key, w.attempt);
    w.wrap_up = tm.wrap_up(g);
  }
  ++recorder_.result().arrivals_total;
  recorder_.Log(how, w, -1);
  if (how == EventKind::kTransfer) recorder_.Tally(w, [](Counters& k) { k.transfers_in++; });
  if (how == EventKind::kEscalation) {
    recorder_.Tally(w, [](Counters& k) { k.escalations_in++; });
  }
  return w;
}

int Journeys::PreferredAgent(uint32_t j, int type, EventKind how) const {
  if (!preferred_agent_ || how != EventKind::kRepeat) return -1;
  const int last = pool_[j].last_agent;
  if (last < 0 || !HasSkill(model_, model_.seats()[last].group, type)) return -1;
  return last;
}

Journeys::Handling Journeys::Handle(const Work& w, const Eligibility& terms,
                                    double agent_factor, double interference, double resolution,
                                    double consult) {
  const ContactTypeModel& tm = model_.types()[w.type];
  Journey& journey = pool_[w.journey];
  Handling h{.talk = w.base_handle * terms.handle_time_factor * agent_factor + journey.extra_talk,
             .outcome = ContactOutcome::kResolved};
  h.talk *= interference;
  h.talk += consult;
  journey.extra_talk = 0;
  if (tm.escalation_to >= 0 && h.talk > tm.escalation_after) {
    h.talk = tm.escalation_after;
    h.outcome = ContactOutcome::kEscalated;
    journey.next = Next::kEscalation;
    journey.next_type = tm.escalation_to;
  } else {
    DrawOutcome(terms.outcome_set >= 0 ? terms.outcome_set : tm.outcome_set, w, resolution, &h);
  }
  return h;
}

void Journeys::DrawOutcome(int set_index, const Work& w, double resolution, Handling* h) {
  const OutcomeSet& set = model_.outcome_sets()[set_index];
  if (set.empty()) return;
  Journey& journey = pool_[w.journey];
  engine::RandomStream g = streams_.Get(kOutcomeStream, journey.customer_key, w.attempt);
  // Outcome i has probability p_i / d: u <= sum(p / d) exactly when u * d <= sum(p).
  double u = g.Uniform01();
  if (resolution != 1) [[unlikely]] {
    double total = 0;
    for (const OutcomeModel& o : set) total += o.probability;
    u *= std::max(resolution, total);
  }
  double cumulative = 0;
  for (const OutcomeModel& o : set) {
    cumulative += o.probability;
    if (u > cumulative) continue;
    if (o.kind == scenario::Outcome::Kind::kUnresolved) {
      journey.next = Next::kLeave;
      journey.next_type = w.type;
      h->outcome = ContactOutcome::kUnresolved;
      return;
    }
    if (o.disconnect > 0 && g.Uniform01() <= o.disconnect) {
      journey.next = Next::kLeave;  // follows `repeat` of the type it was in
      journey.next_type = w.type;
      h->outcome = ContactOutcome::kDisconnected;
      return;
    }
    journey.next = Next::kTransfer;
    journey.next_type = o.transfer_to;
    if (o.context_lost) {
      engine::RandomStream r = streams_.Get(kReExplainStream, journey.customer_key, w.attempt);
      journey.extra_talk = o.re_explain(r);
    }
    if (o.warm) {
      engine::RandomStream c = streams_.Get(kConsultStream, journey.customer_key, w.attempt);
      h->warm_consult = o.consult(c);
    }
    h->outcome = ContactOutcome::kTransferred;
    return;
  }
}

void Journeys::Answered(const Work& w, int agent, const Handling& h) {
  Journey& journey = pool_[w.journey];
  journey.last_agent = agent;
  const double talk_end = sim_.now() + h.talk;
  if (h.outcome == ContactOutcome::kResolved) {
    End(w.journey, JourneyEnd::kResolved, talk_end);
  } else {
    sim_.Schedule(talk_end, kTalkEnd, journey.customer_key, w.journey);
  }
}

std::optional<Journeys::Contact> Journeys::OnTalkEnd(uint32_t j) {
  recorder_.CountEvent();
  switch (pool_[j].next) {
    case Next::kTransfer:
      return Continue(j, EventKind::kTransfer);
    case Next::kEscalation:
      return Continue(j, EventKind::kEscalation);
    default:  // unresolved or disconnected: maybe the customer comes back
      MaybeReturn(j, Next::kRepeat);
      return std::nullopt;
  }
}

std::optional<Journeys::Contact> Journeys::OnReturn(uint32_t j) {
  recorder_.CountEvent();
  return Continue(j, pool_[j].next == Next::kRetrial ? EventKind::kRetrial : EventKind::kRepeat);
}

void Journeys::Abandoned(uint32_t j, int type) {
  if (!model_.types()[type].retrial_on_abandoned) {
    End(j, JourneyEnd::kGivenUp, sim_.now());
    return;
  }
  pool_[j].next_type = type;
  MaybeReturn(j, Next::kRetrial);
}

void Journeys::Blocked(uint32_t j, int type) {
  if (!model_.types()[type].retrial_on_blocked) {
    End(j, JourneyEnd::kGivenUp, sim_.now());
    return;
  }
  pool_[j].next_type = type;
  MaybeReturn(j, Next::kRetrial);
}

void Journeys::ToldToCallBack(uint32_t j, int type) {
  pool_[j].next_type = type;
  MaybeReturn(j, Next::kRepeat);
}

std::optional<Journeys::Contact> Journeys::Continue(uint32_t j, EventKind how) {
  Journey& journey = pool_[j];
  if (journey.contacts >= s_.max_journey_contacts) {
    End(j, JourneyEnd::kGivenUp, sim_.now());
    return std::nullopt;
  }
  if (how == EventKind::kTransfer) journey.transfers++;
  if (how == EventKind::kRetrial) ++recorder_.result().retrials;
  return Contact{.type = journey.next_type, .how = how};
}

void Journeys::MaybeReturn(uint32_t j, Next why) {
  Journey& journey = pool_[j];
  const ContactTypeModel& tm = model_.types()[journey.next_type];
  const bool retrial = why == Next::kRetrial;
  const double p = retrial ? tm.retrial_probability : tm.repeat_probability;
  if (p <= 0) {
    End(j, JourneyEnd::kGivenUp, sim_.now());
    return;
  }
  engine::RandomStream g =
      streams_.Get(retrial ? kRetrialStream : kRepeatStream, journey.customer_key, journey.contacts);
  if (g.Uniform01() > p) {
    End(j, JourneyEnd::kGivenUp, sim_.now());
    return;
  }
  // A customer who would call again while the type is closed calls when it opens.
  const double at = tm.arrivals.open_hours().NextOpen(
      sim_.now() + (retrial ? tm.retrial_delay : tm.repeat_delay)(g));
  if (at >= s_.horizon) {  // arrivals, returns included, stop at the horizon
    End(j, JourneyEnd::kOpen, sim_.now());
    return;
  }
  journey.next = why;
  sim_.Schedule(at, kReturn, journey.customer_key, j);
}

void Journeys::End(uint32_t j, JourneyEnd how, double end) {
  recorder_.JourneyEnded(pool_[j], how, end);
  pool_.Free(j);
}

}  // namespace ccsim::model::internal
