#include "sim/driver.h"

#include <algorithm>
#include <cmath>

namespace sim {

namespace {
constexpr uint64_t kSaltNoisyDriver = 0x6e6f697379ull;
}

DriverDecision ExpertDriver::Decide(const Env& env, const Observation& /*obs*/) {
  const Action a = env.ExpertAction();
  return {a, a};
}

NoisyExpertDriver::NoisyExpertDriver(const NoisyExpertDef& def) : def_(def) {}

void NoisyExpertDriver::Reset(uint64_t seed) {
  rng_ = core::Rng(seed).Derive(kSaltNoisyDriver);
  noise_[0] = noise_[1] = 0.0;
  episodeOn_ = rng_.Bernoulli(def_.episodeProbability);
  segmentOn_ = true;
  segmentLeft_ = 0.0;
}

DriverDecision NoisyExpertDriver::Decide(const Env& env, const Observation& /*obs*/) {
  const double dt = env.ControlDt();
  if (segmentLeft_ <= 0.0) {
    segmentOn_ = rng_.Bernoulli(def_.segmentProbability);
    segmentLeft_ = def_.segmentDuration;
  }
  segmentLeft_ -= dt;
  const double sigmas[2] = {def_.sigma * def_.steerScale, def_.sigma};
  for (int i = 0; i < 2; ++i)
    noise_[i] += -def_.theta * noise_[i] * dt + sigmas[i] * std::sqrt(2.0 * def_.theta * dt) * rng_.Normal();
  DriverDecision d;
  d.label = env.ExpertAction();
  d.executed = d.label;
  if (Injecting()) {
    d.executed.steer = static_cast<float>(std::clamp(d.label.steer + noise_[0], -1.0, 1.0));
    d.executed.accel = static_cast<float>(std::clamp(d.label.accel + noise_[1], -1.0, 1.0));
  }
  return d;
}

}  // namespace sim
