#include "sim/cli/mpi_session.h"

#include <cstdlib>
#include <initializer_list>

#if CCSIM_WITH_MPI
#include <mpi.h>
#endif

namespace ccsim::cli {

#if CCSIM_WITH_MPI

namespace {

bool LaunchedByMpirun() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"}) {
    const char* v = std::getenv(name);
    if (v != nullptr && std::atoi(v) > 1) return true;
  }
  return false;
}

}  // namespace

MpiSession::MpiSession() {
  if (!LaunchedByMpirun()) return;
  MPI_Init(nullptr, nullptr);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  auto* win = new MPI_Win;
  MPI_Win_allocate(rank_ == 0 ? sizeof(long long) : 0, sizeof(long long), MPI_INFO_NULL,
                   MPI_COMM_WORLD, &counter_, win);
  if (rank_ == 0) *counter_ = 0;
  window_ = win;
  MPI_Barrier(MPI_COMM_WORLD);  // the counter is set before anyone takes from it
}

MpiSession::~MpiSession() {
  if (window_ == nullptr) return;
  auto* win = static_cast<MPI_Win*>(window_);
  MPI_Win_free(win);
  delete win;
  MPI_Finalize();
}

long long MpiSession::NextTask() {
  auto* win = static_cast<MPI_Win*>(window_);
  const long long one = 1;
  long long task = 0;
  MPI_Win_lock(MPI_LOCK_EXCLUSIVE, 0, 0, *win);
  MPI_Fetch_and_op(&one, &task, MPI_LONG_LONG, 0, 0, MPI_SUM, *win);
  MPI_Win_unlock(0, *win);
  return task;
}

void MpiSession::Barrier() { MPI_Barrier(MPI_COMM_WORLD); }

bool MpiSession::AnyRank(bool value) {
  int mine = value ? 1 : 0, any = 0;
  MPI_Allreduce(&mine, &any, 1, MPI_INT, MPI_LOR, MPI_COMM_WORLD);
  return any != 0;
}

uint64_t MpiSession::Broadcast(uint64_t value) {
  MPI_Bcast(&value, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
  return value;
}

#else  // a build without MPI: always one process

MpiSession::MpiSession() = default;
MpiSession::~MpiSession() = default;
long long MpiSession::NextTask() { return 0; }
void MpiSession::Barrier() {}
bool MpiSession::AnyRank(bool value) { return value; }
uint64_t MpiSession::Broadcast(uint64_t value) { return value; }

#endif

}  // namespace ccsim::cli
