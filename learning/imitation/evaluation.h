#pragma once
// Closed-loop evaluation: N episodes of a scenario driven by a driver (usually a PolicyDriver), on a pool of T
// threads with one Env and one driver per thread. Episode i always uses HeldOutSeed(seed, i) and the results
// are kept by episode index, so any T gives identical output. Aggregates: success / collision / off-road rates
// with Wilson 95% intervals, and the mean ± 95% t interval of every continuous metric (progress, mean speed,
// time stopped, duration, then the scenario's own metrics in the order it reports them; a per-event metric such
// as brake_light's mean start delay is weighted by its event count, sim::EpisodeMetrics::extra).
#include <cstdint>
#include <functional>
#include <memory>
#include <stop_token>
#include <string>
#include <utility>
#include <vector>

#include "learning/imitation/rollout.h"
#include "learning/imitation/statistics.h"
#include "learning/policies/policy.h"
#include "sim/driver.h"
#include "sim/env.h"

namespace learning::imitation {

// The seed of held-out episode `index`: a different derivation from EpisodeSeed (recording), so evaluating with
// the base seed a dataset was recorded with still drives episodes the policy never saw.
uint64_t HeldOutSeed(uint64_t baseSeed, int index);

struct EvaluationDef {
  int episodes = 100;  // ≥ 1
  uint64_t seed = 0;   // base seed: episode i uses HeldOutSeed(seed, i)
  int threads = 1;     // ≥ 1; the results do not depend on it
  long maxSteps = 0;   // control steps per episode before truncation (0: the scenario's time limit)
};

struct MetricEstimate {
  std::string name;  // "progress", "mean_speed", … (snake_case, as recorded in datasets)
  MeanEstimate estimate;
};

struct EvaluationSummary {
  std::string scenario;
  int episodes = 0;  // episodes finished (all of them unless cancelled)
  RateEstimate success;
  RateEstimate collision;
  RateEstimate offRoad;
  std::vector<MetricEstimate> metrics;
  std::vector<EpisodeResult> results;  // by episode index (cancelled: the finished ones, in index order)
  long steps = 0;                      // control steps driven
  double seconds = 0.0;                // [s] wall time
  bool cancelled = false;

  // The estimate called `name`; core::Error when absent.
  const MeanEstimate& Metric(const std::string& name) const;
};

using EnvFactory = std::function<sim::Env()>;
using DriverFactory = std::function<std::unique_ptr<sim::Driver>(const sim::Env&)>;
// One PolicyDriver per environment, all sharing `policy` (its layout is checked against the env).
// `temperature` < 0 keeps the policy's configured temperature.
DriverFactory PolicyDrivers(std::shared_ptr<const policies::Policy> policy, double temperature = -1.0);

// One Env and one driver per worker thread, built on the calling thread so construction errors (layouts)
// surface there.
struct WorkerEnvs {
  std::vector<sim::Env> envs;
  std::vector<std::unique_ptr<sim::Driver>> drivers;
};
WorkerEnvs MakeWorkerEnvs(const EnvFactory& makeEnv, const DriverFactory& makeDriver, int threads);

// Called after each finished episode, from the worker that ran it, one call at a time.
using EvaluationProgress = std::function<void(int done, int total, const EpisodeResult& last)>;

// Builds `def.threads` envs and drivers (on the calling thread) and runs the episodes. core::Error for a bad def;
// the first exception of any episode stops the run and is rethrown.
EvaluationSummary Evaluate(const EnvFactory& makeEnv, const DriverFactory& makeDriver, const EvaluationDef& def,
                           const EvaluationProgress& progress = {}, std::stop_token cancel = {});

// The same with one PolicyDriver per thread sharing `policy` (its layout is checked against the env first).
// `temperature` < 0 keeps the policy's configured temperature.
EvaluationSummary EvaluatePolicy(std::shared_ptr<const policies::Policy> policy, const EnvFactory& makeEnv,
                                 const EvaluationDef& def, double temperature = -1.0,
                                 const EvaluationProgress& progress = {}, std::stop_token cancel = {});

// Aggregates per-episode results (as Evaluate does).
EvaluationSummary Summarize(const std::string& scenario, std::vector<EpisodeResult> results);

// Flat named figures for --json: episodes, success_rate, success_ci_low, success_ci_high, collision_rate,
// collision_ci_low, collision_ci_high, off_road_rate, off_road_ci_low, off_road_ci_high, then for each metric
// <name>, <name>_ci_low, <name>_ci_high, and steps, seconds.
std::vector<std::pair<std::string, double>> SummaryFigures(const EvaluationSummary& summary);

}  // namespace learning::imitation
