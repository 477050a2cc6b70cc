// Where a replication hands its trace records (trace_records.h), in chunks.
//
// The model fills buffers and hands them to a TraceSink when full and at the end of the
// replication: one virtual call per chunk, never per event. A sink may be called from
// several replications at once (each passes its own index); it must be thread-safe.
//
// Example:
//   class Count : public records::TraceSink {
//     void OnContacts(int, std::span<const records::ContactRecord> c) override { n += c.size(); }
//     std::atomic<size_t> n{0};
//   };
#ifndef CCSIM_RECORDS_TRACE_SINK_H_
#define CCSIM_RECORDS_TRACE_SINK_H_

#include <optional>
#include <span>
#include <string_view>

#include "sim/records/trace_records.h"

namespace ccsim::records {

// What a replication records. Each level includes the ones before it.
enum class TraceLevel { kSummary, kContacts, kEvents };
const char* ToString(TraceLevel level);  // "summary", "contacts", "events"
std::optional<TraceLevel> ParseTraceLevel(std::string_view text);  // ToString's inverse

class TraceSink {
 public:
  virtual ~TraceSink() = default;
  // Consecutive chunks of one replication's contacts, in the order their fate was decided.
  virtual void OnContacts(int replication, std::span<const ContactRecord> chunk) = 0;
  // Consecutive chunks of agent spells, in no particular order (kEvents only).
  virtual void OnAgentSpells(int replication, std::span<const AgentSpellRecord> chunk) {}
  // Consecutive chunks of the event log, in the order events ran (kEvents only).
  virtual void OnEvents(int replication, std::span<const EventRecord> chunk) {}
  // Once per replication, after its last chunk: a sink that keeps something open per
  // replication (a file's datasets and their chunk caches) can let it go, so that its
  // memory follows the replications running, not those run.
  virtual void OnReplicationEnd(int replication) {}
};

}  // namespace ccsim::records

#endif  // CCSIM_RECORDS_TRACE_SINK_H_
