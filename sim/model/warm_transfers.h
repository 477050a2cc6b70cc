// Warm transfers: an agent whose handling ends in a warm transfer stays with the customer
// (busy) after its talk, while the customer waits in the target type's queue, until an
// agent of the target answers; both are then busy for the consult (the second agent's talk
// begins with it), and the first goes to its wrap-up. A customer who leaves that queue
// unanswered (abandons, balks, is blocked, gets a message, is cleared at a close, is left
// unserved at the end) or whose journey ends before the transfer releases the first agent
// at once, with no consult: it then does its wrap-up.
//
// The first agent's handling runs from its answer to the end of the consult, plus its
// wrap-up: its contact record (end, handle_time), its type's `aht`, its own figures and its
// busy time all count the hold and the consult.
//
// Example (Replication):
//   const double consult = warm_.Connect(w.journey);    // an agent answers w: any holder freed
//   ... h = journeys_.Handle(w, terms, ..., consult);
//   if (h.warm_consult >= 0) warm_.Hold(agent, w, h.talk, h.warm_consult);
//
// Thread safety: none; one per replication.
#ifndef CCSIM_MODEL_WARM_TRANSFERS_H_
#define CCSIM_MODEL_WARM_TRANSFERS_H_

#include <cstdint>
#include <vector>

#include "sim/engine/simulator.h"
#include "sim/model/centre_state.h"
#include "sim/model/model.h"
#include "sim/model/recorder.h"

namespace ccsim::model::internal {

class WarmTransfers {
 public:
  WarmTransfers(const Model& model, engine::Simulator& sim, std::vector<Agent>& agents,
                Recorder& recorder);

  // `agent` answered `w` now; its talk of `talk` ends in a warm transfer with `consult`. It
  // holds the customer from then on: nothing frees it until Connect or Drop, and the
  // record of its handling waits until then.
  void Hold(int agent, const Work& w, double talk, double consult);
  // An agent answers the customer of journey `j` now: the agent holding the customer, if
  // any, is freed after the consult. Returns the consult (0 when nobody holds it), which
  // the answering agent's talk begins with.
  double Connect(uint32_t j) {
    const int agent = HolderOf(j);
    if (agent < 0) return 0;
    const double consult = held_[agent].consult;
    Release(agent, sim_.now() + consult);
    return consult;
  }
  // The customer of journey `j` left unanswered now, or its journey ended: the agent
  // holding it, if any, is freed now.
  void Drop(uint32_t j) {
    const int agent = HolderOf(j);
    if (agent >= 0) Release(agent, sim_.now());
  }

 private:
  int HolderOf(uint32_t j) const { return on_ && j < holder_.size() ? holder_[j] : -1; }
  // The holder leaves the customer at `talk_end`, then does its wrap-up.
  void Release(int agent, double talk_end);

  // A handling held after its talk: the contact, when it was answered, its talk, the consult.
  struct Held {
    Work w;
    double answer = 0;
    double talk = 0;
    double consult = 0;
  };

  engine::Simulator& sim_;
  std::vector<Agent>& agents_;
  Recorder& recorder_;
  const bool on_;                // the scenario has warm transfers
  std::vector<Held> held_;       // by agent (the scenario has warm transfers)
  std::vector<int32_t> holder_;  // by journey slot: the agent holding its customer, or -1
};

}  // namespace ccsim::model::internal

#endif  // CCSIM_MODEL_WARM_TRANSFERS_H_
