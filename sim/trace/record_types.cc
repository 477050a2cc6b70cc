#include "sim/trace/record_types.h"

#include <cstddef>

#include "sim/records/trace_sink.h"

namespace ccsim::trace {

namespace {

// An enum over `base` with values first, first+1, ... for `names`.
template <class T>
Hid MakeEnum(hid_t base, const std::vector<std::pair<std::string, T>>& members, const char* what) {
  Hid e = Hid::Check(H5Tenum_create(base), H5Tclose, std::string("create enum ") + what);
  for (const auto& [name, value] : members) {
    T v = value;
    CheckStatus(H5Tenum_insert(e.get(), name.c_str(), &v),
                std::string("add '") + name + "' to enum " + what + " (names must be unique)");
  }
  return e;
}

template <class E>
std::vector<std::pair<std::string, uint8_t>> EnumMembers(int count) {
  std::vector<std::pair<std::string, uint8_t>> m;
  for (int i = 0; i < count; ++i) m.emplace_back(records::ToString(static_cast<E>(i)), i);
  return m;
}

std::vector<std::pair<std::string, int32_t>> NamedIndices(const std::vector<std::string>& names,
                                                          const char* minus_one) {
  std::vector<std::pair<std::string, int32_t>> m = {{minus_one, -1}};
  for (size_t i = 0; i < names.size(); ++i) m.emplace_back(names[i], static_cast<int32_t>(i));
  return m;
}

std::vector<std::pair<std::string, int8_t>> DaysOfWeek() {
  constexpr const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  std::vector<std::pair<std::string, int8_t>> m;
  for (int8_t d = 0; d < 7; ++d) m.emplace_back(kDays[d], d);
  return m;
}

// ASCII text of `bytes` bytes, padded with nulls.
Hid FixedText(size_t bytes) {
  Hid t = Hid::Check(H5Tcopy(H5T_C_S1), H5Tclose, "create a text type");
  CheckStatus(H5Tset_size(t.get(), bytes), "size a text type");
  CheckStatus(H5Tset_strpad(t.get(), H5T_STR_NULLPAD), "pad a text type");
  return t;
}

// Builds a compound type field by field; Finish() gives the memory and packed file types.
class Compound {
 public:
  Compound(size_t size, const char* what)
      : what_(what), type_(Hid::Check(H5Tcreate(H5T_COMPOUND, size), H5Tclose,
                                      std::string("create compound ") + what)) {}
  Compound& Field(const char* name, size_t offset, hid_t type) {
    CheckStatus(H5Tinsert(type_.get(), name, offset, type),
                std::string("add field ") + name + " to " + what_);
    return *this;
  }
  RowType Finish() {
    Hid file = Hid::Check(H5Tcopy(type_.get()), H5Tclose, std::string("copy ") + what_);
    CheckStatus(H5Tpack(file.get()), std::string("pack ") + what_);
    PackedLayout layout = PackedLayout::Of(type_.get(), file.get());
    return {std::move(type_), std::move(file), std::move(layout)};
  }

 private:
  std::string what_;
  Hid type_;
};

}  // namespace

RecordTypes::RecordTypes(const records::EnumNames& names) {
  contact_type_enum_ = MakeEnum(H5T_NATIVE_INT32, NamedIndices(names.contact_types, "ALL"), "contact_type");
  agent_group_enum_ = MakeEnum(H5T_NATIVE_INT32, NamedIndices(names.agent_groups, "(none)"), "agent_group");
  outcome_enum_ = MakeEnum(H5T_NATIVE_UINT8, EnumMembers<records::ContactOutcome>(records::kContactOutcomeCount), "outcome");
  state_enum_ = MakeEnum(H5T_NATIVE_UINT8, EnumMembers<records::AgentState>(records::kAgentStateCount), "agent_state");
  event_kind_enum_ = MakeEnum(H5T_NATIVE_UINT8, EnumMembers<records::EventKind>(records::kEventKindCount), "event_kind");
  band_enum_ = MakeEnum(H5T_NATIVE_INT8, names.bands, "band");
  agent_name_enum_ = MakeEnum(H5T_NATIVE_INT32, NamedIndices(names.people, "(none)"), "agent_name");
  day_of_week_enum_ = MakeEnum(H5T_NATIVE_INT8, DaysOfWeek(), "day_of_week");
  interval_start_text_ = FixedText(kIntervalStartBytes);
  const hid_t f64 = H5T_NATIVE_DOUBLE, i32 = H5T_NATIVE_INT32, i64 = H5T_NATIVE_INT64,
              u64 = H5T_NATIVE_UINT64;

  using C = records::ContactRecord;
  contact = Compound(sizeof(C), "contact row")
                .Field("contact_id", offsetof(C, contact_id), u64)
                .Field("customer_id", offsetof(C, customer_id), u64)
                .Field("contact_type", offsetof(C, contact_type), contact_type_enum_.get())
                .Field("attempt", offsetof(C, attempt), i32)
                .Field("arrival", offsetof(C, arrival), f64)
                .Field("answer", offsetof(C, answer), f64)
                .Field("end", offsetof(C, end), f64)
                .Field("wait", offsetof(C, wait), f64)
                .Field("handle_time", offsetof(C, handle_time), f64)
                .Field("agent_id", offsetof(C, agent_id), i32)
                .Field("agent_group", offsetof(C, agent_group), agent_group_enum_.get())
                .Field("outcome", offsetof(C, outcome), outcome_enum_.get())
                .Finish();

  using S = records::AgentSpellRecord;
  spell = Compound(sizeof(S), "agent spell row")
              .Field("agent_id", offsetof(S, agent_id), i32)
              .Field("group", offsetof(S, group), agent_group_enum_.get())
              .Field("state", offsetof(S, state), state_enum_.get())
              .Field("start", offsetof(S, start), f64)
              .Field("end", offsetof(S, end), f64)
              .Finish();

  using E = records::EventRecord;
  event = Compound(sizeof(E), "event row")
              .Field("time", offsetof(E, time), f64)
              .Field("kind", offsetof(E, kind), event_kind_enum_.get())
              .Field("contact_id", offsetof(E, contact_id), i64)
              .Field("customer_id", offsetof(E, customer_id), i64)
              .Field("contact_type", offsetof(E, contact_type), contact_type_enum_.get())
              .Field("agent_id", offsetof(E, agent_id), i32)
              .Finish();

  using A = records::AgentResultRow;
  agent_result = Compound(sizeof(A), "agent result row")
                     .Field("replication", offsetof(A, replication), i32)
                     .Field("agent_id", offsetof(A, agent_id), i32)
                     .Field("group", offsetof(A, group), agent_group_enum_.get())
                     .Field("contacts", offsetof(A, contacts), f64)
                     .Field("aht", offsetof(A, aht), f64)
                     .Field("occupancy", offsetof(A, occupancy), f64)
                     .Field("resolved_share", offsetof(A, resolved_share), f64)
                     .Field("resolved_per_hour", offsetof(A, resolved_per_hour), f64)
                     .Field("band", offsetof(A, band), band_enum_.get())
                     .Field("rank", offsetof(A, rank), i32)
                     .Field("staffed", offsetof(A, staffed), f64)
                     .Field("asa", offsetof(A, asa), f64)
                     .Field("asked_for", offsetof(A, asked_for), f64)
                     .Field("asked_wait", offsetof(A, asked_wait), f64)
                     .Field("name", offsetof(A, name), agent_name_enum_.get())
                     .Finish();
}

RowType RecordTypes::SummaryRow(const std::vector<records::Column>& columns) const {
  Compound row(kSummaryKeyBytes + columns.size() * sizeof(double), "summary row");
  row.Field("replication", 0, H5T_NATIVE_INT32)
      .Field("contact_type", sizeof(int32_t), contact_type_enum_.get())
      .Field("agent_group", 2 * sizeof(int32_t), agent_group_enum_.get());
  for (size_t c = 0; c < columns.size(); ++c) {
    row.Field(columns[c].name.c_str(), kSummaryKeyBytes + c * sizeof(double), H5T_NATIVE_DOUBLE);
  }
  return row.Finish();
}

RowType RecordTypes::IntervalRow(const std::vector<records::Column>& columns, bool clock) const {
  const size_t key_bytes = IntervalKeyBytes(clock);
  Compound row(key_bytes + columns.size() * sizeof(double), "interval row");
  row.Field("replication", 0, H5T_NATIVE_INT32)
      .Field("interval", 4, H5T_NATIVE_INT32)
      .Field("start", 8, H5T_NATIVE_DOUBLE)
      .Field("end", 16, H5T_NATIVE_DOUBLE)
      .Field("contact_type", 24, contact_type_enum_.get());
  if (clock) {
    row.Field("interval_start", kIntervalStartOffset, interval_start_text_.get())
        .Field("day_of_week", kDayOfWeekOffset, day_of_week_enum_.get());
  }
  for (size_t c = 0; c < columns.size(); ++c) {
    row.Field(columns[c].name.c_str(), key_bytes + c * sizeof(double), H5T_NATIVE_DOUBLE);
  }
  return row.Finish();
}

}  // namespace ccsim::trace
