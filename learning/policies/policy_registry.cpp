#include "learning/policies/policy_registry.h"

#include "core/error.h"
#include "learning/policies/mse_head.h"

namespace learning::policies {

namespace {

template <HeadFactory<float> F, HeadFactory<double> D>
PolicyEntry Entry(const std::string& name, const std::string& description) {
  PolicyEntry entry;
  entry.name = name;
  entry.description = description;
  entry.defaults.policy = name;
  entry.makeHead = F;
  entry.makeHeadDouble = D;
  return entry;
}

}  // namespace

std::vector<PolicyEntry> PolicyRegistry() {
  std::vector<PolicyEntry> table;
  table.push_back(Entry<MakeMseHead<float>, MakeMseHead<double>>(
      "mse", "regression of the action, mean squared error (averages modes)"));
  return table;
}

PolicyEntry FindPolicy(const std::string& name) {
  std::string names;
  for (PolicyEntry& entry : PolicyRegistry()) {
    if (entry.name == name) return entry;
    names += (names.empty() ? "" : ", ") + entry.name;
  }
  throw core::Error("unknown policy \"" + name + "\" (registered: " + names + ")");
}

PolicyConfig DefaultPolicyConfig(const std::string& name) { return FindPolicy(name).defaults; }

}  // namespace learning::policies
