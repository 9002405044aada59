#include <doctest/doctest.h>

#include <cmath>
#include <memory>

#include "sim/car.h"
#include "sim/world.h"

using namespace sim;

namespace {

// A wide empty straight road with the ego on it.
std::unique_ptr<World> Flat(double speed, const VehicleDef& def = {}) {
  auto world = std::make_unique<World>(1.0 / 60.0);
  world->SetRoad(std::make_unique<Road>(RoadPath({-100.0, 0.0}, 0.0).Straight(2000.0), 1, 400.0, 30.0), false);
  world->AddEgo(def, {0.0, 0.0}, 0.0, speed);
  world->UpdateCoordinates();
  return world;
}

void Run(World& world, const Action& action, double seconds) {
  const int ticks = static_cast<int>(std::lround(seconds / world.Dt()));
  for (int i = 0; i < ticks; ++i) {
    world.Ego().Apply(action, world.Dt());
    world.StepPhysics();
    world.UpdateCoordinates();
  }
}

// Sideways speed [m/s] at the rear axle.
double RearSlip(const World& world) {
  const b2Body* body = world.Ego().Body();
  const b2Vec2 rear = body->GetWorldPoint(b2Vec2(static_cast<float>(-world.Ego().Def().wheelBase / 2), 0.f));
  return b2Dot(body->GetLinearVelocityFromWorldPoint(rear), body->GetWorldVector(b2Vec2(0.f, 1.f)));
}

}  // namespace

TEST_CASE("car: below the friction limit the tyres do not slide and the car turns like a bicycle") {
  auto world = Flat(10.0);
  const Action turn{0.2f, 0.05f};  // wheel angle 0.1 rad, lateral acceleration ≈ v²·tan(δ)/L ≈ 3.7 m/s² < μg
  Run(*world, turn, 4.0);
  const double v = world->Ego().ForwardSpeed();
  // The tyre impulses cancel the sideways velocity at the axles (what remains after a step is the heading's
  // rotation during that step, v·ω·dt ≈ 0.06 m/s, which the next tick cancels again).
  world->Ego().Apply(turn, world->Dt());
  CHECK(std::abs(RearSlip(*world)) < 1e-3);
  const double expectedYawRate = v * std::tan(world->Ego().SteerAngle()) / world->Ego().Def().wheelBase;
  CHECK(world->Ego().Body()->GetAngularVelocity() == doctest::Approx(expectedYawRate).epsilon(0.03));
  CHECK(world->Ego().Body()->GetAngularVelocity() > 0.f);  // + steer turns left (counter-clockwise)
}

TEST_CASE("car: beyond the friction limit the rear slides") {
  VehicleDef def;
  def.steerLateralAccel = 50.0;  // let full steer reach the full 0.5 rad at speed
  auto world = Flat(25.0, def);
  Run(*world, {1.f, 0.f}, 1.0);  // demands v²·tan(0.5)/L ≈ 127 m/s² ≫ μg
  world->Ego().Apply({1.f, 0.f}, world->Dt());
  CHECK(std::abs(RearSlip(*world)) > 0.2);  // vs < 1e-3 below the limit
}

TEST_CASE("car: speed-sensitive steering keeps full steer near the grip limit at speed") {
  const VehicleDef def;
  CHECK(def.MaxSteerAngleAt(0.0) == doctest::Approx(def.maxSteerAngle));
  CHECK(def.MaxSteerAngleAt(3.0) == doctest::Approx(def.maxSteerAngle));  // slow: the mechanical limit
  CHECK(def.MaxSteerAngleAt(30.0) < def.MaxSteerAngleAt(20.0));
  CHECK(def.MaxSteerAngleAt(30.0) == doctest::Approx(std::atan(def.wheelBase * def.steerLateralAccel / 900.0)));
  auto world = Flat(25.0);
  Run(*world, {1.f, 0.f}, 1.0);
  const double v = world->Ego().ForwardSpeed();
  const double lateralAccel = v * world->Ego().Body()->GetAngularVelocity();
  CHECK(lateralAccel == doctest::Approx(def.steerLateralAccel).epsilon(0.15));
  world->Ego().Apply({1.f, 0.f}, world->Dt());
  CHECK(std::abs(RearSlip(*world)) < 1e-2);  // within grip: no slide (the unlimited case slides > 0.2)
}

TEST_CASE("car: braking stops the car, holds it, never reverses, and lights the indicator") {
  auto world = Flat(20.0);
  Run(*world, {0.f, -1.f}, 4.0);
  CHECK(std::abs(world->Ego().ForwardSpeed()) < 1e-3);
  CHECK(world->Ego().BrakeIndicator());
  const double x = world->EgoVehicle().position.x;
  // Stopping distance ≈ v²/(2 (maxBrakeDecel + rolling)) = 400 / 16.2 ≈ 24.7 m.
  CHECK(x == doctest::Approx(24.7).epsilon(0.05));
  Run(*world, {0.f, -1.f}, 2.0);
  CHECK(world->EgoVehicle().position.x == doctest::Approx(x).epsilon(1e-4));
  Run(*world, {0.f, 0.f}, 0.1);
  CHECK_FALSE(world->Ego().BrakeIndicator());
  // A light brake below the lamp threshold leaves the indicator off.
  Run(*world, {0.f, -0.04f}, 0.1);  // 0.32 m/s² < 0.4 m/s²
  CHECK_FALSE(world->Ego().BrakeIndicator());
}

TEST_CASE("car: steering moves at most maxSteerRate toward the command") {
  auto world = Flat(0.0);  // standing still, so the speed-sensitive limit is the mechanical maxSteerAngle
  const VehicleDef& def = world->Ego().Def();
  Run(*world, {1.f, 0.f}, 0.1);
  CHECK(world->Ego().SteerAngle() == doctest::Approx(def.maxSteerRate * 0.1).epsilon(0.02));
  Run(*world, {1.f, 0.f}, 1.0);
  CHECK(world->Ego().SteerAngle() == doctest::Approx(def.maxSteerAngle));
  Run(*world, {-1.f, 0.f}, 0.2);
  CHECK(world->Ego().SteerAngle() == doctest::Approx(def.maxSteerAngle - def.maxSteerRate * 0.2).epsilon(0.02));
}

TEST_CASE("car: full throttle accelerates and levels off below maxSpeed") {
  auto world = Flat(0.0);
  Run(*world, {0.f, 1.f}, 1.0);
  CHECK(world->Ego().ForwardSpeed() == doctest::Approx(4.0 - 0.1).epsilon(0.03));
  Run(*world, {0.f, 1.f}, 60.0);
  CHECK(world->Ego().ForwardSpeed() < world->Ego().Def().maxSpeed);
  CHECK(world->Ego().ForwardSpeed() > 0.9 * world->Ego().Def().maxSpeed);
}
