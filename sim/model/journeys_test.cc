// Journeys alone: handlings decided and what follows them, with the clock at 0.
#include "sim/model/journeys.h"

#include <gtest/gtest.h>

#include "sim/model/centre_for_test.h"

namespace ccsim::model::internal {
namespace {

scenario::Scenario TwoDesks() {
  scenario::Scenario s;
  s.name = "journeys";
  s.horizon = 1000;
  s.contact_types.push_back(ReplayedType("front", {}, 100));
  s.contact_types.push_back(ReplayedType("back", {}, 10));
  s.agent_groups.push_back(GroupOf("front", 1, {{.contact_type = 0}}));
  s.agent_groups.push_back(GroupOf("back", 1, {{.contact_type = 1}}));
  return s;
}

TEST(JourneysTest, TalkScalesBySkillAgentAndInterference) {
  CentreForTest c(TwoDesks());
  const uint32_t j = c.journeys.OnArrival(0);
  const Work w = c.journeys.NewContact(0, j, EventKind::kArrival);
  EXPECT_DOUBLE_EQ(w.base_handle, 100);
  Eligibility terms{.handle_time_factor = 1.5};
  const Journeys::Handling h = c.journeys.Handle(w, terms, /*agent_factor=*/0.5, 1.25);
  EXPECT_DOUBLE_EQ(h.talk, 100 * 1.5 * 0.5 * 1.25);
  EXPECT_EQ(h.outcome, ContactOutcome::kResolved);
}

TEST(JourneysTest, EscalationCutsTheTalkAndSendsTheCustomerOn) {
  scenario::Scenario s = TwoDesks();
  s.contact_types[0].escalation = scenario::Escalation{.to = 1, .after = 60};
  CentreForTest c(s);
  const uint32_t j = c.journeys.OnArrival(0);
  const Work w = c.journeys.NewContact(0, j, EventKind::kArrival);
  const Journeys::Handling h = c.journeys.Handle(w, Eligibility{}, 1, 1);
  EXPECT_DOUBLE_EQ(h.talk, 60);
  EXPECT_EQ(h.outcome, ContactOutcome::kEscalated);
  const std::optional<Journeys::Contact> next = c.journeys.OnTalkEnd(j);
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->type, 1);
  EXPECT_EQ(next->how, EventKind::kEscalation);
}

TEST(JourneysTest, AJourneyEndsAtItsContactLimit) {
  scenario::Scenario s = TwoDesks();
  s.contact_types[0].escalation = scenario::Escalation{.to = 1, .after = 60};
  s.max_journey_contacts = 1;
  CentreForTest c(s);
  const uint32_t j = c.journeys.OnArrival(0);
  const Work w = c.journeys.NewContact(0, j, EventKind::kArrival);
  c.journeys.Handle(w, Eligibility{}, 1, 1);
  EXPECT_FALSE(c.journeys.OnTalkEnd(j).has_value());
  EXPECT_EQ(c.recorder.result().journeys.given_up, 1);
}

TEST(JourneysTest, OnlyARepeatAsksForItsLastAgentWithTheSkill) {
  scenario::Scenario s = TwoDesks();
  s.routing.preferred_agent_wait = 30;
  CentreForTest c(s);
  const uint32_t j = c.journeys.OnArrival(0);
  const Work w = c.journeys.NewContact(0, j, EventKind::kArrival);
  const Journeys::Handling h{.talk = 10, .outcome = ContactOutcome::kUnresolved};
  c.journeys.Answered(w, /*agent=*/0, h);
  EXPECT_EQ(c.journeys.PreferredAgent(j, 0, EventKind::kRepeat), 0);
  EXPECT_EQ(c.journeys.PreferredAgent(j, 0, EventKind::kRetrial), -1);
  EXPECT_EQ(c.journeys.PreferredAgent(j, 1, EventKind::kRepeat), -1);  // no skill for it
}

TEST(JourneysTest, ContactsOfAJourneyCountTheirAttempts) {
  CentreForTest c(TwoDesks());
  const uint32_t j = c.journeys.OnArrival(0);
  const Work first = c.journeys.NewContact(0, j, EventKind::kArrival);
  const Work second = c.journeys.NewContact(1, j, EventKind::kTransfer);
  EXPECT_EQ(first.attempt, 1);
  EXPECT_EQ(second.attempt, 2);
  EXPECT_NE(first.contact_id, second.contact_id);
  EXPECT_EQ(c.recorder.result().arrivals_total, 2);
  EXPECT_EQ(c.recorder.result().by_type[1].transfers_in, 1);
}

}  // namespace
}  // namespace ccsim::model::internal
