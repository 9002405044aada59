#pragma once
// The person at the keyboard or gamepad as a Driver. Keys are on/off, so the driver ramps its action toward
// what the keys ask for (a tap steers a little, holding steers fully), like a car's steering wheel:
//   direct mode:  steer/accel ramp toward ±1 while a key is held and back to 0 when released; full brake is
//                 immediate. A connected gamepad's sticks/triggers give the analogue values directly.
//   targets mode: keys move the target lane position and the target speed, which stay where they were left.
// The app sets the input every frame; Decide, called at each control step, advances the ramps by ControlDt.
// In sim/ (it needs nothing else) so headless drivers use exactly these ramps (learning/imitation/keyboard_driver.h).
#include <optional>
#include <string>

#include "sim/action.h"
#include "sim/driver.h"

namespace sim {

struct HumanInput {
  bool left = false;
  bool right = false;
  bool throttle = false;
  bool brake = false;
  bool fullBrake = false;
  // From a gamepad: analogue steer (+ = left) and accel (+ = throttle, - = brake), both in [-1,1].
  std::optional<Action> analog;
  // Any key or the stick held: the person is acting (what labels a DAgger step in the app's session).
  bool Any() const { return left || right || throttle || brake || fullBrake || analog.has_value(); }
};

struct HumanDriverDef {
  float steerRate = 2.5f;        // [1/s] how fast the steer command moves toward ±1 while a key is held
  float steerReturnRate = 4.f;   // [1/s] back toward 0 when released
  float throttleRate = 2.f;      // [1/s]
  float brakeRate = 4.f;         // [1/s]
  float releaseRate = 5.f;       // [1/s] accel back toward 0 when neither key is held
  float targetLaneRate = 1.f;    // [1/s] targets mode: lateral target change while a key is held
  float targetSpeedRate = 0.5f;  // [1/s] targets mode: speed target change while a key is held
};

// Moves `value` toward `target` by at most `step`.
float RampToward(float value, float target, float step);

// The action the input asks for after `dt` seconds, starting from `current`.
Action RampAction(const Action& current, const HumanInput& input, ActionMode mode, float dt,
                       const HumanDriverDef& def);

class HumanDriver : public Driver {
 public:
  explicit HumanDriver(HumanDriverDef def = {}) : def_(def) {}
  void SetInput(const HumanInput& input) { input_ = input; }
  const HumanInput& Input() const { return input_; }
  // The ramped action the last Decide returned.
  const Action& Current() const { return current_; }

  void Reset(uint64_t seed) override;
  DriverDecision Decide(const Env& env, const Observation& observation) override;
  std::string Source() const override { return "human"; }

 private:
  HumanDriverDef def_;
  HumanInput input_;
  Action current_;
  bool targetsInitialised_ = false;
};

}  // namespace sim
