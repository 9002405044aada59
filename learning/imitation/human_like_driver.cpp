#include "learning/imitation/human_like_driver.h"

#include <cmath>
#include <string>

#include "core/error.h"

namespace learning::imitation {

namespace {

constexpr uint64_t kSaltHumanLike = 0x68756d616eull;

void CheckRange(double lo, double hi, const std::string& name) {
  if (!(lo >= 0.0) || !(hi >= lo))
    throw core::Error("human-like driver: " + name + "Min must be >= 0 and <= " + name + "Max (got " +
                      std::to_string(lo) + ", " + std::to_string(hi) + ")");
}

}  // namespace

void ValidateHumanLikeDef(const HumanLikeDef& def) {
  CheckRange(def.delayMin, def.delayMax, "delay");
  CheckRange(def.hesitationMin, def.hesitationMax, "hesitation");
  CheckRange(def.pauseMin, def.pauseMax, "pause");
  if (!(def.hesitationRate >= 0.0)) throw core::Error("human-like driver: hesitationRate must be >= 0");
  if (!(def.pauseRate >= 0.0)) throw core::Error("human-like driver: pauseRate must be >= 0");
}

HumanLikeExpertDriver::HumanLikeExpertDriver(const HumanLikeDef& def) : def_(def) { ValidateHumanLikeDef(def_); }

void HumanLikeExpertDriver::Reset(uint64_t seed) {
  rng_ = core::Rng(seed).Derive(kSaltHumanLike);
  delay_ = rng_.Uniform(def_.delayMin, def_.delayMax);
  delaySteps_ = -1;
  pending_.clear();
  last_ = {};
  started_ = false;
  holdLeft_ = 0.0;
  pauseLeft_ = 0.0;
}

sim::DriverDecision HumanLikeExpertDriver::Decide(const sim::Env& env, const sim::Observation& /*obs*/) {
  const double dt = env.ControlDt();
  if (delaySteps_ < 0) delaySteps_ = static_cast<int>(std::lround(delay_ / dt));
  // The delay line: the command executed now is the expert's from delaySteps_ steps ago; before that much
  // history exists, the first command is repeated (the car starts as the expert would).
  pending_.push_back(env.ExpertAction());
  while (static_cast<int>(pending_.size()) > delaySteps_ + 1) pending_.pop_front();
  const sim::Action delayed = pending_.front();
  if (!started_) {
    last_ = delayed;
    started_ = true;
  }

  // Hesitations and pauses start as Poisson events (probability rate·dt per step) and last a uniform time.
  if (holdLeft_ <= 0.0 && pauseLeft_ <= 0.0) {
    if (rng_.Bernoulli(def_.hesitationRate * dt))
      holdLeft_ = rng_.Uniform(def_.hesitationMin, def_.hesitationMax);
    else if (rng_.Bernoulli(def_.pauseRate * dt))
      pauseLeft_ = rng_.Uniform(def_.pauseMin, def_.pauseMax);
  }
  sim::Action executed = delayed;
  if (holdLeft_ > 0.0) {
    executed = last_;
    holdLeft_ -= dt;
  } else if (pauseLeft_ > 0.0) {
    executed = {last_.steer, 0.f};
    pauseLeft_ -= dt;
  }
  last_ = executed;
  return {executed, executed};
}

}  // namespace learning::imitation
