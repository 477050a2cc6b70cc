// The result file of a run (SPEC §5, docs/trace_format.md), written while the run goes.
//
// A ResultFileWriter is the TraceSink the replications hand their chunks to, from any
// thread; one writer thread appends them to the file, so the HDF5 library is used by one
// thread only and the simulation never waits for the disk unless the writer falls more
// than a few chunks behind (then producers block: memory stays bounded). The file is
// written as PATH.tmp-PID beside PATH and renamed to PATH by Commit(); Abort(), a failure
// or the destructor remove the temporary file, so PATH never holds a partial file.
//
// Example:
//   ResultFileWriter out(model, info, "out.h5", TraceLevel::kContacts);
//   ... Simulate(model, rep, {.trace = &out, .trace_level = TraceLevel::kContacts}) ...
//   out.Commit(results);  // throws std::runtime_error on failure
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

#include "sim/model/model.h"
#include "sim/model/results.h"
#include "sim/records/trace_sink.h"

namespace ccsim::trace {

// What a result file says about the run that made it (its root attributes).
struct RunInfo {
  std::string ccsim_version;
  std::string scenario_text;  // the YAML as read
  std::string scenario_name;
  std::string scenario_file;
  std::vector<std::string> overrides;  // --set KEY.PATH=VALUE
  uint64_t seed = 1;
  int replications = 1;
  std::string trace = "summary";
};

class ResultFileWriter final : public records::TraceSink {
 public:
  // Creates PATH.tmp-PID and starts the writer thread. Throws std::runtime_error.
  ResultFileWriter(const model::Model& model, const RunInfo& info, const std::string& path,
                   records::TraceLevel level);
  ~ResultFileWriter() override;  // Abort() unless committed

  void OnContacts(int replication, std::span<const records::ContactRecord> chunk) override;
  void OnAgentSpells(int replication, std::span<const records::AgentSpellRecord> chunk) override;
  void OnEvents(int replication, std::span<const records::EventRecord> chunk) override;

  // Waits for the writer, adds /summary, /intervals and /agent_results, closes the file and renames it to
  // PATH. On failure removes the temporary file and throws std::runtime_error.
  // REQUIRES: neither Commit nor Abort has run.
  void Commit(std::span<const model::ReplicationResult> results);
  // Stops the writer and removes the temporary file. Never throws.
  void Abort() noexcept;

  const std::string& temporary_path() const { return temp_path_; }

 private:
  struct File;  // the HDF5 objects; used by one thread at a time
  enum class Kind { kContacts, kAgents, kEvents };
  // A whole chunk already packed, shuffled and deflated by a producer.
  struct Encoded {
    Kind kind;
    size_t rows;
    std::vector<uint8_t> bytes;
  };
  using Rows = std::variant<std::vector<records::ContactRecord>, std::vector<records::AgentSpellRecord>,
                            std::vector<records::EventRecord>, Encoded>;
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

  const model::Model& model_;
  const records::TraceLevel level_;
  const std::string path_;
  const std::string temp_path_;
  std::unique_ptr<File> file_;

  std::mutex mu_;
  std::condition_variable not_empty_, not_full_;
  std::deque<Job> queue_;
  bool closing_ = false;
  std::string error_;  // the writer thread's first error
  std::thread writer_;
  bool finished_ = false;  // committed or aborted
};

// Reads the root attributes of a result file (for `ccsim run --from`). Throws
// std::runtime_error when the file cannot be read or is not a ccsim result file.
RunInfo ReadRunInfo(const std::string& path);

}  // namespace ccsim::trace

#endif  // CCSIM_TRACE_RESULT_FILE_H_
