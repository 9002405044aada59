#include "sim/human_driver.h"

#include <algorithm>

#include "sim/env.h"

namespace sim {

float RampToward(float value, float target, float step) {
  if (value < target) return std::min(value + step, target);
  return std::max(value - step, target);
}

Action RampAction(const Action& current, const HumanInput& input, ActionMode mode, float dt,
                       const HumanDriverDef& def) {
  if (input.analog) {
    return {std::clamp(input.analog->steer, -1.f, 1.f), std::clamp(input.analog->accel, -1.f, 1.f)};
  }
  Action next = current;
  int steerWanted = (input.left ? 1 : 0) - (input.right ? 1 : 0);  // + = left (sim/action.h)
  if (mode == ActionMode::kTargets) {
    // Targets hold where they were left; keys move them.
    next.steer = std::clamp(current.steer + static_cast<float>(steerWanted) * def.targetLaneRate * dt, -1.f, 1.f);
    int speedWanted = (input.throttle ? 1 : 0) - (input.brake ? 1 : 0);
    next.accel = std::clamp(current.accel + static_cast<float>(speedWanted) * def.targetSpeedRate * dt, -1.f, 1.f);
    if (input.fullBrake) next.accel = -1.f;
    return next;
  }
  next.steer = steerWanted != 0 ? RampToward(current.steer, static_cast<float>(steerWanted), def.steerRate * dt)
                                : RampToward(current.steer, 0.f, def.steerReturnRate * dt);
  if (input.fullBrake) {
    next.accel = -1.f;
  } else if (input.brake && !input.throttle) {
    // Leaving the throttle is immediate; the brake itself ramps.
    next.accel = RampToward(std::min(current.accel, 0.f), -1.f, def.brakeRate * dt);
  } else if (input.throttle && !input.brake) {
    next.accel = RampToward(std::max(current.accel, 0.f), 1.f, def.throttleRate * dt);
  } else {
    next.accel = RampToward(current.accel, 0.f, def.releaseRate * dt);
  }
  return next;
}

void HumanDriver::Reset(uint64_t /*seed*/) {
  current_ = {};
  targetsInitialised_ = false;
}

DriverDecision HumanDriver::Decide(const Env& env, const Observation& /*observation*/) {
  if (env.Mode() == ActionMode::kTargets && !targetsInitialised_) {
    // Start from the expert's targets (the lane and speed it would hold) rather than from "stop, road centre".
    current_ = env.ExpertAction();
    targetsInitialised_ = true;
  }
  current_ = RampAction(current_, input_, env.Mode(), static_cast<float>(env.ControlDt()), def_);
  return {current_, current_};
}

}  // namespace sim
