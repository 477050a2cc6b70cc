// One replication of a Model: a run from an empty centre until arrivals have stopped at
// the horizon and no event is left (SPEC §2 "Rules").
//
// Event order at equal times (the rank in the event key, pending_event.h): an agent or a
// line freeing up (a handling, a chat or a voice talk ending), then the workforce, then an
// abandonment, an overflow, a max_wait message, then a retrial, then a fresh arrival, then
// a close that clears the queue. So a contact whose patience ends exactly when an agent
// frees is answered, and an arrival sees the agents and lines freed at its own instant,
// whatever the channel.
//
// Example:
//   ReplicationResult r = Simulate(model, 3, {.trace = &sink});
#ifndef CCSIM_MODEL_REPLICATION_H_
#define CCSIM_MODEL_REPLICATION_H_

#include <atomic>
#include <cstdint>

#include "sim/model/model.h"
#include "sim/model/results.h"
#include "sim/records/trace_sink.h"

namespace ccsim::model {

// The trace records live in sim/records (the HDF5 writer shares them); the model names
// them unqualified.
using records::AgentSpellRecord;
using records::AgentState;
using records::ContactOutcome;
using records::ContactRecord;
using records::EventKind;
using records::EventRecord;
using records::TraceLevel;
using records::TraceSink;

struct SimulateOptions {
  uint64_t seed = 1;              // the scenario's unless the command line overrides it
  TraceSink* trace = nullptr;     // null: no records
  TraceLevel trace_level = TraceLevel::kContacts;  // what goes to `trace`
  // When set and true, the replication stops at its next check (every few thousand
  // events) and returns with `stopped` set. May be null.
  const std::atomic<bool>* stop = nullptr;
  // Incremented by the simulated seconds done (up to the horizon), every few thousand
  // events, for a progress bar. May be null.
  std::atomic<int64_t>* progress_seconds = nullptr;
};

// With the scenario's costs, the result's money is filled in (PriceReplication, costs.h).
// Thread safety: any number of replications of one Model may run at once.
ReplicationResult Simulate(const Model& model, int replication, const SimulateOptions& options);

}  // namespace ccsim::model

#endif  // CCSIM_MODEL_REPLICATION_H_
