#include "sim/scenario/arrivals_reader.h"

#include <cmath>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/scenario/calendar.h"
#include "sim/scenario/forecast_reader.h"
#include "sim/scenario/limits.h"
#include "sim/scenario/text_file.h"

namespace ccsim::scenario::internal {
namespace {

constexpr std::string_view kArrivalKeys[] = {"rate",     "pattern", "weekly",
                                             "forecast", "file",    "busyness"};
constexpr std::string_view kPatternKeys[] = {"slot", "rates", "handle_time_factors",
                                             "patience_factors"};
constexpr std::string_view kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
// clang-format off
constexpr std::string_view kWeeklyKeys[] = {
    "slot", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
    "mon_handle_time_factors", "tue_handle_time_factors", "wed_handle_time_factors",
    "thu_handle_time_factors", "fri_handle_time_factors", "sat_handle_time_factors",
    "sun_handle_time_factors",
    "mon_patience_factors", "tue_patience_factors", "wed_patience_factors",
    "thu_patience_factors", "fri_patience_factors", "sat_patience_factors",
    "sun_patience_factors"};
// clang-format on
constexpr std::string_view kBusynessKeys[] = {"sd", "per"};

constexpr char kArrivalChoice[] =
    "exactly one of 'rate', 'pattern', 'weekly', 'forecast' or 'file'";
constexpr char kRatesLike[] = "rates like 360/h";
constexpr char kFactorsLike[] = "factors like 1.2";

// Whether the list at `key` was read whole: items that fail are reported and left out, and
// a count compared after that would report a second, wrong mistake.
bool ReadWhole(const MapReader& m, std::string_view key, size_t read) {
  const YamlNode* node = m.Get(key);
  return node != nullptr && node->IsSequence() && node->items.size() == read;
}

// The factors at `key` (handle_time_factors, mon_patience_factors, ...): one per rate,
// `count` of them when the rates were read whole. Empty when absent or wrong.
std::vector<double> ReadAlignedFactors(const MapReader& m, std::string_view key,
                                       std::optional<size_t> count, std::string_view per,
                                       ReadContext& ctx) {
  std::vector<double> factors;
  if (!m.Read(key, &factors, ListOf(ReadFactor, kFactorsLike, ListSize::kNonEmpty))) return {};
  if (!count || !ReadWhole(m, key, factors.size())) return {};
  if (factors.size() != *count) {
    ctx.Error(m.Get(key)->where, m.PathOf(key) + ": expected " + std::to_string(*count) +
                                     " factors, one per " + std::string(per) + "; got " +
                                     std::to_string(factors.size()));
    return {};
  }
  return factors;
}

std::optional<Arrivals> ReadPattern(const YamlNode& node, const std::string& path,
                                    ReadContext& ctx) {
  const MapReader m(node, path, ctx, kPatternKeys);
  Arrivals a;
  a.kind = ArrivalKind::kPattern;
  m.Read("slot", &a.slot, ReadPositiveDuration, Presence::kRequired);
  const bool has_rates = m.Read(
      "rates", &a.rates, ListOf(ReadRate, kRatesLike, ListSize::kNonEmpty), Presence::kRequired);
  std::optional<size_t> count;
  if (has_rates && ReadWhole(m, "rates", a.rates.size())) count = a.rates.size();
  a.handle_time_factors = ReadAlignedFactors(m, "handle_time_factors", count, "rate", ctx);
  a.patience_factors = ReadAlignedFactors(m, "patience_factors", count, "rate", ctx);
  if (!m.is_map()) return std::nullopt;
  return a;
}

// A weekly pattern's slot: it must cut a day into whole slots. The slots of a day, or
// nullopt.
std::optional<size_t> ReadWeeklySlot(const MapReader& m, double* slot, ReadContext& ctx) {
  if (!m.Read("slot", slot, ReadPositiveDuration, Presence::kRequired)) return std::nullopt;
  const double per_day = static_cast<double>(kSecondsPerDay) / *slot;
  if (per_day >= 1 && std::abs(per_day - std::round(per_day)) < 1e-9) {
    return static_cast<size_t>(std::round(per_day));
  }
  ReportExpected(*m.Get("slot"), m.PathOf("slot"),
                 "a slot that cuts a day (24h) into whole slots, like 15m, 30m or 1h", ctx);
  return std::nullopt;
}

// `<day>_<what>` (what: handle_time_factors or patience_factors) into `out` from slot
// `first`. `count`: the day's slots, when its rates were read whole.
void ReadDayFactors(const MapReader& m, std::string_view day, std::string_view what,
                    std::optional<size_t> count, size_t first, std::vector<double>& out,
                    ReadContext& ctx) {
  const std::string key = std::string(day) + "_" + std::string(what);
  if (m.Get(key) == nullptr) return;
  if (m.Get(day) == nullptr) {
    ctx.Error(ctx.locations.Key(m.PathOf(key)), m.PathOf(key) + ": needs '" + std::string(day) +
                                                    "' (the factors go with that day's rates)");
    return;
  }
  const std::vector<double> factors =
      ReadAlignedFactors(m, key, count, "rate of '" + std::string(day) + "'", ctx);
  if (factors.empty()) return;
  if (out.empty()) out.assign(7 * *count, 1.0);
  std::copy(factors.begin(), factors.end(), out.begin() + static_cast<std::ptrdiff_t>(first));
}

// weekly: {slot, mon: [...], ..., sun: [...], mon_handle_time_factors: [...], ...}: the
// week's rates from Monday 00:00, a day left out having none. The offset needs `start`
// (CompleteArrivals).
std::optional<Arrivals> ReadWeekly(const YamlNode& node, const std::string& path,
                                   ReadContext& ctx) {
  const MapReader m(node, path, ctx, kWeeklyKeys);
  if (!m.is_map()) return std::nullopt;
  Arrivals a;
  a.kind = ArrivalKind::kWeekly;
  const std::optional<size_t> per_day = ReadWeeklySlot(m, &a.slot, ctx);
  if (per_day) a.rates.assign(7 * *per_day, 0.0);
  bool any_day = false;
  for (size_t d = 0; d < 7; ++d) {
    const std::string_view day = kDays[d];
    std::vector<double> rates;
    const bool read = m.Read(day, &rates, ListOf(ReadRate, kRatesLike));
    any_day = any_day || m.Get(day) != nullptr;
    std::optional<size_t> count;
    if (read && per_day && ReadWhole(m, day, rates.size())) {
      if (rates.size() == *per_day) {
        count = *per_day;
        std::copy(rates.begin(), rates.end(),
                  a.rates.begin() + static_cast<std::ptrdiff_t>(d * *per_day));
      } else {
        ctx.Error(m.Get(day)->where, m.PathOf(day) + ": expected " + std::to_string(*per_day) +
                                         " rates, one per slot of the day; got " +
                                         std::to_string(rates.size()));
      }
    }
    const size_t first = d * per_day.value_or(0);
    ReadDayFactors(m, day, "handle_time_factors", count, first, a.handle_time_factors, ctx);
    ReadDayFactors(m, day, "patience_factors", count, first, a.patience_factors, ctx);
  }
  if (!any_day) {
    ctx.Error(m.KeyWhere(), path +
                                ": expected the rates of at least one day (mon, tue, wed, "
                                "thu, fri, sat, sun)");
    return std::nullopt;
  }
  return a;
}

// forecast: FILE (read by CompleteArrivals once the whole scenario is known).
std::optional<Arrivals> ReadForecastName(const YamlNode& node, const std::string& path,
                                         ReadContext& ctx) {
  const std::optional<std::string> name = ReadName(node, path, ctx);
  if (!name) return std::nullopt;
  Arrivals a;
  a.kind = ArrivalKind::kForecast;
  a.repeats = false;
  a.file = ResolvePath(ctx.base_dir, *name);
  return a;
}

// Arrival times from a file: non-negative and in non-decreasing order.
std::optional<Arrivals> ReadArrivalFile(const YamlNode& node, const std::string& path,
                                        ReadContext& ctx) {
  std::vector<LineColumn> where;
  std::optional<std::vector<double>> times = ReadDurationFile(node, path, ctx, &where);
  if (!times) return std::nullopt;
  for (size_t i = 1; i < times->size(); ++i) {
    if ((*times)[i] < (*times)[i - 1]) {
      ctx.Error({ResolvePath(ctx.base_dir, node.scalar), where[i].line, where[i].column},
                path + ": arrival times must not decrease; got " + FormatNumber((*times)[i]) +
                    " after " + FormatNumber((*times)[i - 1]));
      return std::nullopt;
    }
  }
  Arrivals a;
  a.kind = ArrivalKind::kFile;
  a.times = *std::move(times);
  a.file = ResolvePath(ctx.base_dir, node.scalar);
  return a;
}

std::optional<Arrivals> ReadSource(const YamlEntry& chosen, const std::string& path,
                                   ReadContext& ctx) {
  if (chosen.key == "pattern") return ReadPattern(chosen.value, path, ctx);
  if (chosen.key == "weekly") return ReadWeekly(chosen.value, path, ctx);
  if (chosen.key == "forecast") return ReadForecastName(chosen.value, path, ctx);
  if (chosen.key == "file") return ReadArrivalFile(chosen.value, path, ctx);
  const std::optional<double> rate = ReadRate(chosen.value, path, ctx);
  if (!rate) return std::nullopt;
  return Arrivals::Rate(*rate);
}

std::optional<double> ReadBusynessSd(const YamlNode& node, const std::string& path,
                                     ReadContext& ctx) {
  const std::optional<double> sd = ReadNonNegativeNumber(node, path, ctx);
  if (sd && *sd > kMaxBusynessSd) {
    ReportExpected(node, path, "a number of at most " + FormatNumber(kMaxBusynessSd), ctx);
    return std::nullopt;
  }
  return sd;
}

void NeedsStart(const std::string& path, std::string_view what, ReadContext& ctx) {
  ctx.Error(ctx.locations.Key(path),
            path + ": " + std::string(what) +
                " needs the scenario's 'start' (the date and time at simulated time 0, like "
                "start: 2026-03-02 00:00)");
}

}  // namespace

std::optional<Arrivals> ReadArrivals(const YamlNode& node, const std::string& path,
                                     ReadContext& ctx) {
  const MapReader m(node, path, ctx, kArrivalKeys, std::string("a map with ") + kArrivalChoice);
  if (!m.is_map()) return std::nullopt;
  std::vector<const YamlEntry*> sources;
  for (const YamlEntry* entry : m.entries()) {
    if (entry->key != "busyness") sources.push_back(entry);
  }
  if (sources.size() != 1) {
    std::string message = path + ": expected " + kArrivalChoice;
    if (sources.size() > 1) {
      message += "; got both '" + sources[0]->key + "' and '" + sources[1]->key + "'";
    }
    ctx.Error(sources.size() > 1 ? sources[1]->key_where : m.where(), std::move(message));
    return std::nullopt;
  }
  std::optional<Arrivals> a = ReadSource(*sources.front(), m.PathOf(sources.front()->key), ctx);
  std::optional<Busyness> busyness;
  m.Read("busyness", &busyness, ReadBusyness);
  if (!a) return std::nullopt;
  if (busyness && a->kind == ArrivalKind::kFile) {
    ctx.Error(ctx.locations.Key(m.PathOf("busyness")),
              m.PathOf("busyness") +
                  ": replayed arrivals (file) are not scaled; remove "
                  "'busyness' or use rate, pattern, weekly or forecast");
    return std::nullopt;
  }
  a->busyness = busyness;
  return a;
}

std::optional<Busyness> ReadBusyness(const YamlNode& node, const std::string& path,
                                     ReadContext& ctx) {
  const MapReader m(node, path, ctx, kBusynessKeys);
  Busyness b;
  const bool has_sd = m.Read("sd", &b.sd, ReadBusynessSd, Presence::kRequired);
  const bool per_ok = m.Get("per") == nullptr || m.Read("per", &b.per, ChoiceOf(kBusynessPers));
  if (!has_sd || !per_ok) return std::nullopt;
  return b;
}

void CompleteArrivals(Scenario& s, ReadContext& ctx) {
  // A `start` given but wrong is reported already: what needs it says nothing more.
  const bool start_given = s.start || !ctx.locations.Key("start").file.empty();
  for (ContactType& type : s.contact_types) {
    const std::string path = JoinPath("contact_types", type.name);
    if (type.arrivals.kind == ArrivalKind::kWeekly) {
      if (s.start) {
        type.arrivals.offset = Calendar(*s.start).SecondsIntoWeek(0);
      } else if (!start_given) {
        NeedsStart(path + ".arrivals.weekly", "a weekly pattern", ctx);
      }
    }
    if (type.open && !start_given) NeedsStart(path + ".open", "opening hours", ctx);
  }
  if (s.start || !start_given) ReadForecasts(s, ctx);
}

}  // namespace ccsim::scenario::internal
