// The limits on user input, in one place. They protect the machine, not the model: each is
// far beyond any real contact centre, and each stops an input that would otherwise hang,
// exhaust memory or overflow a counter (issue 10, "survive hostile input"). Every limit is
// reported as an error at the key, file or flag that exceeds it; docs/scenario_keys.md lists
// them for users.
#ifndef CCSIM_SCENARIO_LIMITS_H_
#define CCSIM_SCENARIO_LIMITS_H_

#include <cstddef>
#include <cstdint>

namespace ccsim::scenario {

// The scenario YAML file (and the text after a --set '='). Real scenarios are a few KB; the
// YAML parser needs about 100 bytes of memory per byte of text.
inline constexpr int64_t kMaxScenarioBytes = int64_t{4} << 20;  // 4 MiB

// A data file named by `file:` (arrival times, empirical samples): about a million lines.
// Only regular files are read, so /dev/zero or a pipe cannot make the loader read for ever.
inline constexpr int64_t kMaxDataFileBytes = int64_t{64} << 20;  // 64 MiB

// Nesting of YAML collections: the tree is built recursively, so
// `[[[[...` a million deep would overflow the stack. Scenarios nest about 6 deep.
inline constexpr int kMaxYamlDepth = 64;
// Nodes after expanding aliases: `&a [*b, *b, ...]` chains grow exponentially.
inline constexpr long kMaxYamlNodes = 1'000'000;

// Every duration (horizon, handle times, distribution parameters, shift times, ...), and
// the mean and standard deviation of every distribution: 10 years of 365 days. Bigger values
// overflow sums of times, and an infinite mean (Weibull shape 1e-300) samples infinity.
inline constexpr double kMaxDurationSeconds = 10.0 * 365 * 86400;  // 315,360,000 s
inline constexpr const char* kMaxDurationText = "10 years (315360000s)";

// A distribution's standard deviation over its mean (lognormal, gamma): beyond this the
// lognormal's parameters overflow to NaN and the gamma's shape to 0.
inline constexpr double kMaxCoefficientOfVariation = 1e6;

// Every arrival rate: 3.6 million an hour. Faster, the gaps between arrivals vanish below
// the resolution of the clock late in a long horizon, and time stops advancing.
inline constexpr double kMaxRatePerSecond = 1000;
inline constexpr const char* kMaxRateText = "1000/s";

// Multipliers of handle times (a skill's handle_time_factor, agent_variation.handle_time_cv).
inline constexpr double kMaxFactor = 1000;

// busyness.sd: the standard deviation of a gamma factor with mean 1 (shape 1/sd^2). Beyond
// this the factor is almost always near 0 with rare huge days: no forecast is that unsure.
inline constexpr double kMaxBusynessSd = 10;

// Periods that repeat over the horizon (an arrival pattern's slot, real_time.check_every,
// coaching.every): at most this many per horizon, each being an event or a loop step.
inline constexpr double kMaxPeriodsPerHorizon = 10'000'000;

// Reporting intervals × contact types: the per-interval statistics hold one cell each for
// every replication. 10 million cells is a year of 5-minute intervals for 95 types.
inline constexpr int64_t kMaxIntervalCells = 10'000'000;

// Replications of one run (`replications:`, -r): each keeps its results in memory.
inline constexpr int kMaxReplications = 1'000'000;

// Design points of one `ccsim sweep` (the product of the --vary value counts) unless
// --max-points raises it: a range with a mistyped step would otherwise start hours of
// simulation. (Memory does not grow with the points; time does.)
inline constexpr int64_t kDefaultMaxDesignPoints = 10'000;

// Agents in one group, shift or call-in, and in `ccsim erlang --agents`: each agent is an
// object of the model, and the Erlang recursions are linear in the agents.
inline constexpr int kMaxAgents = 100'000;

// Every amount of `costs` (an hourly rate, a cost or revenue per contact): a billion. Sums
// over the agents and contacts of a long horizon then stay far from overflow and print as
// plain numbers.
inline constexpr double kMaxAmount = 1e9;
inline constexpr const char* kMaxAmountText = "1000000000";

// `costs.currency`: a code or symbol ("EUR", "€", "kr"), printed beside every amount.
inline constexpr size_t kMaxCurrencyLength = 16;

// callback.redial.max: the calls back after the first one fails, each an event of the run.
inline constexpr int kMaxRedials = 100;

}  // namespace ccsim::scenario

#endif  // CCSIM_SCENARIO_LIMITS_H_
