#include "sim/scenarios/goal_arena.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/error.h"
#include "sim/controllers.h"
#include "sim/scenario_base.h"

namespace sim {

namespace {

class GoalArena : public ScenarioBase<GoalArenaDef> {
 public:
  explicit GoalArena(const GoalArenaDef& def) : ScenarioBase(def) {
    if (def.startX + 20.0 > def.lotLength) throw core::Error("goal_arena: lotLength too short for startX");
    if (def.common.Mode() != ActionMode::kDirect)
      throw core::Error("goal_arena: common.actionMode must be \"direct\" (the lot has no lanes to target)");
  }
  std::string Name() const override { return "goal_arena"; }
  std::vector<std::string> ObservationKeys() const override {
    std::vector<std::string> keys = WithLidar({"ego", "controls", "goal"}, def_.common);
    if (def_.common.nearestVehicles > 0) keys.push_back("vehicles");
    return keys;
  }

  void Build(World& world, uint64_t seed) override {
    const core::Rng rng(seed);
    // The lot is a one-lane "road" as wide as the lot (so lane quantities are relative to the lot's axis), walled.
    world.SetRoad(std::make_unique<Road>(RoadPath({0.0, 0.0}, 0.0).Straight(def_.lotLength), 1, def_.lotWidth,
                                         def_.maxSpeed),
                  false);
    const double hw = def_.lotWidth / 2;
    world.AddWall({{0.0, -hw}, {0.0, hw}}, false);
    world.AddWall({{def_.lotLength, -hw}, {def_.lotLength, hw}}, false);
    core::Rng spawn = rng.Derive(kSaltSpawn);
    const Vec2 start{def_.startX + spawn.Uniform(-def_.startJitter, def_.startJitter),
                     spawn.Uniform(-def_.startJitter, def_.startJitter)};
    world.AddEgo(def_.common.vehicle, start, spawn.Uniform(-0.3, 0.3), 0.0);
    // Goal spots on an arc around the lot's far part, away from the walls.
    const Vec2 centre{def_.startX, 0.0};
    const double reach = std::min(def_.lotLength - def_.startX - 8.0, hw - 6.0 + 10.0);
    for (int i = 0; i < def_.goalCount; ++i) {
      const double a = def_.goalCount == 1 ? 0.0 : -1.2 + 2.4 * i / (def_.goalCount - 1);  // [rad]
      Vec2 p{centre.x + reach * std::cos(a), centre.y + reach * std::sin(a)};
      p.y = std::clamp(p.y, -hw + 6.0, hw - 6.0);
      world.Goals().push_back({p, def_.goalRadius});
    }
    world.SetActiveGoal(static_cast<int>(rng.Derive(kSaltGoal).Below(def_.goalCount)));
    startDistance_ = Distance(world);
  }

  double Distance(const World& world) const {
    const Vec2 g = world.Goals()[world.ActiveGoal()].position;
    const Vec2 p = world.EgoVehicle().position;
    return std::hypot(g.x - p.x, g.y - p.y);
  }

  // The planned path: an arc of radius R from the current pose toward the goal, then a straight line to it.
  // Returns the point `ahead` metres along it.
  Vec2 PathPoint(const World& world, double ahead) const {
    const Vehicle& ego = world.EgoVehicle();
    const VehicleDef& car = world.Ego().Def();
    const double radius = 1.3 * car.wheelBase / std::tan(car.maxSteerAngle);
    const double ch = std::cos(ego.heading), sh = std::sin(ego.heading);
    const Vec2 g = world.Goals()[world.ActiveGoal()].position;
    const double gx = ch * (g.x - ego.position.x) + sh * (g.y - ego.position.y);
    const double gy = -sh * (g.x - ego.position.x) + ch * (g.y - ego.position.y);
    // Turn toward the goal unless it lies inside that turning circle.
    double side = gy >= 0.0 ? 1.0 : -1.0;
    if (std::hypot(gx, gy - side * radius) < radius) side = -side;
    const double cy = side * radius;  // circle centre (0, cy) in the ego frame
    const double dist = std::hypot(gx, gy - cy);
    Vec2 local;
    if (dist <= radius * 1.0001) {
      local = {ahead, 0.0};  // inside both circles: drive on to make room
    } else {
      // Tangent point: the angle swept on the circle before the line heads straight at the goal.
      const double toGoal = std::atan2(gy - cy, gx);                 // from the centre
      const double off = std::acos(radius / dist);                   // between centre→goal and centre→tangent
      const double startAngle = std::atan2(-cy, 0.0);                // centre→ego
      const double tangentAngle = toGoal - side * off;
      double sweep = side * (tangentAngle - startAngle);
      sweep = std::fmod(sweep + 4 * std::numbers::pi, 2 * std::numbers::pi);
      const double arcLength = sweep * radius;
      if (ahead <= arcLength) {
        const double a = startAngle + side * ahead / radius;
        local = {radius * std::cos(a), cy + radius * std::sin(a)};
      } else {
        const double a = startAngle + side * sweep;
        const Vec2 t{radius * std::cos(a), cy + radius * std::sin(a)};
        const double lineLength = std::hypot(gx - t.x, gy - t.y);
        const double u = std::min(1.0, (ahead - arcLength) / std::max(lineLength, 1e-6));
        local = {t.x + u * (gx - t.x), t.y + u * (gy - t.y)};
        if (ahead - arcLength > lineLength) {  // beyond the goal: extend along the line's direction
          const double extra = ahead - arcLength - lineLength;
          local.x += extra * (gx - t.x) / std::max(lineLength, 1e-6);
          local.y += extra * (gy - t.y) / std::max(lineLength, 1e-6);
        }
      }
    }
    return {ego.position.x + ch * local.x - sh * local.y, ego.position.y + sh * local.x + ch * local.y};
  }

  Action ExpertAction(const World& world, ActionMode /*mode*/) const override {
    const VehicleDef& car = world.Ego().Def();
    const double v = world.Speed(0);
    const double dist = Distance(world);
    const Vec2 point = PathPoint(world, std::max(4.0, 0.8 * v));
    const double angle = PurePursuitAngle(world, point);
    const double slow = std::sqrt(2.0 * def_.approachDecel * std::max(0.0, dist - 0.5 * def_.goalRadius));
    const double target = std::min({def_.maxSpeed, slow + 0.5, std::max(2.0, def_.maxSpeed * (1.0 - std::abs(angle)))});
    return {SteerFor(car, world.Ego().ForwardSpeed(), angle), AccelFor(car, 1.5 * (target - v))};
  }

  bool GoalReached(const World& world) const override {
    return Distance(world) < def_.goalRadius && std::abs(world.Speed(0)) < def_.goalSpeed;
  }
  bool SuccessOnTimeout() const override { return false; }

  void RewardTerms(const World& world, const StepEvents& events,
                   std::vector<std::pair<std::string, float>>& terms) const override {
    terms.emplace_back("distance", static_cast<float>(-0.01 * Distance(world) / startDistance_));
    terms.emplace_back("goal", events.goalReached ? 1.f : 0.f);
    terms.emplace_back("collision", events.collision ? -1.f : 0.f);
  }
  double Progress(const World& world) const override { return startDistance_ - Distance(world); }
  void ExtraMetrics(const World& world, std::vector<std::pair<std::string, double>>& extra) const override {
    extra.emplace_back("goal_index", world.ActiveGoal());
    extra.emplace_back("final_distance", Distance(world));
  }

 private:
  double startDistance_ = 1.0;
};

}  // namespace

std::unique_ptr<Scenario> MakeGoalArena(const GoalArenaDef& def) { return std::make_unique<GoalArena>(def); }

}  // namespace sim
