#pragma once
// Parameters of the ego car (a top-down Box2D rigid body with two axles). SI units.

#include <algorithm>
#include <cmath>

namespace sim {

struct VehicleDef {
  double length = 4.5;            // [m] body length
  double width = 1.9;             // [m] body width
  double mass = 1500.0;           // [kg]
  double wheelBase = 2.7;         // [m] front-to-rear axle distance, centred on the body
  double maxSteerAngle = 0.5;     // [rad] front wheel angle at |steer| = 1
  double maxSteerRate = 2.0;      // [rad/s] how fast the wheels turn toward the command
  // Speed-sensitive steering: at speed v, |steer| = 1 means the wheel angle that gives this lateral acceleration
  // on a kinematic bicycle (atan(L a / v²)), capped by maxSteerAngle. Without it the whole highway is driven within
  // ±2% of the steering range, so noise, bins and regression losses all see almost nothing of the action.
  double steerLateralAccel = 8.0;  // [m/s²] ≈ the tyres' grip (tyreFriction · g)
  double maxAccel = 4.0;          // [m/s²] drive at full throttle, fading as 1 - (v/maxSpeed)^2
  double maxBrakeDecel = 8.0;     // [m/s²] at full brake
  double maxSpeed = 40.0;         // [m/s]
  double tyreFriction = 0.9;      // [-] lateral grip μ: each axle holds at most μ·m·g/2
  double rollingDecel = 0.1;      // [m/s²] rolling resistance while moving
  double brakeLampThreshold = 0.4;  // [m/s²] commanded deceleration above which the brake indicator is on

  template <class V>
  void Visit(V& v) {
    v("length", length, 1.0, 20.0);
    v("width", width, 0.5, 4.0);
    v("mass", mass, 100.0, 50000.0);
    v("wheelBase", wheelBase, 0.5, 15.0);
    v("maxSteerAngle", maxSteerAngle, 0.05, 1.2);
    v("maxSteerRate", maxSteerRate, 0.1, 20.0);
    v("steerLateralAccel", steerLateralAccel, 0.5, 50.0);
    v("maxAccel", maxAccel, 0.1, 20.0);
    v("maxBrakeDecel", maxBrakeDecel, 0.1, 20.0);
    v("maxSpeed", maxSpeed, 1.0, 100.0);
    v("tyreFriction", tyreFriction, 0.05, 3.0);
    v("rollingDecel", rollingDecel, 0.0, 2.0);
    v("brakeLampThreshold", brakeLampThreshold, 0.0, 20.0);
  }
  bool operator==(const VehicleDef&) const = default;

  // [rad] the wheel angle at |steer| = 1 when driving at `speed` [m/s].
  double MaxSteerAngleAt(double speed) const {
    const double v2 = speed * speed;
    if (v2 <= 1e-9) return maxSteerAngle;
    return std::min(maxSteerAngle, std::atan(wheelBase * steerLateralAccel / v2));
  }
};

}  // namespace sim
