#include "sim/model/model.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "sim/model/open_hours.h"
#include "sim/scenario/calendar.h"

namespace ccsim::model {

namespace {

OutcomeSet MakeOutcomes(const std::vector<scenario::Outcome>& outcomes) {
  OutcomeSet set;
  for (const scenario::Outcome& o : outcomes) {
    set.push_back({.kind = o.kind,
                   .probability = o.probability,
                   .transfer_to = o.transfer_to,
                   .context_lost = o.context_lost,
                   .re_explain = Sampler(o.re_explain),
                   .disconnect = o.disconnect,
                   .warm = o.warm,
                   .consult = Sampler(o.consult)});
  }
  return set;
}

}  // namespace

Model::Model(const scenario::Scenario& s) : scenario_(s), lines_(s.lines.value_or(-1)) {
  // Types first: their outcome sets come before the skills' own.
  BuildTypes(s);
  BuildGroups(s);
  AddOverflow(s);
  IndexServes();
  for (const OutcomeSet& set : outcome_sets_) {
    for (const OutcomeModel& o : set) has_warm_transfers_ = has_warm_transfers_ || o.warm;
  }
  if (s.handle_time_cv > 0) {
    agent_factor_ = Sampler({.kind = scenario::DistributionKind::kLognormal, .mean = 1,
                             .sd = s.handle_time_cv});
  }
  interval_count_ = std::max(1, static_cast<int>(std::ceil(s.horizon / s.interval)));
}

void Model::BuildBehaviour(const scenario::Scenario& s, int t) {
  const scenario::ContactType& ct = s.contact_types[t];
  ContactTypeModel& m = types_[t];
  m.balking = ct.balking;
  if (ct.max_wait) {
    m.max_wait = ct.max_wait->after;
    m.max_wait_callback = ct.max_wait->then == scenario::MaxWaitThen::kCallback;
  }
  if (ct.retrial) {
    m.retrial_on_abandoned = ct.retrial->on_abandoned;
    m.retrial_on_blocked = ct.retrial->on_blocked;
  }
  m.holds_line = s.lines.has_value() && ct.channel == scenario::Channel::kVoice;
  if (ct.open && ct.open->at_close == scenario::AtClose::kClear) {
    // A close at the horizon still clears; later ones fall in the drain after it.
    const OpenHoursModel open(*ct.open,
                              s.start ? scenario::Calendar(*s.start).SecondsIntoWeek(0) : 0);
    for (double close = open.NextClose(0); close <= s.horizon; close = open.NextClose(close)) {
      m.clear_at.push_back(close);
    }
  }
}

void Model::BuildCallback(const scenario::Scenario& s, int t) {
  const scenario::ContactType& ct = s.contact_types[t];
  if (!ct.callback) return;
  const scenario::Callback& c = *ct.callback;
  types_[t].callback = CallbackModel{.offer = c.offer,
                                     .expected_wait_over = c.expected_wait_over,
                                     .queue_over = c.queue_over,
                                     .accept = c.accept,
                                     .keep_place = c.keep_place,
                                     .reach = c.reach,
                                     .redial_delay = Sampler(c.redial_delay),
                                     .redial_max = c.redial_max,
                                     .dial_time = c.dial_time,
                                     .threshold = ct.service_level.callback_threshold};
  has_callbacks_ = true;
}

void Model::BuildTypes(const scenario::Scenario& s) {
  const int n_types = static_cast<int>(s.contact_types.size());
  types_.resize(n_types);
  // Types without outcomes share one empty set: a handling reads its set's header to see
  // that it is empty, and one header stays in the cache where one a type would not.
  int empty_set = -1;
  for (int t = 0; t < n_types; ++t) {
    const scenario::ContactType& ct = s.contact_types[t];
    ContactTypeModel& m = types_[t];
    m.arrivals = ArrivalProcess(s, t);
    m.handle_time = Sampler(ct.handle_time);
    m.wrap_up = Sampler(ct.wrap_up);
    m.fixed_wrap_up = m.wrap_up.is_constant() ? m.wrap_up.mean() : std::nan("");
    m.channel = ct.channel;
    // Email never abandons: it waits in the backlog until answered.
    if (ct.patience && ct.channel != scenario::Channel::kEmail) m.patience = Sampler(*ct.patience);
    if (ct.retrial) {
      m.retrial_probability = ct.retrial->probability;
      m.retrial_delay = Sampler(ct.retrial->delay);
    }
    m.queue_capacity = ct.queue_capacity.value_or(-1);
    OutcomeSet outcomes = MakeOutcomes(ct.outcomes);
    if (!outcomes.empty() || empty_set < 0) {
      m.outcome_set = static_cast<int>(outcome_sets_.size());
      outcome_sets_.push_back(std::move(outcomes));
      if (outcome_sets_.back().empty()) empty_set = m.outcome_set;
    } else {
      m.outcome_set = empty_set;
    }
    if (ct.repeat) {
      m.repeat_probability = ct.repeat->probability;
      m.repeat_delay = Sampler(ct.repeat->delay);
    }
    if (ct.escalation) {
      m.escalation_to = ct.escalation->to;
      m.escalation_after = ct.escalation->after;
    }
    m.priority = ct.priority;
    m.sl_threshold = ct.service_level.threshold;
    BuildBehaviour(s, t);
    BuildCallback(s, t);
  }
}

void Model::BuildGroups(const scenario::Scenario& s) {
  groups_.resize(s.agent_groups.size());
  for (size_t g = 0; g < s.agent_groups.size(); ++g) {
    const scenario::AgentGroup& ag = s.agent_groups[g];
    AgentGroupModel& m = groups_[g];
    m.first_agent = agent_count_;
    if (ag.shifts.empty()) {
      m.agents = ag.agents;
      seats_.insert(seats_.end(), ag.agents, AgentSeat{.group = static_cast<int>(g)});
    } else {
      for (size_t sh = 0; sh < ag.shifts.size(); ++sh) {
        m.agents += ag.shifts[sh].agents;
        seats_.insert(seats_.end(), ag.shifts[sh].agents,
                      AgentSeat{.group = static_cast<int>(g), .shift = static_cast<int>(sh)});
      }
    }
    // The people take the group's first seats (the first shift's first). A loaded scenario
    // has a seat for each; one changed in code (ccsim staff's trial staffing) may not, and
    // then the last people sit out.
    for (size_t i = 0; i < ag.people.size(); ++i) {
      if (i < static_cast<size_t>(m.agents)) {
        AgentSeat& seat = seats_[m.first_agent + i];
        seat.person = static_cast<int>(people_.size());
        seat.handle_time_factor = ag.people[i].handle_time_factor;
        seat.resolution_factor = ag.people[i].resolution_factor;
      }
      people_.push_back(ag.people[i].name);
    }
    if (s.real_time && s.real_time->call_in && s.real_time->call_in->group == static_cast<int>(g)) {
      for (int i = 0; i < s.real_time->call_in->agents; ++i) {
        reserves_.push_back(m.first_agent + m.agents);
        seats_.push_back({.group = static_cast<int>(g), .reserve = true});
        ++m.agents;
      }
    }
    m.skill_count = static_cast<int>(ag.skills.size());
    m.concurrency = std::min(ag.concurrency, kMaxConcurrency);
    agent_count_ += m.agents;
    for (const scenario::Skill& sk : ag.skills) {
      int outcome_set = -1;
      if (sk.outcomes) {
        outcome_set = static_cast<int>(outcome_sets_.size());
        outcome_sets_.push_back(MakeOutcomes(*sk.outcomes));
      }
      types_[sk.contact_type].groups.push_back({.group = static_cast<int>(g),
                                                .contact_type = sk.contact_type,
                                                .after = 0,
                                                .level = sk.level,
                                                .outcome_set = outcome_set,
                                                .handle_time_factor = sk.handle_time_factor});
    }
  }
}

void Model::AddOverflow(const scenario::Scenario& s) {
  // Overflow: a group gains a type after a wait, or by a condition (an infinite `after`:
  // the Router opens it). A group that already serves the type directly keeps its direct
  // terms; several rules for one pair keep the shortest wait (the loader allows a rule
  // with a condition only alone for its pair).
  for (const scenario::Overflow& o : s.routing.overflow) {
    ContactTypeModel& m = types_[o.contact_type];
    const double after = o.when == scenario::OverflowWhen::kAfter
                             ? o.after
                             : std::numeric_limits<double>::infinity();
    for (int g : o.add_groups) {
      auto it = std::find_if(m.groups.begin(), m.groups.end(),
                             [g](const Eligibility& e) { return e.group == g; });
      if (it != m.groups.end()) {
        it->after = std::min(it->after, after);
        continue;
      }
      int max_level = 1;
      for (const scenario::Skill& sk : s.agent_groups[g].skills) max_level = std::max(max_level, sk.level);
      m.groups.push_back({.group = g, .contact_type = o.contact_type, .after = after,
                          .level = max_level + 1, .handle_time_factor = 1.0});
    }
  }
}

void Model::IndexServes() {
  for (size_t t = 0; t < types_.size(); ++t) {
    ContactTypeModel& m = types_[t];
    std::sort(m.groups.begin(), m.groups.end(),
              [](const Eligibility& a, const Eligibility& b) { return a.group < b.group; });
    for (const Eligibility& e : m.groups) {
      groups_[e.group].serves.push_back(e);
      if (e.after > 0 && std::isfinite(e.after)) m.overflow_delays.push_back(e.after);
    }
    std::sort(m.overflow_delays.begin(), m.overflow_delays.end());
    m.overflow_delays.erase(std::unique(m.overflow_delays.begin(), m.overflow_delays.end()),
                            m.overflow_delays.end());
  }
}

int Model::IntervalOf(double t) const {
  // Clamped before the conversion: a time long after the horizon (a handle time of years)
  // divided by a short interval does not fit in an int.
  const double i = t / scenario_.interval;
  if (!(i >= 1)) return 0;
  return i >= interval_count_ ? interval_count_ - 1 : static_cast<int>(i);
}

}  // namespace ccsim::model
