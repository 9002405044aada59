#pragma once
// Longitudinal lessons on brake_light (history, causal_confusion): the clone works the pedals and the scenario's
// lane keeper (the expert's steering) steers (lane_kept_driver.h). brake_light clones that also steer leave the
// lane, and that failure would hide the one those lessons are about (following, braking, driving off).
#include <memory>
#include <string>

#include "learning/imitation/evaluation.h"
#include "learning/imitation/lane_kept_driver.h"
#include "learning/imitation/lessons/lesson_common.h"
#include "sim/scenarios/brake_light.h"

namespace learning::imitation {

// brake_light as the pedal lessons measure it: starting on the lane centre (no start spread). The scenario's
// default start spread gives its demonstrations lateral recoveries, so that clones which steer stay in the lane;
// here the lane keeper steers, and the spread would only add steering targets to the loss the lessons compare.
sim::BrakeLightDef CentredBrakeLight();

// Held-out evaluation of `policy` on the pedals (on the run's threads, or on `threads` > 0).
EvaluationSummary EvaluateLaneKept(const std::shared_ptr<policies::Policy>& policy, const EnvFactory& makeEnv,
                                   int episodes, uint64_t seed, const LessonRun& run, int threads = 0);

// One DAgger iteration (β = 0) on the pedals: `learner` drives `episodes` on-policy episodes (seed
// `collectSeed`), the expert labels every step, and a policy of `config` is retrained from scratch on the
// demonstrations plus those episodes. The demonstrations keep their split (validation figures stay on the same
// held-out episodes); every on-policy episode is training data. Rollouts on the run's threads, or on `threads` > 0.
TrainedPolicy DaggerOnceLaneKept(const policies::PolicyConfig& config, const data::Dataset& demos,
                                 const std::shared_ptr<policies::Policy>& learner, const EnvFactory& makeEnv,
                                 int episodes, uint64_t collectSeed, const TrainOptions& options,
                                 uint64_t trainSeed, const LessonRun& run, int threads = 0);

}  // namespace learning::imitation
