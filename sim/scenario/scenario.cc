#include "sim/scenario/scenario.h"

#include <cmath>
#include <numeric>

namespace ccsim::scenario {
namespace {

template <typename T>
int IndexByName(const std::vector<T>& items, const std::string& name) {
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

double Distribution::Mean() const {
  switch (kind) {
    case DistributionKind::kConstant:
      return value;
    case DistributionKind::kExponential:
    case DistributionKind::kLognormal:
    case DistributionKind::kGamma:
      return mean;
    case DistributionKind::kUniform:
      return (min + max) / 2;
    case DistributionKind::kTriangular:
      return (min + mode + max) / 3;
    case DistributionKind::kWeibull:
      return scale * std::tgamma(1 + 1 / shape);
    case DistributionKind::kEmpirical:
      if (values.empty()) return 0;
      return std::accumulate(values.begin(), values.end(), 0.0) /
             static_cast<double>(values.size());
  }
  return 0;
}

int Scenario::ContactTypeIndex(const std::string& name) const {
  return IndexByName(contact_types, name);
}

int Scenario::AgentGroupIndex(const std::string& name) const {
  return IndexByName(agent_groups, name);
}

const char* ToString(DistributionKind k) {
  switch (k) {
    case DistributionKind::kConstant:
      return "constant";
    case DistributionKind::kExponential:
      return "exponential";
    case DistributionKind::kUniform:
      return "uniform";
    case DistributionKind::kTriangular:
      return "triangular";
    case DistributionKind::kLognormal:
      return "lognormal";
    case DistributionKind::kGamma:
      return "gamma";
    case DistributionKind::kWeibull:
      return "weibull";
    case DistributionKind::kEmpirical:
      return "empirical";
  }
  return "?";
}

const char* ToString(ArrivalKind k) {
  switch (k) {
    case ArrivalKind::kRate:
      return "rate";
    case ArrivalKind::kPattern:
      return "pattern";
    case ArrivalKind::kFile:
      return "file";
    case ArrivalKind::kWeekly:
      return "weekly";
    case ArrivalKind::kForecast:
      return "forecast";
  }
  return "?";
}

const char* ToString(Channel c) {
  switch (c) {
    case Channel::kVoice:
      return "voice";
    case Channel::kChat:
      return "chat";
    case Channel::kEmail:
      return "email";
  }
  return "?";
}

const char* ToString(ShiftRepeat r) {
  switch (r) {
    case ShiftRepeat::kOnce:
      return "once";
    case ShiftRepeat::kDaily:
      return "daily";
  }
  return "?";
}

const char* ToString(BusynessPer p) {
  return p == BusynessPer::kDay ? "day" : "replication";
}

const char* ToString(AtClose a) { return a == AtClose::kDrain ? "drain" : "clear"; }

const char* ToString(MaxWaitThen t) {
  return t == MaxWaitThen::kMessage ? "message" : "callback";
}

const char* ToString(AgentSelection s) {
  switch (s) {
    case AgentSelection::kLongestIdle:
      return "longest_idle";
    case AgentSelection::kMostSkilled:
      return "most_skilled";
    case AgentSelection::kFewestSkills:
      return "fewest_skills";
    case AgentSelection::kRandom:
      return "random";
  }
  return "?";
}

const char* ToString(ContactSelection s) {
  switch (s) {
    case ContactSelection::kPriorityThenLongestWait:
      return "priority_then_longest_wait";
    case ContactSelection::kLongestWait:
      return "longest_wait";
    case ContactSelection::kLongestWeightedWait:
      return "longest_weighted_wait";
  }
  return "?";
}

const char* ToString(Levels l) { return l == Levels::kRank ? "rank" : "ignore"; }

const char* ToString(OverflowWhen w) {
  switch (w) {
    case OverflowWhen::kAfter:
      return "after";
    case OverflowWhen::kQueueOver:
      return "queue_over";
    case OverflowWhen::kExpectedWaitOver:
      return "expected_wait_over";
  }
  return "?";
}

}  // namespace ccsim::scenario
