// The kinds of pending event of a replication and their rank: the order in which events
// due at the same instant run (the top bits of engine::Event::key, see engine::MakeKey).
//
// The order, and why:
//   1. Agents coming free: a handling or a chat ends. Whatever else happens at the same
//      instant sees the agent free (replication.h: an arrival sees the agents freed at
//      its own instant; a contact whose patience ends then is answered).
//   2. The workforce: shifts end, breaks and coaching end, breaks fall due, shifts start,
//      coaching falls due. Contacts at the instant see the staff as it now is.
//   3. Waiting contacts: an abandonment, then an overflow, then the end of a preferred
//      agent's exclusive wait. A contact that would abandon when it overflows abandons.
//   4. Customers: a talk ends (the transfer or escalation arrives), a retrial or repeat
//      returns, then a fresh arrival.
//   5. Real-time control: it acts on the instant once everything else has happened.
// Ranks are unique, so equal-time events of different kinds never depend on entity ids.
#ifndef CCSIM_MODEL_PENDING_EVENT_H_
#define CCSIM_MODEL_PENDING_EVENT_H_

#include <array>
#include <cstdint>

namespace ccsim::model::internal {

// The value is the rank. Entity: what the event key's low bits identify (unique per kind).
enum PendingEvent : uint32_t {
  kAgentFree = 0,        // payload: agent; entity: agent
  kChatEnd = 1,          // payload: agent; entity: agent * kMaxConcurrency + chat slot
  kShiftEnd = 2,         // payload: agent; entity: agent
  kAwayEnd = 3,          // payload: agent; entity: agent (end of a break or coaching)
  kBreakDue = 4,         // payload: agent; entity: agent
  kShiftStart = 5,       // payload: agent; entity: agent (also a called-in agent)
  kCoachingDue = 6,      // payload: agent; entity: agent
  kAbandon = 7,          // payload: contact slot; entity: customer key
  kOverflow = 8,         // payload: contact slot; entity: customer key
  kPreferredExpiry = 9,  // payload: contact slot; entity: customer key
  kTalkEnd = 10,         // payload: journey; entity: customer key
  kReturn = 11,          // payload: journey; entity: customer key
  kArrival = 12,         // payload: contact type; entity: contact type
  kRealTimeCheck = 13,   // payload: 0; entity: 0
  kBreaksResume = 14,    // payload: 0; entity: 0
};

inline constexpr std::array kAllPendingEvents = {
    kAgentFree, kChatEnd,         kShiftEnd, kAwayEnd, kBreakDue,      kShiftStart,
    kCoachingDue, kAbandon,       kOverflow, kPreferredExpiry, kTalkEnd, kReturn,
    kArrival,   kRealTimeCheck,   kBreaksResume};

namespace rank_check {
// Ranks are 0..n-1, each once: a total order among kinds, and room in the key's 8 bits.
constexpr bool RanksAreUniqueAndDense() {
  std::array<bool, kAllPendingEvents.size()> seen{};
  for (PendingEvent e : kAllPendingEvents) {
    if (e >= seen.size() || seen[e]) return false;
    seen[e] = true;
  }
  return true;
}
}  // namespace rank_check

static_assert(rank_check::RanksAreUniqueAndDense());
static_assert(kAllPendingEvents.size() <= 256, "ranks take the top 8 bits of the key");
// Every event that frees an agent or brings one on duty runs before any contact event.
static_assert(kAgentFree < kAbandon && kChatEnd < kAbandon && kAwayEnd < kAbandon &&
              kShiftStart < kAbandon);
// Agents leaving (end of shift, break or coaching due) too: an arrival sees who is there.
static_assert(kShiftEnd < kAbandon && kBreakDue < kAbandon && kCoachingDue < kAbandon);
// Waiting contacts before returning customers, before fresh arrivals (replication.h).
static_assert(kAbandon < kOverflow && kOverflow < kPreferredExpiry &&
              kPreferredExpiry < kTalkEnd && kTalkEnd < kReturn && kReturn < kArrival);
// Control last.
static_assert(kArrival < kRealTimeCheck && kRealTimeCheck < kBreaksResume);

}  // namespace ccsim::model::internal

#endif  // CCSIM_MODEL_PENDING_EVENT_H_
