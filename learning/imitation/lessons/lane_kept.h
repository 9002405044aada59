#pragma once
// Longitudinal lessons on brake_light (history, causal_confusion): the clone works the pedals and the scenario's
// lane keeper (the expert's steering) steers, as adaptive cruise control would. brake_light clones that also
// steer leave the lane, and that failure would hide the one those lessons are about (following, braking,
// driving off). The label stays the expert's whole action.
#include <memory>
#include <string>

#include "learning/imitation/evaluation.h"
#include "learning/imitation/lessons/lesson_common.h"
#include "sim/driver.h"

namespace learning::imitation {

// `inner` works the pedals; the expert's lane keeping steers.
class LaneKeptDriver : public sim::Driver {
 public:
  explicit LaneKeptDriver(std::unique_ptr<sim::Driver> inner) : inner_(std::move(inner)) {}
  void Reset(uint64_t seed) override { inner_->Reset(seed); }
  sim::DriverDecision Decide(const sim::Env& env, const sim::Observation& obs) override;
  std::string Source() const override { return inner_->Source(); }

 private:
  std::unique_ptr<sim::Driver> inner_;
};

DriverFactory LaneKept(DriverFactory inner);

// Held-out evaluation of `policy` on the pedals.
EvaluationSummary EvaluateLaneKept(const std::shared_ptr<policies::Policy>& policy, const EnvFactory& makeEnv,
                                   int episodes, uint64_t seed, const LessonRun& run);

// One DAgger iteration (β = 0) on the pedals: `learner` drives `episodes` on-policy episodes (seed
// `collectSeed`), the expert labels every step, and a policy of `config` is retrained from scratch on the
// demonstrations plus those episodes. The demonstrations keep their split (validation figures stay on the same
// held-out episodes); every on-policy episode is training data.
TrainedPolicy DaggerOnceLaneKept(const policies::PolicyConfig& config, const data::Dataset& demos,
                                 const std::shared_ptr<policies::Policy>& learner, const EnvFactory& makeEnv,
                                 int episodes, uint64_t collectSeed, const TrainOptions& options,
                                 uint64_t trainSeed, const LessonRun& run);

}  // namespace learning::imitation
