// Callbacks (virtual hold, SPEC §9) against queueing theory and against the centre without
// them: offers in M/M/c as a two-dimensional chain solved in closed form, the failed share
// of callbacks as Bernoulli trials, accept 0 as the same run to the bit, and flow
// conservation in a centre that uses every kind of callback at once.
//
// Each analytical check follows tests/statistical_test.cc: |mean − exact| ≤ 1.5 × ci95 (about
// three standard errors over the replications) plus a small allowance for starting empty,
// and ci95 must be small enough for the comparison to mean something. Seeds are fixed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "sim/engine/replication_runner.h"
#include "sim/engine/statistics.h"
#include "sim/model/erlang.h"
#include "sim/model/model.h"
#include "sim/model/replication.h"
#include "sim/records/trace_sink.h"
#include "tests/replications_for_test.h"

namespace ccsim {
namespace {

using model::Counters;
using model::ReplicationResult;
using records::ContactOutcome;
using records::ContactRecord;
using records::EventKind;
using scenario::CallbackOffer;
using scenario::Distribution;
using test_support::Mmc;
using test_support::Over;

constexpr double kHour = 3600;

// Counts what the trace says, per replication (replications run in parallel).
class CountingSink : public records::TraceSink {
 public:
  void OnContacts(int rep, std::span<const ContactRecord> chunk) override {
    std::lock_guard<std::mutex> lock(mu_);
    rows_[rep].insert(rows_[rep].end(), chunk.begin(), chunk.end());
  }
  void OnAgentSpells(int, std::span<const records::AgentSpellRecord>) override {}
  void OnEvents(int rep, std::span<const records::EventRecord> chunk) override {
    std::lock_guard<std::mutex> lock(mu_);
    for (const records::EventRecord& e : chunk) events_[rep][e.kind]++;
  }
  const std::vector<ContactRecord>& rows(int rep) { return rows_[rep]; }
  int64_t outcomes(int rep, ContactOutcome o) {
    return std::count_if(rows_[rep].begin(), rows_[rep].end(),
                         [o](const ContactRecord& r) { return r.outcome == o; });
  }
  int64_t events(int rep, EventKind k) { return events_[rep][k]; }

 private:
  std::mutex mu_;
  std::map<int, std::vector<ContactRecord>> rows_;
  std::map<int, std::map<EventKind, int64_t>> events_;
};

std::vector<ReplicationResult> RunAll(const scenario::Scenario& s, uint64_t seed,
                                      records::TraceSink* sink = nullptr) {
  return test_support::RunAll(s, seed, sink, records::TraceLevel::kEvents);
}

using test_support::ExpectAgrees;

TEST(CallbackChainTest, OffersAndWaitsMatchMmcWithOneLiveContactWaiting) {
  // 5 agents, AHT 5 min, 4 erlangs; every caller who finds a live contact waiting takes a
  // callback (queue_over 0, accept 1) into the type's own queue, called back at once (dial
  // 0, reach 1) when no live contact waits. Agents never idle while anyone waits and talk
  // times are exponential, so the number in the centre N (talking, live, callbacks) is
  // M/M/c's; and at most one live contact ever waits (l ∈ {0, 1}).
  //   For n > c, every arrival leaves (n + 1, l = 1) and every completion (n − 1, l = 0), so
  //   π(n, 1)(λ + cμ) = λ π(n − 1) and, with π(n − 1) = π(n) / ρ, π(n, 1) = π(n) cμ / (λ + cμ).
  //   By PASTA an arrival is offered with P(N > c, l = 1) = P(N > c) / (1 + ρ) = C ρ / (1 + ρ).
  // Counting the time to be reached as a callback's wait (taken on arrival, dial 0), every
  // contact waits as in M/M/c: the mean over all is C / (cμ − λ).
  const int c = 5;
  const double aht = 300, a = 4, lambda = a / aht, mu = 1 / aht, rho = a / c;
  scenario::Scenario s = Mmc(lambda, aht, c);
  scenario::Callback cb;
  cb.offer = CallbackOffer::kQueueOver;
  cb.queue_over = 0;
  cb.accept = 1;
  cb.keep_place = false;
  cb.dial_time = 0;
  s.contact_types[0].callback = cb;
  const auto results = RunAll(s, 91);
  const double erlang_c = model::ErlangC(a, c);
  ExpectAgrees(Over(results,
                    [](const ReplicationResult& r) {
                      const Counters& k = r.by_type[0];
                      return static_cast<double>(k.callbacks_accepted) / k.offered;
                    }),
               erlang_c * rho / (1 + rho), 0.002, "share offered a callback");
  ExpectAgrees(Over(results,
                    [](const ReplicationResult& r) {
                      const Counters& k = r.by_type[0];
                      return (k.wait_answered + k.callback_wait) / k.answered;
                    }),
               erlang_c / (c * mu - lambda), 2, "mean wait, live and called back");
  for (const ReplicationResult& r : results) {
    const Counters& k = r.by_type[0];
    EXPECT_EQ(k.callbacks_offered, k.callbacks_accepted);  // accept 1
    EXPECT_EQ(k.callbacks_reached, k.callbacks_accepted);  // reach 1, and the centre drains
    EXPECT_EQ(k.answered, k.offered);
  }
}

TEST(CallbackChainTest, TheFailedShareIsEveryCallUnanswered) {
  // Each call reaches the customer with probability r, independently: a callback fails when
  // its first call and its `max` redials all go unanswered, (1 − r)^(1 + max). (Agents stay
  // until the centre is empty: every callback ends reached or failed.)
  const double reach = 0.5;
  const int max = 2;
  scenario::Scenario s = Mmc(4.5 / 300, 300, 5, 20);
  s.horizon = 200 * kHour;
  scenario::Callback cb;
  cb.offer = CallbackOffer::kQueueOver;
  cb.queue_over = 0;
  cb.accept = 0.8;
  cb.reach = reach;
  cb.redial_delay = Distribution::Exponential(600);
  cb.redial_max = max;
  s.contact_types[0].callback = cb;
  const auto results = RunAll(s, 92);
  ExpectAgrees(Over(results,
                    [](const ReplicationResult& r) {
                      const Counters& k = r.by_type[0];
                      return static_cast<double>(k.callbacks_failed) / k.callbacks_accepted;
                    }),
               std::pow(1 - reach, 1 + max), 0, "share of callbacks failed");
  ExpectAgrees(Over(results,
                    [](const ReplicationResult& r) {
                      const Counters& k = r.by_type[0];
                      return static_cast<double>(k.callbacks_accepted) / k.callbacks_offered;
                    }),
               0.8, 0, "share of offers taken");
  for (const ReplicationResult& r : results) {
    const Counters& k = r.by_type[0];
    EXPECT_EQ(k.callbacks_accepted, k.callbacks_reached + k.callbacks_failed);
  }
}

// Two voice types under `lines`, with patience, retrials, repeats, a queue capacity,
// max_wait messages and a preferred agent: callbacks on either type change nothing until a
// customer takes one.
scenario::Scenario Busy() {
  scenario::Scenario s = Mmc(0.02, 240, 5, 6);
  s.horizon = 24 * kHour;
  s.warmup = 0;
  s.lines = 12;
  s.routing.preferred_agent_wait = 30;
  scenario::ContactType& billing = s.contact_types[0];
  billing.name = "billing";
  billing.patience = Distribution::Exponential(240);
  billing.retrial = scenario::Retrial{0.5, Distribution::Exponential(600), true, true};
  billing.repeat = scenario::Repeat{0.3, Distribution::Exponential(3600)};
  billing.outcomes = {{.kind = scenario::Outcome::Kind::kUnresolved, .probability = 0.2}};
  billing.queue_capacity = 10;
  billing.max_wait = scenario::MaxWait{.after = 300};
  scenario::ContactType sales = billing;
  sales.name = "sales";
  sales.arrivals = scenario::Arrivals::Rate(0.005);
  sales.queue_capacity.reset();
  sales.max_wait.reset();
  s.contact_types = {billing, sales};
  s.agent_groups[0].skills = {{.contact_type = 0}, {.contact_type = 1, .level = 2}};
  return s;
}

// Every number a replication measured but the offers made, as a list.
std::vector<double> Measured(const ReplicationResult& r) {
  std::vector<double> v = {static_cast<double>(r.arrivals_total), static_cast<double>(r.events),
                           r.busy_time, r.queue_area, r.wait_total, r.journey_area_window,
                           static_cast<double>(r.journeys.resolved),
                           static_cast<double>(r.journeys.given_up), r.journeys.durations};
  for (const Counters& c : r.intervals) {
    for (double x : {c.offered * 1.0, c.answered * 1.0, c.answered_within * 1.0, c.wait_answered,
                     c.handle, c.abandoned * 1.0, c.blocked * 1.0, c.messages * 1.0,
                     c.wait_abandoned, c.callbacks_accepted * 1.0}) {
      v.push_back(x);
    }
  }
  return v;
}

TEST(CallbackIdentityTest, NobodyAcceptingIsTheCentreWithoutCallbacksToTheBit) {
  const scenario::Scenario without = Busy();
  scenario::Scenario with = without;
  scenario::Callback on_queue;
  on_queue.offer = CallbackOffer::kQueueOver;
  on_queue.accept = 0;
  on_queue.keep_place = false;
  with.contact_types[0].callback = on_queue;
  scenario::Callback on_wait = on_queue;
  on_wait.offer = CallbackOffer::kExpectedWaitOver;
  on_wait.expected_wait_over = 30;
  on_wait.keep_place = true;
  with.contact_types[1].callback = on_wait;
  CountingSink sink_without, sink_with;
  const auto a = RunAll(without, 93, &sink_without);
  const auto b = RunAll(with, 93, &sink_with);
  int64_t offers = 0;
  for (size_t rep = 0; rep < a.size(); ++rep) {
    SCOPED_TRACE("replication " + std::to_string(rep));
    EXPECT_EQ(Measured(a[rep]), Measured(b[rep]));
    const auto& ra = sink_without.rows(rep);
    const auto& rb = sink_with.rows(rep);
    ASSERT_EQ(ra.size(), rb.size());
    for (size_t i = 0; i < ra.size(); ++i) {
      EXPECT_EQ(ra[i].contact_id, rb[i].contact_id);
      EXPECT_EQ(ra[i].outcome, rb[i].outcome);
      EXPECT_EQ(ra[i].end, rb[i].end);
      EXPECT_EQ(ra[i].agent_id, rb[i].agent_id);
    }
    offers += b[rep].Overall().callbacks_offered;
    EXPECT_EQ(b[rep].Overall().callbacks_offered, sink_with.events(rep, EventKind::kCallbackOffer));
  }
  EXPECT_GT(offers, 0);  // the offers were made, and turned down
}

// Every kind of callback at once: offers on the queue (keep_place) and on the expected wait
// (own queue), max_wait's callbacks, unanswered calls and redials, a queue capacity,
// retrials; and a type whose only agents leave at 6 h, so that callbacks are left unserved.
scenario::Scenario Everything() {
  scenario::Scenario s = Busy();
  s.horizon = 8 * kHour;
  s.contact_types[0].arrivals = scenario::Arrivals::Rate(0.03);
  scenario::Callback billing;
  billing.offer = CallbackOffer::kQueueOver;
  billing.queue_over = 2;
  billing.accept = 0.6;
  billing.reach = 0.7;
  billing.redial_delay = Distribution::Exponential(300);
  billing.redial_max = 2;
  s.contact_types[0].callback = billing;
  s.contact_types[0].max_wait = scenario::MaxWait{.after = 180,
                                                  .then = scenario::MaxWaitThen::kCallback};
  scenario::Callback sales = billing;
  sales.offer = CallbackOffer::kExpectedWaitOver;
  sales.expected_wait_over = 60;
  sales.keep_place = false;
  sales.reach = 0.8;
  sales.redial_delay = Distribution::Constant(120);
  sales.redial_max = 1;
  s.contact_types[1].callback = sales;
  scenario::ContactType claims = s.contact_types[1];
  claims.name = "claims";
  claims.patience.reset();
  claims.callback->offer = CallbackOffer::kQueueOver;
  claims.callback->queue_over = 0;
  s.contact_types.push_back(claims);
  scenario::AgentGroup early;
  early.name = "early";
  early.shifts = {{.start = 0, .end = 6 * kHour, .agents = 2}};
  early.skills = {{.contact_type = 2}};
  s.agent_groups.push_back(early);
  return s;
}

TEST(CallbackFlowTest, EveryContactAndEveryCallbackEndsSomewhere) {
  const scenario::Scenario s = Everything();
  CountingSink sink;
  const auto results = RunAll(s, 94, &sink);
  int64_t redialled = 0;
  for (const ReplicationResult& r : results) {
    SCOPED_TRACE("replication " + std::to_string(r.replication));
    const int rep = r.replication;
    Counters all;
    for (const Counters& c : r.intervals) all.Add(c);
    EXPECT_EQ(r.Overall().offered, all.offered);
    EXPECT_EQ(all.offered,
              all.answered + all.abandoned + all.balked + all.messages + all.closed + all.unserved);
    EXPECT_EQ(all.offered + all.blocked, r.arrivals_total);
    EXPECT_EQ(all.callbacks_accepted,
              all.callbacks_reached + all.callbacks_failed + all.callbacks_unserved);
    EXPECT_LE(all.callbacks_accepted, all.callbacks_offered);
    EXPECT_EQ(all.unserved, r.waiting_at_end);
    EXPECT_NEAR(r.queue_area, r.wait_total, 1e-9 * r.wait_total);  // the live queue's Little
    // The trace tells the same story.
    EXPECT_EQ(static_cast<int64_t>(sink.rows(rep).size()), r.arrivals_total);
    EXPECT_EQ(sink.outcomes(rep, ContactOutcome::kCallback),
              all.callbacks_reached + all.callbacks_failed);
    EXPECT_EQ(sink.outcomes(rep, ContactOutcome::kAbandoned), all.abandoned - all.callbacks_failed);
    EXPECT_EQ(sink.outcomes(rep, ContactOutcome::kUnserved), all.unserved);
    EXPECT_EQ(sink.events(rep, EventKind::kCallbackOffer), all.callbacks_offered);
    EXPECT_EQ(sink.events(rep, EventKind::kCallbackAccept), all.callbacks_accepted);
    EXPECT_EQ(sink.events(rep, EventKind::kDial),
              sink.events(rep, EventKind::kNoAnswer) + all.callbacks_reached);
    const model::JourneyCounters& j = r.journeys;
    EXPECT_EQ(j.started, j.resolved + j.given_up + j.open_at_end);
    // Callbacks of the types that keep their agents all end; claims' are left unserved.
    EXPECT_EQ(r.by_type[0].callbacks_unserved + r.by_type[1].callbacks_unserved, 0);
    EXPECT_GT(r.by_type[2].callbacks_unserved, 0);
    for (const Counters& c : r.by_type) {
      EXPECT_GT(c.callbacks_reached, 0);
      EXPECT_EQ(c.callbacks_accepted, c.callbacks_reached + c.callbacks_failed + c.callbacks_unserved);
    }
    EXPECT_GT(all.callbacks_failed, 0);
    EXPECT_GT(all.blocked, 0);
    redialled += sink.events(rep, EventKind::kNoAnswer) - all.callbacks_failed;
  }
  EXPECT_GT(redialled, 0);
}

}  // namespace
}  // namespace ccsim
