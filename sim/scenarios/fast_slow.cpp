#include "sim/scenarios/fast_slow.h"

#include <cmath>

#include "core/error.h"
#include "sim/scenario_base.h"

namespace sim {

namespace {

class FastSlow : public ScenarioBase<FastSlowDef> {
 public:
  explicit FastSlow(const FastSlowDef& def) : ScenarioBase(def) {
    if (def.egoStart + def.goalDistance > def.roadLength - 20.0)
      throw core::Error("fast_slow: roadLength too short for egoStart + goalDistance");
    if (def.middleLaneEnd < 20.0 || def.egoStart + def.middleLaneEnd > def.roadLength - 20.0)
      throw core::Error("fast_slow: middleLaneEnd must be at least 20 m and end before the road does");
  }
  std::string Name() const override { return "fast_slow"; }
  std::vector<std::string> ObservationKeys() const override {
    return WithLidar({"ego", "controls", "lane", "vehicles"}, def_.common);
  }

  void Build(World& world, uint64_t seed) override {
    const core::Rng rng(seed);
    auto road = std::make_unique<Road>(RoadPath({0.0, 0.0}, 0.0).Straight(def_.roadLength), 3, def_.laneWidth,
                                       def_.fastSpeed);
    const double laneEnd = def_.egoStart + def_.middleLaneEnd;
    road->MutableLane(1).sEnd = laneEnd;
    road->MutableLane(2).speedLimit = def_.slowSpeed;
    world.SetRoad(std::move(road), def_.common.roadEdge == "off_road");
    const Road& r = world.GetRoad();
    const VehicleDef& car = def_.common.vehicle;
    world.AddEgo(car, r.Path().Position(def_.egoStart, 0.0), 0.0, def_.egoSpeed);
    // The barrier closing the middle lane.
    const double barrierLength = 3.0;
    world.AddObstacle(r.Path().Position(laneEnd + barrierLength / 2, 0.0), 0.0, barrierLength,
                      def_.laneWidth - 0.4);
    // Platoons: the slow leader just ahead (left lane), the fast follower just behind (right lane); the rest of
    // each platoon spread around them, with a small random jitter from the traffic stream.
    core::Rng traffic = rng.Derive(kSaltTraffic);
    const double carLength = 4.5;
    const double leaderS = def_.egoStart + def_.leaderGap + (carLength + car.length) / 2;
    const double followerS = def_.egoStart - def_.followerGap - (carLength + car.length) / 2;
    AddPlatoon(world, 2, leaderS, def_.slowSpacing, def_.slowSpeed, +1, traffic);
    AddPlatoon(world, 0, followerS, def_.fastSpacing, def_.fastSpeed, -1, traffic);
    side_ = rng.Derive(kSaltExpertMode).Bernoulli(0.5) ? +1 : -1;
    passedSide_ = 0;
    wrongQuadrant_ = false;
    unsafe_ = false;
  }

  // `anchorS` is the car nearest the ego; `towardEgo` says on which side of it the ego is (+1: behind it).
  void AddPlatoon(World& world, int lane, double anchorS, double spacing, double speed, int towardEgo,
                  core::Rng& rng) {
    const Road& r = world.GetRoad();
    for (int k = 0; k < def_.platoonCars; ++k) {
      // k = 0 is the anchor; then alternate: away from the ego first, then beyond the ego.
      const int step = (k + 1) / 2;
      const double jitter = k == 0 ? 0.0 : rng.Uniform(-3.0, 3.0);
      const double sign = (k % 2 == 1) ? towardEgo : -towardEgo;
      const double s = anchorS + sign * step * spacing + jitter;
      if (s < 5.0 || s > r.Length() - 10.0) continue;
      Vehicle& v = world.AddTrafficCar(r.Path().Position(s, r.LaneCentre(lane)), 0.0, speed);
      v.traffic.lane = lane;
      v.traffic.desiredSpeed = speed;
      v.traffic.reactive = false;
      v.traffic.laneChanges = false;
    }
  }

  Action ExpertAction(const World& world, ActionMode mode) const override {
    const double lateral = side_ * def_.laneWidth;
    const double speed = side_ > 0 ? def_.slowSpeed : def_.fastSpeed;
    return LaneExpertAction(world, def_.common, mode, lateral, 1.5 * (speed - world.Speed(0)), speed);
  }

  void AfterControlStep(const World& world, const StepEvents& events) override {
    unsafe_ |= events.collision;
    const Vehicle& ego = world.EgoVehicle();
    const double half = def_.laneWidth / 2;
    const double v = world.Speed(0);
    const double mid = (def_.slowSpeed + def_.fastSpeed) / 2;
    // Off-centre toward one side while at the other side's speed (once the speed has had time to settle).
    if ((ego.coords.d > half && v > mid + 1.0) || (ego.coords.d < -half && v < mid - 1.0)) wrongQuadrant_ = true;
    if (passedSide_ == 0 && ego.coords.s >= def_.egoStart + def_.middleLaneEnd && std::abs(ego.coords.d) > half)
      passedSide_ = ego.coords.d > 0.0 ? +1 : -1;
  }

  bool GoalReached(const World& world) const override {
    return world.EgoVehicle().coords.s >= def_.egoStart + def_.goalDistance;
  }
  bool SuccessOnTimeout() const override { return false; }

  void RewardTerms(const World& world, const StepEvents& events,
                   std::vector<std::pair<std::string, float>>& terms) const override {
    RoadRewardTerms(world, events, terms);
    terms.emplace_back("goal", events.goalReached ? 1.f : 0.f);
  }
  double Progress(const World& world) const override { return world.EgoVehicle().coords.s - def_.egoStart; }
  void ExtraMetrics(const World& /*world*/, std::vector<std::pair<std::string, double>>& extra) const override {
    extra.emplace_back("side", passedSide_);  // +1 left (slow lane), -1 right (fast lane), 0 neither
    extra.emplace_back("expert_side", side_);
    extra.emplace_back("wrong_quadrant", wrongQuadrant_ ? 1.0 : 0.0);
    extra.emplace_back("unsafe", (unsafe_ || wrongQuadrant_) ? 1.0 : 0.0);  // collided or wrong quadrant
  }

 private:
  int side_ = 1;
  int passedSide_ = 0;
  bool wrongQuadrant_ = false;
  bool unsafe_ = false;
};

}  // namespace

std::unique_ptr<Scenario> MakeFastSlow(const FastSlowDef& def) { return std::make_unique<FastSlow>(def); }

}  // namespace sim
