#include "sim/model/idle_agents.h"

namespace ccsim::model::internal {

using scenario::AgentSelection;

int AgentRank(AgentSelection selection, const Eligibility& e, const AgentGroupModel& group) {
  switch (selection) {
    case AgentSelection::kMostSkilled:
      return e.level;
    case AgentSelection::kFewestSkills:
      return group.skill_count;
    case AgentSelection::kLongestIdle:
    case AgentSelection::kRandom:
      break;
  }
  return 0;
}

IdleAgents::IdleAgents(const Model& model, AgentSelection selection) {
  std::vector<std::vector<Place>> by_group(model.groups().size());
  for (const AgentGroupModel& g : model.groups()) {
    groups_.push_back({.ring = RingQueue<Idle>(g.agents)});
  }
  for (const ContactTypeModel& tm : model.types()) {
    Row row{.begin = static_cast<uint32_t>(keys_.size())};
    for (bool overflow : {false, true}) {
      if (overflow) row.overflow = static_cast<uint32_t>(keys_.size());
      for (const Eligibility& e : tm.groups) {
        if ((e.after > 0) != overflow) continue;
        const int rank = AgentRank(selection, e, model.groups()[e.group]);
        by_group[e.group].push_back(
            {static_cast<uint32_t>(keys_.size()), static_cast<uint32_t>(rank)});
        keys_.push_back(kEmpty);
        terms_.push_back(e);
      }
    }
    row.end = static_cast<uint32_t>(keys_.size());
    rows_.push_back(row);
  }
  for (size_t g = 0; g < by_group.size(); ++g) {
    groups_[g].place_begin = static_cast<uint32_t>(places_.size());
    places_.insert(places_.end(), by_group[g].begin(), by_group[g].end());
    groups_[g].place_end = static_cast<uint32_t>(places_.size());
  }
}

int IdleAgents::EraseAt(int group, size_t i) {
  RingQueue<Idle>& ring = groups_[group].ring;
  const int agent = ring[i].agent;
  ring.erase_at(i);
  if (i == 0) Refresh(group);
  return agent;
}

bool IdleAgents::Erase(int group, int agent) {
  const RingQueue<Idle>& ring = groups_[group].ring;
  for (size_t i = 0; i < ring.size(); ++i) {
    if (ring[i].agent == agent) {
      EraseAt(group, i);
      return true;
    }
  }
  return false;
}

// Overflow rows are short and rarely reached (a contact that has waited), so each entry's
// wait is checked on its terms rather than kept in the row.
uint32_t IdleAgents::BestOverflow(int type, double arrival, double now) const {
  uint32_t best = kNone;
  for (uint32_t i = rows_[type].overflow; i < rows_[type].end; ++i) {
    if (keys_[i] == kEmpty || arrival + terms_[i].after > now) continue;
    if (Before(i, best)) best = i;
  }
  return best;
}

}  // namespace ccsim::model::internal
