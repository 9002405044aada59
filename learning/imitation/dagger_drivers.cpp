#include "learning/imitation/dagger_drivers.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>


namespace learning::imitation {

namespace {

constexpr uint64_t kSaltMixture = 0x6d6978747572ull;  // "mixture"
constexpr double kLaneHalfWidth = 1.85;              // [m] a vehicle with |dy| below this is in the ego's lane

double MeanAbsDifference(const sim::Action& a, const sim::Action& b) {
  return 0.5 * (std::abs(a.steer - b.steer) + std::abs(a.accel - b.accel));
}

// [s] time to collision with the nearest closing vehicle ahead in the ego's lane (infinite when none).
double TimeToCollision(const sim::Observation& obs, double egoLength) {
  if (!obs.Has("vehicles")) return std::numeric_limits<double>::infinity();
  const std::span<const float> v = obs.Get("vehicles");
  double ttc = std::numeric_limits<double>::infinity();
  for (size_t i = 0; i + 4 < v.size(); i += 5) {
    const double present = v[i], dx = v[i + 1], dy = v[i + 2], dvx = v[i + 3];
    if (present < 0.5 || dx <= 0.0 || std::abs(dy) > kLaneHalfWidth || dvx >= 0.0) continue;
    ttc = std::min(ttc, std::max(0.0, dx - egoLength) / -dvx);
  }
  return ttc;
}

}  // namespace

bool GateFires(const GateDef& gate, const sim::Observation& obs, const sim::Action& learner, const sim::Action& expert,
               double egoLength) {
  if (gate.timeToCollision > 0.0 && TimeToCollision(obs, egoLength) < gate.timeToCollision) return true;
  if (gate.laneDeviation > 0.0 && obs.Has("ego")) {
    const sim::ObservationComponent& ego = obs.Component("ego");
    const auto it = std::find(ego.names.begin(), ego.names.end(), "lane_offset");
    if (it != ego.names.end() && std::abs(ego.values[static_cast<size_t>(it - ego.names.begin())]) > gate.laneDeviation)
      return true;
  }
  if (gate.disagreement > 0.0 && std::max(std::abs(learner.steer - expert.steer),
                                          std::abs(learner.accel - expert.accel)) > gate.disagreement)
    return true;
  return false;
}

MixtureDriver::MixtureDriver(std::shared_ptr<const policies::Policy> policy, const sim::Env& env, double beta)
    : learner_(std::move(policy), env), beta_(beta) {
  ILD_CHECK(beta >= 0.0 && beta <= 1.0, "MixtureDriver beta in [0, 1]");
}

void MixtureDriver::Reset(uint64_t seed) {
  learner_.Reset(seed);
  rng_ = core::Rng(seed).Derive(kSaltMixture);
  stats_ = {};
}

sim::DriverDecision MixtureDriver::Decide(const sim::Env& env, const sim::Observation& obs) {
  const sim::DriverDecision learner = learner_.Decide(env, obs);
  const sim::Action expert = env.ExpertAction();
  const bool expertDrives = rng_.Bernoulli(beta_);
  ++stats_.steps;
  stats_.expertSteps += expertDrives ? 1 : 0;
  stats_.disagreement += MeanAbsDifference(learner.executed, expert);
  return sim::DriverDecision{expertDrives ? expert : learner.executed, expert};
}

GatedDriver::GatedDriver(std::shared_ptr<const policies::Policy> policy, const sim::Env& env, const GateDef& gate)
    : learner_(std::move(policy), env), gate_(gate) {}

void GatedDriver::Reset(uint64_t seed) {
  learner_.Reset(seed);
  holdLeft_ = 0.0;
  takeover_.clear();
  stats_ = {};
}

sim::DriverDecision GatedDriver::Decide(const sim::Env& env, const sim::Observation& obs) {
  const sim::DriverDecision learner = learner_.Decide(env, obs);
  const sim::Action expert = env.ExpertAction();
  if (GateFires(gate_, obs, learner.executed, expert, env.GetScenario().Common().vehicle.length))
    holdLeft_ = std::max(holdLeft_, gate_.holdTime);
  const bool expertDrives = holdLeft_ > 0.0;
  if (expertDrives) holdLeft_ -= env.ControlDt();
  takeover_.push_back(expertDrives ? 1 : 0);
  ++stats_.steps;
  stats_.expertSteps += expertDrives ? 1 : 0;
  stats_.disagreement += MeanAbsDifference(learner.executed, expert);
  return sim::DriverDecision{expertDrives ? expert : learner.executed, expert};
}

}  // namespace learning::imitation
