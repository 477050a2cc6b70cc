#include "sim/cli/sweep_output.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "sim/cli/json_writer.h"
#include "sim/cli/summary_output.h"
#include "sim/cli/version.h"
#include "sim/model/result_rows.h"

namespace ccsim::cli {

namespace {

// The whole-centre KPIs a one-line-per-point table has room for (a display choice; the
// JSON has them all).
const model::Kpi kTableKpis[] = {model::Kpi::kOffered, model::Kpi::kServiceLevel,
                                 model::Kpi::kAsa,     model::Kpi::kAbandonRate,
                                 model::Kpi::kAht,     model::Kpi::kOccupancy};

// Display width of UTF-8 text (the ± sign is two bytes, one column), as Table()'s.
size_t Width(const std::string& s) {
  size_t w = 0;
  for (unsigned char c : s) w += (c & 0xC0) != 0x80;
  return w;
}

std::optional<int> Whole(std::string_view s) {
  int v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

SweepPrinter::SweepPrinter(bool json, const std::string& scenario, uint64_t seed,
                           std::vector<std::string> vary_paths, size_t points)
    : json_(json), vary_paths_(std::move(vary_paths)), spool_(std::tmpfile()) {
  if (json_) {
    JsonWriter j;
    j.BeginObject();
    j.Key("ccsim_version");
    j.String(kVersion);
    j.Key("scenario");
    j.String(scenario);
    j.Key("seed");
    j.Unsigned(seed);
    j.Key("vary");
    j.BeginArray();
    for (const std::string& p : vary_paths_) j.String(p);
    j.EndArray();
    j.Key("points");
    j.BeginArray();
    head_ = j.str();
    return;
  }
  char head[512];
  std::snprintf(
      head, sizeof head,
      "ccsim %s | sweep of %s | %zu points | seed %llu (the same customers at every point)\n"
      "whole-centre KPIs, mean ± half-width of the 95%% confidence interval over "
      "replications\n\n",
      kVersion, scenario.c_str(), points, static_cast<unsigned long long>(seed));
  head_ = head;
  std::vector<std::string> header = {"point"};
  for (const std::string& p : vary_paths_) header.push_back(p);
  for (model::Kpi k : kTableKpis) header.push_back(model::ToString(k));
  AddCells(header);
}

SweepPrinter::~SweepPrinter() {
  if (spool_ != nullptr) std::fclose(spool_);
}

void SweepPrinter::Add(const SweepRow& r) {
  if (json_) {
    JsonWriter j;
    j.BeginObject();
    j.Key("point");
    j.Integer(r.index);
    j.Key("values");
    j.BeginObject();
    for (size_t k = 0; k < vary_paths_.size(); ++k) {
      j.Key(vary_paths_[k]);
      j.String(r.values[k]);
    }
    j.EndObject();
    j.Key("replications");
    j.Integer(r.summary.replications);
    j.Key("kpis");
    WriteKpiDocument(j, r.summary);
    j.EndObject();
    Spool((any_point_ ? ", " : "") + j.str());
    any_point_ = true;
    return;
  }
  std::vector<std::string> row = {std::to_string(r.index)};
  for (const std::string& v : r.values) row.push_back(v);
  for (model::Kpi k : kTableKpis) row.push_back(KpiCell(k, r.summary.overall[k]));
  AddCells(row);
}

// A table row kept as one string: far smaller than a vector of strings for each row.
void SweepPrinter::AddCells(const std::vector<std::string>& cells) {
  width_.resize(cells.size());
  std::string joined;
  for (size_t c = 0; c < cells.size(); ++c) {
    width_[c] = std::max(width_[c], Width(cells[c]));
    if (c > 0) joined += '\0';
    joined += cells[c];
  }
  // Spooled as its length and its bytes: a cell may hold any character.
  const uint64_t length = joined.size();
  Spool(std::string(reinterpret_cast<const char*>(&length), sizeof length) + joined);
}

// A temporary file that fails (a full disk) hands what it holds over to memory: the
// output is then as before, only larger in memory.
void SweepPrinter::Spool(const std::string& text) {
  if (spool_ != nullptr) {
    const long before = std::ftell(spool_);
    if (std::fwrite(text.data(), 1, text.size(), spool_) == text.size() &&
        std::fflush(spool_) == 0) {
      return;
    }
    spooled_.resize(before < 0 ? 0 : before);
    std::rewind(spool_);
    spooled_.resize(std::fread(spooled_.data(), 1, spooled_.size(), spool_));
    std::fclose(spool_);
    spool_ = nullptr;
  }
  spooled_ += text;
}

// As Table() (summary_output.h) prints, from the kept rows.
void SweepPrinter::Emit(const std::function<void(std::string_view)>& out) const {
  out(head_);
  if (json_) {
    Unspool(out);
    out("]}\n");
    return;
  }
  std::string line;
  ForEachRow([&](const std::string& row) {
    line.clear();
    size_t c = 0;
    for (size_t begin = 0;; ++c) {
      const size_t end = std::min(row.find('\0', begin), row.size());
      const std::string cell = row.substr(begin, end - begin);
      line += cell;
      for (size_t w = Width(cell); w < width_[c] + 3; ++w) line += ' ';
      if (end == row.size()) break;
      begin = end + 1;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    line += '\n';
    out(line);
  });
}

// The spooled table rows, one at a time (all of them are in the file or all in memory).
void SweepPrinter::ForEachRow(const std::function<void(const std::string&)>& use) const {
  std::string row;
  uint64_t length = 0;
  if (spool_ != nullptr) {
    std::rewind(spool_);
    while (std::fread(&length, sizeof length, 1, spool_) == 1) {
      row.resize(length);
      if (std::fread(row.data(), 1, length, spool_) != length) return;
      use(row);
    }
    return;
  }
  for (size_t at = 0; at + sizeof length <= spooled_.size(); at += sizeof length + length) {
    std::memcpy(&length, spooled_.data() + at, sizeof length);
    use(spooled_.substr(at + sizeof length, length));
  }
}

void SweepPrinter::Unspool(const std::function<void(std::string_view)>& out) const {
  if (spool_ != nullptr) {
    std::rewind(spool_);
    char buf[1 << 16];
    for (size_t n; (n = std::fread(buf, 1, sizeof buf, spool_)) > 0;) out({buf, n});
  }
  out(spooled_);
}

void SweepPrinter::Print(std::FILE* out) const {
  Emit([out](std::string_view text) { std::fwrite(text.data(), 1, text.size(), out); });
}

std::string SweepPrinter::Text() const {
  std::string text;
  Emit([&text](std::string_view t) { text += t; });
  return text;
}

std::string SweepOutput(bool json, const std::string& scenario, uint64_t seed,
                        const std::vector<std::string>& vary_paths,
                        const std::vector<SweepRow>& rows) {
  SweepPrinter printer(json, scenario, seed, vary_paths, rows.size());
  for (const SweepRow& r : rows) printer.Add(r);
  return printer.Text();
}

std::vector<SweepRow> SweepRowsOf(const trace::SweepContents& c) {
  std::vector<SweepRow> rows;
  for (const trace::SweepPointContents& p : c.points) {
    const std::vector<std::string>& types = p.summary.contact_types;
    const std::vector<std::string>& groups = p.summary.agent_groups;
    const auto per_rep = model::KpisFromRows(p.summary.summary, types.size());
    const auto per_rep_groups = model::GroupKpisFromRows(p.summary.summary, groups.size());
    model::Summary summary = model::SummariseKpis(c.info.scenario_name, c.info.seed, types,
                                                  per_rep, groups, per_rep_groups);
    summary.currency = model::CurrencyOf(p.summary.summary);
    rows.push_back({p.index, p.values, std::move(summary)});
  }
  return rows;
}

std::optional<Shard> ParseShard(std::string_view text) {
  const size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const auto i = Whole(text.substr(0, slash)), n = Whole(text.substr(slash + 1));
  if (!i || !n || *n < 1 || *i < 0 || *i >= *n) return std::nullopt;
  return Shard{*i, *n};
}

std::optional<Shard> ShardFromSlurm() {
  const char* id = std::getenv("SLURM_ARRAY_TASK_ID");
  const char* count = std::getenv("SLURM_ARRAY_TASK_COUNT");
  if (id == nullptr || count == nullptr) return std::nullopt;
  // Array indices may start anywhere (--array=1-8): count from SLURM_ARRAY_TASK_MIN.
  const char* min = std::getenv("SLURM_ARRAY_TASK_MIN");
  const auto i = Whole(id), m = min ? Whole(min) : std::optional<int>(0);
  if (!i || !m) return std::nullopt;
  return ParseShard(std::to_string(*i - *m) + "/" + count);
}

}  // namespace ccsim::cli
