#include "sim/trace/result_file.h"

#include <algorithm>
#include <stdexcept>

#include "sim/trace/atomic_file.h"
#include "sim/trace/hdf5_handle.h"
#include "sim/trace/record_types.h"
#include "sim/trace/result_tables.h"
#include "sim/trace/table.h"

namespace ccsim::trace {

using namespace internal;  // the shared table helpers of result_tables.h

namespace {

constexpr size_t kChunkRows = 4096;  // the model's chunk size: its chunks take the fast path
constexpr size_t kMaxQueuedChunks = 64;

}  // namespace

// The open file and everything in it. Touched by the writer thread while it runs, then
// by the thread that commits or aborts.
struct ResultFileWriter::File {
  struct Replication {
    Hid group;
    Table contacts, agents, events;
    bool ended = false;  // its tables are written and closed
  };

  File(const std::string& path, const records::EnumNames& names, int replications, Env& env)
      : handle(path, env),
        types(names),
        replications_group(Hid::Check(H5Gcreate2(handle.get(), "replications", H5P_DEFAULT,
                                                 H5P_DEFAULT, H5P_DEFAULT),
                                      H5Gclose, "create /replications")),
        reps(replications) {}

  Replication& Rep(int k) {
    Replication& r = reps.at(k);
    if (r.ended) {
      throw Hdf5Error("replication " + std::to_string(k) + " sent rows after it ended");
    }
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

  // Every replication has the tables its trace level calls for, even empty ones.
  void CreateTables(int k, records::TraceLevel level) {
    Rep(k);
    if (level == records::TraceLevel::kSummary) return;
    Contacts(k);
    if (level == records::TraceLevel::kEvents) {
      Agents(k);
      Events(k);
    }
  }

  // Closing a dataset is what frees HDF5's cache of its last, partial chunk: kept open
  // until Commit, 2,000 replications' caches were most of the run's memory.
  void End(int k, records::TraceLevel level) {
    CreateTables(k, level);
    Replication& r = reps.at(k);
    for (Table* t : {&r.contacts, &r.agents, &r.events}) {
      if (t->valid()) t->Close();
    }
    r.group.Close("close /replications/" + std::to_string(k));
    r.ended = true;
  }

  // Members close in reverse order: tables and groups before the file.
  ChunkEncoder encoder;
  AtomicFile handle;
  RecordTypes types;
  Hid replications_group;
  std::vector<Replication> reps;
  std::unique_ptr<ResultTablesAppender> results;  // once AddResultRows has rows
};

ResultFileWriter::ResultFileWriter(const RootAttributes& attributes,
                                   const records::EnumNames& names, const std::string& path,
                                   records::TraceLevel level, Env& env)
    : level_(level), file_(std::make_unique<File>(path, names, attributes.replications, env)) {
  LimitMetadataCache(file_->handle.get());  // on failure, ~File removes the file
  WriteRootAttributes(file_->handle.get(), attributes);
  writer_ = std::thread([this] { WriterLoop(); });
}

Expected<std::unique_ptr<ResultFileWriter>> ResultFileWriter::Create(
    const RootAttributes& attributes, const records::EnumNames& names, const std::string& path,
    records::TraceLevel level, Env& env) {
  try {
    return std::make_unique<ResultFileWriter>(attributes, names, path, level, env);
  } catch (const std::exception& e) {
    return FileError{"cannot write " + path + ": " + e.what()};
  }
}

const std::string& ResultFileWriter::temporary_path() const {
  return file_->handle.temporary_path();
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

void ResultFileWriter::OnReplicationEnd(int replication) { Push({replication, Ended{}}); }

void ResultFileWriter::AddResultRows(records::ResultTables rows) { Push({-1, std::move(rows)}); }

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
  // HDF5 keeps its error-printing switch per thread: this thread closes tables too.
  SilenceHdf5Errors();
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
      error_ = "write " + temporary_path() + ": " + e.what();
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
        if constexpr (std::is_same_v<T, records::ResultTables>) {
          if (!file_->results) {
            file_->results =
                std::make_unique<ResultTablesAppender>(file_->handle.get(), file_->types, rows);
          }
          file_->results->Append(rows);
        } else if constexpr (std::is_same_v<T, Ended>) {
          file_->End(job.replication, level_);
        } else if constexpr (std::is_same_v<T, Encoded>) {
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

Status ResultFileWriter::Commit(const records::ResultTables& tables) {
  try {
    CommitOrThrow(tables);
    return Done{};
  } catch (const std::exception& e) {
    Abort();
    return FileError{e.what()};
  }
}

void ResultFileWriter::CommitOrThrow(const records::ResultTables& tables) {
  StopWriter();
  if (!error_.empty()) throw Hdf5Error(error_);
  // Those that ended are complete; the others (a sink not told of every end) get theirs now.
  for (int k = 0; k < static_cast<int>(file_->reps.size()); ++k) {
    if (!file_->reps[k].ended) file_->CreateTables(k, level_);
  }
  if (file_->results) {
    file_->results->Append(tables);
    file_->results.reset();
  } else {
    WriteResultTables(file_->handle.get(), file_->types, tables);
  }
  file_->reps.clear();
  file_->replications_group.Close("close /replications");
  file_->handle.Commit();
  file_.reset();
  finished_ = true;
}

void ResultFileWriter::Abort() noexcept {
  if (finished_) return;
  finished_ = true;
  StopWriter();
  file_.reset();  // closes every handle and removes the temporary file
}

}  // namespace ccsim::trace
