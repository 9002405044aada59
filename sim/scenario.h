#pragma once
// A scenario, in the highway-env manner: make the road, make the vehicles, named reward terms, termination,
// success, metrics and a scripted expert with privileged state. Each concrete scenario has a typed …Def whose
// defaults are in code and mirrored in assets/scenarios/<name>.json; scenario_registry.h lists them all.
// Per-episode state (expert mode, scripted lead, metric trackers) is rebuilt by Build(world, seed) and drawn from
// child streams of the episode seed (salts below), never from anything else.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/rng.h"
#include "sim/action.h"
#include "sim/step_result.h"
#include "sim/vehicle_def.h"
#include "sim/world.h"

namespace sim {

// Child-stream salts for Rng::Derive, one per use.
enum RngSalt : uint64_t {
  kSaltTraffic = 1,
  kSaltSpawn = 2,
  kSaltExpertMode = 3,
  kSaltSensorNoise = 4,
  kSaltScript = 5,
  kSaltDisturbance = 6,
  kSaltGoal = 7,
  kSaltStartPose = 8,
};

// Settings every scenario has.
struct ScenarioCommonDef {
  double physicsHz = 60.0;       // [Hz] fixed physics rate
  int ticksPerControl = 3;       // physics ticks per control step in kDirect mode (20 Hz at 60 Hz)
  std::string actionMode = "direct";  // "direct" or "targets" (sim/action.h)
  double decisionPeriod = 1.0;   // [s] one control step in kTargets mode
  double duration = 40.0;        // [s] episode time limit (truncation)
  double maxTargetSpeed = 30.0;  // [m/s] kTargets: accel = +1 asks for this speed
  int lidarRays = 0;             // rays of the `lidar` component (0: no lidar component)
  double lidarRange = 50.0;      // [m]
  int nearestVehicles = 6;       // K slots of the `vehicles` component
  std::string roadEdge = "collision";  // touching a road edge is a "collision" or an "off_road" event
  double stallTimeout = 10.0;    // [s] standing still this long ends the episode (stalled)
  // The ego starts off its lane's centre line and heading, uniform in ±spread per episode, so every demonstration
  // begins with a recovery: an expert that only ever drives the centre line shows nothing that ties the lane
  // offset to the steering, and its clones drift (highway BC: 0/100 without, 98/100 with).
  double egoOffsetSpread = 0.0;   // [m]
  double egoHeadingSpread = 0.0;  // [rad]
  // A start is safe: the drawn pose is kept only if the ego's body, driving straight on at its start speed with no
  // input, stays on the road (0.1 m clear of its edges) for this long; otherwise the pose is drawn again from the
  // same stream (so a person at the keyboard, or a policy, always has this long to react).
  double startClearTime = 2.0;    // [s]
  VehicleDef vehicle;

  template <class V>
  void Visit(V& v) {
    v("physicsHz", physicsHz, 10.0, 1000.0);
    v("ticksPerControl", ticksPerControl, 1, 100);
    v.Choice("actionMode", actionMode, {"direct", "targets"});
    v("decisionPeriod", decisionPeriod, 0.02, 10.0);
    v("duration", duration, 1.0, 3600.0);
    v("maxTargetSpeed", maxTargetSpeed, 1.0, 100.0);
    v("lidarRays", lidarRays, 0, 360);
    v("lidarRange", lidarRange, 1.0, 500.0);
    v("nearestVehicles", nearestVehicles, 0, 64);
    v.Choice("roadEdge", roadEdge, {"collision", "off_road"});
    v("stallTimeout", stallTimeout, 0.5, 3600.0);
    v("egoOffsetSpread", egoOffsetSpread, 0.0, 3.0);
    v("egoHeadingSpread", egoHeadingSpread, 0.0, 0.5);
    v("startClearTime", startClearTime, 0.0, 10.0);
    v.Nested("vehicle", vehicle);
  }
  bool operator==(const ScenarioCommonDef&) const = default;

  ActionMode Mode() const { return actionMode == "targets" ? ActionMode::kTargets : ActionMode::kDirect; }
};

class Scenario {
 public:
  virtual ~Scenario() = default;

  virtual std::string Name() const = 0;
  virtual const ScenarioCommonDef& Common() const = 0;
  // The whole Def as a JSON object text (recorded with datasets, loadable with MakeScenarioFromFile).
  virtual std::string DefJson() const = 0;
  // Observation keys this scenario provides, in order (see sim/observation.h for layouts).
  virtual std::vector<std::string> ObservationKeys() const = 0;

  // Builds one episode into an empty world and resets all per-episode state.
  virtual void Build(World& world, uint64_t seed) = 0;
  // Once per physics tick, before the traffic model: scripted vehicles. Returns an extra longitudinal
  // acceleration [m/s²] for the ego (a disturbance), normally 0.
  virtual double BeforeTick(World& /*world*/) { return 0.0; }
  // After every control step, for scenario metrics (called with fresh coordinates and the step's events).
  virtual void AfterControlStep(const World& /*world*/, const StepEvents& /*events*/) {}
  // Sensor noise on a freshly computed observation (once per control step).
  virtual void Perturb(Observation& /*obs*/) {}

  // The scripted expert (privileged state, pure: it may be asked at any state, by any driver).
  virtual Action ExpertAction(const World& world, ActionMode mode) const = 0;

  virtual bool GoalReached(const World& /*world*/) const { return false; }
  // Whether reaching the time limit without a failure counts as success (free driving) or not (a goal was due).
  virtual bool SuccessOnTimeout() const { return true; }
  // Named reward terms for the control step just finished (summed into StepResult::reward).
  virtual void RewardTerms(const World& world, const StepEvents& events,
                           std::vector<std::pair<std::string, float>>& terms) const = 0;
  // Progress [m] since the episode start.
  virtual double Progress(const World& world) const = 0;
  virtual void ExtraMetrics(const World& /*world*/, std::vector<std::pair<std::string, double>>& /*extra*/) const {}
};

}  // namespace sim
