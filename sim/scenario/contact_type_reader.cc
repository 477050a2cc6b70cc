#include "sim/scenario/contact_type_reader.h"

#include <algorithm>
#include <string_view>

#include "sim/scenario/arrivals_reader.h"
#include "sim/scenario/callback_reader.h"
#include "sim/scenario/distribution_reader.h"
#include "sim/scenario/open_hours_reader.h"

namespace ccsim::scenario::internal {
namespace {

constexpr std::string_view kContactTypeKeys[] = {
    "channel", "priority",       "arrivals", "handle_time", "wrap_up",    "patience",
    "retrial", "queue_capacity", "outcomes", "repeat",      "escalation", "service_level",
    "open",    "at_close",
    // Customers' behaviour (SPEC §7), callbacks (§9).
    "balking", "max_wait", "callback"};
constexpr std::string_view kServiceLevelKeys[] = {"threshold", "target", "callback_threshold"};
constexpr std::string_view kChanceWithDelayKeys[] = {"probability", "delay"};
constexpr std::string_view kRetrialKeys[] = {"probability", "delay", "on"};
constexpr std::string_view kMaxWaitKeys[] = {"after", "then"};
// "unresolved" is allowed in a transfer only to say that an outcome cannot be both.
constexpr std::string_view kTransferKeys[] = {"transfer",   "probability", "context",
                                              "re_explain", "disconnect",  "unresolved",
                                              "warm"};
constexpr std::string_view kWarmKeys[] = {"consult"};
constexpr std::string_view kUnresolvedKeys[] = {"unresolved"};
constexpr std::string_view kEscalationKeys[] = {"to", "after"};

constexpr char kContactType[] = "contact type";

// What `context:` of a transfer says happens to what the customer already explained.
enum class TransferContext { kKept, kLost };
constexpr TransferContext kTransferContexts[] = {TransferContext::kKept, TransferContext::kLost};

const char* ToString(TransferContext c) { return c == TransferContext::kKept ? "kept" : "lost"; }

// What a retrial follows (`retrial.on`): an abandonment (a balk is one, at arrival) or a block.
enum class RetrialOn { kAbandoned, kBlocked };
constexpr RetrialOn kRetrialOns[] = {RetrialOn::kAbandoned, RetrialOn::kBlocked};

const char* ToString(RetrialOn o) { return o == RetrialOn::kAbandoned ? "abandoned" : "blocked"; }

// {probability, delay}: a repeat after a journey went wrong.
template <typename ChanceWithDelay>
std::optional<ChanceWithDelay> ReadChanceWithDelay(const YamlNode& node, const std::string& path,
                                                   ReadContext& ctx) {
  const MapReader m(node, path, ctx, kChanceWithDelayKeys);
  ChanceWithDelay c;
  m.Read("probability", &c.probability, ReadProbability, Presence::kRequired);
  m.Read("delay", &c.delay, ReadDistribution, Presence::kRequired);
  if (!m.is_map()) return std::nullopt;
  return c;
}

// retrial: {probability, delay, on: [abandoned, blocked]} (on: [abandoned] by default).
std::optional<Retrial> ReadRetrial(const YamlNode& node, const std::string& path,
                                   ReadContext& ctx) {
  const MapReader m(node, path, ctx, kRetrialKeys);
  Retrial r;
  m.Read("probability", &r.probability, ReadProbability, Presence::kRequired);
  m.Read("delay", &r.delay, ReadDistribution, Presence::kRequired);
  std::vector<RetrialOn> on;
  if (m.Read("on", &on,
             ListOf(ChoiceOf(kRetrialOns), "'abandoned' or 'blocked'", ListSize::kNonEmpty))) {
    r.on_abandoned = std::find(on.begin(), on.end(), RetrialOn::kAbandoned) != on.end();
    r.on_blocked = std::find(on.begin(), on.end(), RetrialOn::kBlocked) != on.end();
  }
  if (!m.is_map()) return std::nullopt;
  return r;
}

// max_wait: {after: DURATION > 0, then: message | callback}.
std::optional<MaxWait> ReadMaxWait(const YamlNode& node, const std::string& path,
                                   ReadContext& ctx) {
  const MapReader m(node, path, ctx, kMaxWaitKeys, "a map like {after: 2m, then: message}");
  MaxWait w;
  bool ok = m.Read("after", &w.after, ReadPositiveDuration, Presence::kRequired);
  ok = m.Read("then", &w.then, ChoiceOf(kMaxWaitThens), Presence::kRequired) && ok;
  if (!ok) return std::nullopt;
  return w;
}

// `callback` and max_wait's `then: callback` (read into `type`): voice only; a `callback`
// needs a way to be offered. max_wait's callbacks without a `callback` map take its defaults.
void CheckCallbacks(const MapReader& m, ContactType& type, ReadContext& ctx) {
  const bool from_max_wait = type.max_wait && type.max_wait->then == MaxWaitThen::kCallback;
  if (type.channel != Channel::kVoice && (type.callback || from_max_wait)) {
    const std::string at = type.callback ? m.PathOf("callback") : m.PathOf("max_wait.then");
    ctx.Error(type.callback ? ctx.locations.Key(at) : ctx.locations.Value(at),
              at + ": callbacks are phone calls, for channel: voice only (this type is " +
                  ToString(type.channel) + ")");
    return;
  }
  if (type.callback && type.callback->offer == CallbackOffer::kNever && !from_max_wait) {
    const std::string at = m.PathOf("callback");
    ctx.Error(ctx.locations.Key(at),
              at + ": never offered: add 'offer_when', or max_wait: {after: ..., then: callback}");
  }
  if (from_max_wait && !type.callback) type.callback = Callback{};
}

// warm: {consult: DURATION or distribution} (consult: 0 when absent).
std::optional<Distribution> ReadWarm(const YamlNode& node, const std::string& path,
                                     ReadContext& ctx) {
  const MapReader m(node, path, ctx, kWarmKeys, "a map like {consult: 1m}");
  Distribution consult;
  m.Read("consult", &consult, ReadDistribution);
  if (!m.is_map()) return std::nullopt;
  return consult;
}

std::optional<Outcome> ReadTransfer(const YamlNode& node, const std::string& path,
                                    const DeclaredNames& names, ReadContext& ctx) {
  const MapReader m(node, path, ctx, kTransferKeys);
  if (m.Get("unresolved") != nullptr) {
    ctx.Error(ctx.locations.Key(m.PathOf("unresolved")),
              path + ": an outcome is either a transfer or 'unresolved', not both");
  }
  Outcome o;
  o.kind = Outcome::Kind::kTransfer;
  bool ok = m.Read("transfer", &o.transfer_to, ReferenceTo(names.contact_types, kContactType));
  ok = m.Read("probability", &o.probability, ReadProbability, Presence::kRequired) && ok;
  TransferContext context = TransferContext::kKept;
  m.Read("context", &context, ChoiceOf(kTransferContexts));
  o.context_lost = context == TransferContext::kLost;
  m.Read("re_explain", &o.re_explain, ReadDistribution);
  m.Read("disconnect", &o.disconnect, ReadProbability);
  if (std::optional<Distribution> consult; m.Read("warm", &consult, ReadWarm)) {
    o.warm = true;
    o.consult = *consult;
    // The first agent briefs the second one: nothing is lost to explain again.
    if (o.context_lost) {
      ctx.Error(ctx.locations.Value(m.PathOf("context")),
                m.PathOf("context") +
                    ": a warm transfer hands the context over; 'context: lost' cannot go with "
                    "'warm'");
    }
  }
  if (!ok) return std::nullopt;
  return o;
}

std::optional<Outcome> ReadOutcome(const YamlNode& node, const std::string& path,
                                   const DeclaredNames& names, ReadContext& ctx) {
  if (!node.IsMap()) {
    ReportExpected(node, path, "a map with 'transfer:' or 'unresolved:'", ctx);
    return std::nullopt;
  }
  if (node.Find("transfer") != nullptr) return ReadTransfer(node, path, names, ctx);
  if (node.Find("unresolved") == nullptr) {
    // Neither: a misspelt key says it best; otherwise say what is missing.
    const size_t reported = ctx.errors->size();
    const MapReader m(node, path, ctx, kTransferKeys);
    if (ctx.errors->size() == reported) {
      ctx.Error(node.where, path + ": an outcome needs 'transfer:' or 'unresolved:'");
    }
    return std::nullopt;
  }
  const MapReader m(node, path, ctx, kUnresolvedKeys);
  Outcome o;
  o.kind = Outcome::Kind::kUnresolved;
  if (!m.Read("unresolved", &o.probability, ReadProbability)) return std::nullopt;
  return o;
}

std::optional<Escalation> ReadEscalation(const YamlNode& node, const std::string& path,
                                         const DeclaredNames& names, ReadContext& ctx) {
  const MapReader m(node, path, ctx, kEscalationKeys);
  Escalation e;
  m.Read("to", &e.to, ReferenceTo(names.contact_types, kContactType), Presence::kRequired);
  m.Read("after", &e.after, ReadPositiveDuration, Presence::kRequired);
  if (!m.is_map()) return std::nullopt;
  return e;
}

}  // namespace

std::optional<ServiceLevel> ReadServiceLevel(const YamlNode& node, const std::string& path,
                                             const ServiceLevel& base, ReadContext& ctx) {
  const MapReader m(node, path, ctx, kServiceLevelKeys);
  ServiceLevel level = base;
  m.Read("threshold", &level.threshold, ReadDuration);
  m.Read("target", &level.target, ReadProbability);
  m.Read("callback_threshold", &level.callback_threshold, ReadDuration);
  if (!m.is_map()) return std::nullopt;
  return level;
}

std::optional<std::vector<Outcome>> ReadOutcomes(const YamlNode& node, const std::string& path,
                                                 const DeclaredNames& names, ReadContext& ctx) {
  std::optional<std::vector<Outcome>> outcomes =
      ReadList(node, path, ctx, WithNames(ReadOutcome, names), "outcomes like {unresolved: 0.1}");
  if (!outcomes) return std::nullopt;
  double total = 0;
  for (const Outcome& o : *outcomes) total += o.probability;
  constexpr double kRoundingSlack = 1e-9;
  if (total > 1 + kRoundingSlack) {
    ctx.Error(node.where, path + ": the outcome probabilities add up to " + FormatNumber(total) +
                              ", more than 1");
  }
  return outcomes;
}

ContactType ReadContactType(const YamlEntry& entry, int index, const ServiceLevel& service_level,
                            const DeclaredNames& names, ReadContext& ctx) {
  ContactType type;
  type.name = entry.key;
  type.service_level = service_level;
  const MapReader m(entry.value, JoinPath("contact_types", entry.key), ctx, kContactTypeKeys);
  m.Read("channel", &type.channel, ChoiceOf(kChannels));
  m.Read("priority", &type.priority, ReadInt);
  m.Read("arrivals", &type.arrivals, ReadArrivals, Presence::kRequired);
  m.Read("handle_time", &type.handle_time, ReadDistribution, Presence::kRequired);
  m.Read("wrap_up", &type.wrap_up, ReadDistribution);
  m.Read("patience", &type.patience, ReadDistribution);
  if (type.channel == Channel::kEmail && m.Get("patience") != nullptr) {
    ctx.Error(ctx.locations.Key(m.PathOf("patience")),
              m.PathOf("patience") + ": email contacts never abandon (they wait in the backlog); "
              "remove 'patience' or use channel: chat or voice");
  }
  m.Read("retrial", &type.retrial, ReadRetrial);
  m.Read("queue_capacity", &type.queue_capacity, ReadCount64);
  m.Read("outcomes", &type.outcomes, WithNames(ReadOutcomes, names));
  m.Read("repeat", &type.repeat, ReadChanceWithDelay<Repeat>);
  const bool escalates = m.Read("escalation", &type.escalation, WithNames(ReadEscalation, names));
  if (escalates && type.escalation->to == index) {
    const std::string to = m.PathOf("escalation.to");
    ctx.Error(ctx.locations.Value(to), to + ": a contact type cannot escalate to itself");
  }
  m.Read("open", &type.open, ReadOpenHours);
  AtClose at_close = AtClose::kDrain;
  if (m.Read("at_close", &at_close, ChoiceOf(kAtCloses))) {
    if (type.open) {
      type.open->at_close = at_close;
    } else if (m.Get("open") == nullptr) {
      ctx.Error(ctx.locations.Key(m.PathOf("at_close")),
                m.PathOf("at_close") + ": needs 'open' (without opening hours the type never "
                                       "closes)");
    }
  }
  m.Read("service_level", &type.service_level,
         [&service_level](const YamlNode& n, const std::string& p, ReadContext& c) {
           return ReadServiceLevel(n, p, service_level, c);
         });
  m.Read("balking", &type.balking, ReadProbability);
  m.Read("max_wait", &type.max_wait, ReadMaxWait);
  m.Read("callback", &type.callback, ReadCallback);
  CheckCallbacks(m, type, ctx);
  return type;
}

}  // namespace ccsim::scenario::internal
