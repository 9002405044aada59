#pragma once
// What the policy would do from here, drawn as a fan: each of N samples is rolled out CLOSED LOOP in the real
// simulator for a short horizon — the policy re-queried every control step on what it then observes, the other
// traffic reacting — so a unimodal head shows one path (into the obstacle, if that is what it does) and a
// multimodal one a fan round both sides. (The old overlay held each sampled action for 2 s without feedback, so
// paths curved off the road where the policy would have corrected.)
//
// How the state is reached: the World cannot be copied (sim/world.h), but an episode is a deterministic function of
// its seed and its executed actions, so each sample gets a scratch Env built from the episode's scenario and
// replayed from the seed with the executed actions to the control step shown, bit-identical to the live one.
// Cost per fan: N × (steps so far + horizon) control steps of simulation plus N × horizon policy queries, so it
// runs on a worker thread (FanJob) and the live simulation never waits for it; a kinematic model re-querying the
// policy would be cheaper but would have to fake the lidar and the other cars, which is where the policy looks.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "learning/policies/policy.h"
#include "sim/driver.h"
#include "sim/lane.h"

namespace app {

// The horizon of the fan's rollouts: long enough to show how an obstacle 2-3 s ahead is passed, short enough that
// the paths stay the policy's own (each is one sample of a stochastic future).
constexpr double kFanHorizon = 3.0;  // [s]
constexpr int kFanSamples = 8;

struct FanPath {
  std::vector<sim::Vec2> points;  // the ego's centre at the start and after every control step [m]
  bool collision = false;         // the rollout ended in a collision
  bool offRoad = false;           // … or off the road
};

struct Fan {
  uint64_t seed = 0;  // the episode's seed
  long step = -1;     // the control step the rollouts start from (-1: none)
  std::vector<FanPath> paths;
};

// Builds the driver of sample `sample` for `env` (replayed to the start step), ready to decide there: `before` holds
// the observations of the steps before it (oldest first, at most FanRequest::history of them) for a driver with a
// history to remember. The rollout does not Reset the driver.
using FanDriverFactory = std::function<std::unique_ptr<sim::Driver>(int sample, const sim::Env& env,
                                                                    const std::vector<sim::Observation>& before)>;

struct FanRequest {
  std::string scenarioJson;  // the episode's scenario (Scenario::DefJson(), so a lesson's parameters are kept)
  std::string scenarioName;
  uint64_t seed = 0;                 // the episode's seed
  std::vector<sim::Action> actions;  // executed at control steps 0 … start−1: the rollouts start at actions.size()
  int history = 0;                   // observations before the start step the drivers are shown
  int samples = kFanSamples;
  double horizon = kFanHorizon;  // [s]
  FanDriverFactory makeDriver;
};

// Rolls out the request's samples; `stop` (optional) is polled between control steps and abandons the fan (its
// paths then end where they were). core::Error when the actions cannot be replayed (the episode ended earlier).
Fan RollOutFan(const FanRequest& request, const std::function<bool()>& stop = {});

// The factory for a policy: sample i is a PolicyDriver with its own sampling stream (seeded from `fanSeed` and i),
// at `temperature` / mean decode as the live one; with `laneKeeping` the expert steers, as in the Session.
FanDriverFactory PolicyFanDrivers(std::shared_ptr<const learning::policies::Policy> policy, double temperature,
                                  bool meanDecode, bool laneKeeping, uint64_t fanSeed);

}  // namespace app
