#include "sim/controllers.h"

#include <algorithm>
#include <cmath>

namespace sim {

double PurePursuitAngle(const World& world, Vec2 point) {
  const Vehicle& ego = world.EgoVehicle();
  const double wheelBase = world.Ego().Def().wheelBase;
  // Pursue from the rear axle, the classic formulation.
  const double ch = std::cos(ego.heading), sh = std::sin(ego.heading);
  const double rx = ego.position.x - ch * wheelBase / 2, ry = ego.position.y - sh * wheelBase / 2;
  const double dx = point.x - rx, dy = point.y - ry;
  const double ld = std::max(1.0, std::hypot(dx, dy));
  const double alpha = std::atan2(-sh * dx + ch * dy, ch * dx + sh * dy);
  return std::atan(2.0 * wheelBase * std::sin(alpha) / ld);
}

float SteerFor(const VehicleDef& def, double speed, double wheelAngle) {
  return static_cast<float>(std::clamp(wheelAngle / def.MaxSteerAngleAt(speed), -1.0, 1.0));
}

float AccelFor(const VehicleDef& def, double accel) {
  const double a = accel >= 0.0 ? accel / def.maxAccel : accel / def.maxBrakeDecel;
  return static_cast<float>(std::clamp(a, -1.0, 1.0));
}

double LookAhead(double v) { return std::max(8.0, 0.9 * v); }

Action TrackTargets(const World& world, const Targets& targets) {
  const Vehicle& ego = world.EgoVehicle();
  const Road& road = world.GetRoad();
  const double v = world.Speed(0);
  const Vec2 point = road.Path().Position(ego.coords.s + LookAhead(v), targets.lateral);
  const VehicleDef& def = world.Ego().Def();
  Action a;
  a.steer = SteerFor(def, world.Ego().ForwardSpeed(), PurePursuitAngle(world, point));
  const double speedGain = 1.5;  // [1/s]
  double accel = speedGain * (targets.speed - v);
  if (targets.speed < 0.3 && v < 0.5) accel = -def.maxBrakeDecel * 0.25;  // hold at a standstill
  a.accel = AccelFor(def, accel);
  return a;
}

Targets DecodeTargets(const Road& road, const ScenarioCommonDef& common, const Action& action) {
  const double span = road.HalfWidth() - road.LaneWidth() / 2;  // centre of the outermost lanes
  Targets t;
  t.lateral = std::clamp(static_cast<double>(action.steer), -1.0, 1.0) * span;
  t.speed = (std::clamp(static_cast<double>(action.accel), -1.0, 1.0) + 1.0) / 2.0 * common.maxTargetSpeed;
  return t;
}

Action EncodeTargets(const Road& road, const ScenarioCommonDef& common, const Targets& targets) {
  const double span = road.HalfWidth() - road.LaneWidth() / 2;
  Action a;
  a.steer = static_cast<float>(span > 0.0 ? std::clamp(targets.lateral / span, -1.0, 1.0) : 0.0);
  a.accel = static_cast<float>(std::clamp(2.0 * targets.speed / common.maxTargetSpeed - 1.0, -1.0, 1.0));
  return a;
}

}  // namespace sim
