#pragma once
// The one table of policies: name → head factory, default configuration and a one-line description. The GUI
// pickers, `ildrive train --list`, the bench and the generic tests iterate it. Every entry uses the mlp encoder
// by default; encoder (`stack`, `transformer`), history and chunking are configuration on top of any entry.
#include <string>
#include <type_traits>
#include <vector>

#include "learning/policies/head.h"
#include "learning/policies/policy_config.h"

namespace learning::policies {

struct PolicyEntry {
  std::string name;
  std::string description;
  PolicyConfig defaults;  // defaults.policy == name
  HeadFactory<float> makeHead = nullptr;
  HeadFactory<double> makeHeadDouble = nullptr;  // the same head in double precision (gradient checks)
  // Heads that integrate or denoise when acting: the field of PolicyConfig holding their number of sampling steps
  // (flow_matching: flowSteps, diffusion: ddimSteps), and whether a sampler can be chosen (diffusionSampler), so
  // `--sampling-steps` and Policy::CopyWithSampling ask the registry instead of naming heads.
  int PolicyConfig::*samplingSteps = nullptr;
  bool choosesSampler = false;
};

// The table, built on each call (no static registration).
std::vector<PolicyEntry> PolicyRegistry();
// The entry called `name`; core::Error listing the valid names otherwise.
PolicyEntry FindPolicy(const std::string& name);
// The registry defaults of `name`.
PolicyConfig DefaultPolicyConfig(const std::string& name);
// "flow_matching and diffusion": the entries with sampling steps (choosesSampler: those that choose a sampler).
std::string SamplingHeadNames(bool choosesSampler = false);

template <class T>
HeadFactory<T> HeadFactoryFor(const PolicyEntry& entry) {
  if constexpr (std::is_same_v<T, float>) {
    return entry.makeHead;
  } else {
    return entry.makeHeadDouble;
  }
}

}  // namespace learning::policies
