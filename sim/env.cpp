#include "sim/env.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "sim/scenario_registry.h"
#include "sim/traffic.h"

namespace sim {

namespace {
constexpr double kStoppedSpeed = 0.3;  // [m/s] below this the ego counts as standing still
}

Env::Env(std::unique_ptr<Scenario> scenario) : scenario_(std::move(scenario)) {
  ILD_CHECK(scenario_ != nullptr, "Env needs a scenario");
  const ScenarioCommonDef& common = scenario_->Common();
  name_ = scenario_->Name();
  mode_ = common.Mode();
  ticksPerControl_ = mode_ == ActionMode::kDirect
                         ? common.ticksPerControl
                         : std::max(1, static_cast<int>(std::lround(common.decisionPeriod * common.physicsHz)));
  Reset(0);
}

Observation Env::Reset(uint64_t seed) {
  seed_ = seed;
  world_ = std::make_unique<World>(PhysicsDt());
  scenario_->Build(*world_, seed);
  ILD_CHECK(!world_->Vehicles().empty() && world_->Vehicles()[0].isEgo, "scenario must add the ego");
  ILD_CHECK(world_->HasRoad(), "scenario must set a road");
  world_->UpdateCoordinates();
  tick_ = 0;
  done_ = false;
  pending_ = {};
  latched_ = {};
  startS_ = world_->EgoVehicle().coords.s;
  speedSum_ = 0.0;
  controlSteps_ = 0;
  stoppedFor_ = 0.0;
  timeStopped_ = 0.0;
  collision_ = offRoad_ = success_ = false;
  // Layout: names once per episode.
  layout_ = Observation();
  lastObservation_ = Observe();
  scenario_->Perturb(lastObservation_);
  return lastObservation_;
}

std::optional<StepResult> Env::Tick(const Action& action) {
  ILD_CHECK(!done_, "Step/Tick after the episode ended: call Reset");
  World& world = *world_;
  if (tick_ == 0) {
    latched_.steer = std::isfinite(action.steer) ? std::clamp(action.steer, -1.f, 1.f) : 0.f;
    latched_.accel = std::isfinite(action.accel) ? std::clamp(action.accel, -1.f, 1.f) : 0.f;
    if (mode_ == ActionMode::kTargets) targets_ = DecodeTargets(world.GetRoad(), scenario_->Common(), latched_);
  }
  const Action command = mode_ == ActionMode::kDirect ? latched_ : TrackTargets(world, targets_);
  const double disturbance = scenario_->BeforeTick(world);
  UpdateTraffic(world);
  world.Ego().Apply(command, world.Dt(), disturbance);
  world.StepPhysics();
  world.UpdateCoordinates();
  ++tick_;

  bool touchedVehicle = false, touchedEdge = false;
  world.EgoContacts(touchedVehicle, touchedEdge);
  const bool edgeIsCollision = scenario_->Common().roadEdge == "collision";
  pending_.collision |= touchedVehicle || (touchedEdge && edgeIsCollision);
  pending_.offRoad |= (touchedEdge && !edgeIsCollision) ||
                      std::abs(world.EgoVehicle().coords.d) > world.GetRoad().HalfWidth();
  if (std::abs(world.Speed(0)) < kStoppedSpeed) {
    stoppedFor_ += world.Dt();
    timeStopped_ += world.Dt();
  } else {
    stoppedFor_ = 0.0;
  }
  if (tick_ < ticksPerControl_ && !pending_.collision && !pending_.offRoad) return std::nullopt;
  tick_ = 0;
  return FinishControlStep();
}

StepResult Env::Step(const Action& action) {
  for (;;) {
    std::optional<StepResult> r = Tick(action);
    if (r) return std::move(*r);
  }
}

StepResult Env::FinishControlStep() {
  const World& world = *world_;
  const ScenarioCommonDef& common = scenario_->Common();
  StepResult result;
  result.events = pending_;
  pending_ = {};
  result.events.goalReached = scenario_->GoalReached(world);
  result.events.stalled = stoppedFor_ >= common.stallTimeout;
  scenario_->AfterControlStep(world, result.events);

  result.observation = Observe();
  scenario_->Perturb(result.observation);
  lastObservation_ = result.observation;
  scenario_->RewardTerms(world, result.events, result.rewardTerms);
  for (const auto& [name, value] : result.rewardTerms) result.reward += value;

  const StepEvents& e = result.events;
  result.terminated = e.collision || e.offRoad || e.goalReached || e.stalled;
  result.truncated = !result.terminated && world.Time() >= common.duration - 1e-9;

  speedSum_ += world.Speed(0);
  ++controlSteps_;
  collision_ |= e.collision;
  offRoad_ |= e.offRoad;
  if (result.terminated || result.truncated) {
    done_ = true;
    const bool failed = e.collision || e.offRoad || e.stalled;
    success_ = !failed && (e.goalReached || (result.truncated && scenario_->SuccessOnTimeout()));
  }
  return result;
}

Action Env::ExpertAction() const { return scenario_->ExpertAction(*world_, mode_); }

EpisodeMetrics Env::Metrics() const {
  EpisodeMetrics m;
  m.success = success_;
  m.collision = collision_;
  m.offRoad = offRoad_;
  m.progress = scenario_->Progress(*world_);
  m.meanSpeed = controlSteps_ > 0 ? speedSum_ / static_cast<double>(controlSteps_) : 0.0;
  m.timeStopped = timeStopped_;
  m.duration = world_->Time();
  scenario_->ExtraMetrics(*world_, m.extra);
  return m;
}

std::vector<std::pair<std::string, std::vector<std::string>>> Env::ObservationLayout() const {
  std::vector<std::pair<std::string, std::vector<std::string>>> layout;
  for (const ObservationComponent& c : lastObservation_.Components()) layout.emplace_back(c.key, c.names);
  return layout;
}

Env MakeEnv(const std::string& scenarioName) { return Env(MakeScenario(scenarioName)); }

}  // namespace sim
