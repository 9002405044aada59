#pragma once
// A policy a lesson trained, kept with its result so it can be watched where the lesson measured it: the app's
// Lessons panel loads it into the window (the confused clone waiting behind its own brake lamp, the Gaussian one
// driving into the obstacle), and `ildrive lesson NAME --save-policies DIR` writes it as a checkpoint beside its
// scenario file. Pooled rows keep the policy of their first training seed; per-seed rows their own.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/driver.h"

namespace learning::policies {
class Policy;
}

namespace learning::imitation {

struct LessonPolicy {
  std::string table;   // the title of the table holding the row
  std::string method;  // the row's method
  std::shared_ptr<const policies::Policy> policy;
  // The scenario it was evaluated in, as sim::Scenario::DefJson() (sim::MakeScenarioFromJson reads it back):
  // lessons change scenario parameters (e.g. the multimodal lesson's loose decision window).
  std::string scenarioJson;
  // Evaluated with the scripted expert's lane keeping doing the steering and the policy working the pedals
  // (lane_kept_driver.h): watch it the same way.
  bool laneKeeping = false;
  // Evaluated with its command disturbed by this noise (noise_injection, disturbed_driver.h): figures trace it the
  // same way. (The app's Lessons panel watches it undisturbed.)
  std::optional<sim::NoisyExpertDef> disturbance;
};

struct LessonResult;

// A kept policy as files: <stem>.h5 (the checkpoint) beside <stem>.scenario.json (its scenario), so
// `ildrive gui --scenario-file <stem>.scenario.json --policy <stem>.h5 --drive policy [--lane-keeping]` watches it.
struct SavedLessonPolicy {
  const LessonPolicy* kept = nullptr;
  std::string policyPath;
  std::string scenarioPath;
};

// Writes every policy of `result` into `dir` (created when missing; each file atomically), stems named after
// the first row that keeps it (e.g. "bc_lamp_0"), and last `dir`/policies.json indexing every row ({"lesson",
// "policies": [{"table", "method", "policy", "scenario", "lane_keeping"}]}). Returns the files written, one per
// distinct policy. core::Error naming the path on failure.
std::vector<SavedLessonPolicy> SaveLessonPolicies(const LessonResult& result, const std::string& dir);

}  // namespace learning::imitation
