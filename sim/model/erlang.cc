#include "sim/model/erlang.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

namespace ccsim::model {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// The stationary law of the number in the centre is cut where the mass left out is below
// this fraction of the mass kept.
constexpr double kStationaryTail = 1e-15;
// Poisson mass left out of a uniformization, relative to the largest Poisson weight.
constexpr double kPoissonTail = 1e-14;

// Erlang C from Erlang B; exact algebra, no cancellation for load < agents.
double ErlangCFromB(double load, int agents, double erlang_b) {
  return agents * erlang_b / (agents - load * (1 - erlang_b));
}

QueueKpis Unresolved() {
  return {.p_wait = kNaN,
          .service_level = kNaN,
          .asa = kNaN,
          .abandon_rate = kNaN,
          .occupancy = kNaN,
          .stable = false};
}

// Poisson(x) probabilities for k in [first, first + weights.size()), normalised over that
// window, which leaves out mass below kPoissonTail relative to the mode. Computed outward
// from the mode by ratios, so that neither e^-x nor x^k overflows or underflows for any x.
struct PoissonWindow {
  long first = 0;
  std::vector<double> weights;
};

PoissonWindow PoissonWeights(double x) {
  const long mode = static_cast<long>(std::floor(x));
  std::vector<double> up{1.0};  // k = mode, mode + 1, ...
  for (long k = mode;; ++k) {
    const double r = x / (k + 1);  // bounds every later ratio p(i+1)/p(i), i >= k
    if (up.back() * r / (1 - r) < kPoissonTail) break;
    up.push_back(up.back() * x / (k + 1));
  }
  std::vector<double> down;  // k = mode - 1, mode - 2, ...
  double p = 1.0;
  for (long k = mode; k > 0; --k) {
    const double r = k / x;  // bounds every earlier ratio p(i-1)/p(i), i <= k
    if (r < 1 && p * r / (1 - r) < kPoissonTail) break;
    p *= r;
    down.push_back(p);
  }
  PoissonWindow window;
  window.first = mode - static_cast<long>(down.size());
  window.weights.assign(down.rbegin(), down.rend());
  window.weights.insert(window.weights.end(), up.begin(), up.end());
  double sum = 0;
  for (double w : window.weights) sum += w;
  for (double& w : window.weights) w /= sum;
  return window;
}

// Sum over j = 1..J of weight[j] * P(S_j <= t), where S_j is the sum of independent
// exponentials of rates served_rate + i * theta, i = 1..j: the wait of a contact that
// joins the queue at position j and is served (weight[0] is ignored).
//
// The partial-fraction formula for the hypoexponential CDF cancels catastrophically, so
// the whole mixture is pushed forward through the pure-death chain j -> j-1 -> ... -> 0
// by uniformization at rate L = served_rate + J theta: the mass absorbed in 0 by time t is
// sum_k Poisson(k; L t) (weight P^k)[0], with P = I + Q / L (all entries >= 0).
double AbsorbedBy(std::vector<double> mass, double served_rate, double theta, double t) {
  const long top = static_cast<long>(mass.size()) - 1;
  if (top <= 0 || t <= 0) return 0;
  // Every exit rate is at least served_rate + theta, so S_j is stochastically below
  // Gamma(j, served_rate + theta): P(S_j > t) <= P(Poisson(lambda) <= top) with lambda =
  // (served_rate + theta) t, at most e^-lambda (e lambda / top)^top once lambda > top. When
  // that is below kPoissonTail every contact is served within t, and the uniformization,
  // whose cost grows with lambda (a threshold of years, a patience of nanoseconds), is
  // skipped.
  const double lambda = (served_rate + theta) * t;
  if (lambda > top) {
    const double log_tail = -lambda + top * (1 + std::log(lambda / top));
    if (!(log_tail > std::log(kPoissonTail))) {  // also when lambda is infinite
      double served = 0;
      for (long j = 1; j <= top; ++j) served += mass[j];
      return served;
    }
  }
  const double uniform_rate = served_rate + top * theta;
  const PoissonWindow poisson = PoissonWeights(uniform_rate * t);
  const long last_step = poisson.first + static_cast<long>(poisson.weights.size()) - 1;
  mass[0] = 0;
  double absorbed = 0;
  for (long k = 0;; ++k) {
    if (k >= poisson.first) absorbed += poisson.weights[k - poisson.first] * mass[0];
    if (k == last_step) break;
    // Mass above `reach` cannot get to 0 in the steps left, so it is not moved; nor is the
    // inflow into `reach` from above, which could not get to 0 in time either.
    const long reach = std::min(top, last_step - k);
    for (long i = 0; i < reach; ++i) {
      const double out = i == 0 ? 0 : (served_rate + i * theta) / uniform_rate;
      const double in = (served_rate + (i + 1) * theta) / uniform_rate;
      mass[i] = mass[i] * (1 - out) + mass[i + 1] * in;
    }
    mass[reach] *= 1 - (served_rate + reach * theta) / uniform_rate;
  }
  return absorbed;
}

}  // namespace

double ErlangB(double offered_load_erlangs, int agents) {
  assert(offered_load_erlangs >= 0 && agents >= 0);
  double b = 1;
  for (int k = 1; k <= agents; ++k) b = offered_load_erlangs * b / (k + offered_load_erlangs * b);
  return b;
}

double ErlangC(double offered_load_erlangs, int agents) {
  assert(offered_load_erlangs >= 0 && agents >= 0);
  if (offered_load_erlangs >= agents) return 1;
  return ErlangCFromB(offered_load_erlangs, agents, ErlangB(offered_load_erlangs, agents));
}

QueueKpis ErlangCKpis(const QueueInputs& in) {
  assert(in.arrival_rate >= 0 && in.mean_handle > 0 && in.agents >= 0 && in.threshold >= 0);
  const double load = in.arrival_rate * in.mean_handle;
  const int n = in.agents;
  if (load >= n) {
    return {.p_wait = 1,
            .service_level = 0,
            .asa = kInf,
            .abandon_rate = 0,
            .occupancy = n > 0 ? 1 : kNaN,
            .stable = false};
  }
  const double c = ErlangC(load, n);
  // The wait of a contact that waits is exponential with rate n mu - lambda.
  const double drain_rate = (n - load) / in.mean_handle;
  return {.p_wait = c,
          .service_level = 1 - c * std::exp(-drain_rate * in.threshold),
          .asa = c / drain_rate,
          .abandon_rate = 0,
          .occupancy = load / n,
          .stable = true};
}

// The number in the centre, k, is a birth-death chain: births at lambda, deaths at
// min(k, n) mu + max(k - n, 0) theta. An arrival that finds k >= n (PASTA: with
// probability pi_k) joins the queue at position j = k - n + 1. At position i it leaves at
// rate n mu + i theta, moving up with probability (n mu + (i-1) theta) / (n mu + i theta),
// else abandoning; the time spent there is independent of which. Hence, with s = n mu:
//   P(served | j) = prod_i (s + (i-1) theta) / (s + i theta) = s / (s + j theta),
//   E[wait; served | j] = P(served | j) * sum_{i=1..j} 1 / (s + i theta),
//   P(wait <= t, served | j) = P(served | j) * P(sum_{i=1..j} Exp(s + i theta) <= t).
QueueKpis ErlangAKpis(const QueueInputs& in) {
  assert(in.arrival_rate >= 0 && in.mean_handle > 0 && in.agents >= 0 && in.threshold >= 0);
  assert(in.mean_patience.has_value() && *in.mean_patience > 0 && std::isfinite(*in.mean_patience));
  const double lambda = in.arrival_rate;
  const double mu = 1 / in.mean_handle;
  const double theta = 1 / *in.mean_patience;
  const long n = in.agents;

  // Stationary law in log space (weights overflow for n in the hundreds), summed on the
  // fly relative to the largest weight so far. The birth/death ratio falls with k, so
  // once it is r < 1 the tail beyond k is at most weight_k * r / (1 - r).
  std::vector<double> pi{0.0};  // log weights, then probabilities
  double log_max = 0;
  double scaled_sum = 1;  // sum of exp(log weight - log_max)
  for (long k = 1;; ++k) {
    const double death = k <= n ? k * mu : n * mu + (k - n) * theta;
    const double r = lambda / death;
    if (r < 1 && std::exp(pi.back() - log_max) * r / (1 - r) < kStationaryTail * scaled_sum) {
      break;
    }
    if (k - n >= kMaxErlangAQueueStates) return Unresolved();
    const double log_w = pi.back() + std::log(r);
    if (log_w > log_max) {
      scaled_sum = scaled_sum * std::exp(log_max - log_w) + 1;
      log_max = log_w;
    } else {
      scaled_sum += std::exp(log_w - log_max);
    }
    pi.push_back(log_w);
  }
  for (double& p : pi) p = std::exp(p - log_max) / scaled_sum;

  const long last = static_cast<long>(pi.size()) - 1;
  const double served_rate = n * mu;
  double no_wait = 0;
  for (long k = 0; k < std::min(n, last + 1); ++k) no_wait += pi[k];
  double wait = 0;
  double abandoned = 0;
  double answered_after_wait = 0;
  double wait_of_answered = 0;  // E[wait; answered]
  // served_at[j]: probability of arriving at queue position j and being served.
  std::vector<double> served_at(std::max(last - n + 2, 1L), 0.0);
  double mean_time_to_front = 0;  // sum_{i<=j} 1 / (s + i theta)
  for (long k = n; k <= last; ++k) {
    const long j = k - n + 1;
    const double exit_rate = served_rate + j * theta;
    mean_time_to_front += 1 / exit_rate;
    served_at[j] = pi[k] * served_rate / exit_rate;
    wait += pi[k];
    abandoned += pi[k] * j * theta / exit_rate;
    answered_after_wait += served_at[j];
    wait_of_answered += served_at[j] * mean_time_to_front;
  }
  const double answered = no_wait + answered_after_wait;
  const double within_threshold =
      no_wait + AbsorbedBy(std::move(served_at), served_rate, theta, in.threshold);
  return {.p_wait = wait,
          .service_level = within_threshold,
          .asa = answered > 0 ? wait_of_answered / answered : kNaN,
          .abandon_rate = abandoned,
          .occupancy = n > 0 ? lambda * answered * in.mean_handle / n : kNaN,
          .stable = true};
}

QueueKpis AnalyticKpis(const QueueInputs& in) {
  return in.mean_patience.has_value() ? ErlangAKpis(in) : ErlangCKpis(in);
}

int ErlangCAgentsFor(double arrival_rate, double mean_handle, double threshold,
                     double target_service_level) {
  assert(arrival_rate >= 0 && mean_handle > 0 && threshold >= 0);
  assert(target_service_level >= 0 && target_service_level <= 1);
  if (arrival_rate == 0) return 0;
  const double load = arrival_rate * mean_handle;
  int n = static_cast<int>(std::floor(load)) + 1;
  double b = ErlangB(load, n);
  // The service level rises with n and reaches 1.0 in floating point, as C falls
  // faster than geometrically; so this ends even for a target of 1.
  for (;;) {
    const double c = ErlangCFromB(load, n, b);
    const double service_level = 1 - c * std::exp(-(n - load) / mean_handle * threshold);
    if (service_level >= target_service_level) return n;
    ++n;
    b = load * b / (n + load * b);
  }
}

std::optional<int> AgentsFor(QueueInputs in, double target_service_level, int max_agents) {
  auto meets = [&](int n) {
    in.agents = n;
    const QueueKpis k = AnalyticKpis(in);
    return k.stable && k.service_level >= target_service_level;
  };
  if (in.arrival_rate == 0) return 0;  // as ErlangCAgentsFor: no contacts, no agents
  const double load = in.arrival_rate * in.mean_handle;
  if (!in.mean_patience) {
    if (load >= max_agents) return std::nullopt;  // Erlang C needs more agents than load
    const int n = ErlangCAgentsFor(in.arrival_rate, in.mean_handle, in.threshold,
                                   target_service_level);
    return n <= max_agents ? std::optional<int>(n) : std::nullopt;
  }
  int low = 0;  // does not meet the target (or is below the search)
  int high = static_cast<int>(std::clamp(std::ceil(load), 1.0, static_cast<double>(max_agents)));
  while (!meets(std::min(high, max_agents))) {
    if (high >= max_agents) return std::nullopt;
    low = high;
    high = high > max_agents / 2 ? max_agents : 2 * high;
  }
  high = std::min(high, max_agents);
  while (high - low > 1) {
    const int mid = low + (high - low) / 2;
    (meets(mid) ? high : low) = mid;
  }
  return high;
}

}  // namespace ccsim::model
