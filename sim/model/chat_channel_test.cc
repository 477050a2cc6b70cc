// The chat channel alone: chats opened and closed by hand on agents already on duty.
#include "sim/model/chat_channel.h"

#include <gtest/gtest.h>

#include "sim/model/centre_for_test.h"
#include "sim/model/pending_event.h"

namespace ccsim::model::internal {
namespace {

scenario::Scenario ChatTeam(int concurrency) {
  scenario::Scenario s;
  s.name = "chat";
  s.horizon = 1000;
  s.contact_types.push_back(ReplayedType("chat", {}, 100));
  s.contact_types[0].channel = scenario::Channel::kChat;
  s.agent_groups.push_back(GroupOf("team", 2, {{.contact_type = 0}}));
  s.agent_groups[0].concurrency = concurrency;
  return s;
}

engine::Event ChatEnd(int agent, int slot) {
  const uint64_t entity = static_cast<uint64_t>(agent) * kMaxConcurrency + slot;
  return {.time = 0, .key = engine::MakeKey(kChatEnd, entity), .kind = kChatEnd,
          .payload = static_cast<uint32_t>(agent)};
}

TEST(ChatChannelTest, InterferenceGrowsWithTheChatsInHand) {
  CentreForTest c(ChatTeam(3));
  EXPECT_DOUBLE_EQ(ChatChannel::Interference(c.agents[0]), 1);
  c.chat.Open(0, 100);
  c.chat.Open(0, 100);
  EXPECT_EQ(c.agents[0].chats, 2);
  EXPECT_DOUBLE_EQ(ChatChannel::Interference(c.agents[0]), 1 + 2 * kChatInterference);
  EXPECT_EQ(c.sim.pending(), 2u);  // one end per chat
}

TEST(ChatChannelTest, AChatGoesToTheAgentWithFewestChatsInHand) {
  CentreForTest c(ChatTeam(3));
  c.chat.Open(0, 100);
  c.chat.Open(0, 100);
  c.chat.Open(1, 100);
  const Eligibility* terms = nullptr;
  EXPECT_EQ(c.chat.FindAgent(0, 0, &terms), 1);
  c.chat.Open(1, 100);
  EXPECT_EQ(c.chat.FindAgent(0, 0, &terms), 0);  // a tie: the lower id
  c.chat.Open(0, 100);                          // agent 0 full
  EXPECT_FALSE(c.chat.HasRoom(0));
  EXPECT_EQ(c.chat.FindAgent(0, 0, &terms), 1);
}

TEST(ChatChannelTest, AnAgentWindingDownTakesNoMoreChats) {
  CentreForTest c(ChatTeam(3));
  c.chat.Open(0, 100);
  c.agents[0].coaching_due = true;
  const Eligibility* terms = nullptr;
  EXPECT_FALSE(c.chat.HasRoom(0));
  EXPECT_EQ(c.chat.FindAgent(0, 0, &terms), -1);
}

TEST(ChatChannelTest, TheAgentIsFreeWhenItsLastChatEnds) {
  CentreForTest c(ChatTeam(2));
  c.chat.Open(0, 100);
  c.chat.Open(0, 100);
  EXPECT_FALSE(c.chat.HasRoom(0));
  EXPECT_FALSE(c.chat.Close(ChatEnd(0, 0)));  // one left: room again
  EXPECT_TRUE(c.chat.HasRoom(0));
  c.chat.Open(0, 100);  // takes the freed slot 0
  EXPECT_EQ(c.agents[0].chat_slots, 3u);
  EXPECT_FALSE(c.chat.Close(ChatEnd(0, 1)));
  EXPECT_TRUE(c.chat.Close(ChatEnd(0, 0)));
  EXPECT_EQ(c.agents[0].chats, 0);
  const Eligibility* terms = nullptr;
  EXPECT_EQ(c.chat.FindAgent(0, 0, &terms), -1);  // not chatting: the Router's idle agents
}

}  // namespace
}  // namespace ccsim::model::internal
