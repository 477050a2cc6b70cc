// The workforce: agents coming on and off duty (shifts, absenteeism, call-in reserves),
// breaks and coaching sessions. It decides where an agent goes when free; an agent that
// ends up available for contacts is handed back to the caller (the functions returning
// true), which routes it.
//
// Thread safety: none; one per replication.
#ifndef CCSIM_MODEL_WORKFORCE_H_
#define CCSIM_MODEL_WORKFORCE_H_

#include <vector>

#include "sim/engine/simulator.h"
#include "sim/model/centre_state.h"
#include "sim/model/model.h"
#include "sim/model/real_time_control.h"
#include "sim/model/recorder.h"
#include "sim/model/router.h"

namespace ccsim::model::internal {

class Workforce {
 public:
  Workforce(const Model& model, engine::Simulator& sim, const Streams& streams,
            std::vector<Agent>& agents, Router& router, Recorder& recorder,
            const RealTimeControl& control);

  // At time 0: sets the agent up from its seat. True when it is on duty at once
  // (constant headcount, not absent); shift agents wait for their first shift.
  bool StartAgent(int agent);

  // The handlers of the workforce's events. True: the agent is available for contacts.
  bool OnShiftStart(int agent);
  void OnShiftEnd(int agent);
  void OnBreakDue(int agent);
  void OnCoachingDue(int agent);
  bool OnAwayEnd(int agent);

  // The contact in hand is finished: now the shift may end or a break or coaching begin.
  // True: the agent is available for contacts.
  bool AfterContact(int agent);

  // An agent just became idle: when its due break is held back, looks again when the
  // hold ends or the break's delay reaches its cap (nothing else would wake it).
  void LookAgainAtHeldBreak(int agent);

  // Idle agents whose break fell due while breaks were held take it now.
  void TakeDueBreaks();

  // Whether the agent's next break has fallen due (and its shift is still on), unless
  // real-time control holds breaks back.
  bool BreakIsDue(const Agent& a) const;

 private:
  const scenario::Shift& ShiftOf(const Agent& a) const {
    return s_.agent_groups[a.group].shifts[a.shift];
  }
  // A free agent on duty leaves for a break or coaching that fell due. False: none did.
  bool SendAwayIfDue(int agent);
  // Schedules the agent's next break, if it falls due before its shift ends and before
  // the horizon (agents draining the centre after the horizon take no more breaks).
  void ScheduleNextBreak(int agent);
  // Sets up the agent's occurrence of its shift that ends at `end` (before the horizon
  // or not at all).
  void BeginShiftOccurrence(int agent, double end);
  bool Absent(int agent, int day) const;
  // A reserve agent called in by real-time control comes on duty for call_in.for.
  void OnCallIn(int agent);
  // The agent leaves the phones for a break or a coaching session.
  void StartAway(int agent, AgentState state, double duration);
  void GoOffline(int agent);
  // The agent is staffed from now (on duty, not away), or no longer (its staffed time is
  // counted); the Router's count of agents on duty follows. (Kept out of line: they run
  // at shift and break changes, and inlined they would make AfterContact, run after every
  // contact, save more registers.)
  [[gnu::noinline]] void Staff(Agent& a);
  [[gnu::noinline]] void Unstaff(int agent);
  // Takes an idle agent off its idle list, closing its idle spell.
  void LeaveIdle(int agent);

  const Model& model_;
  const scenario::Scenario& s_;
  engine::Simulator& sim_;
  const Streams& streams_;
  std::vector<Agent>& agents_;
  Router& router_;
  Recorder& recorder_;
  const RealTimeControl& control_;
};

}  // namespace ccsim::model::internal

#endif  // CCSIM_MODEL_WORKFORCE_H_
