// Trace records: what the model reports contact by contact, handed over in chunks.
//
// The model fills a buffer and hands it to a TraceSink when full and at the end of the
// replication: one virtual call per chunk, never per event. A sink may be called from
// several replications at once (each passes its own index); it must be thread-safe.
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
const char* ToString(ContactOutcome o);

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

class TraceSink {
 public:
  virtual ~TraceSink() = default;
  // Called with consecutive chunks of one replication's contacts, in the order they ended.
  virtual void OnContacts(int replication, std::span<const ContactRecord> chunk) = 0;
};

}  // namespace ccsim::model

#endif  // CCSIM_MODEL_TRACE_H_
