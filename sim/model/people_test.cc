// Warm transfers and named agents (agent_groups.G.people), exact and hand-computed: replayed
// arrival times, constant talk and wrap-up, one agent a group. Every expected number is
// worked out in the comment beside it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <vector>

#include "sim/engine/random_stream.h"
#include "sim/model/centre_state.h"
#include "sim/model/kpi.h"
#include "sim/model/model.h"
#include "sim/model/replication.h"
#include "sim/model/summary.h"

namespace ccsim::model {
namespace {

using scenario::Distribution;

class RecordingSink : public TraceSink {
 public:
  void OnContacts(int, std::span<const ContactRecord> chunk) override {
    std::lock_guard<std::mutex> lock(mu_);
    rows.insert(rows.end(), chunk.begin(), chunk.end());
  }
  void OnAgentSpells(int, std::span<const AgentSpellRecord> chunk) override {
    std::lock_guard<std::mutex> lock(mu_);
    for (const AgentSpellRecord& s : chunk) {
      if (s.state == AgentState::kBusy || s.state == AgentState::kWrapUp) spells.push_back(s);
    }
  }
  void OnEvents(int, std::span<const EventRecord>) override {}
  std::vector<ContactRecord> rows;
  std::vector<AgentSpellRecord> spells;  // busy and wrap-up only

 private:
  std::mutex mu_;
};

struct Traced {
  ReplicationResult result;
  std::vector<ContactRecord> rows;  // in contact_id order
  std::vector<AgentSpellRecord> spells;  // busy and wrap-up, by agent then start
  std::vector<KpiValues> kpis;      // 0 overall, 1 + t type t

  double Kpi(int column, model::Kpi k) const { return kpis[column][static_cast<int>(k)]; }
  // The busy and wrap-up spells of `agent` as [start, end) pairs, in order.
  std::vector<std::array<double, 2>> SpellsOf(int agent, AgentState state) const {
    std::vector<std::array<double, 2>> out;
    for (const AgentSpellRecord& s : spells) {
      if (s.agent_id == agent && s.state == state) out.push_back({s.start, s.end});
    }
    return out;
  }
};

Traced Simulate(const scenario::Scenario& s) {
  const Model m(s);
  RecordingSink sink;
  Traced run;
  run.result = model::Simulate(m, 0, {.trace = &sink, .trace_level = TraceLevel::kEvents});
  run.rows = sink.rows;
  std::sort(run.rows.begin(), run.rows.end(), [](const ContactRecord& a, const ContactRecord& b) {
    return a.contact_id < b.contact_id;
  });
  run.spells = sink.spells;
  std::sort(run.spells.begin(), run.spells.end(),
            [](const AgentSpellRecord& a, const AgentSpellRecord& b) {
              return a.agent_id != b.agent_id ? a.agent_id < b.agent_id : a.start < b.start;
            });
  run.kpis = ReplicationKpis(run.result);
  return run;
}

// offered = answered + abandoned + balked + messages + closed + unserved; every contact that
// arrived is offered or blocked; Little's law on the sample path; every journey ended.
void ExpectFlowConserved(const Traced& run) {
  const Counters c = run.result.Overall();
  EXPECT_EQ(c.offered, c.answered + c.abandoned + c.balked + c.messages + c.closed + c.unserved);
  EXPECT_EQ(c.offered + c.blocked, run.result.arrivals_total);
  EXPECT_EQ(static_cast<int64_t>(run.rows.size()), run.result.arrivals_total);
  EXPECT_DOUBLE_EQ(run.result.queue_area, run.result.wait_total);
  const JourneyCounters& j = run.result.journeys;
  EXPECT_EQ(j.started, j.resolved + j.given_up + j.open_at_end);
}

scenario::ContactType Replayed(const std::string& name, std::vector<double> times, double talk,
                               double wrap_up) {
  scenario::ContactType ct;
  ct.name = name;
  ct.arrivals.kind = scenario::ArrivalKind::kFile;
  ct.arrivals.times = std::move(times);
  ct.handle_time = Distribution::Constant(talk);
  ct.wrap_up = Distribution::Constant(wrap_up);
  return ct;
}

scenario::AgentGroup Desk(const std::string& name, int agents, int type) {
  scenario::AgentGroup g;
  g.name = name;
  g.agents = agents;
  g.skills = {{.contact_type = type}};
  return g;
}

scenario::Outcome WarmTo(int type, double probability, double consult) {
  scenario::Outcome o;
  o.kind = scenario::Outcome::Kind::kTransfer;
  o.probability = probability;
  o.transfer_to = type;
  o.warm = true;
  o.consult = Distribution::Constant(consult);
  return o;
}

// front (talk 100, wrap-up 10) always ends in a warm transfer to back (talk 50, wrap-up 5)
// with a consult of 30; agent 0 serves front, agent 1 back. A front customer at 0; back
// customers at `back_times`. Horizon 1000.
scenario::Scenario FrontAndBack(std::vector<double> back_times) {
  scenario::Scenario s;
  s.name = "warm";
  s.horizon = 1000;
  s.interval = 1000;
  s.contact_types.push_back(Replayed("front", {0}, 100, 10));
  s.contact_types.push_back(Replayed("back", std::move(back_times), 50, 5));
  s.contact_types[0].outcomes = {WarmTo(1, 1, 30)};
  s.agent_groups.push_back(Desk("front_desk", 1, 0));
  s.agent_groups.push_back(Desk("back_desk", 1, 1));
  return s;
}

using Spans = std::vector<std::array<double, 2>>;

// ---- warm transfers ----

TEST(WarmTransferTest, TheFirstAgentHoldsTheCustomerUntilAnswerThenConsults) {
  // A (agent 0) answers the front customer at 0 and talks until 100. B (agent 1) took a
  // back customer at 60: talk until 110, wrap-up until 115. The transfer waits in back's
  // queue from 100; B answers it at 115. Both confer for 30: A leaves the customer at 145
  // and wraps up until 155. B's talk is the consult and its own 50: 115 → 195, wrap-up
  // until 200.
  const Traced run = Simulate(FrontAndBack({60}));
  ASSERT_EQ(run.rows.size(), 3u);
  const ContactRecord& first = run.rows[0];  // front, by A
  EXPECT_EQ(first.agent_id, 0);
  EXPECT_EQ(first.outcome, ContactOutcome::kTransferred);
  EXPECT_DOUBLE_EQ(first.answer, 0);
  EXPECT_DOUBLE_EQ(first.end, 145);          // with the customer until the consult ends
  EXPECT_DOUBLE_EQ(first.handle_time, 155);  // talk 100 + hold 15 + consult 30 + wrap-up 10
  const ContactRecord& back = run.rows[1];   // the back customer at 60
  EXPECT_DOUBLE_EQ(back.answer, 60);
  const ContactRecord& moved = run.rows[2];  // the transfer
  EXPECT_EQ(moved.contact_type, 1);
  EXPECT_EQ(moved.agent_id, 1);
  EXPECT_DOUBLE_EQ(moved.arrival, 100);
  EXPECT_DOUBLE_EQ(moved.answer, 115);
  EXPECT_DOUBLE_EQ(moved.wait, 15);
  EXPECT_DOUBLE_EQ(moved.end, 195);
  EXPECT_DOUBLE_EQ(moved.handle_time, 85);  // consult 30 + talk 50 + wrap-up 5
  EXPECT_EQ(moved.outcome, ContactOutcome::kResolved);
  // Both agents' spells.
  EXPECT_EQ(run.SpellsOf(0, AgentState::kBusy), (Spans{{0, 145}}));
  EXPECT_EQ(run.SpellsOf(0, AgentState::kWrapUp), (Spans{{145, 155}}));
  EXPECT_EQ(run.SpellsOf(1, AgentState::kBusy), (Spans{{60, 110}, {115, 195}}));
  EXPECT_EQ(run.SpellsOf(1, AgentState::kWrapUp), (Spans{{110, 115}, {195, 200}}));
  // Busy time, AHT and the agents' figures count the hold and the consult.
  EXPECT_DOUBLE_EQ(run.result.agents[0].busy, 155);
  EXPECT_DOUBLE_EQ(run.result.agents[0].handle, 155);
  EXPECT_DOUBLE_EQ(run.result.agents[1].busy, 55 + 85);
  EXPECT_DOUBLE_EQ(run.result.agents[1].handle, 55 + 85);
  EXPECT_DOUBLE_EQ(run.result.agents[1].wait, 15);  // of the two it answered
  EXPECT_DOUBLE_EQ(run.Kpi(1, Kpi::kAht), 155);
  EXPECT_DOUBLE_EQ(run.Kpi(2, Kpi::kAht), (55 + 85) / 2.0);
  EXPECT_DOUBLE_EQ(run.Kpi(0, Kpi::kOccupancy), (155 + 140) / 2000.0);  // 2 agents × 1000
  EXPECT_EQ(run.result.journeys.resolved, 2);
  ExpectFlowConserved(run);
}

TEST(WarmTransferTest, AnAgentFreeAtOnceAnswersAtTheTalkEnd) {
  // Nobody at back: B answers the transfer at 100, A stays for the consult until 130 and
  // wraps up until 140; B talks 30 + 50 until 180.
  const Traced run = Simulate(FrontAndBack({}));
  ASSERT_EQ(run.rows.size(), 2u);
  EXPECT_DOUBLE_EQ(run.rows[0].end, 130);
  EXPECT_DOUBLE_EQ(run.rows[0].handle_time, 140);
  EXPECT_DOUBLE_EQ(run.rows[1].answer, 100);
  EXPECT_DOUBLE_EQ(run.rows[1].end, 180);
  EXPECT_EQ(run.SpellsOf(0, AgentState::kBusy), (Spans{{0, 130}}));
  EXPECT_EQ(run.SpellsOf(1, AgentState::kBusy), (Spans{{100, 180}}));
  ExpectFlowConserved(run);
}

TEST(WarmTransferTest, ACustomerWhoAbandonsTheTransferFreesTheFirstAgentThen) {
  // As in the first case, but back's customers give up after 10 s of waiting: the transfer
  // waits from 100 (B busy until 115) and abandons at 110. A is freed then, with no
  // consult: busy 0 → 110, wrap-up until 120. The customer tries again 100 s later (at
  // 210): B answers at once and talks 50, no consult owed, until 260.
  scenario::Scenario s = FrontAndBack({60});
  s.contact_types[1].patience = Distribution::Constant(10);
  s.contact_types[1].retrial = scenario::Retrial{.probability = 1,
                                                 .delay = Distribution::Constant(100)};
  const Traced run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 4u);
  EXPECT_DOUBLE_EQ(run.rows[0].end, 110);
  EXPECT_DOUBLE_EQ(run.rows[0].handle_time, 120);  // talk 100 + hold 10 + wrap-up 10
  EXPECT_EQ(run.rows[2].outcome, ContactOutcome::kAbandoned);
  EXPECT_DOUBLE_EQ(run.rows[2].end, 110);
  EXPECT_EQ(run.rows[3].attempt, 3);  // front, the transfer, the retrial
  EXPECT_DOUBLE_EQ(run.rows[3].answer, 210);
  EXPECT_DOUBLE_EQ(run.rows[3].end, 260);
  EXPECT_EQ(run.SpellsOf(0, AgentState::kBusy), (Spans{{0, 110}}));
  EXPECT_EQ(run.SpellsOf(0, AgentState::kWrapUp), (Spans{{110, 120}}));
  EXPECT_EQ(run.SpellsOf(1, AgentState::kBusy), (Spans{{60, 110}, {210, 260}}));
  EXPECT_DOUBLE_EQ(run.result.agents[0].busy, 120);
  EXPECT_DOUBLE_EQ(run.Kpi(1, Kpi::kAht), 120);
  EXPECT_EQ(run.Kpi(2, Kpi::kAbandoned), 1);
  ExpectFlowConserved(run);
}

TEST(WarmTransferTest, ATransferWithNoRoomToWaitFreesTheFirstAgentAtOnce) {
  // Back's queue holds nobody: the transfer at 100 finds B busy (until 115) and is blocked;
  // A wraps up 100 → 110.
  scenario::Scenario s = FrontAndBack({60});
  s.contact_types[1].queue_capacity = 0;
  const Traced run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 3u);
  EXPECT_EQ(run.rows[2].outcome, ContactOutcome::kBlocked);
  EXPECT_DOUBLE_EQ(run.rows[0].end, 100);
  EXPECT_DOUBLE_EQ(run.rows[0].handle_time, 110);
  EXPECT_EQ(run.SpellsOf(0, AgentState::kWrapUp), (Spans{{100, 110}}));
  ExpectFlowConserved(run);
}

TEST(WarmTransferTest, ATransferNobodyCanAnswerFreesTheFirstAgentAtTheEnd) {
  // Back's only agent works 0 → 50: the transfer at 100 waits until no event is left (at
  // 100) and is unserved; A is freed then and wraps up until 110.
  scenario::Scenario s = FrontAndBack({});
  s.agent_groups[1].agents = 0;
  s.agent_groups[1].shifts = {{.start = 0, .end = 50, .agents = 1}};
  const Traced run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 2u);
  EXPECT_EQ(run.rows[1].outcome, ContactOutcome::kUnserved);
  EXPECT_DOUBLE_EQ(run.rows[0].end, 100);
  EXPECT_EQ(run.SpellsOf(0, AgentState::kWrapUp), (Spans{{100, 110}}));
  EXPECT_DOUBLE_EQ(run.result.agents[0].busy, 110);
  EXPECT_EQ(run.result.journeys.given_up, 1);
  ExpectFlowConserved(run);
}

TEST(WarmTransferTest, ADroppedWarmTransferHoldsNobody) {
  // disconnect 1: the transfer drops the customer at 100; A wraps up 100 → 110 at once.
  scenario::Scenario s = FrontAndBack({60});
  s.contact_types[0].outcomes[0].disconnect = 1;
  const Traced run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 2u);
  EXPECT_EQ(run.rows[0].outcome, ContactOutcome::kDisconnected);
  EXPECT_DOUBLE_EQ(run.rows[0].end, 100);
  EXPECT_EQ(run.SpellsOf(0, AgentState::kWrapUp), (Spans{{100, 110}}));
  ExpectFlowConserved(run);
}

// ---- named agents ----

// One type (talk 100), arrivals at `times`, `agents` agents of whom the first is Ana.
scenario::Scenario WithAna(std::vector<double> times, int agents, scenario::Person ana) {
  scenario::Scenario s;
  s.name = "people";
  s.horizon = 1000;
  s.interval = 1000;
  s.contact_types.push_back(Replayed("call", std::move(times), 100, 0));
  s.agent_groups.push_back(Desk("desk", agents, 0));
  ana.name = "Ana";
  s.agent_groups[0].people = {ana};
  return s;
}

TEST(NamedAgentTest, TheFirstSeatIsThePersonAndHerHandleTimeFactorScalesHerTalk) {
  // Ana (agent 0, handle_time_factor 0.5) and one other agent; calls at 0, 0 and 20. Both
  // are idle at 0: the calls at 0 go one to each; whichever Ana took lasts 50, the other's
  // 100. Ana frees first, at 50, and takes the call at 20 (waiting 30) until 100.
  const Traced run = Simulate(WithAna({0, 0, 20}, 2, {.handle_time_factor = 0.5}));
  ASSERT_EQ(run.rows.size(), 3u);
  for (const ContactRecord& r : run.rows) {
    EXPECT_DOUBLE_EQ(r.handle_time, r.agent_id == 0 ? 50 : 100) << r.contact_id;
  }
  EXPECT_EQ(run.rows[2].agent_id, 0);
  EXPECT_DOUBLE_EQ(run.rows[2].answer, 50);
  EXPECT_EQ(run.result.agents[0].contacts, 2);
  EXPECT_DOUBLE_EQ(run.result.agents[0].handle, 100);
  EXPECT_DOUBLE_EQ(run.result.agents[0].wait, 30);
  const Model m(WithAna({}, 2, {}));
  EXPECT_EQ(m.people(), std::vector<std::string>{"Ana"});
  EXPECT_EQ(m.seats()[0].person, 0);
  EXPECT_EQ(m.seats()[1].person, -1);
}

TEST(NamedAgentTest, AResolutionFactorBelowTheFailingShareLeavesNothingResolved) {
  // {unresolved: 0.5}: divided by max(0.25, 0.5) = 0.5 it is 1 for Ana, alone at the desk:
  // every one of her handlings is unresolved.
  scenario::Scenario s = WithAna({0, 200, 400, 600, 800}, 1, {.resolution_factor = 0.25});
  scenario::Outcome unresolved;
  unresolved.probability = 0.5;
  s.contact_types[0].outcomes = {unresolved};
  const Traced run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 5u);
  for (const ContactRecord& r : run.rows) EXPECT_EQ(r.outcome, ContactOutcome::kUnresolved);
  EXPECT_EQ(run.result.agents[0].resolved, 0);
}

TEST(NamedAgentTest, AResolutionFactorDividesTheOtherOutcomesChances) {
  // {transfer: 0.2, unresolved: 0.3} with resolution_factor 2: 0.1 and 0.15. A handling's
  // outcome draw u (its own stream) gives a transfer when u <= 0.1, unresolved when
  // u <= 0.25, else resolved; without the factor, the thresholds are 0.2 and 0.5. Twelve
  // customers at 0, 80, ...: each is answered at once by Ana (talk 10 with factor 0.1).
  std::vector<double> times;
  for (int i = 0; i < 12; ++i) times.push_back(80.0 * i);
  for (const double r : {1.0, 2.0}) {
    scenario::Scenario s = WithAna(times, 1, {.handle_time_factor = 0.1, .resolution_factor = r});
    scenario::Outcome transfer, unresolved;
    transfer.kind = scenario::Outcome::Kind::kTransfer;
    transfer.probability = 0.2;
    transfer.transfer_to = 1;
    unresolved.probability = 0.3;
    s.contact_types[0].outcomes = {transfer, unresolved};
    s.contact_types.push_back(Replayed("other", {}, 10, 0));
    s.agent_groups.push_back(Desk("others", 1, 1));
    const Traced run = Simulate(s);
    int checked = 0;
    for (const ContactRecord& row : run.rows) {
      if (row.contact_type != 0) continue;
      engine::RandomStream g(1, 0, kOutcomeStream, internal::CustomerKey(0, row.customer_id),
                             row.attempt);
      const double u = g.Uniform01();
      const ContactOutcome expected = u <= 0.2 / r   ? ContactOutcome::kTransferred
                                      : u <= 0.5 / r ? ContactOutcome::kUnresolved
                                                     : ContactOutcome::kResolved;
      EXPECT_EQ(row.outcome, expected) << "factor " << r << ", u " << u;
      ++checked;
    }
    EXPECT_EQ(checked, 12);
  }
}

TEST(NamedAgentTest, PeopleBeyondTheSeatsOfAScenarioChangedInCodeSitOut) {
  // ccsim staff tries other staffings of a loaded scenario: with one seat for two people,
  // Ana takes it and Bo has none.
  scenario::Scenario s = WithAna({0, 10}, 1, {.handle_time_factor = 0.5});
  s.agent_groups[0].people.push_back({.name = "Bo", .handle_time_factor = 3});
  const Model m(s);
  EXPECT_EQ(m.people(), (std::vector<std::string>{"Ana", "Bo"}));
  ASSERT_EQ(m.seats().size(), 1u);
  EXPECT_EQ(m.seats()[0].person, 0);
  const Traced run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 2u);
  EXPECT_DOUBLE_EQ(run.rows[1].handle_time, 50);  // Ana's, after waiting until 50
}

TEST(NamedAgentTest, RepeatsThatAskForAnAgentAreCountedWithTheirWaits) {
  // Ana alone, talk 100, every handling unresolved, every customer back 100 s later asking
  // for her (preferred wait 1000 s), two contacts a journey at most. X at 0: Ana 0 → 100,
  // back at 200. Y at 120: Ana 120 → 220, back at 320. X's repeat at 200 waits for her
  // until 220 (20 s); Y's at 320 finds her just freed (0 s). Asked for twice, 20 s of
  // waiting.
  scenario::Scenario s = WithAna({0, 120}, 1, {});
  scenario::Outcome unresolved;
  unresolved.probability = 1;
  s.contact_types[0].outcomes = {unresolved};
  s.contact_types[0].repeat = scenario::Repeat{.probability = 1,
                                               .delay = Distribution::Constant(100)};
  s.max_journey_contacts = 2;
  s.routing.preferred_agent_wait = 1000;
  Traced run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 4u);
  EXPECT_DOUBLE_EQ(run.rows[2].answer, 220);
  EXPECT_EQ(run.result.agents[0].asked, 2);
  EXPECT_DOUBLE_EQ(run.result.agents[0].asked_wait, 20);
  EXPECT_DOUBLE_EQ(run.result.agents[0].wait, 20);
  // With a patience of 10 s, X's repeat hangs up at 210 while waiting for her: asked for
  // twice still, 10 s of waiting (and she answered only Y's).
  s.contact_types[0].patience = Distribution::Constant(10);
  run = Simulate(s);
  ASSERT_EQ(run.rows.size(), 4u);
  EXPECT_EQ(run.rows[2].outcome, ContactOutcome::kAbandoned);
  EXPECT_EQ(run.result.agents[0].asked, 2);
  EXPECT_DOUBLE_EQ(run.result.agents[0].asked_wait, 10);
  EXPECT_DOUBLE_EQ(run.result.agents[0].wait, 0);
  ExpectFlowConserved(run);
}

TEST(NamedAgentTest, APersonWithFactorsOneChangesNothingButTheName) {
  // Random arrivals, talk and outcomes, repeats asking for their agent: the same seed with
  // and without a named agent whose factors are 1 gives the same numbers, to the bit.
  scenario::Scenario s;
  s.name = "same";
  s.horizon = 8 * 3600;
  s.interval = 3600;
  scenario::ContactType ct;
  ct.name = "call";
  ct.arrivals = scenario::Arrivals::Rate(1.0 / 60);
  ct.handle_time = Distribution::Exponential(240);
  ct.patience = Distribution::Exponential(120);
  scenario::Outcome unresolved;
  unresolved.probability = 0.3;
  ct.outcomes = {unresolved};
  ct.repeat = scenario::Repeat{.probability = 0.8, .delay = Distribution::Exponential(1800)};
  s.contact_types.push_back(ct);
  s.agent_groups.push_back(Desk("desk", 5, 0));
  s.routing.preferred_agent_wait = 60;
  const ReplicationResult plain = model::Simulate(Model(s), 0, {});
  s.agent_groups[0].people = {{.name = "Ana"}};
  const ReplicationResult named = model::Simulate(Model(s), 0, {});
  EXPECT_GT(plain.Overall().answered, 300);
  const std::vector<KpiValues> a = ReplicationKpis(plain), b = ReplicationKpis(named);
  ASSERT_EQ(a.size(), b.size());
  for (size_t c = 0; c < a.size(); ++c) {
    for (int k = 0; k < kKpiCount; ++k) {
      if (std::isnan(a[c][k])) {
        EXPECT_TRUE(std::isnan(b[c][k])) << ToString(static_cast<model::Kpi>(k));
      } else {
        EXPECT_EQ(a[c][k], b[c][k]) << ToString(static_cast<model::Kpi>(k));
      }
    }
  }
  for (size_t agent = 0; agent < plain.agents.size(); ++agent) {
    EXPECT_EQ(plain.agents[agent].handle, named.agents[agent].handle);
    EXPECT_EQ(plain.agents[agent].asked, named.agents[agent].asked);
  }
}

}  // namespace
}  // namespace ccsim::model
