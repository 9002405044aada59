#pragma once
// The environment: one scenario's world stepped at a fixed physics rate, with the driver acting every control
// step (ticksPerControl ticks in kDirect mode, one decision period in kTargets mode) and holding its action in
// between. Reset(seed) builds the episode; Step(action) runs one control step; Tick(action) advances ONE physics
// tick (the action is latched at the first tick of a control step) and returns the StepResult on the tick that
// completes the control step; Step is Tick until then, so both give bit-identical trajectories. A control step
// ends early on a collision or off-road event. Stepping after Done() is a programmer error: call Reset.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/action.h"
#include "sim/controllers.h"
#include "sim/observation.h"
#include "sim/scenario.h"
#include "sim/scene_view.h"
#include "sim/step_result.h"
#include "sim/world.h"

namespace sim {

class Env {
 public:
  // The Env is ready to use: the constructor resets it with seed 0.
  explicit Env(std::unique_ptr<Scenario> scenario);

  Observation Reset(uint64_t seed);
  StepResult Step(const Action& action);
  std::optional<StepResult> Tick(const Action& action);

  // The scenario's scripted expert at the current state, in this Env's action mode (DAgger labels any state).
  Action ExpertAction() const;
  EpisodeMetrics Metrics() const;

  ActionMode Mode() const { return mode_; }
  double ControlDt() const { return TicksPerControl() * PhysicsDt(); }  // [s]
  int TicksPerControl() const { return ticksPerControl_; }
  double PhysicsDt() const { return 1.0 / scenario_->Common().physicsHz; }  // [s]
  int TickInControlStep() const { return tick_; }  // ticks already run in the current control step
  double Time() const { return world_->Time(); }  // [s] since Reset
  const std::string& ScenarioName() const { return name_; }
  uint64_t Seed() const { return seed_; }
  bool Done() const { return done_; }
  std::vector<std::pair<std::string, std::vector<std::string>>> ObservationLayout() const;
  uint64_t TrajectoryHash() const { return world_->TrajectoryHash(); }
  const Observation& LastObservation() const { return lastObservation_; }
  SceneView View() const;

  const World& GetWorld() const { return *world_; }
  const Scenario& GetScenario() const { return *scenario_; }

 private:
  StepResult FinishControlStep();
  Observation Observe();

  std::unique_ptr<Scenario> scenario_;
  std::unique_ptr<World> world_;
  std::string name_;
  ActionMode mode_;
  int ticksPerControl_;
  uint64_t seed_ = 0;
  int tick_ = 0;
  bool done_ = false;
  Action latched_;
  Targets targets_;
  StepEvents pending_;
  Observation layout_;  // names only, copied and filled each control step
  Observation lastObservation_;
  std::vector<RayView> rays_;
  std::vector<b2Vec2> rayDirections_;  // lidar ray directions in the ego frame (unit vectors)
  std::vector<int> observedIds_;
  // Episode metrics.
  double startS_ = 0.0;
  double speedSum_ = 0.0;
  long controlSteps_ = 0;
  double stoppedFor_ = 0.0;   // [s] current standstill
  double timeStopped_ = 0.0;  // [s] total
  bool collision_ = false, offRoad_ = false, success_ = false;
};

// Env for a registered scenario with its default parameters; unknown names are a core::Error listing the valid ones.
Env MakeEnv(const std::string& scenarioName);

}  // namespace sim
