#include <doctest/doctest.h>

#include <cmath>
#include <memory>

#include "core/rng.h"
#include "sim/idm.h"
#include "sim/traffic.h"
#include "sim/world.h"

using namespace sim;

namespace {

std::unique_ptr<World> Road1(int lanes, double length = 5000.0) {
  auto world = std::make_unique<World>(1.0 / 60.0);
  world->SetRoad(std::make_unique<Road>(RoadPath({0.0, 0.0}, 0.0).Straight(length), lanes, 4.0, 30.0), false);
  return world;
}

void Tick(World& world) {
  UpdateTraffic(world);
  world.StepPhysics();
  world.UpdateCoordinates();
}

// Smallest bumper gap between any two active cars sharing a lane.
double MinGap(const World& world) {
  double best = INFINITY;
  const auto& vs = world.Vehicles();
  for (int i = 0; i < static_cast<int>(vs.size()); ++i)
    for (int j = 0; j < static_cast<int>(vs.size()); ++j) {
      if (i == j || !(vs[i].laneMask & vs[j].laneMask) || vs[j].coords.s < vs[i].coords.s) continue;
      if (!vs[i].isEgo && !vs[i].traffic.active) continue;
      if (!vs[j].isEgo && !vs[j].traffic.active) continue;
      best = std::min(best, world.Gap(i, j));
    }
  return best;
}

}  // namespace

TEST_CASE("idm: free road accelerates at maxAccel from rest, zero at the desired speed, brakes when close") {
  const IdmDef idm;
  CHECK(IdmAccel(idm, 0.0, 30.0, INFINITY, 0.0) == doctest::Approx(idm.maxAccel));
  CHECK(IdmAccel(idm, 30.0, 30.0, INFINITY, 0.0) == doctest::Approx(0.0));
  CHECK(IdmAccel(idm, 20.0, 30.0, 5.0, 10.0) < -idm.comfortDecel);
  CHECK(IdmAccel(idm, 20.0, 30.0, IdmEquilibriumGap(idm, 20.0, 30.0), 20.0) == doctest::Approx(0.0).epsilon(1e-9));
}

TEST_CASE("idm: a follower settles at the equilibrium gap behind a steady leader") {
  auto world = Road1(1);
  world->AddEgo({}, {0.0, -100.0}, 0.0, 0.0);  // parked off the lane, out of the way
  Vehicle& leader = world->AddTrafficCar({200.0, 0.0}, 0.0, 20.0);
  leader.traffic.desiredSpeed = 20.0;
  leader.traffic.reactive = false;
  Vehicle& follower = world->AddTrafficCar({100.0, 0.0}, 0.0, 25.0);
  follower.traffic.desiredSpeed = 30.0;
  world->UpdateCoordinates();
  for (int i = 0; i < 60 * 90; ++i) {
    Tick(*world);
  }
  CHECK(world->Speed(2) == doctest::Approx(20.0).epsilon(0.01));
  CHECK(world->Gap(2, 1) == doctest::Approx(IdmEquilibriumGap(world->Idm(), 20.0, 30.0)).epsilon(0.02));
}

TEST_CASE("traffic: dense IDM/MOBIL traffic runs a long time without two cars overlapping") {
  auto world = Road1(3, 20000.0);
  world->AddEgo({}, {0.0, -100.0}, 0.0, 0.0);
  core::Rng rng(3);
  for (int lane = 0; lane < 3; ++lane)
    for (int k = 0; k < 14; ++k) {
      const double s = 100.0 + k * 22.0 + rng.Uniform(0.0, 4.0);
      Vehicle& v = world->AddTrafficCar({s, world->GetRoad().LaneCentre(lane)}, 0.0, 15.0);
      v.traffic.lane = lane;
      v.traffic.desiredSpeed = rng.Uniform(18.0, 32.0);
      v.traffic.nextLaneCheck = rng.Uniform(0.0, 1.0);
    }
  world->UpdateCoordinates();
  double minGap = INFINITY;
  int laneChanges = 0;
  std::vector<int> lanes;
  for (const Vehicle& v : world->Vehicles()) lanes.push_back(v.traffic.lane);
  for (int i = 0; i < 60 * 120; ++i) {
    Tick(*world);
    minGap = std::min(minGap, MinGap(*world));
    for (size_t j = 1; j < lanes.size(); ++j) {
      laneChanges += world->Vehicles()[j].traffic.lane != lanes[j];
      lanes[j] = world->Vehicles()[j].traffic.lane;
    }
  }
  CHECK(minGap > 0.0);
  CHECK(laneChanges > 0);  // MOBIL acts in dense mixed-speed traffic
}

TEST_CASE("traffic: MOBIL overtakes a slow car and returns right") {
  auto world = Road1(2);
  world->AddEgo({}, {0.0, -100.0}, 0.0, 0.0);
  const double right = world->GetRoad().LaneCentre(0);
  Vehicle& slow = world->AddTrafficCar({150.0, right}, 0.0, 15.0);
  slow.traffic.desiredSpeed = 15.0;
  slow.traffic.reactive = false;
  slow.traffic.laneChanges = false;
  Vehicle& fast = world->AddTrafficCar({80.0, right}, 0.0, 28.0);
  fast.traffic.desiredSpeed = 28.0;
  world->UpdateCoordinates();
  bool wentLeft = false;
  for (int i = 0; i < 60 * 40; ++i) {
    Tick(*world);
    wentLeft |= world->Vehicles()[2].traffic.lane == 1;
  }
  CHECK(wentLeft);
  CHECK(world->Vehicles()[2].coords.s > world->Vehicles()[1].coords.s + 50.0);  // it passed
  CHECK(world->Vehicles()[2].traffic.lane == 0);                                // and kept right again
  CHECK(world->Speed(2) > 25.0);
}
