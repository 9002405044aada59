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

void OuActionNoise::Advance(const NoisyExpertDef& def, double dt, core::Rng& rng) {
  const double sigmas[2] = {def.sigma * def.steerScale, def.sigma};
  for (int i = 0; i < 2; ++i)
    state_[i] += -def.theta * state_[i] * dt + sigmas[i] * std::sqrt(2.0 * def.theta * dt) * rng.Normal();
}

Action OuActionNoise::AddTo(const Action& action) const {
  Action out;
  out.steer = static_cast<float>(std::clamp(action.steer + state_[0], -1.0, 1.0));
  out.accel = static_cast<float>(std::clamp(action.accel + state_[1], -1.0, 1.0));
  return out;
}

void NoisyExpertDriver::Reset(uint64_t seed) {
  rng_ = core::Rng(seed).Derive(kSaltNoisyDriver);
  noise_.Reset();
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
  noise_.Advance(def_, dt, rng_);
  DriverDecision d;
  d.label = env.ExpertAction();
  d.executed = Injecting() ? noise_.AddTo(d.label) : d.label;
  return d;
}

}  // namespace sim
