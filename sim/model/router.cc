#include "sim/model/router.h"

#include <algorithm>
#include <boost/random/uniform_int_distribution.hpp>
#include <cmath>
#include <limits>

namespace ccsim::model::internal {

using scenario::AgentSelection;
using scenario::Channel;
using scenario::ContactSelection;

namespace {
const Eligibility kPlainTerms{};
}  // namespace

const Eligibility& TermsOf(const Model& model, int group, int type) {
  for (const Eligibility& e : model.groups()[group].serves) {
    if (e.contact_type == type) return e;
  }
  return kPlainTerms;
}

bool HasSkill(const Model& model, int group, int type) {
  const Eligibility& e = TermsOf(model, group, type);
  return &e != &kPlainTerms && e.after == 0;
}

Router::Router(const Model& model, engine::Simulator& sim, const Streams& streams,
               std::vector<Agent>& agents, const Pool<Journey>& journeys)
    : model_(model),
      s_(model.scenario()),
      sim_(sim),
      streams_(streams),
      agents_(agents),
      journeys_(journeys),
      agent_selection_(s_.routing.agent_selection),
      contact_selection_(s_.routing.contact_selection),
      rank_levels_(s_.routing.levels == scenario::Levels::kRank),
      routing_stream_(streams.Get(kRoutingStream, 0)),
      waiting_for_group_(model.groups().size(), 0),
      idle_(model, agent_selection_),
      lines_on_(model.lines() >= 0),
      balking_on_(std::any_of(model.types().begin(), model.types().end(),
                              [](const ContactTypeModel& t) { return t.balking > 0; })),
      max_wait_on_(std::any_of(model.types().begin(), model.types().end(),
                               [](const ContactTypeModel& t) { return t.max_wait >= 0; })),
      callbacks_on_(model.has_callbacks()) {
  const size_t n_types = model.types().size();
  queues_.resize(n_types);
  waiting_.assign(n_types, 0);
  callbacks_queued_.assign(n_types, 0);
  if (callbacks_on_) {
    for (const ContactTypeModel& t : model.types()) {
      own_queue_.push_back(t.callback && !t.callback->keep_place);
    }
    own_queues_.resize(n_types);
  }
  on_duty_.assign(model.groups().size(), 0);
  if (s_.routing.preferred_agent_wait) reserved_.resize(model.agent_count());
  weights_ = s_.routing.weights;
  weights_.resize(n_types, 1.0);
  for (const ContactTypeModel& tm : model.types()) {
    mean_handle_.push_back(tm.handle_time.mean() + tm.wrap_up.mean());
  }
  BuildConditions();
  BuildServes();
}

void Router::BuildConditions() {
  conditions_.resize(model_.types().size());
  for (const scenario::Overflow& o : s_.routing.overflow) {
    if (o.when == scenario::OverflowWhen::kAfter) continue;
    Condition c{.when = o.when,
                .threshold = o.when == scenario::OverflowWhen::kQueueOver
                                 ? static_cast<double>(o.queue_over)
                                 : o.expected_wait_over,
                .queue = static_cast<uint32_t>(queues_.size())};
    for (int g : o.add_groups) {
      // A group that serves the type otherwise (a skill) keeps those terms.
      if (std::isfinite(TermsOf(model_, g, o.contact_type).after)) continue;
      c.places.push_back(idle_.PlaceOf(o.contact_type, g));
    }
    queues_.emplace_back();
    conditions_[o.contact_type].push_back(std::move(c));
    conditions_on_ = true;
  }
}

void Router::BuildServes() {
  // The condition queue a group reads for a type, if any (the loader allows one).
  auto condition_queue = [&](int group, int type) -> int64_t {
    for (const Condition& c : conditions_[type]) {
      for (uint32_t at : c.places) {
        if (idle_.terms(at).group == group) return c.queue;
      }
    }
    return -1;
  };
  const bool reservations = !s_.routing.reserve.empty();
  rules_on_ = reservations;
  for (const AgentGroupModel& g : model_.groups()) {
    serves_live_.emplace_back();
    serves_email_.emplace_back();
    serves_chat_.emplace_back();
    for (const Eligibility& e : g.serves) {
      Serve serve{.terms = e, .queue = static_cast<uint32_t>(e.contact_type)};
      serve.keep_idle = KeepIdle(s_.routing, e.group, e.contact_type);
      if (std::isinf(e.after)) {
        const int64_t q = condition_queue(e.group, e.contact_type);
        if (q < 0) continue;  // (cannot happen: every such pair has its rule)
        serve.queue = static_cast<uint32_t>(q);
        serve.terms.after = 0;
      }
      const Channel channel = model_.types()[e.contact_type].channel;
      (channel == Channel::kEmail ? serves_email_ : serves_live_).back().push_back(serve);
      if (channel == Channel::kChat) serves_chat_.back().push_back(serve);
    }
    if (!rank_levels_) continue;
    for (auto* list : {&serves_live_, &serves_email_, &serves_chat_}) {
      for (const Serve& serve : list->back()) {
        rules_on_ |= serve.terms.level != list->back().front().terms.level;
      }
      std::stable_sort(
          list->back().begin(), list->back().end(),
          [](const Serve& a, const Serve& b) { return a.terms.level < b.terms.level; });
    }
  }
  if (!reservations) return;
  for (size_t t = 0; t < model_.types().size(); ++t) {
    keep_idle_.emplace_back();
    for (const Eligibility& e : model_.types()[t].groups) {
      keep_idle_.back().push_back(KeepIdle(s_.routing, e.group, static_cast<int>(t)));
    }
  }
}

double Router::ExpectedWait(int type, int64_t ahead) const {
  const bool chat = model_.types()[type].channel == Channel::kChat;
  int64_t agents = 0;  // servers: a chat agent counts as many as the chats it takes at once
  for (const Eligibility& e : model_.types()[type].groups) {
    if (e.after != 0) continue;
    agents += on_duty_[e.group] * (chat ? model_.groups()[e.group].concurrency : 1);
  }
  if (agents <= 0) return kInfinity;
  return static_cast<double>(ahead + 1) * mean_handle_[type] / static_cast<double>(agents);
}

int Router::FindConditionalAgent(int type, int64_t ahead, const Eligibility** terms) {
  uint32_t best = IdleAgents::kNone;
  int idle_total = 0;  // agent_selection random: the agents to draw from
  for (const Condition& c : conditions_[type]) {
    if (!Holds(c, type, ahead)) continue;
    for (uint32_t at : c.places) {
      if (idle_.key(at) == IdleAgents::kEmpty) continue;
      idle_total += static_cast<int>(idle_.size(idle_.terms(at).group));
      if (idle_.Before(at, best)) best = at;
    }
  }
  if (best == IdleAgents::kNone) return -1;
  if (agent_selection_ == AgentSelection::kRandom) {
    int pick = boost::random::uniform_int_distribution<int>(0, idle_total - 1)(routing_stream_);
    for (const Condition& c : conditions_[type]) {
      if (!Holds(c, type, ahead)) continue;
      for (uint32_t at : c.places) {
        if (idle_.key(at) == IdleAgents::kEmpty) continue;
        const int group = idle_.terms(at).group;
        const int n = static_cast<int>(idle_.size(group));
        if (pick < n) {
          *terms = &idle_.terms(at);
          return idle_.EraseAt(group, pick);
        }
        pick -= n;
      }
    }
  }
  *terms = &idle_.terms(best);
  return idle_.PopAt(best);
}

void Router::JoinConditionQueues(uint32_t slot, int64_t ahead) {
  const WaitingContact& w = slots_[slot];
  for (const Condition& c : conditions_[w.type]) {
    if (!Holds(c, w.type, ahead)) continue;
    // Entries of contacts answered by their own groups die in these queues unread: drop
    // the dead ones at the front as new ones come.
    FrontSlot(queues_[c.queue], -1);
    queues_[c.queue].push_back({slot, w.contact_id});
  }
}

int Router::FindIdleAgent(int type, double arrival, const Eligibility** terms) {
  if (agent_selection_ == AgentSelection::kRandom) return PickAtRandom(type, arrival, terms);
  uint32_t best = idle_.BestDirect(type);
  if (idle_.has_overflow(type)) [[unlikely]] {
    const uint32_t overflow = idle_.BestOverflow(type, arrival, sim_.now());
    if (idle_.Before(overflow, best)) best = overflow;
  }
  if (best == IdleAgents::kNone) return -1;
  *terms = &idle_.terms(best);
  return idle_.PopAt(best);
}

int Router::PickAtRandom(int type, double arrival, const Eligibility** terms) {
  const std::vector<Eligibility>& groups = model_.types()[type].groups;
  int level = std::numeric_limits<int>::max();  // the lowest eligible level, under rank
  if (rank_levels_) {
    for (size_t i = 0; i < groups.size(); ++i) {
      if (Eligible(type, i, groups[i], arrival)) level = std::min(level, groups[i].level);
    }
  }
  auto drawn_from = [&](size_t i) {
    return Eligible(type, i, groups[i], arrival) && (!rank_levels_ || groups[i].level == level);
  };
  int idle_total = 0;
  for (size_t i = 0; i < groups.size(); ++i) {
    if (drawn_from(i)) idle_total += static_cast<int>(idle_.size(groups[i].group));
  }
  if (idle_total == 0) return -1;
  int pick = boost::random::uniform_int_distribution<int>(0, idle_total - 1)(routing_stream_);
  for (size_t i = 0; i < groups.size(); ++i) {
    const Eligibility& e = groups[i];
    if (!drawn_from(i)) continue;
    const int n = static_cast<int>(idle_.size(e.group));
    if (pick < n) {
      *terms = &e;
      return idle_.EraseAt(e.group, pick);
    }
    pick -= n;
  }
  return -1;  // unreachable: pick < idle_total
}

void Router::MakeIdle(int agent) {
  Agent& a = agents_[agent];
  a.idle_since = sim_.now();
  a.state = AgentState::kIdle;
  a.state_since = sim_.now();
  idle_.PushBack(a.group, agent, a.idle_since);
}

bool Router::TakeIfIdle(int agent) {
  if (agents_[agent].idle_since < 0) return false;
  return idle_.Erase(agents_[agent].group, agent);
}

bool Router::Balks(const Work& w, uint64_t customer_key) const {
  if (!balking_on_) return false;
  const double p = model_.types()[w.type].balking;
  if (p <= 0) return false;
  engine::RandomStream g = streams_.Get(kBalkStream, customer_key, w.attempt);
  return g.Uniform01() <= p;  // in (0, 1]: p = 1 always balks
}

void Router::FreeLineAt(double talk_end, int agent, int type) {
  sim_.Schedule(talk_end, kLineFree, agent, static_cast<uint32_t>(type));
}

void Router::ScheduleFirstCloses() {
  closes_done_.assign(model_.types().size(), 0);
  for (size_t type = 0; type < model_.types().size(); ++type) {
    const std::vector<double>& closes = model_.types()[type].clear_at;
    if (!closes.empty()) sim_.Schedule(closes[0], kClose, type, static_cast<uint32_t>(type));
  }
}

void Router::ScheduleNextClose(int type) {
  const std::vector<double>& closes = model_.types()[type].clear_at;
  const uint32_t next = ++closes_done_[type];
  if (next < closes.size()) sim_.Schedule(closes[next], kClose, type, static_cast<uint32_t>(type));
}

uint32_t Router::AddSlot(const Work& w, int reserved_for) {
  return slots_.Add({.contact_id = w.contact_id,
                     .journey = w.journey,
                     .arrival = w.arrival,
                     .abandon_at = kInfinity,
                     .base_handle = w.base_handle,
                     .wrap_up = w.wrap_up,
                     .type = w.type,
                     .attempt = w.attempt,
                     .interval = w.interval,
                     .reserved_for = reserved_for,
                     .callback = w.callback,
                     .asked_for = w.asked_for,
                     .counted = w.counted,
                     .waiting = true});
}

void Router::Enqueue(const Work& w, uint64_t customer_key, int reserved_for) {
  const ContactTypeModel& tm = model_.types()[w.type];
  const double now = sim_.now();
  const uint32_t slot = AddSlot(w, reserved_for);
  if (reserved_for >= 0) {
    reserved_[reserved_for].push_back({slot, w.contact_id});
    sim_.Schedule(now + *s_.routing.preferred_agent_wait, kPreferredExpiry, customer_key, slot);
  } else {
    queues_[w.type].push_back({slot, w.contact_id});
  }
  if (reserved_for < 0 && HasConditions(w.type)) [[unlikely]] {
    JoinConditionQueues(slot, waiting_[w.type]);
  }
  ++waiting_[w.type];
  ++waiting_total_;
  CountWaiting(w.type, 1);
  if (tm.patience) {
    engine::RandomStream g = streams_.Get(kPatienceStream, customer_key, w.attempt);
    double patience = (*tm.patience)(g);
    if (tm.arrivals.has_patience_factors()) patience *= tm.arrivals.PatienceFactorAt(w.arrival);
    slots_[slot].abandon_at = now + patience;
    sim_.Schedule(slots_[slot].abandon_at, kAbandon, customer_key, slot);
  }
  for (double after : tm.overflow_delays) {
    sim_.Schedule(w.arrival + after, kOverflow, customer_key, slot);
  }
  if (max_wait_on_ && tm.max_wait >= 0) {
    sim_.Schedule(w.arrival + tm.max_wait, kMaxWait, customer_key, slot);
  }
}

void Router::EnqueueCallback(const Work& w, uint64_t customer_key, int reserved_for,
                             bool at_front) {
  const double now = sim_.now();
  const uint32_t slot = AddSlot(w, reserved_for);
  RingQueue<QueueEntry>& q = reserved_for >= 0    ? reserved_[reserved_for]
                             : own_queue_[w.type] ? own_queues_[w.type]
                                                  : queues_[w.type];
  if (at_front) {
    q.push_front({slot, w.contact_id});
  } else {
    q.push_back({slot, w.contact_id});
  }
  if (reserved_for >= 0) {
    sim_.Schedule(now + *s_.routing.preferred_agent_wait, kPreferredExpiry, customer_key, slot);
  }
  ++callbacks_queued_[w.type];
  ++callbacks_queued_total_;
  CountWaiting(w.type, 1);
  // (The overflows already due were tried by the caller, which looked for an idle agent.)
  for (double after : model_.types()[w.type].overflow_delays) {
    if (w.arrival + after > now) sim_.Schedule(w.arrival + after, kOverflow, customer_key, slot);
  }
}

void Router::MakeCallback(uint32_t slot, int32_t callback) {
  WaitingContact& c = slots_[slot];
  c.callback = callback;
  c.abandon_at = kInfinity;  // its pending abandonment no longer concerns it
  --waiting_[c.type];
  --waiting_total_;
  ++callbacks_queued_[c.type];
  ++callbacks_queued_total_;
}

bool Router::HeldBehindLive(int type) {
  return own_queue_[type] && FrontSlot(queues_[type], -1) != kNone;
}

uint32_t Router::OwnQueueFront(int type) {
  if (!own_queue_[type] || callbacks_queued_[type] == 0 || HeldBehindLive(type)) return kNone;
  return FrontSlot(own_queues_[type], -1);
}

Work Router::Unqueue(uint32_t slot) {
  WaitingContact& c = slots_[slot];
  c.waiting = false;
  if (c.callback >= 0) [[unlikely]] {
    --callbacks_queued_[c.type];
    --callbacks_queued_total_;
  } else {
    --waiting_[c.type];
    --waiting_total_;
    // A live contact leaving may let its type's own-queue callbacks through.
    if (callbacks_on_ && own_queue_[c.type] && callbacks_queued_[c.type] > 0) [[unlikely]] {
      unblocked_.push_back(c.type);
    }
  }
  CountWaiting(c.type, -1);
  slots_.Free(slot);
  return WorkOf(c);  // (the freed entry keeps its values until reused)
}

void Router::OpenToAnyone(uint32_t slot) {
  WaitingContact& c = slots_[slot];
  c.reserved_for = -1;
  queues_[c.type].push_back({slot, c.contact_id});
  if (c.callback < 0 && HasConditions(c.type)) JoinConditionQueues(slot, waiting_[c.type] - 1);
}

Router::Pick Router::NextFor(int agent) {
  if (!reserved_.empty()) {
    const uint32_t slot = FrontSlot(reserved_[agent], agent);
    if (slot != kNone) {
      reserved_[agent].pop_front();
      const Eligibility& terms = TermsOf(model_, agents_[agent].group, slots_[slot].type);
      return {.slot = slot, .queue = kNone, .terms = &terms};
    }
  }
  const int group = agents_[agent].group;
  if (waiting_for_group_[group] == 0) return {};
  Pick pick = BestWaiting(serves_live_[group], group);
  if (pick.slot == kNone) pick = BestWaiting(serves_email_[group], group);
  return TakeFront(pick);
}

Router::Pick Router::NextChatFor(int group) {
  if (waiting_for_group_[group] == 0) return {};
  return TakeFront(BestWaiting(serves_chat_[group], group));
}

Router::Pick Router::TakeFront(Pick pick) {
  if (pick.slot == kNone) return pick;
  if (pick.queue == kOwnQueue) [[unlikely]] {
    own_queues_[pick.terms->contact_type].pop_front();
  } else {
    queues_[pick.queue].pop_front();
  }
  return pick;
}

template <bool kRules>
Router::Pick Router::BestWaiting(const std::vector<Serve>& serves, int group) {
  Pick best;
  for (const Serve& serve : serves) {
    const Eligibility& e = serve.terms;
    // Sorted by level under rank: a found contact of a lower level goes first.
    if (kRules && rank_levels_ && best.slot != kNone && e.level > best.terms->level) break;
    const int t = e.contact_type;
    if (waiting_[t] == 0 && (!callbacks_on_ || callbacks_queued_[t] == 0)) continue;
    if (kRules && serve.keep_idle > static_cast<int64_t>(idle_.size(group))) {
      continue;  // reserve: too few others idle
    }
    uint32_t queue = serve.queue;
    uint32_t slot = FrontSlot(queues_[queue], -1);
    // (A condition's queue holds live contacts only: own-queue callbacks met none.)
    if (slot == kNone && callbacks_on_ && own_queue_[t] && queue == static_cast<uint32_t>(t))
        [[unlikely]] {
      queue = kOwnQueue;
      slot = FrontSlot(own_queues_[t], -1);
    }
    if (slot == kNone) continue;
    const double arrival = slots_[slot].arrival;
    if (e.after > 0 && arrival + e.after > sim_.now()) continue;
    if (best.slot != kNone &&
        !GoesFirst(t, arrival, best.terms->contact_type, slots_[best.slot].arrival)) {
      continue;
    }
    best = {.slot = slot, .queue = queue, .terms = &e};
  }
  return best;
}

bool Router::GoesFirst(int t, double arrival, int best_t, double best_arrival) const {
  switch (contact_selection_) {
    case ContactSelection::kPriorityThenLongestWait: {
      const int p = model_.types()[t].priority, bp = model_.types()[best_t].priority;
      if (p != bp) return p > bp;
      return arrival < best_arrival;
    }
    case ContactSelection::kLongestWait:
      return arrival < best_arrival;
    case ContactSelection::kLongestWeightedWait: {
      const int p = model_.types()[t].priority, bp = model_.types()[best_t].priority;
      if (p != bp) return p > bp;
      const double w = weights_[t], bw = weights_[best_t];
      // Equal weights compare arrivals, as longest_wait does, to the bit.
      if (w == bw) return arrival < best_arrival;
      return (sim_.now() - arrival) * w > (sim_.now() - best_arrival) * bw;
    }
  }
  return false;
}

uint32_t Router::FrontSlot(RingQueue<QueueEntry>& q, int32_t reserved_for) {
  while (!q.empty()) {
    const QueueEntry& f = q.front();
    const WaitingContact& c = slots_[f.slot];
    if (c.waiting && c.contact_id == f.contact_id && c.reserved_for == reserved_for) {
      return f.slot;
    }
    q.pop_front();
  }
  return kNone;
}

}  // namespace ccsim::model::internal
