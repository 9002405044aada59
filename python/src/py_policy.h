#pragma once
// The Python Policy object: a shared policies::Policy (evaluation threads share it read-only) and the random stream
// act() samples from.
#include <memory>

#include "core/rng.h"
#include "learning/policies/policy.h"

namespace ildrive_py {

class PyPolicy {
 public:
  PyPolicy(learning::policies::Policy policy, uint64_t seed);
  const learning::policies::Policy& Get() const { return *policy_; }
  // For changing weights or the normaliser (never while an evaluation runs: Python holds the GIL meanwhile).
  learning::policies::Policy& Mutable() { return *policy_; }
  std::shared_ptr<const learning::policies::Policy> Shared() const { return policy_; }
  core::Rng& Rng() { return rng_; }

 private:
  std::shared_ptr<learning::policies::Policy> policy_;
  core::Rng rng_;
};

}  // namespace ildrive_py
