// Trace records: what the model reports contact by contact, agent spell by agent spell
// and event by event, handed over in chunks.
//
// The model fills buffers and hands them to a TraceSink when full and at the end of the
// replication: one virtual call per chunk, never per event. A sink may be called from
// several replications at once (each passes its own index); it must be thread-safe.
// The layout these records take in a file is docs/trace_format.md.
#ifndef CCSIM_MODEL_TRACE_H_
#define CCSIM_MODEL_TRACE_H_

#include <cstdint>
#include <span>

namespace ccsim::model {

enum class ContactOutcome : uint8_t {
  kResolved,
  kTransferred,
  kEscalated,
  kUnresolved,
  kAbandoned,
  kBlocked,
  kDisconnected,
};
inline constexpr int kContactOutcomeCount = 7;
const char* ToString(ContactOutcome o);

enum class AgentState : uint8_t { kIdle, kBusy, kWrapUp, kBreak, kCoaching, kOffline };
inline constexpr int kAgentStateCount = 6;
const char* ToString(AgentState s);

enum class EventKind : uint8_t {
  kArrival,
  kAnswer,
  kAbandon,
  kBlock,
  kAgentFree,
  kOverflow,
  kRetrial,
  kTransfer,    // a customer enters the queue of the type it was transferred to
  kEscalation,  // likewise after an escalation
  kRepeat,      // an unresolved or disconnected customer comes back
  kGiveUp,      // a journey ends unresolved (no retrial or repeat, or too many contacts)
  kAlert,       // real-time control: the service level fell below its trigger
};
inline constexpr int kEventKindCount = 12;
const char* ToString(EventKind k);

// One row per contact (SPEC §5 /replications/<k>/contacts). Times in seconds.
struct ContactRecord {
  uint64_t contact_id = 0;
  uint64_t customer_id = 0;
  int32_t contact_type = 0;
  int32_t attempt = 1;
  double arrival = 0;
  double answer = 0;       // NaN when not answered
  double end = 0;          // end of talk, of waiting (abandoned) or the arrival (blocked)
  double wait = 0;
  double handle_time = 0;  // talk + wrap-up; 0 when not answered
  int32_t agent_id = -1;
  int32_t agent_group = -1;
  ContactOutcome outcome = ContactOutcome::kResolved;
};

// One spell of one agent in one state: [start, end).
struct AgentSpellRecord {
  int32_t agent_id = 0;
  int32_t group = 0;
  AgentState state = AgentState::kIdle;
  double start = 0;
  double end = 0;
};

// One entry of the raw event log.
struct EventRecord {
  double time = 0;
  EventKind kind = EventKind::kArrival;
  int64_t contact_id = -1;
  int64_t customer_id = -1;
  int32_t contact_type = -1;
  int32_t agent_id = -1;
};

// What a replication records. Each level includes the ones before it.
enum class TraceLevel { kSummary, kContacts, kEvents };

class TraceSink {
 public:
  virtual ~TraceSink() = default;
  // Consecutive chunks of one replication's contacts, in the order their fate was decided.
  virtual void OnContacts(int replication, std::span<const ContactRecord> chunk) = 0;
  // Consecutive chunks of agent spells, in no particular order (kEvents only).
  virtual void OnAgentSpells(int replication, std::span<const AgentSpellRecord> chunk) {}
  // Consecutive chunks of the event log, in the order events ran (kEvents only).
  virtual void OnEvents(int replication, std::span<const EventRecord> chunk) {}
};

}  // namespace ccsim::model

#endif  // CCSIM_MODEL_TRACE_H_
