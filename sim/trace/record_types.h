// The HDF5 types of ccsim's tables (docs/trace_format.md): enums named after the
// scenario's contact types and agent groups, and one compound type per row kind, in
// memory (the C++ structs as they are) and in the file (the same fields, packed).
#ifndef CCSIM_TRACE_RECORD_TYPES_H_
#define CCSIM_TRACE_RECORD_TYPES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "sim/trace/rows.h"
#include "sim/trace/hdf5_handle.h"
#include "sim/trace/table.h"

namespace ccsim::trace {

// A compound type twice: as laid out in memory, and packed for the file.
struct RowType {
  Hid memory;
  Hid file;
  PackedLayout layout;  // how one becomes the other, for ChunkEncoder
};

class RecordTypes {
 public:
  RecordTypes(const std::vector<std::string>& contact_types,
              const std::vector<std::string>& agent_groups);

  RowType contact;       // records::ContactRecord
  RowType spell;         // records::AgentSpellRecord
  RowType event;         // records::EventRecord
  RowType summary;       // SummaryRow
  RowType interval;      // IntervalRow
  RowType agent_result;  // AgentResultRow

 private:
  Hid contact_type_enum_;
  Hid agent_group_enum_;
  Hid outcome_enum_;
  Hid state_enum_;
  Hid event_kind_enum_;
  Hid band_enum_;
};

}  // namespace ccsim::trace

#endif  // CCSIM_TRACE_RECORD_TYPES_H_
