// Callbacks (SPEC §9, virtual hold): the offer to a customer who would have to wait, the
// callback that max_wait {then: callback} makes of a contact waiting too long, and the
// agent's call back: busy for the type's dial time, then for the handling when the
// customer answers, or free again and the call tried once more `redial.delay` later, until
// `redial.max` redials have failed (the contact is then abandoned).
//
// An accepted callback is one contact: counted once in `offered`, in `answered` when
// reached, in `abandoned` when every call failed, in `unserved` when still queued at the
// end. Its customer has left the line: it holds no line, never abandons while it waits,
// and counts in neither the live service level nor the ASA.
//
// Expected wait (offer_when: {expected_wait_over}): Router::ExpectedWait, (q + 1) × b / n,
// where q is the number of contacts that would be served before the arriving one (the live
// contacts of its type waiting, and its type's queued callbacks when they keep their
// place), b the type's mean handle time plus mean wrap-up, and n the agents of the groups
// with a direct skill for it who are on duty and on the phones (not on a break or
// coaching; a chat agent counts as its group's concurrency); infinite when n = 0. It is
// the mean wait of the (q + 1)-th of n busy agents to come free, each after an
// exponential time of mean b. (The same formula as overflow's expected_wait_over.)
//
// Thread safety: none; one per replication.
#ifndef CCSIM_MODEL_CALLBACKS_H_
#define CCSIM_MODEL_CALLBACKS_H_

#include <cstdint>
#include <vector>

#include "sim/engine/simulator.h"
#include "sim/model/centre_state.h"
#include "sim/model/journeys.h"
#include "sim/model/model.h"
#include "sim/model/recorder.h"
#include "sim/model/router.h"

namespace ccsim::model::internal {

class Callbacks {
 public:
  Callbacks(const Model& model, engine::Simulator& sim, const Streams& streams,
            std::vector<Agent>& agents, Router& router, Journeys& journeys,
            Recorder& recorder);

  // The expected wait of a contact of `type` arriving now (above). REQUIRES: the type has
  // callbacks.
  double ExpectedWait(int type) const;

  // `w`, which would have to wait (it found no agent and was not blocked), is offered a
  // callback when its type's offer_when holds. True when the customer takes it: the
  // contact is offered, has left the line, and its callback is queued (for `preferred`
  // first when >= 0 and the callback keeps its place) or dialled by an idle agent.
  bool OfferOnArrival(const Work& w, uint64_t customer_key, int preferred);

  // max_wait {then: callback}: the live contact waiting in `slot` takes a callback now.
  void FromMaxWait(uint32_t slot);

  // `agent` calls back `w` (w.callback >= 0), taken from its queue, on `terms`.
  void Dial(int agent, const Eligibility& terms, const Work& w);

  // kDialEnd of the callback `id`: when the customer answers, the handling begins (the
  // agent stays busy) and -1 is returned; otherwise a redial is scheduled or the callback
  // fails, and the agent, now free, is returned.
  int OnDialEnd(uint32_t id);
  // kRedial of the callback `id`: dialled at once by an idle agent, else queued at the front.
  void OnRedial(uint32_t id);

  // Dials the own-queue callbacks that live contacts leaving the queue let through
  // (Router::unblocked_callbacks), while idle agents can take them.
  void DialUnblocked();

  // The callback `w` was still queued when no event was left (unserved).
  void Unserved(const Work& w);

 private:
  // A callback taken: the contact and the state of its calls.
  struct Pending {
    Work work;            // work.callback is the record's own index
    double accepted = 0;  // when the customer took it
    Eligibility terms;    // of the call in progress
    int32_t agent = -1;   // who makes it
    int32_t dials = 0;    // calls made so far
  };

  const CallbackModel& Of(int type) const { return *model_.types()[type].callback; }
  uint64_t CustomerKey(const Work& w) const { return journeys_[w.journey].customer_key; }
  // Whether offer_when holds for a contact of `type` arriving now.
  bool Offers(int type) const;
  // A callback of `w` taken now: its record (the contact counted in offered and as accepted
  // by the caller).
  uint32_t Take(const Work& w);
  // Dials callback `id` at once when an idle agent may, else queues it.
  void Place(uint32_t id, bool at_front, int reserved_for);
  // The customer answered: the handling begins (journeys, counters, trace).
  void Reached(Pending& cb);
  // Every call failed: the contact is abandoned.
  void Fail(uint32_t id);

  const Model& model_;
  engine::Simulator& sim_;
  const Streams& streams_;
  std::vector<Agent>& agents_;
  Router& router_;
  Journeys& journeys_;
  Recorder& recorder_;
  Pool<Pending> pool_;
};

}  // namespace ccsim::model::internal

#endif  // CCSIM_MODEL_CALLBACKS_H_
