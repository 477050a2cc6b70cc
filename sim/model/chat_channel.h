// The chat channel: an agent of a group with concurrency > 1 handles several chats at
// once, each slower by the interference of the others in hand. With no idle agent, a chat
// goes to the eligible agent with the fewest chats in hand below its group's concurrency.
// (Email's one rule, taken only when no call or chat waits, is the Router's.)
//
// Thread safety: none; one per replication.
#ifndef CCSIM_MODEL_CHAT_CHANNEL_H_
#define CCSIM_MODEL_CHAT_CHANNEL_H_

#include <vector>

#include "sim/engine/event_queue.h"
#include "sim/engine/simulator.h"
#include "sim/model/centre_state.h"
#include "sim/model/model.h"
#include "sim/model/workforce.h"

namespace ccsim::model::internal {

class ChatChannel {
 public:
  ChatChannel(const Model& model, engine::Simulator& sim, std::vector<Agent>& agents,
              const Workforce& workforce);

  // How much longer a contact takes for the chats already in the agent's hands (1 for an
  // agent with none: every call, email and first chat).
  static double Interference(const Agent& a) { return 1 + kChatInterference * a.chats; }

  // A chatting agent with room for a chat of `type` that entered the queue at `arrival`:
  // the fewest chats in hand (ties: lowest agent id), unless the agent is winding down
  // for a break, coaching or the end of its shift. -1 when none has room.
  int FindAgent(int type, double arrival, const Eligibility** terms) const;

  // Whether the agent, chatting, may take another chat now.
  bool HasRoom(int agent) const;

  // The agent answers a chat now that takes `handle`: its chat ends then.
  void Open(int agent, double handle);

  // One of an agent's chats ends (a kChatEnd event). True when it was its last: the
  // agent is free; otherwise it may take more.
  bool Close(const engine::Event& e);

 private:
  const Model& model_;
  engine::Simulator& sim_;
  std::vector<Agent>& agents_;
  const Workforce& workforce_;
  std::vector<std::vector<int>> open_;  // by group: agents with room for more chats
};

}  // namespace ccsim::model::internal

#endif  // CCSIM_MODEL_CHAT_CHANNEL_H_
