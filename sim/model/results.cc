#include "sim/model/results.h"

namespace ccsim::model {

void Counters::Add(const Counters& o) {
  offered += o.offered;
  answered += o.answered;
  answered_within += o.answered_within;
  abandoned += o.abandoned;
  blocked += o.blocked;
  unserved += o.unserved;
  wait_answered += o.wait_answered;
  wait_abandoned += o.wait_abandoned;
  handle += o.handle;
  transfers_in += o.transfers_in;
  transfers_out += o.transfers_out;
  escalations_in += o.escalations_in;
  escalations_out += o.escalations_out;
  balked += o.balked;
  messages += o.messages;
  closed += o.closed;
  callbacks_offered += o.callbacks_offered;
  callbacks_accepted += o.callbacks_accepted;
  callbacks_reached += o.callbacks_reached;
  callbacks_within += o.callbacks_within;
  callbacks_failed += o.callbacks_failed;
  callbacks_unserved += o.callbacks_unserved;
  callback_wait += o.callback_wait;
}

Counters ReplicationResult::Overall() const {
  Counters all;
  for (const Counters& c : by_type) all.Add(c);
  return all;
}

}  // namespace ccsim::model
