#pragma once
// The ego car: one dynamic Box2D body driven like the classic top-down car. Each physics tick, before the world
// step, the tyres cancel the sideways velocity at both axles with impulses (solved together, so a car below the
// grip limit does not slide) clamped to the friction limit μ·m·g/2 per axle; the front axle's direction follows
// the steering angle, which moves toward the command at a limited rate. Drive force fades as 1 - (v/maxSpeed)^2;
// the brake removes forward speed without ever reversing it, so holding the brake keeps a stopped car stopped.
#include <box2d/box2d.h>

#include "sim/action.h"
#include "sim/vehicle_def.h"

namespace sim {

class Car {
 public:
  Car() = default;
  Car(b2Body* body, const VehicleDef& def);

  // Applies one tick of controls (a kDirect action, clamped to [-1,1]) and an extra longitudinal acceleration
  // [m/s²] (a scenario's disturbance). Call before b2World::Step.
  void Apply(const Action& command, double dt, double extraAccel = 0.0);

  b2Body* Body() const { return body_; }
  const VehicleDef& Def() const { return def_; }
  double SteerAngle() const { return steerAngle_; }          // [rad] current front wheel angle
  const Action& Command() const { return command_; }         // last command, clamped
  double CommandedAccel() const;                              // [m/s²] signed, from the last command
  bool BrakeIndicator() const { return -CommandedAccel() > def_.brakeLampThreshold; }
  double ForwardSpeed() const;                                // [m/s] along the heading
  double LateralSpeed() const;                                // [m/s] sideways at the centre, + = left

 private:
  b2Body* body_ = nullptr;
  VehicleDef def_;
  double steerAngle_ = 0.0;
  Action command_;
};

}  // namespace sim
