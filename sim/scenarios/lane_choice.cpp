#include "sim/scenarios/lane_choice.h"

#include <cmath>

#include "core/error.h"
#include "sim/scenario_base.h"

namespace sim {

namespace {

class LaneChoice : public ScenarioBase<LaneChoiceDef> {
 public:
  explicit LaneChoice(const LaneChoiceDef& def) : ScenarioBase(def) {
    if (def.obstacleMin > def.obstacleMax) throw core::Error("lane_choice: obstacleMin must not exceed obstacleMax");
    if (def.obstacleMax + def.passDistance > def.roadLength - 10.0)
      throw core::Error("lane_choice: roadLength too short for obstacleMax + passDistance");
    if (def.egoStart + 30.0 > def.obstacleMin) throw core::Error("lane_choice: egoStart too close to the obstacle");
  }
  std::string Name() const override { return "lane_choice"; }
  std::vector<std::string> ObservationKeys() const override {
    return WithLidar({"ego", "controls", "lane", "vehicles"}, def_.common);
  }

  void Build(World& world, uint64_t seed) override {
    const core::Rng rng(seed);
    core::Rng spawn = rng.Derive(kSaltSpawn);
    world.SetRoad(std::make_unique<Road>(RoadPath({0.0, 0.0}, 0.0).Straight(def_.roadLength), 3, def_.laneWidth,
                                         def_.speedLimit),
                  def_.common.roadEdge == "off_road");
    const Road& road = world.GetRoad();
    const StartPose start = DrawStartPose(rng, def_.common, road, 0.0, def_.egoStart, def_.cruiseSpeed);
    world.AddEgo(def_.common.vehicle, road.Path().Position(def_.egoStart, start.offset), start.heading,
                 def_.cruiseSpeed);
    obstacleS_ = spawn.Uniform(def_.obstacleMin, def_.obstacleMax);
    world.AddObstacle(road.Path().Position(obstacleS_, 0.0), 0.0, def_.obstacleLength, def_.obstacleWidth);
    core::Rng mode = rng.Derive(kSaltExpertMode);
    side_ = mode.Bernoulli(0.5) ? +1 : -1;
    commitGap_ = def_.decisionDistance + mode.Uniform(0.0, def_.decisionSpread);
    passedSide_ = 0;
    headingSide_ = 0;
    sideSwitches_ = 0;
  }

  // Bumper gap [m] from the ego to the obstacle along the road.
  double GapToObstacle(const World& world) const {
    return obstacleS_ - world.EgoVehicle().coords.s - (def_.obstacleLength + def_.common.vehicle.length) / 2;
  }

  Action ExpertAction(const World& world, ActionMode mode) const override {
    // A held kTargets decision lasts a whole decision period: commit at the last decision before the gap falls
    // to this episode's commitment gap.
    const double horizon = mode == ActionMode::kTargets ? world.Speed(0) * def_.common.decisionPeriod : 0.0;
    const bool committed = GapToObstacle(world) - horizon <= commitGap_;
    const double lateral = committed ? side_ * def_.laneWidth : 0.0;
    const double accel = 1.5 * (def_.cruiseSpeed - world.Speed(0));
    return LaneExpertAction(world, def_.common, mode, lateral, accel, def_.cruiseSpeed);
  }

  void AfterControlStep(const World& world, const StepEvents& /*events*/) override {
    const Vehicle& ego = world.EgoVehicle();
    if (passedSide_ == 0 && ego.coords.s >= obstacleS_) passedSide_ = ego.coords.d >= 0.0 ? +1 : -1;
    CountSideSwitch(ego);
  }

  // Mode switches (dithering between the two ways round): the side the car is heading for is where its lateral
  // offset will be kSwitchLookahead ahead at its current lateral velocity (the road runs straight along +x, so
  // that is velocity.y). The heading side becomes left once that aim is more than kSwitchBand left of the
  // middle lane's centre, right once it is more than kSwitchBand right, and otherwise keeps its last value
  // (hysteresis: lane-keeping wiggle inside ±kSwitchBand never counts, and neither does drifting back to the
  // centre and out again on the same side). A switch is a change from one side to the other while the way round
  // is still open: only until the car's centre passes the obstacle's (a clone that passes and then drifts back
  // across the road later fails at lane keeping, not at choosing a side).
  void CountSideSwitch(const Vehicle& ego) {
    if (ego.coords.s >= obstacleS_) return;
    const double aim = ego.coords.d + ego.velocity.y * kSwitchLookahead;
    const int side = aim > kSwitchBand ? +1 : aim < -kSwitchBand ? -1 : 0;
    if (side == 0) return;
    if (headingSide_ != 0 && side != headingSide_) ++sideSwitches_;
    headingSide_ = side;
  }

  bool GoalReached(const World& world) const override {
    return world.EgoVehicle().coords.s >= obstacleS_ + def_.passDistance;
  }
  bool SuccessOnTimeout() const override { return false; }

  void RewardTerms(const World& world, const StepEvents& events,
                   std::vector<std::pair<std::string, float>>& terms) const override {
    RoadRewardTerms(world, events, terms);
    terms.emplace_back("goal", events.goalReached ? 1.f : 0.f);
  }
  double Progress(const World& world) const override { return world.EgoVehicle().coords.s - def_.egoStart; }
  void ExtraMetrics(const World& /*world*/, std::vector<std::pair<std::string, double>>& extra) const override {
    extra.emplace_back("side", passedSide_);  // +1 passed left, -1 right, 0 did not pass
    extra.emplace_back("expert_side", side_);
    extra.emplace_back("obstacle_s", obstacleS_);
    extra.emplace_back("side_switches", sideSwitches_);  // changes of the side the car heads for (above)
  }

 private:
  double obstacleS_ = 0.0;
  int side_ = 1;
  double commitGap_ = 0.0;  // [m] bumper gap at which the expert commits this episode
  int passedSide_ = 0;
  static constexpr double kSwitchLookahead = 0.5;  // [s]
  static constexpr double kSwitchBand = 1.0;       // [m] about half the way to clearing the obstacle (≈ 2.2 m)
  int headingSide_ = 0;   // +1 heading left, -1 right, 0 not yet either
  int sideSwitches_ = 0;
};

}  // namespace

std::unique_ptr<Scenario> MakeLaneChoice(const LaneChoiceDef& def) { return std::make_unique<LaneChoice>(def); }

}  // namespace sim
