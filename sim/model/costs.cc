#include "sim/model/costs.h"

#include <cstddef>

namespace ccsim::model {

namespace {
constexpr double kHour = 3600;
}  // namespace

void PriceReplication(const scenario::Costs& costs, const std::vector<AgentSeat>& seats,
                      ReplicationResult& r) {
  MoneyResult& m = r.money;
  const size_t groups = costs.agent_hour.size();
  m.paid_by_group.assign(groups, 0.0);
  m.agents_by_group.assign(groups, 0.0);
  for (size_t a = 0; a < r.agents.size(); ++a) m.paid_by_group[seats[a].group] += r.agents[a].paid;
  for (size_t g = 0; g < groups; ++g) {
    m.agents_by_group[g] = m.paid_by_group[g] / kHour * costs.agent_hour[g].value_or(0.0);
  }
  const size_t types = r.by_type.size();
  m.contacts_by_type.assign(types, 0.0);
  m.revenue_by_type.assign(types, 0.0);
  for (size_t t = 0; t < types; ++t) {
    const Counters& c = r.by_type[t];
    const int64_t lost = c.abandoned + c.balked + c.messages + c.closed;
    m.contacts_by_type[t] = costs.per_handled[t] * static_cast<double>(c.answered) +
                            costs.per_abandoned[t] * static_cast<double>(lost + c.blocked) +
                            costs.per_callback[t] * static_cast<double>(c.callbacks_accepted);
    m.revenue_by_type[t] =
        costs.revenue_per_resolved[t] * static_cast<double>(r.resolved_by_type[t]);
  }
}

}  // namespace ccsim::model
