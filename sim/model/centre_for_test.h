// Test support: every part of a replication built on one Scenario, wired as Replication
// wires them, for unit tests that drive one part directly. Agents are set up from their
// seats (group, shift) but not started.
#ifndef CCSIM_MODEL_CENTRE_FOR_TEST_H_
#define CCSIM_MODEL_CENTRE_FOR_TEST_H_

#include <vector>

#include "sim/engine/simulator.h"
#include "sim/model/centre_state.h"
#include "sim/model/chat_channel.h"
#include "sim/model/journeys.h"
#include "sim/model/model.h"
#include "sim/model/real_time_control.h"
#include "sim/model/recorder.h"
#include "sim/model/router.h"
#include "sim/model/workforce.h"

namespace ccsim::model::internal {

struct CentreForTest {
  explicit CentreForTest(const scenario::Scenario& s, TraceSink* sink = nullptr,
                         TraceLevel level = TraceLevel::kContacts)
      : model(s),
        agents(model.agent_count()),
        recorder(model, 0, sim, journey_pool, sink, level),
        router(model, sim, streams, agents, journey_pool),
        control(model, sim, agents, recorder),
        workforce(model, sim, streams, agents, router, recorder, control),
        chat(model, sim, agents, workforce),
        journeys(model, sim, streams, journey_pool, recorder) {
    for (int a = 0; a < model.agent_count(); ++a) {
      agents[a].group = model.seats()[a].group;
      agents[a].shift = model.seats()[a].shift;
    }
  }

  // A contact of `type` that entered the centre at `arrival`, of a fresh journey.
  Work Contact(int type, double arrival) {
    const uint32_t j = journey_pool.Add({.customer_key = next_key, .customer_id = next_key});
    ++next_key;
    return Work{.contact_id = next_key, .journey = j, .arrival = arrival, .base_handle = 10,
                .wrap_up = 0, .type = type, .attempt = 1, .interval = 0, .counted = true};
  }

  Model model;
  Streams streams;
  engine::Simulator sim;
  std::vector<Agent> agents;
  Pool<Journey> journey_pool;
  Recorder recorder;
  Router router;
  RealTimeControl control;
  Workforce workforce;
  ChatChannel chat;
  Journeys journeys;
  uint64_t next_key = 0;
};

// A contact type of constant handle time whose arrivals are replayed from `times`.
inline scenario::ContactType ReplayedType(const std::string& name, std::vector<double> times,
                                          double handle) {
  scenario::ContactType ct;
  ct.name = name;
  ct.arrivals.kind = scenario::ArrivalKind::kFile;
  ct.arrivals.times = std::move(times);
  ct.handle_time = scenario::Distribution::Constant(handle);
  return ct;
}

inline scenario::AgentGroup GroupOf(const std::string& name, int agents,
                                    std::vector<scenario::Skill> skills) {
  scenario::AgentGroup g;
  g.name = name;
  g.agents = agents;
  g.skills = std::move(skills);
  return g;
}

}  // namespace ccsim::model::internal

#endif  // CCSIM_MODEL_CENTRE_FOR_TEST_H_
