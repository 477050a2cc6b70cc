// MPI for cluster sweeps, behind one small class. MPI starts only when the process was
// launched by mpirun with more than one rank (Open MPI's OMPI_COMM_WORLD_SIZE, or PMI_SIZE);
// a plain `ccsim sweep` never touches it, and a build without MPI (CCSIM_WITH_MPI=OFF)
// always runs as one process.
//
// Example:
//   MpiSession mpi;
//   if (mpi.active()) { for (long t; (t = mpi.NextTask()) < n;) Run(t); mpi.Barrier(); }
#ifndef CCSIM_CLI_MPI_SESSION_H_
#define CCSIM_CLI_MPI_SESSION_H_

#include <cstdint>

namespace ccsim::cli {

class MpiSession {
 public:
  MpiSession();
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  bool active() const { return size_ > 1; }
  int rank() const { return rank_; }
  int size() const { return size_; }

  // The next task number, 0, 1, 2, ..., handed out across all ranks as they ask (dynamic
  // load balancing: a fast rank takes more). REQUIRES: active().
  long long NextTask();
  void Barrier();
  // Whether `value` is true on any rank, on every rank (a collective: all ranks call it).
  bool AnyRank(bool value);
  // Rank 0's value, on every rank.
  uint64_t Broadcast(uint64_t value);

 private:
  int rank_ = 0;
  int size_ = 1;
  void* window_ = nullptr;  // the shared task counter (an MPI_Win), on rank 0
  long long* counter_ = nullptr;
};

}  // namespace ccsim::cli

#endif  // CCSIM_CLI_MPI_SESSION_H_
