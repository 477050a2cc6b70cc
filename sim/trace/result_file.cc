#include "sim/trace/result_file.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "sim/model/agent_ranking.h"
#include "sim/model/summary.h"
#include "sim/trace/hdf5_handle.h"
#include "sim/trace/record_types.h"
#include "sim/trace/result_tables.h"
#include "sim/trace/table.h"

namespace ccsim::trace {

using namespace internal;  // the shared table helpers of result_tables.h

namespace {

constexpr int kSchemaVersion = 1;
constexpr size_t kChunkRows = 4096;  // the model's chunk size: its chunks take the fast path
constexpr size_t kMaxQueuedChunks = 64;

}  // namespace

// The open file and everything in it. Touched by the writer thread while it runs, then
// by the thread that commits or aborts.
struct ResultFileWriter::File {
  struct Replication {
    Hid group;
    Table contacts, agents, events;
  };

  File(const std::string& temp_path, const std::vector<std::string>& type_names,
       const std::vector<std::string>& group_names, int replications)
      : handle(Hid::Check(H5Fcreate(temp_path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
                          H5Fclose, "create " + temp_path)),
        types(type_names, group_names),
        replications_group(Hid::Check(H5Gcreate2(handle.get(), "replications", H5P_DEFAULT,
                                                 H5P_DEFAULT, H5P_DEFAULT),
                                      H5Gclose, "create /replications")),
        reps(replications) {}

  Replication& Rep(int k) {
    Replication& r = reps.at(k);
    if (!r.group.valid()) {
      const std::string name = std::to_string(k);
      r.group = Hid::Check(H5Gcreate2(replications_group.get(), name.c_str(), H5P_DEFAULT,
                                      H5P_DEFAULT, H5P_DEFAULT),
                           H5Gclose, "create /replications/" + name);
    }
    return r;
  }
  Table& Contacts(int k) {
    Replication& r = Rep(k);
    if (!r.contacts.valid()) r.contacts = Table(r.group.get(), "contacts", types.contact.file.get(), types.contact.memory.get(), kChunkRows);
    return r.contacts;
  }
  Table& Agents(int k) {
    Replication& r = Rep(k);
    if (!r.agents.valid()) r.agents = Table(r.group.get(), "agents", types.spell.file.get(), types.spell.memory.get(), kChunkRows);
    return r.agents;
  }
  Table& Events(int k) {
    Replication& r = Rep(k);
    if (!r.events.valid()) r.events = Table(r.group.get(), "events", types.event.file.get(), types.event.memory.get(), kChunkRows);
    return r.events;
  }

  // Members close in reverse order: tables and groups before the file.
  ChunkEncoder encoder;
  Hid handle;
  RecordTypes types;
  Hid replications_group;
  std::vector<Replication> reps;
};

ResultFileWriter::ResultFileWriter(const model::Model& model, const RunInfo& info,
                                   const std::string& path, records::TraceLevel level)
    : model_(model),
      level_(level),
      path_(path),
      temp_path_(path + ".tmp-" + std::to_string(getpid())) {
  SilenceHdf5Errors();
  const scenario::Scenario& s = model.scenario();
  std::vector<std::string> type_names, group_names;
  for (const auto& t : s.contact_types) type_names.push_back(t.name);
  for (const auto& g : s.agent_groups) group_names.push_back(g.name);
  try {
    file_ = std::make_unique<File>(temp_path_, type_names, group_names, info.replications);
    const hid_t root = file_->handle.get();
    const int32_t schema = kSchemaVersion, reps = info.replications;
    WriteAttribute(root, "schema_version", H5T_NATIVE_INT32, &schema);
    WriteAttribute(root, "ccsim_version", info.ccsim_version);
    WriteAttribute(root, "scenario", info.scenario_text);
    WriteAttribute(root, "scenario_name", info.scenario_name);
    WriteAttribute(root, "scenario_file", info.scenario_file);
    WriteAttribute(root, "overrides", Join(info.overrides));
    WriteAttribute(root, "seed", H5T_NATIVE_UINT64, &info.seed);
    WriteAttribute(root, "replications", H5T_NATIVE_INT32, &reps);
    WriteAttribute(root, "trace", std::string(records::ToString(level)));
    WriteAttribute(root, "horizon", H5T_NATIVE_DOUBLE, &s.horizon);
    WriteAttribute(root, "warmup", H5T_NATIVE_DOUBLE, &s.warmup);
    WriteAttribute(root, "interval", H5T_NATIVE_DOUBLE, &s.interval);
    WriteAttribute(root, "service_level_threshold", H5T_NATIVE_DOUBLE, &s.service_level.threshold);
    WriteAttribute(root, "service_level_target", H5T_NATIVE_DOUBLE, &s.service_level.target);
  } catch (...) {
    file_.reset();
    std::remove(temp_path_.c_str());
    throw;
  }
  writer_ = std::thread([this] { WriterLoop(); });
}

ResultFileWriter::~ResultFileWriter() { Abort(); }

// A chunk beyond the file's trace level is dropped: the model sends contacts to any sink
// it is given, even at summary level, and the file must hold only what `trace` says.
void ResultFileWriter::OnContacts(int replication, std::span<const records::ContactRecord> chunk) {
  if (level_ == records::TraceLevel::kSummary) return;
  Enqueue(replication, Kind::kContacts, chunk);
}

void ResultFileWriter::OnAgentSpells(int replication,
                                     std::span<const records::AgentSpellRecord> chunk) {
  if (level_ != records::TraceLevel::kEvents) return;
  Enqueue(replication, Kind::kAgents, chunk);
}

void ResultFileWriter::OnEvents(int replication, std::span<const records::EventRecord> chunk) {
  if (level_ != records::TraceLevel::kEvents) return;
  Enqueue(replication, Kind::kEvents, chunk);
}

// Called by the simulating threads. When the writer is keeping up, the rows are queued as
// they are; when it is behind, the producer packs and compresses its own chunk (the
// costly part) instead of waiting idle, and queues the finished bytes. A replication's
// chunks stay in order: its producer queues one before making the next.
template <class Record>
void ResultFileWriter::Enqueue(int replication, Kind kind, std::span<const Record> chunk) {
  bool behind;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (closing_) return;
    behind = queue_.size() >= kMaxQueuedChunks;
  }
  if (behind && chunk.size() == kChunkRows) {
    thread_local ChunkEncoder encoder;
    const PackedLayout& layout = kind == Kind::kContacts ? file_->types.contact.layout
                                 : kind == Kind::kAgents ? file_->types.spell.layout
                                                         : file_->types.event.layout;
    Push({replication, Encoded{kind, chunk.size(), encoder.Encode(layout, chunk.data(), chunk.size())}});
    return;
  }
  Push({replication, std::vector<Record>(chunk.begin(), chunk.end())});
}

void ResultFileWriter::Push(Job job) {
  std::unique_lock<std::mutex> lock(mu_);
  not_full_.wait(lock, [this] { return queue_.size() < kMaxQueuedChunks || closing_; });
  if (closing_) return;
  queue_.push_back(std::move(job));
  not_empty_.notify_one();
}

void ResultFileWriter::WriterLoop() {
  for (;;) {
    Job job;
    {
      std::unique_lock<std::mutex> lock(mu_);
      not_empty_.wait(lock, [this] { return !queue_.empty() || closing_; });
      if (queue_.empty()) return;  // closing and drained
      job = std::move(queue_.front());
      queue_.pop_front();
      not_full_.notify_one();
      if (!error_.empty()) continue;  // after a failure, drain without writing
    }
    try {
      Write(job);
    } catch (const std::exception& e) {
      std::lock_guard<std::mutex> lock(mu_);
      error_ = e.what();
    }
  }
}

void ResultFileWriter::Write(const Job& job) {
  auto table = [&](Kind kind) -> Table& {
    switch (kind) {
      case Kind::kContacts:
        return file_->Contacts(job.replication);
      case Kind::kAgents:
        return file_->Agents(job.replication);
      case Kind::kEvents:
        break;
    }
    return file_->Events(job.replication);
  };
  auto write_rows = [&](Table& t, const RowType& type, const auto& rows) {
    if (t.AtChunkBoundary(rows.size())) {
      t.AppendEncoded(file_->encoder.Encode(type.layout, rows.data(), rows.size()), rows.size());
    } else {
      t.Append(rows.data(), rows.size());
    }
  };
  std::visit(
      [&](const auto& rows) {
        using T = std::decay_t<decltype(rows)>;
        if constexpr (std::is_same_v<T, Encoded>) {
          Table& t = table(rows.kind);
          if (!t.AtChunkBoundary(rows.rows)) throw Hdf5Error("a pre-encoded chunk out of place");
          t.AppendEncoded(rows.bytes, rows.rows);
        } else if constexpr (std::is_same_v<T, std::vector<records::ContactRecord>>) {
          write_rows(table(Kind::kContacts), file_->types.contact, rows);
        } else if constexpr (std::is_same_v<T, std::vector<records::AgentSpellRecord>>) {
          write_rows(table(Kind::kAgents), file_->types.spell, rows);
        } else {
          write_rows(table(Kind::kEvents), file_->types.event, rows);
        }
      },
      job.rows);
}

void ResultFileWriter::StopWriter() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    closing_ = true;
  }
  not_empty_.notify_all();
  not_full_.notify_all();
  if (writer_.joinable()) writer_.join();
}

void ResultFileWriter::Commit(std::span<const model::ReplicationResult> results) {
  StopWriter();
  try {
    if (!error_.empty()) throw Hdf5Error(error_);
    // Every replication has its tables, even one that produced no rows.
    for (int k = 0; k < static_cast<int>(file_->reps.size()); ++k) {
      file_->Rep(k);
      if (level_ == records::TraceLevel::kSummary) continue;
      file_->Contacts(k);
      if (level_ == records::TraceLevel::kEvents) {
        file_->Agents(k);
        file_->Events(k);
      }
    }
    const hid_t root = file_->handle.get();
    WriteRows(root, "summary", file_->types.summary, SummaryRows(results));
    WriteRows(root, "intervals", file_->types.interval, IntervalRows(model_, results));
    WriteRows(root, "agent_results", file_->types.agent_result, AgentResultRows(model_, results));
    file_->reps.clear();
    file_->replications_group.Close("close /replications");
    file_->handle.Close("close " + temp_path_);
    file_.reset();
    if (std::rename(temp_path_.c_str(), path_.c_str()) != 0) {
      throw std::runtime_error("cannot rename " + temp_path_ + " to " + path_);
    }
    finished_ = true;
  } catch (...) {
    Abort();
    throw;
  }
}

void ResultFileWriter::Abort() noexcept {
  if (finished_) return;
  finished_ = true;
  StopWriter();
  file_.reset();  // closes every handle; errors no longer matter
  std::remove(temp_path_.c_str());
}

RunInfo ReadRunInfo(const std::string& path) {
  SilenceHdf5Errors();
  if (access(path.c_str(), R_OK) != 0) throw std::runtime_error("cannot read " + path);
  const Hid file = Hid::Check(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose,
                              path + " is not an HDF5 file");
  const hid_t root = file.get();
  if (H5Aexists(root, "schema_version") <= 0 || H5Aexists(root, "scenario") <= 0) {
    throw std::runtime_error(path + " is not a ccsim result file (no schema_version/scenario attributes)");
  }
  const int32_t schema = ReadAttribute<int32_t>(root, "schema_version", H5T_NATIVE_INT32);
  if (schema != kSchemaVersion) {
    throw std::runtime_error(path + ": schema_version " + std::to_string(schema) +
                             " is not one this ccsim reads (" + std::to_string(kSchemaVersion) + ")");
  }
  RunInfo info;
  info.ccsim_version = ReadStringAttribute(root, "ccsim_version");
  info.scenario_text = ReadStringAttribute(root, "scenario");
  info.scenario_name = ReadStringAttribute(root, "scenario_name");
  info.scenario_file = ReadStringAttribute(root, "scenario_file");
  info.overrides = Split(ReadStringAttribute(root, "overrides"));
  info.seed = ReadAttribute<uint64_t>(root, "seed", H5T_NATIVE_UINT64);
  info.replications = ReadAttribute<int32_t>(root, "replications", H5T_NATIVE_INT32);
  info.trace = ReadStringAttribute(root, "trace");
  return info;
}

}  // namespace ccsim::trace
