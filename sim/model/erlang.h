// Steady-state queueing formulas for one interval of one contact type: Erlang B (loss),
// Erlang C (M/M/n, no abandonment) and Erlang A (M/M/n+M, exponential patience). They back
// `ccsim erlang` and give the simulator an analytical yardstick.
//
// The KPIs mean what SPEC §4 says, read per arriving contact in steady state. With no
// arrivals the figures are their limits as the arrival rate goes to zero (with agents:
// nobody waits, service level 1, asa 0, occupancy 0). A ratio with nothing to divide is
// NaN: asa when no contact is ever answered, occupancy when there are no agents.
//
// Example:
//   QueueInputs in{.arrival_rate = 100.0 / 1800, .mean_handle = 180, .agents = 11};
//   QueueKpis k = AnalyticKpis(in);  // Erlang C: k.p_wait ~ 0.682, k.asa ~ 122.8 s
//   in.mean_patience = 120;
//   k = AnalyticKpis(in);            // Erlang A: also k.abandon_rate
//
// Thread safety: every function is pure and may be called concurrently.
#ifndef CCSIM_MODEL_ERLANG_H_
#define CCSIM_MODEL_ERLANG_H_

#include <optional>

namespace ccsim::model {

// One interval in steady state. Times are seconds, rates per second.
struct QueueInputs {
  double arrival_rate = 0;  // contacts per second
  double mean_handle = 0;   // talk + wrap-up: an agent's busy time per contact
  int agents = 0;
  std::optional<double> mean_patience = std::nullopt;  // absent = never abandon (Erlang C)
  double threshold = 20;                               // for the service level
};

// The figures of SPEC §4 for one interval.
struct QueueKpis {
  double p_wait = 0;         // probability that an arriving contact has to wait
  double service_level = 0;  // answered within threshold / offered (a zero wait counts)
  double asa = 0;            // mean wait of answered contacts, seconds
  double abandon_rate = 0;   // abandoned / offered; 0 under Erlang C
  double occupancy = 0;      // busy agent time / staffed agent time
  // False when no steady state exists (Erlang C with load >= agents): then p_wait = 1,
  // service_level = 0, asa = +inf, abandon_rate = 0 and occupancy = 1, the limits of an
  // ever-growing queue. Also false, with every figure NaN, in the Erlang A cases that
  // ErlangAKpis declines to compute (see there).
  bool stable = true;
};

// Erlang B: probability that an arrival finds all `agents` busy in the loss system M/M/n/n
// with offered load `offered_load_erlangs` = arrival rate * mean handle. Uses the recursion
// B(k) = A B(k-1) / (k + A B(k-1)), which neither overflows nor cancels.
// REQUIRES: offered_load_erlangs >= 0, agents >= 0.
double ErlangB(double offered_load_erlangs, int agents);

// Erlang C: probability that an arrival waits in M/M/n. 1 when the load is >= agents.
// REQUIRES: offered_load_erlangs >= 0, agents >= 0.
double ErlangC(double offered_load_erlangs, int agents);

// M/M/n: no abandonment; mean_patience is ignored.
// REQUIRES: arrival_rate >= 0, mean_handle > 0, agents >= 0, threshold >= 0.
QueueKpis ErlangCKpis(const QueueInputs& in);

// M/M/n+M: each waiting contact abandons at rate 1/mean_patience. Always stable. The
// stationary law of the number in the centre is truncated where its tail is below 1e-15,
// and the service level is exact up to a Poisson truncation of about 1e-14
// (uniformization).
// Cost grows with the number of queue states, about (arrival_rate - agents/mean_handle) *
// mean_patience in an overload; past kMaxErlangAQueueStates (patience of days behind an
// overload) the result is not computed: every figure NaN and stable = false.
// REQUIRES: as ErlangCKpis, and mean_patience set and > 0 (and finite).
QueueKpis ErlangAKpis(const QueueInputs& in);
inline constexpr int kMaxErlangAQueueStates = 1 << 20;

// ErlangAKpis when mean_patience is set, else ErlangCKpis.
QueueKpis AnalyticKpis(const QueueInputs& in);

// The fewest agents for which the Erlang C service level within `threshold` is at least
// `target_service_level`: the smallest n > load meeting it. 0 when arrival_rate is 0.
// REQUIRES: arrival_rate >= 0, mean_handle > 0, threshold >= 0,
//           0 <= target_service_level <= 1, load well below INT_MAX.
int ErlangCAgentsFor(double arrival_rate, double mean_handle, double threshold,
                     double target_service_level);

// The fewest agents (at most `max_agents`) for which AnalyticKpis(in) meets the service
// level `target_service_level` within in.threshold: Erlang C, or Erlang A when
// in.mean_patience is set. in.agents is ignored; 0 when there are no arrivals. nullopt
// when even max_agents do not meet it. The service level rises with the agents, so this is a binary search.
// REQUIRES: as AnalyticKpis, 0 <= target_service_level <= 1, max_agents >= 1.
std::optional<int> AgentsFor(QueueInputs in, double target_service_level, int max_agents);

}  // namespace ccsim::model

#endif  // CCSIM_MODEL_ERLANG_H_
