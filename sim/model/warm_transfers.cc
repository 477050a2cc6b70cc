#include "sim/model/warm_transfers.h"

#include <cassert>

#include "sim/model/pending_event.h"

namespace ccsim::model::internal {

WarmTransfers::WarmTransfers(const Model& model, engine::Simulator& sim,
                             std::vector<Agent>& agents, Recorder& recorder)
    : sim_(sim), agents_(agents), recorder_(recorder), on_(model.has_warm_transfers()) {
  if (on_) held_.resize(model.agent_count());
}

void WarmTransfers::Hold(int agent, const Work& w, double talk, double consult) {
  assert(on_);
  held_[agent] = {.w = w, .answer = sim_.now(), .talk = talk, .consult = consult};
  // Journey slots are dense: the list grows to the most journeys in the centre at once.
  if (w.journey >= holder_.size()) holder_.resize(w.journey + 1, -1);
  holder_[w.journey] = agent;
}

void WarmTransfers::Release(int agent, double talk_end) {
  const Held& h = held_[agent];
  holder_[h.w.journey] = -1;
  agents_[agent].talk_end = talk_end;
  // The answer counted talk + wrap-up; the hold and the consult come on top.
  const double more = talk_end - (h.answer + h.talk);
  recorder_.Tally(h.w, [more](Counters& k) { k.handle += more; });
  if (h.w.counted) recorder_.AddHandleTime(agent, more);
  recorder_.Trace(h.w, h.answer, talk_end, talk_end - h.answer + h.w.wrap_up, agent,
                  ContactOutcome::kTransferred);
  sim_.Schedule(talk_end + h.w.wrap_up, kAgentFree, static_cast<uint64_t>(agent),
                static_cast<uint32_t>(agent));
}

}  // namespace ccsim::model::internal
