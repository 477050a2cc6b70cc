#include "sim/model/agent_ranking.h"

#include <algorithm>
#include <cassert>
#include <limits>

namespace ccsim::model {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kHour = 3600;

double Ratio(double num, double den) { return den > 0 ? num / den : kNaN; }
}  // namespace

const char* ToString(Band b) {
  switch (b) {
    case Band::kTop:
      return "top";
    case Band::kMiddle:
      return "middle";
    case Band::kBottom:
      return "bottom";
    case Band::kNone:
      break;
  }
  return "none";
}

const char* ToString(BandFigure f) {
  switch (f) {
    case BandFigure::kAgents:
      return "agents";
    case BandFigure::kContacts:
      return "contacts";
    case BandFigure::kAht:
      return "aht";
    case BandFigure::kOccupancy:
      return "occupancy";
    case BandFigure::kResolvedShare:
      return "resolved_share";
    case BandFigure::kResolvedPerHour:
      return "resolved_per_hour";
  }
  return "?";
}

std::vector<AgentFigures> RankAgents(std::span<const AgentResult> agents,
                                     std::span<const AgentSeat> seats) {
  assert(seats.size() == agents.size());
  std::vector<AgentFigures> out(agents.size());
  std::vector<int> staffed;  // agent ids to rank
  for (size_t i = 0; i < agents.size(); ++i) {
    const AgentResult& a = agents[i];
    AgentFigures& f = out[i];
    f.agent = static_cast<int>(i);
    f.group = seats[i].group;
    f.contacts = static_cast<double>(a.contacts);
    f.aht = Ratio(a.handle, static_cast<double>(a.contacts));
    f.occupancy = Ratio(a.busy, a.staffed);
    f.resolved_share = Ratio(static_cast<double>(a.resolved), static_cast<double>(a.contacts));
    f.resolved_per_hour = Ratio(static_cast<double>(a.resolved), a.staffed / kHour);
    f.asa = Ratio(a.wait, static_cast<double>(a.contacts));
    f.asked_for = static_cast<double>(a.asked);
    f.asked_wait = Ratio(a.asked_wait, static_cast<double>(a.asked));
    if (a.staffed > 0) staffed.push_back(f.agent);
  }
  // Best score first; the ids are pushed in order, so a stable sort breaks ties by id.
  std::stable_sort(staffed.begin(), staffed.end(), [&](int x, int y) {
    return out[x].resolved_per_hour > out[y].resolved_per_hour;
  });
  const int n = static_cast<int>(staffed.size());
  const int top = (n + 2) / 3;                // ceil(n / 3)
  const int bottom = std::min(top, n - top);  // as many, when there are enough agents
  for (int r = 0; r < n; ++r) {
    AgentFigures& f = out[staffed[r]];
    f.rank = r;
    f.band = r < top ? Band::kTop : r >= n - bottom ? Band::kBottom : Band::kMiddle;
  }
  return out;
}

std::array<BandValues, kBandCount> BandAverages(std::span<const AgentResult> agents,
                                                std::span<const AgentFigures> ranked) {
  assert(ranked.size() == agents.size());
  struct Sums {
    double agents = 0, contacts = 0, resolved = 0, handle = 0, busy = 0, staffed = 0;
  };
  std::array<Sums, kBandCount> sums{};
  for (size_t i = 0; i < agents.size(); ++i) {
    if (ranked[i].band == Band::kNone) continue;
    const AgentResult& a = agents[i];
    Sums& s = sums[static_cast<int>(ranked[i].band)];
    s.agents += 1;
    s.contacts += static_cast<double>(a.contacts);
    s.resolved += static_cast<double>(a.resolved);
    s.handle += a.handle;
    s.busy += a.busy;
    s.staffed += a.staffed;
  }
  std::array<BandValues, kBandCount> out;
  for (int b = 0; b < kBandCount; ++b) {
    const Sums& s = sums[b];
    BandValues& v = out[b];
    v[static_cast<int>(BandFigure::kAgents)] = s.agents;
    v[static_cast<int>(BandFigure::kContacts)] = Ratio(s.contacts, s.agents);
    v[static_cast<int>(BandFigure::kAht)] = Ratio(s.handle, s.contacts);
    v[static_cast<int>(BandFigure::kOccupancy)] = Ratio(s.busy, s.staffed);
    v[static_cast<int>(BandFigure::kResolvedShare)] = Ratio(s.resolved, s.contacts);
    v[static_cast<int>(BandFigure::kResolvedPerHour)] = Ratio(s.resolved, s.staffed / kHour);
  }
  return out;
}

}  // namespace ccsim::model
