// The prediction fan: closed-loop rollouts from a replayed scratch Env (app/gui/policy_fan.h).
#include "app/gui/policy_fan.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <thread>

#include "app/gui/fan_job.h"
#include "app/gui/session.h"
#include "app_test_policy.h"
#include "core/error.h"
#include "sim/scenario_registry.h"

namespace {

// Steers toward a lateral position y [m] on lane_choice's straight road (x forward, y left) at constant speed: a
// scripted stand-in for a policy mode.
class LaneTargetDriver : public sim::Driver {
 public:
  explicit LaneTargetDriver(double y) : y_(y) {}
  sim::DriverDecision Decide(const sim::Env& env, const sim::Observation&) override {
    // A copy: View() returns a temporary, so a reference into it dangled (make tsan: heap-use-after-free).
    const sim::VehicleView ego = env.View().vehicles.front();
    const double steer = std::clamp(0.15 * (y_ - ego.y) - 4.0 * ego.heading, -1.0, 1.0);
    const sim::Action action{static_cast<float>(steer), 0.f};
    return {action, action};
  }
  std::string Source() const override { return "test"; }

 private:
  double y_;
};

app::FanRequest RequestFrom(const app::Session& session) {
  app::FanRequest request;
  request.scenarioJson = session.Env().GetScenario().DefJson();
  request.scenarioName = session.Env().ScenarioName();
  request.seed = session.Env().Seed();
  request.actions = session.EpisodeActions();
  return request;
}

double FinalY(const app::FanPath& path) { return path.points.back().y; }

bool SamePoints(const std::vector<sim::Vec2>& a, const std::vector<sim::Vec2>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const sim::Vec2& p, const sim::Vec2& q) { return p.x == q.x && p.y == q.y; });
}

}  // namespace

TEST_CASE("Fan: the scratch Env replays the episode exactly, and a deterministic driver's rollout is its future") {
  app::Session session(app::SessionDef{"highway", 5});
  session.SetDriving(app::DriverKind::kExpert);
  for (int i = 0; i < 40; ++i) session.StepControl();
  app::FanRequest request = RequestFrom(session);
  REQUIRE(request.actions.size() == 40);
  request.samples = 2;
  request.horizon = 1.0;
  request.makeDriver = [](int, const sim::Env&, const std::vector<sim::Observation>&) {
    return std::make_unique<sim::ExpertDriver>();
  };
  const app::Fan fan = app::RollOutFan(request);
  CHECK(fan.seed == 5);
  CHECK(fan.step == 40);
  REQUIRE(fan.paths.size() == 2);
  // The live episode, continued by the same expert for the horizon, passes through the same points.
  const double dt = session.Env().ControlDt();
  const int steps = static_cast<int>(std::ceil(1.0 / dt - 1e-9));
  REQUIRE(fan.paths[0].points.size() == static_cast<size_t>(steps + 1));
  for (int k = 0; k <= steps; ++k) {
    const sim::VehicleView ego = session.View().vehicles.front();
    CHECK(fan.paths[0].points[static_cast<size_t>(k)].x == ego.x);  // bit-identical: the simulation is deterministic
    CHECK(fan.paths[0].points[static_cast<size_t>(k)].y == ego.y);
    CHECK(fan.paths[1].points[static_cast<size_t>(k)].x == ego.x);
    if (k < steps) session.StepControl();
  }
}

TEST_CASE("Fan: drivers whose samples go both ways fan round both sides of the obstacle, and one mode, one path into it") {
  app::Session session(app::SessionDef{"lane_choice", 3});
  session.SetDriving(app::DriverKind::kHuman);  // no keys: straight at cruise speed, toward the obstacle
  for (int i = 0; i < 20; ++i) session.StepControl();
  app::FanRequest request = RequestFrom(session);
  request.samples = 6;
  request.horizon = 6.0;  // long enough to reach the obstacle from here
  const double lane = 3.7;
  request.makeDriver = [&](int sample, const sim::Env&, const std::vector<sim::Observation>&) {
    return std::make_unique<LaneTargetDriver>(sample % 2 == 0 ? lane : -lane);
  };
  const app::Fan both = app::RollOutFan(request);
  REQUIRE(both.paths.size() == 6);
  int left = 0, right = 0;
  for (const app::FanPath& path : both.paths) {
    CHECK_FALSE(path.collision);
    left += FinalY(path) > 0.5 * lane ? 1 : 0;
    right += FinalY(path) < -0.5 * lane ? 1 : 0;
  }
  CHECK(left == 3);
  CHECK(right == 3);

  request.makeDriver = [](int, const sim::Env&, const std::vector<sim::Observation>&) {
    return std::make_unique<LaneTargetDriver>(0.0);
  };
  const app::Fan one = app::RollOutFan(request);
  REQUIRE(one.paths.size() == 6);
  for (const app::FanPath& path : one.paths) {
    CHECK(path.collision);  // into the obstacle, and the path ends there
    CHECK(SamePoints(path.points, one.paths[0].points));
  }
  CHECK(one.paths[0].points.size() < both.paths[0].points.size());
}

TEST_CASE("Fan of a policy: reproducible from its seed, one path per sample, and an ended episode is refused") {
  app::Session session(app::SessionDef{"lane_choice", 11});
  auto policy = app_test::TrainSmallPolicy(session, 2, 100);
  session.SetPolicy(policy, "test");
  session.SetDriving(app::DriverKind::kPolicy);
  for (int i = 0; i < 10; ++i) session.StepControl();
  app::FanRequest request = RequestFrom(session);
  request.samples = 3;
  request.horizon = 1.0;
  request.history = policy->Config().history - 1;
  request.makeDriver = app::PolicyFanDrivers(policy, 1.0, false, false, 42);
  const app::Fan a = app::RollOutFan(request);
  const app::Fan b = app::RollOutFan(request);
  REQUIRE(a.paths.size() == 3);
  for (size_t i = 0; i < a.paths.size(); ++i) CHECK(SamePoints(a.paths[i].points, b.paths[i].points));
  // mse has one mode: every sample takes the same path.
  CHECK(SamePoints(a.paths[1].points, a.paths[0].points));

  // The worker gives the same fan.
  app::FanJob job;
  job.Request(request);
  for (int i = 0; i < 2000 && (job.Busy() || job.Latest().step < 0); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  REQUIRE(job.Latest().paths.size() == 3);
  CHECK(SamePoints(job.Latest().paths[2].points, a.paths[2].points));
  job.Clear();
  CHECK(job.Latest().step == -1);

  // Actions past the end of the episode cannot be replayed.
  request.actions.assign(2000, sim::Action{1.f, 1.f});
  CHECK_THROWS_AS(app::RollOutFan(request), core::Error);
}
