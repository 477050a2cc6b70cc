#include "sim/scenario/costs_reader.h"

#include <span>
#include <string_view>
#include <vector>

#include "sim/scenario/limits.h"

namespace ccsim::scenario::internal {
namespace {

constexpr std::string_view kCostsKeys[] = {"currency",      "agent_hour",   "per_handled",
                                           "per_abandoned", "per_callback", "revenue_per_resolved"};

std::optional<std::string> ReadCurrency(const YamlNode& node, const std::string& path,
                                        ReadContext& ctx) {
  std::optional<std::string> currency = ReadName(node, path, ctx);
  if (currency && currency->size() > kMaxCurrencyLength) {
    ReportExpected(node, path,
                   "a currency code or symbol of at most " + std::to_string(kMaxCurrencyLength) +
                       " bytes, like EUR",
                   ctx);
    return std::nullopt;
  }
  return currency;
}

std::optional<double> ReadAmount(const YamlNode& node, const std::string& path, ReadContext& ctx) {
  std::optional<double> amount = ReadNonNegativeNumber(node, path, ctx);
  if (amount && *amount > kMaxAmount) {
    ReportExpected(node, path, std::string("an amount of at most ") + kMaxAmountText, ctx);
    return std::nullopt;
  }
  return amount;
}

using Amounts = std::vector<std::optional<double>>;

// One amount for every name in `known`, or a map {NAME: amount}; names the map leaves out
// are nullopt. `kind` names them in messages ("agent group").
std::optional<Amounts> ReadAmounts(const YamlNode& node, const std::string& path,
                                   std::span<const std::string> known, std::string_view kind,
                                   ReadContext& ctx) {
  if (node.IsScalar()) {
    const std::optional<double> amount = ReadAmount(node, path, ctx);
    if (!amount) return std::nullopt;
    return Amounts(known.size(), amount);
  }
  const std::string expected = "an amount, or a map of " + std::string(kind) + " names to amounts";
  if (!node.IsMap()) {
    ReportExpected(node, path, expected, ctx);
    return std::nullopt;
  }
  const MapReader m = MapReader::OfNames(node, path, ctx, expected);
  Amounts out(known.size());
  bool ok = true;
  for (const YamlEntry* entry : m.entries()) {
    const std::optional<int> index =
        ResolveName(entry->key, entry->key_where, path, known, kind, ctx);
    const std::optional<double> amount = ReadAmount(entry->value, m.PathOf(entry->key), ctx);
    if (!index || !amount) {
      ok = false;
      continue;
    }
    out[*index] = amount;
  }
  if (!ok) return std::nullopt;
  return out;
}

// The amounts by contact type at `key` (0 where not given): true unless they failed to read.
bool ReadTypeAmounts(const MapReader& m, std::string_view key, const DeclaredNames& names,
                     std::vector<double>* out) {
  out->assign(names.contact_types.size(), 0.0);
  const YamlNode* node = m.Get(key);
  if (node == nullptr) return true;
  return m.Read(key, out,
                [&names](const YamlNode& n, const std::string& p,
                         ReadContext& c) -> std::optional<std::vector<double>> {
                  const std::optional<Amounts> amounts =
                      ReadAmounts(n, p, names.contact_types, "contact type", c);
                  if (!amounts) return std::nullopt;
                  std::vector<double> values;
                  for (const std::optional<double>& a : *amounts) values.push_back(a.value_or(0.0));
                  return values;
                });
}

}  // namespace

std::optional<Costs> ReadCosts(const YamlNode& node, const std::string& path,
                               const DeclaredNames& names, ReadContext& ctx) {
  const MapReader m(node, path, ctx, kCostsKeys);
  if (!m.is_map()) return std::nullopt;
  Costs costs;
  bool ok = m.Read("currency", &costs.currency, ReadCurrency, Presence::kRequired);
  costs.agent_hour.assign(names.agent_groups.size(), std::nullopt);
  if (m.Get("agent_hour") != nullptr) {
    ok = m.Read("agent_hour", &costs.agent_hour,
                [&names](const YamlNode& n, const std::string& p, ReadContext& c) {
                  return ReadAmounts(n, p, names.agent_groups, "agent group", c);
                }) &&
         ok;
  }
  ok = ReadTypeAmounts(m, "per_handled", names, &costs.per_handled) && ok;
  ok = ReadTypeAmounts(m, "per_abandoned", names, &costs.per_abandoned) && ok;
  ok = ReadTypeAmounts(m, "per_callback", names, &costs.per_callback) && ok;
  ok = ReadTypeAmounts(m, "revenue_per_resolved", names, &costs.revenue_per_resolved) && ok;
  if (!ok) return std::nullopt;
  return costs;
}

}  // namespace ccsim::scenario::internal
