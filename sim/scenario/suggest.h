// "Did you mean" suggestions for misspelt keys, names and choices.
//
// Example:
//   ClosestMatch("horizn", {"name", "horizon"})  // "horizon"
//   ClosestMatch("zzz", {"name", "horizon"})     // nullopt
#ifndef CCSIM_SCENARIO_SUGGEST_H_
#define CCSIM_SCENARIO_SUGGEST_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ccsim::scenario::internal {

// Edit distance counting insertions, deletions, substitutions and swaps of neighbours.
int EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `word`: the nearest within edit distance 2, else one that `word`
// starts (or that starts `word`) when the shorter of the two has at least 3 characters.
// Ties go to the earlier candidate. nullopt when none is close or `word` is a candidate.
std::optional<std::string> ClosestMatch(std::string_view word,
                                        std::span<const std::string_view> candidates);
std::optional<std::string> ClosestMatch(std::string_view word,
                                        std::span<const std::string> candidates);

// "a, b, c".
std::string JoinNames(std::span<const std::string_view> names);
std::string JoinNames(std::span<const std::string> names);

}  // namespace ccsim::scenario::internal

#endif  // CCSIM_SCENARIO_SUGGEST_H_
