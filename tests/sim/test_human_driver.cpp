#include "sim/human_driver.h"

#include <doctest/doctest.h>

TEST_CASE("Held keys ramp the action toward full and release returns it to zero") {
  sim::HumanDriverDef def;
  const float dt = 0.05f;  // [s] one control step at 20 Hz
  sim::Action action;
  sim::HumanInput left;
  left.left = true;
  left.throttle = true;
  action = sim::RampAction(action, left, sim::ActionMode::kDirect, dt, def);
  CHECK(action.steer == doctest::Approx(def.steerRate * dt));  // + = left (sim/action.h)
  CHECK(action.accel == doctest::Approx(def.throttleRate * dt));
  for (int i = 0; i < 40; ++i) action = sim::RampAction(action, left, sim::ActionMode::kDirect, dt, def);
  CHECK(action.steer == doctest::Approx(1.f));
  CHECK(action.accel == doctest::Approx(1.f));

  sim::HumanInput none;
  sim::Action released = sim::RampAction(action, none, sim::ActionMode::kDirect, dt, def);
  CHECK(released.steer == doctest::Approx(1.f - def.steerReturnRate * dt));
  CHECK(released.accel < 1.f);

  sim::HumanInput right;
  right.right = true;
  for (int i = 0; i < 60; ++i) action = sim::RampAction(action, right, sim::ActionMode::kDirect, dt, def);
  CHECK(action.steer == doctest::Approx(-1.f));
}

TEST_CASE("Space brakes fully at once - the brake key leaves the throttle immediately and ramps") {
  sim::HumanDriverDef def;
  sim::Action cruising{0.f, 0.8f};
  sim::HumanInput space;
  space.fullBrake = true;
  CHECK(sim::RampAction(cruising, space, sim::ActionMode::kDirect, 0.05f, def).accel == -1.f);
  sim::HumanInput brake;
  brake.brake = true;
  CHECK(sim::RampAction(cruising, brake, sim::ActionMode::kDirect, 0.05f, def).accel ==
        doctest::Approx(-def.brakeRate * 0.05f));
}

TEST_CASE("Targets mode: keys move the targets, which stay where they were left") {
  sim::HumanDriverDef def;
  sim::Action target{0.f, 0.2f};
  sim::HumanInput left;
  left.left = true;
  sim::Action moved = sim::RampAction(target, left, sim::ActionMode::kTargets, 1.f, def);
  CHECK(moved.steer == doctest::Approx(def.targetLaneRate));
  sim::HumanInput none;
  sim::Action held = sim::RampAction(moved, none, sim::ActionMode::kTargets, 1.f, def);
  CHECK(held.steer == doctest::Approx(moved.steer));
  CHECK(held.accel == doctest::Approx(0.2f));
}

TEST_CASE("A gamepad's analogue values drive directly, clamped") {
  sim::HumanInput pad;
  pad.analog = sim::Action{-0.4f, 1.7f};
  sim::Action action = sim::RampAction({}, pad, sim::ActionMode::kDirect, 0.05f, {});
  CHECK(action.steer == doctest::Approx(-0.4f));
  CHECK(action.accel == doctest::Approx(1.f));
}
