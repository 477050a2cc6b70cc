// The centre built from a Scenario: samplers, arrival processes and routing tables,
// computed once and shared read-only by every replication.
//
// Example:
//   Model model(scenario);
//   ReplicationResult r = Simulate(model, /*replication=*/0, {});
//
// Thread safety: immutable after construction; share it between threads freely.
#ifndef CCSIM_MODEL_MODEL_H_
#define CCSIM_MODEL_MODEL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/model/arrival_process.h"
#include "sim/model/sampler.h"
#include "sim/scenario/scenario.h"

namespace ccsim::model {

// Purposes of random streams (engine::RandomStream's `purpose`). Never renumber: a
// number's meaning is part of what "same seed, same customers" means across versions.
enum StreamPurpose : uint32_t {
  kArrivalStream = 1,   // entity: contact type
  kHandleStream = 2,    // entity: customer, sub: attempt
  kWrapUpStream = 3,    // entity: customer, sub: attempt
  kPatienceStream = 4,  // entity: customer, sub: attempt
  kRetrialStream = 5,   // entity: customer, sub: attempt
  kRoutingStream = 6,   // entity: 0
  kOutcomeStream = 7,   // entity: customer, sub: attempt
  kRepeatStream = 8,    // entity: customer, sub: attempt
  kReExplainStream = 9, // entity: customer, sub: attempt
  kAbsenceStream = 10,  // entity: agent, sub: day of the shift (0 for constant headcount)
  kAgentStream = 11,    // entity: agent: its personal handle-time factor
  kBusynessStream = 12, // entity: 0 (the scenario's factor) or 1 + contact type, sub: day
  kBalkStream = 13,     // entity: customer, sub: attempt: whether a contact that must wait balks
  kCallbackStream = 14, // entity: customer, sub: attempt: whether an offered callback is taken
  kDialStream = 15,     // entity: customer, sub: attempt * kDialsPerAttempt + dial: whether the
                        // call reaches the customer, then the delay to the redial
  kConsultStream = 16,  // entity: customer, sub: attempt: a warm transfer's consult time
};
// Room for the dials of one contact in kDialStream's sub (a first call and its redials).
inline constexpr uint64_t kDialsPerAttempt = 256;

// A chat handled beside k others takes (1 + kChatInterference * k) times as long: switching
// between conversations costs attention. (k is counted when the chat is answered.)
inline constexpr double kChatInterference = 0.25;
// An agent handles at most this many chats at once (group concurrency is capped by it).
inline constexpr int kMaxConcurrency = 32;

// One agent seat: which group, and which of its shifts (-1: on duty all the time).
struct AgentSeat {
  int group = 0;
  int shift = -1;
  bool reserve = false;  // called in by real-time control only
  int person = -1;       // index into Model::people(): a named agent (people), or -1
  double handle_time_factor = 1.0;  // the person's (1 without one)
  double resolution_factor = 1.0;
};

// callback (SPEC §9) of a contact type; scenario::Callback, converted.
struct CallbackModel {
  scenario::CallbackOffer offer = scenario::CallbackOffer::kNever;
  double expected_wait_over = 0;  // seconds
  int64_t queue_over = 0;
  double accept = 1;
  bool keep_place = true;
  double reach = 1;
  Sampler redial_delay;
  int redial_max = 0;
  double dial_time = 15;
  double threshold = 3600;  // service_level.callback_threshold
};

// One way a handling can end other than resolved (SPEC §2 `outcomes`).
struct OutcomeModel {
  scenario::Outcome::Kind kind = scenario::Outcome::Kind::kUnresolved;
  double probability = 0;
  int transfer_to = -1;
  bool context_lost = false;
  Sampler re_explain;
  double disconnect = 0;
  bool warm = false;  // a warm transfer: the agent stays until the target answers, + consult
  Sampler consult;
};
using OutcomeSet = std::vector<OutcomeModel>;

// A group that may serve a contact type, and on which terms. The ints are paired so that
// it takes 32 bytes, not 40 (every answer reads its terms; fewer lines per type's list).
struct Eligibility {
  int group = -1;
  int contact_type = -1;
  // Seconds the contact must have waited first (0: at once); infinite for a group added by
  // an overflow rule with a condition (`when`): the Router opens it to the contacts that
  // met the condition when they arrived.
  double after = 0;
  int level = 1;     // skill level (overflow without a skill: after the group's largest)
  int outcome_set = -1;  // the skill's own outcomes (Model::outcome_sets); -1: the type's
  double handle_time_factor = 1.0;
};

// What every contact reads comes first, in the first two cache lines (the scalars, the
// handle-time sampler, the arrival process's rate): with tens of types, each type's record
// is out of the L1 cache by the time its next contact comes, so every line it spans costs
// a miss.
struct alignas(64) ContactTypeModel {
  scenario::Channel channel = scenario::Channel::kVoice;
  int priority = 0;
  int escalation_to = -1;  // contact type, or -1
  int outcome_set = 0;     // Model::outcome_sets index (possibly empty: always resolved)
  double sl_threshold = 20;
  double escalation_after = 0;
  double fixed_wrap_up = 0;  // wrap_up's value when it is constant, else NaN (it is drawn)
  Sampler handle_time;
  ArrivalProcess arrivals;
  Sampler wrap_up;
  int64_t queue_capacity = -1;  // -1: unlimited
  std::optional<Sampler> patience;
  double retrial_probability = 0;
  Sampler retrial_delay;
  double repeat_probability = 0;
  Sampler repeat_delay;
  std::vector<Eligibility> groups;     // who may serve it, by group index
  std::vector<double> overflow_delays;  // distinct finite `after` > 0, ascending
  // Customers' behaviour (SPEC §7) and closes (§6), read when a contact cannot be answered
  // at once or waits; all off by default.
  double balking = 0;                // chance that a contact that would have to wait leaves at once
  double max_wait = -1;              // seconds of waiting before a message (-1: never)
  bool retrial_on_abandoned = true;  // retrial.on: abandonments (balks are ones) follow it
  bool retrial_on_blocked = false;   // retrial.on: blocked contacts follow it
  bool holds_line = false;           // a voice type under `lines`: a contact holds a line
  std::vector<double> clear_at;      // at_close: clear: the closes at or before the horizon
  bool max_wait_callback = false;    // max_wait's then: callback (else a message)
  std::optional<CallbackModel> callback;  // SPEC §9: offers, or max_wait's callbacks
};

struct AgentGroupModel {
  int first_agent = 0;  // agents are numbered group by group (shift by shift within one)
  int agents = 0;       // the constant headcount, or the seats of all its shifts
  int skill_count = 0;  // direct skills (for fewest_skills)
  int concurrency = 1;  // chat contacts an agent of the group handles at once
  std::vector<Eligibility> serves;  // contact types it may serve, by type index
};

class Model {
 public:
  // REQUIRES: `s` is valid (as LoadScenario* returns it).
  explicit Model(const scenario::Scenario& s);

  const scenario::Scenario& scenario() const { return scenario_; }
  const std::vector<ContactTypeModel>& types() const { return types_; }
  const std::vector<AgentGroupModel>& groups() const { return groups_; }
  int agent_count() const { return agent_count_; }
  const std::vector<AgentSeat>& seats() const { return seats_; }
  // Agents that real_time.call_in brings (seats at the end of their group's range).
  const std::vector<int>& reserves() const { return reserves_; }
  // Draws an agent's personal handle-time factor (agent_variation); null without one.
  const std::optional<Sampler>& agent_factor() const { return agent_factor_; }
  const std::vector<OutcomeSet>& outcome_sets() const { return outcome_sets_; }
  // Whether some contact type has callbacks (offered, or max_wait's).
  bool has_callbacks() const { return has_callbacks_; }
  // `lines`: voice contacts waiting or talking at once; -1 when unlimited.
  int64_t lines() const { return lines_; }
  int interval_count() const { return interval_count_; }
  // The named agents' names (agent_groups.G.people), group by group; AgentSeat::person
  // indexes it.
  const std::vector<std::string>& people() const { return people_; }
  // Whether some outcome is a warm transfer.
  bool has_warm_transfers() const { return has_warm_transfers_; }
  // Interval of time t (clamped to the last one).
  int IntervalOf(double t) const;

 private:
  void BuildTypes(const scenario::Scenario& s);
  // balking, max_wait, retrial.on, lines and at_close: clear of type `t`.
  void BuildBehaviour(const scenario::Scenario& s, int t);
  // callback of type `t`.
  void BuildCallback(const scenario::Scenario& s, int t);
  // Groups, their agents' seats (call-in reserves last) and direct skills.
  void BuildGroups(const scenario::Scenario& s);
  // Overflow rules: groups that gain a type after a wait.
  void AddOverflow(const scenario::Scenario& s);
  // Each type's eligible groups by group index, into the groups' `serves` lists.
  void IndexServes();

  scenario::Scenario scenario_;
  std::vector<ContactTypeModel> types_;
  std::vector<AgentGroupModel> groups_;
  std::vector<OutcomeSet> outcome_sets_;
  std::vector<AgentSeat> seats_;  // by agent id
  std::vector<int> reserves_;
  std::optional<Sampler> agent_factor_;
  std::vector<std::string> people_;
  bool has_warm_transfers_ = false;
  int agent_count_ = 0;
  int64_t lines_ = -1;
  int interval_count_ = 1;
  bool has_callbacks_ = false;
};

}  // namespace ccsim::model

#endif  // CCSIM_MODEL_MODEL_H_
