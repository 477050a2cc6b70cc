// The HDF5 types of ccsim's tables (docs/trace_format.md): enums named after the
// scenario's contact types and agent groups, and one compound type per row kind, in
// memory (the C++ structs as they are, or the flat rows of the summary tables) and in the file
// (the same fields, packed).
#ifndef CCSIM_TRACE_RECORD_TYPES_H_
#define CCSIM_TRACE_RECORD_TYPES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "sim/records/result_rows.h"
#include "sim/trace/hdf5_handle.h"
#include "sim/trace/table.h"

namespace ccsim::trace {

// A compound type twice: as laid out in memory, and packed for the file.
struct RowType {
  Hid memory;
  Hid file;
  PackedLayout layout;  // how one becomes the other, for ChunkEncoder
};

// The in-memory layout of the flat rows the summary tables are written from: the key
// fields at fixed offsets, then the row's values as float64, column by column.
inline constexpr size_t kSummaryKeyBytes = 16;   // replication, contact_type, agent_group, pad
inline constexpr size_t kIntervalKeyBytes = 32;  // replication, interval, start, end, contact_type
// A scenario with a start adds interval_start (null-padded text: 19 characters up to the year
// 9999, room for 20) and day_of_week (an int8 enum) after those keys.
inline constexpr size_t kIntervalStartOffset = kIntervalKeyBytes;
inline constexpr size_t kIntervalStartBytes = 20;
inline constexpr size_t kDayOfWeekOffset = kIntervalStartOffset + kIntervalStartBytes;
inline constexpr size_t kIntervalClockKeyBytes = 56;  // the above, padded to 8 bytes
static_assert(kDayOfWeekOffset + 1 <= kIntervalClockKeyBytes && kIntervalClockKeyBytes % 8 == 0);
inline constexpr size_t IntervalKeyBytes(bool clock) {
  return clock ? kIntervalClockKeyBytes : kIntervalKeyBytes;
}

class RecordTypes {
 public:
  explicit RecordTypes(const records::EnumNames& names);

  RowType contact;       // records::ContactRecord
  RowType spell;         // records::AgentSpellRecord
  RowType event;         // records::EventRecord
  RowType agent_result;  // records::AgentResultRow

  // A flat /summary row (kSummaryKeyBytes, then one float64 per column).
  RowType SummaryRow(const std::vector<records::Column>& columns) const;
  // A flat /intervals row (IntervalKeyBytes(clock), then one float64 per column).
  RowType IntervalRow(const std::vector<records::Column>& columns, bool clock) const;

 private:
  Hid contact_type_enum_;
  Hid agent_group_enum_;
  Hid outcome_enum_;
  Hid state_enum_;
  Hid event_kind_enum_;
  Hid band_enum_;
  Hid agent_name_enum_;
  Hid day_of_week_enum_;
  Hid interval_start_text_;
};

}  // namespace ccsim::trace

#endif  // CCSIM_TRACE_RECORD_TYPES_H_
