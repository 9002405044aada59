#pragma once
// Low-level tracking used by the kTargets action mode and by the scripted experts: pure pursuit (steer toward a
// point one look-ahead distance ahead on a path; wheel angle δ = atan(2 L sin α / ℓ)) and proportional speed
// control, returning kDirect actions in [-1,1].
#include "sim/action.h"
#include "sim/lane.h"
#include "sim/scenario.h"
#include "sim/world.h"

namespace sim {

struct Targets {
  double lateral = 0.0;  // [m] from the road's reference line, + = left
  double speed = 0.0;    // [m/s]
};

// Pure-pursuit wheel angle [rad] that steers the ego toward `point`.
double PurePursuitAngle(const World& world, Vec2 point);
// The action's steer for a wheel angle [rad] (clamped to [-1,1]).
float SteerFor(const VehicleDef& def, double speed, double wheelAngle);
// The action's accel for an acceleration [m/s²] (+ throttle, - brake; clamped to [-1,1]).
float AccelFor(const VehicleDef& def, double accel);
// Look-ahead distance [m] at speed v [m/s].
double LookAhead(double v);
// A kDirect action tracking a lateral position on the road and a speed.
Action TrackTargets(const World& world, const Targets& targets);

// kTargets encoding (sim/action.h): [-1,1]² <-> lateral position / speed.
Targets DecodeTargets(const Road& road, const ScenarioCommonDef& common, const Action& action);
Action EncodeTargets(const Road& road, const ScenarioCommonDef& common, const Targets& targets);

}  // namespace sim
