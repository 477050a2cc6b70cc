// Trace records: what a replication reports contact by contact, agent spell by agent
// spell and event by event. Plain rows with no behaviour, so that the model can produce
// them and the HDF5 writer can store them without either knowing the other.
// The layout these records take in a file is docs/trace_format.md.
//
// Example:
//   records::ContactRecord c{.contact_id = 7, .outcome = records::ContactOutcome::kAbandoned};
//   ToString(c.outcome)  // "abandoned", the name of the value in the file's enum
#ifndef CCSIM_RECORDS_TRACE_RECORDS_H_
#define CCSIM_RECORDS_TRACE_RECORDS_H_

#include <cstdint>

namespace ccsim::records {

enum class ContactOutcome : uint8_t {
  kResolved,
  kTransferred,
  kEscalated,
  kUnresolved,
  kAbandoned,
  kBlocked,
  kDisconnected,
  // Still waiting when no event was left: nobody on duty could serve it any more.
  kUnserved,
  kBalked,   // would have had to wait and left at once (`balking`)
  kMessage,  // waited `max_wait` and was taken out of the queue with a message
  kClosed,   // still waiting when its type closed with `at_close: clear`
  // Took a callback (offered, or after max_wait): answered when an agent's call reached the
  // customer, else every call failed (no answer).
  kCallback,
};
inline constexpr int kContactOutcomeCount = 12;
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
  kTransfer,        // a customer enters the queue of the type it was transferred to
  kEscalation,      // likewise after an escalation
  kRepeat,          // an unresolved or disconnected customer comes back
  kGiveUp,          // a journey ends unresolved (no retrial or repeat, or too many contacts)
  kAlert,           // real-time control: the service level fell below its trigger
  kBalk,            // a contact that would have had to wait left at once
  kMessage,         // a contact waited max_wait and left with a message
  kClose,           // a contact still waiting left when its type closed (at_close: clear)
  kCallbackOffer,   // a contact that would have to wait is offered a callback
  kCallbackAccept,  // the customer takes it (or max_wait gives one) and leaves the line
  kDial,            // an agent calls a callback's customer back (agent_id)
  kNoAnswer,        // that call did not reach the customer (a redial may follow)
};
inline constexpr int kEventKindCount = 19;
const char* ToString(EventKind k);

// One row per contact (SPEC §5 /replications/<k>/contacts). Times in seconds.
struct ContactRecord {
  uint64_t contact_id = 0;
  uint64_t customer_id = 0;
  int32_t contact_type = 0;
  int32_t attempt = 1;
  double arrival = 0;
  double answer = 0;       // NaN when not answered
  double end = 0;          // end of talk, of waiting (abandoned, message, closed), of the
                           // last call (a callback never reached) or the arrival (blocked,
                           // balked)
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

}  // namespace ccsim::records

#endif  // CCSIM_RECORDS_TRACE_RECORDS_H_
