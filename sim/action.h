#pragma once
// The driver's action: two numbers in [-1,1] whose meaning depends on the scenario's ActionMode.
//
// Frame and sign conventions (all of sim/): x forward along the road at the start, y to the LEFT, angles
// counter-clockwise positive (so a positive heading turns left). Lateral offsets d are positive to the left.
//
// kDirect  (every control step, 20 Hz by default):
//   steer  +1 = full LEFT  (front wheels at +VehicleDef::MaxSteerAngleAt(speed): maxSteerAngle when slow, less at
//          speed so that full steer means about VehicleDef::steerLateralAccel of lateral acceleration), -1 = full
//          right; the wheels move toward the command at most VehicleDef::maxSteerRate.
//   accel  > 0 throttle: commanded acceleration accel * VehicleDef::maxAccel [m/s²] (fading as 1 - (v/maxSpeed)^2);
//          < 0 brake:   commanded deceleration -accel * VehicleDef::maxBrakeDecel [m/s²]; braking never reverses
//          the car and holds it at a standstill. The brake indicator is on while the commanded deceleration
//          exceeds VehicleDef::brakeLampThreshold.
// kTargets (one control step = one decision period, 1 s by default; the built-in controller tracks the targets
//          at the physics rate):
//   steer  target lateral position across the road: -1 = centre of the rightmost lane, +1 = centre of the leftmost
//          lane, linear in between (so on a 3-lane road 0 is the middle lane's centre).
//   accel  target speed: (accel + 1) / 2 * ScenarioCommonDef::maxTargetSpeed [m/s] (-1 = stop).
// Both modes are 2-D in [-1,1]², so every policy works with either. Values outside [-1,1] are clamped.

namespace sim {

struct Action {
  float steer = 0.f;  // [-1,1], + = left (kDirect) / target lateral position (kTargets)
  float accel = 0.f;  // [-1,1], + = throttle, - = brake (kDirect) / target speed (kTargets)
};

enum class ActionMode { kDirect, kTargets };

inline const char* ActionModeName(ActionMode mode) { return mode == ActionMode::kDirect ? "direct" : "targets"; }

}  // namespace sim
