#pragma once
// The drivers DAgger rolls out (dagger.h). Both ask the learner and the labeller (dagger_labeller.h; the scripted
// expert unless given another) at every control step — the learner's history and chunk executor stay those of a
// continuous drive, the labeller sees the whole drive — and label with the labeller's action.
//   MixtureDriver  — DAgger: the labeller drives a step with probability β, else the learner. Labelled() says
//                    which steps carry a real label (where the labeller acted, or every step with LabelSteps::kEvery).
//   GatedDriver    — HG-DAgger: the learner drives until the gate fires; then the labeller drives for at least the
//                    hold time and until the gate clears. Takeover() says which steps it drove.
#include <memory>
#include <vector>

#include "core/rng.h"
#include "learning/imitation/dagger_labeller.h"
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
  long expertSteps = 0;       // steps the labeller (by default the expert) drove
  long labelledSteps = 0;     // steps with a real label (MixtureDriver; GatedDriver: its takeover steps)
  double disagreement = 0.0;  // Σ over steps of mean |learner − labeller| over the two entries
};

class MixtureDriver : public sim::Driver {
 public:
  // `labeller` null: the scripted expert (ExpertLabeller).
  MixtureDriver(std::shared_ptr<const policies::Policy> policy, const sim::Env& env, double beta,
                std::unique_ptr<Labeller> labeller = nullptr, LabelSteps labelSteps = LabelSteps::kWhereActed);
  void Reset(uint64_t seed) override;
  sim::DriverDecision Decide(const sim::Env& env, const sim::Observation& obs) override;
  std::string Source() const override { return "dagger"; }
  const MixStats& Stats() const { return stats_; }
  // One flag per control step of the current episode: 1 where the label is real (data::Episode::labelled).
  const std::vector<uint8_t>& Labelled() const { return labelled_; }

 private:
  PolicyDriver learner_;
  std::unique_ptr<Labeller> labeller_;
  LabelSteps labelSteps_;
  double beta_;
  core::Rng rng_;
  std::vector<uint8_t> labelled_;
  MixStats stats_;
};

class GatedDriver : public sim::Driver {
 public:
  // `labeller` null: the scripted expert (ExpertLabeller).
  GatedDriver(std::shared_ptr<const policies::Policy> policy, const sim::Env& env, const GateDef& gate,
              std::unique_ptr<Labeller> labeller = nullptr);
  void Reset(uint64_t seed) override;
  sim::DriverDecision Decide(const sim::Env& env, const sim::Observation& obs) override;
  std::string Source() const override { return "hg-dagger"; }
  const MixStats& Stats() const { return stats_; }
  // One flag per control step of the current episode: 1 where the labeller drove.
  const std::vector<uint8_t>& Takeover() const { return takeover_; }

 private:
  PolicyDriver learner_;
  std::unique_ptr<Labeller> labeller_;
  GateDef gate_;
  double holdLeft_ = 0.0;  // [s]
  std::vector<uint8_t> takeover_;
  MixStats stats_;
};

// Whether the gate fires at `obs` (raw observation) given the learner's and the labeller's actions.
bool GateFires(const GateDef& gate, const sim::Observation& obs, const sim::Action& learner, const sim::Action& expert,
               double egoLength);

}  // namespace learning::imitation
