#pragma once
// The one episode loop everyone uses (recording, closed-loop evaluation, DAgger): Reset(seed), then
// Decide → Step(decision.executed) until the episode ends. Optionally records every step into a data::Episode
// (all observation components the env provides, executed actions, labels, rewards, dones, source) and calls a
// per-step callback.
#include <cstdint>
#include <functional>
#include <string>

#include "learning/data/env_args.h"
#include "learning/data/episode.h"
#include "sim/driver.h"
#include "sim/env.h"

namespace learning::imitation {

// What the loop saw at one control step: the observation the driver decided on, its decision, and what the
// env returned for it. `step` counts from 0.
struct RolloutStep {
  int step = 0;
  const sim::Observation& observation;
  const sim::DriverDecision& decision;
  const sim::StepResult& result;
};

struct RolloutOptions {
  std::string source;  // recorded as the episode's source; empty: driver.Source()
  long maxSteps = 0;   // stop after this many control steps even if the env goes on (0: no limit)
  std::function<void(const RolloutStep&)> onStep;  // optional, called after every Step
};

struct EpisodeResult {
  sim::EpisodeMetrics metrics;
  int length = 0;             // control steps
  double totalReward = 0.0;
  uint64_t seed = 0;
};

// Runs one episode. `record` (nullable) is overwritten with the episode.
EpisodeResult RunEpisode(sim::Env& env, sim::Driver& driver, uint64_t seed, const RolloutOptions& options,
                         data::Episode* record);

// Stores a finished episode's outcome in its record: success, collision and the metrics (off_road, progress,
// mean_speed, time_stopped, duration, then the scenario's extras). The app's tick-by-tick recorder uses it too.
void RecordOutcome(const sim::EpisodeMetrics& metrics, data::Episode& episode);

// The dataset description of what `env` provides: scenario, layout with entry names, control rate, action mode
// and the scenario's full parameters.
data::EnvArgs EnvArgsFor(const sim::Env& env);

// The seed of episode `index` of a run started from `baseSeed` (a child stream, so nearby base seeds and
// indices do not share episodes).
uint64_t EpisodeSeed(uint64_t baseSeed, int index);

}  // namespace learning::imitation
