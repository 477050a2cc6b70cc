// The idle agents of a replication, arranged so that "who is free for contact type t" is a
// minimum over one short array: a FIFO per group (longest idle first) of (agent,
// idle_since) pairs, and per contact type a dense row holding, for each group eligible for
// it, that group's longest-idle agent and when it became idle. A group keeps the places of
// its entries in the rows and rewrites them whenever its front changes (one write per
// skill), so choosing an agent reads one row instead of every group's ring and the
// front agent's record.
//
// Example:
//   IdleAgents idle(model, scenario::AgentSelection::kLongestIdle);
//   idle.PushBack(/*group=*/3, /*agent=*/301, /*idle_since=*/now);
//   const uint32_t at = idle.BestDirect(type);  // kNone when no eligible group has one
//   const int agent = idle.PopAt(at);  // on idle.terms(at)
//
// Under `routing.levels: rank` an entry's rank puts the skill level first, then the
// policy's rank. Under `routing.reserve` a group shows its front agent in the row of a
// type outside the reservation's `for` only while more than `idle_at_least` of its agents
// are idle (taking one leaves at least that many).
//
// Invariants: (1) every row entry equals its group's ring front ranked by the policy, or
// the empty entry when the ring holds fewer agents than the entry needs (one, or one more
// than a reservation keeps idle); (2) a row lists its type's groups in
// ContactTypeModel::groups order, those with no `after` first (the direct part), then the
// overflow ones. Thread safety: none; one per replication.
#ifndef CCSIM_MODEL_IDLE_AGENTS_H_
#define CCSIM_MODEL_IDLE_AGENTS_H_

#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/model/model.h"
#include "sim/model/ring_queue.h"

namespace ccsim::model::internal {

// agent_selection as a static rank of (type, group) pairs: a lower rank wins, equal ranks
// go to the longest-idle agent (ties: the lower agent id). kRandom ranks all alike (the
// Router draws instead). A new ranked policy is one case here and a test.
int AgentRank(scenario::AgentSelection selection, const Eligibility& e,
              const AgentGroupModel& group);

// routing.reserve: how many other agents of `group` must stay idle for one of them to
// take a contact of `type` (0: no condition; the types in the reservation's `for` have none).
int KeepIdle(const scenario::Routing& routing, int group, int type);

class IdleAgents {
 public:
  static constexpr uint32_t kNone = ~uint32_t{0};

  // A group's longest-idle agent as its rows see it: (rank, idle_since, agent) packed
  // into one unsigned 128-bit number whose order is theirs (idle_since >= 0, so its bits
  // order as the doubles do), so that a row's minimum is a run of compares and
  // conditional moves rather than hard-to-predict branches. All ones: no idle agent.
  using Key = unsigned __int128;
  static constexpr Key kEmpty = ~Key{0};
  static Key KeyOf(uint32_t rank, double idle_since, int agent) {
    return (Key{rank} << 96) | (Key{std::bit_cast<uint64_t>(idle_since)} << 32) |
           static_cast<uint32_t>(agent);
  }

  IdleAgents(const Model& model, scenario::AgentSelection selection);

  // The agent became idle at `idle_since` (not before any other of its group's).
  void PushBack(int group, int agent, double idle_since) {
    Group& g = groups_[group];
    g.ring.push_back({idle_since, agent});
    if (g.ring.size() <= g.refresh_up_to) Refresh(group);
  }
  // Takes the agent of the row entry at `at` off its group's ring (it is that group's
  // front). The agent comes from the key and the group from the copy of its terms, so
  // choosing reads neither the ring's front nor the Model. REQUIRES: key(at) != kEmpty.
  int PopAt(uint32_t at) {
    const int agent = static_cast<int>(static_cast<uint32_t>(keys_[at]));
    const int group = terms_[at].group;
    groups_[group].ring.pop_front();
    Refresh(group);
    return agent;
  }
  // Takes the i-th longest-idle agent of the group off its ring. REQUIRES: i < size(group).
  int EraseAt(int group, size_t i);
  // Takes `agent` off its group's ring; false when it is not there.
  bool Erase(int group, int agent);

  size_t size(int group) const { return groups_[group].ring.size(); }

  // Where in the rows the best entry of type's direct part is (its front agent by the
  // policy), or kNone when none of those groups has an idle agent.
  uint32_t BestDirect(int type) const { return Best(rows_[type].begin, rows_[type].overflow); }
  // The same over the type's overflow groups that a contact arrived at `arrival` may
  // reach at `now` (it has waited their `after`), kNone when none.
  uint32_t BestOverflow(int type, double arrival, double now) const;
  bool has_overflow(int type) const { return rows_[type].overflow != rows_[type].end; }
  // Where the entry of `group` in the row of `type` is; kNone when the group has none.
  uint32_t PlaceOf(int type, int group) const;

  const Key& key(uint32_t at) const { return keys_[at]; }
  const Eligibility& terms(uint32_t at) const { return terms_[at]; }
  // Whether the entry at `a` goes before the one at `b` (kNone goes last).
  bool Before(uint32_t a, uint32_t b) const {
    return b == kNone || (a != kNone && keys_[a] < keys_[b]);
  }

 private:
  struct Idle {
    double idle_since;
    int32_t agent;
  };
  struct Row {
    uint32_t begin, overflow, end;  // [begin, overflow): no `after`; [overflow, end): overflow
  };
  struct Place {
    uint32_t at;  // index into keys_
    uint32_t rank;
  };

  uint32_t Best(uint32_t begin, uint32_t end) const {
    Key best = kEmpty;
    uint32_t at = kNone;
    for (uint32_t i = begin; i < end; ++i) {
      const bool before = keys_[i] < best;
      best = before ? keys_[i] : best;
      at = before ? i : at;
    }
    return at;
  }
  // Rewrites the group's entries in every row from its ring's front.
  void Refresh(int group) {
    const Group& g = groups_[group];
    const RingQueue<Idle>& ring = g.ring;
    const Key front = ring.empty() ? kEmpty : KeyOf(0, ring.front().idle_since, ring.front().agent);
    if (g.refresh_up_to == 1) [[likely]] {  // no reservation: an entry shows the front
      for (uint32_t p = g.place_begin; p < g.place_end; ++p) {
        const Place& place = places_[p];
        keys_[place.at] = ring.empty() ? kEmpty : front | (Key{place.rank} << 96);
      }
      return;
    }
    for (uint32_t p = g.place_begin; p < g.place_end; ++p) {
      const Place& place = places_[p];
      keys_[place.at] = ring.size() < needs_[p] ? kEmpty : front | (Key{place.rank} << 96);
    }
  }

  // A group's ring (longest idle first) and the range of its places, together so that a
  // change of front reads one line for both.
  struct alignas(64) Group {
    RingQueue<Idle> ring;
    uint32_t place_begin = 0, place_end = 0;  // into places_
    // The largest `need` of its places: a ring of at most this many agents shows or hides
    // entries as it grows or shrinks (1 without a reservation: only the front matters).
    uint32_t refresh_up_to = 1;
  };

  std::vector<Group> groups_;  // by group
  std::vector<Key> keys_;      // the rows, type after type
  // Beside keys_, read for the winner only: a copy of its terms (group included), so that
  // choosing and answering read one line here rather than the type's list in the Model.
  std::vector<Eligibility> terms_;
  std::vector<Row> rows_;      // by type
  std::vector<Place> places_;  // group after group
  // Beside places_: the idle agents a group needs for the entry to show (1 + KeepIdle),
  // read only for a group with a reservation.
  std::vector<uint32_t> needs_;
};

}  // namespace ccsim::model::internal

#endif  // CCSIM_MODEL_IDLE_AGENTS_H_
