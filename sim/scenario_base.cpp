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

StartPose DrawStartPose(const core::Rng& episode, const ScenarioCommonDef& common) {
  StartPose pose;
  if (common.egoOffsetSpread <= 0.0 && common.egoHeadingSpread <= 0.0) return pose;
  core::Rng rng = episode.Derive(kSaltStartPose);
  pose.offset = rng.Uniform(-common.egoOffsetSpread, common.egoOffsetSpread);
  pose.heading = rng.Uniform(-common.egoHeadingSpread, common.egoHeadingSpread);
  return pose;
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
