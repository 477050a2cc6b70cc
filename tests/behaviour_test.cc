// Customers' behaviour against queueing theory (SPEC §6 at_close, §7): balking in M/M/c as
// a birth-death chain, `lines` as M/M/c/K, max_wait's messages as M/M/c+D; and flow
// conservation in a centre that uses all of them at once.
//
// Each analytical check follows tests/statistical_test.cc: |mean − exact| ≤ 1.5 × ci95 (about
// three standard errors over the replications) plus a small allowance for starting empty
// (a 2 h warmup of a 1,000 h run removes most of it), and ci95 must be small enough for the
// comparison to mean something. Seeds are fixed, so every outcome is repeatable.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <mutex>
#include <utility>
#include <vector>

#include "sim/engine/replication_runner.h"
#include "sim/engine/statistics.h"
#include "sim/model/model.h"
#include "sim/model/replication.h"
#include "sim/model/summary.h"
#include "sim/records/trace_sink.h"
#include "tests/replications_for_test.h"
#include "sim/scenario/calendar.h"

namespace ccsim {
namespace {

using model::Counters;
using model::ReplicationResult;
using records::ContactOutcome;
using records::ContactRecord;
using records::EventKind;
using scenario::Distribution;
using test_support::Mmc;
using test_support::Over;

constexpr double kHour = 3600;

std::vector<ReplicationResult> RunAll(const scenario::Scenario& s, uint64_t seed,
                                      records::TraceSink* sink = nullptr) {
  return test_support::RunAll(s, seed, sink, records::TraceLevel::kEvents);
}

using test_support::ExpectAgrees;

// The stationary distribution of a birth-death chain on 0..n_max with birth rate birth(n)
// (n -> n+1) and death rate death(n) (n -> n-1), by detailed balance.
template <class Birth, class Death>
std::vector<double> BirthDeath(int n_max, Birth&& birth, Death&& death) {
  std::vector<double> pi(n_max + 1, 1.0);
  double total = 1;
  for (int n = 1; n <= n_max; ++n) {
    pi[n] = pi[n - 1] * birth(n - 1) / death(n);
    total += pi[n];
  }
  for (double& p : pi) p /= total;
  return pi;
}

// ---- balking: M/M/c where an arrival that finds every agent busy joins with 1 − p ----

TEST(BalkingChainTest, WaitBalksAndQueueMatchTheBirthDeathChain) {
  // 5 agents, AHT 5 min, 6 erlangs offered (overloaded without balking), balking 0.3: the
  // chain's births are λ below 5 in the system and λ(1 − p) from 5 on (4.2 erlangs joining
  // against 5 agents: stable); deaths min(n, 5) μ. Truncated at 3,000 (the tail falls by
  // 0.84 a state). By PASTA an arrival finds n with probability π_n: it waits (or balks)
  // when n ≥ c, and balks with p of that.
  const int c = 5;
  const double aht = 300, lambda = 6.0 / aht, mu = 1 / aht, p = 0.3;
  scenario::Scenario s = Mmc(lambda, aht, c);
  s.contact_types[0].balking = p;
  s.contact_types[0].service_level.threshold = 0;  // answered within 0 s: answered at once
  const std::vector<double> pi = BirthDeath(
      3000, [&](int n) { return n < c ? lambda : lambda * (1 - p); },
      [&](int n) { return std::min(n, c) * mu; });
  double all_busy = 0, queue = 0;
  for (int n = c; n < static_cast<int>(pi.size()); ++n) {
    all_busy += pi[n];
    queue += (n - c) * pi[n];
  }
  const auto results = RunAll(s, 71);
  const double window = s.horizon - s.warmup;
  ExpectAgrees(Over(results,
                    [](const ReplicationResult& r) {
                      const Counters c = r.Overall();
                      return static_cast<double>(c.balked) / c.offered;
                    }),
               p * all_busy, 0.002, "balked / offered");
  ExpectAgrees(Over(results,
                    [](const ReplicationResult& r) {
                      const Counters c = r.Overall();
                      return 1 - static_cast<double>(c.answered_within) / c.offered;
                    }),
               all_busy, 0.002, "P(all agents busy at arrival)");
  ExpectAgrees(
      Over(results, [&](const ReplicationResult& r) { return r.queue_area_window / window; }),
      queue, 0.02 * queue, "mean queue");
  for (const ReplicationResult& r : results) {
    const Counters c = r.Overall();
    EXPECT_EQ(c.abandoned, 0);
    EXPECT_EQ(c.offered, c.answered + c.balked);  // every arrival in the window is offered
  }
}

// ---- lines: M/M/c/K with K = lines ----

TEST(LinesChainTest, BlockingMatchesMmcK) {
  // 5 agents, 8 lines, AHT 3 min, 5 erlangs offered. A line is held from arrival to the end
  // of the talk (no wrap-up): the lines in use are the contacts in the system, an M/M/5/8
  // chain. An arrival is blocked with π_8; an offered one waits with
  // (π_5 + π_6 + π_7) / (1 − π_8); the mean queue is Σ (n − 5) π_n.
  const int c = 5, k = 8;
  const double aht = 180, lambda = 5.0 / aht, mu = 1 / aht;
  scenario::Scenario s = Mmc(lambda, aht, c);
  s.lines = k;
  s.contact_types[0].service_level.threshold = 0;
  const std::vector<double> pi = BirthDeath(
      k, [&](int) { return lambda; }, [&](int n) { return std::min(n, c) * mu; });
  double waits = 0, queue = 0;
  for (int n = c; n < k; ++n) waits += pi[n];
  for (int n = c; n <= k; ++n) queue += (n - c) * pi[n];
  const auto results = RunAll(s, 72);
  const double window = s.horizon - s.warmup;
  ExpectAgrees(Over(results,
                    [](const ReplicationResult& r) {
                      const Counters c = r.Overall();
                      return static_cast<double>(c.blocked) / (c.blocked + c.offered);
                    }),
               pi[k], 0.002, "blocked / arrivals");
  ExpectAgrees(Over(results,
                    [](const ReplicationResult& r) {
                      const Counters c = r.Overall();
                      return 1 - static_cast<double>(c.answered_within) / c.offered;
                    }),
               waits / (1 - pi[k]), 0.002, "P(wait) of offered contacts");
  ExpectAgrees(
      Over(results, [&](const ReplicationResult& r) { return r.queue_area_window / window; }),
      queue, 0.02 * queue, "mean queue");
}

// ---- max_wait: M/M/c+D ----

TEST(MaxWaitChainTest, MessagesAndServiceLevelMatchMmcPlusD) {
  // 10 agents, AHT 5 min, 11 erlangs offered (overloaded without a limit), max_wait 60 s:
  // an M/M/c+D queue (a contact that reaches d without an agent leaves and never takes one).
  // Its offered waiting time V: P(V = 0) = Σ_{n<c} π_n, density λ π_{c−1} e^{(λ−cμ)x} for
  // x ≤ d and λ π_{c−1} e^{λd − cμx} beyond, with π_n = π_0 a^n / n! below c, normalised.
  // A contact gets a message when V > d: P = λ π_{c−1} e^{(λ−cμ)d} / (cμ); it is answered
  // within t ≤ d when V ≤ t: P(V = 0) + λ π_{c−1} (e^{(λ−cμ)t} − 1) / (λ − cμ).
  const int c = 10;
  const double aht = 300, lambda = 11.0 / aht, mu = 1 / aht, d = 60, t = 30;
  scenario::Scenario s = Mmc(lambda, aht, c);
  s.contact_types[0].max_wait = scenario::MaxWait{.after = d};
  s.contact_types[0].service_level.threshold = t;
  const double a = lambda / mu, drift = lambda - c * mu;
  std::vector<double> pi(c);  // unnormalised: π_0 = 1
  pi[0] = 1;
  for (int n = 1; n < c; ++n) pi[n] = pi[n - 1] * a / n;
  double below_c = 0;
  for (double v : pi) below_c += v;
  const double pi_c1 = pi[c - 1];
  const double waiting_mass =
      lambda * pi_c1 * ((std::exp(drift * d) - 1) / drift + std::exp(drift * d) / (c * mu));
  const double norm = below_c + waiting_mass;
  const double p_message = lambda * pi_c1 * std::exp(drift * d) / (c * mu) / norm;
  const double p_within = (below_c + lambda * pi_c1 * (std::exp(drift * t) - 1) / drift) / norm;
  const auto results = RunAll(s, 73);
  ExpectAgrees(Over(results,
                    [](const ReplicationResult& r) {
                      const Counters c = r.Overall();
                      return static_cast<double>(c.messages) / c.offered;
                    }),
               p_message, 0.002, "messages / offered");
  ExpectAgrees(Over(results,
                    [](const ReplicationResult& r) {
                      const Counters c = r.Overall();
                      return static_cast<double>(c.answered_within) / c.offered;
                    }),
               p_within, 0.002, "answered within 30 s / offered");
  for (const ReplicationResult& r : results) {
    const Counters c = r.Overall();
    EXPECT_EQ(c.offered, c.answered + c.messages);
    EXPECT_EQ(c.abandoned, 0);
  }
}

// ---- flow conservation with everything at once ----

class CountingSink : public records::TraceSink {
 public:
  void OnContacts(int replication, std::span<const ContactRecord> chunk) override {
    std::lock_guard<std::mutex> lock(mu_);
    auto& rows = rows_[replication];
    rows.insert(rows.end(), chunk.begin(), chunk.end());
    for (const ContactRecord& r : chunk) outcomes_[replication][static_cast<int>(r.outcome)]++;
  }
  void OnEvents(int replication, std::span<const records::EventRecord> chunk) override {
    std::lock_guard<std::mutex> lock(mu_);
    for (const records::EventRecord& e : chunk) events_[replication][static_cast<int>(e.kind)]++;
  }
  const std::vector<ContactRecord>& rows(int rep) { return rows_[rep]; }
  int64_t outcomes(int rep, ContactOutcome o) { return outcomes_[rep][static_cast<int>(o)]; }
  int64_t events(int rep, EventKind k) { return events_[rep][static_cast<int>(k)]; }

 private:
  std::mutex mu_;
  std::map<int, std::vector<ContactRecord>> rows_;
  std::map<int, std::array<int64_t, records::kContactOutcomeCount>> outcomes_;
  std::map<int, std::array<int64_t, records::kEventKindCount>> events_;
};

// Three days from a Monday: billing (voice: patience, balking, max_wait, a queue capacity,
// retrials after abandoning and after a block, repeats), sales (voice, open 08:00-20:00 and
// cleared at the close, balking, repeats) and chat (max_wait), 20 lines for the voice.
scenario::Scenario Everything() {
  scenario::Scenario s = Mmc(0.05, 300, 9, 6);
  s.name = "everything";
  s.horizon = 3 * 24 * kHour;
  s.warmup = 0;
  s.interval = kHour;
  s.start = scenario::ParseDateTime("2026-03-02 00:00");
  s.lines = 20;
  scenario::ContactType& billing = s.contact_types[0];
  billing.name = "billing";
  billing.patience = Distribution::Exponential(240);
  billing.balking = 0.2;
  billing.max_wait = scenario::MaxWait{.after = 180};
  billing.queue_capacity = 8;
  billing.retrial = scenario::Retrial{0.5, Distribution::Exponential(600), true, true};
  billing.repeat = scenario::Repeat{0.5, Distribution::Exponential(3600)};
  scenario::ContactType sales = billing;
  sales.name = "sales";
  sales.arrivals = scenario::Arrivals::Rate(0.01);
  sales.max_wait.reset();
  sales.queue_capacity.reset();
  sales.balking = 0.1;
  sales.open = scenario::OpenHours{.at_close = scenario::AtClose::kClear};
  for (int day = 0; day < 7; ++day) {
    sales.open->week.push_back({day * 24 * kHour + 8 * kHour, day * 24 * kHour + 20 * kHour});
  }
  scenario::ContactType chat = billing;
  chat.name = "chat";
  chat.channel = scenario::Channel::kChat;
  chat.arrivals = scenario::Arrivals::Rate(0.01);
  chat.queue_capacity.reset();
  chat.balking = 0;
  s.contact_types = {billing, sales, chat};
  s.agent_groups[0].skills = {{.contact_type = 0}, {.contact_type = 1}};
  scenario::AgentGroup chatters;
  chatters.name = "chatters";
  chatters.agents = 1;
  chatters.concurrency = 2;
  chatters.skills = {{.contact_type = 2}};
  s.agent_groups.push_back(chatters);
  return s;
}

// The most voice contacts holding a line at once, from the trace: a line is held over
// [arrival, end) by a contact that was answered (end: its talk's end) or waited (end: when
// it left); one blocked or balked holds none. A line freed at an instant is free for an
// arrival at that instant.
int64_t MostLinesInUse(const std::vector<ContactRecord>& rows, int first_non_voice_type) {
  std::vector<std::pair<double, int>> changes;  // (time, +1 or −1), −1 first at equal times
  for (const ContactRecord& r : rows) {
    if (r.contact_type >= first_non_voice_type || r.outcome == ContactOutcome::kBlocked ||
        r.outcome == ContactOutcome::kBalked) {
      continue;
    }
    changes.push_back({r.arrival, +1});
    changes.push_back({r.end, -1});
  }
  std::sort(changes.begin(), changes.end());
  int64_t in_use = 0, most = 0;
  for (const auto& [time, delta] : changes) most = std::max(most, in_use += delta);
  return most;
}

TEST(BehaviourFlowTest, EveryContactEndsSomewhereAndLinesAreNeverExceeded) {
  const scenario::Scenario s = Everything();
  CountingSink sink;
  const auto results = RunAll(s, 74, &sink);
  int64_t closed = 0;
  for (const ReplicationResult& r : results) {
    SCOPED_TRACE("replication " + std::to_string(r.replication));
    const int rep = r.replication;
    Counters all;  // by interval: every contact (no warmup: equal to the types' counts)
    for (const Counters& c : r.intervals) all.Add(c);
    EXPECT_EQ(r.Overall().offered, all.offered);
    EXPECT_EQ(all.offered,
              all.answered + all.abandoned + all.balked + all.messages + all.closed + all.unserved);
    EXPECT_EQ(all.offered + all.blocked, r.arrivals_total);
    EXPECT_EQ(all.unserved, r.waiting_at_end);
    EXPECT_NEAR(r.queue_area, r.wait_total, 1e-9 * r.wait_total);  // Little's law, sample path
    // The trace tells the same story.
    EXPECT_EQ(static_cast<int64_t>(sink.rows(rep).size()), r.arrivals_total);
    EXPECT_EQ(sink.outcomes(rep, ContactOutcome::kAbandoned), all.abandoned);
    EXPECT_EQ(sink.outcomes(rep, ContactOutcome::kBlocked), all.blocked);
    EXPECT_EQ(sink.outcomes(rep, ContactOutcome::kBalked), all.balked);
    EXPECT_EQ(sink.outcomes(rep, ContactOutcome::kMessage), all.messages);
    EXPECT_EQ(sink.outcomes(rep, ContactOutcome::kClosed), all.closed);
    EXPECT_EQ(sink.events(rep, EventKind::kBalk), all.balked);
    EXPECT_EQ(sink.events(rep, EventKind::kMessage), all.messages);
    EXPECT_EQ(sink.events(rep, EventKind::kClose), all.closed);
    // Journeys: every contact that arrived started a journey or continued one.
    const model::JourneyCounters& j = r.journeys;
    EXPECT_EQ(j.started, j.resolved + j.given_up + j.open_at_end);
    EXPECT_EQ(r.retrials, sink.events(rep, EventKind::kRetrial));
    EXPECT_EQ(r.arrivals_total, j.started + all.transfers_in + all.escalations_in + r.retrials +
                                    sink.events(rep, EventKind::kRepeat));
    // Only sales closes, and only billing has a queue capacity.
    EXPECT_EQ(r.by_type[0].closed + r.by_type[2].closed, 0);
    EXPECT_EQ(r.by_type[1].messages, 0);
    // lines: reached, never passed.
    EXPECT_EQ(MostLinesInUse(sink.rows(rep), 2), *s.lines);
    // Every mechanism took part.
    EXPECT_GT(all.abandoned, 0);
    EXPECT_GT(all.balked, 0);
    EXPECT_GT(all.messages, 0);
    closed += all.closed;  // (a day may close with nobody waiting: counted over all)
    EXPECT_GT(r.by_type[0].blocked, 0);
    EXPECT_GT(sink.events(rep, EventKind::kRepeat), 0);
    EXPECT_GT(r.retrials, 0);
  }
  EXPECT_GT(closed, 0);
}

}  // namespace
}  // namespace ccsim
