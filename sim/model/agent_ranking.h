// Per-agent figures of one replication and the stack rank that sorts agents into three
// bands by productivity: resolved contacts per staffed hour.
//
// Rank: the agents with staffed time > 0 in [warmup, horizon], best score first, ties by
// agent id (lower first). Bands by rank: top = the best ceil(n/3), bottom = the worst
// ceil(n/3) (fewer when n is too small to fill both: n = 1 has only a top, n = 2 a top
// and a bottom), middle = the rest. An agent never staffed in the window is not ranked
// (Band::kNone).
//
// Example:
//   std::vector<AgentFigures> agents = RankAgents(result.agents, model.seats());
//   BandValues top = BandAverages(result.agents, agents)[static_cast<int>(Band::kTop)];
#ifndef CCSIM_MODEL_AGENT_RANKING_H_
#define CCSIM_MODEL_AGENT_RANKING_H_

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "sim/model/model.h"
#include "sim/model/results.h"

namespace ccsim::model {

// The value each band has in the result file's `band` enum; kNone is not a band.
enum class Band : int8_t { kNone = -1, kTop = 0, kMiddle = 1, kBottom = 2 };
inline constexpr int kBandCount = 3;  // top, middle, bottom
const char* ToString(Band b);         // "top", "middle", "bottom", "none"

// One agent in one replication; NaN where a ratio has no denominator (no contacts, or
// never staffed).
struct AgentFigures {
  int agent = 0;
  int group = 0;
  double contacts = 0;           // handled (arrived at or after warmup)
  double aht = 0;                // handle / contacts, seconds
  double occupancy = 0;          // busy / staffed
  double resolved_share = 0;     // resolved / contacts
  double resolved_per_hour = 0;  // resolved / staffed hours: the ranking score
  double asa = 0;                // mean wait of the contacts it answered, seconds
  double asked_for = 0;          // repeat contacts that asked for it (routing.preferred_agent)
  double asked_wait = 0;         // their mean wait, whoever answered them, seconds
  int rank = -1;                 // 0 = best; -1 when not ranked
  Band band = Band::kNone;
};

// Figures, rank and band of every agent, by agent id.
// REQUIRES: seats.size() == agents.size() (seats give each agent's group).
std::vector<AgentFigures> RankAgents(std::span<const AgentResult> agents,
                                     std::span<const AgentSeat> seats);

// What a band's agents did together in one replication, indexed by BandFigure.
enum class BandFigure {
  kAgents,           // agents in the band
  kContacts,         // contacts per agent of the band
  kAht,              // the band's handle / its contacts, seconds
  kOccupancy,        // the band's busy / its staffed time
  kResolvedShare,    // the band's resolved / its contacts
  kResolvedPerHour,  // the band's resolved / its staffed hours
};
inline constexpr int kBandFigureCount = 6;
const char* ToString(BandFigure f);  // the JSON key: "agents", "contacts", ...
using BandValues = std::array<double, kBandFigureCount>;

// Per band (index static_cast<int>(Band)): the band's figures, pooled over its agents as
// the centre's KPIs pool over all agents (a ratio of sums, so an agent with two contacts
// weighs less than one with two hundred). An empty band has 0 agents and NaN elsewhere.
// REQUIRES: `ranked` is RankAgents(agents, ...).
std::array<BandValues, kBandCount> BandAverages(std::span<const AgentResult> agents,
                                                std::span<const AgentFigures> ranked);

}  // namespace ccsim::model

#endif  // CCSIM_MODEL_AGENT_RANKING_H_
