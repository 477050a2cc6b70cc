#include "sim/model/workforce.h"

#include <algorithm>
#include <cmath>

#include "sim/model/pending_event.h"

namespace ccsim::model::internal {

Workforce::Workforce(const Model& model, engine::Simulator& sim, const Streams& streams,
                     std::vector<Agent>& agents, Router& router, Recorder& recorder,
                     const RealTimeControl& control)
    : model_(model),
      s_(model.scenario()),
      sim_(sim),
      streams_(streams),
      agents_(agents),
      router_(router),
      recorder_(recorder),
      control_(control) {}

bool Workforce::BreakIsDue(const Agent& a) const {
  if (a.shift < 0) return false;
  const std::vector<scenario::Break>& breaks = ShiftOf(a).breaks;
  if (a.next_break >= static_cast<int>(breaks.size())) return false;
  const double due = a.shift_start + breaks[a.next_break].after;
  const double now = sim_.now();
  return due <= now && now < a.shift_end && !control_.BreakHeld(due);
}

void Workforce::ScheduleNextBreak(int agent) {
  const Agent& a = agents_[agent];
  const std::vector<scenario::Break>& breaks = ShiftOf(a).breaks;
  if (a.next_break >= static_cast<int>(breaks.size())) return;
  const double due = std::max(sim_.now(), a.shift_start + breaks[a.next_break].after);
  if (due < a.shift_end && due < s_.horizon) sim_.Schedule(due, kBreakDue, agent, agent);
}

bool Workforce::StartAgent(int agent) {
  Agent& a = agents_[agent];
  const AgentSeat& seat = model_.seats()[agent];
  a.group = seat.group;
  a.shift = seat.shift;
  a.reserve = seat.reserve;
  // A named agent's own factors (1 for the others), times its drawn variation.
  a.factor = seat.handle_time_factor;
  a.resolution = seat.resolution_factor;
  if (model_.agent_factor()) {
    engine::RandomStream g = streams_.Get(kAgentStream, agent);
    a.factor *= (*model_.agent_factor())(g);
  }
  const auto& coaching = s_.agent_groups[a.group].coaching;
  if (coaching && !a.reserve) {
    // Sessions spread evenly over the cycle: agent i of n first at (i + 0.5) / n cycles
    // (call-in reserves, numbered last in the group, are not coached).
    const AgentGroupModel& g = model_.groups()[a.group];
    int regular = g.agents;
    for (int r : model_.reserves()) regular -= model_.seats()[r].group == a.group;
    const double first = (agent - g.first_agent + 0.5) / regular * coaching->every;
    if (first < s_.horizon) sim_.Schedule(first, kCoachingDue, agent, agent);
  }
  if (a.reserve) return false;
  if (a.shift >= 0) {
    const double start = ShiftOf(a).start;
    if (start < s_.horizon) sim_.Schedule(start, kShiftStart, agent, agent);
    return false;
  }
  if (Absent(agent, 0)) return false;
  Staff(a);
  a.paid_since = 0;
  return true;
}

bool Workforce::Absent(int agent, int day) const {
  const double p = s_.agent_groups[agents_[agent].group].absenteeism;
  if (p <= 0) return false;
  engine::RandomStream g = streams_.Get(kAbsenceStream, agent, day);
  return g.Uniform01() <= p;
}

void Workforce::BeginShiftOccurrence(int agent, double end) {
  Agent& a = agents_[agent];
  a.shift_start = sim_.now();
  // Agents on duty at the horizon stay until the centre is empty.
  a.shift_end = end < s_.horizon ? end : kInfinity;
  if (std::isfinite(a.shift_end)) sim_.Schedule(a.shift_end, kShiftEnd, agent, agent);
  a.next_break = 0;
}

bool Workforce::OnShiftStart(int agent) {
  recorder_.CountEvent();
  Agent& a = agents_[agent];
  if (a.reserve) {
    OnCallIn(agent);
    return true;
  }
  const scenario::Shift& shift = ShiftOf(a);
  const int day = a.day++;
  const double next_start = shift.start + (day + 1) * kDay;
  if (shift.repeat == scenario::ShiftRepeat::kDaily && next_start < s_.horizon) {
    sim_.Schedule(next_start, kShiftStart, agent, agent);
  }
  if (a.state != AgentState::kOffline) {
    // Still on duty from the last shift (a contact ran past its end, or shifts meet):
    // the agent carries on into this one.
    BeginShiftOccurrence(agent, shift.end + day * kDay);
    ScheduleNextBreak(agent);
    return false;
  }
  if (Absent(agent, day)) return false;
  recorder_.Spell(agent, AgentState::kOffline, a.state_since, sim_.now());
  BeginShiftOccurrence(agent, shift.end + day * kDay);
  Staff(a);
  a.paid_since = sim_.now();
  ScheduleNextBreak(agent);
  return !SendAwayIfDue(agent);
}

void Workforce::OnCallIn(int agent) {
  Agent& a = agents_[agent];
  const double now = sim_.now();
  recorder_.Spell(agent, AgentState::kOffline, a.state_since, now);
  a.shift_start = now;
  const double end = now + s_.real_time->call_in->duration;
  a.shift_end = end < s_.horizon ? end : kInfinity;
  if (std::isfinite(a.shift_end)) sim_.Schedule(a.shift_end, kShiftEnd, agent, agent);
  Staff(a);
  a.paid_since = now;
}

void Workforce::OnShiftEnd(int agent) {
  recorder_.CountEvent();
  // A busy agent finishes the contact in hand first (AfterContact); one on a break or
  // in coaching leaves when it ends (OnAwayEnd).
  if (agents_[agent].state == AgentState::kIdle) GoOffline(agent);
}

void Workforce::OnBreakDue(int agent) {
  recorder_.CountEvent();
  // A busy agent takes it as soon as it is free (AfterContact).
  if (agents_[agent].state == AgentState::kIdle && BreakIsDue(agents_[agent])) {
    SendAwayIfDue(agent);
  } else {
    LookAgainAtHeldBreak(agent);
  }
}

void Workforce::LookAgainAtHeldBreak(int agent) {
  const Agent& a = agents_[agent];
  if (a.shift < 0 || a.next_break >= static_cast<int>(ShiftOf(a).breaks.size())) return;
  const double due = a.shift_start + ShiftOf(a).breaks[a.next_break].after;
  if (due > sim_.now() || !control_.BreakHeld(due)) return;
  const double again = control_.LookAgainAt(due);
  if (again < a.shift_end) sim_.Schedule(again, kBreakDue, agent, agent);
}

void Workforce::OnCoachingDue(int agent) {
  recorder_.CountEvent();
  Agent& a = agents_[agent];
  const double every = s_.agent_groups[a.group].coaching->every;
  if (sim_.now() + every < s_.horizon) {
    sim_.Schedule(sim_.now() + every, kCoachingDue, agent, agent);
  }
  a.coaching_due = true;  // taken at once when idle, else when next free on duty
  if (a.state == AgentState::kIdle) SendAwayIfDue(agent);
}

bool Workforce::SendAwayIfDue(int agent) {
  Agent& a = agents_[agent];
  if (BreakIsDue(a)) {
    StartAway(agent, AgentState::kBreak, ShiftOf(a).breaks[a.next_break++].duration);
    return true;
  }
  if (a.coaching_due) {
    a.coaching_due = false;
    StartAway(agent, AgentState::kCoaching, s_.agent_groups[a.group].coaching->duration);
    return true;
  }
  return false;
}

bool Workforce::AfterContact(int agent) {
  if (sim_.now() >= agents_[agent].shift_end) {
    GoOffline(agent);
    return false;
  }
  return !SendAwayIfDue(agent);
}

void Workforce::StartAway(int agent, AgentState state, double duration) {
  Agent& a = agents_[agent];
  LeaveIdle(agent);
  Unstaff(agent);
  a.state = state;
  a.state_since = sim_.now();
  sim_.Schedule(sim_.now() + duration, kAwayEnd, agent, agent);
}

bool Workforce::OnAwayEnd(int agent) {
  recorder_.CountEvent();
  Agent& a = agents_[agent];
  const double now = sim_.now();
  recorder_.Spell(agent, a.state, a.state_since, now);
  if (a.state == AgentState::kBreak) {
    recorder_.AddOnBreak(a.state_since, now);
  } else {
    const scenario::Coaching& c = *s_.agent_groups[a.group].coaching;
    // Faster by the improvement, but never pushed below the floor (nor up to it).
    a.factor = std::min(a.factor, std::max(c.floor, a.factor * (1 - c.improvement)));
    ++recorder_.result().coaching_sessions;
  }
  a.state_since = now;
  if (now >= a.shift_end) {
    a.state = AgentState::kOffline;
    recorder_.AddPaid(agent, a.paid_since, now);
    a.paid_since = -1;
    return false;
  }
  Staff(a);
  if (a.shift >= 0) ScheduleNextBreak(agent);
  return !SendAwayIfDue(agent);
}

void Workforce::TakeDueBreaks() {
  for (int agent = 0; agent < model_.agent_count(); ++agent) {
    if (agents_[agent].state == AgentState::kIdle && BreakIsDue(agents_[agent])) {
      SendAwayIfDue(agent);
    }
  }
}

void Workforce::GoOffline(int agent) {
  Agent& a = agents_[agent];
  LeaveIdle(agent);
  Unstaff(agent);
  recorder_.AddPaid(agent, a.paid_since, sim_.now());
  a.paid_since = -1;
  a.state = AgentState::kOffline;
  a.state_since = sim_.now();
}

void Workforce::Staff(Agent& a) {
  if (a.staffed_since < 0) router_.CountOnDuty(a.group, 1);
  a.staffed_since = sim_.now();
}

void Workforce::Unstaff(int agent) {
  Agent& a = agents_[agent];
  recorder_.AddStaffed(agent, a.staffed_since, sim_.now());
  if (a.staffed_since >= 0) router_.CountOnDuty(a.group, -1);
  a.staffed_since = -1;
}

void Workforce::LeaveIdle(int agent) {
  Agent& a = agents_[agent];
  if (a.state != AgentState::kIdle) return;
  router_.TakeIfIdle(agent);
  recorder_.Spell(agent, AgentState::kIdle, a.state_since, sim_.now());
  a.idle_since = -1;
}

}  // namespace ccsim::model::internal
