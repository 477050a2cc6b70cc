#include "sim/scenario/suggest.h"

#include <algorithm>
#include <vector>

namespace ccsim::scenario::internal {
namespace {

constexpr int kMaxDistance = 2;
constexpr size_t kMinPrefix = 3;

bool IsPrefixMatch(std::string_view word, std::string_view candidate) {
  const std::string_view shorter = word.size() < candidate.size() ? word : candidate;
  const std::string_view longer = word.size() < candidate.size() ? candidate : word;
  return shorter.size() >= kMinPrefix && longer.starts_with(shorter);
}

template <typename Names>
std::optional<std::string> Closest(std::string_view word, const Names& candidates) {
  std::optional<std::string> best;
  int best_distance = kMaxDistance + 1;
  for (std::string_view c : candidates) {
    if (c == word) return std::nullopt;
    const int d = EditDistance(word, c);
    // Rewriting every character of a short word is no resemblance.
    const int longest = static_cast<int>(std::max(word.size(), c.size()));
    if (d < best_distance && d < longest) {
      best_distance = d;
      best = std::string(c);
    }
  }
  if (best) return best;
  for (std::string_view c : candidates) {
    if (IsPrefixMatch(word, c)) return std::string(c);
  }
  return std::nullopt;
}

template <typename Names>
std::string Join(const Names& names) {
  std::string out;
  for (std::string_view n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

}  // namespace

int EditDistance(std::string_view a, std::string_view b) {
  // Optimal string alignment distance over three rolling rows.
  const size_t n = b.size();
  std::vector<int> before(n + 1), previous(n + 1), current(n + 1);
  for (size_t j = 0; j <= n; ++j) previous[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = static_cast<int>(i);
    for (size_t j = 1; j <= n; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[n];
}

std::optional<std::string> ClosestMatch(std::string_view word,
                                        std::span<const std::string_view> candidates) {
  return Closest(word, candidates);
}

std::optional<std::string> ClosestMatch(std::string_view word,
                                        std::span<const std::string> candidates) {
  return Closest(word, candidates);
}

std::string JoinNames(std::span<const std::string_view> names) { return Join(names); }

std::string JoinNames(std::span<const std::string> names) { return Join(names); }

}  // namespace ccsim::scenario::internal
