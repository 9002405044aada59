#include "learning/imitation/keyboard_driver.h"

#include <string>

#include "core/error.h"

namespace learning::imitation {

namespace {

constexpr uint64_t kSaltKeyboard = 0x6b657973ull;  // "keys"

// Checks each field against the range its Visit gives.
struct RangeCheck {
  template <class T>
  void operator()(const char* key, const T& field, double lo, double hi) const {
    if (!(field >= lo && field <= hi))
      throw core::Error("keyboard driver: " + std::string(key) + " must be in [" + std::to_string(lo) + ", " +
                        std::to_string(hi) + "] (got " + std::to_string(field) + ")");
  }
};

}  // namespace

bool AnyKeyDown(const sim::HumanInput& keys) {
  return keys.left || keys.right || keys.throttle || keys.brake || keys.fullBrake;
}

void ValidateKeyboardDef(const KeyboardDef& def) {
  KeyboardDef copy = def;
  RangeCheck check;
  copy.Visit(check);
  if (!(def.releaseThreshold < def.pressThreshold))
    throw core::Error("keyboard driver: releaseThreshold must be below pressThreshold (got " +
                      std::to_string(def.releaseThreshold) + " >= " + std::to_string(def.pressThreshold) + ")");
  if (!(def.lateReleaseMin <= def.lateReleaseMax))
    throw core::Error("keyboard driver: lateReleaseMin must be <= lateReleaseMax (got " +
                      std::to_string(def.lateReleaseMin) + ", " + std::to_string(def.lateReleaseMax) + ")");
  ValidateHumanLikeDef(def.intention);
}

KeyboardDriver::KeyboardDriver(const KeyboardDef& def)
    : def_(def), intentionDriver_((ValidateKeyboardDef(def), def.intention)), ramps_(def.ramps), rng_(0) {}

void KeyboardDriver::Reset(uint64_t seed) {
  intentionDriver_.Reset(seed);
  ramps_.Reset(seed);
  rng_ = core::Rng(seed).Derive(kSaltKeyboard);
  steer_ = {};
  accel_ = {};
  keys_ = {};
  acted_ = false;
  intention_ = {};
  started_ = false;
}

void KeyboardDriver::UpdateAxis(Axis& axis, double intended, double command, bool returnsToZero, double dt) {
  if (axis.lateLeft > 0.0) {  // a key coming up late stays down whatever the intention says
    axis.lateLeft -= dt;
    if (axis.lateLeft <= 0.0) axis.up = axis.down = false;
    return;
  }
  const double error = intended - command;
  const bool held = axis.up || axis.down;
  const bool reached = axis.up ? error <= def_.releaseThreshold : error >= -def_.releaseThreshold;
  if (held) {
    if (!reached) return;
    if (rng_.Bernoulli(def_.lateReleaseProbability)) {
      axis.lateLeft = rng_.Uniform(def_.lateReleaseMin, def_.lateReleaseMax);
      if (axis.lateLeft <= 0.0) axis.up = axis.down = false;
    } else {
      axis.up = axis.down = false;
    }
    return;
  }
  // With no key down the direct-mode ramps return toward 0: no key is needed while that heads for the intention.
  if (error > def_.pressThreshold) {
    axis.up = !(returnsToZero && command < 0.0 && intended <= 0.0);
  } else if (error < -def_.pressThreshold) {
    axis.down = !(returnsToZero && command > 0.0 && intended >= 0.0);
  }
}

sim::DriverDecision KeyboardDriver::Decide(const sim::Env& env, const sim::Observation& obs) {
  // Targets mode: the ramps start from the expert's targets (sim/human_driver.h), so does the comparison.
  const sim::Action own =
      started_ ? ramps_.Current() : (env.Mode() == sim::ActionMode::kTargets ? env.ExpertAction() : sim::Action{});
  return Watch(env, obs, own);
}

sim::DriverDecision KeyboardDriver::Watch(const sim::Env& env, const sim::Observation& obs,
                                          const sim::Action& carCommand) {
  started_ = true;
  const double dt = env.ControlDt();
  const bool direct = env.Mode() == sim::ActionMode::kDirect;
  intention_ = intentionDriver_.Decide(env, obs).executed;
  const bool heldBefore = AnyKeyDown(keys_);
  UpdateAxis(steer_, intention_.steer, carCommand.steer, direct, dt);
  UpdateAxis(accel_, intention_.accel, carCommand.accel, direct, dt);
  keys_.left = steer_.up;
  keys_.right = steer_.down;
  keys_.throttle = accel_.up;
  keys_.brake = accel_.down;
  keys_.fullBrake = direct && intention_.accel < def_.fullBrakeBelow;
  acted_ = heldBefore || AnyKeyDown(keys_);
  ramps_.SetInput(keys_);
  return ramps_.Decide(env, obs);
}

}  // namespace learning::imitation
