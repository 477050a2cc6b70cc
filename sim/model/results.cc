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

}  // namespace ccsim::model
