#include "learning/imitation/lessons/lane_kept.h"

#include "learning/imitation/dagger.h"

namespace learning::imitation {

sim::BrakeLightDef CentredBrakeLight() {
  sim::BrakeLightDef def;
  def.common.egoOffsetSpread = 0.0;
  def.common.egoHeadingSpread = 0.0;
  return def;
}

EvaluationSummary EvaluateLaneKept(const std::shared_ptr<policies::Policy>& policy, const EnvFactory& makeEnv,
                                   int episodes, uint64_t seed, const LessonRun& run, int threads) {
  return EvaluateDrivers(makeEnv, LaneKept(PolicyDrivers(policy)), episodes, seed, run, threads);
}

TrainedPolicy DaggerOnceLaneKept(const policies::PolicyConfig& config, const data::Dataset& demos,
                                 const std::shared_ptr<policies::Policy>& learner, const EnvFactory& makeEnv,
                                 int episodes, uint64_t collectSeed, const TrainOptions& options,
                                 uint64_t trainSeed, const LessonRun& run, int threads) {
  data::Dataset onPolicy = CollectDemos(makeEnv, LaneKept(PolicyDrivers(learner)), episodes, collectSeed,
                                        threads > 0 ? threads : run.Threads(), run.Cancel(), "dagger");
  data::Dataset aggregated = demos;
  for (data::Episode& e : onPolicy.episodes) {
    aggregated.train.push_back(static_cast<int>(aggregated.episodes.size()));
    aggregated.episodes.push_back(std::move(e));
  }
  return TrainPolicy(config, aggregated, options, trainSeed, run.Cancel());
}

}  // namespace learning::imitation
