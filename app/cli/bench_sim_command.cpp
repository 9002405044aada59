// `ildrive bench sim`: control steps per second of each scenario's Env (one thread, the scripted expert driving;
// only Env::Step is timed), and the bare Box2D cost of the same bodies measured in the same run: the Env's world
// is cloned body for body (types, shapes, poses, velocities) into a plain b2World, which is then stepped
// ticksPerControl times and ray-cast with the scenario's lidar per control step, with no controls, traffic model
// or observations. Ours and bare alternate in rounds from the same snapshots and the best round of each counts,
// so a busy machine affects both alike. Figures per scenario: <name>.control_steps_per_s,
// <name>.us_per_control_step, <name>.box2d_us_per_control_step, <name>.box2d_ratio (ours / bare), plus
// highway.box2d_us_per_tick and highway.traffic_cars.
#include <box2d/box2d.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

#include "app/cli/bench_command.h"
#include "app/cli/bench_timing.h"
#include "sim/env.h"
#include "sim/scenario_registry.h"

namespace app {

namespace {

constexpr int kRounds = 20;
constexpr int kStepsPerRound = 200;  // control steps (kTargets scenarios: scaled to the same physics ticks)

// Plain copy of every body and fixture of `source` (no joints in sim).
std::unique_ptr<b2World> CloneBodies(const b2World& source, const b2Body* sourceEgo, b2Body*& ego) {
  auto world = std::make_unique<b2World>(source.GetGravity());
  world->SetAllowSleeping(false);
  for (const b2Body* b = source.GetBodyList(); b != nullptr; b = b->GetNext()) {
    b2BodyDef bd;
    bd.type = b->GetType();
    bd.position = b->GetPosition();
    bd.angle = b->GetAngle();
    bd.linearVelocity = b->GetLinearVelocity();
    bd.angularVelocity = b->GetAngularVelocity();
    bd.enabled = b->IsEnabled();
    b2Body* copy = world->CreateBody(&bd);
    for (const b2Fixture* f = b->GetFixtureList(); f != nullptr; f = f->GetNext()) {
      b2FixtureDef fd;
      fd.shape = f->GetShape();
      fd.density = f->GetDensity();
      fd.friction = f->GetFriction();
      fd.isSensor = f->IsSensor();
      copy->CreateFixture(&fd);
    }
    if (bd.type == b2_dynamicBody) {
      b2MassData mass;
      b->GetMassData(&mass);
      copy->SetMassData(&mass);
    }
    if (b == sourceEgo) ego = copy;
  }
  return world;
}

class ClosestRay : public b2RayCastCallback {
 public:
  explicit ClosestRay(const b2Body* self) : self_(self) {}
  float ReportFixture(b2Fixture* fixture, const b2Vec2&, const b2Vec2&, float fraction) override {
    if (fixture->GetBody() == self_) return -1.f;
    fraction_ = fraction;
    return fraction;
  }
  float fraction_ = 1.f;

 private:
  const b2Body* self_;
};

// Seconds per control step of the bare world: ticks physics steps and `rays` ray casts from the ego.
double BareSecondsPerStep(b2World& world, const b2Body* ego, int steps, int ticks, float dt, int rays, float range) {
  float sink = 0.f;
  const Stopwatch watch;
  for (int k = 0; k < steps; ++k) {
    for (int t = 0; t < ticks; ++t) world.Step(dt, 6, 2);
    const b2Vec2 origin = ego->GetPosition();
    const float heading = ego->GetAngle();
    for (int i = 0; i < rays; ++i) {
      const float a = heading + 6.2831853f * static_cast<float>(i) / static_cast<float>(rays);
      ClosestRay ray(ego);
      world.RayCast(&ray, origin, origin + range * b2Vec2(std::cos(a), std::sin(a)));
      sink += ray.fraction_;
    }
  }
  const double seconds = watch.Seconds();
  if (sink < 0.f) return 0.0;  // keeps the ray casts observable
  return seconds / steps;
}

struct ScenarioFigures {
  double oursSeconds = 1e30;  // per control step, best round
  double bareSeconds = 1e30;
  int ticks = 0;
  int cars = 0;
};

ScenarioFigures Measure(const std::string& name) {
  sim::Env env = sim::MakeEnv(name);
  const sim::ScenarioCommonDef& common = env.GetScenario().Common();
  const int ticks = env.TicksPerControl();
  const int steps = std::max(5, kStepsPerRound * 3 / ticks);
  ScenarioFigures out;
  out.ticks = ticks;
  uint64_t seed = 1;
  env.Reset(seed);
  for (const sim::Vehicle& v : env.GetWorld().Vehicles()) out.cars += (v.kind == sim::VehicleKind::kCar && !v.isEgo);
  for (int round = 0; round < kRounds; ++round) {
    if (env.Done()) env.Reset(++seed);
    // Bare Box2D from this snapshot.
    b2Body* bareEgo = nullptr;
    std::unique_ptr<b2World> bare = CloneBodies(env.GetWorld().Physics(), env.GetWorld().Ego().Body(), bareEgo);
    const double bareSeconds = BareSecondsPerStep(*bare, bareEgo, steps, ticks, static_cast<float>(env.PhysicsDt()),
                                                  common.lidarRays, static_cast<float>(common.lidarRange));
    out.bareSeconds = std::min(out.bareSeconds, bareSeconds);
    // Ours from the same snapshot (episodes that end are restarted; only Step is timed).
    double seconds = 0.0;
    for (int k = 0; k < steps; ++k) {
      if (env.Done()) env.Reset(++seed);
      const sim::Action action = env.ExpertAction();
      const Stopwatch watch;
      env.Step(action);
      seconds += watch.Seconds();
    }
    out.oursSeconds = std::min(out.oursSeconds, seconds / steps);
  }
  return out;
}

}  // namespace

Figures RunSimBench() {
  Figures figures;
  for (const sim::ScenarioInfo& info : sim::Scenarios()) {
    const ScenarioFigures f = Measure(info.name);
    const std::string& n = info.name;
    figures.Add(n + ".control_steps_per_s", 1.0 / f.oursSeconds);
    figures.Add(n + ".us_per_control_step", 1e6 * f.oursSeconds);
    figures.Add(n + ".box2d_us_per_control_step", 1e6 * f.bareSeconds);
    figures.Add(n + ".box2d_ratio", f.oursSeconds / f.bareSeconds);
    if (n == "highway") {
      figures.Add("highway.box2d_us_per_tick", 1e6 * f.bareSeconds / f.ticks);
      figures.Add("highway.traffic_cars", f.cars);
    }
  }
  return figures;
}

}  // namespace app
