#include "sim/scenarios/highway.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "sim/scenario_base.h"
#include "sim/scenarios/traffic_spawn.h"

namespace sim {

namespace {

class Highway : public ScenarioBase<HighwayDef> {
 public:
  explicit Highway(const HighwayDef& def) : ScenarioBase(def) {
    if (def.trafficSpeedMin > def.trafficSpeedMax)
      throw core::Error("highway: trafficSpeedMin must not exceed trafficSpeedMax");
  }
  std::string Name() const override { return "highway"; }
  std::vector<std::string> ObservationKeys() const override {
    return WithLidar({"ego", "controls", "lane", "vehicles", "brake_indicator"}, def_.common);
  }

  void Build(World& world, uint64_t seed) override {
    const core::Rng rng(seed);
    RoadPath path({0.0, 0.0}, 0.0);
    path.Straight(def_.straightLength).Arc(def_.curveLength, 1.0 / def_.curveRadius).Straight(def_.exitLength);
    world.SetRoad(std::make_unique<Road>(std::move(path), def_.lanes, def_.laneWidth, def_.speedLimit),
                  def_.common.roadEdge == "off_road");
    world.Idm() = def_.idm;
    world.Mobil() = def_.mobil;
    core::Rng spawn = rng.Derive(kSaltSpawn);
    const int egoLane = static_cast<int>(spawn.Below(def_.lanes));
    const Road& road = world.GetRoad();
    const StartPose start =
        DrawStartPose(rng, def_.common, road, road.LaneCentre(egoLane), def_.egoStart, def_.egoSpeed);
    world.AddEgo(def_.common.vehicle, road.Path().Position(def_.egoStart, road.LaneCentre(egoLane) + start.offset),
                 road.Path().HeadingAt(def_.egoStart) + start.heading, def_.egoSpeed);
    TrafficSpawnDef spawnDef;
    spawnDef.cars = def_.trafficCars;
    spawnDef.spacing = def_.spacing;
    spawnDef.speedMin = def_.trafficSpeedMin;
    spawnDef.speedMax = def_.trafficSpeedMax;
    spawnDef.around = def_.egoStart;
    spawnDef.egoLane = egoLane;
    SpawnTraffic(world, spawnDef, rng.Derive(kSaltTraffic));
  }

  Action ExpertAction(const World& world, ActionMode mode) const override {
    const Road& road = world.GetRoad();
    const int lane = road.LaneIndex(world.EgoVehicle().coords.d);
    const double a = EgoIdmAccel(world, def_.idm, def_.egoDesiredSpeed);
    // kTargets: the speed the IDM would settle at over the next decision period.
    const double targetSpeed = std::max(0.0, world.Speed(0) + a * def_.common.decisionPeriod);
    return LaneExpertAction(world, def_.common, mode, road.LaneCentre(lane), a, targetSpeed);
  }

  void RewardTerms(const World& world, const StepEvents& events,
                   std::vector<std::pair<std::string, float>>& terms) const override {
    RoadRewardTerms(world, events, terms);
  }
  double Progress(const World& world) const override { return world.EgoVehicle().coords.s - def_.egoStart; }
};

}  // namespace

std::unique_ptr<Scenario> MakeHighway(const HighwayDef& def) { return std::make_unique<Highway>(def); }

}  // namespace sim
