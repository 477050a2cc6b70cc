// The kinds of pending event of a replication and their rank: the order in which events
// due at the same instant run (the top bits of engine::Event::key, see engine::MakeKey).
//
// The order, and why:
//   1. Agents and lines coming free: a handling or a chat ends, a voice talk ends (its line
//      is free; the agent may still be in wrap-up), a callback's dial ends (the agent is
//      free when nobody answered). Whatever else happens at the same
//      instant sees them free (replication.h: an arrival sees the agents and lines freed at
//      its own instant; a contact whose patience ends then is answered).
//   2. The workforce: shifts end, breaks and coaching end, breaks fall due, shifts start,
//      coaching falls due. Contacts at the instant see the staff as it now is.
//   3. Waiting contacts: an abandonment, then an overflow, then the end of a preferred
//      agent's exclusive wait, then max_wait's message. A contact that would abandon when
//      it overflows abandons; a message is sent only to a contact that no way of answering
//      at that instant (an agent freed, an overflow group, the preferred agent's wait
//      ending) has reached, and that did not hang up then.
//   4. Customers: a talk ends (the transfer or escalation arrives, taking the line its talk
//      just freed), a retrial or repeat returns, a callback is due to be dialled again, then
//      a fresh arrival.
//   5. A close with at_close: clear: it takes the queue as the instant leaves it, so a
//      contact answered or abandoning then counts as such, and one that arrives then (a
//      transfer or a return; fresh arrivals stop at the close) is told to call back too.
//   6. Real-time control: it acts on the instant once everything else has happened.
// Ranks are unique, so equal-time events of different kinds never depend on entity ids.
#ifndef CCSIM_MODEL_PENDING_EVENT_H_
#define CCSIM_MODEL_PENDING_EVENT_H_

#include <array>
#include <cstdint>

namespace ccsim::model::internal {

// The value is the rank. Entity: what the event key's low bits identify (unique per kind).
// Inserting a kind renumbers those after it; only the order of ranks matters (no rank is
// stored beyond a replication), so results do not change.
enum PendingEvent : uint32_t {
  kAgentFree = 0,         // payload: agent; entity: agent
  kChatEnd = 1,           // payload: agent; entity: agent * kMaxConcurrency + chat slot
  kLineFree = 2,          // payload: contact type; entity: agent (whose voice talk ends)
  kDialEnd = 3,           // payload: callback record; entity: customer key
  kShiftEnd = 4,          // payload: agent; entity: agent
  kAwayEnd = 5,           // payload: agent; entity: agent (end of a break or coaching)
  kBreakDue = 6,          // payload: agent; entity: agent
  kShiftStart = 7,        // payload: agent; entity: agent (also a called-in agent)
  kCoachingDue = 8,       // payload: agent; entity: agent
  kAbandon = 9,           // payload: contact slot; entity: customer key
  kOverflow = 10,         // payload: contact slot; entity: customer key
  kPreferredExpiry = 11,  // payload: contact slot; entity: customer key
  kMaxWait = 12,          // payload: contact slot; entity: customer key
  kTalkEnd = 13,          // payload: journey; entity: customer key
  kReturn = 14,           // payload: journey; entity: customer key
  kRedial = 15,           // payload: callback record; entity: customer key
  kArrival = 16,          // payload: contact type; entity: contact type
  kClose = 17,            // payload: contact type; entity: contact type (at_close: clear)
  kRealTimeCheck = 18,    // payload: 0; entity: 0
  kBreaksResume = 19,     // payload: 0; entity: 0
};

inline constexpr std::array kAllPendingEvents = {
    kAgentFree,  kChatEnd,     kLineFree, kDialEnd,  kShiftEnd,        kAwayEnd,     kBreakDue,
    kShiftStart, kCoachingDue, kAbandon,  kOverflow, kPreferredExpiry, kMaxWait,     kTalkEnd,
    kReturn,     kRedial,      kArrival,  kClose,    kRealTimeCheck,   kBreaksResume};

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
// Every event that frees an agent or a line or brings an agent on duty runs before any
// contact event.
static_assert(kAgentFree < kAbandon && kChatEnd < kAbandon && kLineFree < kAbandon &&
              kDialEnd < kAbandon && kAwayEnd < kAbandon && kShiftStart < kAbandon);
// A dial that ends frees its agent like a handling ending, before the workforce acts on it.
static_assert(kAgentFree < kDialEnd && kDialEnd < kShiftEnd);
// Agents leaving (end of shift, break or coaching due) too: an arrival sees who is there.
static_assert(kShiftEnd < kAbandon && kBreakDue < kAbandon && kCoachingDue < kAbandon);
// Waiting contacts before returning customers, before fresh arrivals (replication.h); a
// message after every other way a waiting contact can leave or be answered at the instant.
static_assert(kAbandon < kOverflow && kOverflow < kPreferredExpiry && kPreferredExpiry < kMaxWait &&
              kMaxWait < kTalkEnd && kTalkEnd < kReturn && kReturn < kArrival);
// A redial falls due as a returning customer does: before fresh arrivals take the agents.
static_assert(kReturn < kRedial && kRedial < kArrival);
// A close clears what every customer event of the instant left waiting; control last.
static_assert(kArrival < kClose && kClose < kRealTimeCheck && kRealTimeCheck < kBreaksResume);

}  // namespace ccsim::model::internal

#endif  // CCSIM_MODEL_PENDING_EVENT_H_
