#include "sim/scenario_base.h"

#include <algorithm>
#include <cmath>

#include "sim/controllers.h"
#include "sim/traffic.h"

namespace sim {

void RoadRewardTerms(const World& world, const StepEvents& events, std::vector<std::pair<std::string, float>>& terms) {
  const Vehicle& ego = world.EgoVehicle();
  const Road& road = world.GetRoad();
  const double limit = road.Lanes()[road.LaneIndex(ego.coords.d)].SpeedLimit();
  terms.emplace_back("speed", static_cast<float>(0.1 * std::clamp(world.Speed(0) / limit, 0.0, 1.0)));
  terms.emplace_back("collision", events.collision ? -1.f : 0.f);
  terms.emplace_back("off_road", events.offRoad ? -1.f : 0.f);
}

std::vector<std::string> WithLidar(std::vector<std::string> keys, const ScenarioCommonDef& common) {
  if (common.lidarRays > 0) keys.push_back("lidar");
  return keys;
}

namespace {
constexpr double kEdgeClearance = 0.1;  // [m] between the body and a road edge
constexpr double kClearCheckStep = 0.1;  // [s] between checked points of the idle path
constexpr int kStartPoseDraws = 64;
}  // namespace

bool StaysOnRoad(const Road& road, const VehicleDef& car, double s, double lateral, double heading, double speed,
                 double horizon) {
  const RoadPath& path = road.Path();
  const double direction = path.HeadingAt(s) + heading;
  const Vec2 start = path.Position(s, lateral);
  const int checks = static_cast<int>(std::ceil(horizon / kClearCheckStep));
  for (int k = 0; k <= checks; ++k) {
    const double travelled = speed * std::min(horizon, k * kClearCheckStep);
    const LocalCoords c = path.LocalCoordinates(
        {start.x + travelled * std::cos(direction), start.y + travelled * std::sin(direction)});
    const double rel = direction - path.HeadingAt(c.s);
    const double across = car.width / 2 * std::abs(std::cos(rel)) + car.length / 2 * std::abs(std::sin(rel));
    if (std::abs(c.d) + across > road.HalfWidth() - kEdgeClearance) return false;
  }
  return true;
}

StartPose DrawStartPose(const core::Rng& episode, const ScenarioCommonDef& common, const Road& road,
                        double laneCentre, double s, double speed) {
  if (common.egoOffsetSpread <= 0.0 && common.egoHeadingSpread <= 0.0) return {};
  core::Rng rng = episode.Derive(kSaltStartPose);
  for (int draw = 0; draw < kStartPoseDraws; ++draw) {
    StartPose pose;
    pose.offset = rng.Uniform(-common.egoOffsetSpread, common.egoOffsetSpread);
    pose.heading = rng.Uniform(-common.egoHeadingSpread, common.egoHeadingSpread);
    if (StaysOnRoad(road, common.vehicle, s, laneCentre + pose.offset, pose.heading, speed, common.startClearTime))
      return pose;
  }
  return {};
}

double EgoIdmAccel(const World& world, const IdmDef& idm, double v0, int extraLane) {
  const Vehicle& ego = world.EgoVehicle();
  uint32_t mask = ego.laneMask;
  if (extraLane >= 0) mask |= 1u << extraLane;
  const double v = world.Speed(0);
  double a = IdmAccel(idm, v, v0, INFINITY, 0.0);
  for (int lane = 0; lane < world.GetRoad().LaneCount(); ++lane) {
    if (!(mask & (1u << lane))) continue;
    const int leader = world.Leader(0, lane);
    if (leader >= 0) a = std::min(a, IdmAccel(idm, v, v0, world.Gap(0, leader), std::max(0.0, world.Speed(leader))));
  }
  return a;
}

Action LaneExpertAction(const World& world, const ScenarioCommonDef& common, ActionMode mode, double lateral,
                        double accel, double targetSpeed) {
  if (mode == ActionMode::kTargets) return EncodeTargets(world.GetRoad(), common, {lateral, targetSpeed});
  const Vehicle& ego = world.EgoVehicle();
  const double v = world.Speed(0);
  const Vec2 point = world.GetRoad().Path().Position(ego.coords.s + LookAhead(v), lateral);
  const VehicleDef& def = world.Ego().Def();
  return {SteerFor(def, world.Ego().ForwardSpeed(), PurePursuitAngle(world, point)), AccelFor(def, accel)};
}

}  // namespace sim
