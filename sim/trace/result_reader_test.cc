// Result files from anyone: every reader refuses a malformed file with an error value that
// names the file and what is wrong, and never crashes or allocates without bound.
#include "sim/trace/result_reader.h"

#include <gtest/gtest.h>
#include <hdf5.h>
#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "sim/trace/file_checks.h"
#include "sim/trace/hdf5_handle.h"
#include "sim/trace/heap_scan.h"
#include "sim/trace/isolated_read.h"
#include "sim/trace/result_tables.h"
#include "sim/trace/sweep_file.h"

namespace ccsim::trace {
namespace {

using namespace internal;

class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = ::testing::TempDir() + "ccsim_reader_test_XXXXXX";
    path_ = mkdtemp(pattern.data());
  }
  ~ScratchDir() { std::filesystem::remove_all(path_); }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

constexpr int kReps = 2;

// A small valid run's tables: kReps replications of one type "voice" and ALL, one column.
records::ResultTables Tables() {
  records::ResultTables t;
  t.names.contact_types = {"voice"};
  t.names.agent_groups = {"desk"};
  t.names.bands = {{"top", 0}, {"middle", 1}, {"bottom", 2}};
  t.summary.columns = {{.name = "asa", .label = "ASA", .unit = "s"}};
  t.intervals.columns = t.summary.columns;
  for (int32_t r = 0; r < kReps; ++r) {
    for (int32_t c = -1; c < 1; ++c) t.summary.rows.push_back({r, c, {12.5}});
  }
  return t;
}

// Writes a run's file, then lets `spoil` change it through the C API.
std::string WriteRun(const ScratchDir& dir, const records::ResultTables& tables,
                     const std::function<void(hid_t)>& spoil = nullptr) {
  const std::string path = dir.File("run.h5");
  const Hid file = Hid::Check(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
                              H5Fclose, "create");
  WriteRootAttributes(file.get(), {.scenario_text = "name: x", .seed = 3, .replications = kReps});
  WriteResultTables(file.get(), RecordTypes(tables.names), tables);
  if (spoil) spoil(file.get());
  return path;
}

// Replaces attribute `name` of `object` by one of `type`, with `count` values (0: a scalar).
void Replace(hid_t object, const char* name, hid_t type, const void* values, hsize_t count = 0) {
  if (H5Aexists(object, name) > 0) CheckStatus(H5Adelete(object, name), "delete");
  const Hid space = Hid::Check(count ? H5Screate_simple(1, &count, nullptr) : H5Screate(H5S_SCALAR),
                               H5Sclose, "space");
  const Hid attr = Hid::Check(H5Acreate2(object, name, type, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                              H5Aclose, "attr");
  CheckStatus(H5Awrite(attr.get(), type, values), "write");
}

// Both readers of a run's file fail, with `message` in the error and the path in front.
void ExpectRefused(const std::string& path, const std::string& message) {
  const Expected<RootAttributes> root = ReadRootAttributes(path);
  const Expected<SummaryContents> summary = ReadSummary(path);
  ASSERT_FALSE(summary.ok());
  EXPECT_NE(summary.error().find(message), std::string::npos) << summary.error();
  EXPECT_EQ(summary.error().rfind(path, 0), 0u) << summary.error();
  if (!root.ok()) {
    EXPECT_EQ(root.error().rfind(path, 0), 0u) << root.error();
  }
}

TEST(HostileFileTest, AValidFileReads) {
  ScratchDir dir;
  const std::string path = WriteRun(dir, Tables());
  const Expected<SummaryContents> s = ReadSummary(path);
  ASSERT_TRUE(s.ok()) << s.error();
  EXPECT_EQ(s->summary.rows.size(), 4u);
  ASSERT_TRUE(ReadRootAttributes(path).ok());
  EXPECT_EQ(ReadRootAttributes(path)->seed, 3u);
}

TEST(HostileFileTest, AnArraySeedIsRefusedNotReadPastTheStack) {
  ScratchDir dir;
  const std::vector<uint64_t> seeds(4000, 7);
  const std::string path = WriteRun(dir, Tables(), [&](hid_t f) {
    Replace(f, "seed", H5T_NATIVE_UINT64, seeds.data(), seeds.size());
  });
  const Expected<RootAttributes> root = ReadRootAttributes(path);
  ASSERT_FALSE(root.ok());
  EXPECT_EQ(root.error(), path + ": attribute seed is not a single value (an array or empty)");
}

TEST(HostileFileTest, AnArrayOrTextSchemaVersionIsRefused) {
  ScratchDir dir;
  const std::vector<int32_t> versions(4000, 1);
  ExpectRefused(WriteRun(dir, Tables(),
                         [&](hid_t f) {
                           Replace(f, "schema_version", H5T_NATIVE_INT32, versions.data(),
                                   versions.size());
                         }),
                "attribute schema_version is not a single value");
  ExpectRefused(WriteRun(dir, Tables(),
                         [&](hid_t f) {
                           H5Adelete(f, "schema_version");
                           WriteAttribute(f, "schema_version", std::string("1"));
                         }),
                "attribute schema_version is a string; expected an integer");
}

TEST(HostileFileTest, AnotherSchemaVersionIsRefusedByEveryReader) {
  ScratchDir dir;
  const int32_t two = 2;
  const std::string path = WriteRun(
      dir, Tables(), [&](hid_t f) { Replace(f, "schema_version", H5T_NATIVE_INT32, &two); });
  ExpectRefused(path, "schema_version 2 is not one this ccsim reads (1)");
  EXPECT_FALSE(ReadRootAttributes(path).ok());
}

TEST(HostileFileTest, AFixedLengthOrNumericStringAttributeIsRefused) {
  ScratchDir dir;
  const Hid fixed = Hid::Check(H5Tcopy(H5T_C_S1), H5Tclose, "type");
  H5Tset_size(fixed.get(), 4);
  const std::string path =
      WriteRun(dir, Tables(), [&](hid_t f) { Replace(f, "scenario_name", fixed.get(), "abcd"); });
  EXPECT_EQ(
      ReadRootAttributes(path).error(),
      path + ": attribute scenario_name is a fixed-length string; expected a variable-length one");
  const double pi = 3.14;
  const std::string numeric =
      WriteRun(dir, Tables(), [&](hid_t f) { Replace(f, "trace", H5T_NATIVE_DOUBLE, &pi); });
  EXPECT_EQ(ReadRootAttributes(numeric).error(),
            numeric + ": attribute trace is a floating-point number; expected a string");
}

TEST(HostileFileTest, ReplicationIndicesOutsideTheRunAreRefused) {
  ScratchDir dir;
  for (int32_t bad : {-1, kReps, 1'000'000'000}) {
    records::ResultTables t = Tables();
    t.summary.rows[1].replication = bad;
    ExpectRefused(WriteRun(dir, t),
                  "/summary row 1: replication " + std::to_string(bad) + " is outside 0..1");
  }
}

TEST(HostileFileTest, ContactTypesOutsideTheEnumAreRefused) {
  ScratchDir dir;
  records::ResultTables t = Tables();
  t.summary.rows[2].contact_type = 7;
  ExpectRefused(WriteRun(dir, t),
                "/summary row 2: contact_type 7 is not a type of the file's enum");
}

TEST(HostileFileTest, AgentGroupsOutsideTheEnumAreRefused) {
  ScratchDir dir;
  records::ResultTables t = Tables();
  t.summary.rows[1].agent_group = 5;
  ExpectRefused(WriteRun(dir, t), "/summary row 1: agent_group 5 is not a group of the file's enum");
}

TEST(SummaryReaderTest, GroupRowsReadWithTheirGroup) {
  ScratchDir dir;
  records::ResultTables t = Tables();
  for (int32_t r = 0; r < kReps; ++r) {
    t.summary.rows.push_back({.replication = r, .contact_type = -1, .values = {0.5},
                              .agent_group = 0});
  }
  const Expected<SummaryContents> s = ReadSummary(WriteRun(dir, t));
  ASSERT_TRUE(s.ok()) << s.error();
  EXPECT_EQ(s->agent_groups, std::vector<std::string>{"desk"});
  ASSERT_EQ(s->summary.rows.size(), 6u);
  for (size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(s->summary.rows[i].agent_group, i < 4 ? -1 : 0) << i;
    EXPECT_EQ(s->summary.rows[i].values, std::vector<double>{i < 4 ? 12.5 : 0.5}) << i;
  }
}

TEST(SummaryReaderTest, AFileFromBeforeGroupRowsReads) {
  // /summary as written before the agent_group column: replication, contact_type, asa.
  ScratchDir dir;
  const RecordTypes types(Tables().names);
  const RowType row = types.SummaryRow(Tables().summary.columns);
  const Hid contact_type = Hid::Check(H5Tget_member_type(row.file.get(), 1), H5Tclose, "enum");
  struct Old {
    int32_t replication, contact_type;
    double asa;
  };
  const Hid old = Hid::Check(H5Tcreate(H5T_COMPOUND, sizeof(Old)), H5Tclose, "row");
  H5Tinsert(old.get(), "replication", offsetof(Old, replication), H5T_NATIVE_INT32);
  H5Tinsert(old.get(), "contact_type", offsetof(Old, contact_type), contact_type.get());
  H5Tinsert(old.get(), "asa", offsetof(Old, asa), H5T_NATIVE_DOUBLE);
  const Old rows[] = {{0, -1, 1}, {0, 0, 2}, {1, -1, 3}, {1, 0, 4}};
  const std::string path = WriteRun(dir, Tables(), [&](hid_t f) {
    CheckStatus(H5Ldelete(f, "summary", H5P_DEFAULT), "delete");
    const hsize_t n = std::size(rows);
    const Hid space = Hid::Check(H5Screate_simple(1, &n, nullptr), H5Sclose, "space");
    const Hid set = Hid::Check(
        H5Dcreate2(f, "summary", old.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
        H5Dclose, "create");
    CheckStatus(H5Dwrite(set.get(), old.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, rows), "write");
  });
  const Expected<SummaryContents> s = ReadSummary(path);
  ASSERT_TRUE(s.ok()) << s.error();
  EXPECT_TRUE(s->agent_groups.empty());
  ASSERT_EQ(s->summary.rows.size(), 4u);
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(s->summary.rows[i].agent_group, -1);
    EXPECT_EQ(s->summary.rows[i].contact_type, rows[i].contact_type);
    EXPECT_EQ(s->summary.rows[i].values, std::vector<double>{rows[i].asa});
  }
}

TEST(HostileFileTest, ReplicationCountsOutOfBoundsAreRefused) {
  ScratchDir dir;
  for (int32_t reps : {0, -5, 2'000'000'000}) {
    ExpectRefused(WriteRun(dir, Tables(),
                           [&](hid_t f) { Replace(f, "replications", H5T_NATIVE_INT32, &reps); }),
                  "attribute replications is " + std::to_string(reps) + "; expected 1..1000000");
  }
  const int32_t many = 1000;  // within bounds, but the table cannot hold them
  ExpectRefused(WriteRun(dir, Tables(),
                         [&](hid_t f) { Replace(f, "replications", H5T_NATIVE_INT32, &many); }),
                "/summary has 4 rows, too few for 1000 replications");
}

// Replaces /summary by a dataset of `type` and `rank` dimensions of 4 each.
void ReplaceSummary(hid_t f, hid_t type, int rank) {
  CheckStatus(H5Ldelete(f, "summary", H5P_DEFAULT), "delete");
  const hsize_t dims[2] = {4, 4};
  const Hid space = Hid::Check(H5Screate_simple(rank, dims, nullptr), H5Sclose, "space");
  const Hid set =
      Hid::Check(H5Dcreate2(f, "summary", type, space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                 H5Dclose, "create");
}

TEST(HostileFileTest, ASummaryOfTheWrongShapeOrColumnsIsRefused) {
  ScratchDir dir;
  ExpectRefused(WriteRun(dir, Tables(), [](hid_t f) { ReplaceSummary(f, H5T_NATIVE_DOUBLE, 1); }),
                "/summary is not a table of rows");
  const RecordTypes types(Tables().names);
  const RowType row = types.SummaryRow(Tables().summary.columns);
  ExpectRefused(WriteRun(dir, Tables(), [&](hid_t f) { ReplaceSummary(f, row.file.get(), 2); }),
                "/summary is not a table (a 1-D dataset)");
  const Hid narrow = Hid::Check(H5Tcreate(H5T_COMPOUND, 12), H5Tclose, "row");
  H5Tinsert(narrow.get(), "replication", 0, H5T_NATIVE_INT32);
  H5Tinsert(narrow.get(), "asa", 4, H5T_NATIVE_FLOAT);
  H5Tinsert(narrow.get(), "contact_type", 8, H5T_NATIVE_INT32);
  ExpectRefused(WriteRun(dir, Tables(), [&](hid_t f) { ReplaceSummary(f, narrow.get(), 1); }),
                "column asa of /summary is a floating-point number of 4 bytes; expected a "
                "floating-point number of 8");
}

TEST(HostileFileTest, SweepPointsOutsideTheSweepAreRefused) {
  ScratchDir dir;
  const std::string path = dir.File("sweep.h5");
  RootAttributes info{
      .kind = FileKind::kSweep, .scenario_text = "name: x", .vary_paths = {"k"}, .total_points = 2};
  std::vector<SweepPoint> points = {{.index = 5, .values = {"v"}, .tables = Tables()}};
  ASSERT_TRUE(WriteSweepFile(path, info, points).ok());
  const Expected<SweepContents> read = ReadSweep(path);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error(), path + ": /points/table names point 5; the sweep has 0..1");
}

TEST(HostileFileTest, ADirectoryOrAFifoIsNotOpened) {
  ScratchDir dir;
  EXPECT_EQ(ReadRootAttributes(dir.File("")).error(), dir.File("") + " is not a regular file");
  const std::string fifo = dir.File("fifo");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_EQ(ReadSummary(fifo).error(), fifo + " is not a regular file");  // would block in open
}

// A global heap collection: header, then objects of (index, size); the rest free space.
std::vector<uint8_t> Collection(std::vector<std::pair<uint16_t, uint64_t>> objects, uint64_t size) {
  std::vector<uint8_t> b(size, 0);
  std::memcpy(b.data(), "GCOL\1\0\0\0", 8);
  std::memcpy(b.data() + 8, &size, 8);
  size_t at = 16;
  for (const auto& [index, bytes] : objects) {
    std::memcpy(b.data() + at, &index, 2);
    std::memcpy(b.data() + at + 8, &bytes, 8);
    at += index == 0 ? bytes : 16 + (bytes + 7) / 8 * 8;
    if (index == 0 || at >= size) break;
  }
  return b;
}

TEST(GlobalHeapScanTest, RefusesWhatWouldHangOrOverrunHdf5) {
  EXPECT_EQ(CheckGlobalHeap(Collection({{1, 5}, {2, 12}, {0, 4096 - 16 - 24 - 32}}, 4096)),
            std::nullopt);
  EXPECT_EQ(CheckGlobalHeap(Collection({{1, 5}, {0, 0}}, 4096)), "its free space has size 0");
  EXPECT_EQ(CheckGlobalHeap(Collection({{1, 1u << 20}}, 4096)),
            "object 1 is larger than the collection");
  EXPECT_EQ(CheckGlobalHeap(Collection({{0, ~uint64_t{0}}}, 4096)),
            "object 0 is larger than the collection");
}

TEST(GlobalHeapScanTest, TheReadersRefuseAFileWithSuchAHeap) {
  ScratchDir dir;
  const std::string path = WriteRun(dir, Tables());
  {  // spoil the first collection's first object into free space of size 0
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    const size_t at = bytes.find(std::string("GCOL\1", 5));
    ASSERT_NE(at, std::string::npos);
    f.seekp(static_cast<std::streamoff>(at + 16));
    f.write(std::string(16, '\0').data(), 16);
  }
  const Expected<RootAttributes> read = ReadRootAttributes(path);
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.error().find("is corrupt (its free space has size 0)"), std::string::npos)
      << read.error();
}

TEST(ProbeInChildTest, ACrashInTheChildIsAnErrorHereAndAnErrorThereIsNot) {
  EXPECT_EQ(ProbeInChild([] { return std::string(); }), "");
  EXPECT_EQ(ProbeInChild([] { return std::string("why not"); }), "why not");
  EXPECT_EQ(ProbeInChild([]() -> std::string { throw BadFile("x"); }), "cannot read it");
  // An absurd allocation fails in the child instead of taking the machine's memory.
  EXPECT_EQ(ProbeInChild([] { return std::string(malloc(size_t{64} << 30) ? "got it" : "no"); }),
            "no");
  try {
    ProbeInChild([] {
      std::raise(SIGSEGV);
      return std::string();
    });
    FAIL() << "no error";
  } catch (const BadFile& e) {
    EXPECT_STREQ(e.what(),
                 "HDF5 fails on it (Segmentation fault while reading): the file is malformed");
  }
}

TEST(ProbeInChildTest, AStopKillsTheChildWithinAFractionOfASecond) {
  std::atomic<bool> stop{false};
  std::thread stopper([&stop] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    stop.store(true);
  });
  const auto t0 = std::chrono::steady_clock::now();
  const std::string answer = ProbeInChild(
      [] {
        sleep(30);  // a read that would take long
        return std::string();
      },
      &stop);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  stopper.join();
  EXPECT_EQ(answer, kStoppedAnswer);
  EXPECT_LT(seconds, 1.0);
}

TEST(MergeTest, AStopEndsTheMergeAndLeavesNothing) {
  ScratchDir dir;
  RootAttributes info{.kind = FileKind::kSweep, .scenario_text = "name: x", .vary_paths = {"k"},
                      .total_points = 2};
  std::vector<SweepPoint> points = {{.index = 0, .values = {"a"}, .tables = Tables()},
                                    {.index = 1, .values = {"b"}, .tables = Tables()}};
  ASSERT_TRUE(WriteSweepFile(dir.File("all.h5"), info, points).ok());
  const std::atomic<bool> stop{true};
  const Expected<SweepContents> read = ReadSweep(dir.File("all.h5"), &stop);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error(), kStoppedAnswer);
  const Expected<SweepContents> merged =
      MergeSweepFiles({dir.File("all.h5")}, dir.File("merged.h5"), &stop);
  ASSERT_FALSE(merged.ok());
  EXPECT_EQ(merged.error(), kStoppedAnswer);
  EXPECT_FALSE(std::filesystem::exists(dir.File("merged.h5")));
  // Not stopped, the same merge is written.
  const std::atomic<bool> go{false};
  ASSERT_TRUE(MergeSweepFiles({dir.File("all.h5")}, dir.File("merged.h5"), &go).ok());
  EXPECT_EQ(ReadSweep(dir.File("merged.h5"))->points.size(), 2u);
}

}  // namespace
}  // namespace ccsim::trace
