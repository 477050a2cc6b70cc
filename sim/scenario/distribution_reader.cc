#include "sim/scenario/distribution_reader.h"

#include <algorithm>
#include <cmath>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/scenario/limits.h"
#include "sim/scenario/text_file.h"
#include "sim/scenario/units.h"

namespace ccsim::scenario::internal {
namespace {

using NumberReader = std::optional<double> (*)(const YamlNode&, const std::string&, ReadContext&);

// One parameter of a distribution kind: its key, where it goes, and how it is read.
struct Parameter {
  std::string_view key;
  double Distribution::*field;
  NumberReader read;
};

constexpr Parameter kConstantParameters[] = {{"value", &Distribution::value, ReadDuration}};
constexpr Parameter kExponentialParameters[] = {
    {"mean", &Distribution::mean, ReadPositiveDuration}};
constexpr Parameter kUniformParameters[] = {{"min", &Distribution::min, ReadDuration},
                                            {"max", &Distribution::max, ReadDuration}};
constexpr Parameter kTriangularParameters[] = {{"min", &Distribution::min, ReadDuration},
                                               {"mode", &Distribution::mode, ReadDuration},
                                               {"max", &Distribution::max, ReadDuration}};
constexpr Parameter kMeanSdParameters[] = {{"mean", &Distribution::mean, ReadPositiveDuration},
                                           {"sd", &Distribution::sd, ReadDuration}};
constexpr Parameter kWeibullParameters[] = {{"shape", &Distribution::shape, ReadPositiveNumber},
                                            {"scale", &Distribution::scale, ReadPositiveDuration}};

// The numeric parameters of `kind` (none for empirical, whose sample is read separately).
std::span<const Parameter> ParametersOf(DistributionKind kind) {
  switch (kind) {
    case DistributionKind::kConstant:
      return kConstantParameters;
    case DistributionKind::kExponential:
      return kExponentialParameters;
    case DistributionKind::kUniform:
      return kUniformParameters;
    case DistributionKind::kTriangular:
      return kTriangularParameters;
    case DistributionKind::kLognormal:
    case DistributionKind::kGamma:
      return kMeanSdParameters;
    case DistributionKind::kWeibull:
      return kWeibullParameters;
    case DistributionKind::kEmpirical:
      return {};
  }
  return {};
}

std::vector<std::string_view> AllowedKeys(DistributionKind kind) {
  std::vector<std::string_view> keys = {"dist"};
  if (kind == DistributionKind::kEmpirical) {
    keys.insert(keys.end(), {"values", "file"});
  }
  for (const Parameter& p : ParametersOf(kind)) keys.push_back(p.key);
  return keys;
}

std::optional<Distribution> ReadBareConstant(const YamlNode& node, const std::string& path,
                                             ReadContext& ctx) {
  const std::optional<double> seconds = node.IsScalar() ? ParseDuration(node.scalar) : std::nullopt;
  if (!seconds) {
    ReportExpected(node, path, "a duration like 45s, 2.5m or 1h, or a map with 'dist:'", ctx);
    return std::nullopt;
  }
  if (*seconds < 0) {
    ReportExpected(node, path, "a non-negative duration", ctx);
    return std::nullopt;
  }
  if (*seconds > kMaxDurationSeconds) {
    ReportExpected(node, path, std::string("a duration of at most ") + kMaxDurationText, ctx);
    return std::nullopt;
  }
  return Distribution::Constant(*seconds);
}

// Checks the order of uniform and triangular bounds; reports at the value out of order.
bool CheckBoundsOrder(const MapReader& m, const Distribution& d, ReadContext& ctx) {
  auto quoted = [&m](std::string_view key) { return Describe(*m.Get(key)); };
  if (d.kind == DistributionKind::kUniform && d.min > d.max) {
    ctx.Error(m.Get("max")->where, m.path() + ": uniform needs min <= max; got min " +
                                       quoted("min") + " and max " + quoted("max"));
    return false;
  }
  if (d.kind == DistributionKind::kTriangular && !(d.min <= d.mode && d.mode <= d.max)) {
    ctx.Error(m.Get("mode")->where, m.path() + ": triangular needs min <= mode <= max; got min " +
                                        quoted("min") + ", mode " + quoted("mode") + " and max " +
                                        quoted("max"));
    return false;
  }
  return true;
}

// The mean and standard deviation of a Weibull distribution; infinite when they overflow.
std::pair<double, double> WeibullMoments(double shape, double scale) {
  const double g1 = std::tgamma(1 + 1 / shape);
  const double g2 = std::tgamma(1 + 2 / shape);
  return {scale * g1, scale * std::sqrt(std::max(0.0, g2 - g1 * g1))};
}

// Checks that the distribution's mean and spread stay within the limits (limits.h): a Weibull
// of shape 1e-300 has an infinite mean, a lognormal whose sd is 1e300 times its mean has NaN
// parameters. Reports at the key of the distribution.
bool CheckMoments(const MapReader& m, const Distribution& d, ReadContext& ctx) {
  const SourceLocation where = m.KeyWhere();
  if (d.kind == DistributionKind::kLognormal || d.kind == DistributionKind::kGamma) {
    if (d.sd > d.mean * kMaxCoefficientOfVariation) {
      ctx.Error(where, m.path() + ": the sd may be at most " +
                           FormatCount(kMaxCoefficientOfVariation) + " times the mean; got mean " +
                           Describe(*m.Get("mean")) + " and sd " + Describe(*m.Get("sd")));
      return false;
    }
  }
  if (d.kind == DistributionKind::kWeibull) {
    const auto [mean, sd] = WeibullMoments(d.shape, d.scale);
    for (const auto& [what, value] : {std::pair("mean", mean), std::pair("sd", sd)}) {
      if (std::isfinite(value) && value <= kMaxDurationSeconds) continue;
      ctx.Error(where, m.path() + ": the " + what + " of this weibull distribution would be " +
                           (std::isfinite(value) ? FormatNumber(value) + "s" : "infinite") +
                           ", above the limit of " + kMaxDurationText + "; raise the shape " +
                           Describe(*m.Get("shape")) + " or lower the scale " +
                           Describe(*m.Get("scale")));
      return false;
    }
  }
  return true;
}

// Fills d->values from exactly one of `values:` and `file:`.
bool ReadEmpiricalSample(const MapReader& m, Distribution* d, ReadContext& ctx) {
  const YamlNode* values = m.Get("values");
  const YamlNode* file = m.Get("file");
  if ((values == nullptr) == (file == nullptr)) {
    const SourceLocation where = file != nullptr ? ctx.locations.Key(m.PathOf("file")) : m.where();
    ctx.Error(where, m.path() + ": empirical needs exactly one of 'values' or 'file'");
    return false;
  }
  if (values != nullptr) {
    auto sample = ReadList(*values, m.PathOf("values"), ctx, ReadDuration,
                           "durations like 45s, 2.5m or 1h", ListSize::kNonEmpty);
    if (!sample || sample->size() != values->items.size()) return false;
    d->values = *std::move(sample);
    return true;
  }
  std::optional<std::vector<double>> sample = ReadDurationFile(*file, m.PathOf("file"), ctx);
  if (!sample) return false;
  if (sample->empty()) {
    ctx.Error(file->where, m.PathOf("file") + ": file '" + ResolvePath(ctx.base_dir, file->scalar) +
                               "' holds no values");
    return false;
  }
  d->values = *std::move(sample);
  return true;
}

}  // namespace

std::optional<Distribution> ReadDistribution(const YamlNode& node, const std::string& path,
                                             ReadContext& ctx) {
  if (!node.IsMap()) return ReadBareConstant(node, path, ctx);
  const YamlNode* dist = node.Find("dist");
  if (dist == nullptr) {
    const SourceLocation key = ctx.locations.Key(path);  // as MapReader::KeyWhere
    ctx.Error(key.line > 0 && key.file == node.where.file ? key : node.where,
              "missing required key 'dist' in " + path);
    return std::nullopt;
  }
  const std::optional<DistributionKind> kind =
      ReadChoice(*dist, JoinPath(path, "dist"), ctx, kDistributionKinds);
  if (!kind) return std::nullopt;

  const std::vector<std::string_view> keys = AllowedKeys(*kind);
  const MapReader m(node, path, ctx, keys);
  Distribution d;
  d.kind = *kind;
  if (*kind == DistributionKind::kEmpirical) {
    if (!ReadEmpiricalSample(m, &d, ctx)) return std::nullopt;
    return d;
  }
  bool ok = true;
  for (const Parameter& p : ParametersOf(*kind)) {
    ok = m.Read(p.key, &(d.*p.field), p.read, Presence::kRequired) && ok;
  }
  if (!ok || !CheckBoundsOrder(m, d, ctx) || !CheckMoments(m, d, ctx)) return std::nullopt;
  return d;
}

}  // namespace ccsim::scenario::internal
