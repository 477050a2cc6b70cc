// The workforce of a replication: agents coming on and off duty (shifts, absence), breaks,
// coaching sessions and real-time control.
#include "sim/model/replication_internal.h"

namespace ccsim::model::internal {

// Schedules the agent's next break, if it falls due before its shift ends and before
// the horizon (agents draining the centre after the horizon take no more breaks).
void Replication::ScheduleNextBreak(int agent) {
  const Agent& a = agents_[agent];
  const std::vector<scenario::Break>& breaks = ShiftOf(a).breaks;
  if (a.next_break >= static_cast<int>(breaks.size())) return;
  const double due = std::max(now_, a.shift_start + breaks[a.next_break].after);
  if (due < a.shift_end && due < s_.horizon) Push(due, kBreakDue, agent, agent);
}

// At time 0: constant-headcount agents come on duty (unless absent for the run), shift
// agents wait for their first shift.
void Replication::StartAgent(int agent) {
  Agent& a = agents_[agent];
  const AgentSeat& seat = model_.seats()[agent];
  a.group = seat.group;
  a.shift = seat.shift;
  a.reserve = seat.reserve;
  if (model_.agent_factor()) {
    RandomStream g(options_.seed, rep_, kAgentStream, agent);
    a.factor = (*model_.agent_factor())(g);
  }
  const auto& coaching = s_.agent_groups[a.group].coaching;
  if (coaching && !a.reserve) {
    // Sessions spread evenly over the cycle: agent i of n first at (i + 0.5) / n cycles
    // (call-in reserves, numbered last in the group, are not coached).
    const AgentGroupModel& g = model_.groups()[a.group];
    int regular = g.agents;
    for (int r : model_.reserves()) regular -= model_.seats()[r].group == a.group;
    const double first = (agent - g.first_agent + 0.5) / regular * coaching->every;
    if (first < s_.horizon) Push(first, kCoachingDue, agent, agent);
  }
  if (a.reserve) return;
  if (a.shift >= 0) {
    const double start = ShiftOf(a).start;
    if (start < s_.horizon) Push(start, kShiftStart, agent, agent);
    return;
  }
  if (Absent(agent, 0)) return;
  a.staffed_since = 0;
  TakeNextContactOrIdle(agent);
}

bool Replication::Absent(int agent, int day) {
  const double p = s_.agent_groups[agents_[agent].group].absenteeism;
  if (p <= 0) return false;
  RandomStream g(options_.seed, rep_, kAbsenceStream, agent, day);
  return g.Uniform01() <= p;
}

void Replication::OnShiftStart(int agent) {
  ++result_.events;
  Agent& a = agents_[agent];
  if (a.reserve) {
    OnCallIn(agent);
    return;
  }
  const scenario::Shift& shift = ShiftOf(a);
  const int day = a.day++;
  if (shift.repeat == scenario::ShiftRepeat::kDaily &&
      shift.start + (day + 1) * kDay < s_.horizon) {
    Push(shift.start + (day + 1) * kDay, kShiftStart, agent, agent);
  }
  if (a.state != AgentState::kOffline) {
    // Still on duty from the last shift (a contact ran past its end, or shifts meet):
    // the agent carries on into this one.
    a.shift_start = now_;
    const double end = shift.end + day * kDay;
    a.shift_end = end < s_.horizon ? end : kInfinity;
    if (std::isfinite(a.shift_end)) Push(a.shift_end, kShiftEnd, agent, agent);
    a.next_break = 0;
    ScheduleNextBreak(agent);
    return;
  }
  if (Absent(agent, day)) return;
  Spell(agent, AgentState::kOffline, a.state_since, now_);
  a.shift_start = now_;
  const double end = shift.end + day * kDay;
  // Agents on duty at the horizon stay until the centre is empty.
  a.shift_end = end < s_.horizon ? end : kInfinity;
  if (std::isfinite(a.shift_end)) Push(a.shift_end, kShiftEnd, agent, agent);
  a.next_break = 0;
  a.staffed_since = now_;
  ScheduleNextBreak(agent);
  GetToWork(agent);
}

void Replication::OnShiftEnd(int agent) {
  ++result_.events;
  // A busy agent finishes the contact in hand first (OnAgentFree); one on a break or
  // in coaching leaves when it ends (OnAwayEnd).
  if (agents_[agent].state == AgentState::kIdle) GoOffline(agent);
}

void Replication::OnBreakDue(int agent) {
  ++result_.events;
  // A busy agent takes it as soon as it is free (OnAgentFree).
  // (GetToWork takes an idle agent off its idle list when it leaves the phones.)
  if (agents_[agent].state == AgentState::kIdle && BreakIsDue(agents_[agent])) {
    GetToWork(agent);
  } else {
    LookAgainAtHeldBreak(agent);
  }
}

// When the agent's due break is held back, looks again when the hold ends or the
// break's delay reaches its cap (an idle agent has nothing else to wake it).
void Replication::LookAgainAtHeldBreak(int agent) {
  const Agent& a = agents_[agent];
  if (a.shift < 0 || a.next_break >= static_cast<int>(ShiftOf(a).breaks.size())) return;
  const double due = a.shift_start + ShiftOf(a).breaks[a.next_break].after;
  if (due > now_ || !BreakHeld(due)) return;
  const double again = std::min(breaks_held_until_, due + *s_.real_time->postpone_breaks_max);
  if (again < a.shift_end) Push(again, kBreakDue, agent, agent);
}

void Replication::OnCoachingDue(int agent) {
  ++result_.events;
  Agent& a = agents_[agent];
  const double every = s_.agent_groups[a.group].coaching->every;
  if (now_ + every < s_.horizon) Push(now_ + every, kCoachingDue, agent, agent);
  a.coaching_due = true;  // taken at once when idle, else when next free on duty
  if (a.state == AgentState::kIdle) GetToWork(agent);
}

// The agent leaves the phones for a break or a coaching session.
void Replication::StartAway(int agent, AgentState state, double duration) {
  Agent& a = agents_[agent];
  LeaveIdle(agent);
  AddStaffed(agent, a.staffed_since, now_);
  a.staffed_since = -1;
  a.state = state;
  a.state_since = now_;
  Push(now_ + duration, kAwayEnd, agent, agent);
}

void Replication::OnAwayEnd(int agent) {
  ++result_.events;
  Agent& a = agents_[agent];
  Spell(agent, a.state, a.state_since, now_);
  if (a.state == AgentState::kBreak) {
    AddOnBreak(a.state_since, now_);
  } else {
    const scenario::Coaching& c = *s_.agent_groups[a.group].coaching;
    // Faster by the improvement, but never pushed below the floor (nor up to it).
    a.factor = std::min(a.factor, std::max(c.floor, a.factor * (1 - c.improvement)));
    ++result_.coaching_sessions;
  }
  a.state_since = now_;
  if (now_ >= a.shift_end) {
    a.state = AgentState::kOffline;
    return;
  }
  a.staffed_since = now_;
  if (a.shift >= 0) ScheduleNextBreak(agent);
  GetToWork(agent);
}

void Replication::OnRealTimeCheck() {
  ++result_.events;
  const scenario::RealTime& rt = *s_.real_time;
  const size_t buckets = static_cast<size_t>(std::ceil(rt.window / rt.check_every - 1e-9));
  double decided = 0, within = 0;
  for (size_t i = decided_.size() > buckets ? decided_.size() - buckets : 0; i < decided_.size();
       ++i) {
    decided += decided_[i][0];
    within += decided_[i][1];
  }
  decided_.push_back({0, 0});
  if (decided_.size() > buckets + 1) decided_.erase(decided_.begin());
  if (now_ + rt.check_every < s_.horizon) Push(now_ + rt.check_every, kRealTimeCheck, 0, 0);
  if (decided == 0 || within / decided >= rt.service_level_below) return;
  // Control acts while the centre is open: with nobody on duty there is no one to call
  // in beside, nor a break to hold.
  if (std::none_of(agents_.begin(), agents_.end(),
                   [](const Agent& x) { return x.state != AgentState::kOffline; })) {
    return;
  }
  // The service level is below the trigger: an alert, and the actions.
  ++result_.alerts;
  Log(EventKind::kAlert, -1, -1, -1, -1);
  if (rt.postpone_breaks_max) {
    breaks_held_until_ = now_ + *rt.postpone_breaks_max;
    Push(breaks_held_until_, kBreaksResume, 0, 0);
  }
  if (rt.call_in && now_ >= called_in_until_) {
    const scenario::CallIn& c = *rt.call_in;
    called_in_until_ = now_ + c.delay + c.duration;
    for (int agent : model_.reserves()) Push(now_ + c.delay, kShiftStart, agent, agent);
  }
}

// Breaks held back by real-time control may be taken again: idle agents whose break
// fell due meanwhile take it now (busy ones when they are free).
void Replication::OnBreaksResume() {
  if (now_ < breaks_held_until_) return;  // a later alert extended the hold
  ++result_.events;
  for (int agent = 0; agent < model_.agent_count(); ++agent) {
    if (agents_[agent].state == AgentState::kIdle && BreakIsDue(agents_[agent])) {
      GetToWork(agent);
    }
  }
}

// A reserve agent called in by real-time control comes on duty for call_in.for.
void Replication::OnCallIn(int agent) {
  Agent& a = agents_[agent];
  Spell(agent, AgentState::kOffline, a.state_since, now_);
  a.shift_start = now_;
  const double end = now_ + s_.real_time->call_in->duration;
  a.shift_end = end < s_.horizon ? end : kInfinity;
  if (std::isfinite(a.shift_end)) Push(a.shift_end, kShiftEnd, agent, agent);
  a.staffed_since = now_;
  TakeNextContactOrIdle(agent);
}

void Replication::GoOffline(int agent) {
  Agent& a = agents_[agent];
  LeaveIdle(agent);
  AddStaffed(agent, a.staffed_since, now_);
  a.staffed_since = -1;
  a.state = AgentState::kOffline;
  a.state_since = now_;
}

// Takes an idle agent off its idle list, closing its idle spell.
void Replication::LeaveIdle(int agent) {
  Agent& a = agents_[agent];
  if (a.state != AgentState::kIdle) return;
  TakeIfIdle(agent);
  Spell(agent, AgentState::kIdle, a.state_since, now_);
  a.idle_since = -1;
}

}  // namespace ccsim::model::internal
