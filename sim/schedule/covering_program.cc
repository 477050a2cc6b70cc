#include "sim/schedule/covering_program.h"

#include <coin/CbcModel.hpp>
#include <coin/OsiClpSolverInterface.hpp>

#include <chrono>
#include <cmath>
#include <limits>
#include <string>

namespace ccsim::schedule {

const char* ToString(SolveStatus s) {
  switch (s) {
    case SolveStatus::kOptimal:
      return "optimal";
    case SolveStatus::kFeasibleAtLimit:
      return "feasible_at_time_limit";
    case SolveStatus::kInfeasible:
      return "infeasible";
    case SolveStatus::kNoSolutionAtLimit:
      return "no_solution_at_time_limit";
  }
  return "?";
}

namespace {

// The program as Clp's column-ordered matrix, with integer columns.
void LoadProgram(const CoveringProgram& p, OsiClpSolverInterface& solver) {
  const int n = static_cast<int>(p.cost.size());
  const int m = static_cast<int>(p.required.size());
  std::vector<CoinBigIndex> starts = {0};
  std::vector<int> rows;
  std::vector<double> values;
  for (const auto& column : p.columns) {
    for (const auto& [row, a] : column) {
      rows.push_back(row);
      values.push_back(a);
    }
    starts.push_back(static_cast<CoinBigIndex>(rows.size()));
  }
  const double inf = solver.getInfinity();
  const std::vector<double> column_lower(n, 0.0), column_upper(n, inf), row_upper(m, inf);
  solver.loadProblem(n, m, starts.data(), rows.data(), values.data(), column_lower.data(),
                     column_upper.data(), p.cost.data(), p.required.data(), row_upper.data());
  for (int j = 0; j < n; ++j) solver.setInteger(j);
  solver.messageHandler()->setLogLevel(0);
}

// Whether every row with a requirement is covered by some column.
bool EveryRowCoverable(const CoveringProgram& p) {
  std::vector<bool> covered(p.required.size(), false);
  for (const auto& column : p.columns) {
    for (const auto& [row, a] : column) covered[row] = covered[row] || a > 0;
  }
  for (size_t i = 0; i < p.required.size(); ++i) {
    if (p.required[i] > 0 && !covered[i]) return false;
  }
  return true;
}

}  // namespace

CoveringSolution SolveCoveringProgram(const CoveringProgram& p, double seconds) {
  CoveringSolution out;
  const auto began = std::chrono::steady_clock::now();
  if (!EveryRowCoverable(p)) {
    out.status = SolveStatus::kInfeasible;
    return out;
  }
  OsiClpSolverInterface solver;
  LoadProgram(p, solver);
  CbcModel model(solver);
  // CBC's own driver: its default cuts, heuristics and preprocessing; no log.
  CbcMain0(model);
  const std::string limit = std::to_string(seconds);
  const char* argv[] = {"ccsim", "-log", "0", "-sec", limit.c_str(), "-solve", "-quit"};
  CbcMain1(static_cast<int>(std::size(argv)), argv, model);
  out.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  const double* best = model.bestSolution();
  if (model.isProvenInfeasible()) {
    out.status = SolveStatus::kInfeasible;
    return out;
  }
  if (best == nullptr) {
    out.status = SolveStatus::kNoSolutionAtLimit;
    return out;
  }
  out.status = model.isProvenOptimal() ? SolveStatus::kOptimal : SolveStatus::kFeasibleAtLimit;
  for (size_t j = 0; j < p.cost.size(); ++j) {
    out.counts.push_back(static_cast<int>(std::lround(best[j])));
    out.cost += p.cost[j] * out.counts.back();
  }
  return out;
}

}  // namespace ccsim::schedule
