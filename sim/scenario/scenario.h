// The scenario: a validated, immutable description of one contact centre.
//
// The loader (loader.h) turns the YAML of SPEC §2 into this value; the model builds a
// centre from it and never looks at YAML. Every duration is in seconds, every rate per
// second, every cross-reference (contact type, agent group) an index into the vectors
// below. A test may build a Scenario in code.
//
// Example:
//   Scenario s;
//   s.name = "help-desk"; s.horizon = 8 * 3600;
//   s.contact_types.push_back({.name = "general", .arrivals = Arrivals::Rate(0.1),
//                              .handle_time = Distribution::Exponential(240)});
//   s.agent_groups.push_back({.name = "desk", .agents = 3, .skills = {{.contact_type = 0}}});
#ifndef CCSIM_SCENARIO_SCENARIO_H_
#define CCSIM_SCENARIO_SCENARIO_H_

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ccsim::scenario {

// Where a value came from: 1-based line and column in a named file ("--set" for overrides).
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

enum class DistributionKind {
  kConstant,     // value
  kExponential,  // mean
  kUniform,      // min, max
  kTriangular,   // min, mode, max
  kLognormal,    // mean, sd (of the variable itself)
  kGamma,        // mean, sd
  kWeibull,      // shape, scale
  kEmpirical,    // values (resampled with replacement)
};

// A non-negative random duration, in seconds. Only the fields of `kind` are meaningful.
struct Distribution {
  DistributionKind kind = DistributionKind::kConstant;
  double value = 0;
  double mean = 0;
  double sd = 0;
  double min = 0;
  double mode = 0;
  double max = 0;
  double shape = 0;
  double scale = 0;
  std::vector<double> values;

  // (Built field by field: GCC 12 warns about designated initializers that skip fields.)
  static Distribution Constant(double v) {
    Distribution d;
    d.value = v;
    return d;
  }
  static Distribution Exponential(double m) {
    Distribution d;
    d.kind = DistributionKind::kExponential;
    d.mean = m;
    return d;
  }
  // The mean of the distribution, in seconds.
  double Mean() const;
};

// kWeekly and kForecast are read into the fields of a pattern (slot, rates, offset,
// repeats), so that the model knows one piecewise-constant rate.
enum class ArrivalKind { kRate, kPattern, kFile, kWeekly, kForecast };

// busyness (SPEC §7): a gamma factor with mean 1 and standard deviation `sd` multiplying the
// arrival rate, drawn once per calendar day (each 24 h without `start`) or per replication.
enum class BusynessPer { kDay, kReplication };
struct Busyness {
  double sd = 0;
  BusynessPer per = BusynessPer::kDay;
};

struct Arrivals {
  ArrivalKind kind = ArrivalKind::kRate;
  double rate = 0;            // kRate: per second
  double slot = 0;            // kPattern, kWeekly, kForecast: slot length, seconds
  std::vector<double> rates;  // the same: per second, one per slot
  // The pattern's own time at simulated time 0: the slot of simulated time t is
  // floor((t + offset) / slot). kWeekly: seconds from Monday 00:00 to `start`; kForecast:
  // `start` minus the first row's interval_start (negative when the forecast begins later).
  double offset = 0;
  bool repeats = true;  // false (kForecast): no arrivals before the first or after the last slot
  // Aligned with `rates` (empty: all 1): a contact's handle time / patience draw is multiplied
  // by the factor of the slot in which it arrived. kForecast's `aht` column becomes
  // handle_time_factors (aht / the handle-time distribution's mean).
  std::vector<double> handle_time_factors;
  std::vector<double> patience_factors;
  std::optional<Busyness> busyness;  // the type's own factor (beside the scenario's)
  std::vector<double> times;  // kFile: arrival times in seconds from start, sorted
  std::string file;           // kFile, kForecast: the path as resolved (for messages)

  static Arrivals Rate(double per_second) {
    Arrivals a;
    a.rate = per_second;
    return a;
  }
};

struct ServiceLevel {
  double threshold = 20;  // seconds
  double target = 0.80;
  double callback_threshold = 3600;  // seconds: a callback reached within it counts as in time
};

enum class Channel { kVoice, kChat, kEmail };

struct Retrial {
  double probability = 0;
  Distribution delay;
  bool on_abandoned = true;  // retrial.on: [abandoned] by default
  bool on_blocked = false;   // retrial.on: [..., blocked]: blocked contacts (lines, capacity)
};

// open: when a contact type takes contacts (SPEC §6), as [open, close) spans of the week in
// seconds after Monday 00:00, sorted and disjoint (a span never passes the week's end: one
// that would is split at it). No arrivals outside them.
enum class AtClose { kDrain, kClear };
struct OpenHours {
  std::vector<std::pair<double, double>> week;
  // kDrain: waiting contacts are still served; kClear: at each close they leave with outcome
  // `closed` (then `repeat`). A close at the horizon still clears.
  AtClose at_close = AtClose::kDrain;
};

// max_wait (SPEC §7): a contact still waiting `after` seconds is taken out of the queue.
enum class MaxWaitThen { kMessage, kCallback };
struct MaxWait {
  double after = 0;
  MaxWaitThen then = MaxWaitThen::kMessage;
};

// callback (SPEC §9, virtual hold): a customer who would have to wait may be offered a call
// back, and takes it with probability `accept`; the customer then leaves the line. An agent
// calls back: busy `dial_time`, then, when the customer answers (`reach`), for the handling;
// otherwise the call is tried again `redial_delay` later, at most `redial_max` more times.
enum class CallbackOffer { kNever, kExpectedWaitOver, kQueueOver };
struct Callback {
  // kNever: callbacks come only from max_wait {then: callback}.
  CallbackOffer offer = CallbackOffer::kNever;
  double expected_wait_over = 0;  // kExpectedWaitOver: seconds
  int64_t queue_over = 0;         // kQueueOver: live contacts of the type already waiting
  double accept = 1;
  // true: the callback keeps its place in the type's queue; false: callbacks wait in their
  // own queue, served only when no live contact of the type waits.
  bool keep_place = true;
  double reach = 1;
  Distribution redial_delay;
  int redial_max = 0;
  double dial_time = 15;  // seconds, constant: part of the handle time of the contact
};

// One entry of `outcomes`: a transfer to another contact type, or unresolved.
struct Outcome {
  enum class Kind { kTransfer, kUnresolved };
  Kind kind = Kind::kUnresolved;
  double probability = 0;
  int transfer_to = -1;       // kTransfer: index into Scenario::contact_types
  bool context_lost = false;  // kTransfer: context: lost (default kept)
  Distribution re_explain;    // kTransfer: added to the next handling when context is lost
  double disconnect = 0;      // kTransfer: chance the transfer drops the customer
  // kTransfer, warm: {consult}: the agent stays with the customer (busy) until an agent of
  // the target answers, then both are busy for `consult` (part of the second handling).
  bool warm = false;
  Distribution consult;  // warm: default constant 0
};

struct Repeat {
  double probability = 0;
  Distribution delay;
};

struct Escalation {
  int to = -1;       // index into Scenario::contact_types
  double after = 0;  // seconds
};

struct ContactType {
  std::string name;
  Channel channel = Channel::kVoice;
  int priority = 0;  // higher is served first
  Arrivals arrivals;
  Distribution handle_time;
  Distribution wrap_up;                  // default constant 0
  std::optional<Distribution> patience;  // absent: never abandons
  std::optional<Retrial> retrial;
  std::optional<int64_t> queue_capacity;  // absent: unlimited
  std::vector<Outcome> outcomes;
  std::optional<Repeat> repeat;
  std::optional<Escalation> escalation;
  ServiceLevel service_level;  // the scenario's unless overridden
  std::optional<OpenHours> open;  // absent: always open
  double balking = 0;  // chance that a contact that would have to wait leaves at once (`balked`)
  std::optional<MaxWait> max_wait;
  // Present when the type has `callback`, or max_wait {then: callback} (then with defaults).
  std::optional<Callback> callback;
};

struct Skill {
  int contact_type = -1;  // index into Scenario::contact_types
  int level = 1;          // 1 = primary; larger = less preferred
  double handle_time_factor = 1.0;
  std::optional<std::vector<Outcome>> outcomes;  // per-skill override of the type's outcomes
};

struct Break {
  double after = 0;     // seconds after shift start
  double duration = 0;  // seconds
};

enum class ShiftRepeat { kOnce, kDaily };

struct Shift {
  double start = 0;  // seconds from the start of the replication (a clock time: its first
                     // occurrence at or after the scenario's start)
  double end = 0;
  int agents = 0;
  std::vector<Break> breaks;
  ShiftRepeat repeat = ShiftRepeat::kOnce;  // kDaily: again every 24 h within the horizon
};

// coaching: each agent leaves the phones for a session every `every` (sessions spread
// evenly over the cycle, taken when the agent is free) and comes back with its personal
// handle-time factor multiplied by (1 - improvement), never below `floor`.
struct Coaching {
  double every = 0;     // seconds
  double duration = 0;  // seconds
  double improvement = 0;
  double floor = 0;
};

// What results call an agent without a name (no person may be called so).
inline constexpr char kUnnamedAgent[] = "(none)";

// A named agent (agent_groups.G.people): the group's people take its first seats, in order.
struct Person {
  std::string name;  // unique in the scenario
  double handle_time_factor = 1.0;  // multiplies the talk time of its handlings
  // Divides the probabilities of the non-resolved outcomes of its handlings (by at most
  // their sum, so that they never add up to more than 1).
  double resolution_factor = 1.0;
};

struct AgentGroup {
  std::string name;
  int agents = 0;             // constant headcount (when shifts is empty)
  std::vector<Shift> shifts;  // when non-empty, replaces `agents`
  std::vector<Skill> skills;
  double absenteeism = 0;
  int concurrency = 1;
  std::optional<Coaching> coaching;
  std::vector<Person> people;  // at most the group's seats (agents, or its shifts' agents)
};

enum class AgentSelection { kLongestIdle, kMostSkilled, kFewestSkills, kRandom };
// kLongestWeightedWait: priority, then the largest wait × routing.weights of the type.
enum class ContactSelection { kPriorityThenLongestWait, kLongestWait, kLongestWeightedWait };
// routing.levels: kRank orders both choices by skill level first (SPEC §8); kIgnore uses
// levels only as most_skilled's rank (v1).
enum class Levels { kRank, kIgnore };

// What opens an overflow rule's groups to a contact: its own wait (`after`), or what it
// finds on arriving (`when: {queue_over: N}` or `when: {expected_wait_over: DURATION}`).
enum class OverflowWhen { kAfter, kQueueOver, kExpectedWaitOver };

struct Overflow {
  int contact_type = -1;
  double after = 0;             // kAfter: seconds of waiting before the extra groups may serve
  std::vector<int> add_groups;  // indices into Scenario::agent_groups
  OverflowWhen when = OverflowWhen::kAfter;
  int64_t queue_over = 0;         // kQueueOver: more than this many of the type waiting
  double expected_wait_over = 0;  // kExpectedWaitOver: seconds
};

// routing.reserve: an agent of `group` takes a contact type not in `for_types` only if at
// least `idle_at_least` other agents of the group stay idle.
struct Reserve {
  int group = -1;
  int idle_at_least = 0;
  std::vector<int> for_types;  // indices into Scenario::contact_types
};

struct Routing {
  AgentSelection agent_selection = AgentSelection::kLongestIdle;
  ContactSelection contact_selection = ContactSelection::kPriorityThenLongestWait;
  std::vector<Overflow> overflow;
  std::optional<double> preferred_agent_wait;  // routing.preferred_agent.wait, seconds
  Levels levels = Levels::kRank;
  std::vector<double> weights;   // by contact type (longest_weighted_wait); empty: all 1
  std::vector<Reserve> reserve;  // at most one per group
};

// real_time.actions.call_in: `agents` more agents of `group` come on duty `delay` after
// the alert, for `duration`.
struct CallIn {
  int group = -1;
  int agents = 0;
  double delay = 0;
  double duration = 0;
};

// real_time: intraday control. Every `check_every`, the service level of the contacts
// whose fate was decided in the last `window` is compared with `service_level_below`;
// below it, an alert fires and the actions run.
struct RealTime {
  double check_every = 0;
  double window = 0;
  double service_level_below = 0;
  std::optional<double> postpone_breaks_max;  // breaks falling due are held back up to this
  std::optional<CallIn> call_in;
};

// costs (SPEC §10): what agents' time and contacts cost, and what resolved contacts earn,
// in `currency`. Each amount is kept per agent group or contact type, in the order of the
// scenario's vectors; one number in the file applies to every group or type, and a group
// or type the file leaves out costs (earns) 0.
struct Costs {
  std::string currency;
  // By agent group: per hour on duty (breaks are paid); nullopt where the file gives none.
  std::vector<std::optional<double>> agent_hour;
  // By contact type.
  std::vector<double> per_handled;           // per answered contact
  std::vector<double> per_abandoned;         // per lost (abandoned, balked, message, closed)
                                             // or blocked contact
  std::vector<double> per_callback;          // per accepted callback
  std::vector<double> revenue_per_resolved;  // per handling that resolved the contact
};

struct Scenario {
  std::string name;
  // start: the local date-time at simulated time 0, in civil seconds (calendar.h); absent,
  // outputs say "elapsed" and clock times are refused.
  std::optional<int64_t> start;
  double horizon = 0;      // seconds
  double warmup = 0;       // seconds
  double interval = 1800;  // seconds
  int replications = 1;
  uint64_t seed = 1;
  ServiceLevel service_level;
  std::vector<ContactType> contact_types;
  std::vector<AgentGroup> agent_groups;
  Routing routing;
  // journeys.max_contacts: a journey that would need more contacts is given up (a guard
  // against customers bounced between departments for ever).
  int max_journey_contacts = 20;
  // agent_variation.handle_time_cv: each agent's lasting personal handle-time factor is
  // drawn once per replication, lognormal with mean 1 and this coefficient of variation.
  double handle_time_cv = 0;
  std::optional<RealTime> real_time;
  std::optional<Busyness> busyness;  // top level: one factor shared by every type
  std::optional<int> lines;          // voice contacts waiting or talking, at most
  std::optional<Costs> costs;        // absent: no cost KPIs

  std::string source_file;             // path the scenario was read from ("" when built in code)
  std::string source_text;             // the YAML text as read (before --set overrides)
  std::vector<std::string> overrides;  // the --set KEY.PATH=VALUE strings applied

  int ContactTypeIndex(const std::string& name) const;  // -1 when unknown
  int AgentGroupIndex(const std::string& name) const;   // -1 when unknown
};

// Text forms used by the loader, the CLI and the trace: one pair of functions per enum.
const char* ToString(DistributionKind k);
const char* ToString(ArrivalKind k);
const char* ToString(Channel c);
const char* ToString(AgentSelection s);
const char* ToString(ContactSelection s);
const char* ToString(Levels l);
const char* ToString(OverflowWhen w);
const char* ToString(ShiftRepeat r);
const char* ToString(BusynessPer p);
const char* ToString(AtClose a);
const char* ToString(MaxWaitThen t);

// Every value of each enum, in declaration order. Text is parsed by matching ToString against
// these, so the names live in one place.
inline constexpr DistributionKind kDistributionKinds[] = {
    DistributionKind::kConstant,   DistributionKind::kExponential, DistributionKind::kUniform,
    DistributionKind::kTriangular, DistributionKind::kLognormal,   DistributionKind::kGamma,
    DistributionKind::kWeibull,    DistributionKind::kEmpirical};
inline constexpr ArrivalKind kArrivalKinds[] = {ArrivalKind::kRate, ArrivalKind::kPattern,
                                                ArrivalKind::kFile, ArrivalKind::kWeekly,
                                                ArrivalKind::kForecast};
inline constexpr Channel kChannels[] = {Channel::kVoice, Channel::kChat, Channel::kEmail};
inline constexpr AgentSelection kAgentSelections[] = {
    AgentSelection::kLongestIdle, AgentSelection::kMostSkilled, AgentSelection::kFewestSkills,
    AgentSelection::kRandom};
inline constexpr ContactSelection kContactSelections[] = {
    ContactSelection::kPriorityThenLongestWait, ContactSelection::kLongestWait,
    ContactSelection::kLongestWeightedWait};
inline constexpr Levels kLevels[] = {Levels::kRank, Levels::kIgnore};
inline constexpr ShiftRepeat kShiftRepeats[] = {ShiftRepeat::kOnce, ShiftRepeat::kDaily};
inline constexpr BusynessPer kBusynessPers[] = {BusynessPer::kDay, BusynessPer::kReplication};
inline constexpr AtClose kAtCloses[] = {AtClose::kDrain, AtClose::kClear};
inline constexpr MaxWaitThen kMaxWaitThens[] = {MaxWaitThen::kMessage, MaxWaitThen::kCallback};

}  // namespace ccsim::scenario

#endif  // CCSIM_SCENARIO_SCENARIO_H_
