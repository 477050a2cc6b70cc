// The stack rank and its bands on hand-made AgentResults, worked out in the comments; and
// how Summarise carries them over replications.
#include "sim/model/agent_ranking.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "sim/model/model.h"
#include "sim/model/summary.h"

namespace ccsim::model {
namespace {

constexpr double kHour = 3600;

// An agent staffed `hours` who resolved `resolved` of `contacts`, `handle` s each, and was
// busy for all of its handling.
AgentResult Agent(double hours, int64_t resolved, int64_t contacts = -1, double handle = 300) {
  if (contacts < 0) contacts = resolved;
  return {.contacts = contacts,
          .resolved = resolved,
          .handle = handle * static_cast<double>(contacts),
          .busy = handle * static_cast<double>(contacts),
          .staffed = hours * kHour};
}

std::vector<AgentSeat> Seats(size_t n, int group = 0) {
  return std::vector<AgentSeat>(n, AgentSeat{.group = group});
}

std::vector<Band> Bands(const std::vector<AgentFigures>& f) {
  std::vector<Band> b;
  for (const AgentFigures& a : f) b.push_back(a.band);
  return b;
}

constexpr Band T = Band::kTop, M = Band::kMiddle, B = Band::kBottom, N = Band::kNone;

TEST(RankAgentsTest, SevenAgentsFallThreeOneThreeAndTheUnstaffedOneInNone) {
  // One hour each, so the score is the resolved count: 5 9 1 7 3 8 2, and agent 7 was
  // never staffed (absent). Rank: 1 (9), 5 (8), 3 (7) | 0 (5) | 4 (3), 6 (2), 2 (1).
  std::vector<AgentResult> agents = {Agent(1, 5), Agent(1, 9), Agent(1, 1), Agent(1, 7),
                                     Agent(1, 3), Agent(1, 8), Agent(1, 2), AgentResult{}};
  const std::vector<AgentFigures> f = RankAgents(agents, Seats(agents.size()));
  ASSERT_EQ(f.size(), 8u);
  EXPECT_EQ(Bands(f), (std::vector<Band>{M, T, B, T, B, T, B, N}));
  const std::vector<int> rank = {3, 0, 6, 2, 4, 1, 5, -1};
  for (size_t i = 0; i < f.size(); ++i) {
    EXPECT_EQ(f[i].agent, static_cast<int>(i));
    EXPECT_EQ(f[i].rank, rank[i]) << "agent " << i;
  }
  EXPECT_EQ(f[1].resolved_per_hour, 9);
  EXPECT_TRUE(std::isnan(f[7].resolved_per_hour));
  EXPECT_TRUE(std::isnan(f[7].occupancy));
  EXPECT_TRUE(std::isnan(f[7].aht));
}

TEST(RankAgentsTest, ScoreIsResolvedPerStaffedHourNotResolvedCount) {
  // 10 resolved in 4 h (2.5/h) ranks below 3 resolved in 1 h (3/h); a part-timer staffed
  // 30 min who resolved 2 scores 4/h and tops the rank.
  std::vector<AgentResult> agents = {Agent(4, 10), Agent(1, 3), Agent(0.5, 2)};
  const std::vector<AgentFigures> f = RankAgents(agents, Seats(3));
  EXPECT_EQ(Bands(f), (std::vector<Band>{B, M, T}));
  EXPECT_DOUBLE_EQ(f[0].resolved_per_hour, 2.5);
  EXPECT_DOUBLE_EQ(f[2].resolved_per_hour, 4);
}

TEST(RankAgentsTest, TiesGoByAgentId) {
  // Six equal scores: ids 0-1 top, 2-3 middle, 4-5 bottom.
  std::vector<AgentResult> agents(6, Agent(2, 6));
  const std::vector<AgentFigures> f = RankAgents(agents, Seats(6));
  EXPECT_EQ(Bands(f), (std::vector<Band>{T, T, M, M, B, B}));
  for (int i = 0; i < 6; ++i) EXPECT_EQ(f[i].rank, i);
}

TEST(RankAgentsTest, SmallTeams) {
  auto bands = [](int n) {
    std::vector<AgentResult> agents;
    for (int i = 0; i < n; ++i) agents.push_back(Agent(1, 10 - i));  // already in rank order
    return Bands(RankAgents(agents, Seats(agents.size())));
  };
  EXPECT_EQ(bands(0), (std::vector<Band>{}));
  EXPECT_EQ(bands(1), (std::vector<Band>{T}));
  EXPECT_EQ(bands(2), (std::vector<Band>{T, B}));
  EXPECT_EQ(bands(3), (std::vector<Band>{T, M, B}));
  EXPECT_EQ(bands(4), (std::vector<Band>{T, T, B, B}));
  EXPECT_EQ(bands(5), (std::vector<Band>{T, T, M, B, B}));
  EXPECT_EQ(bands(9), (std::vector<Band>{T, T, T, M, M, M, B, B, B}));
}

TEST(RankAgentsTest, FiguresOfOneAgent) {
  // 8 contacts of 250 s (2000 s busy) in 1 h staffed, 6 resolved; group from the seat.
  const std::vector<AgentResult> agents = {Agent(1, 6, 8, 250), Agent(1, 0, 0)};
  const std::vector<AgentSeat> seats = {{.group = 2}, {.group = 1}};
  const std::vector<AgentFigures> f = RankAgents(agents, seats);
  EXPECT_EQ(f[0].group, 2);
  EXPECT_EQ(f[1].group, 1);
  EXPECT_EQ(f[0].contacts, 8);
  EXPECT_DOUBLE_EQ(f[0].aht, 250);
  EXPECT_DOUBLE_EQ(f[0].occupancy, 2000.0 / 3600);
  EXPECT_DOUBLE_EQ(f[0].resolved_share, 0.75);
  EXPECT_DOUBLE_EQ(f[0].resolved_per_hour, 6);
  // Staffed but handled nothing: ranked (last), score 0, no AHT or resolved share.
  EXPECT_EQ(f[1].band, B);
  EXPECT_EQ(f[1].resolved_per_hour, 0);
  EXPECT_EQ(f[1].occupancy, 0);
  EXPECT_TRUE(std::isnan(f[1].aht));
  EXPECT_TRUE(std::isnan(f[1].resolved_share));
}

double Get(const BandValues& v, BandFigure f) { return v[static_cast<int>(f)]; }

TEST(BandAveragesTest, PooledOverTheBandsAgents) {
  // Top: agent 0 (4 of 4 resolved in 1 h, 100 s each) and agent 1 (8 of 12 in 2 h, 200 s
  // each), both 4/h. Bottom: agents 2 (1 of 2 in 1 h, 300 s) and 3 (0 of 1 in 3 h, 600 s);
  // with n = 4 no middle. Agent 4 was never staffed and counts nowhere.
  const std::vector<AgentResult> agents = {Agent(1, 4, 4, 100), Agent(2, 8, 12, 200),
                                           Agent(1, 1, 2, 300), Agent(3, 0, 1, 600),
                                           AgentResult{.contacts = 0}};
  const std::vector<AgentFigures> f = RankAgents(agents, Seats(agents.size()));
  ASSERT_EQ(Bands(f), (std::vector<Band>{T, T, B, B, N}));
  const auto bands = BandAverages(agents, f);
  const BandValues& top = bands[static_cast<int>(Band::kTop)];
  EXPECT_EQ(Get(top, BandFigure::kAgents), 2);
  EXPECT_DOUBLE_EQ(Get(top, BandFigure::kContacts), 8);               // (4 + 12) / 2
  EXPECT_DOUBLE_EQ(Get(top, BandFigure::kAht), (400.0 + 2400) / 16);  // 175, not 150
  EXPECT_DOUBLE_EQ(Get(top, BandFigure::kOccupancy), 2800.0 / (3 * kHour));
  EXPECT_DOUBLE_EQ(Get(top, BandFigure::kResolvedShare), 12.0 / 16);
  EXPECT_DOUBLE_EQ(Get(top, BandFigure::kResolvedPerHour), 12.0 / 3);
  const BandValues& middle = bands[static_cast<int>(Band::kMiddle)];
  EXPECT_EQ(Get(middle, BandFigure::kAgents), 0);
  for (int k = 1; k < kBandFigureCount; ++k) EXPECT_TRUE(std::isnan(middle[k])) << k;
  const BandValues& bottom = bands[static_cast<int>(Band::kBottom)];
  EXPECT_EQ(Get(bottom, BandFigure::kAgents), 2);
  EXPECT_DOUBLE_EQ(Get(bottom, BandFigure::kAht), (600.0 + 600) / 3);
  EXPECT_DOUBLE_EQ(Get(bottom, BandFigure::kResolvedPerHour), 1.0 / 4);
}

TEST(BandAveragesTest, Names) {
  EXPECT_STREQ(ToString(Band::kTop), "top");
  EXPECT_STREQ(ToString(Band::kMiddle), "middle");
  EXPECT_STREQ(ToString(Band::kBottom), "bottom");
  EXPECT_STREQ(ToString(Band::kNone), "none");
  EXPECT_STREQ(ToString(BandFigure::kResolvedPerHour), "resolved_per_hour");
}

// A valid centre of one contact type and one group of three agents.
scenario::Scenario ThreeAgents() {
  scenario::Scenario s;
  s.name = "three";
  s.horizon = 3600;
  s.interval = 3600;
  scenario::ContactType ct;
  ct.name = "call";
  ct.arrivals = scenario::Arrivals::Rate(0.01);
  ct.handle_time = scenario::Distribution::Constant(60);
  s.contact_types.push_back(ct);
  s.agent_groups.push_back({.name = "desk", .agents = 3, .skills = {{.contact_type = 0}}});
  return s;
}

TEST(SummariseAgentsTest, BandsAndAgentsOverReplications) {
  const Model model(ThreeAgents());
  ASSERT_EQ(model.seats().size(), 3u);
  // Replication 0: scores 3, 2, 1 → T M B. Replication 1: 1, 2, 3 → B M T. Replication 2:
  // agent 0 absent, 5, 1 → none, T, B.
  std::vector<ReplicationResult> results(3);
  results[0].agents = {Agent(1, 3), Agent(1, 2), Agent(1, 1)};
  results[1].agents = {Agent(1, 1), Agent(1, 2), Agent(1, 3)};
  results[2].agents = {AgentResult{}, Agent(1, 5), Agent(1, 1)};
  for (int r = 0; r < 3; ++r) {
    results[r].replication = r;
    results[r].by_type.resize(1);
  }
  const Summary s = Summarise(model, 1, results);
  EXPECT_EQ(s.group_names, (std::vector<std::string>{"desk"}));
  ASSERT_EQ(s.agents.size(), 3u);
  // Agent 0: top once, bottom once, none once: a three-way tie goes to top.
  EXPECT_EQ(s.agents[0].band_replications, (std::array<int, 4>{1, 0, 1, 1}));
  EXPECT_EQ(s.agents[0].band, Band::kTop);
  EXPECT_DOUBLE_EQ(s.agents[0].resolved_per_hour, 2);  // (3 + 1) / 2: the absent one skipped
  EXPECT_DOUBLE_EQ(s.agents[0].contacts, 4.0 / 3);     // 3, 1, 0
  // Agent 1: middle twice, top once.
  EXPECT_EQ(s.agents[1].band_replications, (std::array<int, 4>{1, 2, 0, 0}));
  EXPECT_EQ(s.agents[1].band, Band::kMiddle);
  EXPECT_DOUBLE_EQ(s.agents[1].resolved_per_hour, 3);
  // Agent 2: bottom twice.
  EXPECT_EQ(s.agents[2].band, Band::kBottom);
  EXPECT_EQ(s.agents[2].group, 0);
  // Bands over replications: top's resolved per hour 3, 3, 5; middle agents 1, 1, 0 and its
  // figures from the two replications that had one.
  const BandEstimates& top = s.bands[static_cast<int>(Band::kTop)];
  EXPECT_DOUBLE_EQ(top[BandFigure::kResolvedPerHour].mean, 11.0 / 3);
  EXPECT_EQ(top[BandFigure::kResolvedPerHour].n, 3);
  const BandEstimates& middle = s.bands[static_cast<int>(Band::kMiddle)];
  EXPECT_DOUBLE_EQ(middle[BandFigure::kAgents].mean, 2.0 / 3);
  EXPECT_EQ(middle[BandFigure::kResolvedPerHour].n, 2);
  EXPECT_DOUBLE_EQ(middle[BandFigure::kResolvedPerHour].mean, 2);
  EXPECT_EQ(middle[BandFigure::kResolvedPerHour].ci95, 0);
}

}  // namespace
}  // namespace ccsim::model
