// Safe starts: over 2,000 seeds of every registered scenario, the episode's initial state is clear (no contact,
// the ego's body on the road, the vehicle ahead in its lane at least a 2 s time gap away or at the scenario's
// documented following gap), the scripted expert has no collision in its first 3 s and an idle driver (no input)
// none in its first 2 s. In memory, a few seconds in all.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "sim/controllers.h"
#include "sim/env.h"
#include "sim/scenario_registry.h"
#include "sim/scenarios/brake_light.h"

using namespace sim;

namespace {

constexpr int kSeeds = 2000;

// Lateral half-extent [m] of the ego's body about its centre, measured across the road at its heading.
double HalfExtentAcross(const Vehicle& ego, double roadHeading, double halfLength, double halfWidth) {
  const double rel = ego.heading - roadHeading;
  return halfWidth * std::abs(std::cos(rel)) + halfLength * std::abs(std::sin(rel));
}

// Whether the ego's body overlaps any other body (vehicle, obstacle, road edge or wall) in the built world.
bool EgoOverlapsAnything(const World& world) {
  const b2Body* ego = world.Ego().Body();
  for (const b2Body* other = world.Physics().GetBodyList(); other != nullptr; other = other->GetNext()) {
    if (other == ego) continue;
    for (const b2Fixture* a = ego->GetFixtureList(); a != nullptr; a = a->GetNext())
      for (const b2Fixture* b = other->GetFixtureList(); b != nullptr; b = b->GetNext())
        if (b2TestOverlap(a->GetShape(), 0, b->GetShape(), 0, ego->GetTransform(), other->GetTransform()))
          return true;
  }
  return false;
}

struct StartReport {
  int contact = 0, offRoad = 0, tooClose = 0, expertCrash = 0, idleCrash = 0;
  uint64_t firstBad = 0;
  std::string firstWhy;
  void Bad(int& counter, uint64_t seed, const std::string& why) {
    if (contact + offRoad + tooClose + expertCrash + idleCrash == 0) {
      firstBad = seed;
      firstWhy = why;
    }
    ++counter;
  }
};

// Runs `seconds` of control steps with the expert (or idle: no input) and says whether the ego collided.
bool CrashesWithin(Env& env, uint64_t seed, double seconds, bool expert) {
  env.Reset(seed);
  // Idle: no input. In kTargets mode "no input" holds the lane position and speed the ego starts with.
  Action idle{};
  if (env.Mode() == ActionMode::kTargets) {
    const Vehicle& ego = env.GetWorld().EgoVehicle();
    idle = EncodeTargets(env.GetWorld().GetRoad(), env.GetScenario().Common(), {ego.coords.d, env.GetWorld().Speed(0)});
  }
  while (!env.Done() && env.Time() < seconds - 1e-9) {
    const StepResult r = env.Step(expert ? env.ExpertAction() : idle);
    if (r.events.collision || r.events.offRoad) return true;
  }
  return false;
}

// One scenario's 2,000 seeds; counts what fails, prints the first failing seed.
void CheckSafeStarts(const std::string& name) {
  Env env = MakeEnv(name);
  StartReport report;
  for (uint64_t seed = 0; seed < kSeeds; ++seed) {
    env.Reset(seed);
    const World& world = env.GetWorld();
    const Vehicle& ego = world.EgoVehicle();
    const Road& road = world.GetRoad();
    const VehicleDef& car = env.GetScenario().Common().vehicle;
    if (EgoOverlapsAnything(world)) report.Bad(report.contact, seed, "in contact at the start");
    // On the road, clear of its edges (Box2D's skin is 0.01 m per shape).
    const double across = HalfExtentAcross(ego, road.Path().HeadingAt(ego.coords.s), car.length / 2, car.width / 2);
    if (std::abs(ego.coords.d) + across > road.HalfWidth() - 0.05)
      report.Bad(report.offRoad, seed, "body over the road edge");
    // The vehicle ahead in each lane the body overlaps: not touching, and at least a 2 s time gap away.
    for (int lane = 0; lane < road.LaneCount(); ++lane) {
      if (!(ego.laneMask & (1u << lane))) continue;
      const int leader = world.Leader(0, lane);
      if (leader < 0) continue;
      const double gap = world.Gap(0, leader);
      if (gap <= 0.05) report.Bad(report.contact, seed, "touching the vehicle ahead");
      // brake_light starts at the expert's IDM equilibrium gap behind its lead by design (BrakeLightDef).
      const BrakeLightDef brakeLight;
      const double needed = name == "brake_light"
                                ? IdmEquilibriumGap(brakeLight.expertIdm, world.Speed(0), brakeLight.expertSpeed) - 0.01
                                : 2.0 * world.Speed(0);
      if (gap < needed) report.Bad(report.tooClose, seed, "vehicle ahead closer than a 2 s time gap");
    }
    if (CrashesWithin(env, seed, 3.0, true)) report.Bad(report.expertCrash, seed, "expert collides within 3 s");
    if (CrashesWithin(env, seed, 2.0, false)) report.Bad(report.idleCrash, seed, "idle driver collides within 2 s");
  }
  if (report.contact + report.offRoad + report.tooClose + report.expertCrash + report.idleCrash > 0)
    std::printf("%s: contact %d, off road %d, too close %d, expert %d, idle %d (first seed %llu: %s)\n", name.c_str(),
                report.contact, report.offRoad, report.tooClose, report.expertCrash, report.idleCrash,
                static_cast<unsigned long long>(report.firstBad), report.firstWhy.c_str());
  CHECK(report.contact == 0);
  CHECK(report.offRoad == 0);
  CHECK(report.tooClose == 0);
  CHECK(report.expertCrash == 0);
  CHECK(report.idleCrash == 0);
}

}  // namespace

// One test case per scenario so ctest runs them side by side.
TEST_CASE("safe starts: highway") { CheckSafeStarts("highway"); }
TEST_CASE("safe starts: brake_light") { CheckSafeStarts("brake_light"); }
TEST_CASE("safe starts: lane_choice") { CheckSafeStarts("lane_choice"); }
TEST_CASE("safe starts: fast_slow") { CheckSafeStarts("fast_slow"); }
TEST_CASE("safe starts: goal_arena") { CheckSafeStarts("goal_arena"); }

TEST_CASE("safe starts: every registered scenario is checked above") {
  std::vector<std::string> names;
  for (const ScenarioInfo& info : Scenarios()) names.push_back(info.name);
  CHECK(names == std::vector<std::string>{"highway", "brake_light", "lane_choice", "fast_slow", "goal_arena"});
}

TEST_CASE("safe starts: a wide start spread still draws only safe poses, the same for the same seed") {
  // Spreads far beyond the lane: most first draws are unsafe, so the redraw from the seed's stream is exercised.
  Env env(MakeScenarioFromJson(R"({"scenario": "highway", "common": {"egoOffsetSpread": 3, "egoHeadingSpread": 0.2}})",
                               "wide"));
  int offCentre = 0;
  for (uint64_t seed = 0; seed < 200; ++seed) {
    env.Reset(seed);
    const Vehicle first = env.GetWorld().EgoVehicle();
    CHECK_FALSE(EgoOverlapsAnything(env.GetWorld()));
    CHECK_FALSE(CrashesWithin(env, seed, 2.0, false));
    env.Reset(seed);
    CHECK(env.GetWorld().EgoVehicle().position.x == first.position.x);
    CHECK(env.GetWorld().EgoVehicle().position.y == first.position.y);
    CHECK(env.GetWorld().EgoVehicle().heading == first.heading);
    const Road& road = env.GetWorld().GetRoad();
    const double centre = road.LaneCentre(road.LaneIndex(first.coords.d));
    offCentre += std::abs(first.coords.d - centre) > 1.0 ? 1 : 0;
  }
  CHECK(offCentre > 20);  // the spread is still used, not collapsed to the centre line
}
