#pragma once
// `brake_light`: follow a lead car on a one-lane road; the lead brakes hard (4-8 m/s²) to full stops every 6-15 s,
// waits 1-6 s and drives off again. The causal-confusion stage (docs/design.md): the `brake_indicator` component is
// the ego's own raw lamp (previous commanded deceleration above VehicleDef::brakeLampThreshold, no hold time), the
// `vehicles` and `ego` components carry range-dependent sensor noise, and the car feels a small AR(1)
// longitudinal disturbance. The expert is IDM (T 1.4 s, s0 3 m) and holds the brake at a standstill until the
// lead moves off. Success: no collision and no stall until the time limit. Metrics: start delays after the lead
// drives off (the share over 3 s is where a lamp-confused policy shows).
// Start: the ego at the lead's cruise speed, at the expert's IDM equilibrium gap behind it (21-48 m, a 1.8-2.7 s
// time gap over the cruise range): a following gap by design, so the demonstrations begin in steady following;
// it may be shorter than the 2 s gap the other scenarios keep, and the lead cruises ≥ cruiseTimeMin before braking.
#include <memory>

#include "sim/idm.h"
#include "sim/scenario.h"

namespace sim {

struct BrakeLightDef {
  // The ego starts up to ±0.5 m / ±0.05 rad off the lane centre (as highway does) so clean demonstrations show
  // lateral recoveries: from centred starts a clone of 150 expert demos drifted off the road (27% success).
  ScenarioCommonDef common{.duration = 40.0, .nearestVehicles = 1, .stallTimeout = 20.0, .egoOffsetSpread = 0.5,
                           .egoHeadingSpread = 0.05, .vehicle = {}};
  double laneWidth = 3.7;          // [m]
  double roadLength = 1500.0;      // [m]
  double egoStart = 20.0;          // [m]
  double cruiseMin = 12.0;         // [m/s] the lead's cruise speed, uniform per episode
  double cruiseMax = 18.0;         // [m/s]
  double cruiseTimeMin = 6.0;      // [s] between stop events, uniform
  double cruiseTimeMax = 15.0;     // [s]
  double brakeDecelMin = 4.0;      // [m/s²] the lead's braking, uniform per event
  double brakeDecelMax = 8.0;      // [m/s²]
  double waitMin = 1.0;            // [s] standing still, uniform per event
  double waitMax = 6.0;            // [s]
  double driveOffAccel = 2.5;      // [m/s²] the lead's acceleration back to cruise
  double expertSpeed = 20.0;       // [m/s] the expert's IDM desired speed
  double holdBrake = 2.0;          // [m/s²] the expert's brake while stopped behind a stopped lead
  IdmDef expertIdm{.maxAccel = 2.0, .comfortDecel = 3.0, .timeHeadway = 1.4, .minGap = 3.0};
  // Sensor noise (standard deviations per control step) and disturbance.
  double gapNoise = 0.2;           // [m] + gapNoisePerMetre × gap
  double gapNoisePerMetre = 0.03;  // [-]
  double relSpeedNoise = 0.2;      // [m/s] + relSpeedNoisePerMetre × gap
  double relSpeedNoisePerMetre = 0.015;  // [1/s]
  double egoSpeedNoise = 0.05;     // [m/s]
  double disturbance = 0.5;        // [m/s²] stationary std of the AR(1) acceleration disturbance
  double disturbanceTime = 1.0;    // [s] its correlation time

  template <class V>
  void Visit(V& v) {
    v.Nested("common", common);
    v("laneWidth", laneWidth, 2.5, 6.0);
    v("roadLength", roadLength, 100.0, 20000.0);
    v("egoStart", egoStart, 0.0, 1000.0);
    v("cruiseMin", cruiseMin, 1.0, 50.0);
    v("cruiseMax", cruiseMax, 1.0, 50.0);
    v("cruiseTimeMin", cruiseTimeMin, 0.5, 600.0);
    v("cruiseTimeMax", cruiseTimeMax, 0.5, 600.0);
    v("brakeDecelMin", brakeDecelMin, 0.5, 15.0);
    v("brakeDecelMax", brakeDecelMax, 0.5, 15.0);
    v("waitMin", waitMin, 0.0, 600.0);
    v("waitMax", waitMax, 0.0, 600.0);
    v("driveOffAccel", driveOffAccel, 0.2, 10.0);
    v("expertSpeed", expertSpeed, 1.0, 50.0);
    v("holdBrake", holdBrake, 0.0, 20.0);
    v.Nested("expertIdm", expertIdm);
    v("gapNoise", gapNoise, 0.0, 10.0);
    v("gapNoisePerMetre", gapNoisePerMetre, 0.0, 1.0);
    v("relSpeedNoise", relSpeedNoise, 0.0, 10.0);
    v("relSpeedNoisePerMetre", relSpeedNoisePerMetre, 0.0, 1.0);
    v("egoSpeedNoise", egoSpeedNoise, 0.0, 10.0);
    v("disturbance", disturbance, 0.0, 10.0);
    v("disturbanceTime", disturbanceTime, 0.01, 100.0);
  }
  bool operator==(const BrakeLightDef&) const = default;
};

std::unique_ptr<Scenario> MakeBrakeLight(const BrakeLightDef& def);

}  // namespace sim
