// The integer program of `ccsim schedule`: choose how many agents work each shift column so
// that every row (a group's planning interval) has at least its required agents on duty
// and not on a break, at the least cost:
//
//   minimise  sum_j cost_j x_j   subject to  sum_j a_ij x_j >= required_i,  x_j >= 0 integer
//
// solved by COIN-OR CBC (branch and cut over Clp) with its default cuts and heuristics,
// quietly and within a time limit. This is the only file that includes CBC's headers.
//
// Example:
//   CoveringProgram p{.cost = {8, 8}, .columns = {{{0, 1.0}}, {{1, 1.0}}}, .required = {2, 3}};
//   CoveringSolution s = SolveCoveringProgram(p, /*seconds=*/10);  // s.counts = {2, 3}
#ifndef CCSIM_SCHEDULE_COVERING_PROGRAM_H_
#define CCSIM_SCHEDULE_COVERING_PROGRAM_H_

#include <utility>
#include <vector>

namespace ccsim::schedule {

struct CoveringProgram {
  std::vector<double> cost;  // per column, >= 0
  // Per column: the rows it covers and by how much (a_ij in (0, 1]); rows ascending.
  std::vector<std::vector<std::pair<int, double>>> columns;
  std::vector<double> required;  // per row, >= 0
};

enum class SolveStatus {
  kOptimal,            // proven optimal
  kFeasibleAtLimit,    // the time limit stopped the search with a solution not proven optimal
  kInfeasible,         // some row cannot be covered (no column covers it)
  kNoSolutionAtLimit,  // the time limit came before any solution
};
const char* ToString(SolveStatus s);

struct CoveringSolution {
  std::vector<int> counts;  // per column; empty without a solution
  double cost = 0;          // sum of cost_j counts_j
  SolveStatus status = SolveStatus::kNoSolutionAtLimit;
  double seconds = 0;       // wall time in the solver
};

// REQUIRES: columns.size() == cost.size(), row indices < required.size(), seconds > 0.
CoveringSolution SolveCoveringProgram(const CoveringProgram& p, double seconds);

}  // namespace ccsim::schedule

#endif  // CCSIM_SCHEDULE_COVERING_PROGRAM_H_
