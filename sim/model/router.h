// Routing: the queues of waiting contacts, the idle agents, and every policy that matches
// them: agent_selection (which idle agent a contact gets), contact_selection (which
// waiting contact a free agent takes), skill levels ranked both ways (`levels: rank`),
// skill-based overflow (a group serves a type only after the contact has waited its
// `after`, or when the contact found its condition on arriving: `when`), reservations
// (`reserve`), the email backlog (email only when no call or chat waits for the agent), and
// preferred-agent queues. Also what is decided at arrival or while waiting: the voice lines
// in use (`lines`), balking, and max_wait's message; and where callbacks wait (their type's
// queue, or its own callback queue). A new agent_selection is a rank in AgentRank
// (idle_agents.h) or one function; a new contact_selection one comparator.
//
// Overflow conditions (`when`) are looked at when a live contact enters the queue: one that
// finds more than N contacts of its type waiting (queue_over: N), or an expected wait
// (ExpectedWait) over the threshold (expected_wait_over), joins that rule's own queue
// beside its type's, which the rule's groups read in arrival order (under rank, after their
// own skills).
//
// The Router decides; the caller answers (Replication::Answer).
// Thread safety: none; one per replication.
#ifndef CCSIM_MODEL_ROUTER_H_
#define CCSIM_MODEL_ROUTER_H_

#include <cstdint>
#include <vector>

#include "sim/engine/event_queue.h"
#include "sim/engine/random_stream.h"
#include "sim/engine/simulator.h"
#include "sim/model/centre_state.h"
#include "sim/model/idle_agents.h"
#include "sim/model/model.h"
#include "sim/model/pending_event.h"
#include "sim/model/ring_queue.h"

namespace ccsim::model::internal {

// The terms on which `group` serves `type`: its skill's, or plain ones when it has none.
const Eligibility& TermsOf(const Model& model, int group, int type);
// Whether `group` has a skill for `type` that needs no wait first.
bool HasSkill(const Model& model, int group, int type);

class Router {
 public:
  static constexpr uint32_t kNone = ~uint32_t{0};
  static constexpr uint32_t kOwnQueue = kNone - 1;  // Pick::queue: own_queues_[its type]

  // A waiting contact chosen for an agent: its slot (kNone: none), the queue it was read
  // from (kNone: it waited for this agent in particular; kOwnQueue: a callback from its
  // type's own callback queue), and the terms. (16 bytes: it comes back in two registers.)
  struct Pick {
    uint32_t slot = kNone;
    uint32_t queue = 0;
    const Eligibility* terms = nullptr;
    bool reserved() const { return queue == kNone; }
  };

  Router(const Model& model, engine::Simulator& sim, const Streams& streams,
         std::vector<Agent>& agents, const Pool<Journey>& journeys);

  // Picks an idle agent for a contact of `type` that entered the queue at `arrival`, by
  // agent_selection, and takes it off its group's idle list. -1 when none is free.
  int FindIdleAgent(int type, double arrival, const Eligibility** terms);

  // Overflow with a condition: whether `type` has rules with `when`; then an idle agent of
  // a group such a rule adds, when the rule's condition holds for a contact that finds
  // `ahead` contacts of its type waiting (ranked as FindIdleAgent ranks, taken off its
  // idle list), or -1. Asked only when FindIdleAgent found nobody.
  bool HasConditions(int type) const { return conditions_on_ && !conditions_[type].empty(); }
  int FindConditionalAgent(int type, int64_t ahead, const Eligibility** terms);

  // The wait a contact of `type` that finds `ahead` contacts of its type waiting can
  // expect: (ahead + 1) × the type's mean handle time (talk + wrap-up) / the agents on duty
  // (not on a break) in the groups that serve it at once, a chat agent counted as its
  // group's concurrency; infinite when none is on duty. (Exact for a single group of n
  // exponential servers, all busy, first come first served.)
  double ExpectedWait(int type, int64_t ahead) const;
  // The Workforce says when an agent of `group` comes on duty (+1) or leaves it or goes on
  // a break (-1).
  void CountOnDuty(int group, int delta) { on_duty_[group] += delta; }

  // The agent becomes idle now (it joins the back of its group's idle list).
  void MakeIdle(int agent);
  // Takes `agent` off its idle list when it is idle.
  bool TakeIfIdle(int agent);

  // Whether a contact of `type` that finds no agent may wait (queue_capacity).
  bool HasWaitingRoom(int type) const {
    const int64_t capacity = model_.types()[type].queue_capacity;
    return capacity < 0 || waiting_[type] < capacity;
  }

  // `lines`: whether a contact of `type` finds a line free (always, but for voice under
  // `lines`). A contact answered or queued takes one (TakeLine) until its talk ends or it
  // leaves the queue (FreeLine); one turned away takes none.
  // (The scenario-wide switches come first: a centre without the feature reads no type's
  // field for it, which sits in the type's last cache line.)
  bool HoldsLine(int type) const { return lines_on_ && model_.types()[type].holds_line; }
  bool HasLine(int type) const { return !HoldsLine(type) || lines_in_use_ < model_.lines(); }
  void TakeLine(int type) { lines_in_use_ += HoldsLine(type); }
  void FreeLine(int type) { lines_in_use_ -= HoldsLine(type); }
  // A voice talk of `type` by `agent` ends at `talk_end`: its line frees then (kLineFree).
  void FreeLineAt(double talk_end, int agent, int type);

  // at_close: clear: schedules each such type's first close (at the start of the run), or
  // the close of `type` after the one just handled (kClose). (These schedules live here,
  // out of Replication's unit, so that its one hot Schedule, in Answer, stays inlined.)
  void ScheduleFirstCloses();
  void ScheduleNextClose(int type);

  // balking: whether `w`, which would have to wait, leaves at once. Draws only for a type
  // that balks (its own stream: other draws do not move).
  bool Balks(const Work& w, uint64_t customer_key) const;

  // Queues `w` for its type, or, when `reserved_for` >= 0, for that agent alone until
  // routing.preferred_agent.wait has passed; schedules its abandonment, overflows and
  // max_wait's message.
  void Enqueue(const Work& w, uint64_t customer_key, int reserved_for);
  // Takes the contact in `slot` out of its queue (its queue entry goes dead) and frees it.
  Work Unqueue(uint32_t slot);

  // Callbacks (SPEC §9). A queued callback is a WaitingContact with `callback` set, in its
  // type's queue (keep_place) or in the type's own callback queue, which a freed agent looks
  // at only when no live contact of the type waits in the type's queue. It holds no line,
  // never abandons and gets no max_wait; it counts in callbacks_queued, not in waiting.
  //
  // Queues the callback `w` (w.callback >= 0) so, at the front (a redial: it had reached
  // the head) or the back; waiting for `reserved_for` alone first when >= 0 (keep_place);
  // schedules the overflows still to come.
  void EnqueueCallback(const Work& w, uint64_t customer_key, int reserved_for, bool at_front);
  // The live contact waiting in `slot` becomes the callback `callback` where it waits
  // (max_wait with keep_place).
  void MakeCallback(uint32_t slot, int32_t callback);
  // Whether a callback of `type` would wait behind a live contact: its type keeps callbacks
  // in their own queue and a live contact waits in the type's queue.
  bool HeldBehindLive(int type);
  // The front of `type`'s own callback queue when no live contact waits before it; kNone
  // otherwise.
  uint32_t OwnQueueFront(int type);
  // Types whose own-queue callbacks a live contact leaving the queue may have let through:
  // the caller dials them if agents are idle, and clears the list.
  std::vector<int>& unblocked_callbacks() { return unblocked_; }

  // Whether the pending event `e` (abandon, overflow, preferred expiry, max_wait) still
  // concerns the contact in its slot: the slot may have been freed and reused since.
  bool StillWaiting(const engine::Event& e) const {
    const WaitingContact& c = slots_[e.payload];
    return c.waiting && engine::MakeKey(e.kind, journeys_[c.journey].customer_key) == e.key;
  }
  const WaitingContact& contact(uint32_t slot) const { return slots_[slot]; }
  // The contact in `slot` stops waiting for its preferred agent: anyone may take it.
  void OpenToAnyone(uint32_t slot);

  // The waiting contact `agent` should take next: one waiting for it in particular, else
  // by contact_selection among its group's calls and chats, else among its emails. Takes
  // it off its queue (the slot stays until Unqueue).
  Pick NextFor(int agent);
  // The chat that an agent of `group` with room for more should take next.
  Pick NextChatFor(int group);

  // Live contacts waiting (callbacks apart), in all and of `type`.
  int64_t waiting_total() const { return waiting_total_; }
  int64_t waiting(int type) const { return waiting_[type]; }
  int64_t callbacks_queued_total() const { return callbacks_queued_total_; }
  int64_t callbacks_queued(int type) const { return callbacks_queued_[type]; }

 private:
  // One type a group serves, as an agent of the group coming free looks at it: the terms,
  // the queue it reads (the type's, or an overflow condition's), and what a reservation
  // keeps idle.
  struct Serve {
    Eligibility terms;      // (`after` 0 for a condition's queue: its contacts may be taken)
    uint32_t queue = 0;     // index into queues_
    int32_t keep_idle = 0;  // other agents of the group that must stay idle (KeepIdle)
  };
  // An overflow rule with a condition, for one type.
  struct Condition {
    scenario::OverflowWhen when = scenario::OverflowWhen::kQueueOver;
    double threshold = 0;          // contacts (queue_over) or seconds (expected_wait_over)
    uint32_t queue = 0;            // index into queues_: the contacts that met it
    std::vector<uint32_t> places;  // its groups' entries in the type's row (IdleAgents)
  };

  // Builds the groups' Serve lists and the overflow conditions.
  void BuildServes();
  void BuildConditions();
  bool Holds(const Condition& c, int type, int64_t ahead) const {
    return c.when == scenario::OverflowWhen::kQueueOver ? static_cast<double>(ahead) > c.threshold
                                                        : ExpectedWait(type, ahead) > c.threshold;
  }
  // Puts the contact in `slot` in the queue of each condition of its type that holds.
  void JoinConditionQueues(uint32_t slot, int64_t ahead);

  // Of `serves` (a list of `group`'s), the type whose front contact comes next (a type's
  // live front, else its own callback queue's front): by level first under `levels: rank`
  // (the lists are sorted by level), then by contact_selection. kRules: some list holds several levels under rank, or some Serve
  // a reservation (rules_on_); without, the loop reads neither.
  template <bool kRules>
  Pick BestWaiting(const std::vector<Serve>& serves, int group);
  Pick BestWaiting(const std::vector<Serve>& serves, int group) {
    return rules_on_ ? BestWaiting<true>(serves, group) : BestWaiting<false>(serves, group);
  }
  // A slot holding `w`, waiting (for `reserved_for` alone when >= 0), in no queue yet.
  uint32_t AddSlot(const Work& w, int reserved_for);
  // Takes the best pick's entry off its queue.
  Pick TakeFront(Pick pick);
  // Whether a front contact of type `t` that arrived at `arrival` goes before the current
  // best (of type `best_t`, arrived at `best_arrival`).
  bool GoesFirst(int t, double arrival, int best_t, double best_arrival) const;

  // agent_selection random: uniform over every eligible idle agent (under `levels: rank`,
  // of the lowest level), drawn over the type's groups in order.
  int PickAtRandom(int type, double arrival, const Eligibility** terms);
  // Whether a contact of `type` that entered at `arrival` may go to an idle agent of the
  // group of the type's i-th eligibility `e`.
  bool Eligible(int type, size_t i, const Eligibility& e, double arrival) const {
    const int keep = keep_idle_.empty() ? 0 : keep_idle_[type][i];
    return static_cast<int64_t>(idle_.size(e.group)) > keep &&
           !(e.after > 0 && arrival + e.after > sim_.now());
  }
  // Counts a contact of `type` in or out of the waiting count of each group serving it.
  void CountWaiting(int type, int delta) {
    for (const Eligibility& e : model_.types()[type].groups) waiting_for_group_[e.group] += delta;
  }

  // The live front of a queue, dropping dead entries; kNone when empty.
  struct QueueEntry {
    uint32_t slot = 0;
    uint64_t contact_id = 0;  // the entry is dead when the slot no longer holds this contact
  };
  uint32_t FrontSlot(RingQueue<QueueEntry>& q, int32_t reserved_for);

  const Model& model_;
  const scenario::Scenario& s_;
  engine::Simulator& sim_;
  const Streams& streams_;
  std::vector<Agent>& agents_;
  const Pool<Journey>& journeys_;
  const scenario::AgentSelection agent_selection_;
  const scenario::ContactSelection contact_selection_;
  const bool rank_levels_;  // routing.levels: rank
  bool rules_on_ = false;   // BestWaiting's kRules: levels that rank within a list, or reserve
  engine::RandomStream routing_stream_;

  // By group, what it serves in the order of its skills (under `levels: rank`, by level,
  // then in that order), split once by the email rule: calls and chats first, emails only
  // when none of those waits; chats alone for an agent with room for more.
  std::vector<std::vector<Serve>> serves_live_, serves_email_, serves_chat_;
  std::vector<double> weights_;      // by contact type: routing.weights (1 when not given)
  std::vector<double> mean_handle_;  // by contact type: mean talk + wrap-up, seconds
  // By type, aligned with ContactTypeModel::groups: KeepIdle (empty without reservations).
  std::vector<std::vector<int>> keep_idle_;
  std::vector<std::vector<Condition>> conditions_;  // by contact type
  bool conditions_on_ = false;                      // some overflow rule has `when`
  std::vector<int> on_duty_;                        // by group: agents on duty, not away

  Pool<WaitingContact> slots_;
  // By contact type, then one per overflow condition (Condition::queue).
  std::vector<RingQueue<QueueEntry>> queues_;
  std::vector<RingQueue<QueueEntry>> reserved_;  // by agent (preferred agent routing only)
  std::vector<int64_t> waiting_;                 // by contact type
  int64_t waiting_total_ = 0;
  // By group, contacts waiting for any type it serves (directly or by overflow, reserved
  // or not): an agent freed with none skips looking at its types' queues.
  std::vector<int64_t> waiting_for_group_;
  IdleAgents idle_;
  const bool lines_on_;                // the scenario has `lines`
  const bool balking_on_;              // some type balks
  const bool max_wait_on_;             // some type has max_wait
  std::vector<uint32_t> closes_done_;  // by contact type: closes of clear_at handled so far
  int64_t lines_in_use_ = 0;           // voice contacts waiting or talking, under `lines`
  // Callbacks: on when some type has them; by type, whether they wait in their own queue,
  // those queues, and the callbacks queued (in either); types to look at again.
  const bool callbacks_on_;
  std::vector<uint8_t> own_queue_;
  std::vector<RingQueue<QueueEntry>> own_queues_;
  std::vector<int64_t> callbacks_queued_;
  int64_t callbacks_queued_total_ = 0;
  std::vector<int> unblocked_;
};

}  // namespace ccsim::model::internal

#endif  // CCSIM_MODEL_ROUTER_H_
