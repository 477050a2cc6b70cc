#include "sim/model/idle_agents.h"

#include <algorithm>
#include <cstdint>

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

int KeepIdle(const scenario::Routing& routing, int group, int type) {
  for (const scenario::Reserve& r : routing.reserve) {
    if (r.group != group) continue;
    const bool reserved =
        std::find(r.for_types.begin(), r.for_types.end(), type) != r.for_types.end();
    return reserved ? 0 : r.idle_at_least;
  }
  return 0;
}

namespace {

// The rank of each (type, group) pair as the rows order them: AgentRank, after the skill
// level under `levels: rank` (levels numbered densely, so that level × span stays small).
// most_skilled ranks by level already.
class PlaceRanks {
 public:
  PlaceRanks(const Model& model, AgentSelection selection) : model_(model), selection_(selection) {
    by_level_ = model.scenario().routing.levels == scenario::Levels::kRank &&
                selection != AgentSelection::kMostSkilled;
    for (const ContactTypeModel& tm : model.types()) {
      for (const Eligibility& e : tm.groups) {
        levels_.push_back(e.level);
        span_ = std::max<uint64_t>(span_, AgentRank(selection, e, model.groups()[e.group]) + 1);
      }
    }
    std::sort(levels_.begin(), levels_.end());
    levels_.erase(std::unique(levels_.begin(), levels_.end()), levels_.end());
  }
  uint32_t Of(const Eligibility& e) const {
    const uint64_t rank = AgentRank(selection_, e, model_.groups()[e.group]);
    if (!by_level_) return static_cast<uint32_t>(rank);
    const uint64_t level =
        std::lower_bound(levels_.begin(), levels_.end(), e.level) - levels_.begin();
    // (Saturates only for inputs with millions of distinct levels and skills.)
    return static_cast<uint32_t>(std::min<uint64_t>(level * span_ + rank, UINT32_MAX));
  }

 private:
  const Model& model_;
  AgentSelection selection_;
  bool by_level_ = false;
  std::vector<int> levels_;  // distinct, ascending
  uint64_t span_ = 1;        // above every AgentRank
};

}  // namespace

IdleAgents::IdleAgents(const Model& model, AgentSelection selection) {
  const scenario::Routing& routing = model.scenario().routing;
  const PlaceRanks ranks(model, selection);
  std::vector<std::vector<Place>> by_group(model.groups().size());
  std::vector<std::vector<uint32_t>> needs(model.groups().size());
  for (const AgentGroupModel& g : model.groups()) {
    groups_.push_back({.ring = RingQueue<Idle>(g.agents)});
  }
  for (const ContactTypeModel& tm : model.types()) {
    Row row{.begin = static_cast<uint32_t>(keys_.size())};
    for (bool overflow : {false, true}) {
      if (overflow) row.overflow = static_cast<uint32_t>(keys_.size());
      for (const Eligibility& e : tm.groups) {
        if ((e.after > 0) != overflow) continue;
        const auto need = static_cast<uint32_t>(1 + KeepIdle(routing, e.group, e.contact_type));
        by_group[e.group].push_back({static_cast<uint32_t>(keys_.size()), ranks.Of(e)});
        needs[e.group].push_back(need);
        groups_[e.group].refresh_up_to = std::max(groups_[e.group].refresh_up_to, need);
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
    needs_.insert(needs_.end(), needs[g].begin(), needs[g].end());
    groups_[g].place_end = static_cast<uint32_t>(places_.size());
  }
}

int IdleAgents::EraseAt(int group, size_t i) {
  Group& g = groups_[group];
  const int agent = g.ring[i].agent;
  g.ring.erase_at(i);
  if (i == 0 || g.ring.size() < g.refresh_up_to) Refresh(group);
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

uint32_t IdleAgents::PlaceOf(int type, int group) const {
  for (uint32_t i = rows_[type].begin; i < rows_[type].end; ++i) {
    if (terms_[i].group == group) return i;
  }
  return kNone;
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
