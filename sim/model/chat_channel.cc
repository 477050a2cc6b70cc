#include "sim/model/chat_channel.h"

#include <algorithm>
#include <bit>

#include "sim/model/pending_event.h"

namespace ccsim::model::internal {

ChatChannel::ChatChannel(const Model& model, engine::Simulator& sim,
                         std::vector<Agent>& agents, const Workforce& workforce)
    : model_(model),
      sim_(sim),
      agents_(agents),
      workforce_(workforce),
      open_(model.groups().size()) {}

int ChatChannel::FindAgent(int type, double arrival, const Eligibility** terms) const {
  int best = -1;
  for (const Eligibility& e : model_.types()[type].groups) {
    if (e.after > 0 && arrival + e.after > sim_.now()) continue;
    for (int agent : open_[e.group]) {
      if (!HasRoom(agent)) continue;
      if (best < 0 || agents_[agent].chats < agents_[best].chats ||
          (agents_[agent].chats == agents_[best].chats && agent < best)) {
        best = agent;
        *terms = &e;
      }
    }
  }
  return best;
}

bool ChatChannel::HasRoom(int agent) const {
  const Agent& a = agents_[agent];
  return a.chats > 0 && a.chats < model_.groups()[a.group].concurrency &&
         sim_.now() < a.shift_end && !a.coaching_due && !workforce_.BreakIsDue(a);
}

void ChatChannel::Open(int agent, double handle) {
  Agent& a = agents_[agent];
  const int concurrency = model_.groups()[a.group].concurrency;
  if (a.chats == 0) {
    a.busy_since = sim_.now();
    if (concurrency > 1) open_[a.group].push_back(agent);
  }
  const int slot = std::countr_one(a.chat_slots);
  a.chat_slots |= uint32_t{1} << slot;
  ++a.chats;
  if (a.chats == concurrency && a.chats > 1) {
    std::vector<int>& open = open_[a.group];
    open.erase(std::find(open.begin(), open.end(), agent));
  }
  sim_.Schedule(sim_.now() + handle, kChatEnd,
                static_cast<uint64_t>(agent) * kMaxConcurrency + slot,
                static_cast<uint32_t>(agent));
}

bool ChatChannel::Close(const engine::Event& e) {
  const int agent = static_cast<int>(e.payload);
  Agent& a = agents_[agent];
  a.chat_slots &= ~(uint32_t{1} << (e.key % kMaxConcurrency));
  --a.chats;
  if (a.chats > 0) {
    if (a.chats == model_.groups()[a.group].concurrency - 1) open_[a.group].push_back(agent);
    return false;
  }
  std::vector<int>& open = open_[a.group];
  const auto it = std::find(open.begin(), open.end(), agent);
  if (it != open.end()) open.erase(it);  // (never listed with concurrency 1)
  a.talk_end = sim_.now();               // chats have no separate wrap-up spell
  return true;
}

}  // namespace ccsim::model::internal
