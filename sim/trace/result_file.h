// The result file of a run (SPEC §5, docs/trace_format.md), written while the run goes.
//
// A ResultFileWriter is the TraceSink the replications hand their chunks to, from any
// thread; one writer thread appends them to the file, so the HDF5 library is used by one
// thread only and the simulation never waits for the disk unless the writer falls more
// than a few chunks behind (then producers block: memory stays bounded). The file is an
// AtomicFile: PATH holds it only once Commit() has succeeded. The writer stores rows; it
// computes nothing (the summary tables come as records::ResultTables).
//
// Example:
//   Expected<std::unique_ptr<ResultFileWriter>> out =
//       ResultFileWriter::Create(attributes, model::FileEnumNames(model), "out.h5", level);
//   ... Simulate(model, rep, {.trace = out->get(), .trace_level = level}) ...
//   Status done = (*out)->Commit(model::ResultRows(model, results));
#ifndef CCSIM_TRACE_RESULT_FILE_H_
#define CCSIM_TRACE_RESULT_FILE_H_

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "sim/records/result_rows.h"
#include "sim/records/trace_sink.h"
#include "sim/trace/env.h"
#include "sim/trace/expected.h"
#include "sim/trace/root_attributes.h"

namespace ccsim::trace {

class ResultFileWriter final : public records::TraceSink {
 public:
  // Creates PATH.tmp-PID with `attributes` and starts the writer thread; an error when
  // the file cannot be created.
  static Expected<std::unique_ptr<ResultFileWriter>> Create(const RootAttributes& attributes,
                                                            const records::EnumNames& names,
                                                            const std::string& path,
                                                            records::TraceLevel level,
                                                            Env& env = *Env::Default());
  // As Create, but throws Hdf5Error.
  ResultFileWriter(const RootAttributes& attributes, const records::EnumNames& names,
                   const std::string& path, records::TraceLevel level,
                   Env& env = *Env::Default());
  ~ResultFileWriter() override;  // Abort() unless committed

  void OnContacts(int replication, std::span<const records::ContactRecord> chunk) override;
  void OnAgentSpells(int replication, std::span<const records::AgentSpellRecord> chunk) override;
  void OnEvents(int replication, std::span<const records::EventRecord> chunk) override;
  // Queues the replication's end: the writer then closes its tables (creating the empty
  // ones the trace level calls for), so the file keeps open only the running ones.
  // REQUIRES: no chunk of `replication` follows.
  void OnReplicationEnd(int replication) override;

  // Queues rows of /summary, /intervals and /agent_results, appended in the order given
  // (Commit's rows after them), so that a run can hand each replication's rows over as
  // it is folded instead of holding them all until Commit. From one thread at a time.
  void AddResultRows(records::ResultTables rows);

  // Waits for the writer, adds /summary, /intervals and /agent_results (after the rows
  // of AddResultRows, if any), closes the file and renames it to PATH. On failure removes the
  // temporary file and says why. REQUIRES: neither Commit nor Abort has run.
  Status Commit(const records::ResultTables& tables);
  // Stops the writer and removes the temporary file. Never throws.
  void Abort() noexcept;

  const std::string& temporary_path() const;

 private:
  struct File;  // the HDF5 objects; used by one thread at a time
  enum class Kind { kContacts, kAgents, kEvents };
  // A whole chunk already packed, shuffled and deflated by a producer.
  struct Encoded {
    Kind kind;
    size_t rows;
    std::vector<uint8_t> bytes;
  };
  struct Ended {};  // the replication's last chunk is queued before this
  using Rows =
      std::variant<std::vector<records::ContactRecord>, std::vector<records::AgentSpellRecord>,
                   std::vector<records::EventRecord>, Encoded, Ended, records::ResultTables>;
  struct Job {
    int replication;
    Rows rows;
  };

  template <class Record>
  void Enqueue(int replication, Kind kind, std::span<const Record> chunk);
  void Push(Job job);
  void Write(const Job& job);  // on the writer thread
  void WriterLoop();
  void StopWriter();

  void CommitOrThrow(const records::ResultTables& tables);

  const records::TraceLevel level_;
  std::unique_ptr<File> file_;

  std::mutex mu_;
  std::condition_variable not_empty_, not_full_;
  std::deque<Job> queue_;
  bool closing_ = false;
  std::string error_;  // the writer thread's first error
  std::thread writer_;
  bool finished_ = false;  // committed or aborted
};

}  // namespace ccsim::trace

#endif  // CCSIM_TRACE_RESULT_FILE_H_
