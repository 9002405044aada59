#pragma once
// The drivers DAgger rolls out (dagger.h). Both ask the learner and the scripted expert at every control step
// (the learner's history and chunk executor stay those of a continuous drive) and always label with the expert.
//   MixtureDriver  — DAgger: the expert drives a step with probability β, else the learner.
//   GatedDriver    — HG-DAgger: the learner drives until the gate fires; then the expert drives for at least the
//                    hold time and until the gate clears. Takeover() says which steps the expert drove.
#include <memory>
#include <vector>

#include "core/rng.h"
#include "learning/imitation/policy_driver.h"

namespace learning::imitation {

// HG-DAgger's scripted gate; a threshold of 0 switches that test off.
struct GateDef {
  double timeToCollision = 0.0;  // [s] fire when a vehicle ahead in the ego's lane is closer than this in time
  double laneDeviation = 0.0;    // [m] fire when |lane_offset| exceeds this
  double disagreement = 0.0;     // [-] fire when max |policy − expert| over the two action entries exceeds this
  double holdTime = 1.0;         // [s] the expert keeps control at least this long after the gate fires
  bool Enabled() const { return timeToCollision > 0.0 || laneDeviation > 0.0 || disagreement > 0.0; }
};


// Per-episode counts both drivers keep (reset by Reset).
struct MixStats {
  long steps = 0;
  long expertSteps = 0;       // steps the expert drove
  double disagreement = 0.0;  // Σ over steps of mean |learner − expert| over the two entries
};

class MixtureDriver : public sim::Driver {
 public:
  MixtureDriver(std::shared_ptr<const policies::Policy> policy, const sim::Env& env, double beta);
  void Reset(uint64_t seed) override;
  sim::DriverDecision Decide(const sim::Env& env, const sim::Observation& obs) override;
  std::string Source() const override { return "dagger"; }
  const MixStats& Stats() const { return stats_; }

 private:
  PolicyDriver learner_;
  double beta_;
  core::Rng rng_;
  MixStats stats_;
};

class GatedDriver : public sim::Driver {
 public:
  GatedDriver(std::shared_ptr<const policies::Policy> policy, const sim::Env& env, const GateDef& gate);
  void Reset(uint64_t seed) override;
  sim::DriverDecision Decide(const sim::Env& env, const sim::Observation& obs) override;
  std::string Source() const override { return "hg-dagger"; }
  const MixStats& Stats() const { return stats_; }
  // One flag per control step of the current episode: 1 where the expert drove.
  const std::vector<uint8_t>& Takeover() const { return takeover_; }

 private:
  PolicyDriver learner_;
  GateDef gate_;
  double holdLeft_ = 0.0;  // [s]
  std::vector<uint8_t> takeover_;
  MixStats stats_;
};

// Whether the gate fires at `obs` (raw observation) given the learner's and the expert's actions.
bool GateFires(const GateDef& gate, const sim::Observation& obs, const sim::Action& learner, const sim::Action& expert,
               double egoLength);

}  // namespace learning::imitation
