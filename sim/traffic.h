#pragma once
// The traffic model for kinematic cars: IDM along the lane, MOBIL lane changes, and lane-following steering (a
// heading controller toward the lane centre with road-curvature feed-forward). Each tick it sets every active
// traffic car's body velocity; Box2D then moves the kinematic bodies exactly by it.
#include "sim/world.h"

namespace sim {

struct TrafficSteerDef {
  double maxLateralAngle = 0.08;  // [rad] heading relative to the lane while closing a lateral offset
  double lateralGain = 0.15;      // [rad/m] heading per metre of offset (before the clamp)
  double headingTimeConstant = 0.3;  // [s]
};

// Call once per tick after World::UpdateCoordinates() and before World::StepPhysics().
void UpdateTraffic(World& world, const TrafficSteerDef& steer = {});

// IDM acceleration of vehicle i behind vehicle `leader` (-1: free road) with desired speed v0.
double IdmAccelBehind(const World& world, int i, int leader, double v0);

// The desired speed the traffic model assumes for vehicle i (the ego counts as wanting its current speed + 5).
double DesiredSpeedOf(const World& world, int i);

}  // namespace sim
