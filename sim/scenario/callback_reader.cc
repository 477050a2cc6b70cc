#include "sim/scenario/callback_reader.h"

#include <string_view>

#include "sim/scenario/distribution_reader.h"
#include "sim/scenario/limits.h"

namespace ccsim::scenario::internal {
namespace {

constexpr std::string_view kCallbackKeys[] = {"offer_when", "accept", "keep_place",
                                              "reach",      "redial", "dial_time"};
constexpr std::string_view kOfferWhenKeys[] = {"expected_wait_over", "queue_over"};
constexpr std::string_view kRedialKeys[] = {"delay", "max"};

std::optional<bool> ReadBool(const YamlNode& node, const std::string& path, ReadContext& ctx) {
  if (node.IsScalar() && (node.scalar == "true" || node.scalar == "false")) {
    return node.scalar == "true";
  }
  ReportExpected(node, path, "true or false", ctx);
  return std::nullopt;
}

// offer_when: exactly one of {expected_wait_over: DURATION} and {queue_over: N}.
struct OfferWhen {
  CallbackOffer offer = CallbackOffer::kNever;
  double expected_wait_over = 0;
  int64_t queue_over = 0;
};

std::optional<OfferWhen> ReadOfferWhen(const YamlNode& node, const std::string& path,
                                       ReadContext& ctx) {
  const MapReader m(node, path, ctx, kOfferWhenKeys, "a map like {expected_wait_over: 2m}");
  if (!m.is_map()) return std::nullopt;
  if (m.entries().size() != 1) {
    if (m.entries().size() > 1) {
      ctx.Error(m.entries()[1]->key_where,
                path + ": give one condition, 'expected_wait_over' or 'queue_over', not both");
    } else if (node.entries.empty()) {  // (an unknown key was reported as such)
      ctx.Error(m.where(), path + ": expected 'expected_wait_over: DURATION' or 'queue_over: N'");
    }
    return std::nullopt;
  }
  OfferWhen w;
  if (m.Read("expected_wait_over", &w.expected_wait_over, ReadDuration)) {
    w.offer = CallbackOffer::kExpectedWaitOver;
  } else if (m.Read("queue_over", &w.queue_over, ReadCount64)) {
    w.offer = CallbackOffer::kQueueOver;
  } else {
    return std::nullopt;
  }
  return w;
}

// redial: {delay: DISTRIBUTION, max: N}, N at most kMaxRedials.
struct Redial {
  Distribution delay;
  int max = 0;
};

std::optional<Redial> ReadRedial(const YamlNode& node, const std::string& path, ReadContext& ctx) {
  const MapReader m(node, path, ctx, kRedialKeys, "a map like {delay: 10m, max: 2}");
  Redial r;
  bool ok = m.Read("delay", &r.delay, ReadDistribution, Presence::kRequired);
  ok = m.Read("max", &r.max, ReadCount, Presence::kRequired) && ok;
  if (ok && r.max > kMaxRedials) {
    ReportExpected(*m.Get("max"), m.PathOf("max"),
                   "a number of at most " + std::to_string(kMaxRedials), ctx);
    return std::nullopt;
  }
  if (!ok) return std::nullopt;
  return r;
}

}  // namespace

std::optional<Callback> ReadCallback(const YamlNode& node, const std::string& path,
                                     ReadContext& ctx) {
  const MapReader m(node, path, ctx, kCallbackKeys,
                    "a map like {offer_when: {expected_wait_over: 2m}, accept: 0.6}");
  Callback c;
  OfferWhen when;
  const bool offers = m.Read("offer_when", &when, ReadOfferWhen);
  c.offer = when.offer;
  c.expected_wait_over = when.expected_wait_over;
  c.queue_over = when.queue_over;
  if (m.Get("offer_when") != nullptr) {
    m.Read("accept", &c.accept, ReadProbability, Presence::kRequired);
  } else if (m.Get("accept") != nullptr) {
    ctx.Error(ctx.locations.Key(m.PathOf("accept")),
              m.PathOf("accept") +
                  ": needs 'offer_when' (without it, callbacks come only from "
                  "max_wait, and those are always taken)");
  }
  m.Read("keep_place", &c.keep_place, ReadBool);
  m.Read("reach", &c.reach, ReadProbability);
  Redial redial;
  if (m.Read("redial", &redial, ReadRedial)) {
    c.redial_delay = redial.delay;
    c.redial_max = redial.max;
  }
  m.Read("dial_time", &c.dial_time, ReadDuration);
  if (!m.is_map() || (m.Get("offer_when") != nullptr && !offers)) return std::nullopt;
  return c;
}

}  // namespace ccsim::scenario::internal
