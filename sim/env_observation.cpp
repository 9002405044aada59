// Env's observation components (layouts in sim/observation.h) and its SceneView.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/error.h"
#include "sim/env.h"

namespace sim {

namespace {

constexpr double kCurvatureLookahead = 30.0;  // [m] where lane.curvature_ahead is read (about 1 s at highway speed)

std::vector<std::string> ComponentNames(const std::string& key, const ScenarioCommonDef& common) {
  if (key == "ego")
    return {"speed", "heading_error", "lane_offset", "road_offset", "lateral_velocity", "yaw_rate"};
  if (key == "controls") return {"steer", "accel"};
  if (key == "lane")
    return {"left_edge", "right_edge", "lane_index", "lane_count", "speed_limit", "curvature", "curvature_ahead"};
  if (key == "brake_indicator") return {"brake_indicator"};
  if (key == "goal") return {"dx", "dy", "heading_error"};
  std::vector<std::string> names;
  char buf[32];
  if (key == "vehicles") {
    for (int i = 0; i < common.nearestVehicles; ++i)
      for (const char* field : {"present", "dx", "dy", "dvx", "dvy"}) {
        std::snprintf(buf, sizeof buf, "v%d.%s", i, field);
        names.emplace_back(buf);
      }
    return names;
  }
  if (key == "lidar") {
    for (int i = 0; i < common.lidarRays; ++i) {
      std::snprintf(buf, sizeof buf, "ray%02d", i);
      names.emplace_back(buf);
    }
    return names;
  }
  ILD_CHECK(false, "unknown observation key in a scenario");
  return names;
}

// Closest hit along a ray, ignoring the ego's own body.
class RayClosest : public b2RayCastCallback {
 public:
  explicit RayClosest(const b2Body* self) : self_(self) {}
  float ReportFixture(b2Fixture* fixture, const b2Vec2& /*point*/, const b2Vec2& /*normal*/, float fraction) override {
    if (fixture->GetBody() == self_) return -1.f;
    fraction_ = fraction;
    return fraction;
  }
  float Fraction() const { return fraction_; }

 private:
  const b2Body* self_;
  float fraction_ = 1.f;
};

}  // namespace

Observation Env::Observe() {
  const World& world = *world_;
  const ScenarioCommonDef& common = scenario_->Common();
  if (layout_.Components().empty())
    for (const std::string& key : scenario_->ObservationKeys()) {
      std::vector<std::string> names = ComponentNames(key, common);
      // A key with no entries (nearestVehicles 0) is left out: a zero-width key has no steps to store.
      if (!names.empty()) layout_.Add(key, std::move(names));
    }
  Observation obs = layout_;
  const Vehicle& ego = world.EgoVehicle();
  const Road& road = world.GetRoad();
  const double ch = std::cos(ego.heading), sh = std::sin(ego.heading);
  const double roadHeading = road.Path().HeadingAt(ego.coords.s);
  const int laneIndex = road.LaneIndex(ego.coords.d);

  if (ObservationComponent* c = obs.Find("ego")) {
    const double vLat = -std::sin(roadHeading) * ego.velocity.x + std::cos(roadHeading) * ego.velocity.y;
    const Car& car = world.Ego();
    c->values = {static_cast<float>(world.Speed(0)),
                 static_cast<float>(WrapAngle(ego.heading - roadHeading)),
                 static_cast<float>(ego.coords.d - road.LaneCentre(laneIndex)),
                 static_cast<float>(ego.coords.d),
                 static_cast<float>(vLat),
                 car.Body()->GetAngularVelocity()};
  }
  if (ObservationComponent* c = obs.Find("controls")) {
    const Car& car = world.Ego();
    c->values = {static_cast<float>(car.SteerAngle() / car.Def().MaxSteerAngleAt(car.ForwardSpeed())),
                 car.Command().accel};
  }
  if (ObservationComponent* c = obs.Find("lane")) {
    c->values = {static_cast<float>(road.HalfWidth() - ego.coords.d), static_cast<float>(road.HalfWidth() + ego.coords.d),
                 static_cast<float>(laneIndex), static_cast<float>(road.LaneCount()),
                 static_cast<float>(road.Lanes()[laneIndex].SpeedLimit()),
                 static_cast<float>(road.Path().CurvatureAt(ego.coords.s)),
                 static_cast<float>(road.Path().CurvatureAt(ego.coords.s + kCurvatureLookahead))};
  }
  observedIds_.clear();
  if (ObservationComponent* c = obs.Find("vehicles")) {
    std::vector<std::pair<double, int>> byDistance;
    const std::vector<Vehicle>& vehicles = world.Vehicles();
    for (int j = 1; j < static_cast<int>(vehicles.size()); ++j) {
      const Vehicle& o = vehicles[j];
      if (o.kind == VehicleKind::kCar && !o.traffic.active) continue;
      const double dx = o.position.x - ego.position.x, dy = o.position.y - ego.position.y;
      byDistance.emplace_back(dx * dx + dy * dy, j);
    }
    const int k = std::min<int>(common.nearestVehicles, static_cast<int>(byDistance.size()));
    std::partial_sort(byDistance.begin(), byDistance.begin() + k, byDistance.end());
    for (int slot = 0; slot < k; ++slot) {
      const Vehicle& o = vehicles[byDistance[slot].second];
      const double dx = o.position.x - ego.position.x, dy = o.position.y - ego.position.y;
      const double dvx = o.velocity.x - ego.velocity.x, dvy = o.velocity.y - ego.velocity.y;
      float* v = c->values.data() + 5 * slot;
      v[0] = 1.f;
      v[1] = static_cast<float>(ch * dx + sh * dy);
      v[2] = static_cast<float>(-sh * dx + ch * dy);
      v[3] = static_cast<float>(ch * dvx + sh * dvy);
      v[4] = static_cast<float>(-sh * dvx + ch * dvy);
      observedIds_.push_back(o.id);
    }
  }
  rays_.clear();
  if (ObservationComponent* c = obs.Find("lidar")) {
    const int n = common.lidarRays;
    if (static_cast<int>(rayDirections_.size()) != n) {
      rayDirections_.clear();
      for (int i = 0; i < n; ++i) {
        const double a = 2.0 * M_PI * i / n;
        rayDirections_.emplace_back(static_cast<float>(std::cos(a)), static_cast<float>(std::sin(a)));
      }
    }
    const b2Vec2 origin(static_cast<float>(ego.position.x), static_cast<float>(ego.position.y));
    const b2Rot& q = world.Ego().Body()->GetTransform().q;
    const float range = static_cast<float>(common.lidarRange);
    for (int i = 0; i < n; ++i) {
      const b2Vec2 end = origin + range * b2Mul(q, rayDirections_[i]);
      RayClosest ray(world.Ego().Body());
      world.Physics().RayCast(&ray, origin, end);
      c->values[i] = static_cast<float>(ray.Fraction() * common.lidarRange);
      const b2Vec2 hit = origin + ray.Fraction() * (end - origin);
      rays_.push_back({{origin.x, origin.y}, {hit.x, hit.y}, ray.Fraction() < 1.f});
    }
  }
  if (ObservationComponent* c = obs.Find("brake_indicator")) c->values[0] = world.Ego().BrakeIndicator() ? 1.f : 0.f;
  if (ObservationComponent* c = obs.Find("goal")) {
    if (world.ActiveGoal() >= 0) {
      const GoalSpot& g = world.Goals()[world.ActiveGoal()];
      const double dx = g.position.x - ego.position.x, dy = g.position.y - ego.position.y;
      const double lx = ch * dx + sh * dy, ly = -sh * dx + ch * dy;
      c->values = {static_cast<float>(lx), static_cast<float>(ly), static_cast<float>(std::atan2(ly, lx))};
    }
  }
  return obs;
}

SceneView Env::View() const {
  const World& world = *world_;
  SceneView view;
  view.scenario = name_;
  view.time = world.Time();
  const Road& road = world.GetRoad();
  for (const Lane& lane : road.Lanes()) {
    LaneView lv;
    lv.centre = road.Polyline(lane.offset, lane.sStart, lane.sEnd);
    lv.width = lane.width;
    lv.left = lane.left;
    lv.right = lane.right;
    lv.speedLimit = lane.speedLimit;
    view.lanes.push_back(std::move(lv));
  }
  view.edges = world.Walls();
  for (const Vehicle& v : world.Vehicles()) {
    if (v.kind == VehicleKind::kCar && !v.isEgo && !v.traffic.active) continue;
    VehicleView vv;
    vv.id = v.id;
    vv.x = v.position.x;
    vv.y = v.position.y;
    vv.heading = v.heading;
    vv.length = v.length;
    vv.width = v.width;
    vv.braking = v.isEgo ? world.Ego().BrakeIndicator() : v.braking;
    vv.isEgo = v.isEgo;
    vv.kind = v.kind == VehicleKind::kCar ? VehicleViewKind::kCar : VehicleViewKind::kObstacle;
    vv.observed = std::find(observedIds_.begin(), observedIds_.end(), v.id) != observedIds_.end();
    view.vehicles.push_back(vv);
  }
  for (int i = 0; i < static_cast<int>(world.Goals().size()); ++i) {
    const GoalSpot& g = world.Goals()[i];
    view.goals.push_back({g.position.x, g.position.y, g.radius, i == world.ActiveGoal()});
  }
  view.rays = rays_;
  view.observedVehicleIds = observedIds_;
  const Car& car = world.Ego();
  view.steer = car.Command().steer;
  view.accel = car.Command().accel;
  view.steerAngle = car.SteerAngle();
  view.speed = world.Speed(0);
  view.brakeIndicator = car.BrakeIndicator();
  return view;
}

}  // namespace sim
