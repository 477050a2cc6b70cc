#include "sim/records/trace_records.h"

namespace ccsim::records {

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
    case ContactOutcome::kUnserved:
      return "unserved";
    case ContactOutcome::kBalked:
      return "balked";
    case ContactOutcome::kMessage:
      return "message";
    case ContactOutcome::kClosed:
      return "closed";
    case ContactOutcome::kCallback:
      return "callback";
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
    case EventKind::kBalk:
      return "balk";
    case EventKind::kMessage:
      return "message";
    case EventKind::kCallbackOffer:
      return "callback_offer";
    case EventKind::kCallbackAccept:
      return "callback_accept";
    case EventKind::kDial:
      return "dial";
    case EventKind::kNoAnswer:
      return "no_answer";
    case EventKind::kClose:
      return "close";
  }
  return "?";
}

}  // namespace ccsim::records
