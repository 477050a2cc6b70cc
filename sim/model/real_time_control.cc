#include "sim/model/real_time_control.h"

#include <algorithm>
#include <cmath>

#include "sim/model/pending_event.h"

namespace ccsim::model::internal {

RealTimeControl::RealTimeControl(const Model& model, engine::Simulator& sim,
                                 const std::vector<Agent>& agents, Recorder& recorder)
    : model_(model),
      s_(model.scenario()),
      sim_(sim),
      agents_(agents),
      recorder_(recorder),
      on_(s_.real_time.has_value()) {}

void RealTimeControl::Start() {
  if (!on_) return;
  decided_.push_back({0, 0});
  if (s_.real_time->check_every < s_.horizon) {
    sim_.Schedule(s_.real_time->check_every, kRealTimeCheck, 0, 0);
  }
}

void RealTimeControl::OnCheck() {
  recorder_.CountEvent();
  const scenario::RealTime& rt = *s_.real_time;
  const double now = sim_.now();
  const size_t buckets = static_cast<size_t>(std::ceil(rt.window / rt.check_every - 1e-9));
  double decided = 0, within = 0;
  for (size_t i = decided_.size() > buckets ? decided_.size() - buckets : 0; i < decided_.size();
       ++i) {
    decided += decided_[i][0];
    within += decided_[i][1];
  }
  decided_.push_back({0, 0});
  if (decided_.size() > buckets + 1) decided_.erase(decided_.begin());
  if (now + rt.check_every < s_.horizon) {
    sim_.Schedule(now + rt.check_every, kRealTimeCheck, 0, 0);
  }
  if (decided == 0 || within / decided >= rt.service_level_below) return;
  // Control acts while the centre is open: with nobody on duty there is no one to call
  // in beside, nor a break to hold.
  if (std::none_of(agents_.begin(), agents_.end(),
                   [](const Agent& x) { return x.state != AgentState::kOffline; })) {
    return;
  }
  // The service level is below the trigger: an alert, and the actions.
  ++recorder_.result().alerts;
  recorder_.Log(EventKind::kAlert, -1, -1, -1, -1);
  if (rt.postpone_breaks_max) {
    breaks_held_until_ = now + *rt.postpone_breaks_max;
    sim_.Schedule(breaks_held_until_, kBreaksResume, 0, 0);
  }
  if (rt.call_in && now >= called_in_until_) {
    const scenario::CallIn& c = *rt.call_in;
    called_in_until_ = now + c.delay + c.duration;
    for (int agent : model_.reserves()) sim_.Schedule(now + c.delay, kShiftStart, agent, agent);
  }
}

bool RealTimeControl::OnBreaksResume() {
  if (sim_.now() < breaks_held_until_) return false;
  recorder_.CountEvent();
  return true;
}

double RealTimeControl::LookAgainAt(double due) const {
  return std::min(breaks_held_until_, due + *s_.real_time->postpone_breaks_max);
}

}  // namespace ccsim::model::internal
