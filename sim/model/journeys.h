// Customers' journeys: fresh arrivals, and what follows a handling or an abandonment:
// transfers, escalations, retrials, repeats (and the preferred agent a repeat asks for),
// until the journey is resolved, given up, or still open at the end.
//
// Journeys decides what comes next; the caller offers each new contact to the centre.
// Thread safety: none; one per replication.
#ifndef CCSIM_MODEL_JOURNEYS_H_
#define CCSIM_MODEL_JOURNEYS_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/engine/random_stream.h"
#include "sim/engine/simulator.h"
#include "sim/model/arrival_process.h"
#include "sim/model/centre_state.h"
#include "sim/model/model.h"
#include "sim/model/recorder.h"

namespace ccsim::model::internal {

class Journeys {
 public:
  // A journey's next contact: of `type`, arriving now as `how`.
  struct Contact {
    int type;
    EventKind how;
  };
  // How a handling goes: its talk time (wrap-up excluded) and how it ends.
  struct Handling {
    double talk;
    ContactOutcome outcome;
    // >= 0: the handling ends in a warm transfer whose consult takes this long (the agent
    // stays with the customer after its talk, until an agent of the target answers).
    double warm_consult = -1;
  };

  Journeys(const Model& model, engine::Simulator& sim, const Streams& streams,
           Pool<Journey>& pool, Recorder& recorder);

  const Journey& operator[](uint32_t j) const { return pool_[j]; }

  void ScheduleFirstArrivals();
  // A fresh customer of `type` arrives now (a kArrival event): its journey, and the
  // type's next arrival scheduled.
  uint32_t OnArrival(int type);

  // The journey's next contact, of `type`, arrives now as `how`: its id, handle and
  // wrap-up times drawn (counted and logged as arrived).
  Work NewContact(int type, uint32_t j, EventKind how);

  // routing.preferred_agent: the agent a repeat contact waits for first (the one who
  // served the customer last, when its group has the skill), or -1.
  int PreferredAgent(uint32_t j, int type, EventKind how) const;

  // An agent with personal handle-time factor `agent_factor` answers `w` on `terms`, its
  // talk (re-explaining included) `interference` times as long for the chats in its
  // hands, plus `consult` (the warm transfer that brought the customer: the agents confer
  // first). The escalation guideline cuts a talk that would run past it; otherwise the
  // outcomes (the skill's own, or the type's) are drawn, the probabilities of those not
  // resolved divided by max(`resolution`, their sum) (a named agent's resolution_factor).
  // Sets the journey's next step.
  Handling Handle(const Work& w, const Eligibility& terms, double agent_factor,
                  double interference, double resolution = 1, double consult = 0);
  // `agent` answered `w` now: the journey is resolved when its talk ends, or goes on then.
  void Answered(const Work& w, int agent, const Handling& h);

  // The handlers of the journeys' events: the next contact, unless the journey ended.
  std::optional<Contact> OnTalkEnd(uint32_t j);
  std::optional<Contact> OnReturn(uint32_t j);

  // A contact of `type` was abandoned now, or balked (an abandonment at arrival): the
  // customer may retry when the type's retrial.on has `abandoned` (the default).
  void Abandoned(uint32_t j, int type);
  // A contact of `type` found no line, or no agent and no room to wait: the customer may
  // retry when the type's retrial.on has `blocked`, else gives up.
  void Blocked(uint32_t j, int type);
  // A contact of `type` left the queue now with a message (max_wait) or at a close
  // (at_close: clear): the customer was told to call back, so follows the type's `repeat`.
  void ToldToCallBack(uint32_t j, int type);
  // Its contact was left unserved: the customer gets no answer, so the journey is given up.
  void Unserved(uint32_t j) { End(j, JourneyEnd::kGivenUp, sim_.now()); }

 private:
  void ScheduleArrival(int type, double after);
  // The journey's next contact, unless it has had as many as a journey may.
  std::optional<Contact> Continue(uint32_t j, EventKind how);
  // After an abandonment or a block (kRetrial), or an unresolved or disconnected handling, a
  // message or a close (kRepeat), of a contact of journey.next_type: the customer comes back
  // after a delay, or gives up.
  void MaybeReturn(uint32_t j, Next why);
  // How a handling of `w` ends by the outcome set's probabilities (divided as Handle says);
  // sets h->outcome, a warm transfer's consult, and the journey's next step (and the
  // re-explaining a lost context costs the next handling).
  void DrawOutcome(int set_index, const Work& w, double resolution, Handling* h);
  void End(uint32_t j, JourneyEnd how, double end);

  const Model& model_;
  const scenario::Scenario& s_;
  engine::Simulator& sim_;
  const Streams& streams_;
  Pool<Journey>& pool_;
  Recorder& recorder_;

  // A type's arrival state, in one aligned record (two cache lines) rather than three
  // arrays: with tens of types, each arrival finds its type's state out of the L1 cache.
  struct alignas(64) Arrivals {
    engine::RandomStream stream;
    ArrivalProcess::Cursor cursor;
    uint64_t next_seq = 0;  // for customer keys
  };
  std::vector<Arrivals> arrivals_;  // by contact type
  const bool preferred_agent_;      // routing.preferred_agent is on
  uint64_t next_customer_id_ = 0;
  uint64_t next_contact_id_ = 0;
};

}  // namespace ccsim::model::internal

#endif  // CCSIM_MODEL_JOURNEYS_H_
