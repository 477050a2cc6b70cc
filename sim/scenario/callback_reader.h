// Reading a contact type's `callback` (SPEC §9, virtual hold): when a customer who would
// have to wait is offered a call back, how many take it, where the callback waits, and how
// the agent's call goes.
//
// Example:
//   callback:
//     offer_when: {expected_wait_over: 2m}   # or {queue_over: 10}
//     accept: 0.6
//     keep_place: true
//     reach: 0.9
//     redial: {delay: 10m, max: 2}
//     dial_time: 15s
#ifndef CCSIM_SCENARIO_CALLBACK_READER_H_
#define CCSIM_SCENARIO_CALLBACK_READER_H_

#include <optional>
#include <string>

#include "sim/scenario/scenario.h"
#include "sim/scenario/value_reader.h"
#include "sim/scenario/yaml_tree.h"

namespace ccsim::scenario::internal {

// The `callback` map. `accept` is required with `offer_when` and refused without it (a
// callback that max_wait makes is taken, not offered).
std::optional<Callback> ReadCallback(const YamlNode& node, const std::string& path,
                                     ReadContext& ctx);

}  // namespace ccsim::scenario::internal

#endif  // CCSIM_SCENARIO_CALLBACK_READER_H_
