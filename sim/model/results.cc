#include "sim/model/results.h"

#include "sim/model/trace.h"

namespace ccsim::model {

void Counters::Add(const Counters& o) {
  offered += o.offered;
  answered += o.answered;
  answered_within += o.answered_within;
  abandoned += o.abandoned;
  blocked += o.blocked;
  wait_answered += o.wait_answered;
  wait_abandoned += o.wait_abandoned;
  handle += o.handle;
  transfers_in += o.transfers_in;
  transfers_out += o.transfers_out;
  escalations_in += o.escalations_in;
  escalations_out += o.escalations_out;
}

Counters ReplicationResult::Overall() const {
  Counters all;
  for (const Counters& c : by_type) all.Add(c);
  return all;
}

const char* ToString(ContactOutcome o) {
  switch (o) {
    case ContactOutcome::kResolved:
      return "resolved";
    case ContactOutcome::kTransferred:
      return "transferred";
    case ContactOutcome::kEscalated:
      return "escalated";
    case ContactOutcome::kUnresolved:
      return "unresolved";
    case ContactOutcome::kAbandoned:
      return "abandoned";
    case ContactOutcome::kBlocked:
      return "blocked";
    case ContactOutcome::kDisconnected:
      return "disconnected";
  }
  return "?";
}

const char* ToString(AgentState s) {
  switch (s) {
    case AgentState::kIdle:
      return "idle";
    case AgentState::kBusy:
      return "busy";
    case AgentState::kWrapUp:
      return "wrap_up";
    case AgentState::kBreak:
      return "break";
    case AgentState::kCoaching:
      return "coaching";
    case AgentState::kOffline:
      return "offline";
  }
  return "?";
}

const char* ToString(EventKind k) {
  switch (k) {
    case EventKind::kArrival:
      return "arrival";
    case EventKind::kAnswer:
      return "answer";
    case EventKind::kAbandon:
      return "abandon";
    case EventKind::kBlock:
      return "block";
    case EventKind::kAgentFree:
      return "agent_free";
    case EventKind::kOverflow:
      return "overflow";
    case EventKind::kRetrial:
      return "retrial";
    case EventKind::kTransfer:
      return "transfer";
    case EventKind::kEscalation:
      return "escalation";
    case EventKind::kRepeat:
      return "repeat";
    case EventKind::kGiveUp:
      return "give_up";
    case EventKind::kAlert:
      return "alert";
  }
  return "?";
}

}  // namespace ccsim::model
