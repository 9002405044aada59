#include <doctest/doctest.h>

#include <set>
#include <string>

#include "core/error.h"
#include "sim/env.h"
#include "sim/scenario_registry.h"

using namespace sim;

namespace {

// A fixed open-loop action sequence that exercises steering and both pedals.
Action ScriptedAction(int k) {
  return {0.3f * static_cast<float>((k / 7) % 3 - 1), (k % 11) < 6 ? 0.4f : -0.3f};
}

uint64_t RunScripted(Env& env, uint64_t seed, int steps) {
  env.Reset(seed);
  for (int k = 0; k < steps && !env.Done(); ++k) env.Step(ScriptedAction(k));
  return env.TrajectoryHash();
}

}  // namespace

TEST_CASE("env: observation layouts have a name for every entry and the documented components") {
  const std::set<std::string> known{"ego", "controls", "lane", "vehicles", "lidar", "brake_indicator", "goal"};
  for (const ScenarioInfo& info : Scenarios()) {
    CAPTURE(info.name);
    Env env = MakeEnv(info.name);
    const Observation obs = env.Reset(3);
    const auto layout = env.ObservationLayout();
    REQUIRE(layout.size() == obs.Components().size());
    for (const ObservationComponent& c : obs.Components()) {
      CAPTURE(c.key);
      CHECK(known.count(c.key) == 1);
      CHECK(c.names.size() == c.values.size());
      CHECK(!c.values.empty());
      CHECK(std::set<std::string>(c.names.begin(), c.names.end()).size() == c.names.size());
      CHECK(obs.Has(c.key));
      CHECK(obs.Get(c.key).size() == c.values.size());
    }
    CHECK(obs.Has("ego"));
    CHECK(obs.Get("ego").size() == 6);
    REQUIRE(obs.Has("controls"));  // every scenario: the applied command, apart from the car's state
    CHECK(obs.Component("controls").names == std::vector<std::string>{"steer", "accel"});
    CHECK_THROWS_AS(obs.Get("no_such_key"), core::Error);
    // After a step the layout is unchanged.
    const StepResult r = env.Step(env.ExpertAction());
    for (size_t i = 0; i < layout.size(); ++i) CHECK(r.observation.Components()[i].names == layout[i].second);
  }
}

TEST_CASE("env: `controls` holds the command applied at the previous step") {
  Env env = MakeEnv("highway");
  const Observation first = env.Reset(5);
  CHECK(first.Get("controls")[0] == 0.f);
  CHECK(first.Get("controls")[1] == 0.f);
  Observation obs = first;
  for (int k = 0; k < 20; ++k) obs = env.Step(Action{0.4f, -0.5f}).observation;
  // The steering angle reaches the command at the rate limit; accel is applied as commanded.
  CHECK(obs.Get("controls")[0] == doctest::Approx(0.4).epsilon(0.02));
  CHECK(obs.Get("controls")[1] == doctest::Approx(-0.5));
}

TEST_CASE("env: Tick and Step give bit-identical trajectories") {
  for (const ScenarioInfo& info : Scenarios()) {
    CAPTURE(info.name);
    Env a = MakeEnv(info.name);
    Env b = MakeEnv(info.name);
    a.Reset(11);
    b.Reset(11);
    for (int k = 0; k < 30 && !a.Done(); ++k) {
      const Action act = a.ExpertAction();
      const StepResult ra = a.Step(act);
      std::optional<StepResult> rb;
      int ticks = 0;
      while (!(rb = b.Tick(act))) ++ticks;
      CHECK(ticks + 1 <= b.TicksPerControl());
      CHECK(a.TrajectoryHash() == b.TrajectoryHash());
      CHECK(ra.reward == rb->reward);
      CHECK(ra.terminated == rb->terminated);
      for (size_t i = 0; i < ra.observation.Components().size(); ++i)
        CHECK(ra.observation.Components()[i].values == rb->observation.Components()[i].values);
    }
  }
}

TEST_CASE("env: same seed and actions give the same hash, another seed a different one") {
  for (const ScenarioInfo& info : Scenarios()) {
    CAPTURE(info.name);
    Env env = MakeEnv(info.name);
    const uint64_t h1 = RunScripted(env, 5, 60);
    const uint64_t h2 = RunScripted(env, 5, 60);
    Env other = MakeEnv(info.name);
    const uint64_t h3 = RunScripted(other, 5, 60);
    const uint64_t h4 = RunScripted(env, 6, 60);
    CHECK(h1 == h2);
    CHECK(h1 == h3);
    CHECK(h1 != h4);
  }
}

TEST_CASE("env: control rate, modes and episode bookkeeping") {
  Env env = MakeEnv("highway");
  CHECK(env.TicksPerControl() == 3);
  CHECK(env.ControlDt() == doctest::Approx(0.05));
  CHECK(env.Mode() == ActionMode::kDirect);
  env.Reset(1);
  CHECK(env.Time() == 0.0);
  env.Step({});
  CHECK(env.Time() == doctest::Approx(0.05));
  CHECK(env.Seed() == 1);
  CHECK(env.ScenarioName() == "highway");
  const SceneView view = env.View();
  CHECK(view.vehicles.front().isEgo);
  CHECK(view.lanes.size() == 4);
  CHECK(view.rays.size() == 32);
  CHECK(view.observedVehicleIds.size() == 6);
}
