#include "sim/scenario/unsupported.h"

#include <string>
#include <string_view>

namespace ccsim::scenario::internal {
namespace {

void Reject(const SourceLocation& where, const std::string& path, std::string_view feature,
            Diagnostics* errors) {
  errors->push_back({where, path + ": " + std::string(feature) +
                                " is not supported by this version of ccsim yet"});
}

}  // namespace

void RejectUnsupportedFeatures(const Scenario& scenario, const LocationTable& where,
                               Diagnostics* errors) {
  // Reports at the value the model cannot honour.
  auto reject_value = [&](const std::string& path, std::string_view feature) {
    Reject(where.Value(path), path, feature, errors);
  };

  for (const ContactType& type : scenario.contact_types) {
    const std::string path = "contact_types." + type.name;
    if (type.channel != Channel::kVoice) {
      reject_value(path + ".channel", std::string("channel '") + ToString(type.channel) + "'");
    }
  }
  for (const AgentGroup& group : scenario.agent_groups) {
    const std::string path = "agent_groups." + group.name;
    if (group.concurrency != 1) reject_value(path + ".concurrency", "concurrency other than 1");
  }
}

}  // namespace ccsim::scenario::internal
