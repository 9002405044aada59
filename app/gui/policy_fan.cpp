#include "app/gui/policy_fan.h"

#include <cmath>
#include <deque>

#include "core/error.h"
#include "core/rng.h"
#include "learning/imitation/lane_kept_driver.h"
#include "learning/imitation/policy_driver.h"
#include "sim/scenario_registry.h"

namespace app {

namespace {

sim::Vec2 EgoCentre(const sim::Env& env) {
  const sim::SceneView view = env.View();
  return view.vehicles.empty() ? sim::Vec2{} : sim::Vec2{view.vehicles.front().x, view.vehicles.front().y};
}

FanPath RollOutSample(const FanRequest& request, int sample, const std::function<bool()>& stop) {
  sim::Env env(sim::MakeScenarioFromJson(request.scenarioJson, "fan: scenario " + request.scenarioName));
  sim::Observation obs = env.Reset(request.seed);
  std::deque<sim::Observation> before;
  const size_t start = request.actions.size();
  for (size_t step = 0; step < start; ++step) {
    if (env.Done())
      throw core::Error("fan: the episode ended at control step " + std::to_string(step) + ", before " +
                        std::to_string(start));
    if (request.history > 0) {
      before.push_back(obs);
      if (static_cast<int>(before.size()) > request.history) before.pop_front();
    }
    obs = env.Step(request.actions[step]).observation;
  }
  FanPath path;
  path.points.push_back(EgoCentre(env));
  if (env.Done()) return path;
  std::unique_ptr<sim::Driver> driver =
      request.makeDriver(sample, env, std::vector<sim::Observation>(before.begin(), before.end()));
  const int steps = static_cast<int>(std::ceil(request.horizon / env.ControlDt() - 1e-9));
  for (int k = 0; k < steps && !env.Done(); ++k) {
    if (stop && stop()) break;
    const sim::StepResult result = env.Step(driver->Decide(env, obs).executed);
    obs = result.observation;
    path.points.push_back(EgoCentre(env));
  }
  const sim::EpisodeMetrics metrics = env.Metrics();
  path.collision = metrics.collision;
  path.offRoad = metrics.offRoad;
  return path;
}

// A PolicyDriver that has seen the observations before the start step (its history) without acting on them.
class WarmPolicyDriver : public sim::Driver {
 public:
  WarmPolicyDriver(std::shared_ptr<const learning::policies::Policy> policy, const sim::Env& env, uint64_t seed,
                   double temperature, bool meanDecode, const std::vector<sim::Observation>& before)
      : driver_(std::move(policy), env) {
    driver_.Reset(seed);
    driver_.SetTemperature(temperature);
    driver_.SetMeanDecode(meanDecode);
    for (const sim::Observation& obs : before) driver_.Observe(obs);
  }
  sim::DriverDecision Decide(const sim::Env& env, const sim::Observation& obs) override {
    return driver_.Decide(env, obs);
  }
  std::string Source() const override { return driver_.Source(); }

 private:
  learning::imitation::PolicyDriver driver_;
};

}  // namespace

Fan RollOutFan(const FanRequest& request, const std::function<bool()>& stop) {
  ILD_CHECK(request.makeDriver != nullptr, "RollOutFan needs a driver factory");
  ILD_CHECK(request.samples >= 1 && request.horizon > 0.0, "RollOutFan needs samples >= 1 and a positive horizon");
  Fan fan;
  fan.seed = request.seed;
  fan.step = static_cast<long>(request.actions.size());
  for (int i = 0; i < request.samples; ++i) {
    if (stop && stop()) break;
    fan.paths.push_back(RollOutSample(request, i, stop));
  }
  return fan;
}

FanDriverFactory PolicyFanDrivers(std::shared_ptr<const learning::policies::Policy> policy, double temperature,
                                  bool meanDecode, bool laneKeeping, uint64_t fanSeed) {
  return [=](int sample, const sim::Env& env,
             const std::vector<sim::Observation>& before) -> std::unique_ptr<sim::Driver> {
    const uint64_t seed = core::Rng(fanSeed).Derive(static_cast<uint64_t>(sample)).NextU64();
    auto driver = std::make_unique<WarmPolicyDriver>(policy, env, seed, temperature, meanDecode, before);
    if (!laneKeeping) return driver;
    return std::make_unique<learning::imitation::LaneKeptDriver>(std::move(driver));
  };
}

}  // namespace app
