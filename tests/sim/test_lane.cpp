#include <doctest/doctest.h>

#include <cmath>
#include <numbers>

#include "core/rng.h"
#include "sim/lane.h"
#include "sim/road.h"

using namespace sim;

TEST_CASE("lane: position and local coordinates round trip on straight and curved pieces") {
  RoadPath path({10.0, -5.0}, 0.3);
  path.Straight(100.0).Arc(150.0, 1.0 / 200.0).Straight(50.0).Arc(80.0, -1.0 / 120.0);
  Road road(std::move(path), 3, 3.5, 25.0);
  core::Rng rng(7);
  for (int i = 0; i < 500; ++i) {
    const Lane& lane = road.Lanes()[rng.Below(3)];
    const double s = rng.Uniform(0.0, road.Length());
    const double d = rng.Uniform(-1.7, 1.7);
    const Vec2 p = lane.Position(s, d);
    const LocalCoords c = lane.LocalCoordinates(p);
    CHECK(c.s == doctest::Approx(s).epsilon(1e-6));
    CHECK(c.d == doctest::Approx(d).epsilon(1e-6));
  }
}

TEST_CASE("lane: heading follows the arc and positions are continuous at joints") {
  RoadPath path({0.0, 0.0}, 0.0);
  const double radius = 100.0;
  path.Straight(50.0).Arc(radius * std::numbers::pi / 2, 1.0 / radius);  // a quarter turn left
  CHECK(path.HeadingAt(25.0) == doctest::Approx(0.0));
  CHECK(path.HeadingAt(path.Length()) == doctest::Approx(std::numbers::pi / 2));
  CHECK(path.HeadingAt(50.0 + radius * std::numbers::pi / 4) == doctest::Approx(std::numbers::pi / 4));
  // End of a left quarter turn of radius R starting at (50, 0) heading +x: (50 + R, R).
  const Vec2 end = path.Position(path.Length(), 0.0);
  CHECK(end.x == doctest::Approx(50.0 + radius));
  CHECK(end.y == doctest::Approx(radius));
  // A lane offset to the left of a left turn runs on a smaller radius: its end is closer to the centre.
  const Vec2 inner = path.Position(path.Length(), 2.0);
  CHECK(inner.x == doctest::Approx(50.0 + radius - 2.0));
  // Continuity at the joint.
  const Vec2 a = path.Position(50.0 - 1e-6, 1.0), b = path.Position(50.0 + 1e-6, 1.0);
  CHECK(std::hypot(a.x - b.x, a.y - b.y) < 1e-4);
  // Finite-difference heading matches HeadingAt on the arc.
  const double s = 80.0;
  const Vec2 p0 = path.Position(s, 0.0), p1 = path.Position(s + 1e-3, 0.0);
  CHECK(std::atan2(p1.y - p0.y, p1.x - p0.x) == doctest::Approx(path.HeadingAt(s)).epsilon(1e-4));
}

TEST_CASE("road: lanes are indexed from the right and LaneIndex finds them") {
  Road road(RoadPath({0.0, 0.0}, 0.0).Straight(100.0), 4, 4.0, 30.0);
  CHECK(road.HalfWidth() == doctest::Approx(8.0));
  CHECK(road.LaneCentre(0) == doctest::Approx(-6.0));
  CHECK(road.LaneCentre(3) == doctest::Approx(6.0));
  CHECK(road.LaneIndex(-7.9) == 0);
  CHECK(road.LaneIndex(-0.1) == 1);
  CHECK(road.LaneIndex(0.1) == 2);
  CHECK(road.LaneIndex(50.0) == 3);
  CHECK(road.Lanes()[0].right == LaneMarking::kSolid);
  CHECK(road.Lanes()[1].right == LaneMarking::kDashed);
  CHECK(road.Lanes()[3].left == LaneMarking::kSolid);
  CHECK(road.Lanes()[2].OnLane(road.Lanes()[2].LocalCoordinates({50.0, 2.5})));
  CHECK_FALSE(road.Lanes()[2].OnLane(road.Lanes()[2].LocalCoordinates({50.0, 4.5})));
}
