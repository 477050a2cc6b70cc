// The result file read back with the plain HDF5 C API, as an outside reader (h5py,
// analysis/) sees it: every table is opened by path and read into our own compound
// types, column by column by name, so a renamed, missing or mistyped column fails here.
#include "sim/trace/result_file.h"

#include <gtest/gtest.h>
#include <hdf5.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/engine/replication_runner.h"
#include "sim/model/model.h"
#include "sim/model/replication.h"
#include "sim/model/result_rows.h"
#include "sim/model/results.h"
#include "sim/model/summary.h"
#include "sim/records/trace_sink.h"
#include "sim/scenario/calendar.h"
#include "sim/scenario/scenario.h"
#include "sim/trace/hdf5_handle.h"
#include "sim/trace/result_reader.h"
#include "sim/trace/result_tables.h"
#include "sim/trace/sweep_file.h"

namespace ccsim::trace {
namespace {

namespace fs = std::filesystem;
using records::ContactOutcome;
using records::EventKind;
using model::Kpi;
using records::TraceLevel;
using scenario::Distribution;

// ---- a scratch directory, removed with everything in it ----

class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = ::testing::TempDir() + "ccsim_trace_test_XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp " + pattern);
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  std::string File(const std::string& name) const { return (path_ / name).string(); }
  // Every name in the directory.
  std::vector<std::string> List() const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(path_))
      names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }

 private:
  fs::path path_;
};

// ---- the centre: two contact types, two groups, overflow, abandonment, retrials, a
// queue capacity (so some contacts are blocked), constant wrap-up per type ----

constexpr double kBillingWrap = 20, kTechWrap = 30;

scenario::Scenario TwoQueues() {
  scenario::Scenario s;
  s.name = "two-queues";
  s.horizon = 3 * 3600;
  s.warmup = 0;  // every contact counts in /summary, so the tables must add up to it
  s.interval = 1800;
  s.replications = 3;
  s.seed = 77;
  s.service_level = {.threshold = 30, .target = 0.85};
  s.source_text = "name: two-queues\n# built in code\n";
  s.source_file = "scenarios/two-queues.yaml";

  scenario::ContactType billing;
  billing.name = "billing";
  billing.arrivals = scenario::Arrivals::Rate(0.35);  // 91 erlangs: overloaded on purpose
  billing.handle_time = Distribution::Exponential(240);
  billing.wrap_up = Distribution::Constant(kBillingWrap);
  billing.patience = Distribution::Exponential(180);
  billing.retrial = scenario::Retrial{0.5, Distribution::Exponential(600)};
  billing.queue_capacity = 15;
  scenario::ContactType tech = billing;
  tech.name = "tech";
  tech.priority = 1;
  tech.arrivals = scenario::Arrivals::Rate(0.14);
  tech.handle_time = Distribution::Exponential(400);
  tech.wrap_up = Distribution::Constant(kTechWrap);
  tech.queue_capacity.reset();
  s.contact_types = {billing, tech};

  scenario::AgentGroup g1{.name = "billing_team", .agents = 63, .skills = {{.contact_type = 0}}};
  scenario::AgentGroup g2{
      .name = "tech_team",
      .agents = 42,
      .skills = {{.contact_type = 1}, {.contact_type = 0, .level = 2, .handle_time_factor = 1.3}}};
  s.agent_groups = {g1, g2};
  s.routing.overflow.push_back({.contact_type = 1, .after = 60, .add_groups = {0}});
  return s;
}

RootAttributes InfoFor(const scenario::Scenario& s, TraceLevel level) {
  return {.kind = FileKind::kRun,
          .ccsim_version = "0.1.0-test",
          .scenario_text = s.source_text,
          .scenario_name = s.name,
          .scenario_file = s.source_file,
          .overrides = s.overrides,
          .seed = s.seed,
          .replications = s.replications,
          .trace = records::ToString(level),
          .horizon = s.horizon,
          .warmup = s.warmup,
          .interval = s.interval,
          .service_level_threshold = s.service_level.threshold,
          .service_level_target = s.service_level.target};
}

// A writer for `m`'s file at `path`.
std::unique_ptr<ResultFileWriter> Writer(const model::Model& m, const std::string& path,
                                         TraceLevel level) {
  return std::make_unique<ResultFileWriter>(InfoFor(m.scenario(), level), model::FileEnumNames(m),
                                            path, level);
}

// Passes every chunk on to `next` and keeps a copy, so a test can compare the file with
// exactly what the model handed over. Each replication appends only to its own vectors
// (sized up front), so concurrent replications need no lock.
class TeeSink : public records::TraceSink {
 public:
  TeeSink(records::TraceSink& next, int replications)
      : contacts(replications), spells(replications), events(replications), next_(next) {}
  void OnContacts(int rep, std::span<const records::ContactRecord> chunk) override {
    contacts.at(rep).insert(contacts[rep].end(), chunk.begin(), chunk.end());
    next_.OnContacts(rep, chunk);
  }
  void OnAgentSpells(int rep, std::span<const records::AgentSpellRecord> chunk) override {
    spells.at(rep).insert(spells[rep].end(), chunk.begin(), chunk.end());
    next_.OnAgentSpells(rep, chunk);
  }
  void OnEvents(int rep, std::span<const records::EventRecord> chunk) override {
    events.at(rep).insert(events[rep].end(), chunk.begin(), chunk.end());
    next_.OnEvents(rep, chunk);
  }
  void OnReplicationEnd(int rep) override {
    ++ends;
    next_.OnReplicationEnd(rep);
  }

  std::vector<std::vector<records::ContactRecord>> contacts;
  std::vector<std::vector<records::AgentSpellRecord>> spells;
  std::vector<std::vector<records::EventRecord>> events;
  std::atomic<int> ends{0};

 private:
  records::TraceSink& next_;
};

// What a run handed over: the results and a copy of every record.
struct Recorded {
  std::vector<model::ReplicationResult> results;
  int ends = 0;  // replications that told the writer they had ended
  std::vector<std::vector<records::ContactRecord>> contacts;  // by replication
  std::vector<std::vector<records::AgentSpellRecord>> spells;
  std::vector<std::vector<records::EventRecord>> events;
};

// Runs every replication of `m` on 2 threads, handing the chunks to `writer`.
Recorded RunInto(const model::Model& m, ResultFileWriter& writer, TraceLevel level) {
  const scenario::Scenario& s = m.scenario();
  TeeSink tee(writer, s.replications);
  Recorded run;
  run.results = engine::RunReplications<model::ReplicationResult>(s.replications, 2, [&](int rep) {
    return model::Simulate(m, rep, {.seed = s.seed, .trace = &tee, .trace_level = level});
  });
  run.ends = tee.ends;
  run.contacts = std::move(tee.contacts);
  run.spells = std::move(tee.spells);
  run.events = std::move(tee.events);
  return run;
}

// Writes a complete result file for `m` at `path`.
Recorded WriteFile(const model::Model& m, const std::string& path, TraceLevel level,
                   const RootAttributes& info) {
  ResultFileWriter writer(info, model::FileEnumNames(m), path, level);
  Recorded run = RunInto(m, writer, level);
  const Status done = writer.Commit(model::ResultRows(m, run.results));
  EXPECT_TRUE(done.ok()) << done.error();
  return run;
}

// ---- reading with the HDF5 C API ----

Hid Open(const std::string& path) {
  SilenceHdf5Errors();
  return Hid::Check(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose, "open " + path);
}

bool Exists(hid_t file, const std::string& path) {
  // H5Lexists needs every intermediate link to exist: walk the path one link at a time.
  std::string prefix;
  size_t start = 1;
  while (start <= path.size()) {
    const size_t end = std::min(path.find('/', start), path.size());
    prefix = path.substr(0, end);
    if (H5Lexists(file, prefix.c_str(), H5P_DEFAULT) <= 0) return false;
    start = end + 1;
  }
  return true;
}

// A column to read: its name in the file, where it goes in our row, its size there, and
// the memory type (kEnumFromFile: the file's enum, as a native enum of the same values).
constexpr hid_t kEnumFromFile = H5I_INVALID_HID;
struct Column {
  const char* name;
  size_t offset;
  size_t size;
  hid_t type;
};
#define CCSIM_COLUMN(Row, member, type) \
  Column { #member, offsetof(Row, member), sizeof(Row::member), type }

// Reads the whole dataset at `path` into Rows, taking only `columns`.
template <class Row>
std::vector<Row> ReadTable(hid_t file, const std::string& path,
                           const std::vector<Column>& columns) {
  const Hid dataset =
      Hid::Check(H5Dopen2(file, path.c_str(), H5P_DEFAULT), H5Dclose, "open " + path);
  const Hid file_type = Hid::Check(H5Dget_type(dataset.get()), H5Tclose, "type of " + path);
  const Hid memory = Hid::Check(H5Tcreate(H5T_COMPOUND, sizeof(Row)), H5Tclose, "compound");
  std::vector<Hid> owned;
  for (const Column& c : columns) {
    hid_t type = c.type;
    if (type == kEnumFromFile) {
      const int index = H5Tget_member_index(file_type.get(), c.name);
      if (index < 0) throw std::runtime_error(path + " has no column " + c.name);
      const Hid member =
          Hid::Check(H5Tget_member_type(file_type.get(), static_cast<unsigned>(index)), H5Tclose,
                     std::string("type of column ") + c.name);
      if (H5Tget_class(member.get()) != H5T_ENUM) {
        throw std::runtime_error(path + ": column " + c.name + " is not an enum");
      }
      owned.push_back(Hid::Check(H5Tget_native_type(member.get(), H5T_DIR_ASCEND), H5Tclose,
                                 std::string("native type of ") + c.name));
      type = owned.back().get();
    }
    if (H5Tget_size(type) != c.size) {
      throw std::runtime_error(path + ": column " + c.name + " has " +
                               std::to_string(H5Tget_size(type)) + " bytes, the test expects " +
                               std::to_string(c.size));
    }
    CheckStatus(H5Tinsert(memory.get(), c.name, c.offset, type), std::string("insert ") + c.name);
  }
  const Hid space = Hid::Check(H5Dget_space(dataset.get()), H5Sclose, "space of " + path);
  if (H5Sget_simple_extent_ndims(space.get()) != 1) throw std::runtime_error(path + " is not 1-D");
  hsize_t n = 0;
  H5Sget_simple_extent_dims(space.get(), &n, nullptr);
  std::vector<Row> rows(n);
  if (n > 0) {
    CheckStatus(H5Dread(dataset.get(), memory.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, rows.data()),
                "read " + path);
  }
  return rows;
}

hsize_t RowCount(hid_t file, const std::string& path) {
  const Hid dataset =
      Hid::Check(H5Dopen2(file, path.c_str(), H5P_DEFAULT), H5Dclose, "open " + path);
  const Hid space = Hid::Check(H5Dget_space(dataset.get()), H5Sclose, "space of " + path);
  hsize_t n = 0;
  H5Sget_simple_extent_dims(space.get(), &n, nullptr);
  return n;
}

// The members of the enum column `column` of the dataset at `path`: value → name.
std::map<long long, std::string> EnumMembers(hid_t file, const std::string& path,
                                             const char* column) {
  const Hid dataset =
      Hid::Check(H5Dopen2(file, path.c_str(), H5P_DEFAULT), H5Dclose, "open " + path);
  const Hid file_type = Hid::Check(H5Dget_type(dataset.get()), H5Tclose, "type of " + path);
  const int index = H5Tget_member_index(file_type.get(), column);
  if (index < 0) throw std::runtime_error(path + " has no column " + column);
  const Hid member = Hid::Check(H5Tget_member_type(file_type.get(), static_cast<unsigned>(index)),
                                H5Tclose, "member type");
  if (H5Tget_class(member.get()) != H5T_ENUM)
    throw std::runtime_error(std::string(column) + " is not an enum");
  const Hid base = Hid::Check(H5Tget_super(member.get()), H5Tclose, "enum base");
  const bool is_signed = H5Tget_sign(base.get()) == H5T_SGN_2;
  const size_t size = H5Tget_size(base.get());
  std::map<long long, std::string> out;
  const int n = H5Tget_nmembers(member.get());
  for (int i = 0; i < n; ++i) {
    char* name = H5Tget_member_name(member.get(), static_cast<unsigned>(i));
    unsigned char raw[8] = {};
    CheckStatus(H5Tget_member_value(member.get(), static_cast<unsigned>(i), raw), "member value");
    // The base type is stored in the file's byte order; ours is little-endian like the file.
    long long value = 0;
    // (if/else, not ?:, which would convert a signed value to the unsigned common type.)
    if (size == 1) {
      if (is_signed) {
        value = static_cast<int8_t>(raw[0]);
      } else {
        value = raw[0];
      }
    } else if (size == 4) {
      int32_t v32;
      uint32_t u32;
      std::memcpy(&v32, raw, 4);
      std::memcpy(&u32, raw, 4);
      if (is_signed) {
        value = v32;
      } else {
        value = u32;
      }
    } else {
      throw std::runtime_error(std::string(column) + ": unexpected enum base size");
    }
    out[value] = name;
    H5free_memory(name);
  }
  return out;
}

template <class T>
T ReadScalar(hid_t object, const char* name, hid_t memory_type, H5T_class_t expected_class,
             size_t expected_size) {
  const Hid attr = Hid::Check(H5Aopen(object, name, H5P_DEFAULT), H5Aclose,
                              std::string("open attribute ") + name);
  const Hid type = Hid::Check(H5Aget_type(attr.get()), H5Tclose, "attribute type");
  EXPECT_EQ(H5Tget_class(type.get()), expected_class) << name;
  EXPECT_EQ(H5Tget_size(type.get()), expected_size) << name;
  T value{};
  CheckStatus(H5Aread(attr.get(), memory_type, &value), std::string("read ") + name);
  return value;
}

std::string ReadString(hid_t object, const char* name) {
  const Hid attr = Hid::Check(H5Aopen(object, name, H5P_DEFAULT), H5Aclose,
                              std::string("open attribute ") + name);
  const Hid file_type = Hid::Check(H5Aget_type(attr.get()), H5Tclose, "attribute type");
  EXPECT_EQ(H5Tget_class(file_type.get()), H5T_STRING) << name;
  const Hid type = Hid::Check(H5Tcopy(H5T_C_S1), H5Tclose, "string type");
  CheckStatus(H5Tset_size(type.get(), H5T_VARIABLE), "variable string");
  CheckStatus(H5Tset_cset(type.get(), H5T_CSET_UTF8), "utf-8");
  char* text = nullptr;
  CheckStatus(H5Aread(attr.get(), type.get(), &text), std::string("read ") + name);
  std::string value = text ? text : "";
  H5free_memory(text);
  return value;
}

// ---- our rows: only the columns each check needs ----

// Equal, NaN equal to NaN.
void ExpectSame(double file, double expected, const std::string& what) {
  if (std::isnan(expected)) {
    EXPECT_TRUE(std::isnan(file)) << what << ": " << file;
  } else {
    EXPECT_EQ(file, expected) << what;
  }
}

struct ContactLine {
  uint64_t contact_id;
  uint64_t customer_id;
  int32_t contact_type;
  int32_t attempt;
  double arrival, answer, end, wait, handle_time;
  int32_t agent_id;
  int32_t agent_group;
  uint8_t outcome;
};

std::vector<ContactLine> ReadContacts(hid_t file, int rep) {
  using R = ContactLine;
  return ReadTable<R>(
      file, "/replications/" + std::to_string(rep) + "/contacts",
      {CCSIM_COLUMN(R, contact_id, H5T_NATIVE_UINT64),
       CCSIM_COLUMN(R, customer_id, H5T_NATIVE_UINT64),
       CCSIM_COLUMN(R, contact_type, kEnumFromFile), CCSIM_COLUMN(R, attempt, H5T_NATIVE_INT32),
       CCSIM_COLUMN(R, arrival, H5T_NATIVE_DOUBLE), CCSIM_COLUMN(R, answer, H5T_NATIVE_DOUBLE),
       CCSIM_COLUMN(R, end, H5T_NATIVE_DOUBLE), CCSIM_COLUMN(R, wait, H5T_NATIVE_DOUBLE),
       CCSIM_COLUMN(R, handle_time, H5T_NATIVE_DOUBLE), CCSIM_COLUMN(R, agent_id, H5T_NATIVE_INT32),
       CCSIM_COLUMN(R, agent_group, kEnumFromFile), CCSIM_COLUMN(R, outcome, kEnumFromFile)});
}

struct SummaryLine {
  int32_t replication;
  int32_t contact_type;
  int32_t agent_group;
  double offered, answered, abandoned, blocked;
  double service_level, asa, abandon_rate, aht, occupancy, staffed_hours;
};

std::vector<SummaryLine> ReadSummary(hid_t file) {
  using R = SummaryLine;
  return ReadTable<R>(
      file, "/summary",
      {CCSIM_COLUMN(R, replication, H5T_NATIVE_INT32), CCSIM_COLUMN(R, contact_type, kEnumFromFile),
       CCSIM_COLUMN(R, agent_group, kEnumFromFile), CCSIM_COLUMN(R, offered, H5T_NATIVE_DOUBLE),
       CCSIM_COLUMN(R, answered, H5T_NATIVE_DOUBLE), CCSIM_COLUMN(R, abandoned, H5T_NATIVE_DOUBLE),
       CCSIM_COLUMN(R, blocked, H5T_NATIVE_DOUBLE),
       CCSIM_COLUMN(R, service_level, H5T_NATIVE_DOUBLE), CCSIM_COLUMN(R, asa, H5T_NATIVE_DOUBLE),
       CCSIM_COLUMN(R, abandon_rate, H5T_NATIVE_DOUBLE), CCSIM_COLUMN(R, aht, H5T_NATIVE_DOUBLE),
       CCSIM_COLUMN(R, occupancy, H5T_NATIVE_DOUBLE),
       CCSIM_COLUMN(R, staffed_hours, H5T_NATIVE_DOUBLE)});
}

struct IntervalLine {
  int32_t replication;
  int32_t interval;
  double start, end;
  int32_t contact_type;
  double offered, answered, abandoned, blocked;
  double agents_staffed;
};

struct SpellLine {
  int32_t agent_id;
  int32_t group;
  uint8_t state;
  double start, end;
};

std::vector<SpellLine> ReadSpells(hid_t file, int rep) {
  using R = SpellLine;
  return ReadTable<R>(
      file, "/replications/" + std::to_string(rep) + "/agents",
      {CCSIM_COLUMN(R, agent_id, H5T_NATIVE_INT32), CCSIM_COLUMN(R, group, kEnumFromFile),
       CCSIM_COLUMN(R, state, kEnumFromFile), CCSIM_COLUMN(R, start, H5T_NATIVE_DOUBLE),
       CCSIM_COLUMN(R, end, H5T_NATIVE_DOUBLE)});
}

struct EventLine {
  double time;
  uint8_t kind;
  int64_t contact_id;
  int64_t customer_id;
  int32_t contact_type;
  int32_t agent_id;
};

std::vector<EventLine> ReadEvents(hid_t file, int rep) {
  using R = EventLine;
  return ReadTable<R>(
      file, "/replications/" + std::to_string(rep) + "/events",
      {CCSIM_COLUMN(R, time, H5T_NATIVE_DOUBLE), CCSIM_COLUMN(R, kind, kEnumFromFile),
       CCSIM_COLUMN(R, contact_id, H5T_NATIVE_INT64),
       CCSIM_COLUMN(R, customer_id, H5T_NATIVE_INT64), CCSIM_COLUMN(R, contact_type, kEnumFromFile),
       CCSIM_COLUMN(R, agent_id, H5T_NATIVE_INT32)});
}

// The file's contacts are the model's, row for row and field for field.
void ExpectSameContacts(const std::vector<ContactLine>& file,
                        const std::vector<records::ContactRecord>& model) {
  ASSERT_EQ(file.size(), model.size());
  for (size_t i = 0; i < file.size(); ++i) {
    const ContactLine& f = file[i];
    const records::ContactRecord& m = model[i];
    SCOPED_TRACE("contact row " + std::to_string(i));
    ASSERT_EQ(f.contact_id, m.contact_id);
    EXPECT_EQ(f.customer_id, m.customer_id);
    EXPECT_EQ(f.contact_type, m.contact_type);
    EXPECT_EQ(f.attempt, m.attempt);
    EXPECT_EQ(f.arrival, m.arrival);
    ExpectSame(f.answer, m.answer, "answer");
    EXPECT_EQ(f.end, m.end);
    EXPECT_EQ(f.wait, m.wait);
    EXPECT_EQ(f.handle_time, m.handle_time);
    EXPECT_EQ(f.agent_id, m.agent_id);
    EXPECT_EQ(f.agent_group, m.agent_group);
    EXPECT_EQ(f.outcome, static_cast<uint8_t>(m.outcome));
  }
}

// ---- one events-level run of TwoQueues, shared by the tests that only read it ----

class EventsFileTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ScratchDir;
    path_ = dir_->File("run.h5");
    scenario_ = new scenario::Scenario(TwoQueues());
    model_ = new model::Model(*scenario_);
    run_ = new Recorded(
        WriteFile(*model_, path_, TraceLevel::kEvents, InfoFor(*scenario_, TraceLevel::kEvents)));
    results_ = &run_->results;
  }
  static void TearDownTestSuite() {
    delete run_;
    delete model_;
    delete scenario_;
    delete dir_;
  }

  static std::string RepPath(int rep, const char* table) {
    return "/replications/" + std::to_string(rep) + "/" + table;
  }

  static inline ScratchDir* dir_ = nullptr;
  static inline std::string path_;
  static inline scenario::Scenario* scenario_ = nullptr;
  static inline model::Model* model_ = nullptr;
  static inline Recorded* run_ = nullptr;
  static inline const std::vector<model::ReplicationResult>* results_ = nullptr;
};

TEST_F(EventsFileTest, RootAttributesDescribeTheRun) {
  const Hid file = Open(path_);
  const hid_t root = file.get();
  EXPECT_EQ(ReadScalar<int32_t>(root, "schema_version", H5T_NATIVE_INT32, H5T_INTEGER, 4), 1);
  EXPECT_EQ(ReadScalar<uint64_t>(root, "seed", H5T_NATIVE_UINT64, H5T_INTEGER, 8), 77u);
  EXPECT_EQ(ReadScalar<int32_t>(root, "replications", H5T_NATIVE_INT32, H5T_INTEGER, 4), 3);
  EXPECT_EQ(ReadScalar<double>(root, "horizon", H5T_NATIVE_DOUBLE, H5T_FLOAT, 8), 3 * 3600.0);
  EXPECT_EQ(ReadScalar<double>(root, "warmup", H5T_NATIVE_DOUBLE, H5T_FLOAT, 8), 0.0);
  EXPECT_EQ(ReadScalar<double>(root, "interval", H5T_NATIVE_DOUBLE, H5T_FLOAT, 8), 1800.0);
  EXPECT_EQ(ReadScalar<double>(root, "service_level_threshold", H5T_NATIVE_DOUBLE, H5T_FLOAT, 8),
            30.0);
  EXPECT_EQ(ReadScalar<double>(root, "service_level_target", H5T_NATIVE_DOUBLE, H5T_FLOAT, 8),
            0.85);
  {  // seed is unsigned, the int32 attributes signed
    const Hid attr = Hid::Check(H5Aopen(root, "seed", H5P_DEFAULT), H5Aclose, "seed");
    const Hid type = Hid::Check(H5Aget_type(attr.get()), H5Tclose, "seed type");
    EXPECT_EQ(H5Tget_sign(type.get()), H5T_SGN_NONE);
  }
  EXPECT_EQ(ReadString(root, "scenario"), "name: two-queues\n# built in code\n");
  EXPECT_EQ(ReadString(root, "scenario_name"), "two-queues");
  EXPECT_EQ(ReadString(root, "scenario_file"), "scenarios/two-queues.yaml");
  EXPECT_EQ(ReadString(root, "ccsim_version"), "0.1.0-test");
  EXPECT_EQ(ReadString(root, "overrides"), "");
  EXPECT_EQ(ReadString(root, "trace"), "events");
}

TEST_F(EventsFileTest, SummaryHoldsEveryReplicationsKpis) {
  const Hid file = Open(path_);
  const std::vector<SummaryLine> rows = ReadSummary(file.get());
  const size_t types = scenario_->contact_types.size();
  const size_t groups = scenario_->agent_groups.size();
  ASSERT_EQ(rows.size(), results_->size() * (1 + types + groups));
  size_t i = 0;
  for (const model::ReplicationResult& r : *results_) {
    const std::vector<model::KpiValues> kpis = model::ReplicationKpis(r);
    ASSERT_EQ(kpis.size(), 1 + types);
    for (size_t c = 0; c < kpis.size(); ++c, ++i) {
      const SummaryLine& row = rows[i];
      const std::string what =
          "rep " + std::to_string(r.replication) + " column " + std::to_string(c);
      EXPECT_EQ(row.replication, r.replication) << what;
      EXPECT_EQ(row.contact_type, static_cast<int32_t>(c) - 1) << what;  // ALL first
      EXPECT_EQ(row.agent_group, -1) << what;
      ExpectSame(row.staffed_hours, kpis[c][static_cast<int>(Kpi::kStaffedHours)], what);
      auto k = [&](Kpi kpi) { return kpis[c][static_cast<int>(kpi)]; };
      EXPECT_EQ(row.offered, k(Kpi::kOffered)) << what;
      EXPECT_EQ(row.answered, k(Kpi::kAnswered)) << what;
      EXPECT_EQ(row.abandoned, k(Kpi::kAbandoned)) << what;
      EXPECT_EQ(row.blocked, k(Kpi::kBlocked)) << what;
      ExpectSame(row.service_level, k(Kpi::kServiceLevel), what + " service_level");
      ExpectSame(row.asa, k(Kpi::kAsa), what + " asa");
      ExpectSame(row.abandon_rate, k(Kpi::kAbandonRate), what + " abandon_rate");
      ExpectSame(row.aht, k(Kpi::kAht), what + " aht");
      ExpectSame(row.occupancy, k(Kpi::kOccupancy), what + " occupancy");
      if (c > 0) {
        EXPECT_TRUE(std::isnan(row.occupancy)) << what;  // ALL rows only
      }
    }
    // Then the groups: their occupancy and staffed hours, NaN elsewhere; the staffed hours
    // add up to the centre's.
    const SummaryLine& total = rows[i - kpis.size()];
    double staffed_hours = 0;
    for (size_t g = 0; g < groups; ++g, ++i) {
      const SummaryLine& row = rows[i];
      const model::KpiValues want = model::GroupKpis(*model_, r)[g];
      EXPECT_EQ(row.contact_type, -1);
      EXPECT_EQ(row.agent_group, static_cast<int32_t>(g));
      EXPECT_TRUE(std::isnan(row.offered));
      ExpectSame(row.occupancy, want[static_cast<int>(Kpi::kOccupancy)], "group occupancy");
      ExpectSame(row.staffed_hours, want[static_cast<int>(Kpi::kStaffedHours)], "group hours");
      staffed_hours += row.staffed_hours;
    }
    EXPECT_NEAR(staffed_hours, total.staffed_hours, 1e-9 * total.staffed_hours);
    // The counts also equal the raw counters, so the summary is not just self-consistent.
    const model::Counters all = r.Overall();
    EXPECT_EQ(total.offered, static_cast<double>(all.offered));
    EXPECT_EQ(total.answered, static_cast<double>(all.answered));
    EXPECT_EQ(total.abandoned, static_cast<double>(all.abandoned));
    EXPECT_EQ(total.blocked, static_cast<double>(all.blocked));
  }
  // The scenario is meant to exercise every outcome.
  EXPECT_GT(rows[0].answered, 0);
  EXPECT_GT(rows[0].abandoned, 0);
  EXPECT_GT(rows[0].blocked, 0);
}

TEST_F(EventsFileTest, ContactsAgreeWithSummary) {
  const Hid file = Open(path_);
  const std::vector<SummaryLine> summary = ReadSummary(file.get());
  const size_t types = scenario_->contact_types.size();
  const std::vector<double> wrap = {kBillingWrap, kTechWrap};
  for (const model::ReplicationResult& r : *results_) {
    SCOPED_TRACE("replication " + std::to_string(r.replication));
    const std::vector<ContactLine> rows = ReadContacts(file.get(), r.replication);
    // ALL, then the types (then the groups)
    const SummaryLine* sum = &summary[r.replication * (1 + types + scenario_->agent_groups.size())];
    ASSERT_EQ(static_cast<double>(rows.size()), sum[0].offered + sum[0].blocked);
    ASSERT_EQ(static_cast<int64_t>(rows.size()), r.arrivals_total);

    // Counts by outcome and type; index 0 is ALL.
    std::vector<double> answered(1 + types), abandoned(1 + types), blocked(1 + types);
    std::vector<uint64_t> ids;
    int64_t retrials = 0;
    for (const ContactLine& c : rows) {
      ASSERT_GE(c.contact_type, 0);
      ASSERT_LT(c.contact_type, static_cast<int32_t>(types));
      ids.push_back(c.contact_id);
      retrials += c.attempt > 1;
      const auto outcome = static_cast<ContactOutcome>(c.outcome);
      if (outcome == ContactOutcome::kResolved) {
        answered[0]++, answered[1 + c.contact_type]++;
        EXPECT_EQ(c.wait, c.answer - c.arrival);  // exactly: the model computes it so
        EXPECT_GE(c.wait, 0);
        EXPECT_LE(c.end - c.answer, c.handle_time);
        EXPECT_NEAR(c.end - c.answer + wrap[c.contact_type], c.handle_time, 1e-9 * c.handle_time);
        ASSERT_GE(c.agent_id, 0);
        ASSERT_LT(c.agent_id, model_->agent_count());
        const model::AgentGroupModel& g = model_->groups().at(c.agent_group);
        EXPECT_GE(c.agent_id, g.first_agent)
            << "agent " << c.agent_id << " in group " << c.agent_group;
        EXPECT_LT(c.agent_id, g.first_agent + g.agents) << "agent " << c.agent_id;
      } else if (outcome == ContactOutcome::kAbandoned) {
        abandoned[0]++, abandoned[1 + c.contact_type]++;
        EXPECT_TRUE(std::isnan(c.answer));
        EXPECT_EQ(c.wait, c.end - c.arrival);
        EXPECT_EQ(c.handle_time, 0);
        EXPECT_EQ(c.agent_id, -1);
        EXPECT_EQ(c.agent_group, -1);
      } else if (outcome == ContactOutcome::kBlocked) {
        blocked[0]++, blocked[1 + c.contact_type]++;
        EXPECT_TRUE(std::isnan(c.answer));
        EXPECT_EQ(c.end, c.arrival);
        EXPECT_EQ(c.wait, 0);
        EXPECT_EQ(c.agent_id, -1);
        EXPECT_EQ(c.agent_group, -1);
      } else {
        ADD_FAILURE() << "unexpected outcome " << int{c.outcome};
      }
    }
    for (size_t t = 0; t <= types; ++t) {
      EXPECT_EQ(answered[t], sum[t].answered) << "column " << t;
      EXPECT_EQ(abandoned[t], sum[t].abandoned) << "column " << t;
      EXPECT_EQ(blocked[t], sum[t].blocked) << "column " << t;
    }
    EXPECT_EQ(retrials, r.retrials);
    std::sort(ids.begin(), ids.end());
    EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end()) << "duplicate contact_id";
  }
}

TEST_F(EventsFileTest, TablesHoldExactlyWhatTheModelHandedOver) {
  const Hid file = Open(path_);
  for (int rep = 0; rep < scenario_->replications; ++rep) {
    SCOPED_TRACE("replication " + std::to_string(rep));
    EXPECT_GT(run_->contacts[rep].size(), 4096u);  // a whole chunk and a short one
    ExpectSameContacts(ReadContacts(file.get(), rep), run_->contacts[rep]);

    const std::vector<SpellLine> spells = ReadSpells(file.get(), rep);
    const std::vector<records::AgentSpellRecord>& want_spells = run_->spells[rep];
    ASSERT_EQ(spells.size(), want_spells.size());
    for (size_t i = 0; i < spells.size(); ++i) {
      SCOPED_TRACE("spell row " + std::to_string(i));
      EXPECT_EQ(spells[i].agent_id, want_spells[i].agent_id);
      EXPECT_EQ(spells[i].group, want_spells[i].group);
      EXPECT_EQ(spells[i].state, static_cast<uint8_t>(want_spells[i].state));
      EXPECT_EQ(spells[i].start, want_spells[i].start);
      EXPECT_EQ(spells[i].end, want_spells[i].end);
    }

    const std::vector<EventLine> events = ReadEvents(file.get(), rep);
    const std::vector<records::EventRecord>& want_events = run_->events[rep];
    ASSERT_EQ(events.size(), want_events.size());
    EXPECT_GT(events.size(), 2 * 4096u);
    for (size_t i = 0; i < events.size(); ++i) {
      SCOPED_TRACE("event row " + std::to_string(i));
      EXPECT_EQ(events[i].time, want_events[i].time);
      EXPECT_EQ(events[i].kind, static_cast<uint8_t>(want_events[i].kind));
      EXPECT_EQ(events[i].contact_id, want_events[i].contact_id);
      EXPECT_EQ(events[i].customer_id, want_events[i].customer_id);
      EXPECT_EQ(events[i].contact_type, want_events[i].contact_type);
      EXPECT_EQ(events[i].agent_id, want_events[i].agent_id);
    }
  }
}

TEST_F(EventsFileTest, IntervalsAddUpToSummary) {
  const Hid file = Open(path_);
  const std::vector<SummaryLine> summary = ReadSummary(file.get());
  using R = IntervalLine;
  const std::vector<R> rows = ReadTable<R>(
      file.get(), "/intervals",
      {CCSIM_COLUMN(R, replication, H5T_NATIVE_INT32), CCSIM_COLUMN(R, interval, H5T_NATIVE_INT32),
       CCSIM_COLUMN(R, start, H5T_NATIVE_DOUBLE), CCSIM_COLUMN(R, end, H5T_NATIVE_DOUBLE),
       CCSIM_COLUMN(R, contact_type, kEnumFromFile), CCSIM_COLUMN(R, offered, H5T_NATIVE_DOUBLE),
       CCSIM_COLUMN(R, answered, H5T_NATIVE_DOUBLE), CCSIM_COLUMN(R, abandoned, H5T_NATIVE_DOUBLE),
       CCSIM_COLUMN(R, blocked, H5T_NATIVE_DOUBLE),
       CCSIM_COLUMN(R, agents_staffed, H5T_NATIVE_DOUBLE)});
  const int types = static_cast<int>(scenario_->contact_types.size());
  const int intervals = model_->interval_count();
  ASSERT_EQ(intervals, 6);
  ASSERT_EQ(rows.size(), results_->size() * intervals * (1 + types));
  const double headcount = model_->agent_count();
  // Sums by (replication, 1 + contact_type).
  std::map<std::pair<int, int>, SummaryLine> sums;
  size_t i = 0;
  for (int rep = 0; rep < static_cast<int>(results_->size()); ++rep) {
    for (int k = 0; k < intervals; ++k) {
      for (int c = -1; c < types; ++c, ++i) {
        const R& row = rows[i];
        EXPECT_EQ(row.replication, rep);
        EXPECT_EQ(row.interval, k);
        EXPECT_EQ(row.contact_type, c);
        EXPECT_EQ(row.start, k * 1800.0);
        EXPECT_EQ(row.end, (k + 1) * 1800.0);
        EXPECT_EQ(row.agents_staffed, headcount);
        SummaryLine& s = sums[{rep, c + 1}];
        s.offered += row.offered;
        s.answered += row.answered;
        s.abandoned += row.abandoned;
        s.blocked += row.blocked;
      }
    }
  }
  for (const SummaryLine& want : summary) {
    if (want.agent_group >= 0) continue;  // a group's row counts no contacts
    const SummaryLine& got = sums[{want.replication, want.contact_type + 1}];
    const std::string what =
        "rep " + std::to_string(want.replication) + " type " + std::to_string(want.contact_type);
    EXPECT_EQ(got.offered, want.offered) << what;
    EXPECT_EQ(got.answered, want.answered) << what;
    EXPECT_EQ(got.abandoned, want.abandoned) << what;
    EXPECT_EQ(got.blocked, want.blocked) << what;
  }
}

TEST_F(EventsFileTest, AgentSpellsTileTheRun) {
  const Hid file = Open(path_);
  for (const model::ReplicationResult& r : *results_) {
    SCOPED_TRACE("replication " + std::to_string(r.replication));
    using R = SpellLine;
    std::vector<R> rows = ReadSpells(file.get(), r.replication);
    ASSERT_FALSE(rows.empty());
    double end_of_run = 0;
    for (const R& s : rows) end_of_run = std::max(end_of_run, s.end);
    EXPECT_EQ(end_of_run, r.end_time);
    std::vector<std::vector<R>> by_agent(model_->agent_count());
    for (const R& s : rows) {
      ASSERT_GE(s.agent_id, 0);
      ASSERT_LT(s.agent_id, model_->agent_count());
      const model::AgentGroupModel& g = model_->groups().at(s.group);
      EXPECT_GE(s.agent_id, g.first_agent);
      EXPECT_LT(s.agent_id, g.first_agent + g.agents);
      EXPECT_LT(s.start, s.end);
      EXPECT_LT(s.state, records::kAgentStateCount);
      by_agent[s.agent_id].push_back(s);
    }
    for (int a = 0; a < model_->agent_count(); ++a) {
      std::vector<R>& spells = by_agent[a];
      ASSERT_FALSE(spells.empty()) << "agent " << a;
      std::sort(spells.begin(), spells.end(),
                [](const R& x, const R& y) { return x.start < y.start; });
      EXPECT_EQ(spells.front().start, 0) << "agent " << a;
      for (size_t i = 1; i < spells.size(); ++i) {
        EXPECT_EQ(spells[i].start, spells[i - 1].end) << "agent " << a << " spell " << i;
      }
      EXPECT_EQ(spells.back().end, end_of_run) << "agent " << a;
    }
  }
}

TEST_F(EventsFileTest, EventsAreInTimeOrder) {
  const Hid file = Open(path_);
  const std::vector<SummaryLine> summary = ReadSummary(file.get());
  const size_t types = scenario_->contact_types.size();
  for (const model::ReplicationResult& r : *results_) {
    SCOPED_TRACE("replication " + std::to_string(r.replication));
    using R = EventLine;
    const std::vector<R> rows = ReadEvents(file.get(), r.replication);
    ASSERT_FALSE(rows.empty());
    std::map<EventKind, int64_t> count;
    for (size_t i = 0; i < rows.size(); ++i) {
      if (i > 0) {
        ASSERT_LE(rows[i - 1].time, rows[i].time) << "event " << i;
      }
      const auto kind = static_cast<EventKind>(rows[i].kind);
      count[kind]++;
      switch (kind) {
        case EventKind::kAgentFree:
          EXPECT_EQ(rows[i].contact_id, -1);
          EXPECT_EQ(rows[i].contact_type, -1);
          EXPECT_GE(rows[i].agent_id, 0);
          break;
        case EventKind::kArrival:
        case EventKind::kAnswer:
        case EventKind::kAbandon:
        case EventKind::kBlock:
        case EventKind::kOverflow:
        case EventKind::kRetrial:
          EXPECT_GE(rows[i].contact_id, 0);
          EXPECT_GE(rows[i].contact_type, 0);
          break;
        default:
          break;
      }
    }
    EXPECT_LE(rows.back().time, r.end_time);  // end_time is at least the horizon
    const SummaryLine& all = summary[r.replication * (1 + types + scenario_->agent_groups.size())];
    EXPECT_EQ(count[EventKind::kAnswer], all.answered);
    EXPECT_EQ(count[EventKind::kAgentFree], all.answered);  // every agent ends every service
    EXPECT_EQ(count[EventKind::kAbandon], all.abandoned);
    EXPECT_EQ(count[EventKind::kBlock], all.blocked);
    EXPECT_EQ(count[EventKind::kArrival] + count[EventKind::kRetrial], all.offered + all.blocked);
    EXPECT_EQ(count[EventKind::kRetrial], r.retrials);
  }
}

TEST_F(EventsFileTest, EnumsCarryTheScenariosNames) {
  const Hid file = Open(path_);
  const std::map<long long, std::string> types = {{-1, "ALL"}, {0, "billing"}, {1, "tech"}};
  EXPECT_EQ(EnumMembers(file.get(), "/summary", "contact_type"), types);
  EXPECT_EQ(EnumMembers(file.get(), "/intervals", "contact_type"), types);
  EXPECT_EQ(EnumMembers(file.get(), RepPath(0, "contacts"), "contact_type"), types);
  EXPECT_EQ(EnumMembers(file.get(), RepPath(0, "events"), "contact_type"), types);
  const std::map<long long, std::string> groups = {
      {-1, "(none)"}, {0, "billing_team"}, {1, "tech_team"}};
  EXPECT_EQ(EnumMembers(file.get(), RepPath(0, "contacts"), "agent_group"), groups);
  EXPECT_EQ(EnumMembers(file.get(), RepPath(0, "agents"), "group"), groups);
  EXPECT_EQ(EnumMembers(file.get(), "/agent_results", "group"), groups);
  const std::map<long long, std::string> bands = {
      {-1, "none"}, {0, "top"}, {1, "middle"}, {2, "bottom"}};
  EXPECT_EQ(EnumMembers(file.get(), "/agent_results", "band"), bands);
  const std::map<long long, std::string> outcomes = {
      {0, "resolved"},  {1, "transferred"}, {2, "escalated"},    {3, "unresolved"},
      {4, "abandoned"}, {5, "blocked"},     {6, "disconnected"}, {7, "unserved"},
      {8, "balked"},    {9, "message"},     {10, "closed"},      {11, "callback"}};
  EXPECT_EQ(EnumMembers(file.get(), RepPath(0, "contacts"), "outcome"), outcomes);
  const std::map<long long, std::string> states = {{0, "idle"},  {1, "busy"},     {2, "wrap_up"},
                                                   {3, "break"}, {4, "coaching"}, {5, "offline"}};
  EXPECT_EQ(EnumMembers(file.get(), RepPath(0, "agents"), "state"), states);
  // The event kinds of docs/trace_format.md keep their values; any newer kinds follow,
  // named as the model names them.
  const std::map<long long, std::string> kinds =
      EnumMembers(file.get(), RepPath(0, "events"), "kind");
  const std::map<long long, std::string> documented = {
      {0, "arrival"},    {1, "answer"},   {2, "abandon"}, {3, "block"},
      {4, "agent_free"}, {5, "overflow"}, {6, "retrial"}};
  for (const auto& [value, name] : documented) EXPECT_EQ(kinds.at(value), name);
  EXPECT_EQ(kinds.size(), static_cast<size_t>(records::kEventKindCount));
  for (int k = 0; k < records::kEventKindCount; ++k) {
    EXPECT_EQ(kinds.at(k), records::ToString(static_cast<EventKind>(k)));
  }
}

TEST_F(EventsFileTest, TablesAreChunkedAndCompressed) {
  const Hid file = Open(path_);
  std::vector<std::string> tables = {"/summary", "/intervals", "/agent_results"};
  for (int rep = 0; rep < scenario_->replications; ++rep) {
    for (const char* t : {"contacts", "agents", "events"}) tables.push_back(RepPath(rep, t));
  }
  for (const std::string& path : tables) {
    SCOPED_TRACE(path);
    const Hid dataset = Hid::Check(H5Dopen2(file.get(), path.c_str(), H5P_DEFAULT), H5Dclose, path);
    const Hid props = Hid::Check(H5Dget_create_plist(dataset.get()), H5Pclose, "create plist");
    EXPECT_EQ(H5Pget_layout(props.get()), H5D_CHUNKED);
    bool shuffle = false, deflate = false;
    const int n = H5Pget_nfilters(props.get());
    for (int i = 0; i < n; ++i) {
      unsigned flags = 0, config = 0;
      size_t cd_count = 0;
      const H5Z_filter_t f = H5Pget_filter2(props.get(), static_cast<unsigned>(i), &flags,
                                            &cd_count, nullptr, 0, nullptr, &config);
      shuffle |= f == H5Z_FILTER_SHUFFLE;
      deflate |= f == H5Z_FILTER_DEFLATE;
    }
    EXPECT_TRUE(shuffle);
    EXPECT_TRUE(deflate);
    // Extendible, so the writer can append as the run goes.
    const Hid space = Hid::Check(H5Dget_space(dataset.get()), H5Sclose, "space");
    hsize_t dims = 0, max_dims = 0;
    H5Sget_simple_extent_dims(space.get(), &dims, &max_dims);
    EXPECT_EQ(max_dims, H5S_UNLIMITED);
  }
}

// ---- per-agent results and staffing per interval, with a warm-up and breaks ----

struct AgentResultLine {
  int32_t replication;
  int32_t agent_id;
  int32_t group;
  double contacts, aht, occupancy, resolved_share, resolved_per_hour;
  int8_t band;
  int32_t rank;
  double staffed;
  double asa, asked_for, asked_wait;
  int32_t name;
};

struct StaffingLine {
  int32_t replication;
  int32_t interval;
  int32_t contact_type;
  double agents_staffed, agents_on_break;
};

TEST(AgentResultsTest, OneRowPerReplicationAndAgentAddingUpToAnsweredAfterWarmup) {
  // TwoQueues with a 30 min warm-up; the billing team works a shift with a 15 min break
  // after 1 h; a night group of 2 (no skills) leaves at 15 min, before the warm-up ends,
  // so it is never staffed in [warmup, horizon] and gets no band.
  ScratchDir dir;
  scenario::Scenario s = TwoQueues();
  s.warmup = 1800;
  s.agent_groups[0].shifts = {
      {.start = 0, .end = s.horizon, .agents = 63, .breaks = {{.after = 3600, .duration = 900}}}};
  s.agent_groups.push_back({.name = "night", .shifts = {{.start = 0, .end = 900, .agents = 2}}});
  // Two named agents take the billing team's first seats, one the night group's.
  s.agent_groups[0].people = {{.name = "Ana"}, {.name = "Bo"}};
  s.agent_groups[2].people = {{.name = "Cy"}};
  const model::Model m(s);
  const int agents = m.agent_count();
  ASSERT_EQ(agents, 63 + 42 + 2);
  const std::string path = dir.File("agents.h5");
  const auto results =
      WriteFile(m, path, TraceLevel::kSummary, InfoFor(s, TraceLevel::kSummary)).results;
  const Hid file = Open(path);
  const std::vector<SummaryLine> summary = ReadSummary(file.get());
  using R = AgentResultLine;
  const std::vector<R> rows = ReadTable<R>(
      file.get(), "/agent_results",
      {CCSIM_COLUMN(R, replication, H5T_NATIVE_INT32), CCSIM_COLUMN(R, agent_id, H5T_NATIVE_INT32),
       CCSIM_COLUMN(R, group, kEnumFromFile), CCSIM_COLUMN(R, contacts, H5T_NATIVE_DOUBLE),
       CCSIM_COLUMN(R, aht, H5T_NATIVE_DOUBLE), CCSIM_COLUMN(R, occupancy, H5T_NATIVE_DOUBLE),
       CCSIM_COLUMN(R, resolved_share, H5T_NATIVE_DOUBLE),
       CCSIM_COLUMN(R, resolved_per_hour, H5T_NATIVE_DOUBLE), CCSIM_COLUMN(R, band, kEnumFromFile),
       CCSIM_COLUMN(R, rank, H5T_NATIVE_INT32), CCSIM_COLUMN(R, staffed, H5T_NATIVE_DOUBLE),
       CCSIM_COLUMN(R, asa, H5T_NATIVE_DOUBLE), CCSIM_COLUMN(R, asked_for, H5T_NATIVE_DOUBLE),
       CCSIM_COLUMN(R, asked_wait, H5T_NATIVE_DOUBLE), CCSIM_COLUMN(R, name, kEnumFromFile)});
  ASSERT_EQ(rows.size(), results.size() * agents);
  const std::map<long long, std::string> names = {{-1, "(none)"}, {0, "Ana"}, {1, "Bo"}, {2, "Cy"}};
  EXPECT_EQ(EnumMembers(file.get(), "/agent_results", "name"), names);
  const size_t types = s.contact_types.size();
  size_t i = 0;
  for (const model::ReplicationResult& r : results) {
    SCOPED_TRACE("replication " + std::to_string(r.replication));
    const std::vector<model::AgentFigures> want = model::RankAgents(r.agents, m.seats());
    double contacts = 0;
    std::vector<int> band_size(3), ranks;
    for (int a = 0; a < agents; ++a, ++i) {
      const R& row = rows[i];
      SCOPED_TRACE("agent " + std::to_string(a));
      ASSERT_EQ(row.replication, r.replication);
      ASSERT_EQ(row.agent_id, a);
      EXPECT_EQ(row.group, m.seats()[a].group);
      EXPECT_EQ(row.contacts, static_cast<double>(r.agents[a].contacts));
      ExpectSame(row.aht, want[a].aht, "aht");
      ExpectSame(row.occupancy, want[a].occupancy, "occupancy");
      ExpectSame(row.resolved_share, want[a].resolved_share, "resolved_share");
      ExpectSame(row.resolved_per_hour, want[a].resolved_per_hour, "resolved_per_hour");
      EXPECT_EQ(row.band, static_cast<int8_t>(want[a].band));
      EXPECT_EQ(row.staffed, r.agents[a].staffed);
      ExpectSame(row.asa, want[a].asa, "asa");
      EXPECT_EQ(row.asked_for, 0);  // no routing.preferred_agent
      EXPECT_TRUE(std::isnan(row.asked_wait));
      const int named = a < 2 ? a : a == 63 + 42 ? 2 : -1;  // Ana, Bo; Cy first at night
      EXPECT_EQ(row.name, named);
      contacts += row.contacts;
      if (row.band >= 0) {
        ++band_size.at(row.band);
        ranks.push_back(row.rank);
      } else {
        EXPECT_EQ(row.rank, -1);
      }
      if (m.seats()[a].group == 2) {
        EXPECT_EQ(row.band, -1) << "the night group leaves before the warm-up ends";
        EXPECT_EQ(row.contacts, 0);
      }
    }
    // Handled contacts that arrived after warm-up are the answered ones of /summary.
    const SummaryLine& all = summary[r.replication * (1 + types + m.groups().size())];
    EXPECT_GT(all.answered, 0);
    EXPECT_EQ(contacts, all.answered);
    EXPECT_EQ(contacts, static_cast<double>(r.Overall().answered));
    // 105 ranked agents: 35 a band, ranks 1..105 once each.
    EXPECT_EQ(band_size, (std::vector<int>{35, 35, 35}));
    std::sort(ranks.begin(), ranks.end());
    for (size_t k = 0; k < ranks.size(); ++k) EXPECT_EQ(ranks[k], static_cast<int>(k) + 1);
  }

  // /intervals: agents on a break and staffed (on duty, not on a break) per interval.
  using S = StaffingLine;
  const std::vector<S> staffing = ReadTable<S>(
      file.get(), "/intervals",
      {CCSIM_COLUMN(S, replication, H5T_NATIVE_INT32), CCSIM_COLUMN(S, interval, H5T_NATIVE_INT32),
       CCSIM_COLUMN(S, contact_type, kEnumFromFile),
       CCSIM_COLUMN(S, agents_staffed, H5T_NATIVE_DOUBLE),
       CCSIM_COLUMN(S, agents_on_break, H5T_NATIVE_DOUBLE)});
  ASSERT_EQ(staffing.size(), results.size() * m.interval_count() * (1 + types));
  for (const model::ReplicationResult& r : results) {
    double break_seconds = 0;
    for (const S& row : staffing) {
      if (row.replication != r.replication) continue;
      SCOPED_TRACE("replication " + std::to_string(r.replication) + " interval " +
                   std::to_string(row.interval));
      EXPECT_EQ(row.agents_on_break, r.interval_on_break[row.interval] / 1800);
      EXPECT_EQ(row.agents_staffed, r.interval_staffed[row.interval] / 1800);
      // Whoever is on a break is not staffed: the two never add up to more than the seats.
      EXPECT_LE(row.agents_staffed + row.agents_on_break, agents + 1e-9);
      if (row.interval < 2) {
        EXPECT_EQ(row.agents_on_break, 0);  // breaks fall due at 1 h
      }
      if (row.contact_type == -1) break_seconds += row.agents_on_break * 1800;
    }
    // 63 breaks of 15 min, all inside the horizon.
    EXPECT_NEAR(break_seconds, 63 * 900.0, 1e-6);
  }
}

// ---- files coming and going ----

TEST(ResultFileWriterTest, CommitRenamesAndLeavesNoTemporary) {
  ScratchDir dir;
  scenario::Scenario s = TwoQueues();
  s.horizon = 3600;
  const model::Model m(s);
  const std::string path = dir.File("out.h5");
  ResultFileWriter writer(InfoFor(s, TraceLevel::kContacts), model::FileEnumNames(m), path,
                          TraceLevel::kContacts);
  EXPECT_EQ(writer.temporary_path(), path + ".tmp-" + std::to_string(getpid()));
  EXPECT_TRUE(fs::exists(writer.temporary_path()));
  EXPECT_FALSE(fs::exists(path));  // nothing under the final name while the run goes
  const auto results = RunInto(m, writer, TraceLevel::kContacts).results;
  EXPECT_FALSE(fs::exists(path));
  EXPECT_TRUE(writer.Commit(model::ResultRows(m, results)).ok());
  EXPECT_EQ(dir.List(), std::vector<std::string>{"out.h5"});
  const Hid file = Open(path);
  EXPECT_EQ(RowCount(file.get(), "/summary"), 3u * (3 + 2));  // ALL, 2 types, 2 groups
}

TEST(ResultFileWriterTest, AbortLeavesNothing) {
  ScratchDir dir;
  scenario::Scenario s = TwoQueues();
  s.horizon = 3600;
  const model::Model m(s);
  const std::string path = dir.File("out.h5");
  std::unique_ptr<ResultFileWriter> writer = Writer(m, path, TraceLevel::kEvents);
  RunInto(m, *writer, TraceLevel::kEvents);
  writer->Abort();
  EXPECT_EQ(dir.List(), std::vector<std::string>{});
  writer->Abort();  // twice is harmless
  EXPECT_EQ(dir.List(), std::vector<std::string>{});
}

TEST(ResultFileWriterTest, DestroyingAnUncommittedWriterLeavesNothing) {
  ScratchDir dir;
  scenario::Scenario s = TwoQueues();
  s.horizon = 3600;
  const model::Model m(s);
  {
    std::unique_ptr<ResultFileWriter> writer = Writer(m, dir.File("out.h5"), TraceLevel::kContacts);
    RunInto(m, *writer, TraceLevel::kContacts);
    EXPECT_EQ(dir.List().size(), 1u);  // the temporary
  }
  EXPECT_EQ(dir.List(), std::vector<std::string>{});
}

TEST(ResultFileWriterTest, FailsWhenTheDirectoryDoesNotExist) {
  ScratchDir dir;
  const scenario::Scenario s = TwoQueues();
  const model::Model m(s);
  const std::string path = dir.File("missing/out.h5");
  const auto writer = ResultFileWriter::Create(InfoFor(s, TraceLevel::kContacts),
                                               model::FileEnumNames(m), path, TraceLevel::kContacts);
  ASSERT_FALSE(writer.ok());
  EXPECT_NE(writer.error().find("cannot write " + path), std::string::npos) << writer.error();
  EXPECT_EQ(dir.List(), std::vector<std::string>{});
}

TEST(ResultFileWriterTest, SummaryLevelWritesNoContactTables) {
  // The model hands contacts to any sink it is given; at summary level the file has none.
  ScratchDir dir;
  scenario::Scenario s = TwoQueues();
  s.horizon = 3600;
  const model::Model m(s);
  const std::string path = dir.File("out.h5");
  WriteFile(m, path, TraceLevel::kSummary, InfoFor(s, TraceLevel::kSummary));
  const Hid file = Open(path);
  EXPECT_EQ(ReadString(file.get(), "trace"), "summary");
  EXPECT_EQ(RowCount(file.get(), "/summary"), 3u * (3 + 2));  // ALL, 2 types, 2 groups
  EXPECT_FALSE(Exists(file.get(), "/replications/0/contacts"));
}

TEST(ResultFileWriterTest, ContactsLevelWritesNoAgentOrEventTables) {
  ScratchDir dir;
  scenario::Scenario s = TwoQueues();
  s.horizon = 3600;
  const model::Model m(s);
  const std::string path = dir.File("out.h5");
  const auto results =
      WriteFile(m, path, TraceLevel::kContacts, InfoFor(s, TraceLevel::kContacts)).results;
  const Hid file = Open(path);
  for (const model::ReplicationResult& r : results) {
    const std::string rep = "/replications/" + std::to_string(r.replication);
    EXPECT_EQ(RowCount(file.get(), rep + "/contacts"), static_cast<hsize_t>(r.arrivals_total));
    EXPECT_FALSE(Exists(file.get(), rep + "/agents"));
    EXPECT_FALSE(Exists(file.get(), rep + "/events"));
  }
}

// ---- root attributes ----

TEST(ReadRootAttributesTest, RoundTrips) {
  ScratchDir dir;
  scenario::Scenario s = TwoQueues();
  s.horizon = 3600;
  s.replications = 2;
  s.seed = 18446744073709551557ull;  // needs all 64 bits
  s.overrides = {"contact_types.billing.arrivals.rate=0.05", "agent_groups.tech_team.agents=6"};
  const model::Model m(s);
  const std::string path = dir.File("out.h5");
  RootAttributes info = InfoFor(s, TraceLevel::kContacts);
  info.service_level_thresholds = {"billing=20", "tech=30.5"};
  WriteFile(m, path, TraceLevel::kContacts, info);
  const Expected<RootAttributes> read = ReadRootAttributes(path);
  ASSERT_TRUE(read.ok()) << read.error();
  const RootAttributes& back = *read;
  EXPECT_EQ(back.kind, FileKind::kRun);
  EXPECT_EQ(back.horizon, 3600);
  EXPECT_EQ(back.ccsim_version, info.ccsim_version);
  EXPECT_EQ(back.scenario_text, info.scenario_text);
  EXPECT_EQ(back.scenario_name, info.scenario_name);
  EXPECT_EQ(back.scenario_file, info.scenario_file);
  EXPECT_EQ(back.overrides, info.overrides);
  EXPECT_EQ(back.seed, info.seed);
  EXPECT_EQ(back.replications, 2);
  EXPECT_EQ(back.trace, "contacts");
  EXPECT_EQ(back.service_level_thresholds, info.service_level_thresholds);
}

// ---- a scenario with a start: clock time in /intervals and at the root ----

struct ClockIntervalLine {
  int32_t replication;
  int32_t interval;
  double start;
  char interval_start[20];
  int8_t day_of_week;
  double offered, service_level, agents_staffed;
};

std::vector<ClockIntervalLine> ReadClockIntervals(hid_t file) {
  const Hid text = Hid::Check(H5Tcopy(H5T_C_S1), H5Tclose, "text type");
  CheckStatus(H5Tset_size(text.get(), 20), "size the text type");
  CheckStatus(H5Tset_strpad(text.get(), H5T_STR_NULLPAD), "pad the text type");
  using R = ClockIntervalLine;
  return ReadTable<R>(file, "/intervals",
                      {CCSIM_COLUMN(R, replication, H5T_NATIVE_INT32),
                       CCSIM_COLUMN(R, interval, H5T_NATIVE_INT32),
                       CCSIM_COLUMN(R, start, H5T_NATIVE_DOUBLE),
                       CCSIM_COLUMN(R, interval_start, text.get()),
                       CCSIM_COLUMN(R, day_of_week, kEnumFromFile),
                       CCSIM_COLUMN(R, offered, H5T_NATIVE_DOUBLE),
                       CCSIM_COLUMN(R, service_level, H5T_NATIVE_DOUBLE),
                       CCSIM_COLUMN(R, agents_staffed, H5T_NATIVE_DOUBLE)});
}

TEST(ClockTimeFileTest, IntervalsCarryTheirClockTimeAndTheRootTheStart) {
  ScratchDir dir;
  scenario::Scenario elapsed = TwoQueues();
  elapsed.replications = 2;
  scenario::Scenario clock = elapsed;
  clock.start = scenario::ParseDateTime("2026-12-31 22:30");  // a Thursday, the year's end
  const model::Model m_elapsed(elapsed), m_clock(clock);
  const std::string a = dir.File("elapsed.h5"), b = dir.File("clock.h5");
  WriteFile(m_elapsed, a, TraceLevel::kSummary, InfoFor(elapsed, TraceLevel::kSummary));
  RootAttributes info = InfoFor(clock, TraceLevel::kSummary);
  info.start = "2026-12-31T22:30:00";
  WriteFile(m_clock, b, TraceLevel::kSummary, info);

  const Hid with = Open(b), without = Open(a);
  EXPECT_EQ(ReadString(with.get(), "start"), "2026-12-31T22:30:00");
  EXPECT_EQ(H5Aexists(without.get(), "start"), 0);
  EXPECT_EQ(ReadRootAttributes(b)->start, "2026-12-31T22:30:00");
  EXPECT_EQ(ReadRootAttributes(a)->start, "");
  EXPECT_EQ(EnumMembers(with.get(), "/intervals", "day_of_week"),
            (std::map<long long, std::string>{{0, "Mon"}, {1, "Tue"}, {2, "Wed"}, {3, "Thu"},
                                              {4, "Fri"}, {5, "Sat"}, {6, "Sun"}}));
  // Without a start the table is as before: no clock columns.
  const Hid elapsed_table =
      Hid::Check(H5Dopen2(without.get(), "/intervals", H5P_DEFAULT), H5Dclose, "open");
  const Hid elapsed_type = Hid::Check(H5Dget_type(elapsed_table.get()), H5Tclose, "type");
  EXPECT_LT(H5Tget_member_index(elapsed_type.get(), "interval_start"), 0);
  EXPECT_LT(H5Tget_member_index(elapsed_type.get(), "day_of_week"), 0);

  // Six half hours from Thursday 22:30 into Friday, 1 January 2027.
  const char* kStarts[] = {"2026-12-31T22:30:00", "2026-12-31T23:00:00", "2026-12-31T23:30:00",
                           "2027-01-01T00:00:00", "2027-01-01T00:30:00", "2027-01-01T01:00:00"};
  const int kDays[] = {3, 3, 3, 4, 4, 4};
  const std::vector<ClockIntervalLine> rows = ReadClockIntervals(with.get());
  const std::vector<IntervalLine> same = ReadTable<IntervalLine>(
      without.get(), "/intervals",
      {CCSIM_COLUMN(IntervalLine, offered, H5T_NATIVE_DOUBLE),
       CCSIM_COLUMN(IntervalLine, agents_staffed, H5T_NATIVE_DOUBLE)});
  ASSERT_EQ(rows.size(), 2u * 6 * 3);  // replications × intervals × (ALL + 2 types)
  ASSERT_EQ(same.size(), rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    const ClockIntervalLine& r = rows[i];
    SCOPED_TRACE("row " + std::to_string(i));
    ASSERT_EQ(r.interval, static_cast<int>(i / 3 % 6));
    EXPECT_EQ(std::string(r.interval_start, strnlen(r.interval_start, 20)), kStarts[r.interval]);
    EXPECT_EQ(r.day_of_week, kDays[r.interval]);
    EXPECT_EQ(r.start, r.interval * 1800.0);
    // The same simulation: a start relabels time, it changes no number.
    EXPECT_EQ(r.offered, same[i].offered);
    EXPECT_EQ(r.agents_staffed, same[i].agents_staffed);
  }
}

TEST(ReadRootAttributesTest, SaysWhyAFileThatIsNotHdf5CannotBeRead) {
  ScratchDir dir;
  const std::string path = dir.File("not.h5");
  std::ofstream(path) << "name: not an HDF5 file\n";
  const auto not_hdf5 = ReadRootAttributes(path);
  ASSERT_FALSE(not_hdf5.ok());
  EXPECT_NE(not_hdf5.error().find(path + " is not an HDF5 file"), std::string::npos);
  const auto absent = ReadRootAttributes(dir.File("absent.h5"));
  ASSERT_FALSE(absent.ok());
  EXPECT_EQ(absent.error(), "cannot read " + dir.File("absent.h5"));
}

TEST(ReadRootAttributesTest, SaysWhyAnHdf5FileWithoutTheAttributesIsNotOne) {
  ScratchDir dir;
  const std::string path = dir.File("other.h5");
  {
    const Hid file = Hid::Check(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
                                H5Fclose, "create " + path);
  }
  const auto read = ReadRootAttributes(path);
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.error().find("is not a ccsim result file"), std::string::npos) << read.error();
}

// ---- what the columns mean ----

TEST(ResultFileWriterTest, DescribesEveryKpiColumnAsTheKpiTableDoes) {
  ScratchDir dir;
  scenario::Scenario s = TwoQueues();
  s.horizon = 3600;
  const model::Model m(s);
  const std::string path = dir.File("out.h5");
  WriteFile(m, path, TraceLevel::kSummary, InfoFor(s, TraceLevel::kSummary));
  const Expected<SummaryContents> read = trace::ReadSummary(path);
  ASSERT_TRUE(read.ok()) << read.error();
  EXPECT_EQ(read->contact_types, (std::vector<std::string>{"billing", "tech"}));
  const std::vector<records::Column>& columns = read->summary.columns;
  // Every KPI but money (the scenario has no costs), in the table's order.
  size_t column = 0;
  for (const model::KpiInfo& k : model::kKpis) {
    if (model::IsMoney(k.kpi)) continue;
    ASSERT_LT(column, columns.size());
    const records::Column& c = columns[column++];
    EXPECT_EQ(c.name, k.name);
    EXPECT_EQ(c.label, k.label);
    EXPECT_EQ(c.unit, k.unit);
    EXPECT_EQ(c.definition, k.definition);
    EXPECT_EQ(c.scope, model::IsOverallOnly(k.kpi) ? "overall_only" : "per_type");
  }
  EXPECT_EQ(column, columns.size());
  const Hid file = Open(path);
  const Hid intervals = Hid::Check(H5Dopen2(file.get(), "intervals", H5P_DEFAULT), H5Dclose, "open");
  EXPECT_EQ(ReadString(intervals.get(), "agents_staffed.unit"), "agents");
  EXPECT_EQ(ReadString(intervals.get(), "occupancy.unit"), "fraction");
}

TEST(ReadSummaryTest, SaysWhichTableIsMissing) {
  ScratchDir dir;
  const std::string path = dir.File("empty.h5");
  {
    const Hid file = Hid::Check(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
                                H5Fclose, "create " + path);
    internal::WriteRootAttributes(file.get(), RootAttributes{.scenario_text = "name: x"});
  }
  const Expected<SummaryContents> read = trace::ReadSummary(path, "points/3");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error(), path + " has no /points/3/summary table");
}

// ---- a long replication: the writer streams it in chunks ----

TEST(ResultFileWriterTest, WritesEveryRowOfALongReplication) {
  // About 5 × 11 × 3600 = 198,000 contacts in one replication, far more chunks than the
  // writer queues at once: every row must reach the file intact (that memory stays
  // bounded is the writer's design; this checks nothing is lost or garbled on the way).
  ScratchDir dir;
  scenario::Scenario s;
  s.name = "long";
  s.horizon = 11 * 3600;
  s.replications = 1;
  s.seed = 5;
  scenario::ContactType ct;
  ct.name = "chat";
  ct.arrivals = scenario::Arrivals::Rate(5);
  ct.handle_time = Distribution::Exponential(2);
  s.contact_types.push_back(ct);
  s.agent_groups.push_back({.name = "desk", .agents = 30, .skills = {{.contact_type = 0}}});
  const model::Model m(s);
  const std::string path = dir.File("long.h5");
  const Recorded run = WriteFile(m, path, TraceLevel::kContacts, InfoFor(s, TraceLevel::kContacts));
  ASSERT_EQ(run.results.size(), 1u);
  EXPECT_GT(run.results[0].arrivals_total, 190000);
  const Hid file = Open(path);
  EXPECT_EQ(RowCount(file.get(), "/replications/0/contacts"),
            static_cast<hsize_t>(run.results[0].arrivals_total));
  ExpectSameContacts(ReadContacts(file.get(), 0), run.contacts[0]);
}

// ---- replications closed as they end ----

TEST(ResultFileWriterTest, EveryEndedReplicationHasItsWholeTables) {
  // The writer closes each replication's tables when it ends, creating those it has no
  // rows for: after 300 replications, some of them with no contacts at all, every table
  // must be there and hold exactly what the model handed over.
  ScratchDir dir;
  scenario::Scenario s = TwoQueues();
  s.horizon = 600;
  s.replications = 300;
  s.contact_types[0].arrivals = scenario::Arrivals::Rate(0.002);
  s.contact_types[1].arrivals = scenario::Arrivals::Rate(0.002);
  const model::Model m(s);
  const std::string path = dir.File("many.h5");
  const Recorded run = WriteFile(m, path, TraceLevel::kEvents, InfoFor(s, TraceLevel::kEvents));
  EXPECT_EQ(run.ends, s.replications);
  const Hid file = Open(path);
  int without_contacts = 0;
  for (int rep = 0; rep < s.replications; ++rep) {
    SCOPED_TRACE("replication " + std::to_string(rep));
    if (run.contacts[rep].empty()) ++without_contacts;
    ExpectSameContacts(ReadContacts(file.get(), rep), run.contacts[rep]);
    EXPECT_EQ(ReadSpells(file.get(), rep).size(), run.spells[rep].size());
    const std::vector<EventLine> events = ReadEvents(file.get(), rep);
    ASSERT_EQ(events.size(), run.events[rep].size());
    for (size_t i = 0; i < events.size(); ++i) EXPECT_EQ(events[i].time, run.events[rep][i].time);
  }
  EXPECT_GT(without_contacts, 0);  // the empty tables are created too
  EXPECT_FALSE(Exists(file.get(), "/replications/300"));
}

TEST(ResultFileWriterTest, ReplicationsNeverEndedGetTheirTablesAtCommit) {
  // A sink's caller need not report ends (a test, a future driver): Commit still gives
  // every replication its tables, ended or not.
  ScratchDir dir;
  scenario::Scenario s = TwoQueues();
  const model::Model m(s);
  const std::string path = dir.File("out.h5");
  ResultFileWriter writer(InfoFor(s, TraceLevel::kContacts), model::FileEnumNames(m), path,
                          TraceLevel::kContacts);
  writer.OnReplicationEnd(1);
  ASSERT_TRUE(writer.Commit(model::ResultRows(m, {})).ok());
  const Hid file = Open(path);
  for (int rep = 0; rep < s.replications; ++rep) {
    EXPECT_EQ(RowCount(file.get(), "/replications/" + std::to_string(rep) + "/contacts"), 0u);
  }
}

TEST(ResultFileWriterTest, RowsAfterTheirReplicationEndedAreAnError) {
  ScratchDir dir;
  scenario::Scenario s = TwoQueues();
  const model::Model m(s);
  const std::string path = dir.File("out.h5");
  ResultFileWriter writer(InfoFor(s, TraceLevel::kContacts), model::FileEnumNames(m), path,
                          TraceLevel::kContacts);
  writer.OnReplicationEnd(0);
  const records::ContactRecord row{};
  writer.OnContacts(0, std::span(&row, 1));
  const Status done = writer.Commit(model::ResultRows(m, {}));
  ASSERT_FALSE(done.ok());
  EXPECT_NE(done.error().find("replication 0 sent rows after it ended"), std::string::npos)
      << done.error();
  EXPECT_EQ(dir.List(), std::vector<std::string>{});
}

// ---- a sweep's file, a point at a time ----

// Two design points of TwoQueues (two staffing levels), with their file rows.
std::vector<SweepPoint> TwoPoints() {
  std::vector<SweepPoint> points;
  for (int agents : {60, 63}) {
    scenario::Scenario s = TwoQueues();
    s.horizon = 3600;
    s.agent_groups[0].agents = agents;
    const model::Model m(s);
    std::vector<model::ReplicationResult> results;
    for (int rep = 0; rep < s.replications; ++rep) {
      results.push_back(model::Simulate(m, rep, {.seed = s.seed}));
    }
    points.push_back({.index = static_cast<int>(points.size()),
                      .values = {std::to_string(agents)},
                      .tables = model::ResultRows(m, results)});
  }
  return points;
}

RootAttributes SweepInfo() {
  RootAttributes info = InfoFor(TwoQueues(), TraceLevel::kSummary);
  info.kind = FileKind::kSweep;
  info.vary_paths = {"agent_groups.billing_team.agents"};
  info.total_points = 2;
  return info;
}

TEST(SweepFileWriterTest, WritesWhatWriteSweepFileWrites) {
  ScratchDir dir;
  const std::vector<SweepPoint> points = TwoPoints();
  const RootAttributes info = SweepInfo();
  ASSERT_TRUE(WriteSweepFile(dir.File("whole.h5"), info, points).ok());
  auto writer = SweepFileWriter::Create(dir.File("streamed.h5"), info, points);
  ASSERT_TRUE(writer.ok()) << writer.error();
  for (const SweepPoint& p : points) ASSERT_TRUE((*writer)->Add(p).ok());
  ASSERT_TRUE((*writer)->Commit().ok());
  EXPECT_EQ(dir.List(), (std::vector<std::string>{"streamed.h5", "whole.h5"}));

  const Expected<SweepContents> whole = ReadSweep(dir.File("whole.h5"));
  const Expected<SweepContents> streamed = ReadSweep(dir.File("streamed.h5"));
  ASSERT_TRUE(whole.ok()) << whole.error();
  ASSERT_TRUE(streamed.ok()) << streamed.error();
  ASSERT_EQ(streamed->points.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    const SweepPointContents& a = whole->points[i];
    const SweepPointContents& b = streamed->points[i];
    EXPECT_EQ(b.index, a.index);
    EXPECT_EQ(b.values, a.values);
    ASSERT_EQ(b.summary.summary.rows.size(), a.summary.summary.rows.size());
    for (size_t r = 0; r < a.summary.summary.rows.size(); ++r) {
      EXPECT_EQ(b.summary.summary.rows[r].replication, a.summary.summary.rows[r].replication);
      EXPECT_EQ(b.summary.summary.rows[r].contact_type, a.summary.summary.rows[r].contact_type);
      for (size_t c = 0; c < a.summary.summary.rows[r].values.size(); ++c) {
        ExpectSame(b.summary.summary.rows[r].values[c], a.summary.summary.rows[r].values[c],
                   "column " + std::to_string(c));
      }
    }
  }
  const Hid a = Open(dir.File("whole.h5")), b = Open(dir.File("streamed.h5"));
  EXPECT_EQ(RowCount(b.get(), "/points/1/intervals"), RowCount(a.get(), "/points/1/intervals"));
  EXPECT_EQ(RowCount(b.get(), "/points/table"), 2u);
}

// A point given its settings carries them as its group's attributes, as a run's root
// does; a point without carries its replications only.
TEST(SweepFileWriterTest, APointsSettingsAreItsAttributes) {
  ScratchDir dir;
  std::vector<SweepPoint> points = TwoPoints();
  RootAttributes settings{.replications = 99, .horizon = 3600, .warmup = 600, .interval = 900,
                          .service_level_threshold = 20, .service_level_target = 0.9,
                          .service_level_thresholds = {"billing=20", "tech=45"}};
  points[1].settings = settings;
  ASSERT_TRUE(WriteSweepFile(dir.File("sweep.h5"), SweepInfo(), points).ok());
  const Hid file = Open(dir.File("sweep.h5"));
  const Hid plain = Hid::Check(H5Gopen2(file.get(), "points/0", H5P_DEFAULT), H5Gclose, "0");
  const Hid set = Hid::Check(H5Gopen2(file.get(), "points/1", H5P_DEFAULT), H5Gclose, "1");
  EXPECT_EQ(H5Aexists(plain.get(), "horizon"), 0);
  // replications: those that wrote rows, not the settings' own
  EXPECT_EQ(ReadScalar<int32_t>(set.get(), "replications", H5T_NATIVE_INT32, H5T_INTEGER, 4),
            TwoQueues().replications);
  EXPECT_EQ(ReadScalar<double>(set.get(), "warmup", H5T_NATIVE_DOUBLE, H5T_FLOAT, 8), 600.0);
  EXPECT_EQ(ReadScalar<double>(set.get(), "interval", H5T_NATIVE_DOUBLE, H5T_FLOAT, 8), 900.0);
  EXPECT_EQ(ReadScalar<double>(set.get(), "service_level_target", H5T_NATIVE_DOUBLE, H5T_FLOAT, 8),
            0.9);
  EXPECT_EQ(ReadString(set.get(), "service_level_thresholds"), "billing=20\ntech=45");
}

TEST(SweepFileWriterTest, AnUncommittedOrFailedWriterLeavesNothing) {
  ScratchDir dir;
  const std::vector<SweepPoint> points = TwoPoints();
  {
    auto writer = SweepFileWriter::Create(dir.File("out.h5"), SweepInfo(), points);
    ASSERT_TRUE(writer.ok()) << writer.error();
    ASSERT_TRUE((*writer)->Add(points[0]).ok());
    EXPECT_EQ(dir.List().size(), 1u);  // the temporary
  }
  EXPECT_EQ(dir.List(), std::vector<std::string>{});

  auto writer = SweepFileWriter::Create(dir.File("out.h5"), SweepInfo(), points);
  ASSERT_TRUE(writer.ok()) << writer.error();
  ASSERT_TRUE((*writer)->Add(points[0]).ok());
  const Status twice = (*writer)->Add(points[0]);  // /points/0 exists: HDF5 refuses
  EXPECT_FALSE(twice.ok());
  EXPECT_FALSE((*writer)->Commit().ok());
  EXPECT_EQ(dir.List(), std::vector<std::string>{});

  const auto nowhere = SweepFileWriter::Create(dir.File("missing/out.h5"), SweepInfo(), points);
  EXPECT_FALSE(nowhere.ok());
}

// ---- result rows handed over a replication at a time ----

// A table's rows as the file stores them, byte for byte.
std::vector<unsigned char> RawRows(hid_t file, const std::string& path) {
  const Hid dataset =
      Hid::Check(H5Dopen2(file, path.c_str(), H5P_DEFAULT), H5Dclose, "open " + path);
  const Hid type = Hid::Check(H5Dget_type(dataset.get()), H5Tclose, "type of " + path);
  std::vector<unsigned char> bytes(RowCount(file, path) * H5Tget_size(type.get()));
  if (!bytes.empty()) {
    CheckStatus(H5Dread(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data()),
                "read " + path);
  }
  return bytes;
}

TEST(ResultFileWriterTest, RowsAddedAsFoldedAreThoseOfOneCommit) {
  ScratchDir dir;
  scenario::Scenario s = TwoQueues();
  s.replications = 4;
  const model::Model m(s);
  std::vector<model::ReplicationResult> results;
  for (int rep = 0; rep < s.replications; ++rep) {
    results.push_back(model::Simulate(m, rep, {.seed = s.seed}));
  }
  const RootAttributes info = InfoFor(s, TraceLevel::kSummary);
  ResultFileWriter whole(info, model::FileEnumNames(m), dir.File("whole.h5"), TraceLevel::kSummary);
  ASSERT_TRUE(whole.Commit(model::ResultRows(m, results)).ok());
  ResultFileWriter folded(info, model::FileEnumNames(m), dir.File("folded.h5"),
                          TraceLevel::kSummary);
  for (const model::ReplicationResult& r : results)
    folded.AddResultRows(model::ResultRows(m, {&r, 1}));
  ASSERT_TRUE(folded.Commit(model::ResultRows(m, {})).ok());

  const Hid a = Open(dir.File("whole.h5")), b = Open(dir.File("folded.h5"));
  for (const char* table : {"/summary", "/intervals", "/agent_results"}) {
    SCOPED_TRACE(table);
    EXPECT_GT(RowCount(a.get(), table), 0u);
    EXPECT_EQ(RawRows(b.get(), table), RawRows(a.get(), table));
  }
  const Expected<SummaryContents> read = trace::ReadSummary(dir.File("folded.h5"));
  ASSERT_TRUE(read.ok()) << read.error();  // the columns' attributes are there too
  const std::vector<records::Column> written = model::ResultRows(m, {}).summary.columns;
  ASSERT_EQ(read->summary.columns.size(), written.size());
  for (size_t c = 0; c < written.size(); ++c) {
    EXPECT_EQ(read->summary.columns[c].name, written[c].name);
    EXPECT_EQ(read->summary.columns[c].unit, written[c].unit);
  }
}

}  // namespace
}  // namespace ccsim::trace
