// Real-time control (SPEC §2 `real_time`): every check_every, the service level of the
// contacts decided in the last `window`; below the trigger, an alert, breaks held back
// (postpone_breaks) and reserves called in (call_in). Without `real_time`, it does nothing.
//
// Thread safety: none; one per replication.
#ifndef CCSIM_MODEL_REAL_TIME_CONTROL_H_
#define CCSIM_MODEL_REAL_TIME_CONTROL_H_

#include <array>
#include <vector>

#include "sim/engine/simulator.h"
#include "sim/model/centre_state.h"
#include "sim/model/model.h"
#include "sim/model/recorder.h"

namespace ccsim::model::internal {

class RealTimeControl {
 public:
  RealTimeControl(const Model& model, engine::Simulator& sim, const std::vector<Agent>& agents,
                  Recorder& recorder);

  // Schedules the first check.
  void Start();

  // A contact's fate was decided now: answered within its threshold or not (answered
  // later, or left unanswered: abandoned, balked, message, closed). Kept in buckets of
  // check_every.
  void CountDecided(bool answered_within) {
    if (!on_) return;
    decided_.back()[0] += 1;
    decided_.back()[1] += answered_within;
  }

  void OnCheck();

  // Breaks held back may be taken again, unless a later alert extended the hold.
  bool OnBreaksResume();

  // Whether a break due at `due` is held back now: by at most postpone_breaks.max past it.
  bool BreakHeld(double due) const {
    const double now = sim_.now();
    return now < breaks_held_until_ && now < due + *s_.real_time->postpone_breaks_max;
  }
  // When to look again at a held break due at `due`: the hold ends or its delay reaches
  // its cap. REQUIRES: BreakHeld(due).
  double LookAgainAt(double due) const;

 private:
  const Model& model_;
  const scenario::Scenario& s_;
  engine::Simulator& sim_;
  const std::vector<Agent>& agents_;
  Recorder& recorder_;
  const bool on_;

  double breaks_held_until_ = -kInfinity;       // no break starts before
  double called_in_until_ = -kInfinity;         // reserves are on their way or on duty until
  std::vector<std::array<double, 2>> decided_;  // per check period: decided, within
};

}  // namespace ccsim::model::internal

#endif  // CCSIM_MODEL_REAL_TIME_CONTROL_H_
