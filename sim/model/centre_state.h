// The state that the parts of a replication share, as plain structs: agents, journeys,
// contacts in hand, and the replication's random streams. Each part receives what it
// reads or writes by reference; the comments say which part owns which field.
#ifndef CCSIM_MODEL_CENTRE_STATE_H_
#define CCSIM_MODEL_CENTRE_STATE_H_

#include <cstdint>
#include <limits>
#include <vector>

#include "sim/engine/random_stream.h"
#include "sim/model/model.h"
#include "sim/model/replication.h"  // the model's names for the trace records

namespace ccsim::model::internal {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
inline constexpr double kInfinity = std::numeric_limits<double>::infinity();
inline constexpr double kDay = 86400;

// A customer's stable identity inside a replication: the contact type of its first arrival
// and its sequence number among that type's arrivals. Random draws and event keys use it,
// so neither depends on the order in which other customers were processed.
inline uint64_t CustomerKey(int type, uint64_t seq) {
  return (static_cast<uint64_t>(type) << 40) | seq;
}

// What happens to a journey when the current handling's talk ends or it is due back.
enum class Next : uint8_t { kTransfer, kEscalation, kLeave, kRetrial, kRepeat };

enum class JourneyEnd { kResolved, kGivenUp, kOpen };

// A customer from first contact to resolution or giving up (owned by Journeys).
struct Journey {
  uint64_t customer_key = 0;
  uint64_t customer_id = 0;
  double start = 0;       // first arrival
  double extra_talk = 0;  // re-explaining owed to the next handling (context lost)
  int32_t contacts = 0;   // contacts so far; the latest one's `attempt`
  int32_t transfers = 0;
  int32_t last_agent = -1;
  int32_t next_type = 0;  // where a pending transfer, escalation or return goes
  Next next = Next::kLeave;
  bool counted = false;  // started at or after warmup
};

// A contact in a queue (a type's, or one agent's while it waits for that agent); owned by
// the Router.
struct WaitingContact {
  uint64_t contact_id = 0;
  uint32_t journey = 0;
  double arrival = 0;  // entered the centre
  double abandon_at = kInfinity;
  double base_handle = 0;  // talk time before the agent's handle_time_factor
  double wrap_up = 0;
  int32_t type = 0;
  int32_t attempt = 1;
  int32_t interval = 0;
  int32_t reserved_for = -1;  // waiting for this agent only (preferred agent), or -1
  int32_t callback = -1;      // a callback (the Callbacks' record), or -1: a live contact
  int32_t asked_for = -1;     // the agent it asked for (preferred agent), even after expiry
  bool counted = false;       // arrived at or after warmup
  bool waiting = false;
};

// One agent. The Workforce owns shift, break and coaching fields, the Router `idle_since`,
// the ChatChannel `chats` and `chat_slots`; the rest is the handling in hand.
struct Agent {
  int32_t group = 0;
  int32_t shift = -1;  // index into its group's shifts; -1: constant headcount
  AgentState state = AgentState::kOffline;
  double state_since = 0;  // start of the current idle, break or offline spell
  double busy_since = 0;
  double talk_end = 0;           // end of the current contact's talk (wrap-up follows)
  double idle_since = -1;        // -1 while not idle (longest-idle routing reads it)
  double staffed_since = -1;     // -1 while off duty or on a break
  double paid_since = -1;        // on duty since (breaks included); -1 while off duty
  double factor = 1;             // personal handle-time factor (people, agent_variation)
  double resolution = 1;         // divides its handlings' non-resolved chances (people)
  double shift_start = 0;        // the current shift occurrence
  double shift_end = kInfinity;  // infinite for constant headcount or past the horizon
  int32_t day = 0;               // which occurrence of a daily shift
  int32_t next_break = 0;        // index into the shift's breaks
  bool coaching_due = false;     // a coaching session is owed (taken when free and on duty)
  int32_t chats = 0;             // chat contacts in hand
  uint32_t chat_slots = 0;       // which of its kMaxConcurrency chat slots are in use
  bool reserve = false;          // comes only when real_time.call_in calls it
};

// What a new or waiting contact brings to an agent.
struct Work {
  uint64_t contact_id;
  uint32_t journey;
  double arrival;
  double base_handle;
  double wrap_up;
  int32_t type;
  int32_t attempt;
  int32_t interval;
  bool counted;
  int32_t callback = -1;  // a callback to make (the Callbacks' record), or -1: a live contact
  int32_t asked_for = -1;  // a repeat asking for its last agent (routing.preferred_agent)
};

// The work that a waiting contact brings.
inline Work WorkOf(const WaitingContact& c) {
  return Work{.contact_id = c.contact_id,
              .journey = c.journey,
              .arrival = c.arrival,
              .base_handle = c.base_handle,
              .wrap_up = c.wrap_up,
              .type = c.type,
              .attempt = c.attempt,
              .interval = c.interval,
              .counted = c.counted,
              .callback = c.callback,
              .asked_for = c.asked_for};
}

// A pool of T addressed by index, reusing freed entries.
template <class T>
class Pool {
 public:
  uint32_t Add(const T& v) {
    if (!free_.empty()) {
      const uint32_t i = free_.back();
      free_.pop_back();
      items_[i] = v;
      return i;
    }
    items_.push_back(v);
    return static_cast<uint32_t>(items_.size() - 1);
  }
  void Free(uint32_t i) { free_.push_back(i); }
  T& operator[](uint32_t i) { return items_[i]; }
  const T& operator[](uint32_t i) const { return items_[i]; }

 private:
  std::vector<T> items_;
  std::vector<uint32_t> free_;
};

// The replication's random streams: one per (seed, replication, purpose, entity, sub).
struct Streams {
  uint64_t seed = 1;
  int replication = 0;

  engine::RandomStream Get(StreamPurpose purpose, uint64_t entity, uint64_t sub = 0) const {
    return engine::RandomStream(seed, replication, purpose, entity, sub);
  }
};

}  // namespace ccsim::model::internal

#endif  // CCSIM_MODEL_CENTRE_STATE_H_
