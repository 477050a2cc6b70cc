#include "sim/schedule/covering_program.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace ccsim::schedule {
namespace {

// A column that covers `pattern` (one coefficient per interval) from interval `first` on.
std::vector<std::pair<int, double>> Column(int first, const std::vector<double>& pattern) {
  std::vector<std::pair<int, double>> rows;
  for (size_t k = 0; k < pattern.size(); ++k) {
    if (pattern[k] > 0) rows.push_back({first + static_cast<int>(k), pattern[k]});
  }
  return rows;
}

// Three templates over 8 intervals, plus one column that covers half an interval.
CoveringProgram SmallProgram() {
  CoveringProgram p;
  p.required = {1, 2, 3, 2, 2, 3, 2, 1};
  const auto add = [&p](double cost, int first, const std::vector<double>& pattern) {
    p.cost.push_back(cost);
    p.columns.push_back(Column(first, pattern));
  };
  for (int s : {0, 2, 4}) add(4.0, s, {1, 1, 1, 1});     // 4 h, no break
  for (int s : {0, 3}) add(4.5, s, {1, 1, 0, 1, 1});     // 5 h, a break in its third hour
  for (int s : {1, 3, 5, 6}) add(2.2, s, {1, 1});        // 2 h part time
  add(3.0, 2, {1, 0.5, 1});                              // 3 h, a half-hour break
  return p;
}

// The least cost over every vector with counts_j <= bound_j: the bound is the most copies
// of a column that can help (the largest requirement it covers over its smallest coefficient).
double EnumeratedOptimum(const CoveringProgram& p) {
  const size_t n = p.cost.size();
  std::vector<int> bound(n, 0), x(n, 0);
  for (size_t j = 0; j < n; ++j) {
    for (const auto& [row, a] : p.columns[j]) {
      bound[j] = std::max(bound[j], static_cast<int>(std::ceil(p.required[row] / a)));
    }
  }
  double best = std::numeric_limits<double>::infinity();
  while (true) {
    std::vector<double> cover(p.required.size(), 0);
    double cost = 0;
    for (size_t j = 0; j < n; ++j) {
      cost += p.cost[j] * x[j];
      for (const auto& [row, a] : p.columns[j]) cover[row] += a * x[j];
    }
    bool ok = true;
    for (size_t i = 0; i < cover.size(); ++i) ok = ok && cover[i] >= p.required[i] - 1e-9;
    if (ok) best = std::min(best, cost);
    size_t j = 0;  // the next vector, like an odometer
    while (j < n && x[j] == bound[j]) x[j++] = 0;
    if (j == n) break;
    ++x[j];
  }
  return best;
}

TEST(CoveringProgramTest, FindsTheOptimumThatEnumerationFinds) {
  const CoveringProgram p = SmallProgram();
  const double optimum = EnumeratedOptimum(p);
  const CoveringSolution s = SolveCoveringProgram(p, 30);
  ASSERT_EQ(s.status, SolveStatus::kOptimal);
  EXPECT_NEAR(s.cost, optimum, 1e-9);
  // The counts are a feasible vector of that cost.
  std::vector<double> cover(p.required.size(), 0);
  double cost = 0;
  for (size_t j = 0; j < p.cost.size(); ++j) {
    EXPECT_GE(s.counts[j], 0);
    cost += p.cost[j] * s.counts[j];
    for (const auto& [row, a] : p.columns[j]) cover[row] += a * s.counts[j];
  }
  EXPECT_NEAR(cost, s.cost, 1e-9);
  for (size_t i = 0; i < cover.size(); ++i) EXPECT_GE(cover[i], p.required[i] - 1e-9) << i;
}

TEST(CoveringProgramTest, OtherRequirementsToo) {
  CoveringProgram p = SmallProgram();
  for (const std::vector<double>& required :
       {std::vector<double>{0, 0, 1, 0, 0, 0, 0, 2}, std::vector<double>{3, 0, 0, 3, 1, 0, 2, 2},
        std::vector<double>{1, 1, 1, 1, 1, 1, 1, 1}}) {
    p.required = required;
    const CoveringSolution s = SolveCoveringProgram(p, 30);
    ASSERT_EQ(s.status, SolveStatus::kOptimal);
    EXPECT_NEAR(s.cost, EnumeratedOptimum(p), 1e-9);
  }
}

TEST(CoveringProgramTest, ARowNoColumnCoversIsInfeasible) {
  CoveringProgram p = SmallProgram();
  p.required.push_back(1);  // interval 8: no column reaches it
  EXPECT_EQ(SolveCoveringProgram(p, 30).status, SolveStatus::kInfeasible);
  p.required.back() = 0;  // nothing required there: fine
  EXPECT_EQ(SolveCoveringProgram(p, 30).status, SolveStatus::kOptimal);
}

}  // namespace
}  // namespace ccsim::schedule
